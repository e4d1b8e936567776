// Integer arithmetic and logic: add/or/adc/sbb/and/sub/xor/cmp, test, inc/dec,
// neg/not, the mul/imul/div/idiv family.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag } from '../isa/table.js';
import { FlagOp, SIZE_MASK, SIGN_BIT, PARITY, CF, OF, AF, SF } from '../flags.js';
import { w, mulu32, muls32, mulu64, muls64, toBig, toBigSigned, fromBig } from '../int64.js';
import { CpuException, EXC_DE } from '../exceptions.js';
import { RAX, RDX } from '../state.js';
import { P_W } from '../../mem/memory.js';

export const ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;
const NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];

/** Truncate a value to an operand size of 1, 2 or 4 bytes, as an unsigned number. */
export function trunc(v: number, size: number): number {
  return size === 4 ? v >>> 0 : v & SIZE_MASK[size];
}

/** Perform ALU operation `o` at `size`, record flags; returns the low half, upper half in c.hi. */
export function arith(c: Cpu, o: number, size: number, a: number, ahi: number, b: number, bhi: number): number {
  if (size === 8) return arith64(c, o, a >>> 0, ahi >>> 0, b >>> 0, bhi >>> 0);
  a = trunc(a, size); b = trunc(b, size);
  let r: number;
  switch (o) {
    case ADD: r = trunc(a + b, size); c.setLazy(FlagOp.Add, size, a, 0, b, 0, r, 0); break;
    case ADC: {
      const cin = c.getCF();
      r = trunc(a + b + cin, size); c.setLazy(cin ? FlagOp.Adc : FlagOp.Add, size, a, 0, b, 0, r, 0); break;
    }
    case SBB: {
      const cin = c.getCF();
      r = trunc(a - b - cin, size); c.setLazy(cin ? FlagOp.Sbb : FlagOp.Sub, size, a, 0, b, 0, r, 0); break;
    }
    case SUB: case CMP: r = trunc(a - b, size); c.setLazy(FlagOp.Sub, size, a, 0, b, 0, r, 0); break;
    case OR: r = trunc(a | b, size); c.setResultFlags(size, r, 0, 0); break;
    case AND: r = trunc(a & b, size); c.setResultFlags(size, r, 0, 0); break;
    default: r = trunc(a ^ b, size); c.setResultFlags(size, r, 0, 0); break;
  }
  c.hi = 0;
  return r;
}

function arith64(c: Cpu, o: number, a: number, ahi: number, b: number, bhi: number): number {
  let lo: number, hi: number;
  switch (o) {
    case ADD: case ADC: {
      const cin = o === ADC ? c.getCF() : 0;
      const s = a + b + cin;
      lo = s >>> 0;
      hi = (ahi + bhi + (s > 0xffffffff ? 1 : 0)) >>> 0;
      c.setLazy(cin ? FlagOp.Adc : FlagOp.Add, 8, a, ahi, b, bhi, lo, hi);
      break;
    }
    case SUB: case CMP: case SBB: {
      const cin = o === SBB ? c.getCF() : 0;
      const s = a - b - cin;
      lo = s >>> 0;
      hi = (ahi - bhi - (s < 0 ? 1 : 0)) >>> 0;
      c.setLazy(cin ? FlagOp.Sbb : FlagOp.Sub, 8, a, ahi, b, bhi, lo, hi);
      break;
    }
    case OR: lo = (a | b) >>> 0; hi = (ahi | bhi) >>> 0; c.setResultFlags(8, lo, hi, 0); break;
    case AND: lo = (a & b) >>> 0; hi = (ahi & bhi) >>> 0; c.setResultFlags(8, lo, hi, 0); break;
    default: lo = (a ^ b) >>> 0; hi = (ahi ^ bhi) >>> 0; c.setResultFlags(8, lo, hi, 0); break;
  }
  c.hi = hi;
  return lo;
}

/** Fault (as a write) unless [a, a+s) is writable. */
export function probeWrite(c: Cpu, a: number, s: number): void {
  const perm = c.mem.perm;
  if ((perm[a >>> 12] & P_W) === 0 || ((a & 0xfff) > 4096 - s && (perm[(a + s - 1) >>> 12] & P_W) === 0)) {
    c.mem.slowWriteCheck(a, s);
  }
}

