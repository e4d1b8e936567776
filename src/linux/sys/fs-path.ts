// Calls that name files by path: the stat family, access, mkdir/rmdir/unlink,
// rename, symlink/readlink/link, chmod/chown, chdir/getcwd, truncate, the
// utimes family, statfs, mknod.

import * as fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { OpenFile, O_PATH, O_CREAT, O_EXCL, O_WRONLY } from '../fdtable.js';
import {
  EBADF, EINVAL, EFAULT, ENOENT, ENOTDIR, EEXIST, ERANGE, EPERM, EOPNOTSUPP, EISDIR,
} from '../errno.js';
import { P_R, P_W } from '../../mem/memory.js';
import { syncPath, keyChanged } from '../sharedmap.js';
import {
  readPath, resolveAt, pathAt, liveCwd, setCwd, guestAbs, fromBytes, procLink, fdPathRef, AT_FDCWD, BPath,
} from '../path.js';
import {
  B, hostErr, statOpenFile, statPath, writeStat, writeStatx, StatLike, withoutHostUmask, utimeArg, IS_LINUX, euid,
  AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_EACCESS, AT_SYMLINK_FOLLOW, AT_NO_AUTOMOUNT, AT_EMPTY_PATH, AT_STATX_SYNC_TYPE,
  STATX__RESERVED, S_IFMT, S_IFREG, S_IFIFO, S_IFCHR, S_IFBLK, S_IFSOCK, S_IFDIR,
} from './fs-common.js';

/** A host path that reaches an open file itself (Linux: through /proc, which follows renames). */
function fdPath(f: OpenFile): BPath {
  if (IS_LINUX && f.hostFd >= 0) return `/proc/self/fd/${f.hostFd}`;
  return f.hpath;
}

/**
 * What a (dirfd, path, flags) triple with AT_EMPTY_PATH support names: an open
 * file (empty path) or a host path. Returns -errno for bad arguments.
 */
function target(p: Process, dirfd: number, ptr: number, flags: number): OpenFile | BPath | number {
  const empty = (flags & AT_EMPTY_PATH) !== 0;
  // since Linux 6.11 a NULL path counts as empty too
  const g = empty && ptr === 0 ? '' : readPath(p, ptr, empty);
  if (typeof g === 'number') return g;
  if (g === '') {
    if (dirfd === AT_FDCWD) return resolveAt(p, AT_FDCWD, '');
    const f = p.fds.get(dirfd);
    return f ?? -EBADF;
  }
  // /proc/self/fd/N of an in-process pipe or memfd: the file itself
  const ref = g.charCodeAt(0) === 0x2f ? fdPathRef(g) : null;
  if (ref && ref.rest === '') {
    const f = p.fds.get(ref.fd);
    if (f && (f.pipe || f.mem)) return f;
  }
  return resolveAt(p, dirfd, g);
}

// ---- the stat family ------------------------------------------------------------------------
function statTarget(t: OpenFile | BPath, nofollow: boolean): StatLike | number {
  return typeof t === 'string' ? statPath(t, nofollow) : statOpenFile(t);
}

function statAt(p: Process, dirfd: number, ptr: number, buf: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
  const t = target(p, dirfd, ptr, flags);
  if (typeof t === 'number') return t;
  const st = statTarget(t, (flags & AT_SYMLINK_NOFOLLOW) !== 0);
  if (typeof st === 'number') return st;
  return writeStat(p, buf, st);
}

defineSyscall(4, 'stat', 's,p', (p, a) => statAt(p, AT_FDCWD, a.ptr(0), a.ptr(1), 0));
defineSyscall(6, 'lstat', 's,p', (p, a) => statAt(p, AT_FDCWD, a.ptr(0), a.ptr(1), AT_SYMLINK_NOFOLLOW));
defineSyscall(262, 'newfstatat', 'd,s,p,x', (p, a) => statAt(p, a.int(0), a.ptr(1), a.ptr(2), a.int(3)));
defineSyscall(5, 'fstat', 'd,p', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  const st = statOpenFile(f);
  if (typeof st === 'number') return st;
  return writeStat(p, a.ptr(1), st);
});

