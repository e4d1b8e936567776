// Making and managing descriptors: open/openat/creat, pipe/pipe2, memfd_create,
// dup/dup2/dup3, fcntl, lseek, close_range.

import * as fs from 'node:fs';
import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import {
  OpenFile, Pipe, MemInode, FD_LIMIT, PAGE,
  O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK, O_DSYNC,
  O_ASYNC, O_DIRECT, O_LARGEFILE, O_DIRECTORY, O_NOFOLLOW, O_NOATIME, O_CLOEXEC, O_SYNC, O_PATH, O_TMPFILE,
} from '../fdtable.js';
import {
  EBADF, EINVAL, EMFILE, ENXIO, ESPIPE, EFAULT, EPERM, EBUSY, EOPNOTSUPP, ENOTDIR, EACCES,
} from '../errno.js';
import { readPath, resolveAt, absHost, toText, fromBytes, fdPathRef, emulatedFile, AT_FDCWD, BPath } from '../path.js';
import { P_R, P_W } from '../../mem/memory.js';
import { B, IS_LINUX, euid, hostErr, kindOfMode, withoutHostUmask } from './fs-common.js';
import { isTty } from './io.js';
import { hostSeek } from '../hostseek.js';

const VALID_OPEN = O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | O_ASYNC |
  O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH | O_TMPFILE;

/** The guest's open flags as the host's: the same numbers on Linux; elsewhere, bit by bit. */
function hostOpenFlags(flags: number): number {
  // The host fd gets O_APPEND too, so that whoever shares it (a forked child writing
  // at the host's offset, another process) appends; F_SETFL can take it away again.
  // The close-on-exec flag is the guest's business.
  const f = flags & ~O_CLOEXEC;
  if (IS_LINUX) return f;
  const c = fs.constants as Record<string, number | undefined>;
  let h = f & O_ACCMODE;
  const map: [number, string][] = [[O_CREAT, 'O_CREAT'], [O_EXCL, 'O_EXCL'], [O_NOCTTY, 'O_NOCTTY'], [O_TRUNC, 'O_TRUNC'],
    [O_NONBLOCK, 'O_NONBLOCK'], [O_DSYNC, 'O_DSYNC'], [O_DIRECTORY, 'O_DIRECTORY'], [O_NOFOLLOW, 'O_NOFOLLOW'],
    [O_SYNC, 'O_SYNC'], [O_DIRECT, 'O_DIRECT'], [O_NOATIME, 'O_NOATIME']];
  for (const [bit, name] of map) if ((f & bit) === bit && c[name] !== undefined) h |= c[name]!;
  return h;
}

/** An OpenFile for a host fd just opened at host path h. */
export function hostOpenFile(fd: number, h: BPath, flags: number): OpenFile {
  let kind: OpenFile['kind'] = 'file';
  try { kind = kindOfMode(fs.fstatSync(fd).mode); } catch { /* keep 'file' */ }
  let abs = absHost(h);
  if (IS_LINUX && abs.startsWith('/proc/self/fd/')) {
    // opened relative to a directory fd: keep the file's own name, not one through that fd
    try { abs = fromBytes(fs.readlinkSync(`/proc/self/fd/${fd}`, { encoding: 'buffer' })); } catch { /* keep */ }
  }
  const f = new OpenFile(fd, kind, toText(abs), flags);
  f.hpath = abs;
  f.hostNonblock = (flags & O_NONBLOCK) !== 0;
  f.hostAppend = (flags & O_APPEND) !== 0;
  // streams keep their position on the host; files and directories are positioned by us
  f.pos = kind === 'chr' || kind === 'fifo' || kind === 'sock' ? -1 : 0;
  return f;
}

