// SSE/SSE2 in JIT regions: XMM moves, bitwise logic, shuffles, scalar and packed
// floating-point arithmetic, comparisons into EFLAGS and conversions, compiled to wasm
// f32/f64/v128 code. Included in a region by compile.ts (classify -> K.Sse/K.SseFlags,
// genInsn -> genSse, and the prologue/epilogue hooks).
//
// Exactness scheme. Wasm arithmetic is IEEE-754 with round-to-nearest-even and no
// exception flags; SSE under MXCSR = nearest, all exceptions masked gives the same
// result bits whenever the result is not a NaN, and the same NaN-free results do not
// depend on DAZ/FTZ as long as no operand is denormal and no result is tiny. So every
// floating-point instruction is compiled as
//
//   compute the result with wasm ops into temporaries (nothing architectural written)
//   if (an operand is NaN or denormal, or the result is NaN, infinite, zero by
//       underflow or below the smallest normal, or MXCSR is not RC=nearest with PM
//       masked)  -> leave the region at this instruction
//   if (MXCSR.PE is still clear and the result is inexact) MXCSR.PE = 1
//   write the destination
//
// and the interpreter (src/cpu/ops/sse-float.ts, exact in every mode) executes the rare
// instructions the region left at: it raises IE/DE/ZE/OE/UE, applies DAZ/FTZ, builds the
// x86 NaNs and the integer indefinite, traps on unmasked exceptions and rounds in the
// directed modes. Of the flags only PE is decided here, because it is the one ordinary
// programs raise. Inexactness is tested only while PE is clear (before a program's first
// inexact operation, or in programs whose arithmetic is all exact, like a matrix product
// of small fractions). Scalar operations first try cheap sufficient tests on a normal
// result: r - x == y and r - y == x for sums (whichever operand is larger, one of them
// is Fast2Sum), trailing zeros of the two encodings for products (na + nb <= 53), a
// power-of-two divisor, a short square root whose square is the operand; an exact
// result raises no flag and does not depend on the rounding mode, so it is written in
// any mode. A product with a zero factor is an exact zero. Otherwise the full path
// decides: add/sub by Fast2Sum; mul by the significant bits of the operands (na + nb
// <= 53: exact); div by a power of two and sqrt with a short root are decided exactly;
// the other cases, which are almost always inexact, go to the interpreter, which sets
// PE, and from then on the common path applies. Single precision operations are
// checked with the same operation in f64 (exact for mul/div/sqrt checks, TwoSum for
// sums). Packed operations take the same sufficient exactness tests lane by lane, and
// otherwise leave the region while PE is clear.
//
// Memory accesses of a block through one address expression are checked as a group
// (planMemGroups), through page windows: locals remembering, per kind of group, the
// pages this call of the region has already found good.
//
// MXCSR lives in a local for the region (loaded at entry, stored at every exit), with
// two derived locals: mxbad (not RC=nearest with PM masked: nothing that rounds runs
// here) and mxslow (mxbad, or PE clear: inexactness must be decided). Setting PE and a
// compiled ldmxcsr update them; stmxcsr stores the local.
// XMM registers live in v128 locals (loaded at region entry when used, stored at exit
// when written); scalar operations read and replace lane 0.

import type { Insn } from '../cpu/insn.js';
import { STATE_BASE, OFF_XMM, OFF_MXCSR } from '../cpu/state.js';
import { FlagOp } from '../cpu/flags.js';
import { BASE_RIP } from '../cpu/insn.js';
import { P_R, P_W, P_CODE, PERM_BASE } from '../mem/memory.js';
import { Func, Op, T, FOp, VOp } from './wasm.js';

/** What the region generator (compile.ts's Gen) provides. */
export interface SseHost {
  readonly f: Func;
  remaining: number;
  depth: number;
  /** index of the block being generated */
  readonly k: number;
  readonly a32: number;
  readonly c1: number;
  sse?: SseCtx;
  readReg(n: number, size: number): void;
  writeReg(n: number, size: number): void;
  memOperand(i: Insn, size: number, write: boolean): void;
  /** push the effective address (i64) of i's memory operand, with fs/gs when withSeg */
  addr(i: Insn, withSeg: boolean): void;
  readonly plan: { readonly blocks: readonly { readonly insns: readonly Insn[] }[] };
  exitConst(rip: number, unretired: number): void;
  /** the flag record's fields not yet written to their locals (compile.ts, Gen.pend) */
  pend: unknown;
  setFlags(need: boolean, op: FlagOp, size: number, bits: number | null, withAB: boolean): void;
  /** the locals of the page window named key (compile.ts, Gen.pageWindow) */
  pageWindow(key: string): { lo: number; len: number };
}

const XMM = STATE_BASE + OFF_XMM;
const MXCSR = STATE_BASE + OFF_MXCSR;
const PE = 0x20;

const MIN64 = 2.2250738585072014e-308, MIN32 = 1.1754943508222875e-38;

const enum A { ADD, SUB, MUL, DIV, SQRT, MIN, MAX }

// ---- classification ---------------------------------------------------------------

const enum G {
  MovLoad = 1, MovStore, MovLoadU, MovStoreU, MovssLoad, MovssStore, MovsdLoad, MovsdStore,
  LoadLo, LoadHi, StoreLo, StoreHi, Movhlps, Movlhps, MovdToX, MovdFromX, MovqToX, MovqStore,
  And, Andn, Or, Xor, ArithSd, ArithSs, ArithPd, ArithPs, Comisd, Comiss,
  Cvtsi2sd, Cvtsi2ss, Cvtsd2si, Cvtss2si, Cvtss2sd, Cvtsd2ss,
  Unpcklpd, Unpckhpd, Unpcklps, Unpckhps, Shufpd, Shufps, Pshufd, Padd, Psub,
  Cmpsd, Cmpss, Cmppd, Cmpps, Cvtdq2pd, Cvtdq2ps, Ldmxcsr, Stmxcsr, Movmskpd, Movmskps,
}

/** SIMD opcodes not in wasm.ts's VOp (after the 0xFD prefix) */
const enum V2 {
  i32x4_bitmask = 0xa4, i64x2_bitmask = 0xc4, i32x4_trunc_sat_f32x4_s = 0xf8,
  f32x4_convert_i32x4_s = 0xfa, f64x2_convert_low_i32x4_s = 0xfe,
  i32x4_lt_s = 0x39, i64x2_lt_s = 0xd8,
}

const ARITH_NAMES: Record<string, A> = { add: A.ADD, sub: A.SUB, mul: A.MUL, div: A.DIV, sqrt: A.SQRT, min: A.MIN, max: A.MAX };

/** The generator form of an instruction (0: not compiled); `arg` is its parameter. */
function form(i: Insn): [G, number] | null {
  const d = i.def!;
  if (d.map !== 1) return null;
  const n = d.name, o = d.op, p = d.pfx;
  switch (n) {
    case 'movups': case 'movupd': case 'movdqu': return [o === 0x10 || o === 0x6f ? G.MovLoadU : G.MovStoreU, 0];
    case 'movaps': case 'movapd': case 'movdqa': return [o === 0x28 || o === 0x6f ? G.MovLoad : G.MovStore, 0];
    case 'movntps': case 'movntpd': case 'movntdq': return [G.MovStore, 0];
    case 'movss': return [o === 0x10 ? G.MovssLoad : G.MovssStore, 0];
    case 'movsd': return [o === 0x10 ? G.MovsdLoad : G.MovsdStore, 0];
    case 'movlps': case 'movlpd': return [o === 0x12 ? G.LoadLo : G.StoreLo, 0];
    case 'movhps': case 'movhpd': return [o === 0x16 ? G.LoadHi : G.StoreHi, 0];
    case 'movhlps': return [G.Movhlps, 0];
    case 'movlhps': return [G.Movlhps, 0];
    case 'movd': case 'movq':
      if (p === 0x66 && o === 0x6e) return [G.MovdToX, 0];
      if (p === 0x66 && o === 0x7e) return [G.MovdFromX, 0];
      if (p === 0xf3 && o === 0x7e) return [G.MovqToX, 0];
      if (p === 0x66 && o === 0xd6) return [G.MovqStore, 0];
      return null;
    case 'andps': case 'andpd': return [G.And, 0];
    case 'andnps': case 'andnpd': return [G.Andn, 0];
    case 'orps': case 'orpd': return [G.Or, 0];
    case 'xorps': case 'xorpd': return [G.Xor, 0];
    case 'pand': return p === 0x66 ? [G.And, 0] : null;
    case 'pandn': return p === 0x66 ? [G.Andn, 0] : null;
    case 'por': return p === 0x66 ? [G.Or, 0] : null;
    case 'pxor': return p === 0x66 ? [G.Xor, 0] : null;
    case 'paddd': case 'paddq': return p === 0x66 ? [G.Padd, n === 'paddd' ? 4 : 8] : null;
    case 'psubd': case 'psubq': return p === 0x66 ? [G.Psub, n === 'psubd' ? 4 : 8] : null;
    case 'ucomisd': case 'comisd': return [G.Comisd, n === 'comisd' ? 1 : 0];
    case 'ucomiss': case 'comiss': return [G.Comiss, n === 'comiss' ? 1 : 0];
    case 'cvtsi2sd': return [G.Cvtsi2sd, 0];
    case 'cvtsi2ss': return [G.Cvtsi2ss, 0];
    case 'cvttsd2si': case 'cvtsd2si': return [G.Cvtsd2si, n === 'cvttsd2si' ? 1 : 0];
    case 'cvttss2si': case 'cvtss2si': return [G.Cvtss2si, n === 'cvttss2si' ? 1 : 0];
    case 'cvtss2sd': return [G.Cvtss2sd, 0];
    case 'cvtsd2ss': return [G.Cvtsd2ss, 0];
    case 'unpcklpd': return [G.Unpcklpd, 0];
    case 'unpckhpd': return [G.Unpckhpd, 0];
    case 'unpcklps': return [G.Unpcklps, 0];
    case 'unpckhps': return [G.Unpckhps, 0];
    case 'shufpd': return [G.Shufpd, 0];
    case 'shufps': return [G.Shufps, 0];
    case 'pshufd': return [G.Pshufd, 0];
    case 'cmpsd': return [G.Cmpsd, 0];
    case 'cmpss': return [G.Cmpss, 0];
    case 'cmppd': return [G.Cmppd, 0];
    case 'cmpps': return [G.Cmpps, 0];
    case 'cvtdq2pd': return [G.Cvtdq2pd, 0];
    case 'cvtdq2ps': return [G.Cvtdq2ps, 0];
    case 'ldmxcsr': return [G.Ldmxcsr, 0];
    case 'stmxcsr': return [G.Stmxcsr, 0];
    case 'movmskpd': return [G.Movmskpd, 0];
    case 'movmskps': return [G.Movmskps, 0];
  }
  const base = ARITH_NAMES[n.slice(0, -2)];
  if (base !== undefined && (o >= 0x51 && o <= 0x5f)) {
    const suf = n.slice(-2);
    if (suf === 'sd') return [G.ArithSd, base];
    if (suf === 'ss') return [G.ArithSs, base];
    if (suf === 'pd') return [G.ArithPd, base];
    if (suf === 'ps') return [G.ArithPs, base];
  }
  return null;
}

