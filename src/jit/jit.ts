// Tier 2: hot blocks become WebAssembly regions (compile.ts). This module owns the
// compiled regions, their invalidation by page, and the statistics.

import { GUEST_LIMIT, type Memory } from '../mem/memory.js';
import type { Insn } from '../cpu/insn.js';
import { planRegion, generate, classify, JIT_SLOTS, SLOT_BUDGET, SLOT_RIP, JIT_HASH, JIT_HASH_BITS } from './compile.js';
import { buildModule, buildDispatcher, Func, Op, T } from './wasm.js';

/**
 * A compiled region: the dispatcher-table slot of a wasm function that runs from the
 * region's entry and returns the instructions it retired (the next rip is in SLOT_RIP).
 * An object, not the slot number, so that a stale reference never matches a reused slot.
 */
export interface RegionFn { readonly slot: number }

const HASH_MUL = 0x9e3779b1 | 0;
/** slots (u32) where indirect call sites without a prediction store their targets */
const JIT_SITES = 0x2000, JIT_SITES_END = 0x8000;
/** byte offset inside the hash of the entry for rip (the dispatcher computes the same) */
function hashAt(rip: number): number { return (Math.imul(rip, HASH_MUL) >>> (32 - JIT_HASH_BITS)) << 3; }

/**
 * The dispatcher's loop, in wasm so that region-to-region transfers (returns, indirect
 * branches, branches out of a region) stay there: call the region in `slot`, then, while
 * it retired something and budget is left, look its exit rip up in the hash and call
 * the region entered there. Returns the instructions retired by all of them.
 */
function dispatcherCode(): Func {
  const f = new Func(1);
  const n = f.local(T.I32), tot = f.local(T.I32), r = f.local(T.I32), h = f.local(T.I32), bud = f.local(T.I32);
  f.block(Op.block);
  f.block(Op.loop);
  f.get(0); f.code.byte(Op.call_indirect); f.code.u32(0); f.code.u32(0);
  f.tee(n).get(tot).op(Op.i32_add).set(tot);
  f.get(n).op(Op.i32_eqz).br(Op.br_if, 1);
  // a region entry costs one unit of budget, like an interpreted block
  f.i32(0).i32(0).mem(Op.i32_load, JIT_SLOTS + SLOT_BUDGET).i32(1).op(Op.i32_sub).tee(bud).mem(Op.i32_store, JIT_SLOTS + SLOT_BUDGET);
  f.get(bud).i32(0).op(Op.i32_le_s).br(Op.br_if, 1);
  f.i32(0).mem(Op.i32_load, JIT_SLOTS + SLOT_RIP + 4).br(Op.br_if, 1);
  f.i32(0).mem(Op.i32_load, JIT_SLOTS + SLOT_RIP).tee(r);
  f.i32(HASH_MUL).op(Op.i32_mul).i32(32 - JIT_HASH_BITS).op(Op.i32_shr_u).i32(3).op(Op.i32_shl).tee(h);
  f.mem(Op.i32_load, JIT_HASH).get(r).op(Op.i32_ne).br(Op.br_if, 1);
  f.get(h).mem(Op.i32_load, JIT_HASH + 4).set(0);
  f.br(Op.br, 0);
  f.op(Op.end);
  f.op(Op.end);
  f.get(tot);
  return f;
}

/**
 * The default tiering policy: a block is compiled once it has been entered more than
 * BASE_THRESHOLD times, plus THRESHOLD_PER_REGION for every region compiled so far. A
 * small hot program (a benchmark kernel) compiles its few loops almost at once, while a
 * program that keeps finding new warm code (python3's startup runs 31M instructions
 * spread over 3000 blocks worth compiling at a fixed 50) compiles only what keeps being
 * hot; compiling a region costs as much as interpreting some 10^4 instructions.
 */
const BASE_THRESHOLD = 50, THRESHOLD_PER_REGION = 1;

/**
 * The CLI's choices (also read by forked children through X64VM_JIT in the environment).
 * threshold null = the adaptive default above; a number = that fixed threshold.
 */