defineSyscall(332, 'statx', 'd,s,x,x,p', (p, a) => {
  const flags = a.int(2), mask = a.u32(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)) return -EINVAL;
  if ((flags & AT_STATX_SYNC_TYPE) === AT_STATX_SYNC_TYPE) return -EINVAL;
  if (mask & STATX__RESERVED) return -EINVAL;
  const t = target(p, a.int(0), a.ptr(1), flags);
  if (typeof t === 'number') return t;
  const st = statTarget(t, (flags & AT_SYMLINK_NOFOLLOW) !== 0);
  if (typeof st === 'number') return st;
  return writeStatx(p, a.ptr(4), st);
});

// ---- access ---------------------------------------------------------------------------------
function accessAt(p: Process, dirfd: number, ptr: number, mode: number, flags: number): number {
  if (mode & ~7) return -EINVAL;
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const t = target(p, dirfd, ptr, flags);
  if (typeof t === 'number') return t;
  let h: BPath;
  if (typeof t !== 'string') {
    if (t.pipe || t.mem) return 0;
    h = fdPath(t);
  } else h = t;
  try {
    if (flags & AT_SYMLINK_NOFOLLOW) {
      // a symlink itself is always accessible (mode 0777)
      if (fs.lstatSync(B(h)).isSymbolicLink()) return 0;
    }
    fs.accessSync(B(h), mode);
    return 0;
  } catch (e) { return hostErr(e); }
}
defineSyscall(21, 'access', 's,o', (p, a) => accessAt(p, AT_FDCWD, a.ptr(0), a.int(1), 0));
defineSyscall(269, 'faccessat', 'd,s,o', (p, a) => accessAt(p, a.int(0), a.ptr(1), a.int(2), 0));
defineSyscall(439, 'faccessat2', 'd,s,o,x', (p, a) => accessAt(p, a.int(0), a.ptr(1), a.int(2), a.int(3)));

// ---- creating and removing names -----------------------------------------------------------
function mkdirAt(p: Process, dirfd: number, ptr: number, mode: number): number {
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  const m = mode & 0o1777 & ~p.umask;
  try { withoutHostUmask(() => fs.mkdirSync(B(h), { mode: m })); return 0; } catch (e) { return hostErr(e); }
}
defineSyscall(83, 'mkdir', 's,o', (p, a) => mkdirAt(p, AT_FDCWD, a.ptr(0), a.int(1)));
defineSyscall(258, 'mkdirat', 'd,s,o', (p, a) => mkdirAt(p, a.int(0), a.ptr(1), a.int(2)));

function mknodAt(p: Process, dirfd: number, ptr: number, mode: number): number {
  const type = mode & S_IFMT;
  if (type !== 0 && type !== S_IFREG && type !== S_IFIFO && type !== S_IFCHR && type !== S_IFBLK && type !== S_IFSOCK) {
    return type === S_IFDIR ? -EPERM : -EINVAL;
  }
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  const m = mode & 0o7777 & ~p.umask;
  if (type === 0 || type === S_IFREG) {
    try {
      const fd = withoutHostUmask(() => fs.openSync(B(h), O_CREAT | O_EXCL | O_WRONLY, m));
      fs.closeSync(fd);
      return 0;
    } catch (e) { return hostErr(e); }
  }
  if (type === S_IFIFO) {
    // Node cannot make a FIFO: mkfifo(1) can
    try { fs.lstatSync(B(h)); return -EEXIST; } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return hostErr(e); }
    // (a path through x64vm's /proc/self/fd must name x64vm's fds in the helper too)
    const at = h.startsWith('/proc/self/') ? `/proc/${process.pid}/${h.slice(11)}` : h;
    const r = spawnSync('mkfifo', ['-m', m.toString(8), Buffer.from(at, 'latin1').toString()], { stdio: 'ignore' });
    if (r.status === 0) return 0;
    // mkfifo(1) says why only in words: find out ourselves
    try { fs.lstatSync(B(h)); return -EEXIST; } catch { /* not there */ }
    const slash = h.replace(/\/+$/, '').lastIndexOf('/');
    const parent = slash > 0 ? h.slice(0, slash) : slash === 0 ? '/' : '.';
    try {
      if (!fs.statSync(B(parent)).isDirectory()) return -ENOTDIR;
      fs.accessSync(B(parent), fs.constants.W_OK | fs.constants.X_OK);
    } catch (e) { return hostErr(e); }
    return -EPERM;
  }
  return -EPERM; // device and socket nodes: not from here
}
defineSyscall(133, 'mknod', 's,o,x', (p, a) => mknodAt(p, AT_FDCWD, a.ptr(0), a.int(1)));
defineSyscall(259, 'mknodat', 'd,s,o,x', (p, a) => mknodAt(p, a.int(0), a.ptr(1), a.int(2)));