/** 0: not an instruction of this module; 1: compiled here; 2: compiled here and writes the arithmetic flags. */
export function classifySse(i: Insn): 0 | 1 | 2 {
  if (i.lock) return 0;
  const fm = form(i);
  if (fm === null) return 0;
  return fm[0] === G.Comisd || fm[0] === G.Comiss ? 2 : 1;
}

/** Can the instruction leave the region before its effects (memory check, rare floating-point case)? */
export function sseMayExit(i: Insn): boolean {
  if (i.mod !== 3) return true;
  const g = form(i)![0];
  return (g >= G.ArithSd && g <= G.Cvtsd2ss) || (g >= G.Cmpsd && g <= G.Cvtdq2ps);
}

/** size and direction of the memory access of an SSE form with a memory operand (as Emit.mem is called) */
function accessOf(i: Insn): { size: number; write: boolean } | null {
  if (i.mod === 3) return null;
  const fm = form(i);
  if (fm === null) return null;
  const s48 = i.opsize === 8 ? 8 : 4;
  switch (fm[0]) {
    case G.MovStore: case G.MovStoreU: return { size: 16, write: true };
    case G.MovssStore: case G.Stmxcsr: return { size: 4, write: true };
    case G.MovsdStore: case G.StoreLo: case G.StoreHi: case G.MovqStore: return { size: 8, write: true };
    case G.MovdFromX: return { size: s48, write: true };
    case G.MovssLoad: case G.ArithSs: case G.Comiss: case G.Cvtss2si: case G.Cmpss: case G.Cvtss2sd: case G.Ldmxcsr:
      return { size: 4, write: false };
    case G.MovsdLoad: case G.LoadLo: case G.LoadHi: case G.MovqToX: case G.ArithSd: case G.Comisd: case G.Cvtsd2si:
    case G.Cmpsd: case G.Cvtsd2ss: case G.Cvtdq2pd:
      return { size: 8, write: false };
    case G.MovdToX: case G.Cvtsi2sd: case G.Cvtsi2ss: return { size: s48, write: false };
    case G.Movhlps: case G.Movlhps: case G.Movmskpd: case G.Movmskps: return null;
    default: return { size: 16, write: false };
  }
}

// Integer instructions whose only register writes are their ModRM operands (reg, and rm
// in the register form or a +r opcode): they keep the base of an access group valid
// unless they write it. Anything else ends every group.
const PLAIN_WRITERS = new Set(['add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'adc', 'sbb', 'mov', 'lea', 'inc', 'dec',
  'neg', 'not', 'movzx', 'movsx', 'movsxd', 'shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'nop', 'bt', 'popcnt', 'bsf', 'bsr',
  'tzcnt', 'lzcnt']);

/** GPRs instruction i may write (bits 0-15), -1 for unknown (anything) */
function gprWrites(i: Insn): number {
  const fm = form(i);
  const d = i.def!;
  if (fm !== null && !i.lock) {
    switch (fm[0]) {
      case G.Cvtsd2si: case G.Cvtss2si: case G.Movmskpd: case G.Movmskps: return 1 << i.reg;
      case G.MovdFromX: return i.mod === 3 ? 1 << i.rm : 0;
      default: return 0;
    }
  }
  const n = d.name;
  const regOnly = (): number => (1 << (i.reg & 15)) | (i.reg8 >= 16 ? 1 << (i.reg8 - 16) : 0)
    | (i.mod === 3 ? (1 << (i.rm & 15)) | (i.rm8 >= 16 ? 1 << (i.rm8 - 16) : 0) : 0);
  if (n.startsWith('j') || n.startsWith('cmov') || n.startsWith('set') || PLAIN_WRITERS.has(n)) return i.lock ? -1 : regOnly();
  if (n === 'imul' && d.op !== 0xf6 && d.op !== 0xf7) return regOnly();
  return -1;
}

/** accesses sharing an address expression whose registers do not change between them */
interface MemGroup { key: string; lo: number; hi: number; rlo: number; rhi: number; wlo: number; whi: number; n: number; first: Insn }
const MAX_GROUP_SPAN = 4096;

/**
 * The SSE memory accesses of a block grouped by address expression (segment, base,
 * index, scale) while no instruction between them writes those registers. A group of two
 * or more is checked once, at its first access, over the hull of all its accesses
 * (the first and last byte's pages, at most 4096 bytes apart, so no page between is
 * skipped); the others only compute their address. Leaving at the first access when a
 * later one would fault is exact: the interpreter runs from there and faults where x86 does.
 */
function planMemGroups(insns: readonly Insn[]): Map<Insn, MemGroup> {
  const out = new Map<Insn, MemGroup>();
  const open = new Map<string, { g: MemGroup; regs: number }>();
  for (const i of insns) {
    const acc = i.def ? accessOf(i) : null;
    if (acc !== null && !i.addr32) {
      const rip = i.base === BASE_RIP;
      const key = rip ? `rip:${i.seg}` : `${i.seg}:${i.base}:${i.index}:${i.scale}`;
      const lo = rip ? i.next + i.disp : i.disp, hi = lo + acc.size;
      let o = open.get(key);
      if (o !== undefined && (Math.max(hi, o.g.hi) - Math.min(lo, o.g.lo) > MAX_GROUP_SPAN)) o = undefined;
      if (o === undefined) {
        const regs = rip ? 0 : (i.base >= 0 ? 1 << i.base : 0) | (i.index >= 0 ? 1 << i.index : 0);
        o = { g: { key, lo, hi, rlo: Infinity, rhi: -Infinity, wlo: Infinity, whi: -Infinity, n: 0, first: i }, regs };
        open.set(key, o);
      }
      const g = o.g;
      g.lo = Math.min(g.lo, lo); g.hi = Math.max(g.hi, hi); g.n++;
      if (acc.write) { g.wlo = Math.min(g.wlo, lo); g.whi = Math.max(g.whi, hi); }
      else { g.rlo = Math.min(g.rlo, lo); g.rhi = Math.max(g.rhi, hi); }
      out.set(i, g);
    }
    const w = i.def ? gprWrites(i) : -1;
    if (w === -1) open.clear();
    else if (w !== 0) for (const [key, o] of open) if (o.regs & w) open.delete(key);
  }
  for (const [i, g] of out) if (g.n < 2) out.delete(i);
  return out;
}

// ---- code generation ---------------------------------------------------------------

/** Per-region state: XMM locals, the MXCSR local, temporaries. */
export class SseCtx {
  private readonly X: number[] = new Array(16).fill(-1);
  private readonly dirty: boolean[] = new Array(16).fill(false);
  private mx = -1;
  private mxbad = -1;
  private mxslow = -1;
  /**
   * Lanes known to hold no denormal (as f64: bits 0-1; as f32: bits 0-3) in the block
   * being generated: results of checked operations and operands that passed a check,
   * so their denormal tests can be left out. Reset at each block start.
   */
  readonly k64: number[] = new Array(16).fill(0);
  readonly k32: number[] = new Array(16).fill(0);
  private blk = -1;
  readonly fa: number; readonly fb: number; readonly fr: number;
  readonly d1: number; readonly d2: number;
  readonly sa: number; readonly sb: number; readonly sr: number;
  readonly va: number; readonly vb: number; readonly vr: number;
  readonly q: number;

  constructor(readonly g: SseHost) {
    const f = g.f;
    this.fa = f.local(T.F64); this.fb = f.local(T.F64); this.fr = f.local(T.F64);
    this.d1 = f.local(T.F64); this.d2 = f.local(T.F64);
    this.sa = f.local(T.F32); this.sb = f.local(T.F32); this.sr = f.local(T.F32);
    this.va = f.local(T.V128); this.vb = f.local(T.V128); this.vr = f.local(T.V128);
    this.q = f.local(T.I64);
    this.u = f.local(T.I64);
    this.u32 = f.local(T.I32);
    this.ck = f.local(T.I32);
    this.hl = f.local(T.I64);
  }
  readonly u: number; readonly u32: number; readonly ck: number;

  /** the block's grouped memory accesses (planMemGroups) */
  groups = new Map<Insn, MemGroup>();
  readonly hl: number;
  /** forget what is known about the registers when a new block starts */
  enter(block: number): void {
    if (block === this.blk) return;
    this.blk = block;
    this.k64.fill(0); this.k32.fill(0);
    this.groups = planMemGroups(this.g.plan.blocks[block].insns);
  }

  /** the local holding xmm n */
  x(n: number): number {
    if (this.X[n] < 0) this.X[n] = this.g.f.local(T.V128);
    return this.X[n];
  }
  /** push xmm n */
  gx(n: number): Func {
    return this.g.f.get(this.x(n));
  }
  /** pop a v128 into xmm n */
  setX(n: number): void {
    this.g.f.set(this.x(n)); this.dirty[n] = true;
    this.k64[n] = 0; this.k32[n] = 0;
  }
  mxLocal(): number {
    if (this.mx < 0) { this.mx = this.g.f.local(T.I32); this.mxbad = this.g.f.local(T.I32); this.mxslow = this.g.f.local(T.I32); }
    return this.mx;
  }
  /** MXCSR is not RC=nearest with PM masked: nothing that rounds is compiled */
  mxBad(): number { this.mxLocal(); return this.mxbad; }
  /** mxBad, or PE still clear: inexactness must be decided */
  mxSlow(): number { this.mxLocal(); return this.mxslow; }

