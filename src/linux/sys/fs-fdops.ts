// Calls on open files: getdents64/getdents, ftruncate, fallocate, fsync and
// friends, fadvise64, flock, sendfile, copy_file_range.

import * as fs from 'node:fs';
import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { OpenFile, O_PATH, O_APPEND } from '../fdtable.js';
import { EBADF, EINVAL, ENOTDIR, EFAULT, ESPIPE, EISDIR, EOPNOTSUPP, ENODEV, EFBIG, EPERM, EOVERFLOW } from '../errno.js';
import { P_W } from '../../mem/memory.js';
import { hostErr, IS_LINUX } from './fs-common.js';
import { fileSize } from './fs-open.js';
import { readInto, writeFrom, canRead, canWrite, MAX_RW } from './io.js';
import { syncFile, fileChanged } from '../sharedmap.js';

/** The file behind fd for calls that do not accept O_PATH descriptors, or -EBADF. */
function fileOf(p: Process, fd: number): OpenFile | number {
  const f = p.fds.get(fd);
  if (!f || (f.flags & O_PATH)) return -EBADF;
  return f;
}

// ---- directory listing ----------------------------------------------------------------------
const DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12;

function direntType(d: fs.Dirent): number {
  if (d.isFile()) return DT_REG;
  if (d.isDirectory()) return DT_DIR;
  if (d.isSymbolicLink()) return DT_LNK;
  if (d.isFIFO()) return DT_FIFO;
  if (d.isCharacterDevice()) return DT_CHR;
  if (d.isBlockDevice()) return DT_BLK;
  if (d.isSocket()) return DT_SOCK;
  return DT_UNKNOWN;
}

/**
 * The entries of a directory, "." and ".." first, in the host's readdir order
 * (Node's Dir reads them unsorted, as the kernel returns them). Inode numbers
 * come from lstat, which Node's Dirent does not carry.
 */
function listDir(f: OpenFile): OpenFile['dirEntries'] | number {
  // on Linux the open directory itself, even if it was renamed since
  const base = Buffer.from(IS_LINUX && f.hostFd >= 0 ? `/proc/self/fd/${f.hostFd}` : f.hpath, 'latin1');
  const join = (name: Buffer) => Buffer.concat([base, SLASH, name]);
  const out: NonNullable<OpenFile['dirEntries']> = [];
  try {
    const self = fs.statSync(base, { bigint: true });
    out.push({ name: DOT, ino: self.ino, type: DT_DIR });
    let up = self.ino;
    try { up = fs.statSync(join(DOTDOT), { bigint: true }).ino; } catch { /* the top of what we can see */ }
    out.push({ name: DOTDOT, ino: up, type: DT_DIR });
    const d = fs.opendirSync(base, { encoding: 'buffer' as BufferEncoding });
    try {
      for (let e = d.readSync(); e; e = d.readSync()) {
        const name = e.name as unknown as Buffer;
        let ino: bigint;
        try { ino = fs.lstatSync(join(name), { bigint: true }).ino; } catch { continue; } // gone meanwhile
        out.push({ name, ino, type: direntType(e) });
      }
    } finally { d.closeSync(); }
  } catch (e) { return hostErr(e); }
  return out;
}
const SLASH = Buffer.from('/'), DOT = Buffer.from('.'), DOTDOT = Buffer.from('..');

function getdents(p: Process, fd: number, ptr: number, count: number, legacy: boolean): number {
  const f = fileOf(p, fd);
  if (typeof f === 'number') return f;
  if (f.kind !== 'dir') return -ENOTDIR;
  if (!p.mem.check(ptr, Math.min(count, 0x10000000), P_W)) return -EFAULT;
  if (!f.dirEntries) {
    const list = listDir(f);
    if (typeof list === 'number') return list;
    f.dirEntries = list;
  }
  const list = f.dirEntries!;
  const dv = p.mem.dv, u8 = p.mem.u8;
  let used = 0;
  while (f.dirPos < list.length) {
    const e = list[f.dirPos];
    const head = legacy ? 18 : 19;
    const reclen = (head + e.name.length + (legacy ? 2 : 1) + 7) & ~7;
    if (used + reclen > count) {
      if (used === 0) return -EINVAL;
      break;
    }
    const at = ptr + used;
    p.mem.noteWrite(at, reclen);
    u8.fill(0, at, at + reclen);
    dv.setBigUint64(at, e.ino, true);
    dv.setBigUint64(at + 8, BigInt(f.dirPos + 1), true); // d_off: where the next entry starts
    dv.setUint16(at + 16, reclen, true);
    if (legacy) {
      u8.set(e.name, at + 18);
      u8[at + reclen - 1] = e.type;
    } else {
      u8[at + 18] = e.type;
      u8.set(e.name, at + 19);
    }
    used += reclen;
    f.dirPos++;
  }
  return used;
}

