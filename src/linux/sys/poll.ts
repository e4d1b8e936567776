// poll, ppoll, select, pselect6, and epoll.
//
// Readiness comes from the file itself where x64vm knows it: in-process pipes
// (OpenFile.readiness()), regular files, directories, memfds and devices without a
// poll method (/dev/null and friends: always ready, as Linux's DEFAULT_POLLMASK).
// Host pipes, terminals and sockets are asked of the host kernel through
// hostpoll.ts, without reading anything from them.
//
// Waiting: with nothing but in-process files nothing can change until a signal
// arrives (one thread), so the wait is SignalState.waitUntil, woken by timers and
// host signals. With host fds the wait blocks in the host's epoll for at most
// SLICE ms at a time (returning at once when an fd becomes ready), then lets the
// event loop run (host signals, children's exits) and fires timers: a signal ends
// the wait within a few ms.
//
// Signals: Linux returns -ERESTARTNOHAND (select, pselect6, ppoll) or
// -ERESTART_RESTARTBLOCK (poll, restarted with its old deadline) when a signal
// interrupts: EINTR if a handler runs, a transparent restart if none does. Never
// SA_RESTART. ppoll and pselect6 install their mask for the wait; a handler runs
// with it and sigreturn restores the old one (as rt_sigsuspend does).

import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import {
  OpenFile, O_PATH, O_ACCMODE, FD_LIMIT, POLLIN, POLLOUT, POLLERR, POLLHUP, POLLRDNORM, POLLWRNORM,
} from '../fdtable.js';
import { canRead, canWrite, isTty } from './io.js';
import { hostProbe, restoreBlocking, openTwin, H_IN, H_OUT, H_HUP, H_ERR, H_UNSUPPORTED } from '../hostpoll.js';
import { EFAULT, EINVAL, EBADF } from '../errno.js';
import { ERESTARTNOHAND, ERESTART_RESTARTBLOCK } from '../signals.js';
import { P_R, P_W } from '../../mem/memory.js';
import { wakeups, countWakeups } from '../pollwake.js';

export const POLLPRI = 0x2, POLLNVAL = 0x20, POLLRDBAND = 0x80, POLLWRBAND = 0x200, POLLRDHUP = 0x2000;
/** what a file without a poll method reports */
export const DEFAULT_POLLMASK = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
const IN_BITS = POLLIN | POLLRDNORM | POLLRDBAND | POLLPRI | POLLRDHUP;
const OUT_BITS = POLLOUT | POLLWRNORM | POLLWRBAND;
// select's classes (fs/select.c)
const POLLIN_SET = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
const POLLOUT_SET = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
const POLLEX_SET = POLLPRI;

/** The longest a wait on host fds blocks in one go before it looks at signals and timers (ms). */
const SLICE = 5;

/** One open file a poll or select watches. */
export interface Watch {
  f: OpenFile;
  /** which directions to ask the host about */
  wantIn: boolean;
  wantOut: boolean;
  /** readiness now (POLL* bits) */
  mask: number;
  /** only the host can tell (a host pipe, terminal or socket) */
  host: boolean;
}

/** Readiness x64vm knows by itself, or -1 when the host must be asked. */
export function localReadiness(f: OpenFile): number {
  const ep = f.kind === 'special' ? epollOf(f) : undefined;
  if (ep) return epollReadiness(ep);
  const r = f.readiness();
  if (r >= 0) return r;
  if (f.hostFd < 0) return DEFAULT_POLLMASK;
  if (f.kind === 'fifo' || f.kind === 'sock') return -1;
  if (f.kind === 'chr' && isTty(f)) return -1;
  return DEFAULT_POLLMASK;
}

export function makeWatch(f: OpenFile, wantIn: boolean, wantOut: boolean): Watch {
  // select finds an O_PATH descriptor always ready (it has no poll method); poll reports POLLNVAL before this
  if (f.flags & O_PATH) return { f, wantIn, wantOut, mask: DEFAULT_POLLMASK, host: false };
  const r = localReadiness(f);
  return { f, wantIn, wantOut, mask: r < 0 ? 0 : r, host: r < 0 };
}

