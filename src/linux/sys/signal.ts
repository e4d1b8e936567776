// Signal syscalls: rt_sigaction, rt_sigprocmask, rt_sigreturn, rt_sigpending,
// rt_sigsuspend, pause, rt_sigtimedwait, rt_sigqueueinfo, rt_tgsigqueueinfo,
// sigaltstack, kill, tkill, tgkill, restart_syscall; timers: alarm, getitimer,
// setitimer, timer_create, timer_settime, timer_gettime, timer_getoverrun, timer_delete.
// The machinery (delivery, frames, timers, waiting) is in ../signals.ts.

import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { EFAULT, EINVAL, EPERM, ESRCH, EAGAIN, EINTR, EOPNOTSUPP, errnoFromNode } from '../errno.js';
import { P_R, P_W } from '../../mem/memory.js';
import {
  NSIG, SIG_DFL, SIG_IGN, SIGKILL, SIGSTOP, SIGALRM, SA_KNOWN, UNBLOCKABLE, SI_USER, SI_TKILL,
  SIGCHLD, SIGURG, SIGWINCH, SIGCONT, ERESTARTNOHAND, SignalState, PosixTimer,
} from '../signals.js';
import { clockNow } from './time.js';

const hostUid = typeof process.getuid === 'function' ? process.getuid() : 0;

const get32 = (p: Process, a: number): number => p.mem.dv.getUint32(a, true);
/** a u64 at a as a number (exact below 2^53) */
const getNum = (p: Process, a: number): number => p.mem.dv.getUint32(a, true) + p.mem.dv.getUint32(a + 4, true) * 4294967296;
/** a signed 64-bit value at a (exact for |v| below 2^53) */
const getS64 = (p: Process, a: number): number => p.mem.dv.getUint32(a, true) + p.mem.dv.getInt32(a + 4, true) * 4294967296;
function putNum(p: Process, a: number, n: number): void {
  p.mem.dv.setUint32(a, n >>> 0, true);
  p.mem.dv.setUint32(a + 4, Math.floor(n / 4294967296) >>> 0, true);
}

const sigBit = (sig: number): number => 1 << ((sig - 1) & 31);
const validSig = (sig: number): boolean => sig >= 0 && sig <= NSIG;

// ---- dispositions and masks ------------------------------------------------------------

defineSyscall(13, 'rt_sigaction', 'd,p,p,u', (p, a) => {
  const sig = a.int(0), act = a.ptr(1), oact = a.ptr(2);
  if (a.u64(3) !== 8) return -EINVAL;
  if (sig < 1 || sig > NSIG || (act !== 0 && (sig === SIGKILL || sig === SIGSTOP))) return -EINVAL;
  const s = p.sig, cur = s.actions[sig];
  let next = null;
  if (act !== 0) {
    if (!p.mem.check(act, 32, P_R)) return -EFAULT;
    next = {
      handler: getNum(p, act),
      flags: (get32(p, act + 8) & SA_KNOWN) >>> 0,
      restorer: getNum(p, act + 16),
      maskLo: (get32(p, act + 24) & ~UNBLOCKABLE) >>> 0,
      maskHi: get32(p, act + 28),
    };
  }
  const old = { ...cur };
  if (next) {
    Object.assign(cur, next);
    // a signal that is now ignored is discarded, even if pending and blocked
    const h = cur.handler;
    if (h === SIG_IGN || (h === SIG_DFL && (sig === SIGCHLD || sig === SIGURG || sig === SIGWINCH || sig === SIGCONT))) {
      s.pending = s.pending.filter((q) => q.signo !== sig);
    }
    s.updateHost();
  }
  if (oact !== 0) {
    if (!p.mem.check(oact, 32, P_W)) return -EFAULT;
    p.mem.noteWrite(oact, 32);
    putNum(p, oact, old.handler);
    putNum(p, oact + 8, old.flags);
    putNum(p, oact + 16, old.restorer);
    p.mem.dv.setUint32(oact + 24, old.maskLo, true);
    p.mem.dv.setUint32(oact + 28, old.maskHi, true);
  }
  return 0;
});

