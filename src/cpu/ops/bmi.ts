// BMI1 (andn, bextr, blsi, blsmsk, blsr; tzcnt is in bits.ts), BMI2 (bzhi, mulx, pdep,
// pext, rorx, sarx, shlx, shrx) and ADX (adcx, adox).
//
// The BMI forms are VEX-encoded with VEX.L = 0 ('LZ'); VEX.W selects 32 or 64 bits
// (the 'y' operands) and 'By' is the general register in VEX.vvvv. Flags the manuals
// leave undefined are set the way the reference CPU sets them, as
// tests/integer.test.mjs checks against the hardware: AF and PF are cleared by every
// BMI1 instruction and bzhi, and bextr also clears SF.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, OF, ZF, SF } from '../flags.js';
import { mulu32, mulu64, w } from '../int64.js';

// ---- operand access (32-bit forms leave hi = 0) -------------------------------------

let eHi = 0, vHi = 0;
function readE(c: Cpu, i: Insn): number {
  const s = i.opsize;
  const lo = c.readE(i, s);
  eHi = s === 8 ? c.hi : 0;
  return lo;
}
function readV(c: Cpu, i: Insn): number {
  const s = i.opsize;
  const lo = c.getReg(i.vexV, s);
  vHi = s === 8 ? c.hi : 0;
  return lo;
}
function readG(c: Cpu, i: Insn): number {
  const s = i.opsize;
  const lo = c.getReg(i.reg, s);
  eHi = s === 8 ? c.hi : 0;
  return lo;
}

/** ZF and SF of a result at the operand size, plus the given CF/OF (AF and PF cleared). */
function zs(size: number, lo: number, hi: number): number {
  let f = 0;
  if (size === 8) { if ((lo | hi) === 0) f |= ZF; if (hi & 0x80000000) f |= SF; }
  else { if (lo === 0) f |= ZF; if (lo & 0x80000000) f |= SF; }
  return f;
}
function setFlags(c: Cpu, f: number): void {
  c.setArithFlags(CF | 0x4 | 0x10 | ZF | SF | OF, f);
}

// ---- BMI1 -------------------------------------------------------------------------------

// andn: Gy = ~By & Ey; SF, ZF from the result, CF and OF cleared
function andn(c: Cpu, i: Insn): void {
  const s = i.opsize;
  const b = readE(c, i), bhi = eHi;
  const a = readV(c, i), ahi = vHi;
  const lo = (~a & b) >>> 0, hi = (~ahi & bhi) >>> 0;
  c.setReg(i.reg, s, lo, hi);
  setFlags(c, zs(s, lo, s === 8 ? hi : 0));
}

/** bits [start, start+len) of the 64-bit value lo:hi (0 when start is past bit 63) */
function extract(lo: number, hi: number, start: number, len: number, bits: number): void {
  let rlo = 0, rhi = 0;
  if (start < bits && len > 0) {
    // shift right by start
    if (start >= 32) { rlo = hi >>> (start - 32); rhi = 0; }
    else if (start > 0) { rlo = ((lo >>> start) | (hi << (32 - start))) >>> 0; rhi = hi >>> start; }
    else { rlo = lo; rhi = hi; }
    // keep len bits
    if (len < 32) { rlo = (rlo & ((1 << len) - 1)) >>> 0; rhi = 0; }
    else if (len < 64) rhi = (rhi & (len === 32 ? 0 : (2 ** (len - 32) - 1))) >>> 0;
  }
  w[0] = rlo; w[1] = rhi;
}

// bextr: Gy = Ey[start+len-1:start] with start = By[7:0], len = By[15:8]; ZF from the
// result, CF and OF cleared
function bextr(c: Cpu, i: Insn): void {
  const s = i.opsize;
  const v = readE(c, i), vhi = eHi;
  const ctl = readV(c, i);
  extract(v, vhi, ctl & 0xff, (ctl >>> 8) & 0xff, s * 8);
  const lo = w[0], hi = w[1];
  c.setReg(i.reg, s, lo, hi);
  setFlags(c, (lo | hi) === 0 ? ZF : 0);
}

const BLSR = 1, BLSMSK = 2, BLSI = 3;
// blsr/blsmsk/blsi By, Ey: src & (src - 1), src ^ (src - 1), src & -src
function blsx(kind: number): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const s = i.opsize;
    const v = readE(c, i), vhi = eHi;
    const zero = s === 8 ? (v | vhi) === 0 : v === 0;
    let lo: number, hi: number;
    if (kind === BLSI) {
      const nlo = (-v) >>> 0, nhi = (~vhi + (v === 0 ? 1 : 0)) >>> 0;
      lo = (v & nlo) >>> 0; hi = (vhi & nhi) >>> 0;
    } else {
      const mlo = (v - 1) >>> 0, mhi = (vhi - (v === 0 ? 1 : 0)) >>> 0;
      if (kind === BLSR) { lo = (v & mlo) >>> 0; hi = (vhi & mhi) >>> 0; }
      else { lo = (v ^ mlo) >>> 0; hi = (vhi ^ mhi) >>> 0; }
    }
    if (s !== 8) hi = 0;
    c.setReg(i.vexV, s, lo, hi);
    // blsi: CF = source is not zero; blsr, blsmsk: CF = source is zero
    const cf = kind === BLSI ? !zero : zero;
    setFlags(c, zs(s, lo, hi) | (cf ? CF : 0));
  };
}

