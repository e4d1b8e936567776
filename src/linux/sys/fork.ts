// Processes: fork, vfork, clone/clone3 (their fork-like forms), execve/execveat,
// wait4/waitid, and the SIGCHLD that tells a parent about its children.
//
// x64vm runs one guest process per Node process. A fork writes a snapshot of
// the guest (snapshot.ts) to an unlinked temporary file and spawns a new x64vm
// (`node bin/x64vm --x64vm-resume N`) that rebuilds the process from it; the
// host fds behind the guest's descriptors go to the child through spawn's stdio
// array. Pipes inside this process cannot cross that boundary, so at a fork
// every live one becomes a real host FIFO shared with the child. The child's
// pid is the new Node process's pid (what its getpid returns).
//
// Shared-memory forms are not modelled: CLONE_VM|CLONE_VFORK (posix_spawn,
// vfork) is a fork whose child runs on its own copy of memory and the parent
// goes on at once; CLONE_THREAD makes a green thread (threads.ts), and CLONE_VM
// without CLONE_VFORK or CLONE_THREAD fails with ENOSYS. MAP_SHARED anonymous
// memory is copied, not shared.
//
// execve runs in the same process: it checks the new program, closes
// close-on-exec descriptors, resets caught signals, discards the address space
// and loads the program; the pid stays.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { defineSyscall } from '../syscall.js';
import { Threads } from '../threads.js';
import { NORETURN } from '../process.js';
import type { Process } from '../process.js';
import { OpenFile, O_ACCMODE, O_RDONLY, O_APPEND, O_PATH } from '../fdtable.js';
import { hostSeek } from '../hostseek.js';
import { writeSnapshot, ForkChild } from '../snapshot.js';
import { prepareExec, startExec, clearAddressSpace, ExecError, ExecImage, ARG_MAX } from '../exec.js';
import { readPath, resolveAt, fromBytes, toBuffer, AT_FDCWD } from '../path.js';
import {
  EINVAL, EFAULT, ENOSYS, EAGAIN, ECHILD, E2BIG, EBADF, ENOENT, ELOOP, EPERM, errnoFromNode,
} from '../errno.js';
import { ERESTARTSYS, SIGCHLD, SIGSEGV, SIG_IGN, SA_NOCLDWAIT } from '../signals.js';
import { P_R, P_W } from '../../mem/memory.js';
import { prepareFork, dropSharedMaps } from '../sharedmap.js';

// clone flags
const CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000, CLONE_VFORK = 0x4000,
  CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000,
  CLONE_CHILD_SETTID = 0x1000000, CLONE_NEWNS = 0x20000, CLONE_NEWCGROUP = 0x2000000, CLONE_NEWUTS = 0x4000000,
  CLONE_NEWIPC = 0x8000000, CLONE_NEWUSER = 0x10000000, CLONE_NEWPID = 0x20000000, CLONE_NEWNET = 0x40000000;
const CLONE_NEW_ANY = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;

// wait options
const WNOHANG = 1, WUNTRACED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x1000000, __WNOTHREAD = 0x20000000,
  __WALL = 0x40000000, __WCLONE = 0x80000000;
const P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
const CLD_EXITED = 1, CLD_KILLED = 2;

const hostUid = process.getuid?.() ?? 0;

/** The x64vm launcher this process was started with, to start children the same way. */
const LAUNCHER = process.argv[1] ? path.resolve(process.argv[1]) : '';
/** Node's options for the children, without those that claim something only one process may have (a debugger port) */
const NODE_ARGS = process.execArgv.filter((a) => !/^--(inspect|debug)/.test(a));

interface Child {
  pid: number;
  cp: ChildProcess;
  /** the signal the parent gets when it ends (clone's CSIGNAL bits) */
  exitSignal: number;
  /** set when it has ended: the wait status, and si_code/si_status for SIGCHLD and waitid */
  status: number;
  code: number;
  siStatus: number;
  done: boolean;
}

/** Each process's children (x64vm has one Process per Node process; tests may make more). */
const tables = new WeakMap<Process, Map<number, Child>>();
function childrenOf(p: Process): Map<number, Child> {
  let t = tables.get(p);
  if (!t) tables.set(p, (t = new Map()));
  return t;
}

