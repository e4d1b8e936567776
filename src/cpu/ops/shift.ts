// Shifts and rotates: rol/ror/rcl/rcr/shl/shr/sar (group 2) and shld/shrd.
// Flags: shifts set SF/ZF/PF from the result and CF from the last bit out; rotates
// change only CF and OF. A masked count of zero changes nothing.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, OF } from '../flags.js';
import { toBig, w, fromBig } from '../int64.js';
import { trunc } from './alu.js';
import { RCX } from '../state.js';

const ROL = 0, ROR = 1, RCL = 2, RCR = 3, SHL = 4, SHR = 5, SAL = 6, SAR = 7;
const NAMES = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];

/** Shift or rotate the E operand of i by count (unmasked). */
function shiftE(c: Cpu, i: Insn, kind: number, count: number): void {
  const s = i.opsize, bits = s * 8;
  const n = count & (s === 8 ? 0x3f : 0x1f);
  if (n === 0) { if (i.mod !== 3) c.readE(i, s); return; } // still faults on a bad address
  const v = c.readE(i, s), vhi = c.hi;
  if (s === 8) { shift64(c, i, kind, n, v, vhi); return; }
  const mask = s === 4 ? 0xffffffff : (1 << bits) - 1;
  const msb = (x: number) => (x >>> (bits - 1)) & 1;
  let r: number, cf: number, of: number;
  switch (kind) {
    case SHL: case SAL:
      r = n < 32 ? trunc(v << n, s) : 0;
      cf = n <= bits ? (v >>> (bits - n)) & 1 : 0;
      of = msb(r) ^ cf;
      c.setResultFlags(s, r, 0, (cf ? CF : 0) | (of ? OF : 0));
      break;
    case SHR:
      r = v >>> n;
      cf = n <= bits ? (v >>> (n - 1)) & 1 : 0;
      of = n === 1 ? msb(v) : 0;
      c.setResultFlags(s, r, 0, (cf ? CF : 0) | (of ? OF : 0));
      break;
    case SAR: {
      const sv = (v << (32 - bits)) >> (32 - bits);
      r = trunc(sv >> Math.min(n, 31), s);
      cf = (sv >> Math.min(n - 1, 31)) & 1;
      c.setResultFlags(s, r, 0, cf ? CF : 0);
      break;
    }
    case ROL: {
      const k = n % bits;
      r = k === 0 ? v : trunc((v << k) | (v >>> (bits - k)), s);
      cf = r & 1;
      of = msb(r) ^ cf;
      c.setArithFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
      break;
    }
    case ROR: {
      const k = n % bits;
      r = k === 0 ? v : trunc((v >>> k) | (v << (bits - k)), s);
      cf = msb(r);
      of = msb(r) ^ ((r >>> (bits - 2)) & 1);
      c.setArithFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
      break;
    }
    default: { // RCL, RCR through a (bits+1)-bit value
      const k = n % (bits + 1);
      let cin = c.getCF();
      r = v;
      if (k === 0) { c.writeE(i, s, r, 0, true); return; }
      for (let t = 0; t < k; t++) {
        if (kind === RCL) { const out = msb(r); r = trunc((r << 1) | cin, s); cin = out; }
        else { const out = r & 1; r = ((r >>> 1) | (cin << (bits - 1))) >>> 0; r = trunc(r, s); cin = out; }
      }
      cf = cin;
      of = kind === RCL ? msb(r) ^ cf : msb(r) ^ ((r >>> (bits - 2)) & 1);
      c.setArithFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
    }
  }
  c.writeE(i, s, r & mask, 0, true);
}