export const jitConfig: {
  enabled: boolean; threshold: number | null; stats: boolean;
  /** a full GC (set by the CLI), after the code cache is dropped */
  collect: (() => void) | null;
  /** X64VM_JIT_DUMP: receives each region's module as compiled (set by the CLI) */
  dump: ((name: string, bytes: Uint8Array) => void) | null;
  /**
   * X64VM_JIT_STRICT=1 (the tests set it): a region that fails to compile is an internal
   * error instead of code left to the interpreter, which would hide a JIT bug from them
   */
  strict: boolean;
} = { enabled: true, threshold: null, stats: false, collect: null, dump: null, strict: false };

/**
 * Every region is a module of its own, and V8 gives each module its own code space: two
 * or so memory mappings, against the kernel's limit of 65530 per process (python3 at
 * --jit-threshold=0 compiles 40000 regions in its startup and died at that limit). After
 * this many modules the whole code cache is dropped, as qemu does when its buffer fills,
 * and jitConfig.collect (a full GC, from the CLI) frees their code spaces.
 */
const MAX_MODULES = 12000;

/** Parse "on,50,stats"-style settings passed to forked children. */
export function jitConfigFromEnv(v: string | undefined): void {
  if (!v) return;
  const [on, thr, stats] = v.split(',');
  jitConfig.enabled = on === 'on';
  if (thr !== undefined && thr !== '' && Number.isFinite(Number(thr))) jitConfig.threshold = Number(thr);
  else jitConfig.threshold = null;
  jitConfig.stats = stats === 'stats';
}
export function jitConfigToEnv(): string {
  return `${jitConfig.enabled ? 'on' : 'off'},${jitConfig.threshold ?? ''},${jitConfig.stats ? 'stats' : ''}`;
}

/** Where a region starts: an interpreter block, whose `region` field caches the result. */
export interface EntryBlock { start: number; region: RegionFn | null | undefined }

/** A page that lost its code this many times stays interpreted (a JIT inside the guest). */
const MAX_PAGE_INVALIDATIONS = 16;

export class Jit {
  private readonly slots: Int32Array;
  private readonly ripSlot: Uint32Array;
  private readonly hash: Int32Array;
  private readonly shared: boolean;
  private readonly dispatch: (slot: number) => number;
  private readonly table: WebAssembly.Table;
  /** regions linked into the table, and table slots free for reuse */
  private readonly live = new Set<RegionFn>();
  private readonly freeSlots: number[] = [];
  /** indirect call prediction: site -> target, the slots of sites still learning, free slot addresses */
  private readonly predictions = new Map<number, number>();
  private readonly pending: { addr: number; site: number; b: EntryBlock; fn: RegionFn }[] = [];
  private readonly freeSites: number[] = [];
  private readonly u32: Uint32Array;
  private nextSlot = 0;
  /** entry blocks with a region (or a failed attempt) depending on each page */
  private readonly pageEntries = new Map<number, EntryBlock[]>();
  private readonly invalidations = new Map<number, number>();
  private learnTick = 0;
  /** modules made since the last flush, and the flushes for that reason */
  private modules = 0;
  flushes = 0;
  budgetLeft = 0;
  retired = 0;
  /** called after each region compiled (the adaptive threshold) */
  onCompiled: (() => void) | null = null;
  private debug = !!process.env.X64VM_JIT_DEBUG;

  // statistics
  regions = 0;
  failed = 0;
  compileMs = 0;
  jitInsns = 0;
  jitMs = 0;
  calls = 0;
  wasmBytes = 0;
  tPlan = 0; tGen = 0; tMod = 0;

