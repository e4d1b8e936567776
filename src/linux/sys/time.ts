// Time: clock_gettime, clock_getres, gettimeofday, time, nanosleep, clock_nanosleep.

import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { EFAULT, EINVAL } from '../errno.js';
import { P_R, P_W } from '../../mem/memory.js';
import { sleepMs } from '../host.js';

const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7;

/** Current time of a clock as [seconds, nanoseconds], or null for an unknown clock. */
export function clockNow(id: number): [number, number] | null {
  let ns: bigint;
  switch (id) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case 8: case 11: {
      const ms = Date.now();
      // Date.now has millisecond resolution; add the sub-millisecond part of the monotonic clock
      const sub = Number(process.hrtime.bigint() % 1000000n);
      return [Math.floor(ms / 1000), (ms % 1000) * 1000000 + sub];
    }
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: case 9:
      ns = process.hrtime.bigint(); break;
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID: {
      const u = process.cpuUsage();
      const us = u.user + u.system;
      return [Math.floor(us / 1e6), (us % 1e6) * 1000];
    }
    default: return null;
  }
  return [Number(ns / 1000000000n), Number(ns % 1000000000n)];
}

function putTimespec(p: Process, ptr: number, s: number, ns: number): boolean {
  if (!p.mem.check(ptr, 16, P_W)) return false;
  const dv = p.mem.dv;
  dv.setUint32(ptr, s >>> 0, true); dv.setUint32(ptr + 4, Math.floor(s / 4294967296), true);
  dv.setUint32(ptr + 8, ns, true); dv.setUint32(ptr + 12, 0, true);
  return true;
}

/** Read a struct timespec as milliseconds, or null on a fault, or NaN if invalid. */
export function readTimespecMs(p: Process, ptr: number): number | null {
  if (!p.mem.check(ptr, 16, P_R)) return null;
  const dv = p.mem.dv;
  const s = dv.getUint32(ptr, true) + dv.getInt32(ptr + 4, true) * 4294967296;
  const ns = dv.getUint32(ptr + 8, true) + dv.getInt32(ptr + 12, true) * 4294967296;
  if (s < 0 || ns < 0 || ns >= 1e9) return NaN;
  return s * 1000 + ns / 1e6;
}

defineSyscall(228, 'clock_gettime', 'd,p', (p, a) => {
  const t = clockNow(a.int(0));
  if (!t) return -EINVAL;
  return putTimespec(p, a.ptr(1), t[0], t[1]) ? 0 : -EFAULT;
});
defineSyscall(229, 'clock_getres', 'd,p', (p, a) => {
  const id = a.int(0);
  if (!clockNow(id)) return -EINVAL;
  const ptr = a.ptr(1);
  if (ptr === 0) return 0;
  const coarse = id === CLOCK_REALTIME_COARSE || id === CLOCK_MONOTONIC_COARSE;
  return putTimespec(p, ptr, 0, coarse ? 4000000 : 1) ? 0 : -EFAULT;
});
defineSyscall(96, 'gettimeofday', 'p,p', (p, a) => {
  const tv = a.ptr(0), tz = a.ptr(1);
  if (tv !== 0) {
    const [s, ns] = clockNow(CLOCK_REALTIME)!;
    if (!putTimespec(p, tv, s, Math.floor(ns / 1000))) return -EFAULT;
  }
  if (tz !== 0) {
    if (!p.mem.check(tz, 8, P_W)) return -EFAULT;
    p.mem.dv.setUint32(tz, 0, true); p.mem.dv.setUint32(tz + 4, 0, true);
  }
  return 0;
});
defineSyscall(201, 'time', 'p', (p, a) => {
  const s = Math.floor(Date.now() / 1000);
  const ptr = a.ptr(0);
  if (ptr !== 0) {
    if (!p.mem.check(ptr, 8, P_W)) return -EFAULT;
    p.mem.dv.setUint32(ptr, s >>> 0, true); p.mem.dv.setUint32(ptr + 4, 0, true);
  }
  return s;
});

/**
 * Sleep ms milliseconds, blocking the thread, waking early for a deliverable signal
 * (timers fire meanwhile; host signals are only seen by the async form). Returns the
 * ms left (0 if the sleep completed).
 */
export function interruptibleSleep(p: Process, ms: number): number {
  const end = p.host.now() + ms;
  for (;;) {
    const now = p.host.now();
    const left = end - now;
    p.sig.tick(now);
    if (p.sig.hasDeliverable()) return Math.max(left, 0.001);
    if (left <= 0) return 0;
    sleepMs(Math.min(left, 2));
  }
}

/**
 * The same through the event loop, so host signals (SIGINT, ...) wake it too:
 * resolves to the ms left (0 if the sleep completed).
 */
export function interruptibleSleepAsync(p: Process, ms: number): Promise<number> {
  return p.sig.sleepUntil(p.host.now() + ms);
}

const ERESTARTNOHAND = 514, ERESTART_RESTARTBLOCK = 516;

function putRemaining(p: Process, rem: number, left: number): void {
  if (rem !== 0) putTimespec(p, rem, Math.floor(left / 1000), Math.floor((left % 1000) * 1e6));
}

/**
 * A relative sleep until deadline (host ms). Interrupted, it stores the time left and
 * returns -ERESTART_RESTARTBLOCK: a handler turns that into EINTR, while a signal
 * without one makes restart_syscall sleep the rest (as Linux's restart block does).
 */
async function sleepRelative(p: Process, deadline: number, rem: number): Promise<number> {
  const left = await p.sig.sleepUntil(deadline);
  if (left <= 0) return 0;
  putRemaining(p, rem, left);
  p.sig.restartFn = () => sleepRelative(p, deadline, rem);
  return -ERESTART_RESTARTBLOCK;
}

defineSyscall(35, 'nanosleep', 'p,p', (p, a) => {
  const ms = readTimespecMs(p, a.ptr(0));
  if (ms === null) return -EFAULT;
  if (Number.isNaN(ms)) return -EINVAL;
  return sleepRelative(p, p.host.now() + ms, a.ptr(1));
});
defineSyscall(230, 'clock_nanosleep', 'd,d,p,p', (p, a) => {
  const id = a.int(0), flags = a.int(1);
  const t = clockNow(id);
  if (!t || id === CLOCK_THREAD_CPUTIME_ID) return -EINVAL;
  const ms = readTimespecMs(p, a.ptr(2));
  if (ms === null) return -EFAULT;
  if (Number.isNaN(ms)) return -EINVAL;
  if (flags & 1) {
    // TIMER_ABSTIME: the deadline stays the same when restarted, and nothing is reported back
    const deadline = p.host.now() + ms - (t[0] * 1000 + t[1] / 1e6);
    return p.sig.sleepUntil(deadline).then((left) => (left > 0 ? -ERESTARTNOHAND : 0));
  }
  return sleepRelative(p, p.host.now() + ms, a.ptr(3));
});