/**
 * Read the E operand of a read-modify-write instruction. Memory is accessed with write
 * intent as on the hardware: an operand that cannot be written (or is not mapped)
 * faults as a write before anything changes, so the store that follows cannot fault.
 * The store reuses the address (writeE with again = true).
 */
export function readRMW(c: Cpu, i: Insn, s: number): number {
  if (i.mod === 3) return c.getReg(s === 1 ? i.rm8 : i.rm, s);
  const a = c.ea(i);
  c.lastEA = a;
  probeWrite(c, a, s);
  return c.readMem(a, s);
}

// ---- the eight ALU operations in their six classic forms plus group 1 ----------

function aluEG(o: number) {
  return (c: Cpu, i: Insn): void => {
    const s = i.opsize;
    const a = o === CMP ? c.readE(i, s) : readRMW(c, i, s), ahi = c.hi;
    const b = c.readG(i, s);
    const r = arith(c, o, s, a, ahi, b, c.hi);
    if (o !== CMP) c.writeE(i, s, r, c.hi, true);
  };
}
function aluGE(o: number) {
  return (c: Cpu, i: Insn): void => {
    const s = i.opsize;
    const b = c.readE(i, s), bhi = c.hi;
    const a = c.readG(i, s);
    const r = arith(c, o, s, a, c.hi, b, bhi);
    if (o !== CMP) c.writeG(i, s, r, c.hi);
  };
}
function aluEI(o: number) {
  return (c: Cpu, i: Insn): void => {
    const s = i.opsize;
    const a = o === CMP ? c.readE(i, s) : readRMW(c, i, s), ahi = c.hi;
    const r = arith(c, o, s, a, ahi, i.imm, i.immHi);
    if (o !== CMP) c.writeE(i, s, r, c.hi, true);
  };
}
function aluAI(o: number) {
  return (c: Cpu, i: Insn): void => {
    const s = i.opsize;
    const a = c.getReg(RAX, s);
    const r = arith(c, o, s, a, c.hi, i.imm, i.immHi);
    if (o !== CMP) c.setReg(RAX, s, r, c.hi);
  };
}

for (let o = 0; o < 8; o++) {
  const base = (o * 8).toString(16).padStart(2, '0').toUpperCase();
  const hex = (k: number) => (o * 8 + k).toString(16).padStart(2, '0').toUpperCase();
  const lockable = o === CMP ? 0 : DefFlag.Lockable;
  op(`${base} /r`, NAMES[o], 'Eb,Gb', aluEG(o), lockable);
  op(`${hex(1)} /r`, NAMES[o], 'Ev,Gv', aluEG(o), lockable);
  op(`${hex(2)} /r`, NAMES[o], 'Gb,Eb', aluGE(o));
  op(`${hex(3)} /r`, NAMES[o], 'Gv,Ev', aluGE(o));
  op(`${hex(4)}`, NAMES[o], 'AL,Ib', aluAI(o));
  op(`${hex(5)}`, NAMES[o], 'rAX,Iz', aluAI(o));
  op(`80 /${o}`, NAMES[o], 'Eb,Ib', aluEI(o), lockable);
  op(`81 /${o}`, NAMES[o], 'Ev,Iz', aluEI(o), lockable);
  op(`83 /${o}`, NAMES[o], 'Ev,Ib', aluEI(o), lockable);
}

// ---- test ---------------------------------------------------------------------------

function testOp(c: Cpu, s: number, a: number, ahi: number, b: number, bhi: number): void {
  if (s === 8) c.setResultFlags(8, (a & b) >>> 0, (ahi & bhi) >>> 0, 0);
  else c.setResultFlags(s, trunc(a & b, s), 0, 0);
}
const testEG = (c: Cpu, i: Insn): void => {
  const s = i.opsize; const a = c.readE(i, s), ahi = c.hi; const b = c.readG(i, s);
  testOp(c, s, a, ahi, b, c.hi);
};
const testEI = (c: Cpu, i: Insn): void => {
  const s = i.opsize; const a = c.readE(i, s); testOp(c, s, a, c.hi, i.imm, i.immHi);
};
const testAI = (c: Cpu, i: Insn): void => {
  const s = i.opsize; const a = c.getReg(RAX, s); testOp(c, s, a, c.hi, i.imm, i.immHi);
};
op('84 /r', 'test', 'Eb,Gb', testEG);
op('85 /r', 'test', 'Ev,Gv', testEG);
op('A8', 'test', 'AL,Ib', testAI);
op('A9', 'test', 'rAX,Iz', testAI);
op('F6 /0', 'test', 'Eb,Ib', testEI);
op('F6 /1', 'test', 'Eb,Ib', testEI); // undocumented alias
op('F7 /0', 'test', 'Ev,Iz', testEI);
op('F7 /1', 'test', 'Ev,Iz', testEI);

