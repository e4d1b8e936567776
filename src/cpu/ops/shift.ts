// Shifts and rotates: rol/ror/rcl/rcr/shl/shr/sal/sar (group 2) and shld/shrd.
//
// A masked count of zero changes nothing (rcl/rcr: a count that is a multiple of
// size+1 neither). Shifts set SF/ZF/PF from the result, CF from the last bit out and
// AF to 0; rotates change only CF and OF. OF, which the manuals define only for a count
// of one, is computed on this CPU family from the original operand for every count,
// exactly as for a one-bit shift (except rol/ror of a register by an immediate count
// above one, which leave OF unchanged):
//   rol, shl, rcl: msb ^ (msb-1)   ror: lsb ^ msb   rcr: CF-in ^ msb   shr: msb   sar: 0
//   shld: msb ^ (msb-1) of the destination   shrd: lsb of the source ^ msb of the destination
// (tests/integer.test.mjs compares every count 0..255 with the hardware).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, OF } from '../flags.js';
import { trunc, readRMW } from './alu.js';
import { RCX } from '../state.js';

const ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7;
const NAMES = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];

/** x << n and x >>> n for 0 <= n <= 32 (JavaScript shifts take n mod 32) */
const shl32 = (x: number, n: number): number => (n >= 32 ? 0 : x << n);
const shr32 = (x: number, n: number): number => (n >= 32 ? 0 : x >>> n);

// 64-bit shifts on halves for 0 <= n <= 64; the result is left in rl/rh
let rl = 0, rh = 0;
function shl64(lo: number, hi: number, n: number): void {
  if (n === 0) { rl = lo; rh = hi; }
  else if (n < 32) { rh = ((hi << n) | (lo >>> (32 - n))) >>> 0; rl = (lo << n) >>> 0; }
  else if (n < 64) { rh = (lo << (n - 32)) >>> 0; rl = 0; }
  else { rl = 0; rh = 0; }
}
function shr64(lo: number, hi: number, n: number): void {
  if (n === 0) { rl = lo; rh = hi; }
  else if (n < 32) { rl = ((lo >>> n) | (hi << (32 - n))) >>> 0; rh = hi >>> n; }
  else if (n < 64) { rl = hi >>> (n - 32); rh = 0; }
  else { rl = 0; rh = 0; }
}
function bit64(lo: number, hi: number, k: number): number {
  return k >= 32 ? (hi >>> (k - 32)) & 1 : (lo >>> k) & 1;
}

const flagsCO = (cf: number, of: number): number => (cf ? CF : 0) | (of ? OF : 0);

/**
 * A masked count of zero: nothing changes, but the operand is still written as on the
 * hardware: a 32-bit register has its upper half cleared, and a read-only memory
 * operand faults.
 */
function countZero(c: Cpu, i: Insn): void {
  const s = i.opsize;
  if (i.mod !== 3) { const v = readRMW(c, i, s); c.writeE(i, s, v, c.hi, true); }
  else if (s === 4) c.setReg(i.rm, 4, c.getReg(i.rm, 4), 0);
}

