// The region compiler: decoded blocks (from the interpreter's cache) -> one wasm
// function. See DESIGN.md "JIT notes".
//
// A region is a set of blocks reachable from its entry by direct branches. Its code:
//
//   prologue: load the used GPRs, the lazy-flag record and the budget into locals
//   block $exit
//     loop $L
//       block $b[n-1] ... block $b[0]  br_table(pc)  end  code of b0
//       end  code of b1 ...
//     end
//   end
//   epilogue: store written GPRs, the flag record, budget, icount; return rip (f64)
//
// Forward edges are plain `br`s, backward edges set pc and re-dispatch through the
// loop after decrementing the budget. Anything the JIT does not handle (an
// unsupported instruction, a failed permission check, a branch out of the region)
// leaves through $exit with the rip of the instruction to interpret next, so faults
// and self-modifying stores are always performed by the interpreter.

import type { Insn } from '../cpu/insn.js';
import { BASE_RIP } from '../cpu/insn.js';
import { STATE_BASE, OFF_GPR, OFF_FLAGS, OFF_SEG, RAX, RDX, RSP } from '../cpu/state.js';
import { FlagOp } from '../cpu/flags.js';
import { P_R, P_W, P_CODE, PERM_BASE } from '../mem/memory.js';
import { Bytes, Func, Op, T } from './wasm.js';
import { classifySse, sseMayExit, genSse, type SseCtx } from './sse.js';
import { classifySimdInt, simdIntMayExit, genSimdInt } from './simd-int.js';
import { genStrOp, type StrLocals } from './strops.js';

/** JIT scratch slots in the page of the state block (after it; not part of a snapshot). */
export const JIT_SLOTS = STATE_BASE + 0x800;
export const SLOT_BUDGET = 0; // i32: back-edges left
export const SLOT_ICOUNT = 4; // i32: instructions retired by the last call
export const SLOT_RIP = 8; // i64: where the last region left off
/** rip -> dispatcher-table slot of the region entered there: direct-mapped, 8 bytes an entry (u32 rip, i32 slot) */
export const JIT_HASH = 0x8000;
export const JIT_HASH_BITS = 12;

const GPR = STATE_BASE + OFF_GPR;
const FLAGS = STATE_BASE + OFF_FLAGS;
const M32 = 0xffffffff;

// ---- what the JIT handles ----------------------------------------------------------

export const enum K {
  Alu = 1, Test, IncDec, Not, Neg, Mov, MovImmR, Lea, Movzx, Movsx, Movsxd, Imul2, Imul3,
  Shift, Push, Pop, PushImm, Jcc, Jmp, Call, Ret, Cmov, Setcc, Nop, Cdqe, Cqo,
  CallInd, JmpInd, Mul1, Div, BitScan, Bswap, Leave, Xchg,
  /** shl/shr/sar by CL, adc/sbb: the flag record after them is only known at run time */
  ShiftCl, AdcSbb,
  /** rol/ror: CF and OF replaced in a Result/None record (or flags dead after it) */
  Rot,
  /** movs/stos with or without rep (64-bit addresses, no segment override; strops.ts) */
  StrOp,
  /** bt/bts/btr/btc: CF from the bit, the other flags kept (a None record made from the incoming one) */
  Bt,
  /** push E (FF /6), pop E (8F /0), cmpxchg, xadd */
  PushE, PopE, Cmpxchg, Xadd,
  /** SSE/SSE2 (sse.ts); SseFlags: writes the arithmetic flags (comisd ...) */
  Sse, SseFlags,
  /** packed-integer SSE2 (simd-int.ts); SimdIntFlags: writes the arithmetic flags (pcmpistri) */
  SimdInt, SimdIntFlags,
}

const ALU_NAMES: Record<string, number> = { add: 0, or: 1, and: 4, sub: 5, xor: 6, cmp: 7 };
const LOCKABLE = new Set(['add', 'or', 'and', 'sub', 'xor', 'adc', 'sbb', 'inc', 'dec', 'not', 'neg', 'xchg']);
/** cmpxchg, xadd, bts/btr/btc */
const LOCKABLE1 = new Set([0xb0, 0xb1, 0xc0, 0xc1, 0xab, 0xb3, 0xbb, 0xba]);

/** The kind of instruction for the JIT, or 0 when it ends a region before it. */
export function classify(i: Insn): K | 0 {
  const d = i.def!;
  // guest threads take turns (green threads) and never switch inside a region, so a
  // locked read-modify-write is the plain one here (the decoder rejects lock elsewhere)
  if (i.lock && !(d.map === 1 && LOCKABLE1.has(d.op)) && !(d.map === 0 && LOCKABLE.has(d.name))) return 0;
  if (i.mod !== 3 && i.seg !== 0 && i.addr32) return 0;
  const sse = classifySse(i);
  if (sse !== 0) return sse === 2 ? K.SseFlags : K.Sse;
  const si = classifySimdInt(i);
  if (si !== 0) return si === 2 ? K.SimdIntFlags : K.SimdInt;
  const name = d.name, s = i.opsize;
  if (d.map === 0) {
    const o = d.op;
    if (o < 0x40 && (o & 7) < 6 && name in ALU_NAMES) return K.Alu;
    if ((o === 0x80 || o === 0x81 || o === 0x83) && name in ALU_NAMES) return K.Alu;
    if (name === 'test') return K.Test;
    if ((o === 0xfe || o === 0xff) && (name === 'inc' || name === 'dec')) return K.IncDec;
    if (name === 'not') return K.Not;
    if (name === 'neg') return K.Neg;
    if (o === 0x88 || o === 0x89 || o === 0x8a || o === 0x8b || o === 0xc6 || o === 0xc7) return K.Mov;
    if (o >= 0xb0 && o <= 0xbf) return K.MovImmR;
    if (o === 0x8d) return K.Lea;
    if (o === 0x63) return K.Movsxd;
    if ((o === 0x69 || o === 0x6b) && s >= 4) return K.Imul3;
    if ((o === 0xc0 || o === 0xc1 || o === 0xd0 || o === 0xd1) && (i.reg & 7) >= 4) {
      const n = (o >= 0xd0 ? 1 : i.imm) & (s === 8 ? 63 : 31);
      return n !== 0 && n < s * 8 ? K.Shift : 0;
    }
    if ((o === 0xd2 || o === 0xd3) && (i.reg & 7) >= 4) return K.ShiftCl;
    if (o >= 0xc0 && o <= 0xd3 && o !== 0xc2 && o !== 0xc3 && (o <= 0xc1 || o >= 0xd0) && (i.reg & 7) <= 1) return K.Rot;
    if ((name === 'adc' || name === 'sbb') && (o < 0x40 || o === 0x80 || o === 0x81 || o === 0x83)) return K.AdcSbb;
    if (o >= 0x50 && o <= 0x57) return s === 8 ? K.Push : 0;
    if (o >= 0x58 && o <= 0x5f) return s === 8 ? K.Pop : 0;
    if (o === 0x68 || o === 0x6a) return s === 8 ? K.PushImm : 0;
    if (o >= 0x70 && o <= 0x7f) return K.Jcc;
    if (o === 0xeb || o === 0xe9) return K.Jmp;
    if (o === 0xe8) return K.Call;
    if (o === 0xc3) return K.Ret;
    if (o === 0x90 && i.rm === 0) return K.Nop;
    if (o === 0xff && s === 8 && (name === 'call' || name === 'jmp')) return name === 'call' ? K.CallInd : K.JmpInd;
    if (o === 0xf7 && s >= 4 && (name === 'mul' || name === 'imul')) return K.Mul1;
    if (o === 0xf7 && s >= 4 && (name === 'div' || name === 'idiv')) return K.Div;
    if (o === 0xc9 && s === 8) return K.Leave;
    if (o === 0xff && s === 8 && name === 'push') return K.PushE;
    if (o === 0x8f && s === 8 && name === 'pop') return K.PopE;
    if ((o === 0x86 || o === 0x87 || (o >= 0x91 && o <= 0x97)) && name === 'xchg') return K.Xchg;
    if (o === 0x90 && name === 'xchg' && i.rm !== 0) return K.Xchg;
    if ((o === 0xa4 || o === 0xa5 || o === 0xaa || o === 0xab) && !i.addr32 && i.seg === 0) return K.StrOp;
    if (o === 0x98 && s >= 4) return K.Cdqe;
    if (o === 0x99 && s >= 4) return K.Cqo;
    return 0;
  }
  if (d.map === 1) {
    const o = d.op;
    if (o >= 0x40 && o <= 0x4f) return K.Cmov;
    if (o >= 0x80 && o <= 0x8f) return K.Jcc;
    if (o >= 0x90 && o <= 0x9f) return K.Setcc;
    if (o === 0xaf && s >= 4) return K.Imul2;
    if (o === 0xb6 || o === 0xb7) return K.Movzx;
    if ((o === 0xb0 || o === 0xb1) && name === 'cmpxchg') return K.Cmpxchg;
    if ((o === 0xc0 || o === 0xc1) && name === 'xadd') return K.Xadd;
    if ((o === 0xa3 || o === 0xab || o === 0xb3 || o === 0xbb || o === 0xba) && (name === 'bt' || name === 'bts' || name === 'btr' || name === 'btc')) {
      // a register bit offset with 32-bit addressing: the interpreter's address arithmetic
      return o !== 0xba && i.mod !== 3 && i.addr32 ? 0 : K.Bt;
    }
    if ((o === 0xbc || o === 0xbd || o === 0xb8) && s >= 2 && (name === 'bsf' || name === 'bsr' || name === 'tzcnt' || name === 'lzcnt' || name === 'popcnt')) return K.BitScan;
    if (o >= 0xc8 && o <= 0xcf && s >= 4) return K.Bswap;
    if (o === 0xbe || o === 0xbf) return K.Movsx;
    if (name === 'nop' || name === 'endbr64' || name === 'endbr32') return K.Nop;
  }
  return 0;
}