/**
 * Wake a wait in SignalState.waitUntil: a child's end is not a signal when SIGCHLD
 * is ignored, so nothing else would wake a waiting wait4.
 */
function kick(p: Process): void {
  (p.sig as unknown as { wake: (() => void) | null }).wake?.();
}

// ---- pipes become host FIFOs at a fork ------------------------------------------------------

let fifoSeq = 0;
function tempDir(): string {
  try { fs.accessSync('/dev/shm', fs.constants.W_OK); return '/dev/shm'; } catch { return os.tmpdir(); }
}

/**
 * Turn every in-process pipe reachable from the descriptor table into a host FIFO,
 * moving the bytes already in it. Each end gets a blocking host fd (a blocking
 * guest read or write waits in the host kernel, woken at once by the other
 * process) and a non-blocking twin (OpenFile.nbTwin: O_NONBLOCK guest calls, and
 * waits that signals must be able to end; see sys/io.ts). Returns 0 or -errno.
 */
function pipesToFifos(p: Process): number {
  const ends = new Map<NonNullable<OpenFile['pipe']>, OpenFile[]>();
  for (const fd of p.fds.list()) {
    const f = p.fds.get(fd)!;
    if (!f.pipe) continue;
    const list = ends.get(f.pipe) ?? [];
    if (!list.includes(f)) list.push(f);
    ends.set(f.pipe, list);
  }
  if (ends.size === 0) return 0;
  const dir = tempDir();
  const names: string[] = [];
  for (let k = 0; k < ends.size; k++) names.push(path.join(dir, `x64vm-fifo-${process.pid}-${fifoSeq++}`));
  // Node has no mkfifo(3): the coreutils command makes them (found even when the guest's PATH is odd)
  const r = spawnSync('mkfifo', ['-m', '600', ...names], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, PATH: `/usr/bin:/bin:/usr/local/bin:${process.env.PATH ?? ''}` },
  });
  if (r.error || r.status !== 0) {
    for (const n of names) { try { fs.unlinkSync(n); } catch { /* not made */ } }
    return -EAGAIN;
  }
  const { O_RDONLY: RD, O_WRONLY: WR, O_NONBLOCK: NB } = fs.constants;
  let k = 0;
  for (const [pipe, files] of ends) {
    const name = names[k++];
    const fds: number[] = [];
    try {
      // in this order no open waits: each blocking open finds the other side there
      for (const flags of [RD | NB, WR, RD, WR | NB]) fds.push(fs.openSync(name, flags));
    } catch (e) {
      for (const fd of fds) fs.closeSync(fd);
      for (const n of names.slice(k - 1)) { try { fs.unlinkSync(n); } catch { /* gone */ } }
      return -errnoFromNode(e);
    }
    try { fs.unlinkSync(name); } catch { /* gone */ }
    const [rTwin, w, rd, wTwin] = fds;
    const pending = new Uint8Array(pipe.size);
    pipe.read(pending);
    let off = 0;
    while (off < pending.length) {
      try { off += fs.writeSync(wTwin, pending, off, pending.length - off); } catch { break; }
    }
    let readers = false, writers = false;
    for (const f of files) {
      const reader = (f.flags & O_ACCMODE) === O_RDONLY;
      if (reader) readers = true; else writers = true;
      f.pipe = null;
      f.hostFd = reader ? rd : w;
      f.nbTwin = reader ? rTwin : wTwin;
      f.hostNonblock = false;
      f.kind = 'fifo';
      f.pos = -1;
    }
    // an end no descriptor refers to any more needs no host fds
    if (!readers) { fs.closeSync(rd); fs.closeSync(rTwin); }
    if (!writers) { fs.closeSync(w); fs.closeSync(wTwin); }
  }
  return 0;
}

/**
 * A file's offset is shared by the processes a fork makes (one open file
 * description). x64vm keeps the offsets of files it opened itself; at a fork they
 * move into the host's description (set with lseek) and stay there, so the
 * parent and child move one offset. O_APPEND files need nothing: every write goes
 * to the end.
 */
function shareOffsets(p: Process): void {
  for (const fd of p.fds.list()) {
    const f = p.fds.get(fd)!;
    if (f.hostFd < 0 || f.pos < 0 || f.mem || f.kind !== 'file' || (f.flags & (O_APPEND | O_PATH))) continue;
    if (hostSeek(f.hostFd, f.pos, 0) === f.pos) f.pos = -1;
  }
}

