// read/write and their vector and positional forms, close, ioctl.
//
// readInto/writeFrom move bytes between an open file and a byte array (guest
// memory or a host buffer); sendfile and copy_file_range use them too.

import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { OpenFile, O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_NONBLOCK, O_PATH } from '../fdtable.js';
import { EBADF, EFAULT, EINVAL, ENOTTY, EISDIR, ESPIPE, EAGAIN, EPIPE, errnoFromNode } from '../errno.js';
import { ERESTARTSYS } from '../signals.js';
import { interruptibleSleep } from './time.js';
import { P_R, P_W } from '../../mem/memory.js';
import { hasSharedMaps, syncFile, fileChanged } from '../sharedmap.js';
import { pipeRead, pipeWritten } from '../pollwake.js';

export { O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_NONBLOCK };

const SIGPIPE = 13;
/** the most one read or write moves, as on Linux */
export const MAX_RW = 0x7ffff000;

export function canRead(f: OpenFile): boolean {
  const acc = f.flags & O_ACCMODE;
  return !(f.flags & O_PATH) && (acc === O_RDONLY || acc === O_RDWR);
}
export function canWrite(f: OpenFile): boolean {
  const acc = f.flags & O_ACCMODE;
  return !(f.flags & O_PATH) && (acc === O_WRONLY || acc === O_RDWR);
}
/** Files whose offset x64vm keeps (positioned reads and writes on the host). */
export function isSeekable(f: OpenFile): boolean {
  return f.mem !== null || (f.pipe === null && (f.kind === 'file' || f.kind === 'blk' || (f.kind === 'dir' && f.hostFd >= 0)));
}

/**
 * Wait a little for a blocking read or write that cannot proceed yet. Returns
 * true when a signal has arrived (the caller returns -ERESTARTSYS).
 */
function waitBlocked(p: Process, round: number): boolean {
  return interruptibleSleep(p, Math.min(1 << Math.min(round, 4), 10)) > 0;
}

/**
 * May a blocking guest read or write of a pipe wait in the host kernel? Only when
 * nothing could have to cut the wait short: no signal handlers and no armed timers.
 * Otherwise it polls a non-blocking twin of the fd, so that a signal still ends it.
 * (Host pipes shared with forked children have one: see sys/fork.ts.)
 */
function hostWaitOk(p: Process): boolean {
  const s = p.sig;
  if (s.timers.size > 0) return false;
  for (const t of s.itimers) if (t.deadline) return false;
  const acts = s.actions;
  for (let k = 1; k < acts.length; k++) if (acts[k].handler > 1) return false;
  return true;
}

/** Poll schedule for a pipe another process will fill or drain: short sleeps, then 2 ms. */
function waitPipe(p: Process, round: number): boolean {
  return interruptibleSleep(p, round < 8 ? 0.1 * (round + 1) : 2) > 0;
}