const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
defineSyscall(14, 'rt_sigprocmask', 'd,p,p,u', (p, a) => {
  const how = a.int(0), set = a.ptr(1), oset = a.ptr(2);
  if (a.u64(3) !== 8) return -EINVAL;
  const s = p.sig, oldLo = s.blockedLo, oldHi = s.blockedHi;
  if (set !== 0) {
    if (!p.mem.check(set, 8, P_R)) return -EFAULT;
    const lo = get32(p, set) & ~UNBLOCKABLE, hi = get32(p, set + 4);
    switch (how) {
      case SIG_BLOCK: s.setBlocked(oldLo | lo, oldHi | hi); break;
      case SIG_UNBLOCK: s.setBlocked(oldLo & ~lo, oldHi & ~hi); break;
      case SIG_SETMASK: s.setBlocked(lo, hi); break;
      default: return -EINVAL;
    }
  }
  if (oset !== 0) {
    if (!p.mem.check(oset, 8, P_W)) return -EFAULT;
    p.mem.noteWrite(oset, 8);
    p.mem.dv.setUint32(oset, oldLo, true);
    p.mem.dv.setUint32(oset + 4, oldHi, true);
  }
  return 0;
});

defineSyscall(15, 'rt_sigreturn', '', (p) => p.sig.sigreturn());

defineSyscall(127, 'rt_sigpending', 'p,u', (p, a) => {
  const ptr = a.ptr(0), size = a.u64(1);
  if (size > 8) return -EINVAL;
  const s = p.sig;
  let lo = 0, hi = 0;
  for (const q of s.pending) { if (q.signo <= 32) lo |= sigBit(q.signo); else hi |= sigBit(q.signo); }
  const bytes = new Uint8Array(8);
  const dv = new DataView(bytes.buffer);
  dv.setUint32(0, (lo & s.blockedLo) >>> 0, true);
  dv.setUint32(4, (hi & s.blockedHi) >>> 0, true);
  return p.mem.writeBytes(ptr, bytes.subarray(0, size)) ? 0 : -EFAULT;
});

defineSyscall(130, 'rt_sigsuspend', 'p,u', async (p, a) => {
  const ptr = a.ptr(0);
  if (a.u64(1) !== 8) return -EINVAL;
  if (!p.mem.check(ptr, 8, P_R)) return -EFAULT;
  const s = p.sig;
  s.savedLo = s.blockedLo; s.savedHi = s.blockedHi;
  s.setBlocked(get32(p, ptr), get32(p, ptr + 4));
  await s.waitUntil(Infinity, () => s.hasDeliverable());
  s.restoreMask = true;
  return -ERESTARTNOHAND;
});

defineSyscall(34, 'pause', '', async (p) => {
  await p.sig.waitUntil(Infinity, () => p.sig.hasDeliverable());
  return -ERESTARTNOHAND;
});

/** A struct timespec as ms; null on a fault, NaN if invalid. */
function readTimespec(p: Process, ptr: number): number | null {
  if (!p.mem.check(ptr, 16, P_R)) return null;
  const sec = getS64(p, ptr), ns = getS64(p, ptr + 8);
  if (sec < 0 || ns < 0 || ns >= 1e9) return NaN;
  return sec * 1000 + ns / 1e6;
}

defineSyscall(128, 'rt_sigtimedwait', 'p,p,p,u', async (p, a) => {
  const setPtr = a.ptr(0), infoPtr = a.ptr(1), tsPtr = a.ptr(2);
  if (a.u64(3) !== 8) return -EINVAL;
  if (!p.mem.check(setPtr, 8, P_R)) return -EFAULT;
  const lo = (get32(p, setPtr) & ~UNBLOCKABLE) >>> 0, hi = get32(p, setPtr + 4);
  let timeout = Infinity;
  if (tsPtr !== 0) {
    const ms = readTimespec(p, tsPtr);
    if (ms === null) return -EFAULT;
    if (Number.isNaN(ms)) return -EINVAL;
    timeout = ms;
  }
  const s = p.sig;
  let info = s.dequeue(~lo, ~hi);
  let interrupted = false;
  if (!info && timeout > 0) {
    // the awaited signals are unblocked while waiting (but never ignored or fatal)
    s.realBlockedLo = s.blockedLo; s.realBlockedHi = s.blockedHi;
    const bLo = s.blockedLo, bHi = s.blockedHi;
    s.blockedLo = (bLo & ~lo) >>> 0; s.blockedHi = (bHi & ~hi) >>> 0;
    try {
      interrupted = await s.waitUntil(p.host.now() + timeout, () => s.pendingIn(lo, hi) || s.hasDeliverable());
    } finally {
      s.blockedLo = bLo; s.blockedHi = bHi;
      s.realBlockedLo = 0; s.realBlockedHi = 0;
    }
    info = s.dequeue(~lo, ~hi);
  }
  if (info) {
    if (infoPtr !== 0) {
      if (!p.mem.check(infoPtr, 128, P_W)) return -EFAULT;
      s.writeSiginfo(infoPtr, info);
    }
    return info.signo;
  }
  return interrupted ? -EINTR : -EAGAIN;
});