  /** recompute the mode locals from mx */
  mxModes(): void {
    const f = this.g.f;
    f.get(this.mx).i32(0x7000).op(Op.i32_and).i32(0x1000).op(Op.i32_ne).set(this.mxbad);
    f.get(this.mx).i32(0x7020).op(Op.i32_and).i32(0x1020).op(Op.i32_ne).set(this.mxslow);
  }
  /** region entry: load the used XMM registers and MXCSR */
  prologue(): void {
    const f = this.g.f;
    for (let n = 0; n < 16; n++) {
      if (this.X[n] >= 0) { f.i32(0); vmem(f, VOp.v128_load, XMM + 16 * n); f.set(this.X[n]); }
    }
    if (this.mx >= 0) {
      // RC = nearest and PM masked: the only mode the compiled code rounds in
      f.i32(0).mem(Op.i32_load, MXCSR).set(this.mx);
      this.mxModes();
    }
  }
  /** region exit: store the written XMM registers and MXCSR */
  epilogue(): void {
    const f = this.g.f;
    for (let n = 0; n < 16; n++) {
      if (this.dirty[n]) { f.i32(0).get(this.X[n]); vmem(f, VOp.v128_store, XMM + 16 * n); }
    }
    if (this.mx >= 0) f.i32(0).get(this.mx).mem(Op.i32_store, MXCSR);
  }
}

// raw emitters
function fop(f: Func, o: FOp): void { f.code.byte(o); }
function vop(f: Func, o: VOp): void { f.code.byte(0xfd); f.code.u32(o); }
function vlane(f: Func, o: VOp, lane: number): void { vop(f, o); f.code.byte(lane); }
function fmem(f: Func, o: FOp, off: number): void { f.code.byte(o); f.code.u32(0); f.code.u32(off); }
function vmem(f: Func, o: VOp, off: number): void { vop(f, o); f.code.u32(0); f.code.u32(off); }
const cvBuf = new DataView(new ArrayBuffer(8));
function f64c(f: Func, v: number): void {
  cvBuf.setFloat64(0, v, true);
  f.code.byte(FOp.f64_const);
  for (let k = 0; k < 8; k++) f.code.byte(cvBuf.getUint8(k));
}
function f32c(f: Func, v: number): void {
  cvBuf.setFloat32(0, v, true);
  f.code.byte(FOp.f32_const);
  for (let k = 0; k < 4; k++) f.code.byte(cvBuf.getUint8(k));
}
/** v128.const with both 64-bit lanes (lo, hi) */
function vconst64(f: Func, lo: number, hi: number): void {
  vop(f, VOp.v128_const);
  for (let k = 0; k < 2; k++) { cvBuf.setUint32(0, lo >>> 0, true); cvBuf.setUint32(4, hi >>> 0, true); for (let b = 0; b < 8; b++) f.code.byte(cvBuf.getUint8(b)); }
}
/** v128.const with all four 32-bit lanes v */
function vconst32(f: Func, v: number): void {
  vop(f, VOp.v128_const);
  for (let k = 0; k < 4; k++) { cvBuf.setUint32(0, v >>> 0, true); for (let b = 0; b < 4; b++) f.code.byte(cvBuf.getUint8(b)); }
}
function shuffle(f: Func, lanes: number[]): void {
  vop(f, VOp.i8x16_shuffle);
  for (const l of lanes) f.code.byte(l);
}
/** byte lanes of 64-bit element e (0,1 = first operand, 2,3 = second) */
const q64 = (e: number): number[] => { const b = 8 * e; return [b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7]; };
const d32 = (e: number): number[] => { const b = 4 * e; return [b, b + 1, b + 2, b + 3]; };

/** Emit the code of instruction i (classifySse(i) !== 0). `need`: the flags it writes are read later. */
export function genSse(g: SseHost, i: Insn, need: boolean): void {
  const c = g.sse ?? (g.sse = new SseCtx(g));
  c.enter(g.k);
  const [k, arg] = form(i)!;
  const e = new Emit(g, c, i);
  if (!sseMayExit(i)) { e.run(k, arg, need); return; }
  // All the instruction's exits (its tests may leave at several points) branch to one
  // exit of its own: less code, and one edge into the region's exit instead of several.
  const f = g.f;
  // the exit leaves with the flag record of before the instruction: the code for it is
  // emitted after the instruction's own record (comisd's) was made the pending one
  const pendBefore = g.pend;
  f.block(Op.block); f.block(Op.block); g.depth += 2;
  e.failDepth = g.depth;
  e.run(k, arg, need);
  f.br(Op.br, 1);
  f.op(Op.end); g.depth--;
  const pendAfter = g.pend;
  g.pend = pendBefore;
  g.exitConst(i.addr, g.remaining);
  g.pend = pendAfter;
  f.op(Op.end); g.depth--;
}

class Emit {
  readonly f: Func;
  constructor(readonly g: SseHost, readonly c: SseCtx, readonly i: Insn) { this.f = g.f; }

  /** leave the region at this instruction when the i32 on the stack is nonzero */
  /** the depth of the block whose end leads to this instruction's exit (-1: none) */
  failDepth = -1;
  exitIf(): void {
    const g = this.g;
    if (this.failDepth >= 0) { g.f.br(Op.br_if, g.depth - this.failDepth); return; }
    g.f.block(Op.if_); g.depth++;
    g.exitConst(this.i.addr, g.remaining);
    g.f.op(Op.end); g.depth--;
  }
  /** memory operand of `size` bytes -> a32; 16-byte operands of legacy SSE must be aligned */
  mem(size: number, write: boolean, aligned: boolean): void {
    const g = this.g;
    const grp = this.c.groups.get(this.i);
    if (grp === undefined) g.memOperand(this.i, size, write);
    else {
      if (grp.first === this.i) this.groupCheck(grp);
      g.addr(this.i, true); g.f.op(Op.i32_wrap_i64).set(g.a32);
    }
    if (aligned) { g.f.get(g.a32).i32(15).op(Op.i32_and); this.exitIf(); }
  }
  /** leave unless every access of the group (this instruction's is its first) is allowed */
  groupCheck(grp: MemGroup): void {
    const f = this.f, g = this.g, i = this.i, hl = this.c.hl;
    const rip = i.base === BASE_RIP;
    // ea of byte `off` of the hull (off relative to this access's displacement)
    const at = (off: number): void => {
      g.addr(i, true);
      const d = off - (rip ? i.next + i.disp : i.disp);
      if (d !== 0) f.i64(d | 0, d < 0 ? -1 : 0).op(Op.i64_add);
    };
    // one page test: perm byte of the page at local hl, masked and compared against the need
    const page = (mask: number, want: number): void => {
      f.get(hl).i64(32, 0).op(Op.i64_shr_u).op(Op.i64_eqz).op(Op.i32_eqz);
      f.get(hl).op(Op.i32_wrap_i64).i32(12).op(Op.i32_shr_u).mem(Op.i32_load8_u, PERM_BASE);
      f.i32(mask).op(Op.i32_and).i32(want).op(Op.i32_ne).op(Op.i32_or);
    };
    // Inside the window of this kind of hull: one compare. Otherwise both end pages
    // (hulls span at most two), which then become the window.
    const range = (lo: number, hi: number, mask: number, want: number, kind: string): void => {
      // a window per kind of hull (address expression, access kind, hull size): "a hull
      // starting at ea is good when ea - lo < len"
      const w = g.pageWindow(`group|${grp.key}|${kind}|${hi - lo}`);
      f.block(Op.block); g.depth++;
      at(lo); f.tee(hl).get(w.lo).op(Op.i64_sub).get(w.len).op(Op.i64_lt_u).br(Op.br_if, 0);
      page(mask, want);
      f.get(hl).i64(hi - 1 - lo, 0).op(Op.i64_add).set(hl); page(mask, want); f.op(Op.i32_or);
      this.exitIf();
      // lo = first page; len = pages spanned * 4096 - (size - 1)
      f.get(hl).i64(hi - 1 - lo, 0).op(Op.i64_sub).i64(-4096, -1).op(Op.i64_and).set(w.lo);
      f.get(hl).i64(-4096, -1).op(Op.i64_and).get(w.lo).op(Op.i64_sub).i64(4097 - (hi - lo), 0).op(Op.i64_add).set(w.len);
      f.op(Op.end); g.depth--;
    };
    const hasR = grp.rhi > grp.rlo, hasW = grp.whi > grp.wlo;
    if (hasR && hasW && grp.rlo === grp.wlo && grp.rhi === grp.whi) range(grp.lo, grp.hi, P_R | P_W | P_CODE, P_R | P_W, 'rw');
    else {
      if (hasR) range(grp.rlo, grp.rhi, P_R, P_R, 'r');
      if (hasW) range(grp.wlo, grp.whi, P_W | P_CODE, P_W, 'w');
    }
  }
  /** push the 128-bit W operand */
  w128(aligned: boolean): void {
    const i = this.i, f = this.f;
    if (i.mod === 3) { this.c.gx(i.rm); return; }
    this.mem(16, false, aligned);
    f.get(this.g.a32); vmem(f, VOp.v128_load, 0);
  }
  /** push the low f64 of the W operand */
  wsd(): void {
    const i = this.i, f = this.f;
    if (i.mod === 3) { this.c.gx(i.rm); vlane(f, VOp.f64x2_extract_lane, 0); return; }
    this.mem(8, false, false);
    f.get(this.g.a32); fmem(f, FOp.f64_load, 0);
  }
  wss(): void {
    const i = this.i, f = this.f;
    if (i.mod === 3) { this.c.gx(i.rm); vlane(f, VOp.f32x4_extract_lane, 0); return; }
    this.mem(4, false, false);
    f.get(this.g.a32); fmem(f, FOp.f32_load, 0);
  }
  /** push the E operand (GPR or memory) of size 4 or 8, zero-extended to i64 */
  readE(size: number): void {
    const i = this.i, f = this.f;
    if (i.mod === 3) { this.g.readReg(i.rm, size); return; }
    this.mem(size, false, false);
    f.get(this.g.a32).mem(size === 8 ? Op.i64_load : Op.i64_load32_u, 0);
  }
  /** replace lane 0 (f64) of xmm reg with local l */
  setLo64(n: number, l: number): void {
    const f = this.f;
    this.c.gx(n).get(l); vlane(f, VOp.f64x2_replace_lane, 0); this.c.setX(n);
  }
  setLo32(n: number, l: number): void {
    const f = this.f;
    this.c.gx(n).get(l); vlane(f, VOp.f32x4_replace_lane, 0); this.c.setX(n);
  }
  /** if the i32 on the stack (inexact) is set: leave unless nearest/PM masked, and set PE */
  raisePE(): void {
    const f = this.f, c = this.c;
    f.block(Op.if_); this.g.depth++;
    f.get(c.mxBad()); this.exitIf();
    f.get(c.mxLocal()).i32(PE).op(Op.i32_or).set(c.mxLocal());
    f.i32(0).set(c.mxSlow());
    f.op(Op.end); this.g.depth--;
  }