defineSyscall(217, 'getdents64', 'd,p,u', (p, a) => getdents(p, a.int(0), a.ptr(1), a.u32(2), false));
defineSyscall(78, 'getdents', 'd,p,u', (p, a) => getdents(p, a.int(0), a.ptr(1), a.u32(2), true));

// ---- size and space ---------------------------------------------------------------------------
const F_SEAL_SHRINK = 2, F_SEAL_GROW = 4, F_SEAL_WRITE = 8;

export function truncateOpen(f: OpenFile, len: number, p?: Process): number {
  if (!p) return truncateBare(f, len);
  // MAP_SHARED mappings of the file: their changes go in first, and they see the new size
  syncFile(p, f);
  const r = truncateBare(f, len);
  if (r === 0) fileChanged(p, f, 0, Infinity);
  return r;
}

function truncateBare(f: OpenFile, len: number): number {
  if (f.mem) {
    if ((len < f.mem.size && (f.mem.seals & F_SEAL_SHRINK)) || (len > f.mem.size && (f.mem.seals & F_SEAL_GROW))) return -EPERM;
    f.mem.truncate(len);
    return 0;
  }
  if (f.hostFd < 0) return -EINVAL;
  try { fs.ftruncateSync(f.hostFd, len); return 0; } catch (e) { return hostErr(e); }
}

defineSyscall(77, 'ftruncate', 'd,d', (p, a) => {
  const f = fileOf(p, a.int(0));
  if (typeof f === 'number') return f;
  const len = a.s64(1);
  if (len < 0) return -EINVAL;
  if (f.kind !== 'file' || f.pipe || !canWrite(f)) return -EINVAL;
  return truncateOpen(f, len, p);
});

const FALLOC_FL_KEEP_SIZE = 1, FALLOC_FL_PUNCH_HOLE = 2, FALLOC_FL_NO_HIDE_STALE = 4, FALLOC_FL_COLLAPSE_RANGE = 8,
  FALLOC_FL_ZERO_RANGE = 0x10, FALLOC_FL_INSERT_RANGE = 0x20, FALLOC_FL_UNSHARE_RANGE = 0x40;

/** Write zeros over [off, end) of a file. */
function zeroRange(p: Process, f: OpenFile, off: number, end: number): number {
  const chunk = new Uint8Array(Math.min(end - off, 1 << 20));
  while (off < end) {
    const n = writeFrom(p, f, chunk.subarray(0, Math.min(chunk.length, end - off)), off);
    if (n < 0) return n;
    off += n;
  }
  return 0;
}