/** The host fd to probe for f: its non-blocking twin when it has (or can get) one. */
function probeFd(f: OpenFile): number {
  if (f.nbTwin === -1 && (f.kind === 'fifo' || f.kind === 'chr')) {
    // the twin has f's access mode, so io.ts may read and write through it too
    const t = openTwin(f.hostFd, f.flags & O_ACCMODE);
    f.nbTwin = t >= 0 ? t : -2;
  }
  return f.nbTwin >= 0 ? f.nbTwin : f.hostFd;
}

/** Ask the host about a watched file, blocking at most ms. Sets w.mask. */
function probe(w: Watch, ms: number): void {
  const f = w.f;
  const rd = canRead(f) && (w.wantIn || !w.wantOut || !canWrite(f));
  const wr = canWrite(f) && (w.wantOut || !canRead(f));
  let fd = probeFd(f);
  let mask = 0;
  for (const write of [false, true]) {
    if (write ? !wr : !rd) continue;
    let r = hostProbe(fd, write, rd && wr ? 1 : ms);
    if (r === H_UNSUPPORTED && fd !== f.hostFd) {
      // a twin opened for the other direction only (io.ts opens read twins)
      fd = f.hostFd;
      r = hostProbe(fd, write, 1);
    }
    if (fd === f.hostFd && !f.hostNonblock) restoreBlocking(fd, f.hostAppend);
    if (r === H_UNSUPPORTED) { mask |= DEFAULT_POLLMASK; continue; }
    if (r & H_ERR) mask |= POLLERR | (write ? POLLOUT | POLLWRNORM : 0);
    else if (write) mask |= r & H_OUT ? POLLOUT | POLLWRNORM : 0;
    else if (r & H_HUP) {
      // nothing left and nobody to write: a pipe hangs up; a socket reads EOF, and its
      // peer is taken to be closed (the host does not tell that from a shutdown of
      // the peer's writing, which Linux reports without POLLHUP)
      mask |= f.kind === 'fifo' ? POLLHUP : f.kind === 'sock' ? POLLIN | POLLRDNORM | POLLRDHUP | POLLHUP : POLLIN | POLLRDNORM | POLLHUP;
    } else if (r & H_IN) mask |= POLLIN | POLLRDNORM;
  }
  w.mask = mask;
}

/**
 * Wait until count() (the number of ready events, from the watches' masks) is
 * positive, the deadline passes (host ms; -Infinity: do not wait) or a signal is
 * deliverable. Returns the count, 0 (timed out) or -1 (a signal). Synchronous when
 * it does not have to wait.
 */
export function waitReady(p: Process, watches: Watch[], deadline: number, count: () => number): number | Promise<number> {
  const hosted = watches.filter((w) => w.host);
  const sig = p.sig;
  const round = (): number | null => {
    const now = p.host.now();
    sig.tick(now);
    const timedOut = now >= deadline;
    if (hosted.length) {
      for (const w of hosted) w.mask = 0;
      // block in the host only while nothing else could end the wait
      const quick = timedOut || hosted.length > 1 || sig.hasDeliverable() || count() > 0;
      const window = quick ? 1 : Math.min(SLICE, deadline - now);
      for (const w of hosted) probe(w, window);
    }
    const n = count();
    if (n > 0) return n;
    if (sig.hasDeliverable()) return -1;
    if (timedOut || p.exited) return 0;
    return null;
  };
  const first = round();
  if (first !== null) return first;
  return (async (): Promise<number> => {
    for (;;) {
      if (hosted.length) await p.host.yieldToEvents();
      else await sig.waitUntil(deadline, () => sig.hasDeliverable());
      const r = round();
      if (r !== null) return r;
    }
  })();
}