  /** `now`: milliseconds, for the compile and run times (the host's clock) */
  constructor(private readonly mem: Memory, private readonly source: (addr: number) => Insn[] | null, readonly timing: boolean, private readonly now: () => number) {
    this.slots = new Int32Array(mem.buffer, JIT_SLOTS, 4);
    this.u32 = new Uint32Array(mem.buffer, 0, JIT_SITES_END >> 2);
    for (let a = JIT_SITES_END - 4; a >= JIT_SITES; a -= 4) this.freeSites.push(a);
    this.ripSlot = new Uint32Array(mem.buffer, JIT_SLOTS + SLOT_RIP, 2);
    this.hash = new Int32Array(mem.buffer, JIT_HASH, 2 << JIT_HASH_BITS);
    // empty entries: key 0xffffffff (never a region entry), slot 0, a region that retires nothing
    for (let k = 0; k < this.hash.length; k += 2) { this.hash[k] = -1; this.hash[k + 1] = 0; }
    this.shared = typeof SharedArrayBuffer !== 'undefined' && mem.buffer instanceof SharedArrayBuffer;
    const d = new WebAssembly.Instance(new WebAssembly.Module(buildDispatcher(dispatcherCode(), this.shared) as Uint8Array<ArrayBuffer>), { env: { mem: this.mem.wasm } });
    this.dispatch = d.exports.run as (slot: number) => number;
    this.table = d.exports.table as WebAssembly.Table;
    this.imports = { env: { mem: this.mem.wasm } };
    const none = new Func(); none.i32(0);
    this.instantiate([none], [0]);
    this.nextSlot = 1;
  }

  private readonly imports: WebAssembly.Imports;