/** Shift or rotate the E operand of i by count (unmasked); imm: the count is an immediate. */
function shiftE(c: Cpu, i: Insn, kind: number, count: number, imm: boolean): void {
  const s = i.opsize, bits = s * 8;
  const n = count & (s === 8 ? 0x3f : 0x1f);
  if (n === 0) { countZero(c, i); return; }
  const v = readRMW(c, i, s), vhi = c.hi; // faults before any flag changes
  if (s === 8) { shift64(c, i, kind, n, v, vhi, imm); return; }
  const top = (v >>> (bits - 1)) & 1, next = (v >>> (bits - 2)) & 1;
  let r: number;
  switch (kind) {
    case SHL: case SAL: {
      r = trunc(v << n, s);
      const cf = n <= bits ? (v >>> (bits - n)) & 1 : 0;
      c.setResultFlags(s, r, 0, flagsCO(cf, top ^ next));
      break;
    }
    case SHR: {
      r = v >>> n;
      const cf = n <= bits ? (v >>> (n - 1)) & 1 : 0;
      c.setResultFlags(s, r, 0, flagsCO(cf, top));
      break;
    }
    case SAR: {
      const sv = (v << (32 - bits)) >> (32 - bits);
      r = trunc(sv >> n, s);
      c.setResultFlags(s, r, 0, (sv >> (n - 1)) & 1 ? CF : 0);
      break;
    }
    case ROL: {
      const k = n % bits;
      r = k === 0 ? v : trunc((v << k) | (v >>> (bits - k)), s);
      if (imm && n > 1 && i.mod === 3) c.setArithFlags(CF, r & 1); // OF unchanged (see above)
      else c.setArithFlags(CF | OF, flagsCO(r & 1, top ^ next));
      break;
    }
    case ROR: {
      const k = n % bits;
      r = k === 0 ? v : trunc((v >>> k) | (v << (bits - k)), s);
      if (imm && n > 1 && i.mod === 3) c.setArithFlags(CF, r >>> (bits - 1));
      else c.setArithFlags(CF | OF, flagsCO(r >>> (bits - 1), (v & 1) ^ top));
      break;
    }
    case RCL: {
      const k = n % (bits + 1);
      if (k === 0) { c.writeE(i, s, v, 0, true); return; }
      const cin = c.getCF();
      r = trunc(shl32(v, k) | (cin << (k - 1)) | shr32(v, bits + 1 - k), s);
      c.setArithFlags(CF | OF, flagsCO(shr32(v, bits - k) & 1, top ^ next));
      break;
    }
    default: { // RCR
      const k = n % (bits + 1);
      if (k === 0) { c.writeE(i, s, v, 0, true); return; }
      const cin = c.getCF();
      r = trunc(shr32(v, k) | shl32(cin, bits - k) | shl32(v, bits + 1 - k), s);
      c.setArithFlags(CF | OF, flagsCO((v >>> (k - 1)) & 1, cin ^ top));
    }
  }
  c.writeE(i, s, r, 0, true);
}

function shift64(c: Cpu, i: Insn, kind: number, n: number, lo: number, hi: number, imm: boolean): void {
  const top = hi >>> 31, next = (hi >>> 30) & 1;
  switch (kind) {
    case SHL: case SAL:
      shl64(lo, hi, n);
      c.setResultFlags(8, rl, rh, flagsCO(bit64(lo, hi, 64 - n), top ^ next));
      break;
    case SHR:
      shr64(lo, hi, n);
      c.setResultFlags(8, rl, rh, flagsCO(bit64(lo, hi, n - 1), top));
      break;
    case SAR: {
      shr64(lo, hi, n);
      if (top) { const al = rl, ah = rh; shl64(0xffffffff, 0xffffffff, 64 - n); rl = (rl | al) >>> 0; rh = (rh | ah) >>> 0; }
      c.setResultFlags(8, rl, rh, bit64(lo, hi, n - 1) ? CF : 0);
      break;
    }
    case ROL: case ROR: {
      const k = kind === ROL ? n : 64 - n;
      shl64(lo, hi, k); const al = rl, ah = rh;
      shr64(lo, hi, 64 - k);
      rl = (rl | al) >>> 0; rh = (rh | ah) >>> 0;
      const cf = kind === ROL ? rl & 1 : rh >>> 31;
      if (imm && n > 1 && i.mod === 3) c.setArithFlags(CF, cf);
      else c.setArithFlags(CF | OF, flagsCO(cf, kind === ROL ? top ^ next : (lo & 1) ^ top));
      break;
    }
    case RCL: { // a 65-bit rotate; n < 65 so the count needs no reduction
      const cin = c.getCF();
      shr64(lo, hi, 65 - n); const bl = rl, bh = rh;
      shl64(cin, 0, n - 1); const cl = rl, ch = rh;
      shl64(lo, hi, n);
      rl = (rl | bl | cl) >>> 0; rh = (rh | bh | ch) >>> 0;
      c.setArithFlags(CF | OF, flagsCO(bit64(lo, hi, 64 - n), top ^ next));
      break;
    }
    default: { // RCR
      const cin = c.getCF();
      shl64(lo, hi, 65 - n); const bl = rl, bh = rh;
      shl64(cin, 0, 64 - n); const cl = rl, ch = rh;
      shr64(lo, hi, n);
      rl = (rl | bl | cl) >>> 0; rh = (rh | bh | ch) >>> 0;
      c.setArithFlags(CF | OF, flagsCO(bit64(lo, hi, n - 1), cin ^ top));
    }
  }
  c.writeE(i, 8, rl, rh, true);
}
for (let k = 0; k < 8; k++) {
  op(`C0 /${k}`, NAMES[k], 'Eb,Ib', (c, i) => shiftE(c, i, k, i.imm, true));
  op(`C1 /${k}`, NAMES[k], 'Ev,Ib', (c, i) => shiftE(c, i, k, i.imm, true));
  op(`D0 /${k}`, NAMES[k], 'Eb,1', (c, i) => shiftE(c, i, k, 1, false));
  op(`D1 /${k}`, NAMES[k], 'Ev,1', (c, i) => shiftE(c, i, k, 1, false));
  op(`D2 /${k}`, NAMES[k], 'Eb,CL', (c, i) => shiftE(c, i, k, c.r[2 * RCX] & 0xff, false));
  op(`D3 /${k}`, NAMES[k], 'Ev,CL', (c, i) => shiftE(c, i, k, c.r[2 * RCX] & 0xff, false));
}