  // -- predicates on f64/f32 locals (push i32) --
  /** the result is normal, |r| > MIN (tested on the bits: 2*MIN < bits<<1 < 2*inf) */
  normalBits(l: number, is64: boolean): void {
    const f = this.f;
    if (is64) {
      f.get(l); fop(f, FOp.i64_reinterpret_f64); f.i64(1, 0).op(Op.i64_shl).tee(this.c.u);
      f.i64(2, 0x00200000).op(Op.i64_sub).i64(0xfffffffd, 0xffbfffff).op(Op.i64_lt_u);
    } else {
      f.get(l); fop(f, FOp.i32_reinterpret_f32); f.i32(1).op(Op.i32_shl).tee(this.c.u32);
      f.i32(0x01000002).op(Op.i32_sub).i32(0xfdfffffd | 0).op(Op.i32_lt_u);
    }
  }
  /** after normalBits: push (the value is a zero) */
  zeroBits(is64: boolean): void {
    if (is64) this.f.get(this.c.u).op(Op.i64_eqz); else this.f.get(this.c.u32).op(Op.i32_eqz);
  }
  /** denormal, on the bits: 2 <= bits<<1 <= 2*MIN - 2 */
  denBits(l: number, is64: boolean): void {
    const f = this.f;
    if (is64) {
      f.get(l); fop(f, FOp.i64_reinterpret_f64); f.i64(1, 0).op(Op.i64_shl);
      f.i64(2, 0).op(Op.i64_sub).i64(0xfffffffd, 0x001fffff).op(Op.i64_lt_u);
    } else {
      f.get(l); fop(f, FOp.i32_reinterpret_f32); f.i32(1).op(Op.i32_shl);
      f.i32(2).op(Op.i32_sub).i32(0x00fffffd).op(Op.i32_lt_u);
    }
  }
  /** denormal: 0 < |x| < MIN */
  den(l: number, is64: boolean): void { this.denBits(l, is64); }
  /** normal or zero or infinite (not NaN, not denormal), on the bits: u = bits<<1 is 0 or in [2*MIN, 2*inf] */
  ordinary(l: number, is64: boolean): void {
    const f = this.f, c = this.c;
    f.get(l);
    if (is64) {
      fop(f, FOp.i64_reinterpret_f64); f.i64(1, 0).op(Op.i64_shl).tee(c.u);
      f.i64(0, 0x00200000).op(Op.i64_sub).i64(1, 0xffc00000).op(Op.i64_lt_u);
      f.get(c.u).op(Op.i64_eqz).op(Op.i32_or);
    } else {
      fop(f, FOp.i32_reinterpret_f32); f.i32(1).op(Op.i32_shl).tee(c.u32);
      f.i32(0x01000000).op(Op.i32_sub).i32(0xfe000001 | 0).op(Op.i32_lt_u);
      f.get(c.u32).op(Op.i32_eqz).op(Op.i32_or);
    }
  }
  /** MIN < |x| < inf */
  normal(l: number, is64: boolean): void {
    const f = this.f;
    f.get(l); fop(f, is64 ? FOp.f64_abs : FOp.f32_abs); this.fc(is64, is64 ? MIN64 : MIN32); fop(f, is64 ? FOp.f64_gt : FOp.f32_gt);
    f.get(l); fop(f, is64 ? FOp.f64_abs : FOp.f32_abs); this.fc(is64, Infinity); fop(f, is64 ? FOp.f64_lt : FOp.f32_lt);
    f.op(Op.i32_and);
  }
  /** |x| < bound (f64 local) */
  below(l: number, bound: number): void { const f = this.f; f.get(l); fop(f, FOp.f64_abs); f64c(f, bound); fop(f, FOp.f64_lt); }
  fc(is64: boolean, v: number): void { if (is64) f64c(this.f, v); else f32c(this.f, v); }
  /** push (x is +0 or -0), on the bits (a float compare would add NaN tests) */
  isZero(l: number, is64: boolean): void {
    const f = this.f;
    f.get(l);
    if (is64) { fop(f, FOp.i64_reinterpret_f64); f.i64(1, 0).op(Op.i64_shl).op(Op.i64_eqz); }
    else { fop(f, FOp.i32_reinterpret_f32); f.i32(1).op(Op.i32_shl).op(Op.i32_eqz); }
  }
  /** push (x is NaN), on the bits: bits<<1 > 2*inf */
  isNaN(l: number, is64: boolean): void {
    const f = this.f;
    f.get(l);
    if (is64) { fop(f, FOp.i64_reinterpret_f64); f.i64(1, 0).op(Op.i64_shl).i64(0, 0xffe00000).op(Op.i64_gt_u); }
    else { fop(f, FOp.i32_reinterpret_f32); f.i32(1).op(Op.i32_shl).i32(0xff000000 | 0).op(Op.i32_gt_u); }
  }

  /**
   * push a lane mask of v128 local l: normal lanes (MIN < |x| < inf: a result of exactly
   * MIN may have been tiny before rounding, which x86 flags as underflow) when `normal`,
   * else denormal lanes (0 < |x| < MIN). u = bits << 1 drops the sign; the unsigned
   * range test lo <= u < hi becomes (u + SIGN - lo) <s (SIGN + hi - lo).
   */
  laneRange(l: number, is64: boolean, normal: boolean): void {
    const f = this.f;
    f.get(l).get(l); vop(f, is64 ? VOp.i64x2_add : VOp.i32x4_add);
    if (is64) {
      // normal: [2^53 + 2, 0xffe0... ); denormal: [2, 2^53 - 2]
      if (normal) { vconst64(f, 0xfffffffe, 0x7fdfffff); vop(f, VOp.i64x2_add); vconst64(f, 0xfffffffe, 0x7fbfffff); }
      else { vconst64(f, 0xfffffffe, 0x7fffffff); vop(f, VOp.i64x2_add); vconst64(f, 0xfffffffe, 0x801fffff); }
      vop(f, V2.i64x2_lt_s as number as VOp);
    } else {
      if (normal) { vconst32(f, 0x7efffffe); vop(f, VOp.i32x4_add); vconst32(f, 0x7dfffffe); }
      else { vconst32(f, 0x7ffffffe); vop(f, VOp.i32x4_add); vconst32(f, 0x80fffffe); }
      vop(f, V2.i32x4_lt_s as number as VOp);
    }
  }

