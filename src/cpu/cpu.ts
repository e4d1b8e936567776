// The CPU: architectural state views, operand access, the lazy-flag ALU helpers
// and the interpreter loop over cached decoded blocks.

import {
  STATE_BASE, OFF_GPR, OFF_FLAGS, OFF_SEG, OFF_XMM, OFF_MXCSR, OFF_X87, OFF_X87CTL, OFF_SCRATCH, RSP,
} from './state.js';
import { Memory, MemoryFault, P_CODE, P_R } from '../mem/memory.js';
import { Insn, Block, BASE_RIP } from './insn.js';
import { decode } from './decoder.js';
import { DefFlag } from './isa/table.js';
import { computeArith, FlagOp, ARITH_FLAGS, CF, PF, ZF, SF, OF, DF, IF, SIZE_MASK, SIGN_BIT } from './flags.js';
import { CpuException, EXC_GP } from './exceptions.js';
import { fpuInit } from './fpstate.js';
import type { Jit } from '../jit/jit.js';

/** Why Cpu.run returned. */
/** Is an address with this upper half (uint32) canonical (48-bit: bits 47-63 all equal)? */
export function canonicalHigh(hi: number): boolean { return hi < 0x8000 || hi >= 0xffff8000; }

export const enum Stop {
  Budget = 0,   // the slice ran out: the caller may deliver signals, then run again
  Syscall = 1,  // a syscall instruction: rip is after it
  Fault = 2,    // an exception: Cpu.fault holds it, rip is the faulting instruction
  Halt = 3,     // the kernel asked to stop (exit)
}

export class Cpu {
  readonly mem: Memory;
  /** GPRs: r[2n] low half, r[2n+1] high half, unsigned */
  readonly r: Uint32Array;
  /** the lazy-flag record (see state.ts FL_*) */
  readonly f: Uint32Array;
  /** fs base and gs base as lo/hi pairs: seg[0..1] fs, seg[2..3] gs */
  readonly seg: Uint32Array;
  readonly xmmU8: Uint8Array;
  readonly xmmU16: Uint16Array;
  readonly xmmU32: Uint32Array;
  readonly xmmI32: Int32Array;
  readonly xmmF32: Float32Array;
  readonly xmmF64: Float64Array;
  readonly mxcsrView: Uint32Array;
  readonly x87U8: Uint8Array;
  readonly x87Ctl: Uint32Array;
  readonly scratch: Uint8Array;

  rip = 0;
  /** second return value of 64-bit helpers (upper half) */
  hi = 0;
  /** set by an instruction that needs the caller (syscall) */
  stop = Stop.Budget;
  /** the exception that ended the last run with Stop.Fault */
  fault: MemoryFault | CpuException | null = null;
  /** instructions retired (approximate: counted per executed block) */
  icount = 0;
  /** the effective address of the last memory operand read through readE */
  lastEA = 0;

  /** tier 2 (src/jit): blocks entered more than jitThreshold times run as compiled regions */
  jit: Jit | null = null;
  jitThreshold = Infinity;

  private cache = new Map<number, Block>();
  private pageBlocks = new Map<number, Block[]>();
  /**
   * Block starts run once, without caching: most code of a short run (startup, a
   * program's cold paths) runs once, and caching it cost more in allocation and
   * garbage collection than decoding it again on a second run (runCold).
   */
  private seen = new Set<number>();
  /** the instruction runCold decodes into, reused */
  private readonly coldInsn = new Insn();
  /** runCold: address of the instruction being run, and instructions completed */
  private coldAddr = 0;
  private coldDone = 0;

