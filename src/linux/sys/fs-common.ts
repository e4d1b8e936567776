// Shared pieces of the file-system syscalls: host error mapping, stat structures
// as x86-64 Linux lays them out, open-flag translation, the umask, time conversion.

import * as fs from 'node:fs';
import type { Process } from '../process.js';
import { OpenFile, FileKind } from '../fdtable.js';
import { errnoFromNode, EFAULT } from '../errno.js';
import { P_W } from '../../mem/memory.js';
import { toBuffer, BPath } from '../path.js';

export const AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200, AT_SYMLINK_FOLLOW = 0x400,
  AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000, AT_STATX_SYNC_TYPE = 0x6000;

export const S_IFMT = 0o170000, S_IFIFO = 0o010000, S_IFCHR = 0o020000, S_IFDIR = 0o040000, S_IFBLK = 0o060000,
  S_IFREG = 0o100000, S_IFLNK = 0o120000, S_IFSOCK = 0o140000;

export const IS_LINUX = process.platform === 'linux';

export const euid = typeof process.geteuid === 'function' ? process.geteuid() : 0;
export const egid = typeof process.getegid === 'function' ? process.getegid() : 0;

/** -errno for an exception thrown by a node:fs call. */
export function hostErr(e: unknown): number { return -errnoFromNode(e); }

export const B = toBuffer;

/** Run a host call that creates something with the host's umask cleared (the guest's umask was applied already). */
export function withoutHostUmask<T>(fn: () => T): T {
  let old = -1;
  try { old = process.umask(0); } catch { /* not allowed here (a worker): the host umask applies too */ }
  try { return fn(); } finally { if (old > 0) process.umask(old); }
}

/** The fields of a stat, as Node gives them with { bigint: true }. */
export interface StatLike {
  dev: bigint; ino: bigint; mode: bigint; nlink: bigint; uid: bigint; gid: bigint; rdev: bigint;
  size: bigint; blksize: bigint; blocks: bigint;
  atimeNs: bigint; mtimeNs: bigint; ctimeNs: bigint; birthtimeNs: bigint;
}

export function kindOfMode(mode: number): FileKind {
  switch (mode & S_IFMT) {
    case S_IFREG: return 'file';
    case S_IFDIR: return 'dir';
    case S_IFCHR: return 'chr';
    case S_IFBLK: return 'blk';
    case S_IFIFO: return 'fifo';
    case S_IFSOCK: return 'sock';
    case S_IFLNK: return 'link';
  }
  return 'special';
}

/** pipefs and the anonymous tmpfs of memfds have device numbers of their own on Linux */
const PIPEFS_DEV = 0xdn, MEMFD_DEV = 0x1n;

function synth(dev: bigint, ino: number, mode: number, size: number, timeNs: bigint, blocks = 0): StatLike {
  return {
    dev, ino: BigInt(ino), mode: BigInt(mode), nlink: 1n, uid: BigInt(euid), gid: BigInt(egid), rdev: 0n,
    size: BigInt(size), blksize: 4096n, blocks: BigInt(blocks),
    atimeNs: timeNs, mtimeNs: timeNs, ctimeNs: timeNs, birthtimeNs: 0n,
  };
}

/** stat of an open file, or -errno. */
export function statOpenFile(f: OpenFile): StatLike | number {
  if (f.pipe) return synth(PIPEFS_DEV, f.pipe.ino, S_IFIFO | 0o600, 0, f.pipe.timeNs);
  if (f.mem) {
    const m = f.mem;
    const s = synth(MEMFD_DEV, m.ino, m.mode, m.size, m.mtimeNs, Math.ceil(m.size / 4096) * 8);
    s.atimeNs = m.atimeNs; s.ctimeNs = m.ctimeNs; s.uid = BigInt(m.uid); s.gid = BigInt(m.gid);
    s.nlink = 0n; // a memfd has no name
    return s;
  }
  try {
    if (f.hostFd >= 0) return fs.fstatSync(f.hostFd, { bigint: true });
    if (f.hpath) return fs.lstatSync(B(f.hpath), { bigint: true });
  } catch (e) { return hostErr(e); }
  const data = f.data;
  return synth(0n, 0, S_IFREG | 0o444, data ? data.length : 0, 0n);
}

/** stat by host path (following a final symlink unless nofollow), or -errno. */
export function statPath(h: BPath, nofollow: boolean): StatLike | number {
  try {
    return nofollow ? fs.lstatSync(B(h), { bigint: true }) : fs.statSync(B(h), { bigint: true });
  } catch (e) { return hostErr(e); }
}