  /** push (i64) the trailing zero bits of the 53-bit significand of a normal f64 local */
  sigZeros(l: number): void {
    const f = this.f;
    f.get(l); fop(f, FOp.i64_reinterpret_f64); f.i64(0, 0x00100000).op(Op.i64_or);
    f.code.byte(0x7a); // i64.ctz
  }
  run(k: G, arg: number, need: boolean): void {
    const f = this.f, c = this.c, i = this.i;
    switch (k) {
      case G.MovLoad: case G.MovLoadU:
        this.w128(k === G.MovLoad); c.setX(i.reg);
        if (i.mod === 3) { c.k64[i.reg] = c.k64[i.rm]; c.k32[i.reg] = c.k32[i.rm]; }
        return;
      case G.MovStore: case G.MovStoreU:
        if (i.mod === 3) { this.c.gx(i.reg); c.setX(i.rm); c.k64[i.rm] = c.k64[i.reg]; c.k32[i.rm] = c.k32[i.reg]; return; }
        this.mem(16, true, k === G.MovStore);
        f.get(this.g.a32); c.gx(i.reg); vmem(f, VOp.v128_store, 0);
        return;
      case G.MovssLoad:
        if (i.mod === 3) {
          c.gx(i.reg); c.gx(i.rm); vlane(f, VOp.i32x4_extract_lane, 0); vlane(f, VOp.i32x4_replace_lane, 0);
        } else { this.mem(4, false, false); f.get(this.g.a32); vmem(f, VOp.v128_load32_zero, 0); }
        c.setX(i.reg); return;
      case G.MovsdLoad:
        if (i.mod === 3) {
          c.gx(i.reg); c.gx(i.rm); vlane(f, VOp.i64x2_extract_lane, 0); vlane(f, VOp.i64x2_replace_lane, 0);
        } else { this.mem(8, false, false); f.get(this.g.a32); vmem(f, VOp.v128_load64_zero, 0); }
        c.setX(i.reg); return;
      case G.MovssStore:
        if (i.mod === 3) {
          c.gx(i.rm); c.gx(i.reg); vlane(f, VOp.i32x4_extract_lane, 0); vlane(f, VOp.i32x4_replace_lane, 0); c.setX(i.rm);
          return;
        }
        this.mem(4, true, false);
        f.get(this.g.a32); c.gx(i.reg); vlane(f, VOp.i32x4_extract_lane, 0); f.mem(Op.i32_store, 0);
        return;
      case G.MovsdStore:
        if (i.mod === 3) {
          c.gx(i.rm); c.gx(i.reg); vlane(f, VOp.i64x2_extract_lane, 0); vlane(f, VOp.i64x2_replace_lane, 0); c.setX(i.rm);
          return;
        }
        this.mem(8, true, false);
        f.get(this.g.a32); c.gx(i.reg); vlane(f, VOp.i64x2_extract_lane, 0); f.mem(Op.i64_store, 0);
        return;
      case G.LoadLo: case G.LoadHi:
        this.mem(8, false, false);
        this.c.gx(i.reg).get(this.g.a32).mem(Op.i64_load, 0); vlane(f, VOp.i64x2_replace_lane, k === G.LoadLo ? 0 : 1);
        c.setX(i.reg); return;
      case G.StoreLo: case G.StoreHi:
        this.mem(8, true, false);
        f.get(this.g.a32); c.gx(i.reg); vlane(f, VOp.i64x2_extract_lane, k === G.StoreLo ? 0 : 1); f.mem(Op.i64_store, 0);
        return;
      case G.Movhlps: // dst.lo = src.hi
        c.gx(i.reg); c.gx(i.rm); shuffle(f, [...q64(3), ...q64(1)]); c.setX(i.reg); return;
      case G.Movlhps: // dst.hi = src.lo
        c.gx(i.reg); c.gx(i.rm); shuffle(f, [...q64(0), ...q64(2)]); c.setX(i.reg); return;
      case G.MovdToX: {
        const s = i.opsize === 8 ? 8 : 4;
        this.readE(s); f.set(c.q);
        f.code.byte(0xfd); f.code.u32(VOp.v128_const); for (let b = 0; b < 16; b++) f.code.byte(0);
        f.get(c.q); vlane(f, VOp.i64x2_replace_lane, 0);
        c.setX(i.reg); return;
      }
      case G.MovdFromX: {
        const s = i.opsize === 8 ? 8 : 4;
        if (i.mod !== 3) this.mem(s, true, false);
        this.c.gx(i.reg); vlane(f, VOp.i64x2_extract_lane, 0);
        if (s === 4) f.i64(0xffffffff, 0).op(Op.i64_and);
        f.set(c.q);
        if (i.mod === 3) { f.get(c.q); this.g.writeReg(i.rm, s); }
        else { f.get(this.g.a32).get(c.q); f.mem(s === 8 ? Op.i64_store : Op.i64_store32, 0); }
        return;
      }
      case G.MovqToX: case G.MovqStore: {
        // low quadword, upper cleared (F3 0F 7E load; 66 0F D6 to xmm or m64)
        const dst = k === G.MovqToX ? i.reg : i.rm, src = k === G.MovqToX ? i.rm : i.reg;
        if (k === G.MovqStore && i.mod !== 3) {
          this.mem(8, true, false);
          f.get(this.g.a32); c.gx(i.reg); vlane(f, VOp.i64x2_extract_lane, 0); f.mem(Op.i64_store, 0);
          return;
        }
        if (i.mod !== 3) { this.mem(8, false, false); f.get(this.g.a32); vmem(f, VOp.v128_load64_zero, 0); c.setX(dst); return; }
        f.code.byte(0xfd); f.code.u32(VOp.v128_const); for (let b = 0; b < 16; b++) f.code.byte(0);
        this.c.gx(src); vlane(f, VOp.i64x2_extract_lane, 0); vlane(f, VOp.i64x2_replace_lane, 0);
        c.setX(dst); return;
      }
      case G.And: case G.Or: case G.Xor: case G.Andn: case G.Padd: case G.Psub: {
        this.w128(true); f.set(c.vb);
        if (k === G.Andn) { f.get(c.vb); c.gx(i.reg); vop(f, VOp.v128_andnot); } // ~dst & src
        else {
          this.c.gx(i.reg).get(c.vb);
          vop(f, k === G.And ? VOp.v128_and : k === G.Or ? VOp.v128_or : k === G.Xor ? VOp.v128_xor
            : k === G.Padd ? (arg === 4 ? VOp.i32x4_add : VOp.i64x2_add) : (arg === 4 ? VOp.i32x4_sub : VOp.i64x2_sub));
        }
        c.setX(i.reg); return;
      }
      case G.Unpcklpd: case G.Unpckhpd: case G.Unpcklps: case G.Unpckhps: case G.Shufpd: case G.Shufps: case G.Pshufd: {
        this.w128(true); f.set(c.vb);
        const m = i.imm & 0xff;
        let lanes: number[];
        switch (k) {
          case G.Unpcklpd: lanes = [...q64(0), ...q64(2)]; break;
          case G.Unpckhpd: lanes = [...q64(1), ...q64(3)]; break;
          case G.Unpcklps: lanes = [...d32(0), ...d32(4), ...d32(1), ...d32(5)]; break;
          case G.Unpckhps: lanes = [...d32(2), ...d32(6), ...d32(3), ...d32(7)]; break;
          case G.Shufpd: lanes = [...q64(m & 1), ...q64(2 + ((m >> 1) & 1))]; break;
          case G.Shufps: lanes = [...d32(m & 3), ...d32((m >> 2) & 3), ...d32(4 + ((m >> 4) & 3)), ...d32(4 + ((m >> 6) & 3))]; break;
          default: lanes = [...d32(4 + (m & 3)), ...d32(4 + ((m >> 2) & 3)), ...d32(4 + ((m >> 4) & 3)), ...d32(4 + ((m >> 6) & 3))]; break;
        }
        // f64 lanes known to hold no denormal follow the 64-bit lanes moved
        const kd = c.k64[i.reg], ks = i.mod === 3 ? c.k64[i.rm] : 0;
        this.c.gx(i.reg).get(c.vb); shuffle(f, lanes);
        c.setX(i.reg);
        if (k === G.Unpcklpd || k === G.Unpckhpd || k === G.Shufpd) {
          const l0 = lanes[0] >> 3, l1 = lanes[8] >> 3; // 64-bit lane indices 0-3 over (dst, src)
          const kn = (l: number): number => ((l < 2 ? kd >> l : ks >> (l - 2)) & 1);
          c.k64[i.reg] = kn(l0) | (kn(l1) << 1);
        }
        return;
      }
      case G.ArithSd: this.scalar(arg as A, true); return;
      case G.ArithSs: this.scalar(arg as A, false); return;
      case G.ArithPd: this.packed(arg as A, true); return;
      case G.ArithPs: this.packed(arg as A, false); return;
      case G.Comisd: case G.Comiss: this.comi(k === G.Comisd, arg === 1, need); return;
      case G.Cvtsi2sd: case G.Cvtsi2ss: this.fromInt(k === G.Cvtsi2sd); return;
      case G.Cvtsd2si: case G.Cvtss2si: this.toInt(k === G.Cvtsd2si, arg === 1); return;
      case G.Ldmxcsr: {
        // reserved bits set: #GP, left to the interpreter
        this.mem(4, false, false);
        f.get(this.g.a32).mem(Op.i32_load, 0).set(c.u32);
        f.get(c.u32).i32(0xffff0000 | 0).op(Op.i32_and); this.exitIf();
        f.get(c.u32).set(c.mxLocal());
        c.mxModes();
        return;
      }
      case G.Stmxcsr:
        this.mem(4, true, false);
        f.get(this.g.a32).get(c.mxLocal()).mem(Op.i32_store, 0);
        return;
      case G.Movmskpd: case G.Movmskps:
        c.gx(i.rm); vop(f, (k === G.Movmskpd ? V2.i64x2_bitmask : V2.i32x4_bitmask) as number as VOp);
        f.op(Op.i64_extend_i32_u); this.g.writeReg(i.reg, 4);
        return;
      case G.Cvtdq2pd: {
        // exact: no flags
        if (i.mod === 3) c.gx(i.rm); else { this.mem(8, false, false); f.get(this.g.a32); vmem(f, VOp.v128_load64_zero, 0); }
        vop(f, V2.f64x2_convert_low_i32x4_s as number as VOp);
        c.setX(i.reg); return;
      }
      case G.Cvtdq2ps: {
        this.w128(true); f.set(c.vb);
        f.get(c.vb); vop(f, V2.f32x4_convert_i32x4_s as number as VOp); f.set(c.vr);
        // a lane is inexact when the rounded value does not convert back, or rounded up to 2^31
        // (which converts back to 2^31 - 1 by saturation)
        f.get(c.vr); vop(f, V2.i32x4_trunc_sat_f32x4_s as number as VOp); f.get(c.vb); vop(f, VOp.i32x4_eq);
        f.get(c.vr); f32c(f, 2147483648); vop(f, VOp.f32x4_splat); vop(f, VOp.f32x4_lt); vop(f, VOp.v128_and);
        vop(f, VOp.i32x4_all_true); f.op(Op.i32_eqz); this.raisePE();
        f.get(c.vr); c.setX(i.reg); return;
      }
      case G.Cmpsd: case G.Cmpss: this.cmpScalar(k === G.Cmpsd, i.imm & 7); return;
      case G.Cmppd: case G.Cmpps: this.cmpPacked(k === G.Cmppd, i.imm & 7); return;
      case G.Cvtss2sd: {
        this.wss(); f.set(c.sb);
        this.ordinary(c.sb, false); f.op(Op.i32_eqz); this.exitIf(); // NaN or denormal
        f.get(c.sb); fop(f, FOp.f64_promote_f32); f.set(c.fr);
        const o64 = c.k64[i.reg], o32 = c.k32[i.reg];
        this.setLo64(i.reg, c.fr); c.k64[i.reg] = o64 | 1; c.k32[i.reg] = o32 & 12; return;
      }
      case G.Cvtsd2ss: {
        this.wsd(); f.set(c.fb);
        f.get(c.fb); fop(f, FOp.f32_demote_f64); f.set(c.sr);
        // exact zeros and infinities, or a normal result (no overflow, no underflow)
        this.isZero(c.fb, true);
        f.get(c.fb); fop(f, FOp.f64_abs); f64c(f, Infinity); fop(f, FOp.f64_eq); f.op(Op.i32_or);
        this.normal(c.sr, false); f.op(Op.i32_or);
        f.op(Op.i32_eqz); this.exitIf();
        f.get(c.sr); fop(f, FOp.f64_promote_f32); f.get(c.fb); fop(f, FOp.f64_ne); this.raisePE();
        const o64 = c.k64[i.reg], o32 = c.k32[i.reg];
        this.setLo32(i.reg, c.sr); c.k32[i.reg] = o32 | 1; c.k64[i.reg] = o64 & 2; return;
      }
    }
  }

