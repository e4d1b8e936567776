// Guest threads (clone with CLONE_THREAD) as green threads inside the one Process.
//
// Every thread shares the Process's memory, descriptors and signal dispositions. What
// is per-thread lives in the CPU state block (fixed guest address), cpu.rip and a few
// SignalState / Process fields (masks, thread-directed pending signals, altstack,
// restart state, clear-tid address, rseq). Only the running thread's copy is "live":
// a switch saves those into the outgoing thread and loads the incoming one, so the
// rest of the kernel keeps working on "the current thread" unchanged.
//
// Scheduling is cooperative at the run loop's slice boundaries (round-robin) and
// whenever the running thread parks (futex wait, nanosleep, exit). A parked thread
// gets its syscall result when it is switched back in. Syscalls whose handlers wait
// on the event loop (pipe reads, poll, ...) still block every thread.

import { STATE_BASE, STATE_SIZE, RAX, RSP } from '../cpu/state.js';
import type { Process } from './process.js';
import type { SigInfo } from './signals.js';
import { SIG_IGN, SIGKILL, SIGSTOP, ERESTARTSYS } from './signals.js';
import { O_NONBLOCK, POLLIN, POLLHUP } from './fdtable.js';
import { EINTR, ESRCH, EINVAL } from './errno.js';
import { P_W } from '../mem/memory.js';

/** A syscall handler result: the calling thread is parked; its result comes later. */
export const PARK = -0x100000001;

const bit = (sig: number): number => 1 << ((sig - 1) & 31);

export interface Thread {
  tid: number;
  state: Uint8Array;
  rip: number;
  dead: boolean;
  // per-thread signal state (see SignalState)
  blockedLo: number; blockedHi: number;
  realBlockedLo: number; realBlockedHi: number;
  savedLo: number; savedHi: number; restoreMask: boolean;
  ssSp: number; ssSize: number; ssFlags: number;
  restartNr: number; restartCode: number; restartFn: (() => number | Promise<number>) | null;
  trapNr: number; errCode: number; cr2: number;
  /** thread-directed pending signals (while not running) */
  own: SigInfo[];
  clearTid: number;
  rseq: { area: number; len: number; sig: number };
  // parking
  parked: boolean;
  /** futex word the thread waits on (-1: not a futex wait) */
  futex: number;
  bitset: number;
  /** host-ms deadline (Infinity: none) */
  deadline: number;
  nr: number;
  timeoutRes: number;
  intrRes: number;
  /** called when a signal ends the wait (nanosleep writes the time left) */
  onIntr: (() => void) | null;
  /** the result to hand the parked syscall when the thread next runs; null: still waiting */
  result: number | null;
  /** a wait that ends when this says so; the syscall then runs again (pipe reads) */
  ready: (() => boolean) | null;
}

/** A parked thread's result meaning "run the syscall again". */
const AGAIN = -0x100000002;

function newThread(tid: number): Thread {
  return {
    tid, state: new Uint8Array(STATE_SIZE), rip: 0, dead: false,
    blockedLo: 0, blockedHi: 0, realBlockedLo: 0, realBlockedHi: 0, savedLo: 0, savedHi: 0, restoreMask: false,
    ssSp: 0, ssSize: 0, ssFlags: 2 /* SS_DISABLE */, restartNr: -1, restartCode: 0, restartFn: null,
    trapNr: 0, errCode: 0, cr2: 0, own: [], clearTid: 0, rseq: { area: 0, len: 0, sig: 0 },
    parked: false, futex: -1, bitset: 0, deadline: Infinity, nr: 0, timeoutRes: 0, intrRes: 0, onIntr: null, result: null, ready: null,
  };
}

export class Threads {
  readonly list: Thread[] = [];
  cur: Thread;
  private nextTid = 1;
  yieldReq = false;

  constructor(private p: Process) {
    const main = newThread(process.pid);
    this.list.push(main);
    this.cur = main;
  }

  static of(p: Process): Threads {
    if (p.threads === null) p.threads = new Threads(p);
    return p.threads;
  }

  live(): number {
    let n = 0;
    for (const t of this.list) if (!t.dead) n++;
    return n;
  }