// ---- sending ----------------------------------------------------------------------------

/** Is pid this process (or its process group, which x64vm reports as its own pid)? */
const isSelf = (pid: number): boolean => pid === process.pid;

/** Send to a real host process (kill(2) semantics, including process groups). */
function hostKill(pid: number, sig: number): number {
  try {
    process.kill(pid, sig);
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return -ESRCH;
    if (code === 'EPERM') return -EPERM;
    if (code === 'EINVAL' || code === 'ERR_UNKNOWN_SIGNAL') return -EINVAL;
    return -errnoFromNode(e);
  }
}

defineSyscall(62, 'kill', 'd,d', (p, a) => {
  const pid = a.int(0), sig = a.int(1);
  if (!validSig(sig)) return -EINVAL;
  if (pid === -2147483648) return -ESRCH;
  // -1 means every process but init and the caller: the caller is not signalled (Linux)
  // and x64vm does not signal the rest of the user's processes on the guest's behalf
  if (pid === -1) return 0;
  if (pid === 0 || isSelf(pid) || isSelf(-pid)) {
    if (sig !== 0) p.sig.send({ signo: sig, code: SI_USER, pid: process.pid, uid: hostUid });
    return 0;
  }
  return hostKill(pid, sig);
});

function tkill(p: Process, tgid: number, tid: number, sig: number): number {
  if (!validSig(sig)) return -EINVAL;
  if (tid <= 0 || tgid === 0 || tgid < -1) return -EINVAL;
  if (p.threads !== null && (tgid === -1 || isSelf(tgid))) {
    const r = p.threads.tkill(tid, { signo: sig, code: SI_TKILL, pid: process.pid, uid: hostUid });
    if (r !== undefined) return r;
  }
  if (!isSelf(tid) || (tgid !== -1 && !isSelf(tgid))) return -ESRCH;
  if (sig !== 0) p.sig.send({ signo: sig, code: SI_TKILL, pid: process.pid, uid: hostUid }, false);
  return 0;
}
defineSyscall(200, 'tkill', 'd,d', (p, a) => tkill(p, -1, a.int(0), a.int(1)));
defineSyscall(234, 'tgkill', 'd,d,d', (p, a) => (a.int(0) <= 0 ? -EINVAL : tkill(p, a.int(0), a.int(1), a.int(2))));

/** The siginfo a process queues for itself: the kernel keeps its first 48 bytes. */
function userSiginfo(p: Process, ptr: number): Uint8Array | null {
  if (!p.mem.check(ptr, 128, P_R)) return null;
  const raw = new Uint8Array(128);
  raw.set(p.mem.u8.subarray(ptr, ptr + 48));
  return raw;
}
function queueInfo(p: Process, tgid: number, tid: number, sig: number, ptr: number, thread: boolean): number {
  const raw = userSiginfo(p, ptr);
  if (!raw) return -EFAULT;
  if (!validSig(sig)) return -EINVAL;
  const code = new DataView(raw.buffer).getInt32(8, true);
  if (!isSelf(tgid) || (thread && !isSelf(tid))) return (code >= 0 || code === SI_TKILL) ? -EPERM : -ESRCH;
  if (sig !== 0) p.sig.send({ signo: sig, code, raw }, !thread);
  return 0;
}
defineSyscall(129, 'rt_sigqueueinfo', 'd,d,p', (p, a) => queueInfo(p, a.int(0), 0, a.int(1), a.ptr(2), false));
defineSyscall(297, 'rt_tgsigqueueinfo', 'd,d,d,p', (p, a) => {
  if (a.int(0) <= 0 || a.int(1) <= 0) return -EINVAL;
  return queueInfo(p, a.int(0), a.int(1), a.int(2), a.ptr(3), true);
});

// ---- the alternate stack -------------------------------------------------------------------