  constructor(mem: Memory) {
    this.mem = mem;
    const buf = mem.buffer;
    this.r = new Uint32Array(buf, STATE_BASE + OFF_GPR, 32);
    this.f = new Uint32Array(buf, STATE_BASE + OFF_FLAGS, 16);
    this.seg = new Uint32Array(buf, STATE_BASE + OFF_SEG, 4);
    this.xmmU8 = new Uint8Array(buf, STATE_BASE + OFF_XMM, 256);
    this.xmmU16 = new Uint16Array(buf, STATE_BASE + OFF_XMM, 128);
    this.xmmU32 = new Uint32Array(buf, STATE_BASE + OFF_XMM, 64);
    this.xmmI32 = new Int32Array(buf, STATE_BASE + OFF_XMM, 64);
    this.xmmF32 = new Float32Array(buf, STATE_BASE + OFF_XMM, 64);
    this.xmmF64 = new Float64Array(buf, STATE_BASE + OFF_XMM, 32);
    this.mxcsrView = new Uint32Array(buf, STATE_BASE + OFF_MXCSR, 1);
    this.x87U8 = new Uint8Array(buf, STATE_BASE + OFF_X87, 128);
    this.x87Ctl = new Uint32Array(buf, STATE_BASE + OFF_X87CTL, 16);
    this.scratch = new Uint8Array(buf, STATE_BASE + OFF_SCRATCH, 256);
    this.f[9] = IF; // FL_SYS
    this.mxcsrView[0] = 0x1f80;
    fpuInit(this);
    mem.onCodeWrite = (page) => this.invalidatePage(page);
  }

  // ---- the interpreter loop --------------------------------------------------

  /** Run until a syscall, a fault, or `budget` blocks have executed. */
  run(budget: number): Stop {
    this.stop = Stop.Budget;
    let b: Block | undefined;
    let k = 0, cold = false;
    try {
      for (;;) {
        b = this.cache.get(this.rip);
        if (b === undefined) {
          if (!this.seen.has(this.rip)) {
            this.seen.add(this.rip);
            cold = true;
            this.runCold();
            cold = false;
            this.icount += this.coldDone;
            if (this.stop !== Stop.Budget) return this.stop;
            if (--budget <= 0) return Stop.Budget;
            continue;
          }
          b = this.decodeBlock(this.rip);
        }
        if (++b.hits > this.jitThreshold) {
          const fn = b.region === undefined ? this.jit!.compile(b) : b.region;
          if (fn !== null) {
            const jit = this.jit!;
            const next = jit.run(fn, budget);
            // A region that stopped before its first instruction (a fault, a store to
            // code) leaves that instruction to the interpreter, below.
            if (jit.retired !== 0 || next !== b.start) {
              this.rip = next;
              this.icount += jit.retired;
              b = undefined;
              // a region entry costs one unit of budget, like a block
              budget = jit.budgetLeft - 1;
              if (budget <= 0) return Stop.Budget;
              continue;
            }
          }
        }
        const insns = b.insns;
        for (k = 0; k < b.n; k++) {
          const i = insns[k];
          this.rip = i.next;
          i.exec(this, i);
        }
        this.icount += k;
        if (this.stop !== Stop.Budget) return this.stop;
        if (--budget <= 0) return Stop.Budget;
        b = undefined;
      }
    } catch (e) {
      if (e instanceof MemoryFault || e instanceof CpuException) {
        // precise state: rip is the faulting instruction (or the block start when
        // the fault came from fetching/decoding it)
        if (cold) {
          this.rip = this.coldAddr;
          this.icount += this.coldDone;
        } else if (b !== undefined) {
          if (k < b.insns.length) this.rip = b.insns[k].addr;
          this.icount += k;
        }
        this.fault = e;
        return Stop.Fault;
      }
      throw e;
    }
  }

  /**
   * Run the block at rip once, decoding each instruction just before running it into
   * one reused Insn: as the cached path would, but a store into the block's own later
   * instructions is seen without invalidation (nothing was decoded ahead), and
   * nothing stays behind. A fault leaves coldAddr at the faulting instruction.
   */
  private runCold(): void {
    const i = this.coldInsn, mem = this.mem;
    this.coldDone = 0;
    this.coldAddr = this.rip;
    for (let n = 1; ; n++) {
      decode(mem, this.rip, i);
      this.rip = i.next;
      i.exec(this, i);
      this.coldDone = n;
      if ((i.def!.flags & DefFlag.Branch) || n >= 256) return;
      this.coldAddr = this.rip;
    }
  }