  find(tid: number): Thread | undefined {
    return this.list.find((t) => t.tid === tid && !t.dead);
  }

  // ---- switching --------------------------------------------------------------------------

  private save(t: Thread): void {
    const p = this.p, s = p.sig;
    t.state.set(p.mem.u8.subarray(STATE_BASE, STATE_BASE + STATE_SIZE));
    t.rip = p.cpu.rip;
    t.blockedLo = s.blockedLo; t.blockedHi = s.blockedHi;
    t.realBlockedLo = s.realBlockedLo; t.realBlockedHi = s.realBlockedHi;
    t.savedLo = s.savedLo; t.savedHi = s.savedHi; t.restoreMask = s.restoreMask;
    t.ssSp = s.ssSp; t.ssSize = s.ssSize; t.ssFlags = s.ssFlags;
    t.restartNr = s.restartNr; t.restartCode = s.restartCode; t.restartFn = s.restartFn;
    t.trapNr = s.trapNr; t.errCode = s.errCode; t.cr2 = s.cr2;
    t.own = s.pending.filter((q) => !q.shared);
    s.pending = s.pending.filter((q) => q.shared);
    t.clearTid = p.tidAddress;
    t.rseq = p.rseq;
  }

  private load(t: Thread): void {
    const p = this.p, s = p.sig;
    p.mem.u8.set(t.state, STATE_BASE);
    p.cpu.rip = t.rip;
    s.blockedLo = t.blockedLo; s.blockedHi = t.blockedHi;
    s.realBlockedLo = t.realBlockedLo; s.realBlockedHi = t.realBlockedHi;
    s.savedLo = t.savedLo; s.savedHi = t.savedHi; s.restoreMask = t.restoreMask;
    s.ssSp = t.ssSp; s.ssSize = t.ssSize; s.ssFlags = t.ssFlags;
    s.restartNr = t.restartNr; s.restartCode = t.restartCode; s.restartFn = t.restartFn;
    s.trapNr = t.trapNr; s.errCode = t.errCode; s.cr2 = t.cr2;
    if (t.own.length) { s.pending = t.own.concat(s.pending); t.own = []; }
    p.tidAddress = t.clearTid;
    p.rseq = t.rseq;
    this.cur = t;
  }

  // ---- creation and exit ------------------------------------------------------------------

  /** clone(CLONE_THREAD...): a new thread starting after the syscall with rax 0. */
  create(sp: number, tls: [number, number] | null, setTid: number, clearTid: number): number {
    const p = this.p;
    const t = newThread(process.pid + this.nextTid++);
    t.state.set(p.mem.u8.subarray(STATE_BASE, STATE_BASE + STATE_SIZE));
    t.rip = p.cpu.rip;
    const dv = new DataView(t.state.buffer);
    dv.setUint32(8 * RAX, 0, true); dv.setUint32(8 * RAX + 4, 0, true);
    if (sp !== 0) { dv.setUint32(8 * RSP, sp >>> 0, true); dv.setUint32(8 * RSP + 4, Math.floor(sp / 4294967296), true); }
    if (tls) { dv.setUint32(0xd0, tls[0], true); dv.setUint32(0xd4, tls[1], true); }
    t.blockedLo = p.sig.blockedLo; t.blockedHi = p.sig.blockedHi;
    t.clearTid = clearTid;
    if (setTid !== 0 && p.mem.check(setTid, 4, P_W)) { p.mem.noteWrite(setTid, 4); p.mem.dv.setInt32(setTid, t.tid, true); }
    this.list.push(t);
    return t.tid;
  }

  /** exit(2) of one thread; false when it is the last (the process exits). */
  exitThread(): boolean {
    if (this.live() <= 1) return false;
    const p = this.p, t = this.cur;
    const ct = p.tidAddress;
    if (ct !== 0 && p.mem.check(ct, 4, P_W)) {
      p.mem.noteWrite(ct, 4);
      p.mem.dv.setInt32(ct, 0, true);
      this.wake(ct, 1, -1);
    }
    t.dead = true;
    t.parked = false;
    return true;
  }

