// The x87 register stack and status word machinery shared by every x87 instruction:
// TOP and the tag word, stack overflow/underflow, merging the exception bits an
// operation produced into the status word (masked and unmasked responses), the
// deferred #MF of unmasked exceptions, and the last-instruction pointers.
//
// The arithmetic itself is src/cpu/f80.ts. Register values live in c.x87U8 (physical
// register p at bytes 16p..16p+9) and the control registers in c.x87Ctl (layout in
// fpstate.ts). The tag word is kept in its full form (0 valid, 1 zero, 2 special,
// 3 empty) and recomputed from the register's contents on every write, which is what
// FNSTENV/FNSAVE report on current processors.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { F80, f80Status } from '../f80.js';
import { CpuException, EXC_MF } from '../exceptions.js';
import { X87_FCW, X87_FSW, X87_FTW, X87_FOP } from '../fpstate.js';

// status word bits
export const IE = 0x1, DE = 0x2, ZE = 0x4, OE = 0x8, UE = 0x10, PE = 0x20;
export const SF = 0x40, ES = 0x80, C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000, BUSY = 0x8000;
export const EXC = 0x3f;
export const CC = C0 | C1 | C2 | C3;
export const TOP_MASK = 0x3800;

/** Scratch operands (the x87 instructions never nest). */
export const FA = new F80(), FB = new F80(), FR = new F80(), FR2 = new F80();
/** Scratch for 64-bit integer and double results. */
export const U2 = new Uint32Array(2);

const TWO32 = 4294967296;

export function rcOf(c: Cpu): number { return (c.x87Ctl[X87_FCW] >>> 10) & 3; }
export function pcOf(c: Cpu): number { return (c.x87Ctl[X87_FCW] >>> 8) & 3; }
export function topOf(c: Cpu): number { return (c.x87Ctl[X87_FSW] >>> 11) & 7; }
/** Physical register number of ST(i). */
export function phys(c: Cpu, i: number): number { return ((c.x87Ctl[X87_FSW] >>> 11) + i) & 7; }
export function emptyP(c: Cpu, p: number): boolean { return ((c.x87Ctl[X87_FTW] >>> (2 * p)) & 3) === 3; }
export function emptySt(c: Cpu, i: number): boolean { return emptyP(c, phys(c, i)); }

/** Tag of a value: 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unsupported). */
export function tagOfF80(v: F80): number {
  const e = v.exp;
  if (e === 0x7fff) return 2;
  if (e === 0) return v.hi === 0 && v.lo === 0 ? 1 : 2;
  return v.hi >= 0x80000000 ? 0 : 2;
}

export function setTag(c: Cpu, p: number, t: number): void {
  const k = c.x87Ctl;
  k[X87_FTW] = (k[X87_FTW] & ~(3 << (2 * p))) | (t << (2 * p));
}

// Word views of the register file (16-byte aligned slots), rebuilt if the memory's
// buffer changes: loading and storing 80-bit values is on every instruction's path.
let viewBuf: ArrayBufferLike | null = null;
let R32: Uint32Array = new Uint32Array(0), R16: Uint16Array = new Uint16Array(0);
function views(c: Cpu): void {
  const u8 = c.x87U8;
  viewBuf = u8.buffer;
  R32 = new Uint32Array(u8.buffer, u8.byteOffset, 32);
  R16 = new Uint16Array(u8.buffer, u8.byteOffset, 64);
}

export function loadP(c: Cpu, p: number, out: F80): void {
  if (c.x87U8.buffer !== viewBuf) views(c);
  const w = p << 2;
  out.lo = R32[w];
  out.hi = R32[w + 1];
  const se = R16[(p << 3) + 4];
  out.sign = se >>> 15;
  out.exp = se & 0x7fff;
}
export function loadSt(c: Cpu, i: number, out: F80): void { loadP(c, phys(c, i), out); }

export function storeP(c: Cpu, p: number, v: F80): void {
  if (c.x87U8.buffer !== viewBuf) views(c);
  const w = p << 2;
  R32[w] = v.lo;
  R32[w + 1] = v.hi;
  R16[(p << 3) + 4] = (v.sign << 15) | (v.exp & 0x7fff);
  setTag(c, p, tagOfF80(v));
}
export function storeSt(c: Cpu, i: number, v: F80): void { storeP(c, phys(c, i), v); }

export function setIndefinite(v: F80): void { v.sign = 1; v.exp = 0x7fff; v.hi = 0xc0000000; v.lo = 0; }

/** Mark ST(0) empty and increment TOP. */
export function pop(c: Cpu): void {
  const k = c.x87Ctl, sw = k[X87_FSW];
  const t = (sw >>> 11) & 7;
  k[X87_FTW] |= 3 << (2 * t);
  k[X87_FSW] = (sw & ~TOP_MASK) | (((t + 1) & 7) << 11);
}