/** open(2) and friends: returns the new fd or -errno. */
export function doOpen(p: Process, dirfd: number, pathPtr: number, flags: number, mode: number): number {
  flags &= VALID_OPEN;
  const g = readPath(p, pathPtr);
  if (typeof g === 'number') return g;
  // Linux finds a free descriptor before it looks at the path
  if (!p.fds.hasFree()) return -EMFILE;
  const ref = g.charCodeAt(0) === 0x2f ? fdPathRef(g) : null;
  if (ref && ref.rest === '') {
    const f = p.fds.get(ref.fd);
    if (f && (f.pipe || f.mem)) return reopen(p, f, flags);
  }
  const made = g.charCodeAt(0) === 0x2f && !(flags & O_PATH) ? emulatedFile(p, g) : null;
  if (made) return openEmulated(p, g, made, flags);
  const h = resolveAt(p, dirfd, g);
  if (typeof h === 'number') return h;
  if (flags & O_PATH) flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
  const tmpfile = (flags & O_TMPFILE) === O_TMPFILE;
  const create = (flags & O_CREAT) !== 0 || tmpfile;
  const m = create ? mode & 0o7777 & ~p.umask : 0;
  if (!IS_LINUX) {
    if (tmpfile) return -EOPNOTSUPP;
    if (flags & O_PATH) return openPathOnly(p, h, flags);
  }
  let fd: number;
  try {
    const hf = hostOpenFlags(flags);
    fd = create ? withoutHostUmask(() => fs.openSync(B(h), hf, m)) : fs.openSync(B(h), hf);
  } catch (e) { return hostErr(e); }
  // what F_GETFL shows: Linux drops the open-time flags and adds O_LARGEFILE on 64-bit
  const kept = flags & O_PATH ? flags & ~O_CLOEXEC
    : (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)) | O_LARGEFILE;
  const f = hostOpenFile(fd, h, kept);
  const n = p.fds.add(f, (flags & O_CLOEXEC) !== 0);
  if (n < 0) f.release();
  return n;
}

/** A file x64vm makes up (/proc/self/maps ...): read-only, its content taken at open. */
function openEmulated(p: Process, g: BPath, data: Uint8Array, flags: number): number {
  if ((flags & O_ACCMODE) !== O_RDONLY || (flags & (O_TRUNC | O_EXCL))) return -EACCES;
  if (flags & O_DIRECTORY) return -ENOTDIR;
  const f = new OpenFile(-1, 'file', toText(g), (flags & ~(O_CREAT | O_NOCTTY | O_CLOEXEC)) | O_LARGEFILE, data);
  const n = p.fds.add(f, (flags & O_CLOEXEC) !== 0);
  if (n < 0) f.release();
  return n;
}

/**
 * Open /proc/self/fd/N of an in-process pipe or memfd: a new description of the
 * same pipe (another reader or writer) or the same in-memory file.
 */
function reopen(p: Process, old: OpenFile, flags: number): number {
  const acc = flags & O_ACCMODE;
  const kept = flags & O_PATH ? flags & (O_PATH | O_NOFOLLOW)
    : (flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC | O_DIRECTORY)) | (old.mem ? O_LARGEFILE : 0);
  if ((flags & O_DIRECTORY) && !(flags & O_PATH)) return -ENOTDIR;
  const f = new OpenFile(-1, old.kind, old.path, kept);
  if (old.pipe) {
    f.pipe = old.pipe;
    f.pos = -1;
    if (!(flags & O_PATH)) {
      if (acc === O_RDONLY || acc === O_RDWR) old.pipe.readers++;
      if (acc === O_WRONLY || acc === O_RDWR) old.pipe.writers++;
    }
  } else {
    f.mem = old.mem;
    if ((flags & O_TRUNC) && acc !== O_RDONLY && !(flags & O_PATH)) old.mem!.truncate(0);
  }
  const n = p.fds.add(f, (flags & O_CLOEXEC) !== 0);
  if (n < 0) f.release();
  return n;
}

/** O_PATH where the host has none: a description with a path and no host fd (directories get one, to list them). */
function openPathOnly(p: Process, h: BPath, flags: number): number {
  let st: fs.Stats;
  try { st = flags & O_NOFOLLOW ? fs.lstatSync(B(h)) : fs.statSync(B(h)); } catch (e) { return hostErr(e); }
  if ((flags & O_DIRECTORY) && !st.isDirectory()) return -ENOTDIR;
  const abs = absHost(h);
  const f = new OpenFile(-1, kindOfMode(st.mode), toText(abs), flags & ~O_CLOEXEC);
  f.hpath = abs;
  const n = p.fds.add(f, (flags & O_CLOEXEC) !== 0);
  return n;
}

defineSyscall(2, 'open', 's,f,o', (p, a) => doOpen(p, AT_FDCWD, a.ptr(0), a.int(1), a.int(2)));
defineSyscall(257, 'openat', 'd,s,f,o', (p, a) => doOpen(p, a.int(0), a.ptr(1), a.int(2), a.int(3)));
defineSyscall(85, 'creat', 's,o', (p, a) => doOpen(p, AT_FDCWD, a.ptr(0), O_CREAT | O_WRONLY | O_TRUNC, a.int(1)));

// ---- pipes --------------------------------------------------------------------------------
// Node cannot make a host pipe synchronously, so pipes live in this process: a
// guest that writes and then reads its own pipe, or hands it around with dup2,
// works as on Linux. (They cannot be passed to a host child process.)

const O_NOTIFICATION_PIPE = O_EXCL;