  // ---- parking ----------------------------------------------------------------------------

  /** Park the running thread in syscall nr; returns PARK for the handler to return. */
  park(nr: number, futex: number, bitset: number, deadline: number, timeoutRes: number, intrRes: number,
    onIntr: (() => void) | null = null): number {
    const t = this.cur;
    t.parked = true; t.result = null; t.nr = nr;
    t.futex = futex; t.bitset = bitset; t.deadline = deadline;
    t.timeoutRes = timeoutRes; t.intrRes = intrRes; t.onIntr = onIntr; t.ready = null;
    return PARK;
  }

  private unpark(t: Thread, res: number): void {
    t.parked = false; t.futex = -1; t.result = res; t.onIntr = null; t.ready = null;
  }

  /** Wake up to n threads waiting on the futex word at addr whose bitset matches. */
  wake(addr: number, n: number, bitset: number): number {
    let woken = 0;
    for (const t of this.list) {
      if (woken >= n) break;
      if (t.parked && !t.dead && t.futex === addr && (t.bitset & bitset) !== 0) { this.unpark(t, 0); woken++; }
    }
    return woken;
  }

  /** Move up to n waiters from addr to addr2. */
  requeue(addr: number, addr2: number, n: number): number {
    let moved = 0;
    for (const t of this.list) {
      if (moved >= n) break;
      if (t.parked && !t.dead && t.futex === addr) { t.futex = addr2; moved++; }
    }
    return moved;
  }

  /** Could a pending signal interrupt thread t (not running)? */
  private signalFor(t: Thread): boolean {
    const blocked = (s: number): boolean => (s <= 32 ? (t.blockedLo & bit(s)) : (t.blockedHi & bit(s))) !== 0;
    if (t === this.cur) return this.p.sig.hasDeliverable();
    for (const q of t.own) if (!blocked(q.signo)) return true;
    for (const q of this.p.sig.pending) if (q.shared && !blocked(q.signo)) return true;
    return false;
  }

  /** End the waits whose deadline passed or that a signal interrupts; is any thread runnable? */
  private settle(now: number): boolean {
    let any = false;
    for (const t of this.list) {
      if (t.dead) continue;
      if (t.parked) {
        if (this.signalFor(t)) { t.onIntr?.(); this.unpark(t, t.intrRes); }
        else if (now >= t.deadline) this.unpark(t, t.timeoutRes);
        else if (t.ready !== null && t.ready()) this.unpark(t, AGAIN);
      }
      if (!t.parked) any = true;
    }
    return any;
  }

  /**
   * Called by the run loop after every stop: switch threads when the running one parked
   * or exited, at slice ends (round-robin) and on sched_yield. A promise when every
   * thread is parked: it waits (on the event loop) for a deadline or a signal.
   */
  schedule(sliceEnd: boolean): Promise<void> | undefined {
    const p = this.p;
    if (p.exited) return undefined;
    const cur = this.cur;
    const must = cur.dead || cur.parked;
    if (!must && !sliceEnd && !this.yieldReq) return undefined;
    this.yieldReq = false;
    if (!this.settle(p.host.now())) return this.waitAny();
    this.switchNext();
    return undefined;
  }

  private switchNext(): void {
    const cur = this.cur;
    const i = this.list.indexOf(cur), n = this.list.length;
    let next: Thread | null = null;
    for (let k = 1; k <= n; k++) {
      const t = this.list[(i + k) % n];
      if (!t.dead && !t.parked) { next = t; break; }
    }
    if (next === null) return;
    if (next !== cur) {
      if (!cur.dead) this.save(cur);
      this.load(next);
    }
    if (cur.dead) this.list.splice(this.list.indexOf(cur), 1);
    if (next.result !== null) {
      const res = next.result;
      next.result = null;
      if (res === AGAIN) {
        const r = this.p.cpu.r;
        r[2 * RAX] = next.nr; r[2 * RAX + 1] = 0;
        this.p.cpu.rip -= 2; // the syscall instruction
      } else this.p.syscallDone(next.nr, res);
    }
  }