function rmdirAt(p: Process, dirfd: number, ptr: number): number {
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  try { fs.rmdirSync(B(h)); return 0; } catch (e) { return hostErr(e); }
}
function unlinkAt(p: Process, dirfd: number, ptr: number): number {
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  try { fs.unlinkSync(B(h)); return 0; } catch (e) { return hostErr(e); }
}
defineSyscall(84, 'rmdir', 's', (p, a) => rmdirAt(p, AT_FDCWD, a.ptr(0)));
defineSyscall(87, 'unlink', 's', (p, a) => unlinkAt(p, AT_FDCWD, a.ptr(0)));
defineSyscall(263, 'unlinkat', 'd,s,x', (p, a) => {
  const flags = a.int(2);
  if (flags & ~AT_REMOVEDIR) return -EINVAL;
  return flags & AT_REMOVEDIR ? rmdirAt(p, a.int(0), a.ptr(1)) : unlinkAt(p, a.int(0), a.ptr(1));
});

const RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;

function renameAt(p: Process, olddirfd: number, oldPtr: number, newdirfd: number, newPtr: number, flags: number): number {
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) return -EINVAL;
  if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))) return -EINVAL;
  if (flags & RENAME_WHITEOUT) return -EINVAL;
  const og = readPath(p, oldPtr);
  if (typeof og === 'number') return og;
  const ng = readPath(p, newPtr);
  if (typeof ng === 'number') return ng;
  const oh = resolveAt(p, olddirfd, og);
  if (typeof oh === 'number') return oh;
  const nh = resolveAt(p, newdirfd, ng);
  if (typeof nh === 'number') return nh;
  try {
    if (flags & (RENAME_NOREPLACE | RENAME_EXCHANGE)) {
      fs.lstatSync(B(oh)); // the source must exist first
      let exists = true;
      try { fs.lstatSync(B(nh)); } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        exists = false;
      }
      if ((flags & RENAME_NOREPLACE) && exists) return -EEXIST;
      if ((flags & RENAME_EXCHANGE) && !exists) return -ENOENT;
      if (flags & RENAME_EXCHANGE) {
        // not atomic, but the same end state: through a free name next to the target
        const slash = nh.lastIndexOf('/');
        let tmp = '';
        for (let k = 0; ; k++) {
          tmp = `${slash >= 0 ? nh.slice(0, slash + 1) : ''}.x64vm-exchange-${process.pid}-${k}`;
          try { fs.lstatSync(B(tmp)); } catch { break; }
        }
        fs.renameSync(B(nh), B(tmp));
        try { fs.renameSync(B(oh), B(nh)); } catch (e) { fs.renameSync(B(tmp), B(nh)); throw e; }
        fs.renameSync(B(tmp), B(oh));
        return 0;
      }
    }
    fs.renameSync(B(oh), B(nh));
    return 0;
  } catch (e) { return hostErr(e); }
}
defineSyscall(82, 'rename', 's,s', (p, a) => renameAt(p, AT_FDCWD, a.ptr(0), AT_FDCWD, a.ptr(1), 0));
defineSyscall(264, 'renameat', 'd,s,d,s', (p, a) => renameAt(p, a.int(0), a.ptr(1), a.int(2), a.ptr(3), 0));
defineSyscall(316, 'renameat2', 'd,s,d,s,x', (p, a) => renameAt(p, a.int(0), a.ptr(1), a.int(2), a.ptr(3), a.u32(4)));