// ---- inc, dec, neg, not ------------------------------------------------------------

function incdec(dec: boolean) {
  return (c: Cpu, i: Insn): void => {
    const s = i.opsize;
    const a = readRMW(c, i, s), ahi = c.hi;
    let r: number, rhi = 0, bits = c.getCF();
    if (s === 8) {
      if (dec) { r = (a - 1) >>> 0; rhi = a === 0 ? (ahi - 1) >>> 0 : ahi; if (ahi === 0x80000000 && a === 0) bits |= OF; }
      else { r = (a + 1) >>> 0; rhi = r === 0 ? (ahi + 1) >>> 0 : ahi; if (ahi === 0x7fffffff && a === 0xffffffff) bits |= OF; }
    } else {
      r = trunc(dec ? a - 1 : a + 1, s);
      if (dec ? a === SIGN_BIT[s] : r === SIGN_BIT[s]) bits |= OF;
    }
    if (dec ? (r & 0xf) === 0xf : (r & 0xf) === 0) bits |= AF;
    c.setResultFlags(s, r, rhi, bits);
    c.writeE(i, s, r, rhi, true);
  };
}
op('FE /0', 'inc', 'Eb', incdec(false), DefFlag.Lockable);
op('FE /1', 'dec', 'Eb', incdec(true), DefFlag.Lockable);
op('FF /0', 'inc', 'Ev', incdec(false), DefFlag.Lockable);
op('FF /1', 'dec', 'Ev', incdec(true), DefFlag.Lockable);

const negE = (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const a = readRMW(c, i, s), ahi = c.hi;
  const r = arith(c, SUB, s, 0, 0, a, ahi);
  c.writeE(i, s, r, c.hi, true);
};
const notE = (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const a = readRMW(c, i, s);
  if (s === 8) c.writeE(i, s, ~a >>> 0, ~c.hi >>> 0, true);
  else c.writeE(i, s, trunc(~a, s), 0, true);
};
op('F6 /2', 'not', 'Eb', notE, DefFlag.Lockable);
op('F7 /2', 'not', 'Ev', notE, DefFlag.Lockable);
op('F6 /3', 'neg', 'Eb', negE, DefFlag.Lockable);
op('F7 /3', 'neg', 'Ev', negE, DefFlag.Lockable);

// ---- multiply ---------------------------------------------------------------------

/**
 * Flags after a multiply: CF = OF = overflow. The undefined ones as this CPU family sets
 * them: SF and PF from the low half of the product, ZF and AF always 0.
 */
function mulFlags(c: Cpu, s: number, lo: number, hi: number, overflow: boolean): void {
  const negative = s === 8 ? (hi & 0x80000000) !== 0 : (lo & SIGN_BIT[s]) !== 0;
  c.f[0] = FlagOp.None;
  c.f[8] = PARITY[lo & 0xff] | (negative ? SF : 0) | (overflow ? CF | OF : 0);
}