// ---- BMI2 -------------------------------------------------------------------------------

// bzhi: Gy = Ey with the bits from By[7:0] up cleared; CF = the index is past the operand
function bzhi(c: Cpu, i: Insn): void {
  const s = i.opsize, bits = s * 8;
  const v = readE(c, i), vhi = eHi;
  const n = readV(c, i) & 0xff;
  let lo = v, hi = vhi;
  if (n < bits) { extract(v, vhi, 0, n, bits); lo = w[0]; hi = w[1]; }
  c.setReg(i.reg, s, lo, hi);
  setFlags(c, zs(s, lo, hi) | (n > bits - 1 ? CF : 0));
}

// mulx Gy, By, Ey: Gy:By = rDX * Ey (unsigned), flags unchanged; with Gy = By the
// high half is what remains
function mulx(c: Cpu, i: Insn): void {
  const s = i.opsize;
  const b = readE(c, i), bhi = eHi;
  if (s === 8) {
    const a = c.getReg(2, 8), ahi = c.hi;
    mulu64(a, ahi, b, bhi);
    const l0 = w[0], l1 = w[1], h0 = w[2], h1 = w[3];
    c.setReg(i.vexV, 8, l0, l1);
    c.setReg(i.reg, 8, h0, h1);
  } else {
    mulu32(c.getReg(2, 4), b);
    const l = w[0], h = w[1];
    c.setReg(i.vexV, 4, l, 0);
    c.setReg(i.reg, 4, h, 0);
  }
}

// pdep Gy, By, Ey: the low bits of By deposited at the set bits of the mask Ey
function pdep(c: Cpu, i: Insn): void {
  const s = i.opsize;
  const m = readE(c, i), mhi = eHi;
  const v = readV(c, i), vhi = vHi;
  let lo = 0, hi = 0, k = 0;
  for (let mm = m; mm !== 0; mm &= mm - 1) {
    const bit = mm & -mm;
    const src = k < 32 ? (v >>> k) & 1 : (vhi >>> (k - 32)) & 1;
    if (src) lo |= bit;
    k++;
  }
  for (let mm = mhi; mm !== 0; mm &= mm - 1) {
    const bit = mm & -mm;
    const src = k < 32 ? (v >>> k) & 1 : (vhi >>> (k - 32)) & 1;
    if (src) hi |= bit;
    k++;
  }
  c.setReg(i.reg, s, lo >>> 0, hi >>> 0);
}

// pext Gy, By, Ey: the bits of By at the set bits of the mask Ey, packed at the bottom
function pext(c: Cpu, i: Insn): void {
  const s = i.opsize;
  const m = readE(c, i), mhi = eHi;
  const v = readV(c, i), vhi = vHi;
  let lo = 0, hi = 0, k = 0;
  for (let mm = m; mm !== 0; mm &= mm - 1) {
    if (v & mm & -mm) { if (k < 32) lo |= 1 << k; else hi |= 1 << (k - 32); }
    k++;
  }
  for (let mm = mhi; mm !== 0; mm &= mm - 1) {
    if (vhi & mm & -mm) { if (k < 32) lo |= 1 << k; else hi |= 1 << (k - 32); }
    k++;
  }
  c.setReg(i.reg, s, lo >>> 0, hi >>> 0);
}

/** lo:hi shifted (kind 0 shl, 1 shr, 2 sar) or rotated right (3) by n (0..bits-1) at 32 or 64 bits */
function shift64(kind: number, lo: number, hi: number, n: number, bits: number): void {
  if (bits === 32) {
    w[1] = 0;
    if (n === 0) { w[0] = lo; return; }
    switch (kind) {
      case 0: w[0] = (lo << n) >>> 0; return;
      case 1: w[0] = lo >>> n; return;
      case 2: w[0] = (lo >> n) >>> 0; return;
      default: w[0] = ((lo >>> n) | (lo << (32 - n))) >>> 0; return;
    }
  }
  if (n === 0) { w[0] = lo; w[1] = hi; return; }
  if (kind === 3) {
    if (n >= 32) { const t = lo; lo = hi; hi = t; n -= 32; }
    if (n === 0) { w[0] = lo; w[1] = hi; return; }
    w[0] = ((lo >>> n) | (hi << (32 - n))) >>> 0;
    w[1] = ((hi >>> n) | (lo << (32 - n))) >>> 0;
    return;
  }
  if (kind === 0) {
    if (n >= 32) { w[1] = (lo << (n - 32)) >>> 0; w[0] = 0; }
    else { w[1] = ((hi << n) | (lo >>> (32 - n))) >>> 0; w[0] = (lo << n) >>> 0; }
    return;
  }
  const fill = kind === 2 ? hi >> 31 : 0;
  if (n >= 32) { w[0] = (kind === 2 ? hi >> (n - 32) : hi >>> (n - 32)) >>> 0; w[1] = fill >>> 0; }
  else { w[0] = ((lo >>> n) | (hi << (32 - n))) >>> 0; w[1] = (kind === 2 ? hi >> n : hi >>> n) >>> 0; }
}

