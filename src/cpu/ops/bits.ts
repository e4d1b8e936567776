// Bit instructions: bt/bts/btr/btc (register, immediate and memory forms), bsf/bsr,
// tzcnt/lzcnt and popcnt.
//
// Flags the manuals leave undefined are set the way the reference CPU (an Intel core)
// sets them, as tests/integer.test.mjs checks against the hardware.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag } from '../isa/table.js';
import { FlagOp, PARITY, CF, PF, ZF } from '../flags.js';
import { readRMW, probeWrite } from './alu.js';

const BT = 0, BTS = 1, BTR = 2, BTC = 3;
const NAMES = ['bt', 'bts', 'btr', 'btc'];

/** Apply bit operation `kind` to bit n (0-31) of v; returns the new value. */
function modify(kind: number, v: number, n: number): number {
  switch (kind) {
    case BTS: return (v | (1 << n)) >>> 0;
    case BTR: return (v & ~(1 << n)) >>> 0;
    default: return (v ^ (1 << n)) >>> 0;
  }
}

/** CF = the tested bit; ZF is kept; OF, SF, AF and PF are undefined. */
function btFlags(c: Cpu, bit: number): void {
  c.setArithFlags(CF, bit);
}

/**
 * bt* on a register, or on memory with the bit number taken modulo the operand size
 * (immediate forms): test and modify bit `n` of the E operand.
 */
function btE(c: Cpu, i: Insn, kind: number, n: number): void {
  const s = i.opsize;
  n &= s * 8 - 1;
  const v = kind === BT ? c.readE(i, s) : readRMW(c, i, s), vhi = c.hi;
  if (s === 8 && n >= 32) {
    const bit = (vhi >>> (n - 32)) & 1;
    if (kind !== BT) c.writeE(i, 8, v, modify(kind, vhi, n - 32), true);
    btFlags(c, bit);
  } else {
    const bit = (v >>> n) & 1;
    if (kind !== BT) c.writeE(i, s, modify(kind, v, n), vhi, true);
    btFlags(c, bit);
  }
}

/**
 * bt* m, r: the register holds a signed bit offset that may address memory outside the
 * operand; the unit of operand size holding the bit is accessed (ea + size * floor(off / bits)).
 */
function btMemReg(c: Cpu, i: Insn, kind: number): void {
  const s = i.opsize;
  const off = c.readG(i, s), offHi = c.hi;
  let units: number;
  if (s === 2) units = ((off << 16) >> 16) >> 4;
  else if (s === 4) units = (off | 0) >> 5;
  else units = (offHi | 0) * 67108864 + (off >>> 6); // floor(off / 64) with a signed 64-bit off
  let a = c.ea(i) + units * s;
  if (a < 0 || a >= 4294967296) {
    const hi = Math.floor(a / 4294967296);
    a = c.wideAddress(a - hi * 4294967296, hi >>> 0);
  }
  const n = off & (s * 8 - 1);
  if (kind !== BT) probeWrite(c, a, s);
  if (s === 8) {
    const lo = c.readMem(a, 8), hi = c.hi;
    const bit = n >= 32 ? (hi >>> (n - 32)) & 1 : (lo >>> n) & 1;
    if (kind !== BT) {
      if (n >= 32) c.writeMem(a, 8, lo, modify(kind, hi, n - 32));
      else c.writeMem(a, 8, modify(kind, lo, n), hi);
    }
    btFlags(c, bit);
  } else {
    const v = c.readMem(a, s);
    const bit = (v >>> n) & 1;
    if (kind !== BT) c.writeMem(a, s, modify(kind, v, n), 0);
    btFlags(c, bit);
  }
}

const OPC_R = [0xa3, 0xab, 0xb3, 0xbb];
for (let k = 0; k < 4; k++) {
  const lockable = k === BT ? 0 : DefFlag.Lockable;
  op(`0F ${OPC_R[k].toString(16).toUpperCase()} /r`, NAMES[k], 'Ev,Gv', (c, i) => {
    if (i.mod === 3) btE(c, i, k, c.readG(i, i.opsize));
    else btMemReg(c, i, k);
  }, lockable);
  op(`0F BA /${4 + k}`, NAMES[k], 'Ev,Ib', (c, i) => btE(c, i, k, i.imm), lockable);
}

// ---- bit scans and counts ------------------------------------------------------------

/** Index of the lowest set bit of lo/hi (not both zero). */
function lowest(lo: number, hi: number): number {
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  return 63 - Math.clz32(hi & -hi);
}
/** Index of the highest set bit of lo/hi (not both zero). */
function highest(lo: number, hi: number): number {
  if (hi !== 0) return 63 - Math.clz32(hi);
  return 31 - Math.clz32(lo);
}
function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Set all six arithmetic flags. */
function setFlags(c: Cpu, bits: number): void {
  c.f[0] = FlagOp.None;
  c.f[8] = bits;
}

/** Read the E operand at the instruction's size as lo/hi (hi 0 below 8 bytes). */
function source(c: Cpu, i: Insn): number {
  const v = c.readE(i, i.opsize);
  if (i.opsize !== 8) c.hi = 0;
  return v;
}

// bsf/bsr: ZF=1 and the destination is left unchanged (not even zero-extended) when the
// source is zero, as Intel and AMD processors do. The undefined flags as this CPU sets
// them: PF from the bit index (from 0 for a zero source), CF, OF, SF, AF cleared.
const bsf = (c: Cpu, i: Insn): void => {
  const lo = source(c, i), hi = c.hi;
  if ((lo | hi) === 0) { setFlags(c, ZF | PF); return; }
  const r = lowest(lo, hi);
  c.writeG(i, i.opsize, r, 0);
  setFlags(c, PARITY[r]);
};
const bsr = (c: Cpu, i: Insn): void => {
  const lo = source(c, i), hi = c.hi;
  if ((lo | hi) === 0) { setFlags(c, ZF | PF); return; }
  const r = highest(lo, hi);
  c.writeG(i, i.opsize, r, 0);
  setFlags(c, PARITY[r]);
};
// no mandatory prefix: 66 is the operand size; F2 is ignored; F3 selects tzcnt/lzcnt below
op('0F BC /r', 'bsf', 'Gv,Ev', bsf);
op('0F BD /r', 'bsr', 'Gv,Ev', bsr);

// tzcnt/lzcnt: CF = source is zero, ZF = result is zero
op('F3 0F BC /r', 'tzcnt', 'Gv,Ev', (c, i) => {
  const s = i.opsize, lo = source(c, i), hi = c.hi;
  const r = (lo | hi) === 0 ? s * 8 : lowest(lo, hi);
  c.writeG(i, s, r, 0);
  setFlags(c, (r === s * 8 ? CF : 0) | (r === 0 ? ZF : 0));
});
op('F3 0F BD /r', 'lzcnt', 'Gv,Ev', (c, i) => {
  const s = i.opsize, lo = source(c, i), hi = c.hi;
  const r = (lo | hi) === 0 ? s * 8 : s * 8 - 1 - highest(lo, hi);
  c.writeG(i, s, r, 0);
  setFlags(c, (r === s * 8 ? CF : 0) | (r === 0 ? ZF : 0));
});
// popcnt: ZF = source is zero, the other flags cleared
op('F3 0F B8 /r', 'popcnt', 'Gv,Ev', (c, i) => {
  const lo = source(c, i), hi = c.hi;
  const r = popcount32(lo) + popcount32(hi);
  c.writeG(i, i.opsize, r, 0);
  setFlags(c, r === 0 ? ZF : 0);
});