/** A non-blocking twin of a host fd (Linux: reopened through /proc), or -1. */
function nonblockingTwin(f: OpenFile): number {
  if (f.nbTwin === -1) {
    f.nbTwin = -2;
    if (process.platform === 'linux' && (f.kind === 'fifo' || f.kind === 'chr')) {
      try {
        f.nbTwin = fs.openSync(`/proc/self/fd/${f.hostFd}`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      } catch { /* a socket, or no /proc: reads stay blocking */ }
    }
  }
  return f.nbTwin;
}

/**
 * Read from f into dst at file offset pos (-1: the current offset, which then
 * advances). Returns the count or -errno. Access checks are the caller's.
 */
export function readInto(p: Process, f: OpenFile, dst: Uint8Array, pos = -1): number {
  if (dst.length === 0) return 0;
  // stores through MAP_SHARED mappings of this file must be in it first
  if (hasSharedMaps() && !f.pipe) syncFile(p, f);
  if (f.pipe) {
    const pipe = f.pipe;
    for (let round = 0; ; round++) {
      if (pipe.size > 0) { pipeRead(pipe); return pipe.read(dst); }
      if (pipe.writers === 0) return 0;
      if (f.flags & O_NONBLOCK) return -EAGAIN;
      // in one process only a signal handler can write to it now; wait as Linux would
      if (waitBlocked(p, round)) return -ERESTARTSYS;
    }
  }
  if (f.mem) {
    const at = pos >= 0 ? pos : f.pos;
    const n = f.mem.read(dst, at);
    if (pos < 0) f.pos += n;
    return n;
  }
  if (f.kind === 'dir') return -EISDIR;
  if (f.hostFd < 0) {
    const data = f.data;
    if (!data) return 0;
    const at = pos >= 0 ? pos : f.pos;
    const n = Math.max(0, Math.min(dst.length, data.length - at));
    dst.set(data.subarray(at, at + n));
    if (pos < 0) f.pos += n;
    return n;
  }
  if (pos >= 0 || (f.pos >= 0 && isSeekable(f))) {
    const at = pos >= 0 ? pos : f.pos;
    try {
      const n = fs.readSync(f.hostFd, dst, 0, dst.length, at);
      if (pos < 0) f.pos += n;
      return n;
    } catch (e) { return -errnoFromNode(e); }
  }
  // a stream (pipe, terminal, socket, device) or an inherited file whose offset the host keeps
  const wantNonblock = (f.flags & O_NONBLOCK) !== 0;
  let fd = f.hostFd;
  const poll = !wantNonblock && f.kind === 'fifo' && f.nbTwin >= 0 && !f.hostNonblock && !hostWaitOk(p);
  if ((wantNonblock || poll) && !f.hostNonblock) { const t = nonblockingTwin(f); if (t >= 0) fd = t; }
  for (let round = 0; ; round++) {
    try {
      return fs.readSync(fd, dst, 0, dst.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        if (wantNonblock) return -EAGAIN;
        if (fd !== f.hostFd) {
          if (waitPipe(p, round)) return -ERESTARTSYS;
          continue;
        }
        // Node (or our parent) made the host fd non-blocking: the guest asked to wait
        f.hostNonblock = true;
        if (waitBlocked(p, round)) return -ERESTARTSYS;
        continue;
      }
      if (code === 'EOF') return 0;
      return -errnoFromNode(e);
    }
  }
}

/**
 * Write src to f at file offset pos (-1: the current offset, or the end with
 * O_APPEND). Returns the count or -errno; a broken pipe also raises SIGPIPE.
 */
export function writeFrom(p: Process, f: OpenFile, src: Uint8Array, pos = -1): number {
  if (src.length === 0) return 0;
  if (hasSharedMaps() && !f.pipe && (f.mem || f.kind === 'file')) return writeMapped(p, f, src, pos);
  return writeUnmapped(p, f, src, pos);
}

/** A write to a file that may have MAP_SHARED mappings: they go to the file first and see the write after. */
function writeMapped(p: Process, f: OpenFile, src: Uint8Array, pos: number): number {
  syncFile(p, f);
  const n = writeUnmapped(p, f, src, pos);
  if (n > 0) {
    // where it went: the offset given, or the one the write moved (unknown when the host keeps it)
    const at = pos >= 0 ? pos : f.pos >= 0 && isSeekable(f) ? f.pos - n : -1;
    fileChanged(p, f, at >= 0 ? at : 0, at >= 0 ? at + n : Infinity);
  }
  return n;
}

function writeUnmapped(p: Process, f: OpenFile, src: Uint8Array, pos: number): number {
  if (f.pipe) {
    const pipe = f.pipe;
    let done = 0;
    for (let round = 0; ; round++) {
      if (pipe.readers === 0) {
        p.sig.queue({ signo: SIGPIPE, code: 0 });
        return done > 0 ? done : -EPIPE;
      }
      const put = pipe.write(done === 0 ? src : src.subarray(done), round === 0);
      if (put > 0) pipeWritten(pipe);
      done += put;
      if (done === src.length) return done;
      if (f.flags & O_NONBLOCK) return done > 0 ? done : -EAGAIN;
      if (waitBlocked(p, round)) return done > 0 ? done : -ERESTARTSYS;
    }
  }
  if (f.mem) {
    const at = pos >= 0 ? pos : (f.flags & O_APPEND) ? f.mem.size : f.pos;
    const n = f.mem.write(src, at);
    if (pos < 0) f.pos = at + n;
    return n;
  }
  if (f.hostFd < 0) return f.data ? src.length : -EBADF; // emulated sinks
  if (pos < 0 && !(f.pos >= 0 && isSeekable(f))) return writeHostPipe(p, f, src);
  try {
    if (pos >= 0) return fs.writeSync(f.hostFd, src, 0, src.length, pos);
    // O_APPEND is ours to do: the guest may switch it with F_SETFL, the host fd cannot follow
    const at = (f.flags & O_APPEND) ? Number(fs.fstatSync(f.hostFd, { bigint: true }).size) : f.pos;
    const n = fs.writeSync(f.hostFd, src, 0, src.length, at);
    f.pos = at + n;
    return n;
  } catch (e) { return -errnoFromNode(e); }
}

/**
 * Write to a host stream (pipe, socket, terminal, or an inherited file whose offset
 * the host keeps). If the host fd is non-blocking (a pipe shared with a forked
 * child, or one Node made non-blocking), a blocking guest write still completes:
 * it waits for room, and only a signal ends the wait (with the count written so far).
 */
function writeHostPipe(p: Process, f: OpenFile, src: Uint8Array): number {
  let done = 0;
  // the write end of a pipe shared with a forked child has a non-blocking twin
  const twin = f.kind === 'fifo' && f.nbTwin >= 0 && !f.hostNonblock && (f.flags & O_ACCMODE) === O_WRONLY &&
    ((f.flags & O_NONBLOCK) !== 0 || !hostWaitOk(p));
  const fd = twin ? f.nbTwin : f.hostFd;
  for (let round = 0; ;) {
    try {
      const n = fs.writeSync(fd, src, done, src.length - done);
      done += n;
      if (done === src.length) return done;
      round = 0;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        if (f.flags & O_NONBLOCK) return done > 0 ? done : -EAGAIN;
        if (twin ? waitPipe(p, round++) : waitBlocked(p, round++)) return done > 0 ? done : -ERESTARTSYS;
        continue;
      }
      if (code === 'EPIPE') p.sig.queue({ signo: SIGPIPE, code: 0 });
      return done > 0 ? done : -errnoFromNode(e);
    }
  }
}