function makePipe(p: Process, ptr: number, flags: number): number {
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE)) return -EINVAL;
  if (!p.mem.check(ptr, 8, P_W)) return -EFAULT;
  const pipe = new Pipe();
  const name = `pipe:[${pipe.ino}]`;
  const r = new OpenFile(-1, 'fifo', name, O_RDONLY | (flags & O_NONBLOCK));
  const w = new OpenFile(-1, 'fifo', name, O_WRONLY | (flags & O_NONBLOCK));
  r.pipe = w.pipe = pipe;
  r.pos = w.pos = -1;
  pipe.readers = 1; pipe.writers = 1;
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const rfd = p.fds.add(r, cloexec);
  if (rfd < 0) return rfd;
  const wfd = p.fds.add(w, cloexec);
  if (wfd < 0) { p.fds.close(rfd); return wfd; }
  p.mem.noteWrite(ptr, 8);
  p.mem.dv.setInt32(ptr, rfd, true);
  p.mem.dv.setInt32(ptr + 4, wfd, true);
  return 0;
}

defineSyscall(22, 'pipe', 'p', (p, a) => makePipe(p, a.ptr(0), 0));
defineSyscall(293, 'pipe2', 'p,f', (p, a) => makePipe(p, a.ptr(0), a.int(1)));

// ---- memfd_create -------------------------------------------------------------------------
const MFD_CLOEXEC = 1, MFD_ALLOW_SEALING = 2, MFD_HUGETLB = 4, MFD_NOEXEC_SEAL = 8, MFD_EXEC = 0x10;
const F_SEAL_SEAL = 1, F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8, F_SEAL_FUTURE_WRITE = 0x10, F_SEAL_EXEC = 0x20;

defineSyscall(319, 'memfd_create', 's,x', (p, a) => {
  const flags = a.u32(1);
  if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB | MFD_NOEXEC_SEAL | MFD_EXEC)) return -EINVAL;
  if (flags & MFD_HUGETLB) return -EINVAL;
  if ((flags & MFD_NOEXEC_SEAL) && (flags & MFD_EXEC)) return -EINVAL;
  const ptr = a.ptr(0);
  if (ptr <= 0) return -EFAULT;
  const name = p.mem.readCString(ptr, 250);
  if (name === null) return p.mem.check(ptr, 250, P_R) ? -EINVAL : -EFAULT;
  const m = new MemInode();
  m.uid = euid; m.gid = process.getegid?.() ?? 0;
  m.seals = flags & (MFD_ALLOW_SEALING | MFD_NOEXEC_SEAL) ? 0 : F_SEAL_SEAL;
  if (flags & MFD_NOEXEC_SEAL) { m.mode = 0o100666; m.seals |= F_SEAL_EXEC; }
  const f = new OpenFile(-1, 'file', `/memfd:${Buffer.from(name).toString('utf8')} (deleted)`, O_RDWR | O_LARGEFILE);
  f.mem = m;
  return p.fds.add(f, (flags & MFD_CLOEXEC) !== 0);
});

// ---- dup ----------------------------------------------------------------------------------------
defineSyscall(32, 'dup', 'd', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  return p.fds.dup(f);
});

function dupTo(p: Process, oldfd: number, newfd: number, cloexec: boolean): number {
  if (newfd < 0 || newfd >= FD_LIMIT) return -EBADF;
  const f = p.fds.get(oldfd);
  if (!f) return -EBADF;
  f.refs++;
  p.fds.set(newfd, f, cloexec);
  return newfd;
}

defineSyscall(33, 'dup2', 'd,d', (p, a) => {
  const oldfd = a.int(0), newfd = a.int(1);
  if (oldfd === newfd) return p.fds.get(oldfd) ? newfd : -EBADF;
  return dupTo(p, oldfd, newfd, false);
});

defineSyscall(292, 'dup3', 'd,d,f', (p, a) => {
  const oldfd = a.int(0), newfd = a.int(1), flags = a.int(2);
  if (flags & ~O_CLOEXEC) return -EINVAL;
  if (oldfd === newfd) return -EINVAL;
  return dupTo(p, oldfd, newfd, (flags & O_CLOEXEC) !== 0);
});

defineSyscall(436, 'close_range', 'u,u,x', (p, a) => {
  const first = a.u32(0), last = a.u32(1), flags = a.u32(2);
  const CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;
  if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) return -EINVAL;
  if (first > last) return -EINVAL;
  for (const fd of p.fds.list()) {
    if (fd < first || fd > last) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) p.fds.entry(fd)!.cloexec = true;
    else p.fds.close(fd);
  }
  return 0;
});