  /** addsd ... maxsd and the ss forms */
  scalar(k: A, is64: boolean): void {
    const f = this.f, c = this.c, i = this.i;
    const a = is64 ? c.fa : c.sa, b = is64 ? c.fb : c.sb, r = is64 ? c.fr : c.sr;
    const K = is64 ? c.k64 : c.k32;
    const knownA = (K[i.reg] & 1) !== 0;
    const knownB = (i.mod === 3 && (K[i.rm] & 1) !== 0) || (i.mod === 3 && i.rm === i.reg && k !== A.SQRT);
    if (is64) this.wsd(); else this.wss();
    f.set(b);
    if (k !== A.SQRT) { this.c.gx(i.reg); vlane(f, is64 ? VOp.f64x2_extract_lane : VOp.f32x4_extract_lane, 0); f.set(a); }
    if (k === A.MIN || k === A.MAX) {
      // x86: the second operand unless a < b (min) / a > b (max); no rounding, flags only for NaN/denormal
      if (knownA) this.isNaN(a, is64); else { this.ordinary(a, is64); f.op(Op.i32_eqz); }
      if (knownB) this.isNaN(b, is64); else { this.ordinary(b, is64); f.op(Op.i32_eqz); }
      f.op(Op.i32_or); this.exitIf();
      f.get(a).get(b).get(a).get(b); fop(f, k === A.MIN ? (is64 ? FOp.f64_lt : FOp.f32_lt) : (is64 ? FOp.f64_gt : FOp.f32_gt));
      f.op(Op.select).set(r);
    } else {
      if (k !== A.SQRT) f.get(a);
      f.get(b);
      fop(f, is64 ? ([FOp.f64_add, FOp.f64_sub, FOp.f64_mul, FOp.f64_div, FOp.f64_sqrt] as FOp[])[k]
        : ([FOp.f32_add, FOp.f32_sub, FOp.f32_mul, FOp.f32_div, FOp.f32_sqrt] as FOp[])[k]);
      f.set(r);
      // Fast path: a normal result from operands that are not denormal, with PE set and
      // nearest, or proven exact by a cheap sufficient test (then no flag can change and
      // the rounding mode does not matter). Separate branches to the slow path: TurboFan
      // makes each a compare-and-jump.
      const g = this.g;
      // products that are not normal: first try for an exact zero (a zero factor)
      const zeroTry = k === A.MUL ? 1 : 0;
      const dens = (to: number): void => {
        if (k !== A.SQRT && !knownA) { this.denBits(a, is64); f.br(Op.br_if, to); }
        if (!knownB) { this.denBits(b, is64); f.br(Op.br_if, to); }
      };
      f.block(Op.block); f.block(Op.block); g.depth += 2;
      if (zeroTry) { f.block(Op.block); g.depth++; }
      this.normalBits(r, is64); f.op(Op.i32_eqz); f.br(Op.br_if, 0);
      dens(zeroTry);
      f.get(c.mxSlow());
      f.block(Op.if_); g.depth++;
      this.exactFast(k, is64, 1 + zeroTry);
      f.op(Op.end); g.depth--;
      f.br(Op.br, 1 + zeroTry);
      if (zeroTry) {
        // a zero times a finite value: an exact zero, no flag in any mode (DAZ/FTZ do
        // not apply without denormals)
        f.op(Op.end); g.depth--;
        this.isZero(r, is64); f.op(Op.i32_eqz); f.br(Op.br_if, 0);
        this.isZero(a, is64); this.isZero(b, is64); f.op(Op.i32_or).op(Op.i32_eqz); f.br(Op.br_if, 0);
        dens(0);
        f.br(Op.br, 1);
      }
      f.op(Op.end); g.depth--;
      // Slow path: everything decided in full (exact zeros, the exits, PE).
      this.normalBits(r, is64); f.op(Op.i32_eqz);
      if (k !== A.SQRT && !knownA) { this.denBits(a, is64); f.op(Op.i32_or); }
      if (!knownB) { this.denBits(b, is64); f.op(Op.i32_or); }
      f.tee(c.ck);
      f.get(c.mxSlow()).op(Op.i32_or);
      f.block(Op.if_); this.g.depth++;
      // not a normal result from ordinary operands: leave unless it is an exact zero
      f.get(c.ck);
      f.block(Op.if_); this.g.depth++;
      this.normalBits(r, is64);
      this.zeroBits(is64);
      if (k === A.MUL) { this.isZero(a, is64); this.isZero(b, is64); f.op(Op.i32_or); f.op(Op.i32_and); }
      else if (k === A.DIV) { this.isZero(a, is64); f.op(Op.i32_and); }
      f.op(Op.i32_or).op(Op.i32_eqz);
      if (k !== A.SQRT && !knownA) { this.denBits(a, is64); f.op(Op.i32_or); }
      if (!knownB) { this.denBits(b, is64); f.op(Op.i32_or); }
      this.exitIf();
      f.op(Op.end); this.g.depth--;
      f.get(c.mxBad()); this.exitIf();
      // PE clear: set it if this result is inexact
      f.get(c.mxSlow());
      f.block(Op.if_); this.g.depth++;
      if (is64) this.inexact64(k); else this.inexact32(k);
      this.raisePE();
      f.op(Op.end); this.g.depth--;
      f.op(Op.end); this.g.depth--;
      f.op(Op.end); g.depth--;
    }
    if (i.mod === 3) K[i.rm] |= 1;
    const old64 = c.k64[i.reg], old32 = c.k32[i.reg];
    if (is64) { this.setLo64(i.reg, r); c.k64[i.reg] = old64 | 1; c.k32[i.reg] = old32 & 12; }
    else { this.setLo32(i.reg, r); c.k32[i.reg] = old32 | 1; c.k64[i.reg] = old64 & 2; }
  }

  /**
   * Inside the fast path's `if (mxslow)`, branch `out` levels out (to the slow path) unless
   * the operation a k b = r is proven exact. r is normal and a, b are not denormal
   * (so all are finite and r is not tiny); the tests are sufficient, not necessary.
   */
  exactFast(k: A, is64: boolean, out: number): void {
    const f = this.f, c = this.c;
    const a = is64 ? c.fa : c.sa, b = is64 ? c.fb : c.sb, r = is64 ? c.fr : c.sr;
    const F = is64 ? { sub: FOp.f64_sub, add: FOp.f64_add, ne: FOp.f64_ne } : { sub: FOp.f32_sub, add: FOp.f32_add, ne: FOp.f32_ne };
    // trailing zero bits of the encoding: at least the significand's (more only for a
    // zero fraction field, a power of two, whose products and quotients are exact anyway)
    const tz = (l: number): void => {
      f.get(l);
      if (is64) { fop(f, FOp.i64_reinterpret_f64); f.code.byte(Op.i64_ctz); } else { fop(f, FOp.i32_reinterpret_f32); f.code.byte(Op.i32_ctz); }
    };
    switch (k) {
      case A.ADD: case A.SUB:
        // x + y rounded to nearest is exact iff r - x == y and r - y == x: if it is, both
        // hold; if not, the test subtracting the operand of larger magnitude is exact
        // (Fast2Sum) and finds the nonzero error. For a - b: x = a, y = -b.
        if (k === A.ADD) { f.get(r).get(a); fop(f, F.sub); } else { f.get(a).get(r); fop(f, F.sub); }
        f.get(b); fop(f, F.ne); f.br(Op.br_if, out);
        f.get(r).get(b); fop(f, k === A.ADD ? F.sub : F.add); f.get(a); fop(f, F.ne); f.br(Op.br_if, out);
        return;
      case A.MUL:
        // significands of na and nb bits multiply exactly when na + nb <= 53 (24)
        tz(a); tz(b);
        if (is64) f.op(Op.i64_add).i64(53, 0).op(Op.i64_lt_u); else f.op(Op.i32_add).i32(24).op(Op.i32_lt_u);
        f.br(Op.br_if, out);
        return;
      case A.DIV:
        // by a power of two
        tz(b);
        if (is64) f.i64(52, 0).op(Op.i64_lt_u); else f.i32(23).op(Op.i32_lt_u);
        f.br(Op.br_if, out);
        return;
      default: // SQRT: r*r == b, with r*r exact (f64: r of at most 26 significant bits; f32: in f64)
        if (is64) {
          tz(r); f.i64(27, 0).op(Op.i64_lt_u); f.br(Op.br_if, out);
          f.get(r).get(r); fop(f, FOp.f64_mul); f.get(b); fop(f, FOp.f64_ne); f.br(Op.br_if, out);
        } else {
          f.get(r); fop(f, FOp.f64_promote_f32); f.set(c.d1);
          f.get(c.d1).get(c.d1); fop(f, FOp.f64_mul); f.get(b); fop(f, FOp.f64_promote_f32); fop(f, FOp.f64_ne); f.br(Op.br_if, out);
        }
    }
  }

  /** push (the f64 operation fa k fb = fr was inexact); may leave the region when the test's range is exceeded */
  inexact64(k: A): void {
    const f = this.f, c = this.c;
    const { fa, fb, fr } = c;
    switch (k) {
      case A.ADD: case A.SUB: {
        // Fast2Sum (Dekker): with |x| >= |y| and r = x + y rounded to nearest, r - x is
        // exact, so the sum was exact iff r - x == y. r is finite here (a normal result
        // or an exact zero), so nothing overflows.
        const y = c.d1, big = c.d2, ge = c.u32;
        f.get(fb); if (k === A.SUB) fop(f, FOp.f64_neg); f.set(y);
        f.get(fa); fop(f, FOp.f64_abs); f.get(y); fop(f, FOp.f64_abs); fop(f, FOp.f64_ge); f.set(ge);
        f.get(fa).get(y).get(ge).op(Op.select).set(big);
        f.get(fr).get(big); fop(f, FOp.f64_sub);
        f.get(y).get(fa).get(ge).op(Op.select);
        fop(f, FOp.f64_ne);
        return;
      }
      case A.MUL:
        // Significands of na and nb significant bits: the product is exact when na + nb <= 53,
        // and inexact (but for na + nb = 54) otherwise: the interpreter decides those.
        this.isZero(fr, true); f.op(Op.i32_eqz);
        this.sigZeros(fa); this.sigZeros(fb); f.op(Op.i64_add).i64(53, 0).op(Op.i64_lt_u);
        f.op(Op.i32_and); this.exitIf();
        f.i32(0);
        return;
      case A.DIV:
        // exact: 0/b, and a/2^k with a normal result; anything else goes to the interpreter
        this.isZero(fa, true); f.op(Op.i32_eqz);
        this.sigZeros(fb); f.i64(52, 0).op(Op.i64_ne);
        f.op(Op.i32_and); this.exitIf();
        f.i32(0);
        return;
      default: // SQRT
        // with at most 26 significant bits r*r is exact in f64: inexact iff r*r != b
        this.isZero(fb, true); f.op(Op.i32_eqz);
        this.sigZeros(fr); f.i64(27, 0).op(Op.i64_lt_u);
        f.op(Op.i32_and); this.exitIf();
        f.get(fr).get(fr); fop(f, FOp.f64_mul); f.get(fb); fop(f, FOp.f64_ne);
        this.isZero(fb, true); f.op(Op.i32_eqz).op(Op.i32_and);
    }
  }