const mulA = (signed: boolean) => (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const b = c.readE(i, s), bhi = c.hi;
  switch (s) {
    case 1: {
      const a = c.getReg(RAX, 1);
      const p = signed ? ((a << 24) >> 24) * ((b << 24) >> 24) : a * b;
      const lo = p & 0xff;
      c.setReg(RAX, 2, p & 0xffff, 0);
      mulFlags(c, 1, lo, 0, signed ? p !== ((lo << 24) >> 24) : (p >>> 8) !== 0);
      break;
    }
    case 2: {
      const a = c.getReg(RAX, 2);
      const p = signed ? ((a << 16) >> 16) * ((b << 16) >> 16) : a * b;
      const lo = p & 0xffff;
      c.setReg(RAX, 2, lo, 0);
      c.setReg(RDX, 2, (p >> 16) & 0xffff, 0);
      mulFlags(c, 2, lo, 0, signed ? p !== ((lo << 16) >> 16) : (p >>> 16) !== 0);
      break;
    }
    case 4: {
      const a = c.getReg(RAX, 4);
      if (signed) muls32(a, b); else mulu32(a, b);
      const lo = w[0], hi = w[1];
      c.setReg(RAX, 4, lo, 0); c.setReg(RDX, 4, hi, 0);
      mulFlags(c, 4, lo, 0, signed ? hi !== ((lo & 0x80000000) ? 0xffffffff : 0) : hi !== 0);
      break;
    }
    default: {
      const a = c.getReg(RAX, 8), ahi = c.hi;
      if (signed) muls64(a, ahi, b, bhi); else mulu64(a, ahi, b, bhi);
      const w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3];
      c.setReg(RAX, 8, w0, w1); c.setReg(RDX, 8, w2, w3);
      const ext = signed && (w1 & 0x80000000) ? 0xffffffff : 0;
      mulFlags(c, 8, w0, w1, w2 !== ext || w3 !== ext);
    }
  }
};
op('F6 /4', 'mul', 'Eb', mulA(false));
op('F7 /4', 'mul', 'Ev', mulA(false));
op('F6 /5', 'imul', 'Eb', mulA(true));
op('F7 /5', 'imul', 'Ev', mulA(true));

/** imul r, r/m[, imm]: truncated signed product */
function imulTrunc(c: Cpu, i: Insn, s: number, a: number, ahi: number, b: number, bhi: number): void {
  let lo: number, hi = 0, overflow: boolean;
  if (s === 8) {
    muls64(a, ahi, b, bhi);
    lo = w[0]; hi = w[1];
    const ext = hi & 0x80000000 ? 0xffffffff : 0;
    overflow = w[2] !== ext || w[3] !== ext;
  } else if (s === 4) {
    muls32(a, b);
    lo = w[0];
    overflow = w[1] !== (lo & 0x80000000 ? 0xffffffff : 0);
  } else {
    const p = ((a << 16) >> 16) * ((b << 16) >> 16);
    lo = p & 0xffff;
    overflow = p !== ((lo << 16) >> 16);
  }
  mulFlags(c, s, lo, hi, overflow);
  c.writeG(i, s, lo, hi);
}
op('0F AF /r', 'imul', 'Gv,Ev', (c, i) => {
  const s = i.opsize; const b = c.readE(i, s), bhi = c.hi; const a = c.readG(i, s);
  imulTrunc(c, i, s, a, c.hi, b, bhi);
});
const imulImm = (c: Cpu, i: Insn): void => {
  const s = i.opsize; const a = c.readE(i, s);
  imulTrunc(c, i, s, a, c.hi, i.imm, i.immHi);
};
op('69 /r', 'imul', 'Gv,Ev,Iz', imulImm);
op('6B /r', 'imul', 'Gv,Ev,Ib', imulImm);

// ---- divide -----------------------------------------------------------------------