// ---- time and masks ------------------------------------------------------------------------

const s64 = (p: Process, a: number): number => p.mem.dv.getUint32(a, true) + p.mem.dv.getInt32(a + 4, true) * 4294967296;

/** A timeout: the host-time deadline, and whether it was zero (no write-back then). */
interface Timeout { deadline: number; zero: boolean }
const FOREVER: Timeout = { deadline: Infinity, zero: false };

/** poll_select_set_timeout: seconds and nanoseconds to a deadline, or null if invalid. */
function timeoutFrom(p: Process, sec: number, nsec: number): Timeout | null {
  if (sec < 0 || nsec < 0 || nsec >= 1e9) return null;
  if (sec === 0 && nsec === 0) return { deadline: -Infinity, zero: true };
  return { deadline: p.host.now() + sec * 1000 + nsec / 1e6, zero: false };
}

/** Write the time left (Linux updates select's and ppoll's timeout). False if it cannot be written. */
function putRemaining(p: Process, ptr: number, t: Timeout, timeval: boolean): boolean {
  if (!p.mem.check(ptr, 16, P_W)) return false;
  const left = Math.max(0, t.deadline - p.host.now());
  let sec = Math.floor(left / 1000), nsec = Math.floor((left - sec * 1000) * 1e6);
  if (nsec >= 1e9) { sec++; nsec -= 1e9; }
  const dv = p.mem.dv;
  p.mem.noteWrite(ptr, 16);
  dv.setUint32(ptr, sec >>> 0, true); dv.setUint32(ptr + 4, Math.floor(sec / 4294967296), true);
  dv.setUint32(ptr + 8, timeval ? Math.floor(nsec / 1000) : nsec, true); dv.setUint32(ptr + 12, 0, true);
  return true;
}

/**
 * poll_select_finish: the time left goes back to the caller's timespec/timeval
 * (not for a zero timeout); if it cannot, a would-be restart becomes EINTR (the
 * restart would wait the whole time again).
 */
function finishTimeout(p: Process, ptr: number, t: Timeout, timeval: boolean, ret: number): number {
  if (ptr === 0 || t.zero) return ret;
  if (!putRemaining(p, ptr, t, timeval) && ret === -ERESTARTNOHAND) return -4; // EINTR
  return ret;
}

/** set_user_sigmask: install the wait's mask. 1 if one was installed, 0 if none, or -errno. */
function setWaitMask(p: Process, ptr: number, size: number): number {
  if (ptr === 0) return 0;
  if (size !== 8) return -EINVAL;
  if (!p.mem.check(ptr, 8, P_R)) return -EFAULT;
  const s = p.sig;
  s.savedLo = s.blockedLo; s.savedHi = s.blockedHi;
  s.setBlocked(p.mem.dv.getUint32(ptr, true), p.mem.dv.getUint32(ptr + 4, true));
  return 1;
}

/** restore_saved_sigmask_unless(interrupted): a handler's frame carries the old mask back instead. */
function restoreWaitMask(p: Process, installed: boolean, ret: number): void {
  if (!installed) return;
  const s = p.sig;
  if (ret === -ERESTARTNOHAND || ret === -4 /* EINTR */) s.restoreMask = true;
  else s.setBlocked(s.savedLo, s.savedHi);
}

/** Run body with the mask installed, then restore it as Linux does. */
function withMask(p: Process, installed: boolean, body: () => number | Promise<number>): number | Promise<number> {
  const r = body();
  if (typeof r === 'number') { restoreWaitMask(p, installed, r); return r; }
  return r.then((v) => { restoreWaitMask(p, installed, v); return v; });
}

const then = (r: number | Promise<number>, f: (v: number) => number): number | Promise<number> =>
  typeof r === 'number' ? f(r) : r.then(f);

// ---- poll -----------------------------------------------------------------------------------

