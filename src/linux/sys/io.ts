// read/write and their vector and positional forms, close, ioctl.

import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import type { OpenFile } from '../fdtable.js';
import { EBADF, EFAULT, EINVAL, ENOTTY, EISDIR, ESPIPE, EAGAIN, errnoFromNode } from '../errno.js';
import { writeAllSync } from '../host.js';
import { P_R, P_W } from '../../mem/memory.js';

export const O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_APPEND = 0x400, O_NONBLOCK = 0x800;

/** Read up to len bytes from an open file into guest memory at ptr. Returns count or -errno. */
export function readFile(p: Process, f: OpenFile, ptr: number, len: number, pos = -1): number {
  if ((f.flags & O_ACCMODE) === O_WRONLY) return -EBADF;
  if (f.kind === 'dir') return -EISDIR;
  const buf = p.mem.view(ptr, len, P_W);
  if (!buf) return -EFAULT;
  if (len === 0) return 0;
  p.mem.noteWrite(ptr, len);
  if (f.data) {
    const at = pos >= 0 ? pos : f.pos;
    const n = Math.max(0, Math.min(len, f.data.length - at));
    buf.set(f.data.subarray(at, at + n));
    if (pos < 0) f.pos += n;
    return n;
  }
  if (f.hostFd < 0) return 0;
  for (;;) {
    try {
      // a shared-memory view cannot be handed to fs.readSync directly on every Node; go through a buffer
      const tmp = Buffer.allocUnsafe(Math.min(len, 1 << 20));
      const usePos = pos >= 0 ? pos : f.pos >= 0 && f.kind === 'file' ? f.pos : null;
      const n = fs.readSync(f.hostFd, tmp, 0, tmp.length, usePos);
      buf.set(tmp.subarray(0, n));
      if (pos < 0 && f.pos >= 0 && f.kind === 'file') f.pos += n;
      return n;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN' && !(f.flags & O_NONBLOCK)) { waitReadable(f.hostFd); continue; }
      if (code === 'EOF') return 0;
      return -errnoFromNode(e);
    }
  }
}

/** Block until a host fd that Node made non-blocking has data (or EOF). */
function waitReadable(_fd: number): void {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(cell, 0, 0, 2);
}

export function writeFile(p: Process, f: OpenFile, ptr: number, len: number, pos = -1): number {
  if ((f.flags & O_ACCMODE) === O_RDONLY && f.hostFd > 2) return -EBADF;
  const buf = p.mem.view(ptr, len, P_R);
  if (!buf) return -EFAULT;
  if (len === 0) return 0;
  if (f.data) return len; // /dev/null-like sinks
  if (f.hostFd < 0) return -EBADF;
  try {
    const copy = Buffer.from(buf); // detach from shared memory
    if (pos >= 0) return fs.writeSync(f.hostFd, copy, 0, len, pos);
    if (f.kind === 'file' && f.pos >= 0 && !(f.flags & O_APPEND)) {
      const n = fs.writeSync(f.hostFd, copy, 0, len, f.pos);
      f.pos += n;
      return n;
    }
    const n = writeAllSync(f.hostFd, copy);
    if (f.kind === 'file' && f.pos >= 0) f.pos = fs.fstatSync(f.hostFd).size;
    return n;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') { p.sig.queue({ signo: 13, code: 0 }); }
    if (code === 'EAGAIN') return -EAGAIN;
    return -errnoFromNode(e);
  }
}

defineSyscall(0, 'read', 'd,p,u', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return readFile(p, f, ptr, Math.min(a.u64(2), 0x7ffff000));
});

defineSyscall(1, 'write', 'd,b,u', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  const ptr = a.ptr(1);
  if (ptr < 0) return -EFAULT;
  return writeFile(p, f, ptr, Math.min(a.u64(2), 0x7ffff000));
});

