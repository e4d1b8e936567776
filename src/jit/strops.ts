// movs and stos, with and without rep, in compiled regions (64-bit addresses, no
// segment override: compile.ts classifies the other forms as not compilable).
//
// A rep form runs in chunks of at most 4096 bytes, so each side of a chunk spans at
// most two pages and two permission-byte loads check it. A chunk is one memory.copy or
// memory.fill. When a chunk's check fails (an unreadable or unwritable page, a page
// holding code, an address above 4 GiB), the region leaves at the instruction with
// rcx/rsi/rdi as far as the completed chunks took them: a repeated string instruction
// is restartable, so the interpreter finishes it element by element and faults, or
// invalidates code, exactly where the hardware would.

import type { Insn } from '../cpu/insn.js';
import { STATE_BASE, OFF_FLAGS, FL_SYS, RAX, RCX, RSI, RDI } from '../cpu/state.js';
import { P_R, P_W, P_CODE, PERM_BASE } from '../mem/memory.js';
import { Func, Op, T } from './wasm.js';

const DF_ADDR = STATE_BASE + OFF_FLAGS + 4 * FL_SYS;
const DF = 0x400;
// bulk-memory instructions (0xFC prefix)
const MEMORY_COPY = 10, MEMORY_FILL = 11;

export interface StrHost {
  readonly f: Func;
  remaining: number;
  depth: number;
  readonly a32: number;
  readonly ea: number;
  readonly tr: number;
  str?: StrLocals;
  reg(n: number): number;
  readReg(n: number, size: number): void;
  writeReg(n: number, size: number): void;
  check(i: Insn, size: number, write: boolean, base?: number): void;
  load(size: number): void;
  store(size: number, v: number): void;
  exitConst(rip: number, unretired: number): void;
}

/** Locals of a region's string instructions, made on the first one. */
export class StrLocals {
  readonly df: number; readonly e: number; readonly bytes: number; readonly d: number;
  readonly slo: number; readonly dlo: number; readonly v: number; readonly k: number;
  constructor(f: Func) {
    this.df = f.local(T.I32);
    this.e = f.local(T.I64); this.bytes = f.local(T.I64); this.d = f.local(T.I64);
    this.slo = f.local(T.I64); this.dlo = f.local(T.I64); this.v = f.local(T.I64);
    this.k = f.local(T.I32);
  }
}

/** push DF (0 or 0x400, i32) */
function loadDF(f: Func): void {
  f.i32(0).mem(Op.i32_load, DF_ADDR).i32(DF).op(Op.i32_and);
}

/** push 1 (i32) unless every page of [lo, lo+bytes) (at most two) allows `need`; lo, bytes: i64 locals */
function rangeBad(f: Func, lo: number, bytes: number, write: boolean): void {
  const perm = (): void => {
    f.i32(12).op(Op.i32_shr_u).mem(Op.i32_load8_u, PERM_BASE);
    if (write) f.i32(P_W | P_CODE).op(Op.i32_and).i32(P_W).op(Op.i32_ne);
    else f.i32(P_R).op(Op.i32_and).op(Op.i32_eqz);
  };
  // above 4 GiB (or below 0 after a backward step): high bits of the first or last byte
  f.get(lo).get(lo).get(bytes).op(Op.i64_add).i64(1, 0).op(Op.i64_sub).op(Op.i64_or).i64(32, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64);
  f.get(lo).op(Op.i32_wrap_i64); perm(); f.op(Op.i32_or);
  f.get(lo).get(bytes).op(Op.i64_add).op(Op.i32_wrap_i64).i32(1).op(Op.i32_sub); perm(); f.op(Op.i32_or);
}

/** One movs or stos without rep: one element, rsi/rdi step by +-size after DF. */
function single(g: StrHost, i: Insn, movs: boolean): void {
  const f = g.f, s = i.opsize, L = g.str ?? (g.str = new StrLocals(f));
  loadDF(f); f.set(L.df);
  if (movs) { f.get(g.reg(RSI)).set(g.ea); g.check(i, s, false, RSI); g.load(s); f.set(g.tr); }
  else { g.readReg(RAX, s); f.set(g.tr); }
  f.get(g.reg(RDI)).set(g.ea); g.check(i, s, true, RDI);
  g.store(s, g.tr);
  // step = DF ? -s : s
  f.i64(-s, -1).i64(s, 0).get(L.df).op(Op.select).set(L.d);
  if (movs) { f.get(g.reg(RSI)).get(L.d).op(Op.i64_add); g.writeReg(RSI, 8); }
  f.get(g.reg(RDI)).get(L.d).op(Op.i64_add); g.writeReg(RDI, 8);
}

function bulk(f: Func, op: number): void {
  f.code.byte(0xfc); f.code.u32(op);
  f.code.byte(0);
  if (op === MEMORY_COPY) f.code.byte(0);
}