// ---- fork ---------------------------------------------------------------------------------

function hostFdOpen(fd: number): boolean {
  try { fs.fstatSync(fd); return true; } catch { return false; }
}

/** Start a child process that continues as a copy of p. Returns its pid or -errno. */
function forkProcess(p: Process, flags: number, child: ForkChild): number {
  if (!LAUNCHER) return -ENOSYS;
  const err = pipesToFifos(p);
  if (err < 0) return err;
  shareOffsets(p);
  // the child's host fds: x64vm's own stdio at 0-2, then one per open file with a host fd
  const stdio: (number | 'ignore')[] = [];
  for (let fd = 0; fd < 3; fd++) stdio.push(hostFdOpen(fd) ? fd : 'ignore');
  const hostFdOf = new Map<OpenFile, [number, number]>();
  for (const fd of p.fds.list()) {
    const f = p.fds.get(fd)!;
    if (f.hostFd < 0 || hostFdOf.has(f)) continue;
    let main = f.hostFd, twin = -1;
    if (main > 2) { main = stdio.length; stdio.push(f.hostFd); }
    if (f.nbTwin >= 0) { twin = stdio.length; stdio.push(f.nbTwin); }
    hostFdOf.set(f, [main, twin]);
  }
  // the snapshot travels in an unlinked file: nothing to clean up, whoever ends first
  const snapPath = path.join(tempDir(), `x64vm-fork-${process.pid}-${fifoSeq++}`);
  let snap: number;
  try {
    snap = fs.openSync(snapPath, 'wx+', 0o600);
  } catch (e) { return -errnoFromNode(e); }
  try { fs.unlinkSync(snapPath); } catch { /* gone */ }
  let cp: ChildProcess;
  // shared file mappings: written back, and the child gets a descriptor for each file
  const unnote = prepareFork(p, (fd) => { stdio.push(fd); return stdio.length - 1; });
  try {
    writeSnapshot(p, snap, hostFdOf, child);
    stdio.push(snap);
    cp = spawn(process.execPath, [...NODE_ARGS, LAUNCHER, '--x64vm-resume', String(stdio.length - 1)], {
      stdio, env: process.env,
    });
  } catch (e) {
    return -(errnoFromNode(e) || EAGAIN);
  } finally {
    unnote();
    fs.closeSync(snap);
  }
  cp.on('error', () => { /* reported through pid === undefined, or the exit status */ });
  const pid = cp.pid;
  if (pid === undefined) return -EAGAIN;
  cp.unref();
  const c: Child = { pid, cp, exitSignal: flags & CSIGNAL, status: 0, code: 0, siStatus: 0, done: false };
  const table = childrenOf(p);
  table.set(pid, c);
  cp.on('exit', (code, signal) => {
    const signo = signal ? os.constants.signals[signal] ?? 0 : 0;
    c.done = true;
    if (signo) { c.status = signo & 0x7f; c.code = CLD_KILLED; c.siStatus = signo; } else {
      const st = (code ?? 0) & 0xff;
      c.status = st << 8; c.code = CLD_EXITED; c.siStatus = st;
    }
    // SIGCHLD ignored, or SA_NOCLDWAIT: no zombie is left to wait for
    const act = p.sig.actions[SIGCHLD];
    if (c.exitSignal === SIGCHLD && (act.handler === SIG_IGN || (act.flags & SA_NOCLDWAIT))) table.delete(pid);
    if (c.exitSignal) p.sig.send({ signo: c.exitSignal, code: c.code, pid, uid: hostUid, status: c.siStatus });
    kick(p);
  });
  return pid;
}