/** Does the instruction write every arithmetic flag (inc/dec: all but CF)? */
export function writesFlags(k: K): boolean {
  return k === K.Cmpxchg || k === K.Xadd || k === K.Alu || k === K.Test || k === K.IncDec || k === K.Neg || k === K.Shift || k === K.Imul2 || k === K.Imul3 || k === K.Mul1 || k === K.BitScan || k === K.AdcSbb || k === K.SseFlags || k === K.SimdIntFlags;
}
export function readsFlags(k: K): boolean { return k === K.Jcc || k === K.Cmov || k === K.Setcc; }
/** Can the instruction leave the region before its effects (a permission check)? */
function mayExit(i: Insn, k: K): boolean {
  if (k === K.Sse || k === K.SseFlags) return sseMayExit(i);
  if (k === K.SimdInt || k === K.SimdIntFlags) return simdIntMayExit(i);
  if (k === K.Push || k === K.Pop || k === K.PushImm || k === K.Call || k === K.Ret || k === K.CallInd || k === K.Div || k === K.Leave || k === K.PushE || k === K.PopE || k === K.StrOp) return true;
  if (k === K.JmpInd || k === K.Xchg) return i.mod !== 3;
  if (k === K.Lea || k === K.Nop || k === K.MovImmR || k === K.Cdqe || k === K.Cqo || k === K.Jcc || k === K.Jmp) return false;
  return i.mod !== 3;
}

// ---- region shape -------------------------------------------------------------------

export interface RBlock {
  start: number;
  insns: Insn[];
  kinds: K[];
  /** flags needed after insn k (its flag results must be materialised) */
  need: boolean[];
  /** rip where the block leaves the region when its last compiled insn is not a branch */
  cut: number;
}

/** Source of decoded blocks (the interpreter's cache). */
export type BlockSource = (addr: number) => Insn[] | null;

export interface RegionPlan {
  entry: number; blocks: RBlock[]; pages: number[]; ninsns: number;
  /** indirect call sites -> the target they are predicted to call (its blocks are in the region) */
  predicted: Map<number, number>;
  /** indirect call sites without a prediction -> where their code stores each target (filled in by the caller) */
  siteSlots: Map<number, number>;
}

/** Indirect call targets observed so far, by call site (jit.ts learns them through the site slots). */
export type Predictions = ReadonlyMap<number, number>;

export const MAX_REGION_INSNS = 400;
const MAX_REGION_BLOCKS = 64;
const PAGE_WINDOW = 4;

/** Prefix of a decoded block that the JIT handles (flag readers need a producer in the block). */
/** Does the instruction leave a Result or None flag record (CF/OF in its bits)? */
function resultRecord(i: Insn, k: K): boolean {
  if (k === K.Alu) { const o = ALU_NAMES[i.def!.name]; return o === 1 || o === 4 || o === 6; }
  return k === K.Test || k === K.IncDec || k === K.Shift || k === K.Imul2 || k === K.Imul3 || k === K.Mul1 || k === K.BitScan;
}

function planBlock(start: number, src: Insn[]): RBlock {
  let insns: Insn[] = [], kinds: K[] = [];
  // producer: the flag record's operation is known statically; result: it is a Result/None record
  let producer = false, result = false, cut = -1;
  const resultAt: boolean[] = [];
  for (const i of src) {
    const k = classify(i);
    if (k === 0) { cut = i.addr; break; }
    insns.push(i); kinds.push(k); resultAt.push(result);
    if (writesFlags(k)) { producer = true; result = resultRecord(i, k); }
    if (k === K.ShiftCl || k === K.AdcSbb) producer = result = false;
    if (k === K.Bt) producer = result = true;
  }
  if (cut < 0) {
    const last = src[src.length - 1];
    cut = isBranch(kinds[kinds.length - 1]) ? -1 : last.next;
  }
  // flag liveness, backwards; everything is live where the block ends
  let need: boolean[];
  for (;;) {
    need = new Array<boolean>(insns.length).fill(true);
    let live = true;
    for (let n = insns.length - 1; n >= 0; n--) {
      const k = kinds[n];
      need[n] = live;
      if (writesFlags(k) && k !== K.IncDec) live = false;
      if (readsFlags(k) || k === K.AdcSbb || mayExit(insns[n], k)) live = true;
    }
    // a rotate whose flags are read needs a record it can patch; otherwise the block ends before it
    const bad = kinds.findIndex((k, n) => k === K.Rot && need[n] && !resultAt[n]);
    if (bad < 0) break;
    cut = insns[bad].addr;
    insns = insns.slice(0, bad); kinds = kinds.slice(0, bad);
  }
  return { start, insns, kinds, need, cut };
}

function isBranch(k: K | undefined): boolean {
  return k === K.Jcc || k === K.Jmp || k === K.Call || k === K.Ret || k === K.CallInd || k === K.JmpInd;
}

/** Discover the region from its entry: breadth first over direct branch targets. */
export function planRegion(entry: number, source: BlockSource, predictions?: Predictions): RegionPlan | null {
  const page0 = Math.floor(entry / 4096);
  const blocks = new Map<number, RBlock>();
  const queue = [entry];
  // predicted callees may live far away (a comparison function passed to qsort)
  const far = new Set<number>();
  const predicted = new Map<number, number>(), siteSlots = new Map<number, number>();
  let ninsns = 0;
  while (queue.length && blocks.size < MAX_REGION_BLOCKS) {
    const a = queue.shift()!;
    if (blocks.has(a) || (Math.abs(Math.floor(a / 4096) - page0) > PAGE_WINDOW && !far.has(a))) continue;
    const src = source(a);
    if (src === null || src.length === 0) continue;
    const rb = planBlock(a, src);
    if (rb.insns.length === 0) { if (a === entry) return null; continue; }
    if (ninsns + rb.insns.length > MAX_REGION_INSNS && a !== entry) continue;
    ninsns += rb.insns.length;
    blocks.set(a, rb);
    const last = rb.insns[rb.insns.length - 1], k = rb.kinds[rb.kinds.length - 1];
    if (rb.cut >= 0) queue.push(rb.cut);
    else if (k === K.Jcc) queue.push(last.next + last.imm, last.next);
    else if (k === K.Jmp) queue.push(last.next + last.imm);
    else if (k === K.Call) queue.push(last.next + last.imm, last.next);
    else if (k === K.CallInd || k === K.JmpInd) {
      const t = predictions?.get(last.addr);
      if (t !== undefined) {
        predicted.set(last.addr, t); far.add(t); queue.push(t);
        if (k === K.CallInd) { far.add(last.next); queue.push(last.next); }
      }
      else siteSlots.set(last.addr, 0);
    }
  }
  if (!blocks.has(entry)) return null;
  const list = [...blocks.values()].sort((x, y) => x.start - y.start);
  const pages = new Set<number>();
  for (const b of list) {
    for (const i of b.insns) { pages.add(Math.floor(i.addr / 4096)); pages.add(Math.floor((i.next - 1) / 4096)); }
  }
  // a prediction whose target did not make it into the region is dropped
  for (const [site, t] of predicted) if (!blocks.has(t)) { predicted.delete(site); siteSlots.set(site, 0); }
  for (const site of [...siteSlots.keys()]) if (![...blocks.values()].some((b) => b.insns[b.insns.length - 1].addr === site)) siteSlots.delete(site);
  return { entry, blocks: list, pages: [...pages], ninsns, predicted, siteSlots };
}

// ---- code generation ----------------------------------------------------------------

interface Producer { op: FlagOp; size: number; bits: number | null }

const SIGN64 = [0, 7, 15, 0, 31, 0, 0, 0, 63];

class Gen {
  readonly f = new Func();
  /** SSE state of the region (sse.ts), made on its first SSE instruction */
  sse?: SseCtx;
  /** locals of string instructions (strops.ts) */
  str?: StrLocals;
  private readonly R: number[] = new Array(16).fill(-1);
  private readonly written = new Set<number>();
  // flag record locals
  readonly fop = this.f.local(T.I32);
  readonly fsize = this.f.local(T.I32);
  readonly fbits = this.f.local(T.I32);
  readonly fa = this.f.local(T.I64);
  readonly fb = this.f.local(T.I64);
  readonly fr = this.f.local(T.I64);
  readonly pc = this.f.local(T.I32);
  readonly budget = this.f.local(T.I32);
  readonly ic = this.f.local(T.I32);
  readonly xrip = this.f.local(T.I64);
  readonly ea = this.f.local(T.I64);
  readonly a32 = this.f.local(T.I32);
  readonly ta = this.f.local(T.I64);
  readonly tb = this.f.local(T.I64);
  readonly tr = this.f.local(T.I64);
  readonly tw = this.f.local(T.I64);
  readonly t1 = this.f.local(T.I64);
  readonly t2 = this.f.local(T.I64);
  readonly t3 = this.f.local(T.I64);
  readonly c1 = this.f.local(T.I32);
  /**
   * Pages this call of the region has checked, by base register and kind of access
   * (windows below): an access inside one needs one comparison, not the permission map.
   */
  private readonly windows = new Map<string, { lo: number; len: number }>();
  /** the permission byte of the stack window's check */
  private permByte?: number;

  /** index of the block being generated, number of blocks, if-nesting inside it */
  k = 0; n = 0; depth = 0;
  /** the current block is wrapped in a wasm loop (it branches to itself); base: its nesting at the block's top level */
  selfLoop = false; base = 0;
  index = new Map<number, number>();
  prod: Producer | null = null;
  /** instructions of the current block not yet retired at the current point */
  remaining = 0;

  constructor(readonly plan: RegionPlan) {}

