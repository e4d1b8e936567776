// String instructions: movs, stos, lods, cmps, scas, with rep/repe/repne and the
// direction flag. Each element updates rsi/rdi/rcx before the next, so a fault in
// the middle leaves exactly the state the hardware leaves (restartable).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { RAX, RCX, RSI, RDI } from '../state.js';
import { P_R, P_W } from '../../mem/memory.js';
import { arith, SUB } from './alu.js';

/**
 * Read a pointer register as an address (faults unless below 4 GiB). A segment
 * override applies to the source (rsi); the destination (rdi) is always es.
 */
function ptr(c: Cpu, i: Insn, reg: number): number {
  const r = c.r;
  let lo = r[2 * reg], hi = i.addr32 ? 0 : r[2 * reg + 1];
  if (i.seg !== 0 && reg === RSI) {
    const s = i.seg === 4 ? 0 : 2;
    lo += c.seg[s]; hi += c.seg[s + 1];
  }
  return hi === 0 && lo <= 0xffffffff ? lo : c.wideAddress(lo, hi);
}

/** Add delta to a pointer register (64-bit, or 32-bit with 0x67). */
function advance(c: Cpu, i: Insn, reg: number, delta: number): void {
  const r = c.r;
  const v = r[2 * reg] + delta;
  r[2 * reg] = v;
  if (i.addr32) r[2 * reg + 1] = 0;
  else if (v < 0) r[2 * reg + 1] = r[2 * reg + 1] - 1;
  else if (v > 0xffffffff) r[2 * reg + 1] = r[2 * reg + 1] + 1;
}

/** The repeat count when the bulk paths may use it: -1 for a count of 2^32 or more. */
function count(c: Cpu, i: Insn): number {
  return i.addr32 ? c.r[2 * RCX] : c.r[2 * RCX + 1] !== 0 ? -1 : c.r[2 * RCX];
}
/** Set a count below 2^32 (the upper half is already zero, see count and zext32). */
function setCount(c: Cpu, n: number): void {
  c.r[2 * RCX] = n;
}
/**
 * With a 32-bit address size, a repeated string instruction writes ecx as a 32-bit
 * register, clearing its upper half, even when the count is zero; movs and stos (the
 * fast-string ones) do the same to esi/edi. `a`, `b`: those pointer registers, or -1.
 */
function zext32(c: Cpu, a: number, b: number): void {
  const r = c.r;
  r[2 * RCX + 1] = 0;
  if (a >= 0) r[2 * a + 1] = 0;
  if (b >= 0) r[2 * b + 1] = 0;
}
function decCount(c: Cpu, i: Insn): void {
  const r = c.r;
  if (i.addr32) { r[2 * RCX] = r[2 * RCX] - 1; return; }
  if (r[2 * RCX] === 0) r[2 * RCX + 1] = r[2 * RCX + 1] - 1;
  r[2 * RCX] = r[2 * RCX] - 1;
}
function countZero(c: Cpu, i: Insn): boolean {
  return i.addr32 ? c.r[2 * RCX] === 0 : (c.r[2 * RCX] | c.r[2 * RCX + 1]) === 0;
}

const movs = (c: Cpu, i: Insn): void => {
  const s = i.opsize, step = c.df ? -s : s;
  if (!i.rep) {
    const v = c.readMem(ptr(c, i, RSI), s), hi = c.hi;
    c.writeMem(ptr(c, i, RDI), s, v, hi);
    advance(c, i, RSI, step); advance(c, i, RDI, step);
    return;
  }
  const mem = c.mem;
  if (i.addr32) zext32(c, RSI, RDI);
  while (!countZero(c, i)) {
    const src = ptr(c, i, RSI), dst = ptr(c, i, RDI);
    const n = count(c, i);
    // bulk path: forward copy within one page of each side, no harmful overlap
    if (step > 0 && n > 1) {
      const room = Math.min(4096 - (src & 4095), 4096 - (dst & 4095));
      const elems = Math.min(n, Math.floor(room / s));
      const bytes = elems * s;
      if (elems > 1 && (dst <= src || dst >= src + bytes) && mem.check(src, bytes, P_R) && mem.check(dst, bytes, P_W)) {
        mem.noteWrite(dst, bytes);
        mem.u8.copyWithin(dst, src, src + bytes);
        advance(c, i, RSI, bytes); advance(c, i, RDI, bytes);
        setCount(c, n - elems);
        continue;
      }
    }
    const v = c.readMem(src, s), hi = c.hi;
    c.writeMem(dst, s, v, hi);
    advance(c, i, RSI, step); advance(c, i, RDI, step);
    decCount(c, i);
  }
};