defineSyscall(17, 'pread64', 'd,p,u,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (f.kind === 'fifo' || f.kind === 'sock' || f.kind === 'chr') return -ESPIPE;
  const off = a.s64(3);
  if (off < 0) return -EINVAL;
  return readFile(p, f, a.ptr(1), Math.min(a.u64(2), 0x7ffff000), off);
});

defineSyscall(18, 'pwrite64', 'd,b,u,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (f.kind === 'fifo' || f.kind === 'sock' || f.kind === 'chr') return -ESPIPE;
  const off = a.s64(3);
  if (off < 0) return -EINVAL;
  return writeFile(p, f, a.ptr(1), Math.min(a.u64(2), 0x7ffff000), off);
});

/** Walk an iovec array, calling op for each buffer until it returns short or fails. */
function vectored(p: Process, iov: number, cnt: number, op: (ptr: number, len: number) => number): number {
  if (cnt < 0 || cnt > 1024) return -EINVAL;
  const v = p.mem.view(iov, cnt * 16, P_R);
  if (!v && cnt > 0) return -EFAULT;
  let total = 0;
  for (let k = 0; k < cnt; k++) {
    const base = p.mem.dv.getUint32(iov + 16 * k, true) + p.mem.dv.getUint32(iov + 16 * k + 4, true) * 4294967296;
    const len = p.mem.dv.getUint32(iov + 16 * k + 8, true) + p.mem.dv.getUint32(iov + 16 * k + 12, true) * 4294967296;
    if (len === 0) continue;
    if (base >= 0x100000000) return total > 0 ? total : -EFAULT;
    const n = op(base, len);
    if (n < 0) return total > 0 ? total : n;
    total += n;
    if (n < len) break;
  }
  return total;
}

defineSyscall(19, 'readv', 'd,p,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  return vectored(p, a.ptr(1), a.int(2), (ptr, len) => readFile(p, f, ptr, len));
});
defineSyscall(20, 'writev', 'd,p,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  return vectored(p, a.ptr(1), a.int(2), (ptr, len) => writeFile(p, f, ptr, len));
});
defineSyscall(295, 'preadv', 'd,p,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  let off = a.s64(3);
  return vectored(p, a.ptr(1), a.int(2), (ptr, len) => { const n = readFile(p, f, ptr, len, off); if (n > 0) off += n; return n; });
});
defineSyscall(296, 'pwritev', 'd,p,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  let off = a.s64(3);
  return vectored(p, a.ptr(1), a.int(2), (ptr, len) => { const n = writeFile(p, f, ptr, len, off); if (n > 0) off += n; return n; });
});

defineSyscall(3, 'close', 'd', (p, a) => (p.fds.close(a.int(0)) ? 0 : -EBADF));

// ---- ioctl: terminals only --------------------------------------------------------
const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGWINSZ = 0x5413,
  TIOCSWINSZ = 0x5414, TIOCGPGRP = 0x540f, FIONREAD = 0x541b, FIONBIO = 0x5421, FIOCLEX = 0x5451, FIONCLEX = 0x5450;

function isTty(f: OpenFile): boolean {
  if (f.hostFd < 0 || f.kind !== 'chr') return false;
  try { return tty.isatty(f.hostFd); } catch { return false; }
}

defineSyscall(16, 'ioctl', 'd,x,p', (p, a) => {
  const fd = a.int(0);
  const f = p.fds.get(fd);
  if (!f) return -EBADF;
  const req = a.u32(1), arg = a.ptr(2);
  switch (req) {
    case FIOCLEX: case FIONCLEX: { const e = p.fds.entry(fd)!; e.cloexec = req === FIOCLEX; return 0; }
    case FIONBIO: return 0;
    case FIONREAD: {
      if (!p.mem.check(arg, 4, P_W)) return -EFAULT;
      let n = 0;
      if (f.kind === 'file') { try { n = Math.max(0, fs.fstatSync(f.hostFd).size - Math.max(f.pos, 0)); } catch { n = 0; } }
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