  /** Compile functions into one module whose instantiation stores them at these table slots. */
  private instantiate(funcs: Func[], slots: number[], entry?: number): number {
    const bytes = buildModule(funcs, this.shared);
    if (jitConfig.dump !== null && entry !== undefined) jitConfig.dump(`region-${entry.toString(16)}.wasm`, bytes);
    const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), this.imports);
    for (let k = 0; k < funcs.length; k++) this.table.set(slots[k], inst.exports['f' + k] as () => number);
    this.modules++;
    return bytes.length;
  }

  private allocSlot(): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.nextSlot++;
      if (slot >= this.table.length) this.table.grow(this.table.length);
    }
    return slot;
  }

  private link(entry: number, fn: RegionFn): void {
    const h = hashAt(entry) >> 2;
    this.hash[h] = entry; this.hash[h + 1] = fn.slot;
  }

  /**
   * Indirect call sites store each target they call into their site slot; the first
   * target seen becomes the site's prediction, and its region is compiled again with the
   * callee inside (the call stays in wasm while the target matches).
   */
  private learn(): void {
    const u32 = this.u32, pending = this.pending;
    let k = 0, stale: (typeof pending)[number][] | null = null;
    for (let j = 0; j < pending.length; j++) {
      const p = pending[j];
      const t = u32[p.addr >> 2];
      if (t === 0 || !(t < GUEST_LIMIT)) { pending[k++] = p; continue; }
      this.freeSites.push(p.addr);
      if (this.predictions.has(p.site)) continue;
      this.predictions.set(p.site, t);
      (stale ??= []).push(p);
    }
    pending.length = k;
    // recompile with the callee inside (unlink also drops the region's other pending sites)
    if (stale !== null) for (const p of stale) if (p.b.region === p.fn) { this.unlink(p.b.start, p.fn); p.b.region = undefined; }
  }

  private unlink(entry: number, fn: RegionFn): void {
    if (!this.live.delete(fn)) return;
    const slot = fn.slot;
    if (this.pending.length !== 0) {
      let k = 0;
      for (const p of this.pending) { if (p.fn === fn) this.freeSites.push(p.addr); else this.pending[k++] = p; }
      this.pending.length = k;
    }
    const h = hashAt(entry) >> 2;
    if (this.hash[h] === (entry | 0) && this.hash[h + 1] === slot) { this.hash[h] = -1; this.hash[h + 1] = 0; }
    this.table.set(slot, null);
    this.freeSlots.push(slot);
    if (this.debug) this.checkHash(`unlink 0x${entry.toString(16)} slot ${slot}`);
  }

  private checkHash(what: string): void {
    for (let k = 0; k < this.hash.length; k += 2) {
      if (this.table.get(this.hash[k + 1]) === null) process.stderr.write(`x64vm: jit: stale hash entry 0x${(this.hash[k] >>> 0).toString(16)} -> ${this.hash[k + 1]} after ${what}\n`);
    }
  }

  /** Compile the region starting at b (sets b.region; null when it cannot be compiled). */
  compile(b: EntryBlock): RegionFn | null {
    const t0 = this.now();
    let fn: RegionFn | null = null;
    let pages: number[] = [Math.floor(b.start / 4096)];
    let sites: Map<number, number> | null = null;
    if (this.modules >= MAX_MODULES) {
      this.flush();
      this.modules = 0;
      this.flushes++;
      if (jitConfig.collect !== null) jitConfig.collect();
    }
    try {
      const plan = planRegion(b.start, this.source, this.predictions);
      if (plan !== null && !plan.pages.some((p) => (this.invalidations.get(p) ?? 0) >= MAX_PAGE_INVALIDATIONS)) {
        pages = plan.pages;
        const t1 = this.now();
        for (const site of [...plan.siteSlots.keys()]) {
          const a = this.predictions.has(site) ? undefined : this.freeSites.pop();
          if (a === undefined) plan.siteSlots.delete(site);
          else { plan.siteSlots.set(site, a); this.u32[a >> 2] = 0; }
        }
        sites = plan.siteSlots;
        const func = generate(plan);
        const t2 = this.now();
        const slot = this.allocSlot();
        try {
          this.wasmBytes += this.instantiate([func], [slot], b.start);
        } catch (e) {
          this.freeSlots.push(slot);
          throw e;
        }
        const t3 = this.now();
        this.tPlan += t1 - t0; this.tGen += t2 - t1; this.tMod += t3 - t2;
        fn = { slot };
        this.live.add(fn);
        this.link(b.start, fn);
        for (const [site, addr] of sites) this.pending.push({ addr, site, b, fn });
        sites = null;
        this.regions++;
        if (this.onCompiled !== null) this.onCompiled();
        if (this.debug) process.stderr.write(`x64vm: jit: region 0x${b.start.toString(16)}: ${plan.blocks.length} blocks, ${plan.ninsns} insns, module+instance ${(t3 - t2).toFixed(2)} ms\n`);
      } else {
        this.failed++;
        if (this.debug) process.stderr.write(`x64vm: jit: region 0x${b.start.toString(16)} not compilable (its first instruction is not)\n`);
      }
    } catch (e) {
      if (jitConfig.strict) throw e;
      // a bug of the JIT must not end the guest: this entry stays interpreted
      this.failed++;
      if (this.debug) process.stderr.write(`x64vm: jit: region 0x${b.start.toString(16)} failed: ${(e as Error).message}\n`);
      fn = null;
    }
    if (sites !== null) for (const a of sites.values()) this.freeSites.push(a);
    for (const p of pages) {
      let list = this.pageEntries.get(p);
      if (!list) this.pageEntries.set(p, (list = []));
      list.push(b);
    }
    b.region = fn;
    this.compileMs += this.now() - t0;
    return fn;
  }

  /** Run a region with `budget` back-edges allowed; returns the next rip. */
  run(fn: RegionFn, budget: number): number {
    const slots = this.slots;
    slots[SLOT_BUDGET >> 2] = budget;
    const slot = fn.slot;
    if (this.debug && !this.live.has(fn)) process.stderr.write(`x64vm: jit: run of an unlinked region (slot ${slot})\n`);
    let n: number;
    if (this.timing) {
      const t0 = this.now();
      n = this.dispatch(slot);
      this.jitMs += this.now() - t0;
    } else n = this.dispatch(slot);
    this.budgetLeft = slots[SLOT_BUDGET >> 2];
    this.retired = n;
    this.jitInsns += n;
    // sites learn their first target soon enough when looked at every 64th call (python3
    // keeps hundreds of sites that never run in this list)
    if (this.pending.length !== 0 && (++this.learnTick & 63) === 0) this.learn();
    const rip = this.ripSlot[0] + this.ripSlot[1] * 4294967296;
    this.calls++;
    return rip;
  }

  /** Code on this page changed or went away: forget the regions that depend on it. */
  invalidatePage(page: number): void {
    const list = this.pageEntries.get(page);
    if (!list) return;
    this.pageEntries.delete(page);
    this.invalidations.set(page, (this.invalidations.get(page) ?? 0) + 1);
    for (const b of list) {
      if (b.region) this.unlink(b.start, b.region);
      b.region = undefined;
    }
  }

  /** Drop everything (exec, or too many modules). */
  flush(): void {
    for (const list of this.pageEntries.values()) {
      for (const b of list) {
        if (b.region) this.unlink(b.start, b.region);
        b.region = undefined;
      }
    }
    this.pageEntries.clear();
  }
}