/** Read up to len bytes from an open file into guest memory at ptr. Returns count or -errno. */
export function readFile(p: Process, f: OpenFile, ptr: number, len: number, pos = -1): number {
  if (!canRead(f)) return -EBADF;
  if (len === 0) return 0;
  if (f.kind === 'dir' && !f.pipe && !f.mem) return -EISDIR;
  // a buffer that runs into unmapped memory takes what fits before it, as Linux's copy would
  const n = accessiblePrefix(p, ptr, len, P_W);
  if (n === 0) return -EFAULT;
  p.mem.noteWrite(ptr, n);
  return readInto(p, f, p.mem.u8.subarray(ptr, ptr + n), pos);
}

export function writeFile(p: Process, f: OpenFile, ptr: number, len: number, pos = -1): number {
  if (!canWrite(f)) return -EBADF;
  if (len === 0) return 0;
  const n = accessiblePrefix(p, ptr, len, P_R);
  if (n === 0) return -EFAULT;
  return writeFrom(p, f, p.mem.u8.subarray(ptr, ptr + n), pos);
}

/** How many bytes from ptr on (up to len) are accessible with `need`. */
function accessiblePrefix(p: Process, ptr: number, len: number, need: number): number {
  if (p.mem.check(ptr, len, need)) return len;
  if (ptr < 0 || ptr >= 0x100000000) return 0;
  let end = ptr;
  const limit = Math.min(ptr + len, 0x100000000);
  while (end < limit && (p.mem.perm[end >>> 12] & need) === need) end = (Math.floor(end / 4096) + 1) * 4096;
  return Math.min(end, limit) - ptr;
}

defineSyscall(0, 'read', 'd,p,u', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return readFile(p, f, ptr, Math.min(a.u64(2), MAX_RW));
});

defineSyscall(1, 'write', 'd,b,u', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return writeFile(p, f, ptr, Math.min(a.u64(2), MAX_RW));
});

/** pread/pwrite need a file with an offset */
function positional(f: OpenFile): number {
  if (f.pipe || f.kind === 'fifo' || f.kind === 'sock') return -ESPIPE;
  if (f.kind === 'chr' && f.hostFd >= 0 && isTtyFd(f.hostFd)) return -ESPIPE;
  return 0;
}

defineSyscall(17, 'pread64', 'd,p,u,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canRead(f)) return -EBADF;
  const sp = positional(f);
  if (sp) return sp;
  const off = a.s64(3);
  if (off < 0) return -EINVAL;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return readFile(p, f, ptr, Math.min(a.u64(2), MAX_RW), off);
});

defineSyscall(18, 'pwrite64', 'd,b,u,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canWrite(f)) return -EBADF;
  const sp = positional(f);
  if (sp) return sp;
  const off = a.s64(3);
  if (off < 0) return -EINVAL;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return writeFile(p, f, ptr, Math.min(a.u64(2), MAX_RW), off);
});

interface Segment { base: number; len: number }