defineSyscall(131, 'sigaltstack', 'p,p', (p, a) => {
  const uss = a.ptr(0), uoss = a.ptr(1), s = p.sig;
  const sp = p.cpu.r[9] * 4294967296 + p.cpu.r[8];
  let nsp = 0, nflags = 0, nsize = 0;
  if (uss !== 0) {
    if (!p.mem.check(uss, 24, P_R)) return -EFAULT;
    nsp = getNum(p, uss); nflags = get32(p, uss + 8); nsize = getNum(p, uss + 16);
  }
  const oSp = s.ssSp, oSize = s.ssSize, oFlags = (s.ssFlagsAt(sp) | (s.ssFlags & 0x80000000)) >>> 0;
  if (uss !== 0) {
    const err = s.setAltStack(sp, nsp, nflags, nsize);
    if (err) return err;
  }
  if (uoss !== 0) {
    if (!p.mem.check(uoss, 24, P_W)) return -EFAULT;
    p.mem.noteWrite(uoss, 24);
    putNum(p, uoss, oSp);
    p.mem.dv.setUint32(uoss + 8, oFlags, true);
    p.mem.dv.setUint32(uoss + 12, 0, true);
    putNum(p, uoss + 16, oSize);
  }
  return 0;
});

defineSyscall(219, 'restart_syscall', '', (p) => {
  const fn = p.sig.restartFn;
  p.sig.restartFn = null;
  return fn ? fn() : -EINTR;
});

// ---- interval timers -----------------------------------------------------------------------

function putTimeval(p: Process, a: number, ms: number): void {
  const us = Math.floor(ms * 1000 + 1e-6);
  putNum(p, a, Math.floor(us / 1e6));
  putNum(p, a + 8, us % 1e6);
}

defineSyscall(37, 'alarm', 'u', (p, a) => {
  const secs = a.u32(0), s = p.sig, now = p.host.now();
  const [left] = s.itimerLeft(0, now);
  s.setItimer(0, secs * 1000, 0, now);
  // never report 0 for an alarm still pending; round half-seconds up
  let oldSec = Math.floor(left / 1000);
  const frac = left - oldSec * 1000;
  if ((oldSec === 0 && frac > 0) || frac >= 500) oldSec++;
  return oldSec;
});

defineSyscall(36, 'getitimer', 'd,p', (p, a) => {
  const which = a.int(0), ptr = a.ptr(1);
  if (which < 0 || which > 2) return -EINVAL;
  if (!p.mem.check(ptr, 32, P_W)) return -EFAULT;
  const [left, interval] = p.sig.itimerLeft(which, p.host.now());
  p.mem.noteWrite(ptr, 32);
  putTimeval(p, ptr, interval);
  putTimeval(p, ptr + 16, left);
  return 0;
});

defineSyscall(38, 'setitimer', 'd,p,p', (p, a) => {
  const which = a.int(0), nv = a.ptr(1), ov = a.ptr(2);
  if (which < 0 || which > 2) return -EINVAL;
  let value = 0, interval = 0;
  if (nv !== 0) {
    if (!p.mem.check(nv, 32, P_R)) return -EFAULT;
    const isec = getS64(p, nv), iusec = getS64(p, nv + 8), vsec = getS64(p, nv + 16), vusec = getS64(p, nv + 24);
    if (isec < 0 || iusec < 0 || iusec >= 1e6 || vsec < 0 || vusec < 0 || vusec >= 1e6) return -EINVAL;
    interval = isec * 1000 + iusec / 1000;
    value = vsec * 1000 + vusec / 1000;
  }
  const now = p.host.now();
  const [left, oldInterval] = p.sig.itimerLeft(which, now);
  p.sig.setItimer(which, value, interval, now);
  if (ov !== 0) {
    if (!p.mem.check(ov, 32, P_W)) return -EFAULT;
    p.mem.noteWrite(ov, 32);
    putTimeval(p, ov, oldInterval);
    putTimeval(p, ov + 16, left);
  }
  return 0;
});

// ---- POSIX timers --------------------------------------------------------------------------

const SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD_ID = 4;
const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_BOOTTIME = 7, CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;
const TIMER_ABSTIME = 1;
let nextTimerId = 0;