/** Decrement TOP and store v in the new ST(0) (the caller checked for overflow). */
export function push(c: Cpu, v: F80): void {
  const k = c.x87Ctl, sw = k[X87_FSW];
  const t = (((sw >>> 11) & 7) + 7) & 7;
  k[X87_FSW] = (sw & ~TOP_MASK) | (t << 11);
  storeP(c, t, v);
}

/** ES and B follow the exception flags that are not masked (FLDCW, FLDENV, ...). */
export function fixES(c: Cpu): void {
  const k = c.x87Ctl;
  if (k[X87_FSW] & ~k[X87_FCW] & EXC) k[X87_FSW] |= ES | BUSY;
  else k[X87_FSW] &= ~(ES | BUSY);
}

/** A waiting instruction: deliver #MF if an unmasked exception is pending. */
export function fwait(c: Cpu): void {
  const k = c.x87Ctl;
  if (k[X87_FSW] & ES) throw new CpuException(EXC_MF, k[X87_FSW] & ~k[X87_FCW] & EXC);
}

/** FIP: every non-control instruction records its address. */
export function noteIP(c: Cpu, i: Insn): void {
  const k = c.x87Ctl, a = i.addr;
  if (a < TWO32) { k[4] = a; k[5] = 0; } else { k[4] = a >>> 0; k[5] = Math.floor(a / TWO32); }
}

/**
 * FOP and FDP are recorded only for an instruction that raised an unmasked exception
 * (what this processor does by default; CPUID.7.EBX bit 6 "FDP_EXCPTN_ONLY").
 * `ea` is the memory operand's address, or -1.
 */
export function noteUnmasked(c: Cpu, i: Insn, ea: number): void {
  const k = c.x87Ctl;
  k[X87_FOP] = ((i.def!.op & 7) << 8) | (i.mod << 6) | ((i.reg & 7) << 3) | (i.rm & 7);
  if (ea >= 0) { k[6] = ea >>> 0; k[7] = 0; }
}

/**
 * A stack fault (IE with SF; C1 = 1 for overflow, 0 for underflow). Returns true when
 * IE is masked, so the caller delivers the masked response (the real indefinite).
 */
export function stackFault(c: Cpu, i: Insn, ea: number, overflow: boolean): boolean {
  const k = c.x87Ctl;
  k[X87_FSW] = (k[X87_FSW] & ~C1) | IE | SF | (overflow ? C1 : 0);
  if (k[X87_FCW] & IE) return true;
  k[X87_FSW] |= ES | BUSY;
  noteUnmasked(c, i, ea);
  return false;
}

/**
 * Merge the flags of an operation (f80Status.flags layout) into the status word.
 * C1 becomes the operation's round-up bit. Returns false when an unmasked
 * exception means the destination must not be written (invalid operand, denormal
 * operand or zero divide; with `memDest`, also overflow and underflow, whose
 * unmasked response for a register destination stores the result).
 */
export function merge(c: Cpu, i: Insn, ea: number, fl: number, memDest: boolean): boolean {
  const k = c.x87Ctl;
  const exc = fl & EXC;
  let sw = (k[X87_FSW] & ~C1);
  if (exc === 0) {
    k[X87_FSW] = sw | (fl & C1);
    return true;
  }
  const unm = exc & ~k[X87_FCW];
  if (unm === 0) {
    k[X87_FSW] = sw | exc | (fl & C1);
    return true;
  }
  noteUnmasked(c, i, ea);
  if (unm & (IE | DE | ZE)) {
    // pre-computation exceptions: the operation is abandoned
    let bits: number;
    if (exc & IE) bits = IE;
    else if (unm & DE) bits = DE;
    else bits = exc & (DE | ZE);
    k[X87_FSW] = sw | bits | ES | BUSY;
    return false;
  }
  if (memDest && (unm & (OE | UE))) {
    // nothing is stored, so nothing was inexact
    k[X87_FSW] = sw | (exc & ~PE) | ES | BUSY;
    return false;
  }
  sw |= exc | ES | BUSY;
  k[X87_FSW] = sw | (fl & C1);
  return true;
}

/**
 * Run fn on ST(0) (loaded into FA) and store FR, unless empty or abandoned; fn leaves
 * its exception flags in f80Status.flags.
 */
export function unary(fn: (c: Cpu) => void) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const p = phys(c, 0);
    if (emptyP(c, p)) {
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, p, FR);
      return;
    }
    loadP(c, p, FA);
    fn(c);
    if (merge(c, i, -1, f80Status.flags, false)) storeP(c, p, FR);
  };
}