/** The buffers of an iovec array (empty ones dropped, the total capped at MAX_RW as Linux does), or -errno. */
function iovecs(p: Process, iov: number, cnt: number): Segment[] | number {
  if (cnt < 0 || cnt > 1024) return -EINVAL;
  if (cnt === 0) return [];
  if (iov < 0 || !p.mem.check(iov, cnt * 16, P_R)) return -EFAULT;
  const dv = p.mem.dv, segs: Segment[] = [];
  let total = 0;
  for (let k = 0; k < cnt; k++) {
    const baseHi = dv.getUint32(iov + 16 * k + 4, true), lenHi = dv.getUint32(iov + 16 * k + 12, true);
    let len = lenHi * 4294967296 + dv.getUint32(iov + 16 * k + 8, true);
    if (lenHi & 0x80000000) return -EINVAL;
    if (len === 0) continue;
    if (baseHi !== 0) return -EFAULT;
    if (total + len > MAX_RW) len = MAX_RW - total;
    if (len > 0) segs.push({ base: dv.getUint32(iov + 16 * k, true), len });
    total += len;
  }
  return segs;
}

/** Walk the buffers, calling op for each until it returns short or fails. */
function eachSegment(segs: Segment[], op: (ptr: number, len: number) => number): number {
  let total = 0;
  for (const s of segs) {
    const n = op(s.base, s.len);
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (n < s.len) break;
  }
  return total;
}

/** Pipes, sockets, terminals: one read or write for the whole vector, as Linux does (a pipe's atomicity, no second wait). */
function isStream(f: OpenFile): boolean {
  return f.pipe !== null || f.kind === 'fifo' || f.kind === 'sock' || f.kind === 'chr';
}
const GATHER_MAX = 1 << 20;

function readvStream(p: Process, f: OpenFile, segs: Segment[]): number {
  let total = 0;
  for (const s of segs) {
    if (!p.mem.check(s.base, s.len, P_W)) return -EFAULT;
    total += s.len;
  }
  const buf = new Uint8Array(Math.min(total, GATHER_MAX));
  const n = readInto(p, f, buf);
  if (n <= 0) return n;
  let off = 0;
  for (const s of segs) {
    if (off >= n) break;
    const k = Math.min(s.len, n - off);
    p.mem.noteWrite(s.base, k);
    p.mem.u8.set(buf.subarray(off, off + k), s.base);
    off += k;
  }
  return n;
}

function writevStream(p: Process, f: OpenFile, segs: Segment[]): number {
  for (const s of segs) if (!p.mem.check(s.base, s.len, P_R)) return -EFAULT;
  let total = 0, k = 0, within = 0;
  while (k < segs.length) {
    // gather up to GATHER_MAX bytes, then write them in one go
    const parts: Uint8Array[] = [];
    let size = 0;
    while (k < segs.length && size < GATHER_MAX) {
      const s = segs[k], take = Math.min(s.len - within, GATHER_MAX - size);
      parts.push(p.mem.u8.subarray(s.base + within, s.base + within + take));
      size += take; within += take;
      if (within === s.len) { k++; within = 0; }
    }
    const chunk = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    const n = writeFrom(p, f, chunk);
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (n < size) break;
  }
  return total;
}

defineSyscall(19, 'readv', 'd,p,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canRead(f)) return -EBADF;
  const segs = iovecs(p, a.ptr(1), a.int(2));
  if (typeof segs === 'number') return segs;
  if (segs.length > 1 && isStream(f)) return readvStream(p, f, segs);
  return eachSegment(segs, (ptr, len) => readFile(p, f, ptr, len));
});
defineSyscall(20, 'writev', 'd,p,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canWrite(f)) return -EBADF;
  const segs = iovecs(p, a.ptr(1), a.int(2));
  if (typeof segs === 'number') return segs;
  if (segs.length > 1 && isStream(f)) return writevStream(p, f, segs);
  return eachSegment(segs, (ptr, len) => writeFile(p, f, ptr, len));
});
defineSyscall(295, 'preadv', 'd,p,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canRead(f)) return -EBADF;
  const sp = positional(f);
  if (sp) return sp;
  let off = a.s64(3);
  if (off < 0) return -EINVAL;
  const segs = iovecs(p, a.ptr(1), a.int(2));
  if (typeof segs === 'number') return segs;
  return eachSegment(segs, (ptr, len) => { const n = readFile(p, f, ptr, len, off); if (n > 0) off += n; return n; });
});
defineSyscall(296, 'pwritev', 'd,p,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (!canWrite(f)) return -EBADF;
  const sp = positional(f);
  if (sp) return sp;
  let off = a.s64(3);
  if (off < 0) return -EINVAL;
  const segs = iovecs(p, a.ptr(1), a.int(2));
  if (typeof segs === 'number') return segs;
  return eachSegment(segs, (ptr, len) => { const n = writeFile(p, f, ptr, len, off); if (n > 0) off += n; return n; });
});