  // -- registers --
  reg(n: number): number {
    if (this.R[n] < 0) this.R[n] = this.f.local(T.I64);
    return this.R[n];
  }
  /** push register n (16-19 = AH..BH at size 1) zero-extended from size */
  readReg(n: number, size: number): void {
    const f = this.f;
    if (size === 1 && n >= 16) { f.get(this.reg(n - 16)).i64(8, 0).op(Op.i64_shr_u).i64(0xff, 0).op(Op.i64_and); return; }
    f.get(this.reg(n));
    this.zext(size);
  }
  zext(size: number): void {
    const f = this.f;
    if (size === 4) f.op(Op.i32_wrap_i64).op(Op.i64_extend_i32_u);
    else if (size === 2) f.i64(0xffff, 0).op(Op.i64_and);
    else if (size === 1) f.i64(0xff, 0).op(Op.i64_and);
  }
  sext(size: number): void {
    const f = this.f;
    if (size === 4) f.op(Op.i64_extend32_s);
    else if (size === 2) f.op(Op.i64_extend16_s);
    else if (size === 1) f.op(Op.i64_extend8_s);
  }
  /** pop an i64 into register n at size (32-bit writes zero-extend, 8/16-bit merge) */
  writeReg(n: number, size: number): void {
    const f = this.f;
    if (size === 8) { f.set(this.reg(n)); this.written.add(n); return; }
    if (size === 4) { f.op(Op.i32_wrap_i64).op(Op.i64_extend_i32_u).set(this.reg(n)); this.written.add(n); return; }
    f.set(this.tw);
    if (size === 1 && n >= 16) {
      const r = this.reg(n - 16);
      f.get(r).i64(~0xff00, -1).op(Op.i64_and).get(this.tw).i64(0xff, 0).op(Op.i64_and).i64(8, 0).op(Op.i64_shl).op(Op.i64_or).set(r);
      this.written.add(n - 16);
      return;
    }
    const m = size === 2 ? 0xffff : 0xff;
    const r = this.reg(n);
    f.get(r).i64(~m, -1).op(Op.i64_and).get(this.tw).i64(m, 0).op(Op.i64_and).op(Op.i64_or).set(r);
    this.written.add(n);
  }
  trunc(size: number): void { if (size !== 8) this.zext(size); }

  // -- memory --
  /** push the effective address (i64) of i's memory operand; withSeg adds fs/gs */
  addr(i: Insn, withSeg: boolean): void {
    const f = this.f;
    let parts = 0;
    if (i.base === BASE_RIP) { num64(f, i.next + i.disp); parts++; }
    else {
      if (i.base >= 0) { f.get(this.reg(i.base)); parts++; }
      if (i.index >= 0) {
        f.get(this.reg(i.index));
        if (i.scale > 1) f.i64(Math.log2(i.scale), 0).op(Op.i64_shl);
        if (parts++) f.op(Op.i64_add);
      }
      if (i.disp !== 0 || parts === 0) { num64(f, i.disp); if (parts++) f.op(Op.i64_add); }
    }
    if (i.addr32) f.i64(M32, 0).op(Op.i64_and);
    if (withSeg && i.seg !== 0) {
      f.i32(0).mem(Op.i64_load, STATE_BASE + OFF_SEG + (i.seg === 4 ? 0 : 8)).op(Op.i64_add);
    }
  }
  /**
   * The locals of the page window named key, made at its first use: lo and len, where an
   * address ea is inside when ea - lo < len (len is 0 at entry: nothing is). They hold
   * what this call of the region has found good: permissions cannot change while a
   * region runs (mprotect, munmap and mmap are syscalls, which leave it), and a page can
   * only become code by being decoded, which happens outside. check() keeps one per base
   * register; sse.ts one per kind of grouped access.
   */
  pageWindow(key: string): { lo: number; len: number } {
    let w = this.windows.get(key);
    if (w === undefined) this.windows.set(key, (w = { lo: this.f.local(T.I64), len: this.f.local(T.I64) }));
    return w;
  }
  /**
   * check()'s window for accesses through base register `base` (-1: none, BASE_RIP), for
   * reads or for writes: the page last checked, len 4096 - 7 once set. One per base keeps
   * the pages of different streams (the stack, a source and a destination) from evicting
   * each other; the stack is read and written through rsp alike, so it has one window,
   * for pages that allow both.
   */
  private window(base: number, write: boolean): { lo: number; len: number } {
    return this.pageWindow(base === RSP ? 'rsp' : `${base}${write ? 'w' : 'r'}`);
  }

  /** Check the access of size bytes at local ea (through register base), setting a32; exit to the interpreter at i if it is not allowed. */
  check(i: Insn, size: number, write: boolean, base = i.base): void {
    const f = this.f;
    const w = size <= 8 ? this.window(base, write) : null;
    f.get(this.ea).op(Op.i32_wrap_i64).set(this.a32);
    f.block(Op.block); f.block(Op.block); this.depth += 2;
    // inside the page checked last (8 bytes or fewer from ea fit in it): one compare
    if (w !== null) f.get(this.ea).get(w.lo).op(Op.i64_sub).get(w.len).op(Op.i64_lt_u).br(Op.br_if, 1);
    // separate branches to one exit (not one or-ed condition): TurboFan turns each into a
    // compare-and-jump, where the or-ed booleans cost setcc/movzx pairs
    f.get(this.ea).i64(32, 0).op(Op.i64_shr_u).i64(0, 0).op(Op.i64_ne).br(Op.br_if, 0);
    if (size > 1) f.get(this.a32).i32(0xfff).op(Op.i32_and).i32(4096 - size).op(Op.i32_gt_u).br(Op.br_if, 0);
    // the map's address as an i32 sum (wrapping is impossible: index < 2^20): a constant
    // offset above 2^31 costs V8 a 64-bit constant and add on every access
    f.get(this.a32).i32(12).op(Op.i32_shr_u).i32(PERM_BASE | 0).op(Op.i32_add).mem(Op.i32_load8_u, 0);
    const rw = w !== null && base === RSP;
    if (rw) f.tee(this.permByte ??= f.local(T.I32));
    if (write) f.i32(P_W | P_CODE).op(Op.i32_and).i32(P_W).op(Op.i32_eq);
    else f.i32(P_R).op(Op.i32_and);
    if (w !== null) {
      f.op(Op.i32_eqz).br(Op.br_if, 0);
      // the page is good: later accesses to it take the compare above (the stack's
      // window takes only pages that can be both read and written)
      if (rw) {
        f.get(this.permByte!).i32(P_R | P_W | P_CODE).op(Op.i32_and).i32(P_R | P_W).op(Op.i32_eq);
        f.block(Op.if_); this.depth++;
      }
      f.get(this.ea).i64(-4096, -1).op(Op.i64_and).set(w.lo);
      f.i64(4096 - 7, 0).set(w.len);
      if (rw) { f.op(Op.end); this.depth--; }
      f.br(Op.br, 1);
    } else f.br(Op.br_if, 1);
    f.op(Op.end); this.depth--;
    this.exitConst(i.addr, this.remaining);
    f.op(Op.end); this.depth--;
  }
  memOperand(i: Insn, size: number, write: boolean): void {
    this.addr(i, true);
    this.f.set(this.ea);
    this.check(i, size, write);
  }
  load(size: number): void {
    const f = this.f;
    f.get(this.a32);
    f.mem(size === 8 ? Op.i64_load : size === 4 ? Op.i64_load32_u : size === 2 ? Op.i64_load16_u : Op.i64_load8_u, 0);
  }
  /** store local v at a32 */
  store(size: number, v: number): void {
    const f = this.f;
    f.get(this.a32).get(v);
    f.mem(size === 8 ? Op.i64_store : size === 4 ? Op.i64_store32 : size === 2 ? Op.i64_store16 : Op.i64_store8, 0);
  }

  // -- E/G operands (the memory check must have been done for a memory E) --
  readE(i: Insn, size: number): void {
    if (i.mod === 3) this.readReg(size === 1 ? i.rm8 : i.rm, size); else this.load(size);
  }
  /** write local v to E */
  writeE(i: Insn, size: number, v: number): void {
    if (i.mod === 3) { this.f.get(v); this.writeReg(size === 1 ? i.rm8 : i.rm, size); } else this.store(size, v);
  }
  readG(i: Insn, size: number): void { this.readReg(size === 1 ? i.reg8 : i.reg, size); }
  writeG(i: Insn, size: number): void { this.writeReg(size === 1 ? i.reg8 : i.reg, size); }

  // -- control --
  exitConst(rip: number, unretired: number): void {
    num64(this.f, rip);
    this.f.set(this.xrip);
    this.exitHere(unretired);
  }
  /** leave with the rip already in xrip */
  exitHere(unretired: number): void {
    const f = this.f;
    this.flushPend();
    if (unretired) f.get(this.ic).i32(unretired).op(Op.i32_sub).set(this.ic);
    f.br(Op.br, this.n - this.k + this.depth);
  }
  /** transfer to guest address t (in the region or not); `last`: nothing follows in this block */
  goto(t: number, last: boolean): void {
    const f = this.f;
    const j = this.index.get(t);
    if (j === undefined) { this.exitConst(t, 0); return; }
    if (j > this.k) {
      this.flushPend();
      if (!(last && j === this.k + 1 && this.depth === this.base && !this.peel)) f.br(Op.br, j - this.k - 1 + this.depth);
      return;
    }
    // a back-edge: spend budget, then dispatch through the loop
    f.get(this.budget).i32(1).op(Op.i32_sub).tee(this.budget).i32(0).op(Op.i32_le_s);
    f.block(Op.if_); this.depth++;
    this.exitConst(t, 0);
    f.op(Op.end); this.depth--;
    if (j === this.k && this.selfLoop) {
      // the loop copy of the block starts with this flag state (see genBlock)
      this.backProd = this.prod; this.backPend = this.pend;
      f.br(Op.br, this.depth - 1);
      return;
    }
    this.flushPend();
    f.i32(j).set(this.pc).br(Op.br, this.n - 1 - this.k + this.depth);
  }