// ---- double-precision shifts ------------------------------------------------------

function shxd(c: Cpu, i: Insn, left: boolean, count: number): void {
  const s = i.opsize, bits = s * 8;
  const n = count & (s === 8 ? 0x3f : 0x1f);
  if (n === 0) { countZero(c, i); return; }
  const d = readRMW(c, i, s), dhi = c.hi;
  const src = c.readG(i, s), shi = c.hi;
  let r: number, rhi = 0, cf: number;
  if (s === 8) {
    if (left) {
      shr64(src, shi, 64 - n); const bl = rl, bh = rh;
      shl64(d, dhi, n);
      cf = bit64(d, dhi, 64 - n);
      r = (rl | bl) >>> 0; rhi = (rh | bh) >>> 0;
    } else {
      shl64(src, shi, 64 - n); const bl = rl, bh = rh;
      shr64(d, dhi, n);
      cf = bit64(d, dhi, n - 1);
      r = (rl | bl) >>> 0; rhi = (rh | bh) >>> 0;
    }
  } else if (s === 4) {
    if (left) { r = ((d << n) | shr32(src, 32 - n)) >>> 0; cf = (d >>> (32 - n)) & 1; }
    else { r = ((d >>> n) | shl32(src, 32 - n)) >>> 0; cf = (d >>> (n - 1)) & 1; }
  } else {
    // 16 bits with counts up to 31: the hardware shifts through dest:src:dest (48 bits)
    if (left) {
      const cat = d * 4294967296 + src * 65536 + d;
      r = Math.floor(cat / 2 ** (32 - n)) & 0xffff;
      cf = Math.floor(cat / 2 ** (48 - n)) & 1;
    } else {
      const cat = d + src * 65536 + d * 4294967296;
      r = Math.floor(cat / 2 ** n) & 0xffff;
      cf = Math.floor(cat / 2 ** (n - 1)) & 1;
    }
  }
  const dtop = s === 8 ? dhi >>> 31 : (d >>> (bits - 1)) & 1;
  const of = left ? dtop ^ (s === 8 ? (dhi >>> 30) & 1 : (d >>> (bits - 2)) & 1) : dtop ^ (src & 1);
  c.setResultFlags(s, r, rhi, flagsCO(cf, of));
  c.writeE(i, s, r, rhi, true);
}
op('0F A4 /r', 'shld', 'Ev,Gv,Ib', (c, i) => shxd(c, i, true, i.imm));
op('0F A5 /r', 'shld', 'Ev,Gv,CL', (c, i) => shxd(c, i, true, c.r[2 * RCX] & 0xff));
op('0F AC /r', 'shrd', 'Ev,Gv,Ib', (c, i) => shxd(c, i, false, i.imm));
op('0F AD /r', 'shrd', 'Ev,Gv,CL', (c, i) => shxd(c, i, false, c.r[2 * RCX] & 0xff));
