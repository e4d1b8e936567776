// Guest paths to host paths. Every path-taking syscall resolves the guest's path
// through here: relative to the guest's cwd or to a directory fd, and absolute
// paths through hostAbs (where a sysroot prefix and /proc emulation hook in).
//
// Paths are byte strings: a JS string with one char per byte ('latin1'), so that
// any byte sequence a guest uses survives the trip to the host unchanged (the
// host calls take Buffer.from(path, 'latin1')). Joined paths are not normalised:
// the host kernel resolves "..", "." and symlinks itself, so rmdir("x/.") still
// fails with EINVAL and "a/../b" follows the physical directory tree, as on Linux.

import type { Process } from './process.js';
import * as fs from 'node:fs';
import { EBADF, EFAULT, ENAMETOOLONG, ENOENT, ENOTDIR, ENXIO } from './errno.js';
import { P_R } from '../mem/memory.js';
import { procFile } from './procfs.js';
import { sysroot, inRoot, outOfRoot } from './sysroot.js';

export const AT_FDCWD = -100;
export const PATH_MAX = 4096;

/** A path as bytes, one char per byte. */
export type BPath = string;

export function toBuffer(b: BPath): Buffer { return Buffer.from(b, 'latin1'); }
export function fromBytes(b: Uint8Array): BPath { return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1'); }
/** For messages and OpenFile.path: the bytes read as UTF-8. */
export function toText(b: BPath): string { return Buffer.from(b, 'latin1').toString('utf8'); }
export function fromText(s: string): BPath { return Buffer.from(s, 'utf8').toString('latin1'); }

/**
 * Read a NUL-terminated path argument from guest memory. Returns its bytes, or
 * -EFAULT (unreadable), -ENAMETOOLONG (no NUL within PATH_MAX), -ENOENT (empty,
 * unless allowEmpty: the AT_EMPTY_PATH callers).
 */
export function readPath(p: Process, ptr: number, allowEmpty = false): BPath | number {
  if (ptr <= 0) return -EFAULT;
  const s = p.mem.readCString(ptr, PATH_MAX);
  if (s === null) return p.mem.check(ptr, PATH_MAX, P_R) ? -ENAMETOOLONG : -EFAULT;
  if (s.length === 0 && !allowEmpty) return -ENOENT;
  return fromBytes(s);
}

/**
 * Where an absolute guest path is on the host, or -errno: inside the sysroot (-L)
 * when it exists there. The guest's own descriptors, named by /proc/self/fd/N,
 * /dev/fd/N or /dev/stdin, are its fds, not x64vm's.
 */
export function hostAbs(p: Process, g: BPath): BPath | number {
  // the host's /proc/self/exe is node: the guest's is the program x64vm runs
  if (g.length <= 24 && g.startsWith('/proc/') && SELF_EXE.has(g) && p.exePath) return fromText(p.exePath);
  const ref = fdPathRef(g);
  if (ref) {
    const f = p.fds.get(ref.fd);
    if (!f) return -ENOENT;
    if (f.hostFd >= 0 && IS_LINUX) return `/proc/self/fd/${f.hostFd}${ref.rest}`;
    if (f.hpath) return f.hpath + ref.rest;
    return -ENXIO; // an in-process pipe or memfd has no host name: open and stat take it from the fd
  }
  // -L DIR: inside the sysroot first, then the host's own (sysroot.ts)
  if (sysroot()) {
    const r = inRoot(g);
    if (r !== null) return r;
  }
  return g;
}

/**
 * The content of a file x64vm makes up for the absolute guest path g, or null: the
 * /proc and /sys files that must describe the guest rather than node (procfs.ts).
 */
export function emulatedFile(p: Process, g: BPath): Uint8Array | null { return procFile(p, g); }

const IS_LINUX = process.platform === 'linux';
const SELF_EXE = new Set(['/proc/self/exe', '/proc/thread-self/exe', `/proc/${process.pid}/exe`]);
const FD_PATH = new RegExp(`^/(?:proc/(?:self|thread-self|${process.pid})/fd|dev/fd)/(\\d+)(/.*)?$`);
const STD_PATHS: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };

/** The guest descriptor a path like /proc/self/fd/N, /dev/fd/N or /dev/stdin names, and what follows it. */
export function fdPathRef(g: BPath): { fd: number; rest: BPath; proc: boolean } | null {
  const c = g.charCodeAt(1);
  if (c !== 0x64 && c !== 0x70) return null; // neither /dev nor /proc
  const std = STD_PATHS[g];
  if (std !== undefined) return { fd: std, rest: '', proc: false };
  const m = FD_PATH.exec(g);
  if (!m || m[1].length > 9) return null;
  return { fd: Number(m[1]), rest: m[2] ?? '', proc: g.startsWith('/proc/') };
}