defineSyscall(3, 'close', 'd', (p, a) => (p.fds.close(a.int(0)) ? 0 : -EBADF));

// ---- ioctl: terminals only --------------------------------------------------------
const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGWINSZ = 0x5413,
  TIOCSWINSZ = 0x5414, TIOCGPGRP = 0x540f, FIONREAD = 0x541b, FIONBIO = 0x5421, FIOCLEX = 0x5451, FIONCLEX = 0x5450;

function isTtyFd(fd: number): boolean {
  // The memory devices (major 1: /dev/null, /dev/zero, /dev/urandom ...) are never
  // terminals: answering from fstat spares loading node:tty (with node:net, a few ms of
  // startup) for the common run with output to /dev/null.
  try { if (((fs.fstatSync(fd).rdev >>> 8) & 0xfff) === 1) return false; } catch { /* ask isatty */ }
  try { return tty.isatty(fd); } catch { return false; }
}
function isTty(f: OpenFile): boolean {
  return f.hostFd >= 0 && f.kind === 'chr' && isTtyFd(f.hostFd);
}
export { isTty };

defineSyscall(16, 'ioctl', 'd,x,p', (p, a) => {
  const fd = a.int(0);
  const f = p.fds.get(fd);
  if (!f) return -EBADF;
  if (f.flags & O_PATH) return -EBADF;
  const req = a.u32(1), arg = a.ptr(2);
  switch (req) {
    case FIOCLEX: case FIONCLEX: { const e = p.fds.entry(fd)!; e.cloexec = req === FIOCLEX; return 0; }
    case FIONBIO: {
      if (!p.mem.check(arg, 4, P_R)) return -EFAULT;
      if (p.mem.dv.getUint32(arg, true)) f.flags |= O_NONBLOCK; else f.flags &= ~O_NONBLOCK;
      return 0;
    }
    case FIONREAD: {
      if (f.kind === 'dir') return -ENOTTY;
      if (!p.mem.check(arg, 4, P_W)) return -EFAULT;
      let n = 0;
      if (f.pipe) n = f.pipe.size;
      else if (f.mem) n = Math.max(0, f.mem.size - f.pos);
      else if (f.kind === 'file') { try { n = Math.max(0, fs.fstatSync(f.hostFd).size - Math.max(f.pos, 0)); } catch { n = 0; } }
      else if (!isTty(f) && f.kind !== 'fifo' && f.kind !== 'sock') return -ENOTTY;
      p.mem.dv.setUint32(arg, n, true);
      return 0;
    }
  }
  if (!isTty(f)) return -ENOTTY;
  switch (req) {
    case TIOCGWINSZ: {
      if (!p.mem.check(arg, 8, P_W)) return -EFAULT;
      let cols = 80, rows = 24;
      try { const ws = new tty.WriteStream(f.hostFd); cols = ws.columns || 80; rows = ws.rows || 24; } catch { /* defaults */ }
      p.mem.dv.setUint16(arg, rows, true); p.mem.dv.setUint16(arg + 2, cols, true);
      p.mem.dv.setUint32(arg + 4, 0, true);
      return 0;
    }
    case TCGETS: {
      if (!p.mem.check(arg, 36, P_W)) return -EFAULT;
      // a cooked terminal: iflag ICRNL|IXON, oflag OPOST|ONLCR, cflag B38400|CS8|CREAD, lflag ISIG|ICANON|ECHO...
      const dv = p.mem.dv;
      dv.setUint32(arg, 0x500, true); dv.setUint32(arg + 4, 0x5, true);
      dv.setUint32(arg + 8, 0xbf, true); dv.setUint32(arg + 12, 0x8a3b, true);
      p.mem.u8[arg + 16] = 0;
      const cc = [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0xf, 0x17, 0x16, 0, 0, 0];
      for (let k = 0; k < 19; k++) p.mem.u8[arg + 17 + k] = cc[k];
      return 0;
    }
    case TCSETS: case TCSETSW: case TCSETSF: case TIOCSWINSZ: return 0;
    case TIOCGPGRP: {
      if (!p.mem.check(arg, 4, P_W)) return -EFAULT;
      p.mem.dv.setUint32(arg, process.pid, true);
      return 0;
    }
  }
  return -EINVAL;
});