const divA = (signed: boolean) => (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const d = c.readE(i, s), dhi = c.hi;
  if (s !== 8 ? d === 0 : (d | dhi) === 0) throw new CpuException(EXC_DE);
  switch (s) {
    case 1: {
      const n = c.getReg(RAX, 2);
      let q: number, r: number;
      if (signed) { const nn = (n << 16) >> 16, dd = (d << 24) >> 24; q = Math.trunc(nn / dd); r = nn - q * dd; if (q > 127 || q < -128) throw new CpuException(EXC_DE); }
      else { q = Math.floor(n / d); r = n - q * d; if (q > 255) throw new CpuException(EXC_DE); }
      c.setReg(RAX, 2, (q & 0xff) | ((r & 0xff) << 8), 0);
      break;
    }
    case 2: {
      const n = ((c.getReg(RDX, 2) << 16) | c.getReg(RAX, 2)) >>> 0;
      let q: number, r: number;
      if (signed) { const nn = n | 0, dd = (d << 16) >> 16; q = Math.trunc(nn / dd); r = nn - q * dd; if (q > 32767 || q < -32768) throw new CpuException(EXC_DE); }
      else { q = Math.floor(n / d); r = n - q * d; if (q > 0xffff) throw new CpuException(EXC_DE); }
      c.setReg(RAX, 2, q & 0xffff, 0); c.setReg(RDX, 2, r & 0xffff, 0);
      break;
    }
    // Fast paths in doubles: with a dividend below 2^52 in magnitude, the quotient
    // n / d rounds to the right side of every integer, so floor/trunc of it is exact.
    case 4: {
      const lo = c.getReg(RAX, 4), hi = c.getReg(RDX, 4);
      if (!signed) {
        if (hi < 0x100000) {
          const n = hi * 4294967296 + lo, q = Math.floor(n / d);
          if (q > 0xffffffff) throw new CpuException(EXC_DE);
          c.setReg(RAX, 4, q, 0); c.setReg(RDX, 4, n - q * d, 0);
          break;
        }
      } else if (hi === (lo >> 31) >>> 0) {
        // edx is the sign extension of eax (cdq): only INT_MIN / -1 overflows
        const n = lo | 0, dd = d | 0, q = Math.trunc(n / dd);
        if (q > 0x7fffffff) throw new CpuException(EXC_DE);
        c.setReg(RAX, 4, q >>> 0, 0); c.setReg(RDX, 4, (n - q * dd) >>> 0, 0);
        break;
      }
      divBig(c, signed, lo, hi, 0, 0, d, 0, 4);
      break;
    }
    default: {
      const lo = c.getReg(RAX, 8), hi = c.hi;
      const xlo = c.getReg(RDX, 8), xhi = c.hi;
      if (!signed) {
        if ((xlo | xhi) === 0 && hi < 0x100000 && dhi < 0x100000) {
          const n = hi * 4294967296 + lo, dd = dhi * 4294967296 + d;
          const q = Math.floor(n / dd), r = n - q * dd;
          c.setReg(RAX, 8, q >>> 0, Math.floor(q / 4294967296));
          c.setReg(RDX, 8, r >>> 0, Math.floor(r / 4294967296));
          break;
        }
      } else {
        const ext = (hi >> 31) >>> 0;
        if (xlo === ext && xhi === ext && ((hi + 0x100000) >>> 0) < 0x200000 && ((dhi + 0x100000) >>> 0) < 0x200000) {
          // rdx:rax is the sign extension of rax (cqo), both operands within +-2^52
          const n = (hi | 0) * 4294967296 + lo, dd = (dhi | 0) * 4294967296 + d;
          const q = Math.trunc(n / dd), r = n - q * dd;
          c.setReg(RAX, 8, q >>> 0, Math.floor(q / 4294967296) >>> 0);
          c.setReg(RDX, 8, r >>> 0, Math.floor(r / 4294967296) >>> 0);
          break;
        }
      }
      divBig(c, signed, lo, hi, xlo, xhi, d, dhi, 8);
    }
  }
};

/** The rare path: a 64- or 128-bit dividend through BigInt. */
function divBig(c: Cpu, signed: boolean, lo: number, hi: number, xlo: number, xhi: number, d: number, dhi: number, s: number): void {
  const bits = BigInt(s * 8);
  let n: bigint, dv: bigint;
  if (s === 4) {
    n = toBig(lo, hi); dv = BigInt(d >>> 0);
    if (signed) { n = BigInt.asIntN(64, n); dv = BigInt.asIntN(32, dv); }
  } else {
    n = (toBig(xlo, xhi) << 64n) | toBig(lo, hi); dv = toBig(d, dhi);
    if (signed) { n = BigInt.asIntN(128, n); dv = toBigSigned(d, dhi); }
  }
  const q = n / dv, r = n % dv;
  const max = signed ? (1n << (bits - 1n)) - 1n : (1n << bits) - 1n;
  const min = signed ? -(1n << (bits - 1n)) : 0n;
  if (q > max || q < min) throw new CpuException(EXC_DE);
  fromBig(q); const qlo = w[0], qhi = w[1];
  fromBig(r); const rlo = w[0], rhi = w[1];
  c.setReg(RAX, s, qlo, qhi); c.setReg(RDX, s, rlo, rhi);
}
op('F6 /6', 'div', 'Eb', divA(false));
op('F7 /6', 'div', 'Ev', divA(false));
op('F6 /7', 'idiv', 'Eb', divA(true));
op('F7 /7', 'idiv', 'Ev', divA(true));