// ---- links --------------------------------------------------------------------------------
function symlinkAt(p: Process, targetPtr: number, dirfd: number, ptr: number): number {
  const t = readPath(p, targetPtr);
  if (typeof t === 'number') return t;
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  try { fs.symlinkSync(B(t), B(h)); return 0; } catch (e) { return hostErr(e); }
}
defineSyscall(88, 'symlink', 's,s', (p, a) => symlinkAt(p, a.ptr(0), AT_FDCWD, a.ptr(1)));
defineSyscall(266, 'symlinkat', 's,d,s', (p, a) => symlinkAt(p, a.ptr(0), a.int(1), a.ptr(2)));

function readlinkAt(p: Process, dirfd: number, ptr: number, buf: number, size: number): number {
  if (size <= 0) return -EINVAL;
  const g = ptr > 0 ? readPath(p, ptr) : null;
  const emulated = typeof g === 'string' ? procLink(p, g) : null;
  if (emulated !== null) {
    const link = Buffer.from(emulated, 'latin1');
    const n = Math.min(link.length, size);
    return p.mem.writeBytes(buf, link.subarray(0, n)) ? n : -EFAULT;
  }
  const t = target(p, dirfd, ptr, dirfd === AT_FDCWD ? 0 : AT_EMPTY_PATH);
  if (typeof t === 'number') return t;
  let h: BPath;
  if (typeof t !== 'string') {
    // an empty path reads the symlink an O_PATH|O_NOFOLLOW descriptor refers to
    if (t.kind !== 'link') return -ENOENT;
    h = t.hpath;
  } else h = t;
  let link: Buffer;
  try { link = fs.readlinkSync(B(h), { encoding: 'buffer' }); } catch (e) { return hostErr(e); }
  const n = Math.min(link.length, size);
  return p.mem.writeBytes(buf, link.subarray(0, n)) ? n : -EFAULT;
}
defineSyscall(89, 'readlink', 's,p,d', (p, a) => readlinkAt(p, AT_FDCWD, a.ptr(0), a.ptr(1), a.int(2)));
defineSyscall(267, 'readlinkat', 'd,s,p,d', (p, a) => readlinkAt(p, a.int(0), a.ptr(1), a.ptr(2), a.int(3)));

function linkAt(p: Process, olddirfd: number, oldPtr: number, newdirfd: number, newPtr: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const t = target(p, olddirfd, oldPtr, flags & AT_EMPTY_PATH);
  if (typeof t === 'number') return t;
  const nh = pathAt(p, newdirfd, newPtr);
  if (typeof nh === 'number') return nh;
  let oh: BPath;
  if (typeof t !== 'string') {
    if (!t.hpath || t.pipe || t.mem) return -ENOENT;
    oh = t.hpath;
    if (IS_LINUX && t.hostFd >= 0) {
      // the file's current name; an unlinked file (O_TMPFILE) cannot get a new one through Node
      try { oh = fromBytes(fs.readlinkSync(`/proc/self/fd/${t.hostFd}`, { encoding: 'buffer' })); } catch { /* keep */ }
      if (oh.endsWith(' (deleted)') || oh.charCodeAt(0) !== 0x2f) return -ENOENT;
    }
  } else oh = t;
  try {
    if (flags & AT_SYMLINK_FOLLOW) oh = fromBytes(fs.realpathSync.native(B(oh), { encoding: 'buffer' }));
    fs.linkSync(B(oh), B(nh));
    return 0;
  } catch (e) { return hostErr(e); }
}
defineSyscall(86, 'link', 's,s', (p, a) => linkAt(p, AT_FDCWD, a.ptr(0), AT_FDCWD, a.ptr(1), 0));
defineSyscall(265, 'linkat', 'd,s,d,s,x', (p, a) => linkAt(p, a.int(0), a.ptr(1), a.int(2), a.ptr(3), a.int(4)));

// ---- permissions and owners -------------------------------------------------------------------
function chmodTarget(t: OpenFile | BPath, mode: number): number {
  mode &= 0o7777;
  if (typeof t !== 'string') {
    if (t.mem) { t.mem.mode = (t.mem.mode & ~0o7777) | mode; return 0; }
    if (t.pipe) return 0;
    try { fs.fchmodSync(t.hostFd, mode); return 0; } catch (e) { return hostErr(e); }
  }
  try { fs.chmodSync(B(t), mode); return 0; } catch (e) { return hostErr(e); }
}