defineSyscall(285, 'fallocate', 'd,x,d,d', (p, a) => {
  const mode = a.int(1), off = a.s64(2), len = a.s64(3);
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (off < 0 || len <= 0) return -EINVAL;
  const all = FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | FALLOC_FL_NO_HIDE_STALE | FALLOC_FL_COLLAPSE_RANGE |
    FALLOC_FL_ZERO_RANGE | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE;
  if (mode & ~all) return -EOPNOTSUPP;
  if ((mode & FALLOC_FL_PUNCH_HOLE) && (mode & FALLOC_FL_ZERO_RANGE)) return -EOPNOTSUPP;
  if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE)) return -EOPNOTSUPP;
  if ((mode & FALLOC_FL_NO_HIDE_STALE) && !(mode & FALLOC_FL_PUNCH_HOLE)) return -EOPNOTSUPP;
  if ((mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE)) && mode !== FALLOC_FL_COLLAPSE_RANGE && mode !== FALLOC_FL_INSERT_RANGE) return -EINVAL;
  if (!canWrite(f)) return -EBADF;
  if (f.pipe || f.kind === 'fifo') return -ESPIPE;
  if (f.kind === 'dir') return -EISDIR;
  if (f.kind !== 'file' && f.kind !== 'blk') return -ENODEV;
  if (off + len > Number.MAX_SAFE_INTEGER) return -EFBIG;
  if (f.mem && (f.mem.seals & F_SEAL_WRITE)) return -EPERM;
  // without a host fallocate: give the size, zero what must read as zero
  const size = fileSize(f), end = off + len;
  if (mode & (FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)) return -EOPNOTSUPP;
  if (mode & (FALLOC_FL_PUNCH_HOLE | FALLOC_FL_ZERO_RANGE)) {
    const r = zeroRange(p, f, Math.min(off, size), (mode & FALLOC_FL_KEEP_SIZE) ? Math.min(end, size) : end);
    if (r < 0) return r;
    return 0;
  }
  if (!(mode & FALLOC_FL_KEEP_SIZE) && end > size) return truncateOpen(f, end, p);
  return 0;
});

defineSyscall(221, 'fadvise64', 'd,d,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (f.pipe || f.kind === 'fifo') return -ESPIPE;
  const advice = a.int(3), len = a.s64(2);
  if (advice < 0 || advice > 5 || len < 0) return -EINVAL;
  return 0;
});

defineSyscall(73, 'flock', 'd,d', (p, a) => {
  const f = fileOf(p, a.int(0));
  if (typeof f === 'number') return f;
  const cmd = a.int(1) & ~4; // LOCK_NB
  // one process holds every lock it asks for (see fcntl's record locks)
  if (cmd !== 1 && cmd !== 2 && cmd !== 8 && !(cmd & 32)) return -EINVAL;
  return 0;
});

function syncFd(p: Process, fd: number, data: boolean): number {
  const f = fileOf(p, fd);
  if (typeof f === 'number') return f;
  if (f.pipe) return -EINVAL;
  if (f.mem || f.hostFd < 0) return 0;
  try { if (data) fs.fdatasyncSync(f.hostFd); else fs.fsyncSync(f.hostFd); return 0; } catch (e) { return hostErr(e); }
}
defineSyscall(74, 'fsync', 'd', (p, a) => syncFd(p, a.int(0), false));
defineSyscall(75, 'fdatasync', 'd', (p, a) => syncFd(p, a.int(0), true));
defineSyscall(162, 'sync', '', () => 0);
defineSyscall(306, 'syncfs', 'd', (p, a) => (p.fds.get(a.int(0)) ? 0 : -EBADF));
defineSyscall(277, 'sync_file_range', 'd,d,d,x', (p, a) => {
  const f = fileOf(p, a.int(0));
  if (typeof f === 'number') return f;
  if (a.s64(1) < 0 || a.s64(2) < 0 || (a.u32(3) & ~7)) return -EINVAL;
  if (f.pipe || f.kind === 'fifo') return -ESPIPE;
  return 0;
});

// ---- copying between files ------------------------------------------------------------------
const COPY_CHUNK = 1 << 20;

/** Copy up to len bytes from (in, inPos) to out; positions of -1 use and advance the file offsets. */
function copyData(p: Process, fin: OpenFile, inPos: number, fout: OpenFile, outPos: number, len: number): number {
  let total = 0;
  const buf = new Uint8Array(Math.min(len, COPY_CHUNK));
  while (total < len) {
    const n = readInto(p, fin, buf.subarray(0, Math.min(buf.length, len - total)), inPos < 0 ? -1 : inPos + total);
    if (n < 0) return total > 0 ? total : n;
    if (n === 0) break;
    let w = 0;
    while (w < n) {
      const k = writeFrom(p, fout, buf.subarray(w, n), outPos < 0 ? -1 : outPos + total + w);
      if (k < 0) {
        // hand back what was read and not written
        if (inPos < 0 && fin.pos >= 0) fin.pos -= n - w;
        return total + w > 0 ? total + w : k;
      }
      w += k;
    }
    total += n;
    if (n < buf.length && fin.kind !== 'file') break;
  }
  return total;
}