/** The target of a /proc symlink x64vm emulates (/proc/self/exe, /proc/self/fd/N, /proc/self/cwd), or null. */
export function procLink(p: Process, g: BPath): BPath | null {
  if (!g.startsWith('/proc/')) return null;
  if (SELF_EXE.has(g)) return p.exePath ? guestAbs(p, fromText(p.exePath)) : null;
  if (g === '/proc/self/cwd' || g === `/proc/${process.pid}/cwd`) {
    const c = liveCwd(p);
    return typeof c === 'number' ? null : guestAbs(p, c);
  }
  const ref = fdPathRef(g);
  if (!ref || ref.rest !== '') return null;
  const f = p.fds.get(ref.fd);
  if (!f) return null;
  if (f.hostFd >= 0 && IS_LINUX) {
    try { return guestAbs(p, fromBytes(fs.readlinkSync(`/proc/self/fd/${f.hostFd}`, { encoding: 'buffer' }))); } catch { /* below */ }
  }
  return guestAbs(p, fromText(f.path));
}

/** The guest's name for an absolute host path (getcwd, and the inverse of hostAbs): without a sysroot's prefix. */
export function guestAbs(_p: Process, h: BPath): BPath { return outOfRoot(h); }

/**
 * The guest's cwd: p.cwd (a host path in a JS string) as bytes, and on Linux an
 * O_PATH host fd on the directory, so that relative paths resolve through the
 * directory itself (as the kernel's cwd does, even after a rename).
 */
interface CwdState { text: string; b: BPath; fd: number }
const cwdCache = new WeakMap<Process, CwdState>();
const O_PATH_HOST = 0o10000000;

function openCwdFd(b: BPath): number {
  if (!IS_LINUX) return -1;
  try { return fs.openSync(Buffer.from(b, 'latin1'), O_PATH_HOST | fs.constants.O_DIRECTORY); } catch { return -1; }
}

function cwdState(p: Process): CwdState {
  let c = cwdCache.get(p);
  if (c && c.text === p.cwd) return c;
  if (c && c.fd >= 0) { try { fs.closeSync(c.fd); } catch { /* gone */ } }
  const b = fromText(p.cwd);
  c = { text: p.cwd, b, fd: openCwdFd(b) };
  cwdCache.set(p, c);
  return c;
}

/** The guest's cwd as a host byte path. */
export function cwdOf(p: Process): BPath { return cwdState(p).b; }

/** Set the guest's cwd to an absolute host path. */
export function setCwd(p: Process, b: BPath): void {
  const old = cwdCache.get(p);
  if (old && old.fd >= 0) { try { fs.closeSync(old.fd); } catch { /* gone */ } }
  const text = toText(b);
  p.cwd = text;
  cwdCache.set(p, { text, b, fd: openCwdFd(b) });
}

/**
 * The cwd's current host path (what getcwd reports: it follows a rename of the
 * directory), or -ENOENT when the directory has been removed.
 */
export function liveCwd(p: Process): BPath | number {
  const fast = p.cwd === hostCwd;
  const c = fast ? null : cwdState(p);
  let now: BPath;
  try {
    now = fromBytes(fs.realpathSync.native(fast ? '.' : Buffer.from(c!.fd >= 0 ? `/proc/self/fd/${c!.fd}` : c!.b, 'latin1'),
      { encoding: 'buffer' }));
  } catch { return -ENOENT; }
  if (c && now !== c.b) { c.b = now; c.text = toText(now); p.cwd = c.text; }
  return now;
}

/** x64vm never changes its own directory, so this is where relative host paths start. */
const hostCwd = process.cwd();
const hostCwdB = fromText(hostCwd);

/** An absolute host path for h (which resolveAt may have left relative to x64vm's own cwd). */
export function absHost(h: BPath): BPath {
  if (h.charCodeAt(0) === 0x2f) return h;
  if (h === '.' || h === '') return hostCwdB;
  return hostCwdB === '/' ? '/' + h : hostCwdB + '/' + h;
}

/**
 * Resolve guest path bytes g relative to dirfd (AT_FDCWD or an open directory).
 * Returns a host path, or -EBADF (dirfd not open) / -ENOTDIR (dirfd not a
 * directory). An absolute g ignores dirfd, as Linux does. An empty g names the
 * directory itself (callers check AT_EMPTY_PATH first).
 */
export function resolveAt(p: Process, dirfd: number, g: BPath): BPath | number {
  if (g.charCodeAt(0) === 0x2f) return hostAbs(p, g);
  let base: BPath;
  if (dirfd === AT_FDCWD) {
    // the common case: the guest is still where x64vm started
    if (p.cwd === hostCwd) return g === '' ? '.' : g;
    const c = cwdState(p);
    base = c.fd >= 0 ? `/proc/self/fd/${c.fd}` : c.b;
  } else {
    const f = p.fds.get(dirfd);
    if (!f) return -EBADF;
    if (f.kind !== 'dir' || !f.hpath) return -ENOTDIR;
    // on Linux through the open directory itself, which may have been renamed since
    base = IS_LINUX && f.hostFd >= 0 ? `/proc/self/fd/${f.hostFd}` : f.hpath;
  }
  if (g === '') return base;
  return base.endsWith('/') ? base + g : base + '/' + g;
}

/** readPath + resolveAt: a host path for the path argument at ptr, or -errno. */
export function pathAt(p: Process, dirfd: number, ptr: number): BPath | number {
  const g = readPath(p, ptr);
  if (typeof g === 'number') return g;
  return resolveAt(p, dirfd, g);
}
