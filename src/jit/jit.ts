// Tier 2: hot blocks become WebAssembly regions (compile.ts). This module owns the
// compiled regions, their invalidation by page, and the statistics.

import type { Memory } from '../mem/memory.js';
import type { Insn } from '../cpu/insn.js';
import { planRegion, generate, JIT_SLOTS, SLOT_BUDGET, SLOT_ICOUNT } from './compile.js';
import { buildModule } from './wasm.js';

/** A compiled region: runs from its entry, returns the rip to continue at. */
export type RegionFn = () => number;

/** The CLI's choices (also read by forked children through X64VM_JIT in the environment). */
export const jitConfig = { enabled: true, threshold: 50, stats: false };

/** Parse "on,50,stats"-style settings passed to forked children. */
export function jitConfigFromEnv(v: string | undefined): void {
  if (!v) return;
  const [on, thr, stats] = v.split(',');
  jitConfig.enabled = on === 'on';
  if (thr !== undefined && thr !== '' && Number.isFinite(Number(thr))) jitConfig.threshold = Number(thr);
  jitConfig.stats = stats === 'stats';
}
export function jitConfigToEnv(): string {
  return `${jitConfig.enabled ? 'on' : 'off'},${jitConfig.threshold},${jitConfig.stats ? 'stats' : ''}`;
}

/** Where a region starts: an interpreter block, whose `region` field caches the result. */
export interface EntryBlock { start: number; region: RegionFn | null | undefined }

/** A page that lost its code this many times stays interpreted (a JIT inside the guest). */
const MAX_PAGE_INVALIDATIONS = 16;

export class Jit {
  private readonly slots: Int32Array;
  private readonly shared: boolean;
  /** entry blocks with a region (or a failed attempt) depending on each page */
  private readonly pageEntries = new Map<number, EntryBlock[]>();
  private readonly invalidations = new Map<number, number>();
  budgetLeft = 0;
  retired = 0;
  private debug = !!process.env.X64VM_JIT_DEBUG;

  // statistics
  regions = 0;
  failed = 0;
  compileMs = 0;
  jitInsns = 0;
  jitMs = 0;
  calls = 0;
  wasmBytes = 0;
  tPlan = 0; tGen = 0; tMod = 0; tInst = 0;

  constructor(private readonly mem: Memory, private readonly source: (addr: number) => Insn[] | null, readonly timing: boolean) {
    this.slots = new Int32Array(mem.buffer, JIT_SLOTS, 4);
    this.shared = typeof SharedArrayBuffer !== 'undefined' && mem.buffer instanceof SharedArrayBuffer;
  }

  /** Compile the region starting at b (sets b.region; null when it cannot be compiled). */
  compile(b: EntryBlock): RegionFn | null {
    const t0 = performance.now();
    let fn: RegionFn | null = null;
    let pages: number[] = [Math.floor(b.start / 4096)];
    try {
      const plan = planRegion(b.start, this.source);
      if (plan !== null && !plan.pages.some((p) => (this.invalidations.get(p) ?? 0) >= MAX_PAGE_INVALIDATIONS)) {
        pages = plan.pages;
        const t1 = performance.now();
        const bytes = buildModule([generate(plan)], this.shared);
        this.wasmBytes += bytes.length;
        const t2 = performance.now();
        const mod = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
        const t3 = performance.now();
        const inst = new WebAssembly.Instance(mod, { env: { mem: this.mem.wasm } });
        const t4 = performance.now();
        this.tPlan += t1 - t0; this.tGen += t2 - t1; this.tMod += t3 - t2; this.tInst += t4 - t3;
        fn = inst.exports.f0 as RegionFn;
        this.regions++;
        if (this.debug) process.stderr.write(`x64vm: jit: region 0x${b.start.toString(16)}: ${plan.blocks.length} blocks, ${plan.ninsns} insns, ${bytes.length} bytes\n`);
      } else this.failed++;
    } catch (e) {
      // a bug of the JIT must not end the guest: this entry stays interpreted
      this.failed++;
      if (this.debug) process.stderr.write(`x64vm: jit: region 0x${b.start.toString(16)} failed: ${(e as Error).message}\n`);
      fn = null;
    }
    for (const p of pages) {
      let list = this.pageEntries.get(p);
      if (!list) this.pageEntries.set(p, (list = []));
      list.push(b);
    }
    b.region = fn;
    this.compileMs += performance.now() - t0;
    return fn;
  }