// ---- fcntl --------------------------------------------------------------------------------------
const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
  F_SETOWN = 8, F_GETOWN = 9, F_SETSIG = 10, F_GETSIG = 11, F_SETOWN_EX = 15, F_GETOWN_EX = 16,
  F_GETOWNER_UIDS = 17, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_SETLEASE = 1024,
  F_GETLEASE = 1025, F_NOTIFY = 1026, F_DUPFD_CLOEXEC = 1030, F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032,
  F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
const SETFL_MASK = O_APPEND | O_NONBLOCK | O_ASYNC | O_DIRECT | O_NOATIME;
const PIPE_MAX_SIZE = 1048576;

/**
 * The guest cleared O_APPEND, which Node cannot clear on a host fd: on Linux,
 * reopen the same file (through /proc, so even an unlinked one) without it.
 * Elsewhere writes keep appending.
 */
function dropHostAppend(f: OpenFile): void {
  if (!IS_LINUX || f.hostFd < 0 || f.kind !== 'file') return;
  const acc = f.flags & O_ACCMODE;
  let fd: number;
  try { fd = fs.openSync(`/proc/self/fd/${f.hostFd}`, acc === O_WRONLY ? fs.constants.O_WRONLY : fs.constants.O_RDWR); } catch { return; }
  if (f.pos < 0) {
    // the offset was the host's: take it over
    try {
      const m = /^pos:\s*(\d+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${f.hostFd}`, 'latin1'));
      f.pos = m ? Number(m[1]) : 0;
    } catch { f.pos = 0; }
  }
  if (f.hostFd > 2) { try { fs.closeSync(f.hostFd); } catch { /* gone */ } }
  f.hostFd = fd;
  f.hostAppend = false;
}

/**
 * Record locks: x64vm runs one process, and a process never conflicts with its
 * own locks, so every lock is granted and F_GETLK always finds the range free.
 */
function recordLock(p: Process, f: OpenFile, cmd: number, ptr: number): number {
  if (!p.mem.check(ptr, 32, P_R)) return -EFAULT;
  const dv = p.mem.dv;
  const type = dv.getInt16(ptr, true), whence = dv.getInt16(ptr + 2, true), pid = dv.getInt32(ptr + 24, true);
  if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) return -EINVAL;
  if (whence < 0 || whence > 2) return -EINVAL;
  const ofd = cmd === F_OFD_GETLK || cmd === F_OFD_SETLK || cmd === F_OFD_SETLKW;
  if (ofd && pid !== 0) return -EINVAL;
  if (cmd === F_GETLK || cmd === F_OFD_GETLK) {
    if (type === F_UNLCK) return -EINVAL;
    if (!p.mem.check(ptr, 32, P_W)) return -EFAULT;
    p.mem.noteWrite(ptr, 2);
    dv.setInt16(ptr, F_UNLCK, true);
    return 0;
  }
  const acc = f.flags & O_ACCMODE;
  if (type === F_RDLCK && acc !== O_RDONLY && acc !== O_RDWR) return -EBADF;
  if (type === F_WRLCK && acc !== O_WRONLY && acc !== O_RDWR) return -EBADF;
  return 0;
}

defineSyscall(72, 'fcntl', 'd,d,x', (p, a) => {
  const fd = a.int(0), cmd = a.int(1);
  const e = p.fds.entry(fd);
  if (!e) return -EBADF;
  const f = e.file;
  if ((f.flags & O_PATH) && cmd !== F_DUPFD && cmd !== F_DUPFD_CLOEXEC && cmd !== F_GETFD && cmd !== F_SETFD && cmd !== F_GETFL) {
    return -EBADF;
  }
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC: {
      const min = a.u64(2);
      if (min >= FD_LIMIT) return -EINVAL;
      return p.fds.dup(f, cmd === F_DUPFD_CLOEXEC, min);
    }
    case F_GETFD: return e.cloexec ? 1 : 0;
    case F_SETFD: e.cloexec = (a.lo[2] & 1) !== 0; return 0;
    case F_GETFL: return f.flags;
    case F_SETFL:
      f.flags = (f.flags & ~SETFL_MASK) | (a.int(2) & SETFL_MASK);
      if (f.hostAppend && !(f.flags & O_APPEND)) dropHostAppend(f);
      return 0;
    case F_GETLK: case F_SETLK: case F_SETLKW: case F_OFD_GETLK: case F_OFD_SETLK: case F_OFD_SETLKW:
      return recordLock(p, f, cmd, a.ptr(2));
    case F_SETOWN: case F_SETSIG: return 0;
    case F_GETOWN: case F_GETSIG: return 0;
    case F_SETOWN_EX: return p.mem.check(a.ptr(2), 8, P_R) ? 0 : -EFAULT;
    case F_GETOWN_EX: {
      const ptr = a.ptr(2);
      if (!p.mem.check(ptr, 8, P_W)) return -EFAULT;
      p.mem.noteWrite(ptr, 8);
      p.mem.dv.setUint32(ptr, 0, true); p.mem.dv.setUint32(ptr + 4, 0, true);
      return 0;
    }
    case F_GETOWNER_UIDS: return -EINVAL;
    case F_GETLEASE: return f.kind === 'file' ? F_UNLCK : -EINVAL;
    case F_SETLEASE: return f.kind === 'file' ? 0 : -EINVAL;
    case F_NOTIFY: return f.kind === 'dir' ? 0 : -ENOTDIR;
    // a host pipe (shared with a forked child) has the default size: x64vm cannot change it
    case F_GETPIPE_SZ: return f.pipe ? f.pipe.capacity : f.kind === 'fifo' && f.hostFd >= 0 ? 65536 : -EBADF;
    case F_SETPIPE_SZ: {
      if (!f.pipe) return -EBADF;
      const want = a.u64(2);
      if (want > 0x80000000) return -EINVAL;
      if (want > PIPE_MAX_SIZE && euid !== 0) return -EPERM;
      let slots = 1;
      while (slots * PAGE < want) slots *= 2;
      if (slots < f.pipe.used) return -EBUSY;
      f.pipe.slots = slots;
      return f.pipe.capacity;
    }
    case F_GET_SEALS: return f.mem ? f.mem.seals : -EINVAL;
    case F_ADD_SEALS: {
      if (!f.mem) return -EINVAL;
      const add = a.int(2);
      if (add & ~(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)) return -EINVAL;
      if (!((f.flags & O_ACCMODE) === O_WRONLY || (f.flags & O_ACCMODE) === O_RDWR)) return -EPERM;
      if (f.mem.seals & F_SEAL_SEAL) return -EPERM;
      f.mem.seals |= add;
      return 0;
    }
  }
  return -EINVAL;
});

// ---- lseek --------------------------------------------------------------------------------------
const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

/** The host's offset of an inherited fd (Linux: /proc/self/fdinfo), or 0 when unknown. */
function hostOffset(fd: number): number {
  if (!IS_LINUX) return 0;
  try {
    const m = /^pos:\s*(\d+)/m.exec(fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'));
    return m ? Number(m[1]) : 0;
  } catch { return 0; }
}

export function fileSize(f: OpenFile): number {
  if (f.mem) return f.mem.size;
  if (f.hostFd >= 0) { try { return Number(fs.fstatSync(f.hostFd, { bigint: true }).size); } catch { return 0; } }
  return f.data ? f.data.length : 0;
}

defineSyscall(8, 'lseek', 'd,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (f.flags & O_PATH) return -EBADF;
  const off = a.s64(1), whence = a.u32(2);
  if (f.pipe || f.kind === 'fifo' || f.kind === 'sock') return -ESPIPE;
  if (f.kind === 'chr') return isTty(f) ? -ESPIPE : 0; // /dev/null and friends: always at 0
  if (whence > SEEK_HOLE) return -EINVAL;
  if (f.kind === 'dir') {
    // directory offsets are the cookies getdents64 hands out in d_off
    let at: number;
    if (whence === SEEK_SET) at = off;
    else if (whence === SEEK_CUR) at = f.dirPos + off;
    else return -EINVAL;
    if (at < 0) return -EINVAL;
    if (at === 0) f.dirEntries = null; // rewinddir sees new entries
    f.dirPos = at;
    return at;
  }
  if (f.pos < 0 && f.kind === 'file' && whence <= SEEK_END) {
    // the host keeps this offset (an inherited file, or one shared with a forked child): move it there
    const at = hostSeek(f.hostFd, off, whence);
    if (at !== null) return at;
  }
  if (f.pos < 0) f.pos = hostOffset(f.hostFd); // the guest takes over an inherited file's offset
  let at: number;
  switch (whence) {
    case SEEK_SET: at = off; break;
    case SEEK_CUR: at = f.pos + off; break;
    case SEEK_END: at = fileSize(f) + off; break;
    default: {
      const size = fileSize(f);
      if (off < 0 || off >= size) return -ENXIO;
      at = whence === SEEK_DATA ? off : size; // no holes are visible through Node: data up to the end
    }
  }
  if (at < 0 || at > Number.MAX_SAFE_INTEGER) return -EINVAL;
  f.pos = at;
  return at;
});