function splitNs(ns: bigint): [bigint, bigint] {
  let sec = ns / 1000000000n, nsec = ns % 1000000000n;
  if (nsec < 0n) { nsec += 1000000000n; sec -= 1n; }
  return [sec, nsec];
}

/** Write a struct stat (x86-64 layout, 144 bytes). Returns 0 or -EFAULT. */
export function writeStat(p: Process, ptr: number, st: StatLike): number {
  if (!p.mem.check(ptr, 144, P_W)) return -EFAULT;
  p.mem.noteWrite(ptr, 144);
  const dv = p.mem.dv;
  const u64 = (o: number, v: bigint) => dv.setBigUint64(ptr + o, BigInt.asUintN(64, v), true);
  u64(0, st.dev); u64(8, st.ino); u64(16, st.nlink);
  dv.setUint32(ptr + 24, Number(st.mode), true);
  dv.setUint32(ptr + 28, Number(st.uid), true);
  dv.setUint32(ptr + 32, Number(st.gid), true);
  dv.setUint32(ptr + 36, 0, true);
  u64(40, st.rdev); u64(48, st.size); u64(56, st.blksize); u64(64, st.blocks);
  const times = [st.atimeNs, st.mtimeNs, st.ctimeNs];
  for (let k = 0; k < 3; k++) {
    const [s, n] = splitNs(times[k]);
    u64(72 + 16 * k, s); u64(80 + 16 * k, n);
  }
  u64(120, 0n); u64(128, 0n); u64(136, 0n);
  return 0;
}

export const STATX_BASIC_STATS = 0x7ff, STATX_BTIME = 0x800, STATX__RESERVED = 0x80000000;

/** Linux's (major, minor) from a 64-bit dev_t as glibc encodes it. */
function devParts(dev: bigint): [number, number] {
  const major = Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn));
  const minor = Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn));
  return [major >>> 0, minor >>> 0];
}

/** Write a struct statx (256 bytes). Returns 0 or -EFAULT. */
export function writeStatx(p: Process, ptr: number, st: StatLike): number {
  if (!p.mem.check(ptr, 256, P_W)) return -EFAULT;
  p.mem.noteWrite(ptr, 256);
  p.mem.u8.fill(0, ptr, ptr + 256);
  const dv = p.mem.dv;
  const u64 = (o: number, v: bigint) => dv.setBigUint64(ptr + o, BigInt.asUintN(64, v), true);
  const hasBirth = st.birthtimeNs > 0n;
  dv.setUint32(ptr, STATX_BASIC_STATS | (hasBirth ? STATX_BTIME : 0), true);
  dv.setUint32(ptr + 4, Number(st.blksize), true);
  dv.setUint32(ptr + 16, Number(st.nlink), true);
  dv.setUint32(ptr + 20, Number(st.uid), true);
  dv.setUint32(ptr + 24, Number(st.gid), true);
  dv.setUint16(ptr + 28, Number(st.mode), true);
  u64(32, st.ino); u64(40, st.size); u64(48, st.blocks);
  const ts = (o: number, ns: bigint) => { const [s, n] = splitNs(ns); u64(o, s); dv.setUint32(ptr + o + 8, Number(n), true); };
  ts(0x40, st.atimeNs);
  if (hasBirth) ts(0x50, st.birthtimeNs);
  ts(0x60, st.ctimeNs);
  ts(0x70, st.mtimeNs);
  const [rmaj, rmin] = devParts(st.rdev), [dmaj, dmin] = devParts(st.dev);
  dv.setUint32(ptr + 0x80, rmaj, true); dv.setUint32(ptr + 0x84, rmin, true);
  dv.setUint32(ptr + 0x88, dmaj, true); dv.setUint32(ptr + 0x8c, dmin, true);
  return 0;
}

/**
 * A time for fs.utimesSync that lands exactly on (sec, nsec rounded down to
 * microseconds): libuv turns the double into a timespec by truncation and keeps
 * microseconds only, so aim at the middle of the wanted microsecond. A numeric
 * string keeps Node from treating negative times as "now".
 */
export function utimeArg(sec: number, nsec: number): string {
  const us = Math.floor(nsec / 1000);
  const frac = sec >= 0 ? (us * 1000 + 500) / 1e9 : (us * 1000 - 500) / 1e9;
  return String(sec + frac);
}