  private decodeBlock(start: number): Block {
    const insns: Insn[] = [];
    let a = start;
    for (;;) {
      const i = new Insn();
      try {
        decode(this.mem, a, i);
      } catch (e) {
        if (insns.length === 0) throw e;
        break; // the next block will raise it when (if) execution gets there
      }
      insns.push(i);
      a = i.next;
      if ((i.def!.flags & DefFlag.Branch) || insns.length >= 256) break;
    }
    const b = new Block(start, insns, a);
    this.cache.set(start, b);
    const perm = this.mem.perm;
    for (let p = start >>> 12; p <= (a - 1) >>> 12; p++) {
      perm[p] |= P_CODE;
      let list = this.pageBlocks.get(p);
      if (!list) this.pageBlocks.set(p, (list = []));
      list.push(b);
    }
    return b;
  }

  /** Code on this page changed (or went away): drop every block decoded from it. */
  invalidatePage(page: number): void {
    const list = this.pageBlocks.get(page);
    this.mem.perm[page] &= ~P_CODE;
    if (this.jit !== null) this.jit.invalidatePage(page);
    if (!list) return;
    this.pageBlocks.delete(page);
    for (const b of list) {
      b.n = 0;
      if (this.cache.get(b.start) === b) this.cache.delete(b.start);
    }
  }

  /**
   * The instructions of the block at addr if the interpreter has run it, else null: the
   * JIT leaves code that never ran out of its regions (most of it is cold paths of
   * startup code).
   */
  executedBlock(addr: number): Insn[] | null {
    const b = this.cache.get(addr);
    return b === undefined || b.hits === 0 ? null : b.insns.slice(0, b.n);
  }

  flushCodeCache(): void {
    for (const page of [...this.pageBlocks.keys()]) this.invalidatePage(page);
  }

  // ---- registers ---------------------------------------------------------------

  /** Read register n at size (n in 16..19 = AH..BH for size 1); size 8 leaves the upper half in this.hi. */
  getReg(n: number, size: number): number {
    const r = this.r;
    switch (size) {
      case 8: this.hi = r[2 * n + 1]; return r[2 * n];
      case 4: return r[2 * n];
      case 2: return r[2 * n] & 0xffff;
      default: return n < 16 ? r[2 * n] & 0xff : (r[2 * (n - 16)] >>> 8) & 0xff;
    }
  }

  /** Write register n at size; 32-bit writes zero the upper half, 8/16-bit writes merge. */
  setReg(n: number, size: number, lo: number, hi: number): void {
    const r = this.r;
    switch (size) {
      case 8: r[2 * n] = lo; r[2 * n + 1] = hi; return;
      case 4: r[2 * n] = lo; r[2 * n + 1] = 0; return;
      case 2: r[2 * n] = (r[2 * n] & 0xffff0000) | (lo & 0xffff); return;
      default:
        if (n < 16) r[2 * n] = (r[2 * n] & 0xffffff00) | (lo & 0xff);
        else { const m = 2 * (n - 16); r[m] = (r[m] & 0xffff00ff) | ((lo & 0xff) << 8); }
    }
  }

  // ---- memory operands -----------------------------------------------------------

  /** The effective address of the instruction's memory operand (faults if above 4 GiB). */
  ea(i: Insn): number {
    let lo = i.disp, hi = 0;
    const base = i.base, r = this.r;
    if (base >= 0) {
      if (base === BASE_RIP) lo += i.next;
      else { lo += r[2 * base]; hi += r[2 * base + 1]; }
    }
    const idx = i.index;
    if (idx >= 0) { lo += r[2 * idx] * i.scale; hi += r[2 * idx + 1] * i.scale; }
    if (i.addr32) lo = lo >>> 0;
    if (i.seg !== 0) {
      const s = i.seg === 4 ? 0 : 2;
      lo += this.seg[s]; hi += this.seg[s + 1];
    }
    if (lo >= 0 && lo < 4294967296 && (hi === 0 || i.addr32 && i.seg === 0)) return lo;
    return this.wideAddress(lo, i.addr32 && i.seg === 0 ? 0 : hi);
  }