defineSyscall(222, 'timer_create', 'd,p,p', (p, a) => {
  const clock = a.int(0), sev = a.ptr(1), idPtr = a.ptr(2);
  switch (clock) {
    case CLOCK_REALTIME: case CLOCK_MONOTONIC: case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID:
    case CLOCK_BOOTTIME: case CLOCK_TAI: break;
    case CLOCK_REALTIME_ALARM: case CLOCK_BOOTTIME_ALARM: return -EPERM;
    case 4: case 5: case 6: return -EOPNOTSUPP;
    default: return -EINVAL;
  }
  const s = p.sig;
  const id = nextTimerId;
  const t: PosixTimer = {
    id, clock, notify: SIGEV_SIGNAL, signo: SIGALRM, valueLo: id, valueHi: 0, deadline: 0, interval: 0,
    cpu: clock === CLOCK_PROCESS_CPUTIME_ID || clock === CLOCK_THREAD_CPUTIME_ID, overrun: 0, lastOverrun: 0, queued: null,
  };
  if (sev !== 0) {
    if (!p.mem.check(sev, 20, P_R)) return -EFAULT;
    t.valueLo = get32(p, sev); t.valueHi = get32(p, sev + 4);
    t.signo = get32(p, sev + 8) | 0;
    t.notify = get32(p, sev + 12) | 0;
    const tid = get32(p, sev + 16) | 0;
    if (t.notify === SIGEV_THREAD_ID) {
      if (!isSelf(tid)) return -EINVAL;
      t.notify = SIGEV_SIGNAL;
    } else if (t.notify !== SIGEV_SIGNAL && t.notify !== SIGEV_NONE) return -EINVAL;
    if (t.notify !== SIGEV_NONE && (t.signo < 1 || t.signo > NSIG)) return -EINVAL;
  }
  if (!p.mem.check(idPtr, 4, P_W)) return -EFAULT;
  p.mem.noteWrite(idPtr, 4);
  p.mem.dv.setInt32(idPtr, id, true);
  nextTimerId = (nextTimerId + 1) & 0x7fffffff;
  s.timers.set(id, t);
  return 0;
});

/** The timer's clock now, in ms (its own epoch). */
function timerClockNow(p: Process, t: PosixTimer): number {
  if (t.cpu) return p.sig.vtime;
  const c = clockNow(t.clock === CLOCK_TAI ? CLOCK_REALTIME : t.clock)!;
  return c[0] * 1000 + c[1] / 1e6;
}

/** Remaining ms and interval of a POSIX timer. */
function timerLeft(p: Process, t: PosixTimer): [number, number] {
  if (!t.deadline) return [0, t.interval];
  const now = t.cpu ? p.sig.vtime : p.host.now();
  return [Math.max(t.deadline - now, 0.000001), t.interval];
}

function putItimerspec(p: Process, a: number, left: number, interval: number): void {
  p.mem.noteWrite(a, 32);
  const put = (o: number, ms: number): void => {
    const ns = Math.round(ms * 1e6);
    putNum(p, a + o, Math.floor(ns / 1e9));
    putNum(p, a + o + 8, ns % 1e9);
  };
  put(0, interval);
  put(16, left);
}

defineSyscall(223, 'timer_settime', 'd,d,p,p', (p, a) => {
  const t = p.sig.timers.get(a.int(0));
  const flags = a.int(1), nv = a.ptr(2), ov = a.ptr(3);
  if (nv === 0) return -EINVAL;
  if (!p.mem.check(nv, 32, P_R)) return -EFAULT;
  const interval = readTimespec(p, nv), value = readTimespec(p, nv + 16);
  if (!t) return -EINVAL;
  if (interval === null || value === null) return -EFAULT;
  if (Number.isNaN(interval) || Number.isNaN(value)) return -EINVAL;
  const [left, oldInterval] = timerLeft(p, t);
  const hostNow = p.host.now();
  const base = t.cpu ? p.sig.vtime : hostNow;
  if (value === 0) { t.deadline = 0; t.interval = 0; }
  else {
    const rel = flags & TIMER_ABSTIME ? value - timerClockNow(p, t) : value;
    // an absolute time already past fires at once
    t.deadline = base + Math.max(rel, 0.000001);
    t.interval = interval;
  }
  t.overrun = 0;
  p.sig.rearm();
  p.sig.tick(hostNow);
  if (ov !== 0) {
    if (!p.mem.check(ov, 32, P_W)) return -EFAULT;
    putItimerspec(p, ov, left, oldInterval);
  }
  return 0;
});

defineSyscall(224, 'timer_gettime', 'd,p', (p, a) => {
  const t = p.sig.timers.get(a.int(0)), ptr = a.ptr(1);
  if (!t) return -EINVAL;
  if (!p.mem.check(ptr, 32, P_W)) return -EFAULT;
  const [left, interval] = timerLeft(p, t);
  putItimerspec(p, ptr, left, interval);
  return 0;
});

defineSyscall(225, 'timer_getoverrun', 'd', (p, a) => {
  const t = p.sig.timers.get(a.int(0));
  return t ? Math.min(t.lastOverrun, 0x7fffffff) : -EINVAL;
});

defineSyscall(226, 'timer_delete', 'd', (p, a) => {
  const s: SignalState = p.sig;
  const t = s.timers.get(a.int(0));
  if (!t) return -EINVAL;
  s.timers.delete(t.id);
  s.rearm();
  return 0;
});