function fchmodatCall(p: Process, dirfd: number, ptr: number, mode: number, flags: number): number {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const t = target(p, dirfd, ptr, flags);
  if (typeof t === 'number') return t;
  if (typeof t === 'string' && (flags & AT_SYMLINK_NOFOLLOW)) {
    try { if (fs.lstatSync(B(t)).isSymbolicLink()) return -EOPNOTSUPP; } catch (e) { return hostErr(e); }
  }
  if (typeof t !== 'string' && (t.flags & O_PATH)) return t.hostFd >= 0 || t.hpath ? chmodTarget(t.hpath, mode) : -EBADF;
  return chmodTarget(t, mode);
}
defineSyscall(90, 'chmod', 's,o', (p, a) => fchmodatCall(p, AT_FDCWD, a.ptr(0), a.int(1), 0));
defineSyscall(268, 'fchmodat', 'd,s,o', (p, a) => fchmodatCall(p, a.int(0), a.ptr(1), a.int(2), 0));
defineSyscall(452, 'fchmodat2', 'd,s,o,x', (p, a) => fchmodatCall(p, a.int(0), a.ptr(1), a.int(2), a.int(3)));
defineSyscall(91, 'fchmod', 'd,o', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f || (f.flags & O_PATH)) return -EBADF;
  return chmodTarget(f, a.int(1));
});

/** uid/gid arguments: -1 leaves the id alone */
const idArg = (v: number): number => (v === 0xffffffff ? -1 : v);

function chownTarget(t: OpenFile | BPath, uid: number, gid: number, nofollow: boolean): number {
  try {
    if (typeof t !== 'string') {
      if (t.mem) {
        if (euid !== 0 && ((uid !== -1 && uid !== t.mem.uid) || (gid !== -1 && gid !== t.mem.gid))) return -EPERM;
        if (uid !== -1) t.mem.uid = uid;
        if (gid !== -1) t.mem.gid = gid;
        return 0;
      }
      if (t.pipe) return euid === 0 ? 0 : -EPERM;
      if (t.hostFd >= 0 && !(t.flags & O_PATH)) { fs.fchownSync(t.hostFd, uid, gid); return 0; }
      t = t.hpath;
    }
    if (nofollow) fs.lchownSync(B(t), uid, gid); else fs.chownSync(B(t), uid, gid);
    return 0;
  } catch (e) { return hostErr(e); }
}
defineSyscall(92, 'chown', 's,d,d', (p, a) => {
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  return typeof h === 'number' ? h : chownTarget(h, idArg(a.u32(1)), idArg(a.u32(2)), false);
});
defineSyscall(94, 'lchown', 's,d,d', (p, a) => {
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  return typeof h === 'number' ? h : chownTarget(h, idArg(a.u32(1)), idArg(a.u32(2)), true);
});
defineSyscall(93, 'fchown', 'd,d,d', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f || (f.flags & O_PATH)) return -EBADF;
  return chownTarget(f, idArg(a.u32(1)), idArg(a.u32(2)), false);
});
defineSyscall(260, 'fchownat', 'd,s,d,d,x', (p, a) => {
  const flags = a.int(4);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  const t = target(p, a.int(0), a.ptr(1), flags);
  if (typeof t === 'number') return t;
  return chownTarget(t, idArg(a.u32(2)), idArg(a.u32(3)), (flags & AT_SYMLINK_NOFOLLOW) !== 0);
});

// ---- the working directory --------------------------------------------------------------------
function enterDir(p: Process, h: BPath): number {
  try {
    const st = fs.statSync(B(h));
    if (!st.isDirectory()) return -ENOTDIR;
    fs.accessSync(B(h), fs.constants.X_OK);
    setCwd(p, fromBytes(fs.realpathSync.native(B(h), { encoding: 'buffer' })));
    return 0;
  } catch (e) { return hostErr(e); }
}
defineSyscall(80, 'chdir', 's', (p, a) => {
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  return typeof h === 'number' ? h : enterDir(p, h);
});
defineSyscall(81, 'fchdir', 'd', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  if (f.kind !== 'dir') return -ENOTDIR;
  return enterDir(p, fdPath(f));
});
defineSyscall(79, 'getcwd', 'p,u', (p, a) => {
  const buf = a.ptr(0), size = a.u64(1);
  const cwd = liveCwd(p);
  if (typeof cwd === 'number') return cwd;
  const g = guestAbs(p, cwd);
  const len = g.length + 1;
  if (size < len) return -ERANGE;
  const bytes = Buffer.alloc(len);
  bytes.write(g, 'latin1');
  return p.mem.writeBytes(buf, bytes) ? len : -EFAULT;
});