  /** push (the f32 operation sa k sb = sr was inexact), using f64 arithmetic */
  inexact32(k: A): void {
    const f = this.f, c = this.c;
    const A64 = c.fa, B64 = c.fb, R64 = c.fr;
    f.get(c.sa); fop(f, FOp.f64_promote_f32); f.set(A64);
    f.get(c.sb); fop(f, FOp.f64_promote_f32); f.set(B64);
    f.get(c.sr); fop(f, FOp.f64_promote_f32); f.set(R64);
    switch (k) {
      case A.ADD: case A.SUB: {
        // d = a + b' in f64 with its TwoSum error: exact iff error 0 and d == r
        const d = c.d2, bv = c.d1;
        f.get(A64).get(B64); fop(f, k === A.ADD ? FOp.f64_add : FOp.f64_sub); f.set(d);
        f.get(d).get(A64); fop(f, FOp.f64_sub); f.set(bv);
        f.get(A64).get(d).get(bv); fop(f, FOp.f64_sub); fop(f, FOp.f64_sub);
        f.get(B64); if (k === A.SUB) fop(f, FOp.f64_neg); f.get(bv); fop(f, FOp.f64_sub);
        fop(f, FOp.f64_add); f64c(f, 0); fop(f, FOp.f64_ne);
        f.get(d).get(R64); fop(f, FOp.f64_ne); f.op(Op.i32_or);
        return;
      }
      case A.MUL: // the f64 product of two floats is exact
        f.get(A64).get(B64); fop(f, FOp.f64_mul); f.get(R64); fop(f, FOp.f64_ne); return;
      case A.DIV: // r*b (exact in f64) == a; 0/x is exact (x may be infinite)
        f.get(R64).get(B64); fop(f, FOp.f64_mul); f.get(A64); fop(f, FOp.f64_ne);
        this.isZero(A64, true); f.op(Op.i32_eqz).op(Op.i32_and); return;
      default: // SQRT: r*r == b
        f.get(R64).get(R64); fop(f, FOp.f64_mul); f.get(B64); fop(f, FOp.f64_ne); return;
    }
  }

  /** addpd ... maxpd and the ps forms */
  packed(k: A, is64: boolean): void {
    const f = this.f, c = this.c, i = this.i;
    const V = is64
      ? { abs: VOp.f64x2_abs, lt: VOp.f64x2_lt, gt: VOp.f64x2_gt, ge: VOp.f64x2_ge, eq: VOp.f64x2_eq, ne: VOp.f64x2_ne, splat: VOp.f64x2_splat, all: VOp.i64x2_all_true,
        ops: [VOp.f64x2_add, VOp.f64x2_sub, VOp.f64x2_mul, VOp.f64x2_div, VOp.f64x2_sqrt] }
      : { abs: VOp.f32x4_abs, lt: VOp.f32x4_lt, gt: VOp.f32x4_gt, ge: VOp.f32x4_ge, eq: VOp.f32x4_eq, ne: VOp.f32x4_ne, splat: VOp.f32x4_splat, all: VOp.i32x4_all_true,
        ops: [VOp.f32x4_add, VOp.f32x4_sub, VOp.f32x4_mul, VOp.f32x4_div, VOp.f32x4_sqrt] };
    const MIN = is64 ? MIN64 : MIN32;
    const splat = (v: number): void => { this.fc(is64, v); vop(f, V.splat); };
    const cmpc = (l: number, abs: boolean, o: VOp, v: number): void => { f.get(l); if (abs) vop(f, V.abs); splat(v); vop(f, o); };
    const all = is64 ? 3 : 15, K = is64 ? c.k64 : c.k32;
    const knownA = K[i.reg] === all, knownB = i.mod === 3 && (K[i.rm] === all || i.rm === i.reg);
    this.w128(true); f.set(c.vb);
    this.c.gx(i.reg).set(c.va);
    if (k === A.MIN || k === A.MAX) {
      // lanes: ordinary(a) & ordinary(b)
      cmpc(c.va, true, V.ge, MIN); cmpc(c.va, false, V.eq, 0); vop(f, VOp.v128_or);
      cmpc(c.vb, true, V.ge, MIN); cmpc(c.vb, false, V.eq, 0); vop(f, VOp.v128_or);
      vop(f, VOp.v128_and); vop(f, V.all); f.op(Op.i32_eqz); this.exitIf();
      f.get(c.va).get(c.vb).get(c.va).get(c.vb); vop(f, k === A.MIN ? V.lt : V.gt); vop(f, VOp.v128_bitselect);
      c.setX(i.reg);
      if (i.mod === 3) K[i.rm] = all;
      K[i.reg] = all;
      return;
    }
    if (k !== A.SQRT) f.get(c.va);
    f.get(c.vb); vop(f, V.ops[k]); f.set(c.vr);
    // Fast test, one branch: every result lane normal and no operand lane denormal, PE
    // set. Each is a range test on the lane bits doubled (sign dropped), made signed by a
    // constant offset because wasm has no unsigned 64-bit lane compare.
    const checkA = k !== A.SQRT && !knownA;
    const checkB = !knownB || (k === A.SQRT && i.rm === i.reg && K[i.rm] !== all);
    this.laneRange(c.vr, is64, true);
    if (checkA || checkB) {
      if (checkA) this.laneRange(c.va, is64, false);
      if (checkB) this.laneRange(c.vb, is64, false);
      if (checkA && checkB) vop(f, VOp.v128_or);
      vop(f, VOp.v128_andnot);
    }
    vop(f, V.all); f.op(Op.i32_eqz).tee(c.ck);
    f.get(c.mxSlow()).op(Op.i32_or);
    f.block(Op.if_); this.g.depth++;
    // PE clear or another mode: normal lanes proven exact by the scalar fast tests, lane
    // by lane, need nothing else
    f.block(Op.block); this.g.depth++;
    f.get(c.ck); f.br(Op.br_if, 0);
    this.exactPacked(k, is64);
    f.br(Op.br, 1);
    f.op(Op.end); this.g.depth--;
    // ok lanes: (normal result | allowed zero) & !den(a) & !den(b)
    cmpc(c.vr, true, V.gt, MIN); cmpc(c.vr, true, V.lt, Infinity); vop(f, VOp.v128_and);
    cmpc(c.vr, false, V.eq, 0);
    if (k === A.MUL) { cmpc(c.va, false, V.eq, 0); cmpc(c.vb, false, V.eq, 0); vop(f, VOp.v128_or); vop(f, VOp.v128_and); }
    else if (k === A.DIV) { cmpc(c.va, false, V.eq, 0); vop(f, VOp.v128_and); }
    vop(f, VOp.v128_or);
    if (k !== A.SQRT && !knownA) { cmpc(c.va, true, V.lt, MIN); cmpc(c.va, false, V.ne, 0); vop(f, VOp.v128_and); vop(f, VOp.v128_andnot); }
    if (!knownB || (k === A.SQRT && i.rm === i.reg && K[i.rm] !== all)) {
      cmpc(c.vb, true, V.lt, MIN); cmpc(c.vb, false, V.ne, 0); vop(f, VOp.v128_and); vop(f, VOp.v128_andnot);
    }
    vop(f, V.all); f.op(Op.i32_eqz);
    // PE clear: the interpreter decides inexactness
    f.get(c.mxSlow()).op(Op.i32_or);
    this.exitIf();
    f.op(Op.end); this.g.depth--;
    if (i.mod === 3) K[i.rm] = all;
    f.get(c.vr); c.setX(i.reg);
    if (is64) c.k64[i.reg] = 3; else c.k32[i.reg] = 15;
  }

  /** exactFast for the lanes of va k vb = vr (all normal, no operand lane denormal): br_if 0 unless proven exact */
  exactPacked(k: A, is64: boolean): void {
    const f = this.f, c = this.c;
    const { va, vb, vr } = c;
    const F = is64 ? { add: VOp.f64x2_add, sub: VOp.f64x2_sub, eq: VOp.f64x2_eq, all: VOp.i64x2_all_true }
      : { add: VOp.f32x4_add, sub: VOp.f32x4_sub, eq: VOp.f32x4_eq, all: VOp.i32x4_all_true };
    const promoteLow = (): void => vop(f, 0x5f as VOp); // f64x2.promote_low_f32x4
    // the f32 lanes 2, 3 of a v128 local, then 0, 1 of either, promoted to f64x2
    const half = (l: number, h: number): void => { f.get(l); if (h) { f.get(l); shuffle(f, [...q64(1), ...q64(1)]); } promoteLow(); };
    switch (k) {
      case A.ADD: case A.SUB:
        // r - x == y and r - y == x in every lane (x = a, y = b or -b)
        if (k === A.ADD) f.get(vr).get(va); else f.get(va).get(vr);
        vop(f, F.sub); f.get(vb); vop(f, F.eq);
        f.get(vr).get(vb); vop(f, k === A.ADD ? F.sub : F.add); f.get(va); vop(f, F.eq);
        vop(f, VOp.v128_and); vop(f, F.all); f.op(Op.i32_eqz); f.br(Op.br_if, 0);
        return;
      case A.MUL:
        if (is64) {
          for (let l = 0; l < 2; l++) {
            f.get(va); vlane(f, VOp.i64x2_extract_lane, l); f.code.byte(Op.i64_ctz);
            f.get(vb); vlane(f, VOp.i64x2_extract_lane, l); f.code.byte(Op.i64_ctz);
            f.op(Op.i64_add).i64(53, 0).op(Op.i64_lt_u); f.br(Op.br_if, 0);
          }
        } else {
          // the f64 product of two floats is exact
          for (let h = 0; h < 2; h++) {
            half(va, h); half(vb, h); vop(f, VOp.f64x2_mul); half(vr, h); vop(f, VOp.f64x2_ne);
            vop(f, VOp.v128_any_true); f.br(Op.br_if, 0);
          }
        }
        return;
      case A.DIV:
        // divisors that are powers of two: no fraction bits
        f.get(vb); if (is64) vconst64(f, 0xffffffff, 0x000fffff); else vconst32(f, 0x007fffff);
        vop(f, VOp.v128_and); vop(f, VOp.v128_any_true); f.br(Op.br_if, 0);
        return;
      default: // SQRT: r*r == b, r*r exact
        if (is64) {
          f.get(vr); vconst64(f, 0x07ffffff, 0); vop(f, VOp.v128_and); vop(f, VOp.v128_any_true); f.br(Op.br_if, 0);
          f.get(vr).get(vr); vop(f, VOp.f64x2_mul); f.get(vb); vop(f, VOp.f64x2_ne); vop(f, VOp.v128_any_true); f.br(Op.br_if, 0);
        } else {
          for (let h = 0; h < 2; h++) {
            half(vr, h); half(vr, h); vop(f, VOp.f64x2_mul); half(vb, h); vop(f, VOp.f64x2_ne);
            vop(f, VOp.v128_any_true); f.br(Op.br_if, 0);
          }
        }
    }
  }