function doClone(p: Process, flags: number, sp: number, ptid: number, ctid: number, tlsLo: number, tlsHi: number): number {
  if (flags & CLONE_THREAD) {
    // a thread shares the signal handlers, which need a shared address space (Linux's rule)
    if (!(flags & CLONE_SIGHAND) || !(flags & CLONE_VM)) return -EINVAL;
    if (flags & (CLONE_VFORK | CLONE_PIDFD)) return -EINVAL;
    if (flags & CLONE_NEW_ANY) return -EPERM;
    if ((flags & CLONE_PARENT_SETTID) && !p.mem.check(ptid, 4, P_W)) return -EFAULT;
    const tid = Threads.of(p).create(sp, flags & CLONE_SETTLS ? [tlsLo, tlsHi] : null,
      flags & CLONE_CHILD_SETTID ? ctid : 0, flags & CLONE_CHILD_CLEARTID ? ctid : 0);
    if (flags & CLONE_PARENT_SETTID) { p.mem.noteWrite(ptid, 4); p.mem.dv.setInt32(ptid, tid, true); }
    return tid;
  }
  if ((flags & CLONE_VM) && !(flags & CLONE_VFORK)) return -ENOSYS;
  if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM)) return -EINVAL;
  if (flags & CLONE_PIDFD) return -EINVAL;
  if (flags & CLONE_NEW_ANY) return -EPERM;
  if ((flags & CLONE_PARENT_SETTID) && !p.mem.check(ptid, 4, P_W)) return -EFAULT;
  const pid = forkProcess(p, flags, {
    sp,
    tls: flags & CLONE_SETTLS ? [tlsLo, tlsHi] : null,
    setTid: flags & CLONE_CHILD_SETTID ? ctid : 0,
    clearTid: flags & CLONE_CHILD_CLEARTID ? ctid : 0,
  });
  if (pid > 0 && (flags & CLONE_PARENT_SETTID)) {
    p.mem.noteWrite(ptid, 4);
    p.mem.dv.setInt32(ptid, pid, true);
  }
  return pid;
}

const NO_CHILD: ForkChild = { sp: 0, tls: null, setTid: 0, clearTid: 0 };
defineSyscall(57, 'fork', '', (p) => forkProcess(p, SIGCHLD, NO_CHILD));
// the parent does not wait for the child to exec or exit: it has its own memory
defineSyscall(58, 'vfork', '', (p) => forkProcess(p, SIGCHLD, NO_CHILD));
defineSyscall(56, 'clone', 'x,p,p,p,p', (p, a) =>
  doClone(p, a.lo[0], a.u64(1), a.ptr(2), a.ptr(3), a.lo[4], a.hi[4]));

// struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup
defineSyscall(435, 'clone3', 'p,u', (p, a) => {
  const ptr = a.ptr(0), size = a.u64(1);
  if (size < 64 || size > 4096) return -EINVAL;
  if (!p.mem.check(ptr, size, P_R)) return -EFAULT;
  const dv = p.mem.dv;
  const u64 = (o: number): number => dv.getUint32(ptr + o, true) + dv.getUint32(ptr + o + 4, true) * 4294967296;
  const flagsHi = dv.getUint32(ptr + 4, true), flags = dv.getUint32(ptr, true);
  // newer fields (set_tid, cgroup) must be zero: x64vm does not support them
  for (let o = 64; o < size; o++) if (p.mem.u8[ptr + o] !== 0) return -EINVAL;
  if (flagsHi !== 0) return -EINVAL;
  const exitSignal = u64(32);
  if (exitSignal > 64 || (flags & CSIGNAL)) return -EINVAL;
  const stack = u64(40), stackSize = u64(48);
  if ((stack === 0) !== (stackSize === 0) && (flags & CLONE_VM)) return -EINVAL;
  const tls = u64(56);
  return doClone(p, flags | exitSignal, stack ? stack + stackSize : 0, u64(24), u64(16), tls >>> 0, Math.floor(tls / 4294967296));
});

// ---- wait4 / waitid -------------------------------------------------------------------------

/** Which children a wait is for. */
interface WaitSpec { pid: number; options: number }

function matches(c: Child, w: WaitSpec): boolean {
  if (w.pid > 0 && c.pid !== w.pid) return false;
  // process groups are not modelled: every child is in the caller's group
  if (w.options & __WALL) return true;
  return ((w.options & __WCLONE) !== 0) === (c.exitSignal !== SIGCHLD);
}

/** An ended child the wait may take; null if none yet; -ECHILD if it can never return one. */
function findEnded(p: Process, w: WaitSpec): Child | null | number {
  let any = false;
  for (const c of childrenOf(p).values()) {
    if (!matches(c, w)) continue;
    if (c.done) return c;
    any = true;
  }
  return any ? null : -ECHILD;
}