function shift64(c: Cpu, i: Insn, kind: number, n: number, lo: number, hi: number): void {
  let rlo: number, rhi: number, cf: number, of: number;
  switch (kind) {
    case SHL: case SAL: {
      if (n < 32) { rhi = ((hi << n) | (lo >>> (32 - n))) >>> 0; rlo = (lo << n) >>> 0; }
      else if (n === 32) { rhi = lo; rlo = 0; }
      else { rhi = (lo << (n - 32)) >>> 0; rlo = 0; }
      const idx = 64 - n;
      cf = idx >= 32 ? (hi >>> (idx - 32)) & 1 : (lo >>> idx) & 1;
      of = (rhi >>> 31) ^ cf;
      c.setResultFlags(8, rlo, rhi, (cf ? CF : 0) | (of ? OF : 0));
      break;
    }
    case SHR: case SAR: {
      const sign = kind === SAR ? hi >> 31 : 0; // 0 or -1
      if (n < 32) { rlo = ((lo >>> n) | (hi << (32 - n))) >>> 0; rhi = kind === SAR ? (hi >> n) >>> 0 : hi >>> n; }
      else if (n === 32) { rlo = hi; rhi = sign >>> 0; }
      else { rlo = (kind === SAR ? hi >> (n - 32) : hi >>> (n - 32)) >>> 0; rhi = sign >>> 0; }
      const idx = n - 1;
      cf = idx >= 32 ? (hi >>> (idx - 32)) & 1 : (lo >>> idx) & 1;
      of = kind === SHR && n === 1 ? hi >>> 31 : 0;
      c.setResultFlags(8, rlo, rhi, (cf ? CF : 0) | (of ? OF : 0));
      break;
    }
    default: {
      // rotates on 64 bits: rare enough for BigInt
      const v = toBig(lo, hi), M = (1n << 64n) - 1n;
      let r: bigint;
      if (kind === ROL || kind === ROR) {
        const k = BigInt(kind === ROL ? n : 64 - n);
        r = ((v << k) | (v >> (64n - k))) & M;
        fromBig(r); rlo = w[0]; rhi = w[1];
        if (kind === ROL) { cf = rlo & 1; of = (rhi >>> 31) ^ cf; }
        else { cf = rhi >>> 31; of = (rhi >>> 31) ^ ((rhi >>> 30) & 1); }
      } else {
        const k = BigInt(n % 65);
        const wide = (BigInt(c.getCF()) << 64n) | v; // 65-bit value: carry above the operand
        const W = (1n << 65n) - 1n;
        const rot = kind === RCL ? ((wide << k) | (wide >> (65n - k))) & W : ((wide >> k) | (wide << (65n - k))) & W;
        r = rot & M;
        fromBig(r); rlo = w[0]; rhi = w[1];
        cf = Number(rot >> 64n) & 1;
        of = kind === RCL ? (rhi >>> 31) ^ cf : (rhi >>> 31) ^ ((rhi >>> 30) & 1);
      }
      c.setArithFlags(CF | OF, (cf ? CF : 0) | (of ? OF : 0));
    }
  }
  c.writeE(i, 8, rlo, rhi, true);
}

for (let k = 0; k < 8; k++) {
  op(`C0 /${k}`, NAMES[k], 'Eb,Ib', (c, i) => shiftE(c, i, k, i.imm));
  op(`C1 /${k}`, NAMES[k], 'Ev,Ib', (c, i) => shiftE(c, i, k, i.imm));
  op(`D0 /${k}`, NAMES[k], 'Eb,1', (c, i) => shiftE(c, i, k, 1));
  op(`D1 /${k}`, NAMES[k], 'Ev,1', (c, i) => shiftE(c, i, k, 1));
  op(`D2 /${k}`, NAMES[k], 'Eb,CL', (c, i) => shiftE(c, i, k, c.r[2 * RCX] & 0xff));
  op(`D3 /${k}`, NAMES[k], 'Ev,CL', (c, i) => shiftE(c, i, k, c.r[2 * RCX] & 0xff));
}

// ---- double-precision shifts ------------------------------------------------------
function shxd(c: Cpu, i: Insn, left: boolean, count: number): void {
  const s = i.opsize, bits = s * 8;
  const n = count & (s === 8 ? 0x3f : 0x1f);
  if (n === 0) { if (i.mod !== 3) c.readE(i, s); return; }
  const d = c.readE(i, s), dhi = c.hi;
  const src = c.readG(i, s), shi = c.hi;
  const D = s === 8 ? toBig(d, dhi) : BigInt(d >>> 0), S = s === 8 ? toBig(src, shi) : BigInt(src >>> 0);
  const B = BigInt(bits), N = BigInt(n), M = (1n << B) - 1n;
  let r: bigint, cf: number;
  if (left) {
    // for 16-bit operands with n > 16 the hardware shifts src bits back in: model as a 3x concat
    const cat = s === 2 ? (D << 32n) | (S << 16n) | D : (D << B) | S;
    const width = s === 2 ? 48n : 2n * B;
    r = (cat >> (width - B - N)) & M;
    cf = Number((cat >> (width - N)) & 1n);
  } else {
    const cat = s === 2 ? (D << 32n) | (S << 16n) | D : (S << B) | D;
    const full = s === 2 ? (S << 32n) | (D << 16n) | S : cat;
    void full;
    const c2 = s === 2 ? (D << 0n) | (S << 16n) | (D << 32n) : cat;
    r = (c2 >> N) & M;
    cf = Number((c2 >> (N - 1n)) & 1n);
  }
  const msb = Number((r >> (B - 1n)) & 1n), dmsb = Number((D >> (B - 1n)) & 1n);
  fromBig(r);
  const rlo = w[0], rhi = s === 8 ? w[1] : 0;
  c.setResultFlags(s, rlo, rhi, (cf ? CF : 0) | (msb !== dmsb ? OF : 0));
  c.writeE(i, s, rlo, rhi, true);
}
op('0F A4 /r', 'shld', 'Ev,Gv,Ib', (c, i) => shxd(c, i, true, i.imm));
op('0F A5 /r', 'shld', 'Ev,Gv,CL', (c, i) => shxd(c, i, true, c.r[2 * RCX] & 0xff));
op('0F AC /r', 'shrd', 'Ev,Gv,Ib', (c, i) => shxd(c, i, false, i.imm));
op('0F AD /r', 'shrd', 'Ev,Gv,CL', (c, i) => shxd(c, i, false, c.r[2 * RCX] & 0xff));