  /**
   * cmpsd/cmpss with predicate p (eq lt le unord neq nlt nle ord). Any NaN: the signalling
   * predicates (lt le nlt nle) raise IE, the others only for a signalling NaN; ordered
   * operands raise DE when denormal. Those cases leave the region.
   */
  cmpScalar(is64: boolean, p: number): void {
    const f = this.f, c = this.c, i = this.i;
    const a = is64 ? c.fa : c.sa, b = is64 ? c.fb : c.sb;
    if (is64) this.wsd(); else this.wss();
    f.set(b);
    c.gx(i.reg); vlane(f, is64 ? VOp.f64x2_extract_lane : VOp.f32x4_extract_lane, 0); f.set(a);
    this.isNaN(a, is64); this.isNaN(b, is64); f.op(Op.i32_or).set(c.ck);
    if ((0x66 >> p) & 1) f.get(c.ck);
    else { this.snan(a, is64); this.snan(b, is64); f.op(Op.i32_or); }
    f.get(c.ck).op(Op.i32_eqz); this.den(a, is64); this.den(b, is64); f.op(Op.i32_or).op(Op.i32_and);
    f.op(Op.i32_or); this.exitIf();
    const F = is64 ? { eq: FOp.f64_eq, lt: FOp.f64_lt, le: FOp.f64_le, ne: FOp.f64_ne } : { eq: FOp.f32_eq, lt: FOp.f32_lt, le: FOp.f32_le, ne: FOp.f32_ne };
    switch (p) {
      case 0: f.get(a).get(b); fop(f, F.eq); break;
      case 1: f.get(a).get(b); fop(f, F.lt); break;
      case 2: f.get(a).get(b); fop(f, F.le); break;
      case 3: f.get(c.ck); break;
      case 4: f.get(a).get(b); fop(f, F.ne); break;
      case 5: f.get(a).get(b); fop(f, F.lt); f.op(Op.i32_eqz); break;
      case 6: f.get(a).get(b); fop(f, F.le); f.op(Op.i32_eqz); break;
      default: f.get(c.ck).op(Op.i32_eqz); break;
    }
    f.set(c.u32);
    c.gx(i.reg);
    if (is64) { f.i64(0, 0).get(c.u32).op(Op.i64_extend_i32_u).op(Op.i64_sub); vlane(f, VOp.i64x2_replace_lane, 0); }
    else { f.i32(0).get(c.u32).op(Op.i32_sub); vlane(f, VOp.i32x4_replace_lane, 0); }
    c.setX(i.reg);
  }
  /** cmppd/cmpps: any NaN or denormal lane leaves the region */
  cmpPacked(is64: boolean, p: number): void {
    const f = this.f, c = this.c, i = this.i;
    const V = is64
      ? { eq: VOp.f64x2_eq, lt: VOp.f64x2_lt, le: VOp.f64x2_le, ne: VOp.f64x2_ne, abs: VOp.f64x2_abs, ge: VOp.f64x2_ge, splat: VOp.f64x2_splat, all: VOp.i64x2_all_true }
      : { eq: VOp.f32x4_eq, lt: VOp.f32x4_lt, le: VOp.f32x4_le, ne: VOp.f32x4_ne, abs: VOp.f32x4_abs, ge: VOp.f32x4_ge, splat: VOp.f32x4_splat, all: VOp.i32x4_all_true };
    this.w128(true); f.set(c.vb);
    c.gx(i.reg); f.set(c.va);
    // ordinary lanes: |x| >= MIN (false for NaN) or x == 0
    for (const l of [c.va, c.vb]) {
      f.get(l); vop(f, V.abs); this.fc(is64, is64 ? MIN64 : MIN32); vop(f, V.splat); vop(f, V.ge);
      f.get(l); this.fc(is64, 0); vop(f, V.splat); vop(f, V.eq); vop(f, VOp.v128_or);
    }
    vop(f, VOp.v128_and); vop(f, V.all); f.op(Op.i32_eqz); this.exitIf();
    // no NaN here: unord is never true, ord always
    if (p === 3 || p === 7) {
      f.code.byte(0xfd); f.code.u32(VOp.v128_const);
      for (let n = 0; n < 16; n++) f.code.byte(p === 7 ? 0xff : 0);
    } else {
      f.get(c.va).get(c.vb);
      vop(f, p === 0 ? V.eq : p === 1 || p === 5 ? V.lt : p === 2 || p === 6 ? V.le : V.ne);
      if (p === 5 || p === 6) vop(f, VOp.v128_not);
    }
    c.setX(i.reg);
  }

  /** ucomisd/comisd/ucomiss/comiss: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal; OF SF AF = 0 */
  comi(is64: boolean, signalling: boolean, need: boolean): void {
    const f = this.f, c = this.c, i = this.i, g = this.g;
    const a = is64 ? c.fa : c.sa, b = is64 ? c.fb : c.sb;
    if (is64) this.wsd(); else this.wss();
    f.set(b);
    this.c.gx(i.reg); vlane(f, is64 ? VOp.f64x2_extract_lane : VOp.f32x4_extract_lane, 0); f.set(a);
    // lanes known to hold no denormal need no test; both are known from here on, so the
    // test comes before the unordered path too (a NaN is no denormal; the other operand
    // may be one, and DAZ or DE then matter to a later instruction that trusts the mark)
    const K = is64 ? c.k64 : c.k32;
    const knownA = (K[i.reg] & 1) !== 0, knownB = i.mod === 3 && ((K[i.rm] & 1) !== 0 || i.rm === i.reg);
    if (!knownA) this.den(a, is64);
    if (!knownB) { this.den(b, is64); if (!knownA) f.op(Op.i32_or); }
    if (!knownA || !knownB) this.exitIf();
    this.isNaN(a, is64); this.isNaN(b, is64); f.op(Op.i32_or);
    f.block(Op.if_); g.depth++;
    if (signalling) f.i32(1);
    else { this.snan(a, is64); this.snan(b, is64); f.op(Op.i32_or); }
    this.exitIf();
    f.i32(0x45).set(g.c1);
    f.op(Op.else_);
    f.i32(0).i32(1).i32(0x40);
    f.get(a).get(b); fop(f, is64 ? FOp.f64_lt : FOp.f32_lt); f.op(Op.select);
    f.get(a).get(b); fop(f, is64 ? FOp.f64_gt : FOp.f32_gt); f.op(Op.select);
    f.set(g.c1);
    f.op(Op.end); g.depth--;
    K[i.reg] |= 1;
    if (i.mod === 3) K[i.rm] |= 1;
    g.setFlags(need, FlagOp.None, 4, null, false);
  }
  /** push (x is a signalling NaN) */
  snan(l: number, is64: boolean): void {
    const f = this.f;
    this.isNaN(l, is64);
    f.get(l);
    if (is64) { fop(f, FOp.i64_reinterpret_f64); f.i64(51, 0).op(Op.i64_shr_u).op(Op.i32_wrap_i64); }
    else { fop(f, FOp.i32_reinterpret_f32); f.i32(22).op(Op.i32_shr_u); }
    f.i32(1).op(Op.i32_and).op(Op.i32_eqz).op(Op.i32_and);
  }

  /** cvtsi2sd / cvtsi2ss */
  fromInt(to64: boolean): void {
    const f = this.f, c = this.c, i = this.i;
    const s = i.opsize === 8 ? 8 : 4;
    this.readE(s); f.set(c.q);
    if (s === 8) {
      // |v| < 2^53: exact in f64, so the f64 value decides inexactness; beyond: the interpreter
      f.get(c.q).i64(0, 0x200000).op(Op.i64_add).i64(0, 0x400000).op(Op.i64_ge_u); this.exitIf();
    }
    f.get(c.q);
    if (s === 4) f.op(Op.i32_wrap_i64);
    fop(f, s === 8 ? FOp.f64_convert_i64_s : FOp.f64_convert_i32_s); f.set(c.fb);
    if (to64) { this.setLo64(i.reg, c.fb); return; }
    f.get(c.q);
    if (s === 4) f.op(Op.i32_wrap_i64);
    fop(f, s === 8 ? FOp.f32_convert_i64_s : FOp.f32_convert_i32_s); f.set(c.sr);
    f.get(c.sr); fop(f, FOp.f64_promote_f32); f.get(c.fb); fop(f, FOp.f64_ne); this.raisePE();
    this.setLo32(i.reg, c.sr);
  }

  /** cvt(t)sd2si / cvt(t)ss2si */
  toInt(from64: boolean, truncate: boolean): void {
    const f = this.f, c = this.c, i = this.i;
    const s = i.opsize === 8 ? 8 : 4;
    if (from64) { this.wsd(); f.set(c.fb); }
    else {
      this.wss(); f.set(c.sb);
      this.den(c.sb, false); this.exitIf();
      f.get(c.sb); fop(f, FOp.f64_promote_f32); f.set(c.fb);
    }
    // rounding by RC: only nearest is compiled
    if (!truncate) { f.get(c.mxBad()); this.exitIf(); }
    f.get(c.fb); fop(f, truncate ? FOp.f64_trunc : FOp.f64_nearest); f.set(c.fr);
    // NaN, out of range or denormal: the interpreter
    const lim = s === 8 ? 9223372036854775808 : 2147483648;
    f.get(c.fr); f64c(f, -lim); fop(f, FOp.f64_ge);
    f.get(c.fr); f64c(f, lim); fop(f, FOp.f64_lt); f.op(Op.i32_and); f.op(Op.i32_eqz);
    if (from64) { this.den(c.fb, true); f.op(Op.i32_or); }
    this.exitIf();
    f.get(c.fr).get(c.fb); fop(f, FOp.f64_ne); this.raisePE();
    f.get(c.fr);
    if (s === 8) fop(f, FOp.i64_trunc_f64_s);
    else { fop(f, FOp.i32_trunc_f64_s); f.op(Op.i64_extend_i32_u); }
    this.g.writeReg(i.reg, s);
  }
}