/** do_sys_poll: -ERESTARTNOHAND when a signal interrupts. */
function doPoll(p: Process, ufds: number, nfds: number, deadline: number): number | Promise<number> {
  if (nfds > FD_LIMIT) return -EINVAL;
  if (nfds > 0 && (ufds < 0 || !p.mem.check(ufds, nfds * 8, P_R))) return -EFAULT;
  const dv = p.mem.dv;
  const events = new Uint16Array(nfds), revents = new Uint16Array(nfds);
  const watches: (Watch | null)[] = [];
  for (let k = 0; k < nfds; k++) {
    const fd = dv.getInt32(ufds + 8 * k, true), ev = dv.getUint16(ufds + 8 * k + 4, true);
    events[k] = ev;
    const f = fd >= 0 ? p.fds.get(fd) : undefined;
    if (fd >= 0 && (!f || (f.flags & O_PATH))) revents[k] = POLLNVAL;
    watches.push(f && !(f.flags & O_PATH) ? makeWatch(f, (ev & IN_BITS) !== 0, (ev & OUT_BITS) !== 0) : null);
  }
  const count = (): number => {
    let n = 0;
    for (let k = 0; k < nfds; k++) {
      const w = watches[k];
      if (w) revents[k] = w.mask & (events[k] | POLLERR | POLLHUP);
      if (revents[k]) n++;
    }
    return n;
  };
  const live = watches.filter((w): w is Watch => w !== null);
  return then(waitReady(p, live, deadline, count), (n) => {
    if (n < 0) revents.fill(0);
    // revents go back for every entry, whatever the result
    if (nfds > 0) {
      if (!p.mem.check(ufds, nfds * 8, P_W)) return -EFAULT;
      p.mem.noteWrite(ufds, nfds * 8);
      for (let k = 0; k < nfds; k++) dv.setUint16(ufds + 8 * k + 6, revents[k], true);
    }
    return n < 0 ? -ERESTARTNOHAND : n;
  });
}

/** poll(2): interrupted, it restarts (with no handler) through restart_syscall with the same deadline. */
function pollRestartable(p: Process, ufds: number, nfds: number, deadline: number): number | Promise<number> {
  return then(doPoll(p, ufds, nfds, deadline), (r) => {
    if (r !== -ERESTARTNOHAND) return r;
    p.sig.restartFn = () => pollRestartable(p, ufds, nfds, deadline);
    return -ERESTART_RESTARTBLOCK;
  });
}

defineSyscall(7, 'poll', 'p,u,d', (p, a) => {
  const ms = a.int(2);
  const deadline = ms < 0 ? Infinity : ms === 0 ? -Infinity : p.host.now() + ms;
  return pollRestartable(p, a.ptr(0), a.u32(1), deadline);
});

/** A struct timespec (or timeval when usec) at ptr as a Timeout; -errno if unreadable or invalid. */
function readTimeout(p: Process, ptr: number, usec: boolean): Timeout | number {
  if (ptr === 0) return FOREVER;
  if (!p.mem.check(ptr, 16, P_R)) return -EFAULT;
  let sec = s64(p, ptr), frac = s64(p, ptr + 8);
  if (usec) {
    // the kernel normalises microseconds beyond a second (C division truncates toward zero)
    sec += Math.trunc(frac / 1e6);
    frac = (frac % 1e6) * 1000;
  }
  return timeoutFrom(p, sec, frac) ?? -EINVAL;
}

defineSyscall(271, 'ppoll', 'p,u,p,p,u', (p, a) => {
  const ufds = a.ptr(0), nfds = a.u32(1), tsp = a.ptr(2);
  const t = readTimeout(p, tsp, false);
  if (typeof t === 'number') return t;
  const m = setWaitMask(p, a.ptr(3), a.u64(4));
  if (m < 0) return m;
  return withMask(p, m > 0, () => then(doPoll(p, ufds, nfds, t.deadline), (r) => finishTimeout(p, tsp, t, false, r)));
});

// ---- select ---------------------------------------------------------------------------------