/**
 * Wait for a child as w says: `take` reports the child (and reaps it unless it
 * returns false to keep it, WNOWAIT). Resolves to its result, 0 (WNOHANG, none
 * ended yet) or -errno.
 */
function waitFor(p: Process, w: WaitSpec, take: (c: Child) => number, none: () => number): number | Promise<number> {
  const reap = (c: Child): number => {
    const r = take(c);
    if (r >= 0 && !(w.options & WNOWAIT)) childrenOf(p).delete(c.pid);
    return r;
  };
  const first = findEnded(p, w);
  if (typeof first === 'number') return first;
  if (first) return reap(first);
  if (w.options & WNOHANG) return none();
  return (async (): Promise<number> => {
    const waiting = [...childrenOf(p).values()].filter((c) => matches(c, w));
    for (const c of waiting) c.cp.ref();
    let found: Child | null | number = null;
    try {
      await p.sig.waitUntil(Infinity, () => (found = findEnded(p, w)) !== null || p.sig.hasDeliverable());
    } finally {
      for (const c of waiting) c.cp.unref();
    }
    found = findEnded(p, w);
    if (typeof found === 'number') return found;
    if (found) return reap(found);
    return -ERESTARTSYS;
  })();
}

function checkRusage(p: Process, ptr: number): boolean {
  return ptr === 0 || p.mem.check(ptr, 144, P_W);
}
function zeroRusage(p: Process, ptr: number): void {
  if (ptr === 0) return;
  p.mem.noteWrite(ptr, 144);
  p.mem.u8.fill(0, ptr, ptr + 144);
}

defineSyscall(61, 'wait4', 'd,p,x,p', (p, a) => {
  const pid = a.int(0), stPtr = a.ptr(1), options = a.u32(2), ru = a.ptr(3);
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
  if (pid === -2147483648) return -ESRCH_WAIT;
  return waitFor(p, { pid: pid < -1 || pid === 0 ? -1 : pid, options: options & ~WNOWAIT }, (c) => {
    if (stPtr !== 0) {
      if (!p.mem.check(stPtr, 4, P_W)) return -EFAULT;
      p.mem.noteWrite(stPtr, 4);
      p.mem.dv.setInt32(stPtr, c.status, true);
    }
    if (!checkRusage(p, ru)) return -EFAULT;
    zeroRusage(p, ru);
    return c.pid;
  }, () => 0);
});
const ESRCH_WAIT = 3;

defineSyscall(247, 'waitid', 'd,d,p,x,p', (p, a) => {
  const idtype = a.int(0), id = a.int(1), info = a.ptr(2), options = a.u32(3), ru = a.ptr(4);
  if (options & ~(WNOHANG | WUNTRACED | WEXITED | WCONTINUED | WNOWAIT | __WNOTHREAD | __WCLONE | __WALL)) return -EINVAL;
  if (!(options & (WEXITED | WUNTRACED | WCONTINUED))) return -EINVAL;
  let pid: number;
  switch (idtype) {
    case P_ALL: pid = -1; break;
    case P_PID: if (id <= 0) return -EINVAL; pid = id; break;
    case P_PGID: if (id < 0) return -EINVAL; pid = -1; break;
    case P_PIDFD: return -EINVAL;
    default: return -EINVAL;
  }
  // only exits are reported (stops and continues are not modelled)
  if (!(options & WEXITED)) return findEnded(p, { pid, options }) === -ECHILD ? -ECHILD : (options & WNOHANG) ? 0 : -ECHILD;
  const putInfo = (c: Child | null): number => {
    if (info === 0) return 0;
    if (!p.mem.check(info, 128, P_W)) return -EFAULT;
    const dv = p.mem.dv;
    p.mem.noteWrite(info, 32);
    p.mem.u8.fill(0, info, info + 32);
    if (c) {
      dv.setInt32(info, SIGCHLD, true);
      dv.setInt32(info + 8, c.code, true);
      dv.setInt32(info + 16, c.pid, true);
      dv.setUint32(info + 20, hostUid, true);
      dv.setInt32(info + 24, c.siStatus, true);
    }
    return 0;
  };
  return waitFor(p, { pid, options }, (c) => {
    if (!checkRusage(p, ru)) return -EFAULT;
    const r = putInfo(c);
    if (r < 0) return r;
    zeroRusage(p, ru);
    return 0;
  }, () => {
    if (!checkRusage(p, ru)) return -EFAULT;
    zeroRusage(p, ru);
    return putInfo(null);
  });
});