const stos = (c: Cpu, i: Insn): void => {
  const s = i.opsize, step = c.df ? -s : s;
  const v = c.getReg(RAX, s), hi = c.hi;
  if (!i.rep) { c.writeMem(ptr(c, i, RDI), s, v, hi); advance(c, i, RDI, step); return; }
  const mem = c.mem;
  if (i.addr32) zext32(c, RDI, -1);
  while (!countZero(c, i)) {
    const dst = ptr(c, i, RDI);
    const n = count(c, i);
    if (step > 0 && n > 1) {
      const elems = Math.min(n, Math.floor((4096 - (dst & 4095)) / s));
      const bytes = elems * s;
      if (elems > 1 && mem.check(dst, bytes, P_W)) {
        mem.noteWrite(dst, bytes);
        if (s === 1 || (v === 0 && hi === 0)) mem.u8.fill(v & 0xff, dst, dst + bytes);
        else {
          c.writeMem(dst, s, v, hi);
          // replicate the first element across the run
          for (let k = s; k < bytes; k += k) mem.u8.copyWithin(dst + k, dst, dst + Math.min(k, bytes - k));
        }
        advance(c, i, RDI, bytes);
        setCount(c, n - elems);
        continue;
      }
    }
    c.writeMem(dst, s, v, hi);
    advance(c, i, RDI, step);
    decCount(c, i);
  }
};

const lods = (c: Cpu, i: Insn): void => {
  const s = i.opsize, step = c.df ? -s : s;
  if (!i.rep) { const v = c.readMem(ptr(c, i, RSI), s); c.setReg(RAX, s, v, c.hi); advance(c, i, RSI, step); return; }
  if (i.addr32) zext32(c, -1, -1);
  while (!countZero(c, i)) {
    const v = c.readMem(ptr(c, i, RSI), s);
    c.setReg(RAX, s, v, c.hi);
    advance(c, i, RSI, step);
    decCount(c, i);
  }
};

/**
 * A fault in the middle of a repeated cmps/scas leaves rcx, rsi and rdi at the element
 * that faulted but the arithmetic flags as they were before the instruction, not those
 * of the last element compared (measured on this CPU: tests/native/signals/faults.c).
 */
function keepFlagsOnFault(c: Cpu, i: Insn, body: (c: Cpu, i: Insn) => void): void {
  if (!i.rep) { body(c, i); return; }
  const before = c.getFlags();
  try {
    body(c, i);
  } catch (e) {
    c.setFlags(before, 0);
    throw e;
  }
}

const cmpsBody = (c: Cpu, i: Insn): void => {
  const s = i.opsize, step = c.df ? -s : s;
  if (i.rep && i.addr32) zext32(c, -1, -1);
  for (;;) {
    if (i.rep && countZero(c, i)) return;
    // the hardware reads es:[rdi] first: when both operands fault, rdi's is reported
    const b = c.readMem(ptr(c, i, RDI), s), bhi = c.hi;
    const a = c.readMem(ptr(c, i, RSI), s), ahi = c.hi;
    arith(c, SUB, s, a, ahi, b, bhi);
    advance(c, i, RSI, step); advance(c, i, RDI, step);
    if (!i.rep) return;
    decCount(c, i);
    const zf = c.cond(4);
    if (i.rep === 0xf3 ? !zf : zf) return;
  }
};

const cmps = (c: Cpu, i: Insn): void => keepFlagsOnFault(c, i, cmpsBody);

const scasBody = (c: Cpu, i: Insn): void => {
  const s = i.opsize, step = c.df ? -s : s;
  const a = c.getReg(RAX, s), ahi = c.hi;
  if (i.rep && i.addr32) zext32(c, -1, -1);
  for (;;) {
    if (i.rep && countZero(c, i)) return;
    const b = c.readMem(ptr(c, i, RDI), s), bhi = c.hi;
    arith(c, SUB, s, a, ahi, b, bhi);
    advance(c, i, RDI, step);
    if (!i.rep) return;
    decCount(c, i);
    const zf = c.cond(4);
    if (i.rep === 0xf3 ? !zf : zf) return;
  }
};

const scas = (c: Cpu, i: Insn): void => keepFlagsOnFault(c, i, scasBody);

op('A4', 'movs', 'Yb,Xb', movs);
op('A5', 'movs', 'Yv,Xv', movs);
op('AA', 'stos', 'Yb,AL', stos);
op('AB', 'stos', 'Yv,rAX', stos);
op('AC', 'lods', 'AL,Xb', lods);
op('AD', 'lods', 'rAX,Xv', lods);
op('A6', 'cmps', 'Xb,Yb', cmps);
op('A7', 'cmps', 'Xv,Yv', cmps);
op('AE', 'scas', 'AL,Yb', scas);
op('AF', 'scas', 'rAX,Yv', scas);