function readOff(p: Process, ptr: number): number | null {
  if (!p.mem.check(ptr, 8, P_W)) return null;
  const lo = p.mem.dv.getUint32(ptr, true), hi = p.mem.dv.getInt32(ptr + 4, true);
  return hi * 4294967296 + lo;
}
function writeOff(p: Process, ptr: number, v: number): void {
  p.mem.noteWrite(ptr, 8);
  p.mem.dv.setUint32(ptr, v >>> 0, true);
  p.mem.dv.setUint32(ptr + 4, Math.floor(v / 4294967296), true);
}

defineSyscall(40, 'sendfile', 'd,d,p,u', (p, a) => {
  const fin = fileOf(p, a.int(1));
  if (typeof fin === 'number') return fin;
  if (!canRead(fin)) return -EBADF;
  const offPtr = a.ptr(2);
  if (offPtr !== 0 && (fin.pipe || fin.kind === 'fifo' || fin.kind === 'sock')) return -ESPIPE;
  const fout = fileOf(p, a.int(0));
  if (typeof fout === 'number') return fout;
  if (!canWrite(fout)) return -EBADF;
  if (fout.flags & O_APPEND) return -EINVAL;
  if (fin.kind !== 'file' || fin.pipe) return -EINVAL;
  const count = Math.min(a.u64(3), MAX_RW);
  let pos = -1;
  if (offPtr !== 0) {
    const o = readOff(p, offPtr);
    if (o === null) return -EFAULT;
    if (o < 0) return -EINVAL;
    pos = o;
  }
  if (count === 0) return 0;
  const n = copyData(p, fin, pos, fout, -1, count);
  if (n > 0 && offPtr !== 0) writeOff(p, offPtr, pos + n);
  return n;
});

defineSyscall(326, 'copy_file_range', 'd,p,d,p,u,x', (p, a) => {
  const inPtr = a.ptr(1), outPtr = a.ptr(3), len = Math.min(a.u64(4), MAX_RW);
  if (a.u32(5) !== 0 || a.hi[5] !== 0) return -EINVAL;
  const fin = fileOf(p, a.int(0)), fout = fileOf(p, a.int(2));
  if (typeof fin === 'number') return fin;
  if (typeof fout === 'number') return fout;
  if (!canRead(fin) || !canWrite(fout)) return -EBADF;
  if (fout.flags & O_APPEND) return -EBADF;
  if (fin.kind === 'dir' || fout.kind === 'dir') return -EISDIR;
  if (fin.kind !== 'file' || fout.kind !== 'file' || fin.pipe || fout.pipe) return -EINVAL;
  let inPos = -1, outPos = -1;
  if (inPtr !== 0) { const o = readOff(p, inPtr); if (o === null) return -EFAULT; inPos = o; }
  if (outPtr !== 0) { const o = readOff(p, outPtr); if (o === null) return -EFAULT; outPos = o; }
  if ((inPtr !== 0 && inPos < 0) || (outPtr !== 0 && outPos < 0)) return -EOVERFLOW;
  const ip = inPos >= 0 ? inPos : Math.max(fin.pos, 0), op = outPos >= 0 ? outPos : Math.max(fout.pos, 0);
  if (sameFile(fin, fout) && ip < op + len && op < ip + len) return -EINVAL;
  if (len === 0) return 0;
  // explicit offsets leave the file offsets alone; otherwise they advance (copyData moves
  // them, also the host's own offset of an inherited fd, which other processes share)
  const n = copyData(p, fin, inPtr !== 0 ? ip : -1, fout, outPtr !== 0 ? op : -1, len);
  if (n > 0) {
    if (inPtr !== 0) writeOff(p, inPtr, ip + n);
    if (outPtr !== 0) writeOff(p, outPtr, op + n);
  }
  return n;
});

function sameFile(a: OpenFile, b: OpenFile): boolean {
  if (a === b) return true;
  if (a.mem || b.mem) return a.mem === b.mem;
  if (a.hostFd < 0 || b.hostFd < 0) return false;
  try {
    const x = fs.fstatSync(a.hostFd, { bigint: true }), y = fs.fstatSync(b.hostFd, { bigint: true });
    return x.ino === y.ino && x.dev === y.dev;
  } catch { return false; }
}