/** What attachJit needs of the CPU (kept structural so jit/ does not depend on cpu.ts). */
export interface JitHost {
  mem: Memory;
  jit: Jit | null;
  jitThreshold: number;
  icount: number;
  executedBlock(addr: number): Insn[] | null;
}

/** Give a CPU its JIT according to jitConfig (nothing when the JIT is off); `now` is the host's clock in ms. */
export function attachJit(cpu: JitHost, now: () => number): void {
  if (!jitConfig.enabled) return;
  const jit = new Jit(cpu.mem, (a) => cpu.executedBlock(a), jitConfig.stats, now);
  cpu.jit = jit;
  if (jitConfig.threshold !== null) cpu.jitThreshold = Math.max(0, jitConfig.threshold);
  else {
    cpu.jitThreshold = BASE_THRESHOLD;
    jit.onCompiled = () => { cpu.jitThreshold = BASE_THRESHOLD + THRESHOLD_PER_REGION * jit.regions; };
  }
}

/** The --stats report (lines for stderr). */
export function statsReport(cpu: JitHost, wallMs: number): string {
  const j = cpu.jit;
  const total = cpu.icount;
  const jitN = j ? j.jitInsns : 0;
  const pct = total > 0 ? ((100 * jitN) / total).toFixed(1) : '0.0';
  const lines = [
    `x64vm: stats: jit ${j ? 'on' : 'off'}${j ? ` (threshold ${jitConfig.threshold === null ? `${BASE_THRESHOLD} + ${THRESHOLD_PER_REGION} per region, now ${cpu.jitThreshold}` : cpu.jitThreshold})` : ''}`,
    `x64vm: stats: instructions: ${total} total, ${total - jitN} interpreted, ${jitN} in jit code (${pct}%)`,
    `x64vm: stats: regions: ${j ? j.regions : 0} compiled, ${j ? j.failed : 0} not compilable, ${j ? j.calls : 0} region calls, ${j ? j.wasmBytes : 0} wasm bytes`,
    ...(process.env.X64VM_JIT_DEBUG && j ? [`x64vm: stats: compile: plan ${j.tPlan.toFixed(1)} gen ${j.tGen.toFixed(1)} module+instance ${j.tMod.toFixed(1)} ms, ${j.flushes} code cache flushes`] : []),
    `x64vm: stats: time: ${wallMs.toFixed(1)} ms total, ${(j ? j.compileMs : 0).toFixed(1)} ms compiling, ${(j ? j.jitMs : 0).toFixed(1)} ms in jit code, ${(wallMs - (j ? j.compileMs + j.jitMs : 0)).toFixed(1)} ms interpreter and kernel`,
  ];
  if (process.env.X64VM_JIT_DEBUG) lines.push(...hotUncompiled(cpu));
  return lines.join('\n') + '\n';
}

/** Debug aid: the instructions the JIT does not handle, weighted by how often their block was entered. */
function hotUncompiled(cpu: JitHost): string[] {
  const cache = (cpu as unknown as { cache?: Map<number, { hits: number; n: number; insns: Insn[] }> }).cache;
  if (!cache) return [];
  const count = new Map<string, number>();
  for (const b of cache.values()) {
    for (let k = 0; k < b.n; k++) {
      const i = b.insns[k];
      const kind = classify(i);
      if (kind !== 0) continue;
      const key = `${i.def!.name}/${i.opsize}${i.mod === 3 ? '' : 'm'}${i.rep ? ' rep' : ''}`;
      count.set(key, (count.get(key) ?? 0) + b.hits);
      break;
    }
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `x64vm: stats: uncompiled ${k}: ${v}`);
}