  /** Normalise a lo/hi sum that left [0, 2^32): fault unless the 64-bit value is below 4 GiB. */
  wideAddress(lo: number, hi: number): number {
    hi = (hi + Math.floor(lo / 4294967296)) >>> 0;
    lo = lo >>> 0;
    if (hi === 0) return lo;
    // Canonical addresses beyond our window behave as unmapped memory; non-canonical
    // ones raise #GP (Linux: SIGSEGV with si_addr 0).
    if (canonicalHigh(hi)) throw new MemoryFault(hi * 4294967296 + lo, P_R, false);
    throw new CpuException(EXC_GP, 0);
  }

  readMem(a: number, size: number): number {
    const m = this.mem;
    switch (size) {
      case 8: { const lo = m.read64(a); this.hi = m.hi; return lo; }
      case 4: return m.read32(a);
      case 2: return m.read16(a);
      default: return m.read8(a);
    }
  }

  writeMem(a: number, size: number, lo: number, hi: number): void {
    const m = this.mem;
    switch (size) {
      case 8: m.write64(a, lo, hi); return;
      case 4: m.write32(a, lo); return;
      case 2: m.write16(a, lo); return;
      default: m.write8(a, lo);
    }
  }

  /** Read the E (ModRM r/m) operand at size; byte registers use the rm8 encoding. */
  readE(i: Insn, size: number): number {
    if (i.mod === 3) return this.getReg(size === 1 ? i.rm8 : i.rm, size);
    const a = this.ea(i);
    this.lastEA = a;
    return this.readMem(a, size);
  }

  /** Write the E operand; for memory, reuses the address computed by the preceding readE when `again`. */
  writeE(i: Insn, size: number, lo: number, hi: number, again = false): void {
    if (i.mod === 3) { this.setReg(size === 1 ? i.rm8 : i.rm, size, lo, hi); return; }
    this.writeMem(again ? this.lastEA : this.ea(i), size, lo, hi);
  }

  readG(i: Insn, size: number): number { return this.getReg(size === 1 ? i.reg8 : i.reg, size); }
  writeG(i: Insn, size: number, lo: number, hi: number): void { this.setReg(size === 1 ? i.reg8 : i.reg, size, lo, hi); }

  // ---- stack ---------------------------------------------------------------------

  push64(lo: number, hi: number): void {
    const r = this.r;
    let a = r[2 * RSP] - 8, shi = r[2 * RSP + 1];
    if (a < 0 || shi !== 0) a = this.wideAddress(a, shi);
    this.mem.write64(a, lo, hi);
    r[2 * RSP] = a; r[2 * RSP + 1] = 0;
  }

  /** Pop 8 bytes: returns lo, upper half in this.hi. */
  pop64(): number {
    const r = this.r;
    let a = r[2 * RSP];
    if (r[2 * RSP + 1] !== 0) a = this.wideAddress(a, r[2 * RSP + 1]);
    const lo = this.mem.read64(a);
    this.hi = this.mem.hi;
    const n = a + 8;
    r[2 * RSP] = n; r[2 * RSP + 1] = n > 0xffffffff ? 1 : 0;
    return lo;
  }

  push(size: number, lo: number, hi: number): void {
    if (size === 8) { this.push64(lo, hi); return; }
    const r = this.r;
    let a = r[2 * RSP] - 2, shi = r[2 * RSP + 1];
    if (a < 0 || shi !== 0) a = this.wideAddress(a, shi);
    this.mem.write16(a, lo);
    r[2 * RSP] = a; r[2 * RSP + 1] = 0;
  }