  private async waitAny(): Promise<void> {
    const p = this.p;
    for (;;) {
      if (p.exited) return;
      let dl = Infinity;
      for (const t of this.list) if (!t.dead && t.parked && t.deadline < dl) dl = t.deadline;
      // every thread waits on a futex with no timeout and no signal can come: a deadlock,
      // which on Linux hangs; so does this (the event loop keeps running)
      await p.sig.waitUntil(dl, () => this.list.some((t) => !t.dead && t.parked && (this.signalFor(t) || (t.ready !== null && t.ready()))));
      if (this.settle(p.host.now())) { this.switchNext(); return; }
    }
  }

  // ---- signals ----------------------------------------------------------------------------

  /** tgkill/tkill to one thread; undefined when tid is not one of ours. */
  tkill(tid: number, info: SigInfo): number | undefined {
    const t = this.find(tid);
    if (!t) return tid === process.pid ? -ESRCH : undefined;
    if (info.signo === 0) return 0;
    if (t === this.cur) { this.p.sig.send(info, false); return 0; }
    const sig = info.signo;
    if (sig < 1 || sig > 64) return -EINVAL;
    const blocked = (sig <= 32 ? (t.blockedLo & bit(sig)) : (t.blockedHi & bit(sig))) !== 0;
    if (!blocked && this.p.sig.actions[sig].handler === SIG_IGN && sig !== SIGKILL && sig !== SIGSTOP) return 0;
    info.shared = false;
    if (sig < 32 && t.own.some((q) => q.signo === sig)) return 0;
    t.own.push(info);
    this.p.sig.wake?.();
    return 0;
  }

  // ---- syscalls the scheduler takes over while there are threads ---------------------------

  /** sched_yield, nanosleep, clock_nanosleep (relative): undefined to run the usual handler. */
  intercept(nr: number): number | undefined {
    const p = this.p, a = p.args;
    if (nr === 24) { this.yieldReq = true; return 0; }
    if (this.live() <= 1) return undefined;
    if (nr === 0) {
      // a blocking read of an empty in-process pipe: only another thread can fill it,
      // so park until it is readable (or its writers are gone), then read again
      const f = p.fds.get(a.int(0));
      if (!f || !f.pipe || (f.flags & (O_NONBLOCK | 3)) !== 0 || (a.lo[2] === 0 && a.hi[2] === 0)) return undefined;
      if ((f.readiness() & (POLLIN | POLLHUP)) !== 0) return undefined;
      this.park(nr, -1, 0, Infinity, 0, -ERESTARTSYS);
      this.cur.ready = () => (f.readiness() & (POLLIN | POLLHUP)) !== 0;
      return PARK;
    }
    let req: number, rem: number;
    if (nr === 35) { req = a.ptr(0); rem = a.ptr(1); }
    else if (nr === 230) {
      const id = a.int(0);
      if (a.int(1) !== 0 || (id !== 0 && id !== 1 && id !== 7)) return undefined;
      req = a.ptr(2); rem = a.ptr(3);
    } else return undefined;
    if (!p.mem.check(req, 16, 1)) return undefined;
    const sec = p.mem.dv.getUint32(req, true) + p.mem.dv.getInt32(req + 4, true) * 4294967296;
    const nsec = p.mem.dv.getUint32(req + 8, true) + p.mem.dv.getInt32(req + 12, true) * 4294967296;
    if (sec < 0 || nsec < 0 || nsec >= 1e9) return undefined;
    const deadline = p.host.now() + sec * 1000 + nsec / 1e6;
    return this.park(nr, -1, 0, deadline, 0, -EINTR, () => {
      if (rem === 0 || !p.mem.check(rem, 16, P_W)) return;
      const left = Math.max(deadline - p.host.now(), 0);
      const s = Math.floor(left / 1000), ns = Math.floor((left - s * 1000) * 1e6);
      p.mem.noteWrite(rem, 16);
      p.mem.dv.setUint32(rem, s, true); p.mem.dv.setUint32(rem + 4, 0, true);
      p.mem.dv.setUint32(rem + 8, ns, true); p.mem.dv.setUint32(rem + 12, 0, true);
    });
  }
}