// rorx Gy, Ey, Ib; shlx/shrx/sarx Gy, Ey, By: the count is masked to the operand size;
// flags unchanged
function rorx(c: Cpu, i: Insn): void {
  const s = i.opsize, bits = s * 8;
  const v = readE(c, i), vhi = eHi;
  shift64(3, v, vhi, i.imm & (bits - 1), bits);
  c.setReg(i.reg, s, w[0], w[1]);
}
function shiftx(kind: number): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const s = i.opsize, bits = s * 8;
    const v = readE(c, i), vhi = eHi;
    const n = readV(c, i) & (bits - 1);
    shift64(kind, v, vhi, n, bits);
    c.setReg(i.reg, s, w[0], w[1]);
  };
}

// ---- ADX --------------------------------------------------------------------------------

// adcx/adox Gy, Ey: Gy + Ey + CF (or OF), the carry out into CF (or OF) alone
function adx(flag: number): (c: Cpu, i: Insn) => void {
  return (c, i) => {
    const s = i.opsize;
    const b = readE(c, i), bhi = eHi;
    const a = readG(c, i), ahi = eHi;
    const cin = (flag === CF ? c.getCF() : c.getFlags() & OF) ? 1 : 0;
    const t = a + b + cin;
    const lo = t >>> 0;
    let carry = t > 0xffffffff ? 1 : 0;
    let hi = 0;
    if (s === 8) {
      const u = ahi + bhi + carry;
      hi = u >>> 0;
      carry = u > 0xffffffff ? 1 : 0;
    }
    c.setReg(i.reg, s, lo, hi);
    c.setArithFlags(flag, carry ? flag : 0);
  };
}

// ---- the table --------------------------------------------------------------------------

for (const W of ['W0', 'W1']) {
  op(`VEX.LZ.0F38.${W} F2 /r`, 'andn', 'Gy,By,Ey', andn, 0, 'bmi1');
  op(`VEX.LZ.0F38.${W} F7 /r`, 'bextr', 'Gy,Ey,By', bextr, 0, 'bmi1');
  op(`VEX.LZ.0F38.${W} F3 /1`, 'blsr', 'By,Ey', blsx(BLSR), 0, 'bmi1');
  op(`VEX.LZ.0F38.${W} F3 /2`, 'blsmsk', 'By,Ey', blsx(BLSMSK), 0, 'bmi1');
  op(`VEX.LZ.0F38.${W} F3 /3`, 'blsi', 'By,Ey', blsx(BLSI), 0, 'bmi1');
  op(`VEX.LZ.0F38.${W} F5 /r`, 'bzhi', 'Gy,Ey,By', bzhi, 0, 'bmi2');
  op(`VEX.LZ.F2.0F38.${W} F6 /r`, 'mulx', 'Gy,By,Ey', mulx, 0, 'bmi2');
  op(`VEX.LZ.F2.0F38.${W} F5 /r`, 'pdep', 'Gy,By,Ey', pdep, 0, 'bmi2');
  op(`VEX.LZ.F3.0F38.${W} F5 /r`, 'pext', 'Gy,By,Ey', pext, 0, 'bmi2');
  op(`VEX.LZ.F2.0F3A.${W} F0 /r ib`, 'rorx', 'Gy,Ey,Ib', rorx, 0, 'bmi2');
  op(`VEX.LZ.F3.0F38.${W} F7 /r`, 'sarx', 'Gy,Ey,By', shiftx(2), 0, 'bmi2');
  op(`VEX.LZ.66.0F38.${W} F7 /r`, 'shlx', 'Gy,Ey,By', shiftx(0), 0, 'bmi2');
  op(`VEX.LZ.F2.0F38.${W} F7 /r`, 'shrx', 'Gy,Ey,By', shiftx(1), 0, 'bmi2');
}
op('66 0F 38 F6 /r', 'adcx', 'Gy,Ey', adx(CF), 0, 'adx');
op('F3 0F 38 F6 /r', 'adox', 'Gy,Ey', adx(OF), 0, 'adx');