/** rep movs / rep stos (0xF2 acts as 0xF3 for these). */
function repeated(g: StrHost, i: Insn, movs: boolean): void {
  const f = g.f, s = i.opsize, L = g.str ?? (g.str = new StrLocals(f));
  const sh = Math.log2(s), cap = 4096 / s;
  const rcx = g.reg(RCX), rsi = movs ? g.reg(RSI) : -1, rdi = g.reg(RDI);
  f.get(rcx).op(Op.i64_eqz).op(Op.i32_eqz);
  f.block(Op.if_); g.depth++;
  loadDF(f); f.set(L.df);
  if (!movs) {
    // the element replicated to 8 bytes
    g.readReg(RAX, s);
    if (s === 1) f.i64(0x01010101, 0x01010101).op(Op.i64_mul);
    else if (s === 2) f.i64(0x00010001, 0x00010001).op(Op.i64_mul);
    else if (s === 4) f.i64(1, 1).op(Op.i64_mul);
    f.set(L.v);
  }
  f.block(Op.block); f.block(Op.loop); g.depth += 2;
  // e = min(rcx, cap)
  f.get(rcx).i64(cap, 0).get(rcx).i64(cap, 0).op(Op.i64_lt_u).op(Op.select).set(L.e);
  if (movs) {
    // distance from the source to the destination in the direction of the copy: when it is
    // below the chunk, later elements read what earlier ones wrote (x86 copies element by
    // element; memory.copy is memmove), so the chunk stops where the first written byte is read
    f.get(rdi).get(rsi).op(Op.i64_sub).set(L.d);
    f.i64(0, 0).get(L.d).op(Op.i64_sub).get(L.d).get(L.df).op(Op.select).set(L.d);
    f.get(L.d).i64(0, 0).op(Op.i64_gt_s).get(L.d).get(L.e).i64(sh, 0).op(Op.i64_shl).op(Op.i64_lt_u).op(Op.i32_and);
    f.block(Op.if_); g.depth++;
    f.get(L.d).i64(sh, 0).op(Op.i64_shr_u).set(L.e);
    f.i64(1, 0).get(L.e).get(L.e).op(Op.i64_eqz).op(Op.select).set(L.e);
    f.op(Op.end); g.depth--;
  }
  f.get(L.e).i64(sh, 0).op(Op.i64_shl).set(L.bytes);
  // lowest addresses of the chunk: a backward chunk ends at the current element
  const low = (r: number, out: number): void => {
    f.get(r).get(L.bytes).op(Op.i64_sub).i64(s, 0).op(Op.i64_add).get(r).get(L.df).op(Op.select).set(out);
  };
  if (movs) low(rsi, L.slo);
  low(rdi, L.dlo);
  rangeBad(f, L.dlo, L.bytes, true);
  if (movs) { rangeBad(f, L.slo, L.bytes, false); f.op(Op.i32_or); }
  f.block(Op.if_); g.depth++;
  g.exitConst(i.addr, g.remaining);
  f.op(Op.end); g.depth--;
  if (movs) {
    f.get(L.dlo).op(Op.i32_wrap_i64).get(L.slo).op(Op.i32_wrap_i64).get(L.bytes).op(Op.i32_wrap_i64);
    bulk(f, MEMORY_COPY);
  } else {
    // a byte pattern (memset, and any zero fill) is one memory.fill; else element stores
    f.get(L.v).get(L.v).i64(0xff, 0).op(Op.i64_and).i64(0x01010101, 0x01010101).op(Op.i64_mul).op(Op.i64_eq);
    f.block(Op.if_); g.depth++;
    f.get(L.dlo).op(Op.i32_wrap_i64).get(L.v).op(Op.i32_wrap_i64).get(L.bytes).op(Op.i32_wrap_i64);
    bulk(f, MEMORY_FILL);
    f.op(Op.else_);
    f.i32(0).set(L.k);
    f.block(Op.loop); g.depth++;
    f.get(L.dlo).op(Op.i32_wrap_i64).get(L.k).op(Op.i32_add).get(L.v);
    f.mem(s === 8 ? Op.i64_store : s === 4 ? Op.i64_store32 : Op.i64_store16, 0);
    f.get(L.k).i32(s).op(Op.i32_add).tee(L.k).get(L.bytes).op(Op.i32_wrap_i64).op(Op.i32_lt_u).br(Op.br_if, 0);
    f.op(Op.end); g.depth--;
    f.op(Op.end); g.depth--;
  }
  // step = DF ? -bytes : bytes
  f.i64(0, 0).get(L.bytes).op(Op.i64_sub).get(L.bytes).get(L.df).op(Op.select).set(L.d);
  if (movs) { f.get(rsi).get(L.d).op(Op.i64_add); g.writeReg(RSI, 8); }
  f.get(rdi).get(L.d).op(Op.i64_add); g.writeReg(RDI, 8);
  f.get(rcx).get(L.e).op(Op.i64_sub); g.writeReg(RCX, 8);
  f.get(rcx).op(Op.i64_eqz).op(Op.i32_eqz).br(Op.br_if, 0);
  f.op(Op.end); f.op(Op.end); g.depth -= 2;
  f.op(Op.end); g.depth--;
}

/** movs/stos in any form classify() accepts. */
export function genStrOp(g: StrHost, i: Insn): void {
  const movs = i.def!.op <= 0xa5;
  if (i.rep === 0) single(g, i, movs); else repeated(g, i, movs);
}