/**
 * The size of the guest's descriptor table as Linux would have grown it (fdt->max_fds):
 * 64 at first, then 128 * a power of two above the highest descriptor. select
 * looks at no more descriptors than that.
 */
function fdTableSize(p: Process): number {
  let max = -1;
  for (const fd of p.fds.list()) if (fd > max) max = fd;
  if (max < 64) return 64;
  let n = 1;
  while (n < Math.floor(max / 128) + 1) n *= 2;
  return Math.min(n * 128, Math.max(FD_LIMIT, 64));
}

/** core_sys_select: the count, -errno, or -ERESTARTNOHAND. */
function doSelect(p: Process, n: number, inp: number, outp: number, exp: number, deadline: number): number | Promise<number> {
  if (n < 0) return -EINVAL;
  n = Math.min(n, fdTableSize(p));
  const bytes = Math.ceil(n / 64) * 8;
  const sets: (Uint8Array | null)[] = [];
  for (const ptr of [inp, outp, exp]) {
    if (ptr === 0 || bytes === 0) { sets.push(ptr === 0 ? null : new Uint8Array(0)); continue; }
    if (ptr < 0 || !p.mem.check(ptr, bytes, P_R)) return -EFAULT;
    sets.push(p.mem.u8.slice(ptr, ptr + bytes));
  }
  const isSet = (s: Uint8Array | null, fd: number): boolean => s !== null && (s[fd >> 3] & (1 << (fd & 7))) !== 0;
  const fds: number[] = [], watches: Watch[] = [], want: number[] = [];
  for (let fd = 0; fd < n; fd++) {
    const r = isSet(sets[0], fd), w = isSet(sets[1], fd), x = isSet(sets[2], fd);
    if (!r && !w && !x) continue;
    const f = p.fds.get(fd);
    if (!f) return -EBADF;
    fds.push(fd);
    const watch = makeWatch(f, r, w);
    // nothing x64vm reports belongs in the exception set (POLLPRI): no need to ask the host
    if (!r && !w) watch.host = false;
    watches.push(watch);
    want.push((r ? 1 : 0) | (w ? 2 : 0) | (x ? 4 : 0));
  }
  const res = [new Uint8Array(bytes), new Uint8Array(bytes), new Uint8Array(bytes)];
  const count = (): number => {
    let total = 0;
    for (const s of res) s.fill(0);
    for (let k = 0; k < fds.length; k++) {
      const m = watches[k].mask, fd = fds[k], bit = 1 << (fd & 7);
      if ((want[k] & 1) && (m & POLLIN_SET)) { res[0][fd >> 3] |= bit; total++; }
      if ((want[k] & 2) && (m & POLLOUT_SET)) { res[1][fd >> 3] |= bit; total++; }
      if ((want[k] & 4) && (m & POLLEX_SET)) { res[2][fd >> 3] |= bit; total++; }
    }
    return total;
  };
  return then(waitReady(p, watches, deadline, count), (r) => {
    if (r < 0) return -ERESTARTNOHAND;
    for (let k = 0; k < 3; k++) {
      const ptr = [inp, outp, exp][k];
      if (ptr === 0 || bytes === 0) continue;
      if (!p.mem.check(ptr, bytes, P_W)) return -EFAULT;
      p.mem.noteWrite(ptr, bytes);
      p.mem.u8.set(res[k], ptr);
    }
    return r;
  });
}

defineSyscall(23, 'select', 'd,p,p,p,p', (p, a) => {
  const tvp = a.ptr(4);
  const t = readTimeout(p, tvp, true);
  if (typeof t === 'number') return t;
  return then(doSelect(p, a.int(0), a.ptr(1), a.ptr(2), a.ptr(3), t.deadline), (r) => finishTimeout(p, tvp, t, true, r));
});