  /** Run a region with `budget` back-edges allowed; returns the next rip. */
  run(fn: RegionFn, budget: number): number {
    const slots = this.slots;
    slots[SLOT_BUDGET >> 2] = budget;
    let rip: number;
    if (this.timing) {
      const t0 = performance.now();
      rip = fn();
      this.jitMs += performance.now() - t0;
    } else rip = fn();
    this.budgetLeft = slots[SLOT_BUDGET >> 2];
    this.retired = slots[SLOT_ICOUNT >> 2];
    this.jitInsns += this.retired;
    this.calls++;
    return rip;
  }

  /** Code on this page changed or went away: forget the regions that depend on it. */
  invalidatePage(page: number): void {
    const list = this.pageEntries.get(page);
    if (!list) return;
    this.pageEntries.delete(page);
    this.invalidations.set(page, (this.invalidations.get(page) ?? 0) + 1);
    for (const b of list) b.region = undefined;
  }

  /** Drop everything (exec). */
  flush(): void {
    for (const list of this.pageEntries.values()) for (const b of list) b.region = undefined;
    this.pageEntries.clear();
  }
}

/** What attachJit needs of the CPU (kept structural so jit/ does not depend on cpu.ts). */
export interface JitHost {
  mem: Memory;
  jit: Jit | null;
  jitThreshold: number;
  icount: number;
  blockInsns(addr: number): Insn[] | null;
}

/** Give a CPU its JIT according to jitConfig (nothing when the JIT is off). */
export function attachJit(cpu: JitHost): void {
  if (!jitConfig.enabled) return;
  cpu.jit = new Jit(cpu.mem, (a) => cpu.blockInsns(a), jitConfig.stats);
  cpu.jitThreshold = Math.max(0, jitConfig.threshold);
}

/** The --stats report (lines for stderr). */
export function statsReport(cpu: JitHost, wallMs: number): string {
  const j = cpu.jit;
  const total = cpu.icount;
  const jitN = j ? j.jitInsns : 0;
  const pct = total > 0 ? ((100 * jitN) / total).toFixed(1) : '0.0';
  const lines = [
    `x64vm: stats: jit ${j ? 'on' : 'off'}${j ? ` (threshold ${cpu.jitThreshold})` : ''}`,
    `x64vm: stats: instructions: ${total} total, ${total - jitN} interpreted, ${jitN} in jit code (${pct}%)`,
    `x64vm: stats: regions: ${j ? j.regions : 0} compiled, ${j ? j.failed : 0} not compilable, ${j ? j.calls : 0} region calls, ${j ? j.wasmBytes : 0} wasm bytes`,
    ...(process.env.X64VM_JIT_DEBUG && j ? [`x64vm: stats: compile: plan ${j.tPlan.toFixed(1)} gen ${j.tGen.toFixed(1)} module ${j.tMod.toFixed(1)} instance ${j.tInst.toFixed(1)} ms`] : []),
    `x64vm: stats: time: ${wallMs.toFixed(1)} ms total, ${(j ? j.compileMs : 0).toFixed(1)} ms compiling, ${(j ? j.jitMs : 0).toFixed(1)} ms in jit code, ${(wallMs - (j ? j.compileMs + j.jitMs : 0)).toFixed(1)} ms interpreter and kernel`,
  ];
  return lines.join('\n') + '\n';
}