  // -- flags --
  /** record a flag-setting operation: values in ta, tb, tr (truncated); bits from c1 when dynamic */
  setFlags(need: boolean, op: FlagOp, size: number, bits: number | null, withAB: boolean): void {
    this.prod = { op, size, bits };
    if (!need) return;
    const f = this.f;
    if (withAB) { f.get(this.ta).set(this.fa).get(this.tb).set(this.fb); }
    f.get(this.tr).set(this.fr);
    // the record's constant fields reach their locals only where the record leaves the
    // block (exits, branches): in a loop they would be values carried around it
    if (bits === null) f.get(this.c1).set(this.fbits);
    else if (op === FlagOp.None) f.i32(bits).set(this.fbits); // cond() reads a None record's bits from the local
    this.pend = { op, size, bits: bits === null || op === FlagOp.None ? null : bits };
  }
  /** the constant fields of the current record, not yet in fop/fsize/fbits */
  pend: Producer | null = null;
  /** the flag state at the back-edge of a self-looping block */
  private backProd: Producer | null = null;
  private backPend: Producer | null = null;
  /** generating the first copy of a self-looping block */
  private peel = false;
  /** write the pending constant fields (on a path leaving the block; pend stays for the rest of the block) */
  flushPend(): void {
    const p = this.pend;
    if (p === null) return;
    this.f.i32(p.op).set(this.fop).i32(p.size).set(this.fsize);
    if (p.bits !== null) this.f.i32(p.bits).set(this.fbits);
  }
  /** write them before code that reads or rewrites the record's locals */
  settlePend(): void { this.flushPend(); this.pend = null; }
  /** push the sign bit (0/1, i32) of an i64 local at size */
  signBit(l: number, size: number): void {
    this.f.get(l).i64(SIGN64[size], 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
  }
  /**
   * c1 = the arithmetic flags of the record in the locals, whatever its operation:
   * CF | PF << 2 | ZF << 6 | SF << 7 | OF << 11, and AF (1 << 4) when `af` (never a condition)
   */
  flagsDynamic(af: boolean): void {
    const f = this.f, fl = this.c1;
    this.settlePend();
    // sign of an i64 local at the record's size
    const sign = (l: number): void => {
      f.get(l).get(this.fsize).i32(3).op(Op.i32_shl).i32(1).op(Op.i32_sub).op(Op.i64_extend_i32_u).op(Op.i64_shr_u);
      f.op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
    };
    // fl = CF | PF << 2 | ZF << 6 | SF << 7 | OF << 11 (AF is never a condition)
    f.get(this.fbits);                                                          // None
    f.get(this.fr).op(Op.i32_wrap_i64).i32(0xff).op(Op.i32_and).op(Op.i32_popcnt).i32(1).op(Op.i32_and).op(Op.i32_eqz).i32(2).op(Op.i32_shl);
    f.get(this.fr).op(Op.i64_eqz).i32(6).op(Op.i32_shl).op(Op.i32_or);
    sign(this.fr); f.i32(7).op(Op.i32_shl).op(Op.i32_or);
    f.set(fl);
    f.get(fl).get(this.fbits).i32(af ? 0x811 : 0x801).op(Op.i32_and).op(Op.i32_or); // Result
    f.get(fl);
    this.prod = null; this.cf(); f.op(Op.i32_or);
    // OF: add/adc from (a^r)&(b^r), sub/sbb from (a^b)&(a^r)
    f.get(this.fa).get(this.fr).op(Op.i64_xor);
    f.get(this.fb).get(this.fr).op(Op.i64_xor);
    f.get(this.fa).get(this.fb).op(Op.i64_xor);
    f.get(this.fop).i32(FlagOp.Adc).op(Op.i32_le_u).op(Op.select);
    f.op(Op.i64_and).set(this.t3);
    sign(this.t3); f.i32(11).op(Op.i32_shl).op(Op.i32_or);                       // Add/Adc/Sub/Sbb
    if (af) f.get(this.fa).get(this.fb).op(Op.i64_xor).get(this.fr).op(Op.i64_xor).op(Op.i32_wrap_i64).i32(0x10).op(Op.i32_and).op(Op.i32_or);
    f.get(this.fop).i32(FlagOp.Result).op(Op.i32_eq).op(Op.select);
    f.get(this.fop).op(Op.i32_eqz).op(Op.select);
    f.set(fl);
  }

  /** the flag record's operation is known only at run time (block entry, after adc/sbb, shift by CL) */
  private condDynamic(cc: number): void {
    const f = this.f, fl = this.c1, base = cc >> 1;
    this.flagsDynamic(false);
    const bit = (n: number): void => { f.get(fl).i32(n).op(Op.i32_shr_u).i32(1).op(Op.i32_and); };
    switch (base) {
      case 0: bit(11); break;
      case 1: f.get(fl).i32(1).op(Op.i32_and); break;
      case 2: bit(6); break;
      case 3: f.get(fl).i32(0x41).op(Op.i32_and).op(Op.i32_eqz).op(Op.i32_eqz); break;
      case 4: bit(7); break;
      case 5: bit(2); break;
      case 6: bit(7); bit(11); f.op(Op.i32_xor); break;
      default: bit(7); bit(11); f.op(Op.i32_xor); bit(6); f.op(Op.i32_or); break;
    }
    if (cc & 1) f.op(Op.i32_eqz);
  }

  /** push CF (0/1, i32) of the current flag record */
  cf(): void {
    const f = this.f, p = this.prod;
    if (p && p.op === FlagOp.Add) { f.get(this.fr).get(this.fa).op(Op.i64_lt_u); return; }
    if (p && p.op === FlagOp.Sub) { f.get(this.fa).get(this.fb).op(Op.i64_lt_u); return; }
    if (p && p.bits !== null) { f.i32(p.bits & 1); return; }
    if (p) { f.get(this.fbits).i32(1).op(Op.i32_and); return; }
    // unknown producer: decide on the recorded operation
    f.get(this.fa).get(this.fb).op(Op.i64_lt_u);          // Sub
    f.get(this.fr).get(this.fa).op(Op.i64_lt_u);          // Add
    f.get(this.fr).get(this.fa).op(Op.i64_le_u);          // Adc
    f.get(this.fa).get(this.fb).op(Op.i64_le_u);          // Sbb
    f.get(this.fbits).i32(1).op(Op.i32_and);              // None, Result
    f.get(this.fop).i32(FlagOp.Sbb).op(Op.i32_eq).op(Op.select);
    f.get(this.fop).i32(FlagOp.Adc).op(Op.i32_eq).op(Op.select);
    f.get(this.fop).i32(FlagOp.Add).op(Op.i32_eq).op(Op.select);
    f.get(this.fop).i32(FlagOp.Sub).op(Op.i32_eq).op(Op.select);
  }
  /** push condition cc (0/1, i32) from the statically known producer */
  cond(cc: number): void {
    if (this.prod === null) { this.condDynamic(cc); return; }
    const f = this.f, p = this.prod;
    const base = cc >> 1, s = p.size;
    const signedCmp = (o: Op): void => {
      f.get(this.fa); this.sext(s); f.get(this.fb); this.sext(s); f.op(o);
    };
    const zf = (): void => { if (p.op === FlagOp.None) f.get(this.fbits).i32(6).op(Op.i32_shr_u).i32(1).op(Op.i32_and); else f.get(this.fr).op(Op.i64_eqz); };
    const sf = (): void => { if (p.op === FlagOp.None) f.get(this.fbits).i32(7).op(Op.i32_shr_u).i32(1).op(Op.i32_and); else this.signBit(this.fr, s); };
    const of = (): void => {
      if (p.op === FlagOp.Sub) { f.get(this.fa).get(this.fb).op(Op.i64_xor).get(this.fa).get(this.fr).op(Op.i64_xor).op(Op.i64_and).set(this.t3); this.signBit(this.t3, s); }
      else if (p.op === FlagOp.Add) { f.get(this.fa).get(this.fr).op(Op.i64_xor).get(this.fb).get(this.fr).op(Op.i64_xor).op(Op.i64_and).set(this.t3); this.signBit(this.t3, s); }
      else if (p.bits !== null) f.i32((p.bits >> 11) & 1);
      else f.get(this.fbits).i32(11).op(Op.i32_shr_u).i32(1).op(Op.i32_and);
    };
    if (p.op === FlagOp.Sub && base !== 0 && base !== 4 && base !== 5) {
      switch (base) {
        case 1: f.get(this.fa).get(this.fb).op(Op.i64_lt_u); break;
        case 2: f.get(this.fa).get(this.fb).op(Op.i64_eq); break;
        case 3: f.get(this.fa).get(this.fb).op(Op.i64_le_u); break;
        case 6: signedCmp(Op.i64_lt_s); break;
        default: signedCmp(Op.i64_le_s); break;
      }
    } else {
      switch (base) {
        case 0: of(); break;
        case 1: this.cf(); break;
        case 2: zf(); break;
        case 3: this.cf(); zf(); f.op(Op.i32_or); break;
        case 4: sf(); break;
        case 5:
          if (p.op === FlagOp.None) f.get(this.fbits).i32(2).op(Op.i32_shr_u).i32(1).op(Op.i32_and);
          else f.get(this.fr).op(Op.i32_wrap_i64).i32(0xff).op(Op.i32_and).op(Op.i32_popcnt).i32(1).op(Op.i32_and).op(Op.i32_eqz);
          break;
        case 6: sf(); of(); f.op(Op.i32_xor); break;
        default: zf(); sf(); of(); f.op(Op.i32_xor).op(Op.i32_or); break;
      }
    }
    if (cc & 1) f.op(Op.i32_eqz);
  }

  // ---- the region ----

  build(): Func {
    const f = this.f, plan = this.plan;
    const blocks = plan.blocks;
    this.n = blocks.length;
    blocks.forEach((b, j) => this.index.set(b.start, j));
    f.block(Op.block);
    f.block(Op.loop);
    for (let j = 0; j < this.n; j++) f.block(Op.block);
    f.get(this.pc).brTable(blocks.map((_, j) => j), 0);
    for (let j = 0; j < this.n; j++) {
      f.op(Op.end);
      this.k = j;
      this.genBlock(blocks[j]);
    }
    f.op(Op.unreachable);
    f.op(Op.end); // loop
    f.op(Op.unreachable);
    f.op(Op.end); // $exit
    // epilogue
    for (const r of [...this.written].sort((x, y) => x - y)) f.i32(0).get(this.R[r]).mem(Op.i64_store, GPR + 8 * r);
    this.sse?.epilogue();
    f.i32(0).get(this.fop).mem(Op.i32_store, FLAGS);
    f.i32(0).get(this.fsize).mem(Op.i32_store, FLAGS + 4);
    f.i32(0).get(this.fa).mem(Op.i64_store, FLAGS + 8);
    f.i32(0).get(this.fb).mem(Op.i64_store, FLAGS + 16);
    f.i32(0).get(this.fr).mem(Op.i64_store, FLAGS + 24);
    f.i32(0).get(this.fbits).mem(Op.i32_store, FLAGS + 32);
    f.i32(0).get(this.budget).mem(Op.i32_store, JIT_SLOTS + SLOT_BUDGET);
    f.i32(0).get(this.xrip).mem(Op.i64_store, JIT_SLOTS + SLOT_RIP);
    f.get(this.ic);
    // prologue, now that the used registers are known
    const body = f.code;
    f.code = new Bytes();
    for (let r = 0; r < 16; r++) if (this.R[r] >= 0) f.i32(0).mem(Op.i64_load, GPR + 8 * r).set(this.R[r]);
    this.sse?.prologue();
    f.i32(0).mem(Op.i32_load, FLAGS).set(this.fop);
    f.i32(0).mem(Op.i32_load, FLAGS + 4).set(this.fsize);
    f.i32(0).mem(Op.i64_load, FLAGS + 8).set(this.fa);
    f.i32(0).mem(Op.i64_load, FLAGS + 16).set(this.fb);
    f.i32(0).mem(Op.i64_load, FLAGS + 24).set(this.fr);
    f.i32(0).mem(Op.i32_load, FLAGS + 32).set(this.fbits);
    f.i32(0).mem(Op.i32_load, JIT_SLOTS + SLOT_BUDGET).set(this.budget);
    f.i32(this.index.get(plan.entry)!).set(this.pc);
    f.code.bytes(body.result());
    return f;
  }

  private genBlock(b: RBlock): void {
    const f = this.f;
    this.prod = null; this.pend = null;
    const len = b.insns.length;
    // A block that branches to itself is generated twice: once as entered from elsewhere
    // (the flag record unknown), then as a wasm loop entered only from its own back-edge,
    // where the record's operation is the one the block itself leaves, so its constant
    // fields are not carried around the loop.
    const last = b.insns[len - 1], lk = b.kinds[len - 1];
    this.selfLoop = b.cut < 0 && (lk === K.Jcc || lk === K.Jmp || lk === K.Call) && last.next + last.imm === b.start;
    this.base = this.selfLoop ? 1 : 0;
    if (this.selfLoop) f.block(Op.block);
    // the first copy's end falls into the loop copy, not into the next block
    this.peel = this.selfLoop;
    this.genBody(b);
    this.peel = false;
    if (!this.selfLoop) return;
    f.op(Op.end);
    f.block(Op.loop);
    this.prod = this.backProd; this.pend = this.backPend;
    this.genBody(b);
    f.op(Op.end);
  }

  private genBody(b: RBlock): void {
    const len = b.insns.length;
    this.depth = this.base;
    this.f.get(this.ic).i32(len).op(Op.i32_add).set(this.ic);
    for (let m = 0; m < len; m++) {
      this.remaining = len - m;
      this.genInsn(b.insns[m], b.kinds[m], b.need[m], m === len - 1);
    }
    if (b.cut >= 0) this.goto(b.cut, true);
  }

  private genInsn(i: Insn, k: K, need: boolean, last: boolean): void {
    const f = this.f, s = i.opsize;
    // these read or rewrite the record's locals themselves
    if (k === K.ShiftCl || k === K.AdcSbb || k === K.Rot || k === K.Bt || k === K.Sse || k === K.SseFlags || k === K.SimdInt || k === K.SimdIntFlags) this.settlePend();
    switch (k) {
      case K.Nop: return;
      case K.Sse: case K.SseFlags: genSse(this, i, need); return;
      case K.SimdInt: case K.SimdIntFlags: genSimdInt(this, i, need); return;
      case K.Alu: {
        const o = ALU_NAMES[i.def!.name];
        const form = i.def!.op < 0x40 ? i.def!.op & 7 : 6; // 80/81/83: E,imm
        const memDest = i.mod !== 3 && (form === 0 || form === 1 || form === 6);
        if (i.mod !== 3 && form !== 4 && form !== 5) this.memOperand(i, s, memDest && o !== 7);
        // a -> ta, b -> tb
        switch (form) {
          case 0: case 1: this.readE(i, s); f.set(this.ta); this.readG(i, s); f.set(this.tb); break;
          case 2: case 3: this.readG(i, s); f.set(this.ta); this.readE(i, s); f.set(this.tb); break;
          case 4: case 5: this.readReg(RAX, s); f.set(this.ta); f.i64(i.imm, i.immHi); this.trunc(s); f.set(this.tb); break;
          default: this.readE(i, s); f.set(this.ta); f.i64(i.imm, i.immHi); this.trunc(s); f.set(this.tb); break;
        }
        f.get(this.ta).get(this.tb);
        f.op(o === 0 ? Op.i64_add : o === 1 ? Op.i64_or : o === 4 ? Op.i64_and : o === 6 ? Op.i64_xor : Op.i64_sub);
        this.trunc(s);
        f.set(this.tr);
        if (o === 0) this.setFlags(need, FlagOp.Add, s, null, true);
        else if (o === 5 || o === 7) this.setFlags(need, FlagOp.Sub, s, null, true);
        else this.setFlags(need, FlagOp.Result, s, 0, false);
        if (o === 7) return;
        if (form === 2 || form === 3) { f.get(this.tr); this.writeG(i, s); }
        else if (form === 4 || form === 5) { f.get(this.tr); this.writeReg(RAX, s); }
        else this.writeE(i, s, this.tr);
        return;
      }
      case K.Test: {
        const o = i.def!.op;
        if (i.mod !== 3 && o !== 0xa8 && o !== 0xa9) this.memOperand(i, s, false);
        if (o === 0xa8 || o === 0xa9) this.readReg(RAX, s); else this.readE(i, s);
        if (o === 0x84 || o === 0x85) this.readG(i, s); else { f.i64(i.imm, i.immHi); this.trunc(s); }
        f.op(Op.i64_and).set(this.tr);
        this.setFlags(need, FlagOp.Result, s, 0, false);
        return;
      }
      case K.IncDec: {
        const dec = i.def!.name === 'dec';
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        f.get(this.ta).i64(1, 0).op(dec ? Op.i64_sub : Op.i64_add); this.trunc(s); f.set(this.tr);
        if (need) {
          // CF is kept; OF and AF from the operand and result
          this.cf();
          const sb = SIGN64[s];
          f.get(dec ? this.ta : this.tr).i64(1, 0).i64(sb, 0).op(Op.i64_shl).op(Op.i64_eq); // == the sign bit alone
          f.i32(11).op(Op.i32_shl).op(Op.i32_or);
          f.get(this.tr).op(Op.i32_wrap_i64).i32(0xf).op(Op.i32_and).i32(dec ? 0xf : 0).op(Op.i32_eq).i32(4).op(Op.i32_shl).op(Op.i32_or);
          f.set(this.c1);
        }
        this.setFlags(need, FlagOp.Result, s, null, false);
        this.writeE(i, s, this.tr);
        return;
      }
      case K.Not: case K.Neg: {
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.tb);
        if (k === K.Not) { f.get(this.tb).i64(-1, -1).op(Op.i64_xor); this.trunc(s); f.set(this.tr); }
        else {
          f.i64(0, 0).get(this.tb).op(Op.i64_sub); this.trunc(s); f.set(this.tr);
          f.i64(0, 0).set(this.ta);
          this.setFlags(need, FlagOp.Sub, s, null, true);
        }
        this.writeE(i, s, this.tr);
        return;
      }
      case K.Mov: {
        const o = i.def!.op;
        if (i.mod !== 3) this.memOperand(i, s, o !== 0x8a && o !== 0x8b);
        if (o === 0x8a || o === 0x8b) { this.readE(i, s); this.writeG(i, s); return; }
        if (o === 0x88 || o === 0x89) this.readG(i, s); else f.i64(i.imm, i.immHi);
        f.set(this.tr);
        this.writeE(i, s, this.tr);
        return;
      }
      case K.MovImmR:
        f.i64(i.imm, s === 8 ? i.immHi : 0);
        this.writeReg(s === 1 ? i.rm8 : i.rm, s);
        return;
      case K.Lea:
        this.addr(i, false);
        this.writeG(i, s);
        return;
      case K.Movzx: case K.Movsx: {
        const from = (i.def!.op & 1) ? 2 : 1;
        if (i.mod !== 3) this.memOperand(i, from, false);
        this.readE(i, from);
        if (k === K.Movsx) this.sext(from);
        this.writeG(i, s);
        return;
      }
      case K.Movsxd: {
        const from = s === 2 ? 2 : 4;
        if (i.mod !== 3) this.memOperand(i, from, false);
        this.readE(i, from);
        if (s === 8) this.sext(4);
        this.writeG(i, s);
        return;
      }
      case K.Imul2: case K.Imul3: {
        if (i.mod !== 3) this.memOperand(i, s, false);
        if (k === K.Imul2) { this.readG(i, s); f.set(this.ta); this.readE(i, s); f.set(this.tb); }
        else { this.readE(i, s); f.set(this.ta); f.i64(i.imm, i.immHi); f.set(this.tb); }
        if (s === 4) {
          f.get(this.ta).op(Op.i64_extend32_s).get(this.tb).op(Op.i64_extend32_s).op(Op.i64_mul).set(this.t1);
          f.get(this.t1).i64(M32, 0).op(Op.i64_and).set(this.tr);
          if (need) f.get(this.t1).get(this.t1).op(Op.i64_extend32_s).op(Op.i64_ne).set(this.c1);
        } else {
          f.get(this.ta).get(this.tb).op(Op.i64_mul).set(this.tr);
          if (need) this.mulOverflow64();
        }
        if (need) {
          // None record: PF, SF from the truncated product, CF = OF = overflow
          f.get(this.c1).i32(0x801).op(Op.i32_mul);
          f.get(this.tr).op(Op.i32_wrap_i64).i32(0xff).op(Op.i32_and).op(Op.i32_popcnt).i32(1).op(Op.i32_and).op(Op.i32_eqz).i32(2).op(Op.i32_shl).op(Op.i32_or);
          this.signBit(this.tr, s); f.i32(7).op(Op.i32_shl).op(Op.i32_or);
          f.set(this.c1);
        }
        this.setFlags(need, FlagOp.None, s, null, false);
        f.get(this.tr); this.writeG(i, s);
        return;
      }
      case K.Shift: {
        const o = i.def!.op, kind = i.reg & 7, bits = s * 8;
        const n = (o >= 0xd0 ? 1 : i.imm) & (s === 8 ? 63 : 31);
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        if (kind === 4 || kind === 6) {
          f.get(this.ta).i64(n, 0).op(Op.i64_shl); this.trunc(s); f.set(this.tr);
          if (need) {
            f.get(this.ta).i64(bits - n, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
            f.get(this.ta).get(this.ta).i64(1, 0).op(Op.i64_shl).op(Op.i64_xor).set(this.t3); this.signBit(this.t3, s);
            f.i32(11).op(Op.i32_shl).op(Op.i32_or).set(this.c1);
          }
        } else if (kind === 5) {
          f.get(this.ta).i64(n, 0).op(Op.i64_shr_u).set(this.tr);
          if (need) {
            f.get(this.ta).i64(n - 1, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
            this.signBit(this.ta, s); f.i32(11).op(Op.i32_shl).op(Op.i32_or).set(this.c1);
          }
        } else { // sar
          f.get(this.ta); this.sext(s); f.i64(n, 0).op(Op.i64_shr_s); this.trunc(s); f.set(this.tr);
          if (need) f.get(this.ta).i64(n - 1, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and).set(this.c1);
        }
        this.setFlags(need, FlagOp.Result, s, null, false);
        this.writeE(i, s, this.tr);
        return;
      }
      case K.StrOp: genStrOp(this, i); return;
      case K.PushE: {
        if (i.mod !== 3) this.memOperand(i, 8, false);
        this.readE(i, 8); f.set(this.tr);
        f.get(this.reg(RSP)).i64(8, 0).op(Op.i64_sub).set(this.ea);
        this.check(i, 8, true, RSP);
        this.store(8, this.tr);
        f.get(this.ea).set(this.reg(RSP)); this.written.add(RSP);
        return;
      }
      case K.PopE: {
        f.get(this.reg(RSP)).set(this.ea);
        this.check(i, 8, false, RSP);
        this.load(8); f.set(this.tr);
        if (i.mod === 3) {
          f.get(this.reg(RSP)).i64(8, 0).op(Op.i64_add).set(this.reg(RSP)); this.written.add(RSP);
          f.get(this.tr); this.writeReg(i.rm, 8);
          return;
        }
        // the destination address uses rsp after the pop; rsp changes only once the store is allowed
        this.addr(i, true);
        if (i.base === RSP) f.i64(8, 0).op(Op.i64_add);
        f.set(this.ea);
        this.check(i, 8, true);
        this.store(8, this.tr);
        f.get(this.reg(RSP)).i64(8, 0).op(Op.i64_add).set(this.reg(RSP)); this.written.add(RSP);
        return;
      }
      case K.Cmpxchg: {
        // flags as cmp acc, E; equal: E = G, else acc = E (a memory E is writable either way, as checked)
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.tb);
        this.readReg(RAX, s); f.set(this.ta);
        f.get(this.ta).get(this.tb).op(Op.i64_sub); this.trunc(s); f.set(this.tr);
        this.setFlags(need, FlagOp.Sub, s, null, true);
        f.get(this.ta).get(this.tb).op(Op.i64_eq);
        f.block(Op.if_); this.depth++;
        this.readG(i, s); f.set(this.t1);
        this.writeE(i, s, this.t1);
        f.op(Op.else_);
        f.get(this.tb); this.writeReg(RAX, s);
        f.op(Op.end); this.depth--;
        return;
      }
      case K.Xadd: {
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        this.readG(i, s); f.set(this.tb);
        f.get(this.ta).get(this.tb).op(Op.i64_add); this.trunc(s); f.set(this.tr);
        this.setFlags(need, FlagOp.Add, s, null, true);
        // G = old E first: with one register as both operands the sum remains
        f.get(this.ta); this.writeG(i, s);
        this.writeE(i, s, this.tr);
        return;
      }
      case K.Bt: {
        const o = i.def!.op, bits = s * 8;
        const kind = o === 0xba ? (i.reg & 7) - 4 : (o >> 3) & 3; // a3 ab b3 bb: bt bts btr btc
        // bit number -> t1
        if (o === 0xba) f.i64(i.imm & (bits - 1), 0).set(this.t1);
        else { this.readG(i, s); f.i64(bits - 1, 0).op(Op.i64_and).set(this.t1); }
        if (i.mod !== 3) {
          this.addr(i, true);
          if (o !== 0xba) {
            // the register is a signed bit offset: the unit holding the bit may lie outside the operand
            this.readG(i, s); this.sext(s); f.i64(Math.log2(bits), 0).op(Op.i64_shr_s).i64(Math.log2(s), 0).op(Op.i64_shl).op(Op.i64_add);
          }
          f.set(this.ea);
          this.check(i, s, kind !== 0);
        }
        this.readE(i, s); f.set(this.ta);
        if (kind !== 0) {
          f.get(this.ta).i64(1, 0).get(this.t1).op(Op.i64_shl);
          if (kind === 1) f.op(Op.i64_or);
          else if (kind === 2) f.i64(-1, -1).op(Op.i64_xor).op(Op.i64_and);
          else f.op(Op.i64_xor);
          f.set(this.tr);
          this.writeE(i, s, this.tr);
        }
        if (need) {
          this.flagsDynamic(true);
          f.get(this.c1).i32(~1).op(Op.i32_and);
          f.get(this.ta).get(this.t1).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and).op(Op.i32_or).set(this.fbits);
          f.i32(FlagOp.None).set(this.fop).i32(s).set(this.fsize);
        }
        this.prod = { op: FlagOp.None, size: s, bits: null };
        return;
      }
      case K.ShiftCl: {
        const kind = i.reg & 7, bits = s * 8;
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        this.readReg(1, 1); f.i64(s === 8 ? 63 : 31, 0).op(Op.i64_and).set(this.t1);
        // a zero count writes the operand back unchanged (a 32-bit register is zero-extended) and keeps the flags
        if (kind === 4 || kind === 6) {
          f.get(this.ta).get(this.t1).op(Op.i64_shl); this.trunc(s); f.set(this.tr);
          if (need) {
            if (s === 8) f.get(this.ta).i64(64, 0).get(this.t1).op(Op.i64_sub).op(Op.i64_shr_u);
            else f.get(this.ta).get(this.t1).op(Op.i64_shl).i64(bits, 0).op(Op.i64_shr_u);
            f.op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
            f.get(this.ta).get(this.ta).i64(1, 0).op(Op.i64_shl).op(Op.i64_xor).set(this.t3); this.signBit(this.t3, s);
            f.i32(11).op(Op.i32_shl).op(Op.i32_or).set(this.c1);
          }
        } else if (kind === 5) {
          f.get(this.ta).get(this.t1).op(Op.i64_shr_u).set(this.tr);
          if (need) {
            f.get(this.ta).get(this.t1).i64(1, 0).op(Op.i64_sub).op(Op.i64_shr_u).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
            this.signBit(this.ta, s); f.i32(11).op(Op.i32_shl).op(Op.i32_or).set(this.c1);
          }
        } else {
          f.get(this.ta); this.sext(s); f.get(this.t1).op(Op.i64_shr_s); this.trunc(s); f.set(this.tr);
          if (need) { f.get(this.ta); this.sext(s); f.get(this.t1).i64(1, 0).op(Op.i64_sub).op(Op.i64_shr_s).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and).set(this.c1); }
        }
        if (need) {
          f.get(this.t1).op(Op.i64_eqz).op(Op.i32_eqz);
          f.block(Op.if_); this.depth++;
          f.i32(FlagOp.Result).set(this.fop).i32(s).set(this.fsize).get(this.tr).set(this.fr).get(this.c1).set(this.fbits);
          f.op(Op.end); this.depth--;
        }
        this.prod = null;
        this.writeE(i, s, this.tr);
        return;
      }
      case K.Rot: {
        const o = i.def!.op, ror = (i.reg & 7) === 1, bits = s * 8, mask = s === 8 ? 63 : 31;
        const cl = o >= 0xd2, imm = o <= 0xc1;
        const n = cl ? -1 : (o >= 0xd0 ? 1 : i.imm) & mask;
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        if (cl) { this.readReg(1, 1); f.i64(mask, 0).op(Op.i64_and).set(this.t1); }
        if (n === 0) { this.writeE(i, s, this.ta); return; }
        // k = count mod the width (all widths are powers of two)
        const count = (): void => { if (cl) f.get(this.t1).i64(bits - 1, 0).op(Op.i64_and); else f.i64(n & (bits - 1), 0); };
        if (s === 8) { f.get(this.ta); count(); f.op(ror ? Op.i64_rotr : Op.i64_rotl); }
        else if (s === 4) { f.get(this.ta).op(Op.i32_wrap_i64); count(); f.op(Op.i32_wrap_i64).op(ror ? Op.i32_rotr : Op.i32_rotl).op(Op.i64_extend_i32_u); }
        else {
          f.get(this.ta); count(); f.op(ror ? Op.i64_shr_u : Op.i64_shl);
          f.get(this.ta).i64(bits, 0); count(); f.op(Op.i64_sub).op(ror ? Op.i64_shl : Op.i64_shr_u);
          f.op(Op.i64_or); this.trunc(s);
        }
        f.set(this.tr);
        if (need) {
          const p = this.prod!;
          const keepOF = imm && n > 1 && i.mod === 3;
          f.get(this.fbits).i32(keepOF ? ~1 : ~0x801).op(Op.i32_and);
          if (ror) this.signBit(this.tr, s); else f.get(this.tr).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and);
          f.op(Op.i32_or);
          if (!keepOF) {
            if (ror) { f.get(this.ta).op(Op.i32_wrap_i64).i32(1).op(Op.i32_and); this.signBit(this.ta, s); f.op(Op.i32_xor); }
            else { f.get(this.ta).get(this.ta).i64(1, 0).op(Op.i64_shl).op(Op.i64_xor).set(this.t3); this.signBit(this.t3, s); }
            f.i32(11).op(Op.i32_shl).op(Op.i32_or);
          }
          if (cl) { f.get(this.fbits).get(this.t1).op(Op.i64_eqz).op(Op.i32_eqz).op(Op.select); } // count 0: flags kept
          f.set(this.fbits);
          this.prod = { op: p.op, size: p.size, bits: null };
        }
        this.writeE(i, s, this.tr);
        return;
      }
      case K.AdcSbb: {
        const sbb = i.def!.name === 'sbb';
        const form = i.def!.op < 0x40 ? i.def!.op & 7 : 6;
        if (i.mod !== 3 && form !== 4 && form !== 5) this.memOperand(i, s, form === 0 || form === 1 || form === 6);
        switch (form) {
          case 0: case 1: this.readE(i, s); f.set(this.ta); this.readG(i, s); f.set(this.tb); break;
          case 2: case 3: this.readG(i, s); f.set(this.ta); this.readE(i, s); f.set(this.tb); break;
          case 4: case 5: this.readReg(RAX, s); f.set(this.ta); f.i64(i.imm, i.immHi); this.trunc(s); f.set(this.tb); break;
          default: this.readE(i, s); f.set(this.ta); f.i64(i.imm, i.immHi); this.trunc(s); f.set(this.tb); break;
        }
        this.cf(); f.set(this.c1);
        f.get(this.ta).get(this.tb).op(sbb ? Op.i64_sub : Op.i64_add).get(this.c1).op(Op.i64_extend_i32_u).op(sbb ? Op.i64_sub : Op.i64_add);
        this.trunc(s); f.set(this.tr);
        if (need) {
          f.get(this.c1).i32(sbb ? FlagOp.Sub : FlagOp.Add).op(Op.i32_add).set(this.fop);
          f.i32(s).set(this.fsize).get(this.ta).set(this.fa).get(this.tb).set(this.fb).get(this.tr).set(this.fr);
        }
        this.prod = null;
        if (form === 2 || form === 3) { f.get(this.tr); this.writeG(i, s); }
        else if (form === 4 || form === 5) { f.get(this.tr); this.writeReg(RAX, s); }
        else this.writeE(i, s, this.tr);
        return;
      }
      case K.Push: case K.PushImm: case K.Call: {
        if (k === K.Push) this.readReg(i.rm, 8); else if (k === K.PushImm) f.i64(i.imm, i.immHi); else num64(f, i.next);
        f.set(this.tr);
        f.get(this.reg(RSP)).i64(8, 0).op(Op.i64_sub).set(this.ea);
        this.check(i, 8, true, RSP);
        this.store(8, this.tr);
        f.get(this.ea).set(this.reg(RSP)); this.written.add(RSP);
        if (k === K.Call) this.goto(i.next + i.imm, last);
        return;
      }
      case K.Pop: case K.Ret: {
        f.get(this.reg(RSP)).set(this.ea);
        this.check(i, 8, false, RSP);
        this.load(8); f.set(this.tr);
        if (k === K.Ret) this.exitIfFar(i, this.tr);
        f.get(this.ea).i64(8, 0).op(Op.i64_add).set(this.reg(RSP)); this.written.add(RSP);
        if (k === K.Pop) { f.get(this.tr); this.writeReg(i.rm, 8); return; }
        f.get(this.tr).set(this.xrip);
        // returns to call sites inside the region stay inside
        for (const b of this.plan.blocks) {
          if (!this.isCallContinuation(b.start)) continue;
          f.get(this.xrip); num64(f, b.start); f.op(Op.i64_eq);
          f.block(Op.if_); this.depth++;
          this.goto(b.start, false);
          f.op(Op.end); this.depth--;
        }
        this.exitHere(0);
        return;
      }
      case K.Jmp: this.goto(i.next + i.imm, last); return;
      case K.Jcc: {
        const cc = i.def!.op & 15;
        this.cond(cc);
        f.block(Op.if_); this.depth++;
        this.goto(i.next + i.imm, false);
        f.op(Op.end); this.depth--;
        this.goto(i.next, last);
        return;
      }
      case K.Cmov: {
        const cc = i.def!.op & 15;
        if (i.mod !== 3) this.memOperand(i, s, false);
        this.readE(i, s); f.set(this.tb);
        f.get(this.tb); this.readReg(i.reg, s);
        this.cond(cc);
        f.op(Op.select);
        this.writeG(i, s);
        return;
      }
      case K.Setcc: {
        const cc = i.def!.op & 15;
        if (i.mod !== 3) this.memOperand(i, 1, true);
        this.cond(cc); f.op(Op.i64_extend_i32_u).set(this.tr);
        this.writeE(i, 1, this.tr);
        return;
      }
      case K.CallInd: case K.JmpInd: {
        if (i.mod !== 3) this.memOperand(i, 8, false);
        this.readE(i, 8); f.set(this.tb);
        this.exitIfFar(i, this.tb);
        if (k === K.CallInd) {
          num64(f, i.next); f.set(this.tr);
          f.get(this.reg(RSP)).i64(8, 0).op(Op.i64_sub).set(this.ea);
          this.check(i, 8, true, RSP);
          this.store(8, this.tr);
          f.get(this.ea).set(this.reg(RSP)); this.written.add(RSP);
        }
        f.get(this.tb).set(this.xrip);
        {
          const t = this.plan.predicted.get(i.addr);
          if (t !== undefined) {
            // the predicted callee is in the region: call it directly when the target matches
            f.get(this.tb); num64(f, t); f.op(Op.i64_eq);
            f.block(Op.if_); this.depth++;
            this.goto(t, false);
            f.op(Op.end); this.depth--;
          } else {
            const slot = this.plan.siteSlots.get(i.addr);
            if (slot) f.i32(0).get(this.tb).op(Op.i32_wrap_i64).mem(Op.i32_store, slot);
          }
        }
        this.exitHere(0);
        return;
      }
      case K.Mul1: {
        const signed = i.def!.name === 'imul';
        if (i.mod !== 3) this.memOperand(i, s, false);
        this.readE(i, s); f.set(this.tb);
        this.readReg(RAX, s); f.set(this.ta);
        if (s === 4) {
          f.get(this.ta); if (signed) this.sext(4);
          f.get(this.tb); if (signed) this.sext(4);
          f.op(Op.i64_mul).set(this.t1);
          f.get(this.t1).i64(M32, 0).op(Op.i64_and).set(this.tr);
          f.get(this.t1).i64(32, 0).op(Op.i64_shr_u).set(this.t2);
          if (need) {
            if (signed) f.get(this.t1).get(this.t1).op(Op.i64_extend32_s).op(Op.i64_ne);
            else f.get(this.t2).i64(0, 0).op(Op.i64_ne);
            f.set(this.c1);
          }
        } else {
          f.get(this.ta).get(this.tb).op(Op.i64_mul).set(this.tr);
          this.mulHigh64(signed); f.set(this.t3);
          if (need) {
            f.get(this.t3);
            if (signed) f.get(this.tr).i64(63, 0).op(Op.i64_shr_s); else f.i64(0, 0);
            f.op(Op.i64_ne).set(this.c1);
          }
        }
        if (need) this.mulFlagBits(s);
        this.setFlags(need, FlagOp.None, s, null, false);
        f.get(this.tr); this.writeReg(RAX, s);
        f.get(s === 4 ? this.t2 : this.t3); this.writeReg(RDX, s);
        return;
      }
      case K.Div: {
        const signed = i.def!.name === 'idiv';
        if (i.mod !== 3) this.memOperand(i, s, false);
        this.readE(i, s); f.set(this.tb);
        // #DE and the cases the fast path does not cover leave for the interpreter
        if (s === 8) {
          f.get(this.tb).op(Op.i64_eqz);
          if (signed) {
            f.get(this.reg(RDX)).get(this.reg(RAX)).i64(63, 0).op(Op.i64_shr_s).op(Op.i64_ne).op(Op.i32_or);
            f.get(this.reg(RAX)).i64(0, 0x80000000 | 0).op(Op.i64_eq).get(this.tb).i64(-1, -1).op(Op.i64_eq).op(Op.i32_and).op(Op.i32_or);
          } else f.get(this.reg(RDX)).i64(0, 0).op(Op.i64_ne).op(Op.i32_or);
          this.exitIfTrue(i);
          f.get(this.reg(RAX)).get(this.tb).op(signed ? Op.i64_div_s : Op.i64_div_u).set(this.tr);
          f.get(this.reg(RAX)).get(this.tb).op(signed ? Op.i64_rem_s : Op.i64_rem_u).set(this.t1);
        } else {
          this.readReg(RDX, 4); f.i64(32, 0).op(Op.i64_shl); this.readReg(RAX, 4); f.op(Op.i64_or).set(this.ta);
          if (signed) { f.get(this.tb); this.sext(4); f.set(this.tb); }
          f.get(this.tb).op(Op.i64_eqz);
          if (signed) f.get(this.ta).i64(0, 0x80000000 | 0).op(Op.i64_eq).get(this.tb).i64(-1, -1).op(Op.i64_eq).op(Op.i32_and).op(Op.i32_or);
          this.exitIfTrue(i);
          f.get(this.ta).get(this.tb).op(signed ? Op.i64_div_s : Op.i64_div_u).set(this.tr);
          if (signed) f.get(this.tr).get(this.tr).op(Op.i64_extend32_s).op(Op.i64_ne);
          else f.get(this.tr).i64(32, 0).op(Op.i64_shr_u).i64(0, 0).op(Op.i64_ne);
          this.exitIfTrue(i);
          f.get(this.ta).get(this.tb).op(signed ? Op.i64_rem_s : Op.i64_rem_u).set(this.t1);
        }
        f.get(this.tr); this.writeReg(RAX, s);
        f.get(this.t1); this.writeReg(RDX, s);
        return;
      }
      case K.BitScan: {
        const name = i.def!.name, bits = s * 8;
        if (i.mod !== 3) this.memOperand(i, s, false);
        this.readE(i, s); f.set(this.ta);
        if (name === 'bsf' || name === 'bsr') {
          // a zero source leaves the destination alone; flags ZF|PF, else PF of the index
          if (name === 'bsf') f.get(this.ta).op(Op.i64_ctz);
          else f.i64(63, 0).get(this.ta).op(Op.i64_clz).op(Op.i64_sub);
          f.set(this.tr);
          if (need) {
            f.i32(0x44);
            f.get(this.tr).op(Op.i32_wrap_i64).op(Op.i32_popcnt).i32(1).op(Op.i32_and).op(Op.i32_eqz).i32(2).op(Op.i32_shl);
            f.get(this.ta).op(Op.i64_eqz).op(Op.select).set(this.c1);
          }
          f.get(this.ta).op(Op.i64_eqz).op(Op.i32_eqz);
          f.block(Op.if_); this.depth++;
          f.get(this.tr); this.writeG(i, s);
          f.op(Op.end); this.depth--;
        } else {
          if (name === 'tzcnt') { f.get(this.ta); if (s !== 8) f.i64(1, 0).i64(bits, 0).op(Op.i64_shl).op(Op.i64_or).op(Op.i64_ctz); else f.op(Op.i64_ctz); }
          else if (name === 'lzcnt') f.get(this.ta).op(Op.i64_clz).i64(64 - bits, 0).op(Op.i64_sub);
          else f.get(this.ta).op(Op.i64_popcnt);
          f.set(this.tr);
          if (need) {
            if (name === 'popcnt') f.get(this.tr).op(Op.i64_eqz).i32(6).op(Op.i32_shl);
            else {
              f.get(this.tr).i64(bits, 0).op(Op.i64_eq);
              f.get(this.tr).op(Op.i64_eqz).i32(6).op(Op.i32_shl).op(Op.i32_or);
            }
            f.set(this.c1);
          }
          f.get(this.tr); this.writeG(i, s);
        }
        this.setFlags(need, FlagOp.None, s, null, false);
        return;
      }
      case K.Bswap: {
        // swap bytes within 16-bit pairs, then pairs within 32-bit halves, then the halves; 32-bit: of x << 32
        const t = this.t3;
        f.get(this.reg(i.rm));
        if (s === 4) f.i64(32, 0).op(Op.i64_shl);
        f.set(t);
        f.get(t).i64(8, 0).op(Op.i64_shr_u).i64(0x00ff00ff, 0x00ff00ff).op(Op.i64_and);
        f.get(t).i64(0x00ff00ff, 0x00ff00ff).op(Op.i64_and).i64(8, 0).op(Op.i64_shl).op(Op.i64_or).set(t);
        f.get(t).i64(16, 0).op(Op.i64_shr_u).i64(0x0000ffff, 0x0000ffff).op(Op.i64_and);
        f.get(t).i64(0x0000ffff, 0x0000ffff).op(Op.i64_and).i64(16, 0).op(Op.i64_shl).op(Op.i64_or);
        f.i64(32, 0).op(Op.i64_rotl);
        this.writeReg(i.rm, s);
        return;
      }
      case K.Leave: {
        f.get(this.reg(5)).set(this.ea);
        this.check(i, 8, false, 5);
        this.load(8); f.set(this.tr);
        f.get(this.ea).i64(8, 0).op(Op.i64_add).set(this.reg(RSP)); this.written.add(RSP);
        f.get(this.tr).set(this.reg(5)); this.written.add(5);
        return;
      }
      case K.Xchg: {
        const o = i.def!.op;
        if (o >= 0x90) {
          this.readReg(RAX, s); f.set(this.ta);
          this.readReg(i.rm, s); this.writeReg(RAX, s);
          f.get(this.ta); this.writeReg(i.rm, s);
          return;
        }
        if (i.mod !== 3) this.memOperand(i, s, true);
        this.readE(i, s); f.set(this.ta);
        this.readG(i, s); f.set(this.tb);
        this.writeE(i, s, this.tb);
        f.get(this.ta); this.writeG(i, s);
        return;
      }
      case K.Cdqe:
        if (s === 8) { this.readReg(RAX, 4); this.sext(4); this.writeReg(RAX, 8); }
        else { this.readReg(RAX, 2); this.sext(2); this.writeReg(RAX, 4); }
        return;
      case K.Cqo:
        if (s === 8) { f.get(this.reg(RAX)).i64(63, 0).op(Op.i64_shr_s); this.writeReg(RDX, 8); }
        else { this.readReg(RAX, 4); this.sext(4); f.i64(31, 0).op(Op.i64_shr_s); this.writeReg(RDX, 4); }
        return;
    }
  }

  private continuations: Set<number> | null = null;
  private isCallContinuation(a: number): boolean {
    if (this.continuations === null) {
      this.continuations = new Set();
      for (const b of this.plan.blocks) {
        const n = b.insns.length;
        if (b.cut < 0 && (b.kinds[n - 1] === K.Call || b.kinds[n - 1] === K.CallInd)) this.continuations.add(b.insns[n - 1].next);
      }
    }
    return this.continuations.has(a);
  }

  /**
   * Leave at branch i (not retired) when its target, local t, is at or above 4 GiB: the
   * interpreter then raises #GP for a non-canonical target before the branch changes
   * anything, or takes it and reports the fetch fault with the whole address.
   */
  private exitIfFar(i: Insn, t: number): void {
    this.f.get(t).i64(32, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64);
    this.exitIfTrue(i);
  }

  /** leave at instruction i (not retired) when the i32 on the stack is nonzero */
  private exitIfTrue(i: Insn): void {
    const f = this.f;
    f.block(Op.if_); this.depth++;
    this.exitConst(i.addr, this.remaining);
    f.op(Op.end); this.depth--;
  }

  /** c1 (overflow, 0/1) -> c1 = None-record bits of a multiply: CF=OF=overflow, PF and SF of tr at size s */
  private mulFlagBits(s: number): void {
    const f = this.f;
    f.get(this.c1).i32(0x801).op(Op.i32_mul);
    f.get(this.tr).op(Op.i32_wrap_i64).i32(0xff).op(Op.i32_and).op(Op.i32_popcnt).i32(1).op(Op.i32_and).op(Op.i32_eqz).i32(2).op(Op.i32_shl).op(Op.i32_or);
    this.signBit(this.tr, s); f.i32(7).op(Op.i32_shl).op(Op.i32_or);
    f.set(this.c1);
  }

  /** push the high 64 bits of the 128-bit product ta * tb (signed or unsigned); uses t1, t2 */
  private mulHigh64(signed: boolean): void {
    const f = this.f;
    const lo = (l: number): void => { f.get(l).i64(M32, 0).op(Op.i64_and); };
    const hi = (l: number): void => { f.get(l).i64(32, 0).op(Op.i64_shr_u); };
    lo(this.ta); lo(this.tb); f.op(Op.i64_mul).i64(32, 0).op(Op.i64_shr_u);
    hi(this.ta); lo(this.tb); f.op(Op.i64_mul).op(Op.i64_add).set(this.t1);
    lo(this.ta); hi(this.tb); f.op(Op.i64_mul); lo(this.t1); f.op(Op.i64_add).set(this.t2);
    hi(this.ta); hi(this.tb); f.op(Op.i64_mul); hi(this.t1); f.op(Op.i64_add); hi(this.t2); f.op(Op.i64_add);
    if (!signed) return;
    f.get(this.tb).i64(0, 0).get(this.ta).i64(0, 0).op(Op.i64_lt_s).op(Op.select).op(Op.i64_sub);
    f.get(this.ta).i64(0, 0).get(this.tb).i64(0, 0).op(Op.i64_lt_s).op(Op.select).op(Op.i64_sub);
  }

  /** c1 = the signed 64-bit product ta * tb overflows (tr holds the low half): the signed high half is not the sign of tr */
  private mulOverflow64(): void {
    this.mulHigh64(true);
    this.f.get(this.tr).i64(63, 0).op(Op.i64_shr_s).op(Op.i64_ne).set(this.c1);
  }
}

/** push an integer in (-2^63, 2^64) as an i64 constant */
function num64(f: Func, v: number): void {
  const hi = Math.floor(v / 4294967296);
  f.i64(v - hi * 4294967296, hi | 0);
}

export function generate(plan: RegionPlan): Func {
  return new Gen(plan).build();
}