// ---- execve ---------------------------------------------------------------------------------

const MAX_ARG_STRLEN = 32 * 4096;

/** A NULL-terminated array of strings (argv, envp) from guest memory, or -errno. */
function readStrings(p: Process, ptr: number): Uint8Array[] | number {
  const out: Uint8Array[] = [];
  if (ptr === 0) return out;
  let total = 0;
  for (let k = 0; ; k++) {
    const at = ptr + 8 * k;
    if (!p.mem.check(at, 8, P_R)) return -EFAULT;
    const lo = p.mem.dv.getUint32(at, true), hi = p.mem.dv.getUint32(at + 4, true);
    if (lo === 0 && hi === 0) return out;
    if (hi !== 0) return -EFAULT;
    const s = p.mem.readCString(lo, MAX_ARG_STRLEN);
    if (s === null) return p.mem.check(lo, 1, P_R) ? -E2BIG : -EFAULT;
    total += s.length + 1 + 8;
    if (total > ARG_MAX) return -E2BIG;
    out.push(s);
  }
}

const AT_SYMLINK_NOFOLLOW = 0x100, AT_EMPTY_PATH = 0x1000;

function doExecve(p: Process, dirfd: number, pathPtr: number, argvPtr: number, envpPtr: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const g = readPath(p, pathPtr, (flags & AT_EMPTY_PATH) !== 0);
  if (typeof g === 'number') return g;
  const argv = readStrings(p, argvPtr);
  if (typeof argv === 'number') return argv;
  const envp = readStrings(p, envpPtr);
  if (typeof envp === 'number') return envp;
  let total = 0;
  for (const s of argv) total += s.length + 1;
  for (const s of envp) total += s.length + 1;
  if (total > ARG_MAX) return -E2BIG;
  // Linux runs a program given no argv with argv[0] = ""
  if (argv.length === 0) argv.push(new Uint8Array(0));

  let host: string;
  let name = toBuffer(g);
  if (g === '') {
    const f = p.fds.get(dirfd);
    if (!f) return -EBADF;
    host = f.hostFd >= 0 ? `/proc/self/fd/${f.hostFd}` : f.hpath;
    if (!host) return -ENOENT;
    name = Buffer.from(`/dev/fd/${dirfd}`);
  } else {
    const h = resolveAt(p, dirfd, g);
    if (typeof h === 'number') return h;
    host = h;
    if (flags & AT_SYMLINK_NOFOLLOW) {
      try { if (fs.lstatSync(toBuffer(host)).isSymbolicLink()) return -ELOOP; } catch { /* reported below */ }
    }
  }

  let img: ExecImage;
  try {
    img = prepareExec(toBuffer(host), new Uint8Array(name), argv, {
      checkExec: true,
      resolve: (interp) => {
        const h = resolveAt(p, AT_FDCWD, fromBytes(interp));
        return typeof h === 'number' ? h : toBuffer(h);
      },
      resolveInterp: (i) => p.resolveInterp(i),
    });
  } catch (e) {
    if (e instanceof ExecError) return -e.errno;
    throw e;
  }

  // the point of no return: from here a failure kills the process
  p.fds.closeOnExec();
  p.sig.onExec();
  dropSharedMaps(p);
  clearAddressSpace(p);
  p.tidAddress = 0;
  p.threads = null; // execve ends the other threads (x64vm: they are dropped)
  p.rseq = { area: 0, len: 0, sig: 0 };
  try {
    startExec(p, img, envp, new Uint8Array(name));
  } catch (e) {
    if (!(e instanceof ExecError) && !(e instanceof Error && e.name === 'ElfError')) throw e;
    p.exit(0, SIGSEGV);
  }
  return NORETURN;
}

defineSyscall(59, 'execve', 's,p,p', (p, a) => doExecve(p, AT_FDCWD, a.ptr(0), a.ptr(1), a.ptr(2), 0));
defineSyscall(322, 'execveat', 'd,s,p,p,x', (p, a) => doExecve(p, a.int(0), a.ptr(1), a.ptr(2), a.ptr(3), a.int(4)));