// ---- truncate ---------------------------------------------------------------------------------
defineSyscall(76, 'truncate', 's,d', (p, a) => {
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  if (typeof h === 'number') return h;
  const len = a.s64(1);
  if (len < 0) return -EINVAL;
  try {
    const st = fs.statSync(B(h));
    if (st.isDirectory()) return -EISDIR;
    if (!st.isFile()) return -EINVAL;
    const key = syncPath(p, B(h));
    fs.truncateSync(B(h) as unknown as string, len);
    keyChanged(p, key, 0, Infinity);
    return 0;
  } catch (e) { return hostErr(e); }
});

// ---- times ------------------------------------------------------------------------------------
const UTIME_NOW = 0x3fffffff, UTIME_OMIT = 0x3ffffffe;

/** A wanted time: seconds and nanoseconds, or NOW / OMIT. */
type TimeSpec = { sec: number; nsec: number };

function nowSpec(): TimeSpec {
  const ms = Date.now();
  return { sec: Math.floor(ms / 1000), nsec: (ms % 1000) * 1e6 };
}

/**
 * Set atime and mtime of a path (or an open file). Node takes both times, so an
 * omitted one is read back first; times land on whole microseconds (see utimeArg).
 */
function setTimes(t: OpenFile | BPath, times: [TimeSpec, TimeSpec] | null, nofollow: boolean): number {
  const now = nowSpec();
  let at = times ? times[0] : now, mt = times ? times[1] : now;
  if (at.nsec === UTIME_NOW) at = now;
  if (mt.nsec === UTIME_NOW) mt = now;
  try {
    if (typeof t !== 'string') {
      if (t.mem) {
        const ns = (s: TimeSpec) => BigInt(s.sec) * 1000000000n + BigInt(s.nsec);
        if (at.nsec !== UTIME_OMIT) t.mem.atimeNs = ns(at);
        if (mt.nsec !== UTIME_OMIT) t.mem.mtimeNs = ns(mt);
        t.mem.ctimeNs = ns(now);
        return 0;
      }
      if (t.pipe) return 0;
      if (t.hostFd < 0 || (t.flags & O_PATH)) t = t.hpath;
    }
    if (at.nsec === UTIME_OMIT || mt.nsec === UTIME_OMIT) {
      const st = typeof t === 'string' ? statPath(t, nofollow) : statOpenFile(t);
      if (typeof st === 'number') return st;
      const split = (ns: bigint): TimeSpec => {
        let s = ns / 1000000000n, n = ns % 1000000000n;
        if (n < 0n) { n += 1000000000n; s -= 1n; }
        return { sec: Number(s), nsec: Number(n) };
      };
      if (at.nsec === UTIME_OMIT) at = split(st.atimeNs);
      if (mt.nsec === UTIME_OMIT) mt = split(st.mtimeNs);
    }
    const a = utimeArg(at.sec, at.nsec) as unknown as number, m = utimeArg(mt.sec, mt.nsec) as unknown as number;
    if (typeof t !== 'string') fs.futimesSync(t.hostFd, a, m);
    else if (nofollow) fs.lutimesSync(B(t), a, m);
    else fs.utimesSync(B(t), a, m);
    return 0;
  } catch (e) { return hostErr(e); }
}

/** Read n (sec, sub) pairs of 8-byte fields; sub is nanoseconds (scale 1) or microseconds (scale 1000). */
function readTimes(p: Process, ptr: number, scale: number): [TimeSpec, TimeSpec] | number {
  if (!p.mem.check(ptr, 32, P_R)) return -EFAULT;
  const dv = p.mem.dv;
  const rd = (o: number) => Number(dv.getBigInt64(ptr + o, true));
  const out: TimeSpec[] = [];
  for (let k = 0; k < 2; k++) {
    const sec = rd(16 * k), sub = rd(16 * k + 8);
    if (scale === 1) {
      if (sub !== UTIME_NOW && sub !== UTIME_OMIT && (sub < 0 || sub > 999999999)) return -EINVAL;
      out.push({ sec, nsec: sub });
    } else {
      if (sub < 0 || sub > 999999) return -EINVAL;
      out.push({ sec, nsec: sub * scale });
    }
  }
  return [out[0], out[1]];
}