  pop(size: number): number {
    if (size === 8) return this.pop64();
    const r = this.r;
    let a = r[2 * RSP];
    if (r[2 * RSP + 1] !== 0) a = this.wideAddress(a, r[2 * RSP + 1]);
    const v = this.mem.read16(a);
    const n = a + 2;
    r[2 * RSP] = n; r[2 * RSP + 1] = n > 0xffffffff ? 1 : 0;
    return v;
  }

  /** Set rip from a 64-bit target; a target outside the address window faults when fetched. */
  jumpTo(lo: number, hi: number): void {
    this.rip = hi === 0 ? lo : lo + hi * 4294967296;
  }

  // ---- flags ---------------------------------------------------------------------

  /** Record a flag-setting operation (values already truncated to size). */
  setLazy(op: FlagOp, size: number, alo: number, ahi: number, blo: number, bhi: number, rlo: number, rhi: number): void {
    const f = this.f;
    f[0] = op; f[1] = size; f[2] = alo; f[3] = ahi; f[4] = blo; f[5] = bhi; f[6] = rlo; f[7] = rhi;
  }

  /** Flags from a result, with CF/OF/AF given explicitly (logic ops, shifts, inc/dec, ...). */
  setResultFlags(size: number, rlo: number, rhi: number, cfofaf: number): void {
    const f = this.f;
    f[0] = FlagOp.Result; f[1] = size; f[6] = rlo; f[7] = rhi; f[8] = cfofaf;
  }

  /** All of RFLAGS as software sees it (pushf). */
  getFlags(): number {
    return computeArith(this.f, 0) | this.f[9] | 2;
  }

  /** Set RFLAGS (popf, sahf, sigreturn): arithmetic bits become eager. */
  setFlags(v: number, sysMask = DF | 0x40000 | 0x200000 | 0x100): void {
    const f = this.f;
    f[0] = FlagOp.None;
    f[8] = v & ARITH_FLAGS;
    f[9] = (f[9] & ~sysMask) | (v & sysMask) | IF;
  }

  /** Set only the arithmetic flags given in mask to the bits of v. */
  setArithFlags(mask: number, v: number): void {
    const cur = computeArith(this.f, 0);
    this.f[0] = FlagOp.None;
    this.f[8] = (cur & ~mask) | (v & mask);
  }

  getCF(): number {
    const f = this.f;
    if (f[0] === FlagOp.Sub && f[1] !== 8) return f[2] < f[4] ? 1 : 0;
    return computeArith(f, 0) & CF;
  }

  get df(): boolean { return (this.f[9] & DF) !== 0; }

  /** Evaluate condition code cc (0-15: o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g). */
  cond(cc: number): boolean {
    const f = this.f;
    const op = f[0], size = f[1];
    let t: boolean;
    if (op === FlagOp.Sub && size !== 8 && cc >= 2 && cc !== 10 && cc !== 11) {
      // compare fast path: decide from the operands directly
      const a = f[2], b = f[4];
      switch (cc >> 1) {
        case 1: t = a < b; break;
        case 2: t = a === b; break;
        case 3: t = a <= b; break;
        case 4: t = (f[6] & SIGN_BIT[size]) !== 0; break;
        case 6: { const s = 32 - 8 * size; t = (a << s) < (b << s); break; }
        default: { const s = 32 - 8 * size; t = (a << s) <= (b << s); break; } // 7: le
      }
    } else {
      const fl = computeArith(f, 0);
      switch (cc >> 1) {
        case 0: t = (fl & OF) !== 0; break;
        case 1: t = (fl & CF) !== 0; break;
        case 2: t = (fl & ZF) !== 0; break;
        case 3: t = (fl & (CF | ZF)) !== 0; break;
        case 4: t = (fl & SF) !== 0; break;
        case 5: t = (fl & PF) !== 0; break;
        case 6: t = ((fl & SF) !== 0) !== ((fl & OF) !== 0); break;
        default: t = (fl & ZF) !== 0 || ((fl & SF) !== 0) !== ((fl & OF) !== 0); break;
      }
    }
    return (cc & 1) ? !t : t;
  }
}

export { SIZE_MASK };