defineSyscall(270, 'pselect6', 'd,p,p,p,p,p', (p, a) => {
  // the sixth argument points at { const sigset_t *ss; size_t ss_len; }
  const pack = a.ptr(5);
  let ss = 0, ssLen = 0;
  if (pack !== 0) {
    if (pack < 0 || !p.mem.check(pack, 16, P_R)) return -EFAULT;
    const dv = p.mem.dv;
    if (dv.getUint32(pack + 4, true) !== 0) ss = -1;
    else ss = dv.getUint32(pack, true);
    ssLen = dv.getUint32(pack + 8, true) + dv.getUint32(pack + 12, true) * 4294967296;
  }
  const tsp = a.ptr(4);
  const t = readTimeout(p, tsp, false);
  if (typeof t === 'number') return t;
  let m = 0;
  if (ss !== 0) {
    if (ssLen !== 8) return -EINVAL;
    if (ss < 0) return -EFAULT;
    m = setWaitMask(p, ss, ssLen);
    if (m < 0) return m;
  }
  return withMask(p, m > 0, () =>
    then(doSelect(p, a.int(0), a.ptr(1), a.ptr(2), a.ptr(3), t.deadline), (r) => finishTimeout(p, tsp, t, false, r)));
});

// ---- epoll ----------------------------------------------------------------------------------
//
// An epoll instance is an in-process file holding an interest list. Waiting is the
// same machinery as poll's (waitReady). Level-triggered items that were reported go
// to the back of the ready list, as on Linux, so a small maxevents takes turns.
// Edge-triggered items are reported when they gain a readiness bit they did not
// have when last reported (x64vm sees states, not wake-ups: new data arriving on an
// fd that is still readable is not a new edge here). An epoll instance is not
// shared with a forked child (the child's copy starts with an empty list).

const EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
const EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29, EPOLLONESHOT = 1 << 30, EPOLLET = 0x80000000;
const EPOLL_FLAGS = EPOLLEXCLUSIVE | EPOLLWAKEUP | EPOLLONESHOT | EPOLLET;
const EPOLL_CLOEXEC = 0o2000000;
const EXCLUSIVE_OK = POLLIN | POLLOUT | POLLERR | POLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
/** INT_MAX / sizeof(struct epoll_event) */
const EP_MAX_EVENTS = Math.floor(0x7fffffff / 12);

interface EpItem {
  fd: number;
  f: OpenFile;
  events: number;
  dataLo: number;
  dataHi: number;
  /** EPOLLONESHOT item that fired: silent until EPOLL_CTL_MOD */
  disabled: boolean;
  /** edge-triggered: the readiness bits already reported, and the pipe's wake-up count then */
  seen: number;
  wakes: number;
}

class Epoll {
  items: EpItem[] = [];
  /** ready items, in the order Linux would report them */
  ready: EpItem[] = [];
}

const epolls = new WeakMap<OpenFile, Epoll>();

const EPOLL_NAME = 'anon_inode:[eventpoll]';

/** The epoll instance behind f, if it is one (a forked child's copy starts with an empty list). */
function epollOf(f: OpenFile): Epoll | undefined {
  let ep = epolls.get(f);
  if (!ep && f.hostFd < 0 && f.kind === 'special' && f.path === EPOLL_NAME) { ep = new Epoll(); epolls.set(f, ep); }
  return ep;
}

/** Can the file be watched (Linux: it has a poll method; regular files and /dev/null do not)? */
function canEpoll(f: OpenFile): boolean {
  if (f.pipe || epollOf(f)) return true;
  if (f.hostFd < 0) return false;
  return f.kind === 'fifo' || f.kind === 'sock' || (f.kind === 'chr' && isTty(f));
}

function epollCreate(p: Process, flags: number): number {
  if (flags & ~EPOLL_CLOEXEC) return -EINVAL;
  countWakeups();
  const f = new OpenFile(-1, 'special', EPOLL_NAME, 2);
  f.pos = -1;
  epolls.set(f, new Epoll());
  return p.fds.add(f, (flags & EPOLL_CLOEXEC) !== 0);
}