defineSyscall(280, 'utimensat', 'd,s,p,x', (p, a) => {
  const dirfd = a.int(0), ptr = a.ptr(1), tp = a.ptr(2), flags = a.int(3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -EINVAL;
  let times: [TimeSpec, TimeSpec] | null = null;
  if (tp !== 0) {
    const r = readTimes(p, tp, 1);
    if (typeof r === 'number') return r;
    times = r;
    if (times[0].nsec === UTIME_OMIT && times[1].nsec === UTIME_OMIT) return 0;
  }
  let t: OpenFile | BPath | number;
  if (ptr === 0 && dirfd !== AT_FDCWD) {
    // utimensat(fd, NULL, ...) is futimens
    if (flags & AT_SYMLINK_NOFOLLOW) return -EINVAL;
    t = p.fds.get(dirfd) ?? -EBADF;
  } else t = target(p, dirfd, ptr, flags);
  if (typeof t === 'number') return t;
  return setTimes(t, times, (flags & AT_SYMLINK_NOFOLLOW) !== 0);
});

function utimesAt(p: Process, dirfd: number, ptr: number, tp: number): number {
  let times: [TimeSpec, TimeSpec] | null = null;
  if (tp !== 0) {
    const r = readTimes(p, tp, 1000);
    if (typeof r === 'number') return r;
    times = r;
  }
  const h = pathAt(p, dirfd, ptr);
  if (typeof h === 'number') return h;
  return setTimes(h, times, false);
}
defineSyscall(235, 'utimes', 's,p', (p, a) => utimesAt(p, AT_FDCWD, a.ptr(0), a.ptr(1)));
defineSyscall(261, 'futimesat', 'd,s,p', (p, a) => utimesAt(p, a.int(0), a.ptr(1), a.ptr(2)));
defineSyscall(132, 'utime', 's,p', (p, a) => {
  const tp = a.ptr(1);
  let times: [TimeSpec, TimeSpec] | null = null;
  if (tp !== 0) {
    if (!p.mem.check(tp, 16, P_R)) return -EFAULT;
    times = [{ sec: Number(p.mem.dv.getBigInt64(tp, true)), nsec: 0 }, { sec: Number(p.mem.dv.getBigInt64(tp + 8, true)), nsec: 0 }];
  }
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  if (typeof h === 'number') return h;
  return setTimes(h, times, false);
});

// ---- statfs -----------------------------------------------------------------------------------
const PIPEFS_MAGIC = 0x50495045, TMPFS_MAGIC = 0x01021994;
const ST_VALID = 0x20, ST_RELATIME = 0x1000;

function writeStatfs(p: Process, ptr: number, s: { type: bigint; bsize: bigint; blocks: bigint; bfree: bigint; bavail: bigint; files: bigint; ffree: bigint }): number {
  if (!p.mem.check(ptr, 120, P_W)) return -EFAULT;
  p.mem.noteWrite(ptr, 120);
  p.mem.u8.fill(0, ptr, ptr + 120);
  const dv = p.mem.dv;
  const put = (o: number, v: bigint) => dv.setBigUint64(ptr + o, BigInt.asUintN(64, v), true);
  put(0, s.type); put(8, s.bsize); put(16, s.blocks); put(24, s.bfree); put(32, s.bavail);
  put(40, s.files); put(48, s.ffree);
  put(64, 255n); put(72, s.bsize); put(80, BigInt(ST_VALID | ST_RELATIME));
  return 0;
}
function statfsHost(h: BPath): Parameters<typeof writeStatfs>[2] | number {
  try { return fs.statfsSync(B(h) as unknown as string, { bigint: true }); } catch (e) { return hostErr(e); }
}
const pseudoFs = (type: number) => ({ type: BigInt(type), bsize: 4096n, blocks: 0n, bfree: 0n, bavail: 0n, files: 0n, ffree: 0n });

defineSyscall(137, 'statfs', 's,p', (p, a) => {
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  if (typeof h === 'number') return h;
  const s = statfsHost(h);
  return typeof s === 'number' ? s : writeStatfs(p, a.ptr(1), s);
});
defineSyscall(138, 'fstatfs', 'd,p', (p, a) => {
  const f = p.fds.get(a.int(0));
  if (!f) return -EBADF;
  let s: Parameters<typeof writeStatfs>[2] | number;
  if (f.pipe) s = pseudoFs(PIPEFS_MAGIC);
  else if (f.mem) s = pseudoFs(TMPFS_MAGIC);
  else if (f.hostFd >= 0 || f.hpath) s = statfsHost(fdPath(f));
  else s = pseudoFs(TMPFS_MAGIC);
  return typeof s === 'number' ? s : writeStatfs(p, a.ptr(1), s);
});


// ---- extended attributes --------------------------------------------------------------------
// Node has no xattr calls: files look as if they carry none, and the file system
// as one that stores none (what cp -a, ls and tar cope with anyway).
const XATTR_NAMESPACES = ['user.', 'trusted.', 'security.', 'system.'];

/** Check an attribute name argument: 0, or -EFAULT / -ERANGE / -EOPNOTSUPP. */
function xattrName(p: Process, ptr: number): number {
  if (ptr <= 0) return -EFAULT;
  const name = p.mem.readCString(ptr, 256);
  if (name === null) return p.mem.check(ptr, 256, P_R) ? -ERANGE : -EFAULT;
  if (name.length === 0) return -ERANGE;
  const s = Buffer.from(name).toString('latin1');
  return XATTR_NAMESPACES.some((ns) => s.startsWith(ns) && s.length > ns.length) ? 0 : -EOPNOTSUPP;
}

/** The file an xattr call names (by path, following symlinks or not, or by fd), or -errno. */
function xattrFile(p: Process, a: { ptr(n: number): number; int(n: number): number }, kind: 'path' | 'lpath' | 'fd'): number {
  if (kind === 'fd') {
    const f = p.fds.get(a.int(0));
    return f && !(f.flags & O_PATH) ? 0 : -EBADF;
  }
  const h = pathAt(p, AT_FDCWD, a.ptr(0));
  if (typeof h === 'number') return h;
  const st = statPath(h, kind === 'lpath');
  return typeof st === 'number' ? st : 0;
}

const ENODATA = 61;
for (const [nr, name, kind] of [[191, 'getxattr', 'path'], [192, 'lgetxattr', 'lpath'], [193, 'fgetxattr', 'fd']] as const) {
  defineSyscall(nr, name, kind === 'fd' ? 'd,s,p,u' : 's,s,p,u', (p, a) => {
    const e = xattrFile(p, a, kind);
    if (e < 0) return e;
    const n = xattrName(p, a.ptr(1));
    return n < 0 ? n : -ENODATA;
  });
}
for (const [nr, name, kind] of [[194, 'listxattr', 'path'], [195, 'llistxattr', 'lpath'], [196, 'flistxattr', 'fd']] as const) {
  defineSyscall(nr, name, kind === 'fd' ? 'd,p,u' : 's,p,u', (p, a) => xattrFile(p, a, kind));
}
for (const [nr, name, kind] of [[188, 'setxattr', 'path'], [189, 'lsetxattr', 'lpath'], [190, 'fsetxattr', 'fd']] as const) {
  defineSyscall(nr, name, kind === 'fd' ? 'd,s,p,u,x' : 's,s,p,u,x', (p, a) => {
    const e = xattrFile(p, a, kind);
    if (e < 0) return e;
    if (a.int(4) & ~3) return -EINVAL; // XATTR_CREATE, XATTR_REPLACE
    const n = xattrName(p, a.ptr(1));
    return n < 0 ? n : -EOPNOTSUPP;
  });
}
for (const [nr, name, kind] of [[197, 'removexattr', 'path'], [198, 'lremovexattr', 'lpath'], [199, 'fremovexattr', 'fd']] as const) {
  defineSyscall(nr, name, kind === 'fd' ? 'd,s' : 's,s', (p, a) => {
    const e = xattrFile(p, a, kind);
    if (e < 0) return e;
    const n = xattrName(p, a.ptr(1));
    return n < 0 ? n : -ENODATA;
  });
}