defineSyscall(213, 'epoll_create', 'd', (p, a) => (a.int(0) <= 0 ? -EINVAL : epollCreate(p, 0)));
defineSyscall(291, 'epoll_create1', 'x', (p, a) => epollCreate(p, a.int(0)));

defineSyscall(233, 'epoll_ctl', 'd,d,d,p', (p, a) => {
  const epfd = a.int(0), op = a.int(1), fd = a.int(2), evp = a.ptr(3);
  let events = 0, dataLo = 0, dataHi = 0;
  if (op === EPOLL_CTL_ADD || op === EPOLL_CTL_MOD) {
    if (evp < 0 || !p.mem.check(evp, 12, P_R)) return -EFAULT;
    const dv = p.mem.dv;
    events = dv.getUint32(evp, true);
    dataLo = dv.getUint32(evp + 4, true);
    dataHi = dv.getUint32(evp + 8, true);
  }
  const ef = p.fds.get(epfd), tf = p.fds.get(fd);
  if (!ef || (ef.flags & O_PATH)) return -EBADF;
  if (!tf || (tf.flags & O_PATH)) return -EBADF;
  if (!canEpoll(tf)) return -1; // EPERM
  // EPOLLWAKEUP needs CAP_BLOCK_SUSPEND: silently dropped otherwise
  events = (events & ~EPOLLWAKEUP) >>> 0;
  const ep = epollOf(ef);
  if (!ep || ef === tf) return -EINVAL;
  if (events & EPOLLEXCLUSIVE) {
    if (op === EPOLL_CTL_MOD) return -EINVAL;
    if (op === EPOLL_CTL_ADD && (epollOf(tf) || (events & ~EXCLUSIVE_OK) >>> 0)) return -EINVAL;
  }
  const at = ep.items.findIndex((it) => it.fd === fd && it.f === tf);
  switch (op) {
    case EPOLL_CTL_ADD:
      if (at >= 0) return -17; // EEXIST
      ep.items.push({ fd, f: tf, events, dataLo, dataHi, disabled: false, seen: 0, wakes: -1 });
      return 0;
    case EPOLL_CTL_DEL:
      if (at < 0) return -2; // ENOENT
      ep.ready = ep.ready.filter((it) => it !== ep.items[at]);
      ep.items.splice(at, 1);
      return 0;
    case EPOLL_CTL_MOD: {
      if (at < 0) return -2;
      const it = ep.items[at];
      if (it.events & EPOLLEXCLUSIVE) return -EINVAL;
      it.events = events; it.dataLo = dataLo; it.dataHi = dataHi; it.disabled = false; it.seen = 0; it.wakes = wakeCount(it);
      return 0;
    }
  }
  return -EINVAL;
});

/** The events an item has to report given its file's readiness mask (0: none). */
function itemEvents(it: EpItem, mask: number): number {
  if (it.disabled) return 0;
  const m = mask & ((it.events & ~EPOLL_FLAGS) | POLLERR | POLLHUP);
  if (!m) return 0;
  if (it.events & EPOLLET) return m & ~it.seen || (it.f.pipe && wakeCount(it) !== it.wakes) ? m : 0;
  return m;
}

/** For an in-process pipe: its wake-ups that matter to the item (writes for a reader, reads for a writer). */
function wakeCount(it: EpItem): number {
  const p = it.f.pipe;
  return p ? wakeups(p, (it.f.flags & O_ACCMODE) !== 0) : 0;
}

/** do_epoll_wait: the number of events written, -EINTR, or -errno. */
function epollWait(p: Process, epfd: number, evp: number, max: number, deadline: number): number | Promise<number> {
  if (max <= 0 || max > EP_MAX_EVENTS) return -EINVAL;
  if (evp < 0 || evp + max * 12 > 0x100000000) return -EFAULT;
  const ef = p.fds.get(epfd);
  if (!ef || (ef.flags & O_PATH)) return -EBADF;
  const ep = epollOf(ef);
  if (!ep) return -EINVAL;
  // descriptions closed everywhere leave the interest list
  ep.items = ep.items.filter((it) => it.f.refs > 0);
  const watches = ep.items.map((it) => makeWatch(it.f, (it.events & IN_BITS) !== 0, (it.events & OUT_BITS) !== 0));
  const count = (): number => {
    let n = 0;
    for (let k = 0; k < ep.items.length; k++) {
      const it = ep.items[k];
      // an edge-triggered item forgets the bits that went away, so their return is a new edge
      if (it.events & EPOLLET) it.seen &= watches[k].mask;
      if (itemEvents(it, watches[k].mask)) n++;
    }
    return n;
  };
  return then(waitReady(p, watches, deadline, count), (r) => {
    if (r < 0) return -4; // EINTR: epoll_wait is never restarted
    if (r === 0) return 0;
    const maskOf = new Map<EpItem, number>();
    ep.items.forEach((it, k) => { const m = itemEvents(it, watches[k].mask); if (m) maskOf.set(it, m); });
    // the ready list keeps its order; newly ready items join at the back
    ep.ready = ep.ready.filter((it) => maskOf.has(it));
    for (const it of ep.items) if (maskOf.has(it) && !ep.ready.includes(it)) ep.ready.push(it);
    const out = ep.ready.slice(0, max);
    const dv = p.mem.dv;
    let n = 0;
    for (const it of out) {
      const at = evp + 12 * n;
      if (!p.mem.check(at, 12, P_W)) break;
      p.mem.noteWrite(at, 12);
      dv.setUint32(at, maskOf.get(it)!, true);
      dv.setUint32(at + 4, it.dataLo, true);
      dv.setUint32(at + 8, it.dataHi, true);
      n++;
    }
    if (n === 0) return -EFAULT;
    const sent = out.slice(0, n);
    ep.ready = ep.ready.filter((it) => !sent.includes(it));
    for (const it of sent) {
      if (it.events & EPOLLONESHOT) it.disabled = true;
      else if (it.events & EPOLLET) { it.seen |= maskOf.get(it)!; it.wakes = wakeCount(it); }
      else ep.ready.push(it); // level-triggered: to the back, still ready
    }
    return n;
  });
}

const msDeadline = (p: Process, ms: number): number => (ms < 0 ? Infinity : ms === 0 ? -Infinity : p.host.now() + ms);

defineSyscall(232, 'epoll_wait', 'd,p,d,d', (p, a) => epollWait(p, a.int(0), a.ptr(1), a.int(2), msDeadline(p, a.int(3))));

defineSyscall(281, 'epoll_pwait', 'd,p,d,d,p,u', (p, a) => {
  const m = setWaitMask(p, a.ptr(4), a.u64(5));
  if (m < 0) return m;
  return withMask(p, m > 0, () => epollWait(p, a.int(0), a.ptr(1), a.int(2), msDeadline(p, a.int(3))));
});

defineSyscall(441, 'epoll_pwait2', 'd,p,d,p,p,u', (p, a) => {
  const t = readTimeout(p, a.ptr(3), false);
  if (typeof t === 'number') return t;
  const m = setWaitMask(p, a.ptr(4), a.u64(5));
  if (m < 0) return m;
  return withMask(p, m > 0, () => epollWait(p, a.int(0), a.ptr(1), a.int(2), t.deadline));
});

/** An epoll instance polled (poll, select, another epoll): readable when it has events to report. */
function epollReadiness(ep: Epoll): number {
  for (const it of ep.items) {
    if (it.f.refs <= 0) continue;
    const w = makeWatch(it.f, (it.events & IN_BITS) !== 0, (it.events & OUT_BITS) !== 0);
    if (w.host) probe(w, 0);
    if (itemEvents(it, w.mask)) return POLLIN | POLLRDNORM;
  }
  return 0;
}
