// Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise, msync, mincore.

import * as fs from 'node:fs';
import { defineSyscall, SyscallArgs } from '../syscall.js';
import type { Process } from '../process.js';
import { EBADF, EINVAL, ENOMEM, EACCES, ENODEV, EFAULT, errnoFromNode } from '../errno.js';
import { P_R, P_W, P_X, P_MAPPED, GUEST_LIMIT } from '../../mem/memory.js';
import { addSharedMap, syncFile, syncRange, unmapShared, remapShared } from '../sharedmap.js';

const PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
const MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100,
  MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000, MAP_FIXED_NOREPLACE = 0x100000, MAP_32BIT = 0x40;
const MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2;

export function protBits(prot: number): number {
  // PROT_READ implies nothing else on x86, but PROT_WRITE and PROT_EXEC imply read access
  let b = 0;
  if (prot & (PROT_READ | PROT_WRITE | PROT_EXEC)) b |= P_R;
  if (prot & PROT_WRITE) b |= P_W;
  if (prot & PROT_EXEC) b |= P_X;
  return b;
}

const pageUp = (n: number) => Math.ceil(n / 4096) * 4096;

// ---- brk ----------------------------------------------------------------------------
defineSyscall(12, 'brk', 'p', (p, a) => {
  const want = a.u64(0);
  if (want === 0 || want < p.brkStart) return p.brkCur;
  const oldTop = pageUp(p.brkCur), newTop = pageUp(want);
  if (newTop > oldTop) {
    // refuse to grow into another mapping
    for (let pg = oldTop / 4096; pg < newTop / 4096; pg++) if (p.mem.perm[pg] & P_MAPPED) return p.brkCur;
    if (newTop > 0xe0000000) return p.brkCur;
    p.mapAnon(oldTop, newTop - oldTop, P_R | P_W);
  } else if (newTop < oldTop) {
    p.mem.unmap(newTop, oldTop - newTop);
  }
  p.brkCur = want;
  return p.brkCur;
}, true);

// ---- mmap ---------------------------------------------------------------------------
export function doMmap(p: Process, addr: number, len: number, prot: number, flags: number, fd: number, off: number): number {
  if (len === 0) return -EINVAL;
  if (addr % 4096 !== 0 && (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) return -EINVAL;
  if (off % 4096 !== 0) return -EINVAL;
  const type = flags & 3;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== 3) return -EINVAL;
  len = pageUp(len);
  if (len > 0x100000000) return -ENOMEM;
  const f = flags & MAP_ANONYMOUS ? undefined : p.fds.get(fd);
  if (f === undefined && !(flags & MAP_ANONYMOUS)) return -EBADF;
  if (f !== undefined) {
    if (f.kind === 'dir' || f.kind === 'fifo' || f.kind === 'sock') return -ENODEV;
    if ((f.flags & 3) === 1) return -EACCES; // write-only
    if (type === MAP_SHARED && (prot & PROT_WRITE) && (f.flags & 3) !== 2) return -EACCES;
    // what shared mappings of the file changed must be in it before it is copied
    syncFile(p, f);
  }
  let where: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (addr + len > GUEST_LIMIT) return -ENOMEM; // above the window x64vm provides (the page map sits at its top)
    if (addr < 0x10000) return -EPERM_MMAP;
    if (flags & MAP_FIXED_NOREPLACE) {
      for (let pg = addr / 4096; pg < (addr + len) / 4096; pg++) if (p.mem.perm[pg] & P_MAPPED) return -EEXIST_MMAP;
    }
    where = addr;
  } else {
    where = -1;
    if (addr !== 0 && addr >= 0x10000 && addr + len <= GUEST_LIMIT && addr % 4096 === 0) {
      // honour the hint when the range is free
      let free = true;
      for (let pg = addr / 4096; pg < (addr + len) / 4096; pg++) if (p.mem.perm[pg] & P_MAPPED) { free = false; break; }
      if (free) where = addr;
    }
    if (where < 0) where = p.findFree(len);
    if (where < 0) return -ENOMEM;
  }
  unmapShared(p, where, len);
  if (f === undefined) p.mapAnon(where, len, P_R | P_W);
  else {
    // The file's bytes go straight into guest memory (a library's mapping can be
    // megabytes: no staging buffer); only the part past its end is zeroed.
    const mem = p.mem;
    mem.unmap(where, len);
    let n = 0;
    if (f.data) {
      const part = f.data.subarray(Math.min(off, f.data.length), Math.min(off + len, f.data.length));
      mem.u8.set(part, where);
      n = part.length;
    } else {
      try {
        let got: number;
        while (n < len && (got = fs.readSync(f.hostFd, mem.u8, where + n, len - n, off + n)) > 0) n += got;
      } catch (e) {
        // the range was given up already (as a failed MAP_FIXED mmap leaves it on Linux)
        p.forgetMapping(where, len);
        return -errnoFromNode(e);
      }
    }
    mem.u8.fill(0, where + n, where + len);
  }
  p.mem.protect(where, len, protBits(prot));
  p.noteMapping(where, len, f === undefined ? '' : f.path, off);
  // MAP_SHARED (and MAP_SHARED_VALIDATE) file mappings stay coherent with the file
  if (type !== MAP_PRIVATE && f !== undefined) addSharedMap(p, f, where, len, off);
  return where;
}
const EPERM_MMAP = 1, EEXIST_MMAP = 17;

defineSyscall(9, 'mmap', 'p,u,x,x,d,x', (p, a) => {
  const addr = a.u64(0), len = a.u64(1);
  if (a.hi[0] !== 0 && (a.lo[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE))) return -ENOMEM;
  return doMmap(p, a.hi[0] !== 0 ? 0 : addr, len, a.int(2), a.int(3), a.int(4), a.u64(5));
}, true);

defineSyscall(11, 'munmap', 'p,u', (p, a) => {
  const addr = a.u64(0), len = pageUp(a.u64(1));
  if (addr % 4096 !== 0 || len === 0) return -EINVAL;
  if (addr >= 0x100000000) return 0;
  const end = Math.min(addr + len, 0x100000000);
  unmapShared(p, addr, end - addr);
  p.mem.unmap(addr, end - addr);
  p.forgetMapping(addr, end - addr);
  return 0;
});

defineSyscall(10, 'mprotect', 'p,u,x', (p, a) => {
  const addr = a.u64(0), len = pageUp(a.u64(1)), prot = a.int(2);
  if (addr % 4096 !== 0) return -EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | 0x01000000 | 0x02000000)) return -EINVAL;
  if (len === 0) return 0;
  if (addr + len > 0x100000000) return -ENOMEM;
  for (let pg = addr / 4096; pg < (addr + len) / 4096; pg++) if (!(p.mem.perm[pg] & P_MAPPED)) return -ENOMEM;
  p.mem.protect(addr, len, protBits(prot));
  return 0;
});

defineSyscall(25, 'mremap', 'p,u,u,x,p', (p, a) => {
  const old = a.u64(0), oldLen = pageUp(a.u64(1)), newLen = pageUp(a.u64(2)), flags = a.int(3);
  if (old % 4096 !== 0 || newLen === 0) return -EINVAL;
  if (old + oldLen > 0x100000000) return -EFAULT;
  for (let pg = old / 4096; pg < (old + oldLen) / 4096; pg++) if (!(p.mem.perm[pg] & P_MAPPED)) return -EFAULT;
  // a shared file mapping moves and grows with the range, its new part read from the file
  const shared = remapShared(p, old, oldLen);
  const r = doMremap(p, a, old, oldLen, newLen, flags);
  if (shared) shared(r >= 0 ? r : old, r >= 0 ? newLen : oldLen);
  return r;
}, true);

function doMremap(p: Process, a: SyscallArgs, old: number, oldLen: number, newLen: number, flags: number): number {
  const prot = p.mem.perm[old / 4096] & (P_R | P_W | P_X);
  if (newLen <= oldLen) {
    if (newLen < oldLen) { p.mem.unmap(old + newLen, oldLen - newLen); p.forgetMapping(old + newLen, oldLen - newLen); }
    return old;
  }
  // grow in place if the pages after are free
  let free = old + newLen <= GUEST_LIMIT;
  for (let pg = (old + oldLen) / 4096; free && pg < (old + newLen) / 4096; pg++) if (p.mem.perm[pg] & P_MAPPED) free = false;
  if (free && !(flags & MREMAP_FIXED)) {
    p.mapAnon(old + oldLen, newLen - oldLen, prot);
    p.noteMapping(old + oldLen, newLen - oldLen, '', 0);
    return old;
  }
  if (!(flags & MREMAP_MAYMOVE)) return -ENOMEM;
  let dest: number;
  if (flags & MREMAP_FIXED) {
    dest = a.u64(4);
    if (dest % 4096 !== 0 || dest + newLen > GUEST_LIMIT) return -EINVAL;
  } else {
    dest = p.findFree(newLen);
    if (dest < 0) return -ENOMEM;
  }
  const copy = p.mem.u8.slice(old, old + oldLen);
  unmapShared(p, dest, newLen);
  p.mapAnon(dest, newLen, P_R | P_W);
  p.mem.u8.set(copy, dest);
  p.mem.protect(dest, newLen, prot);
  p.mem.unmap(old, oldLen);
  p.forgetMapping(old, oldLen);
  p.noteMapping(dest, newLen, '', 0);
  return dest;
}

defineSyscall(28, 'madvise', 'p,u,d', (p, a) => {
  const addr = a.u64(0), len = pageUp(a.u64(1)), advice = a.int(2);
  if (addr % 4096 !== 0) return -EINVAL;
  if (advice === 4 /* MADV_DONTNEED */ && addr + len <= 0x100000000) {
    // private anonymous pages read back as zero afterwards
    for (let pg = addr / 4096; pg < (addr + len) / 4096; pg++) {
      if ((p.mem.perm[pg] & P_MAPPED) && p.isAnonPage(pg)) p.mem.u8.fill(0, pg * 4096, pg * 4096 + 4096);
    }
  }
  return 0;
});

const MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;
defineSyscall(26, 'msync', 'p,u,x', (p, a) => {
  const addr = a.u64(0), flags = a.int(2);
  if (addr % 4096 !== 0) return -EINVAL;
  if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return -EINVAL;
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return -EINVAL;
  const len = pageUp(a.u64(1));
  if (len === 0) return 0;
  if (addr + len > 0x100000000) return -ENOMEM;
  // the mapped parts are synced even when the range has holes, which is ENOMEM
  syncRange(p, addr, len);
  for (let pg = addr / 4096; pg < (addr + len) / 4096; pg++) if (!(p.mem.perm[pg] & P_MAPPED)) return -ENOMEM;
  return 0;
});
defineSyscall(149, 'mlock', 'p,u', () => 0);
defineSyscall(150, 'munlock', 'p,u', () => 0);
defineSyscall(27, 'mincore', 'p,u,p', (p, a) => {
  const addr = a.u64(0), len = pageUp(a.u64(1)), vec = a.ptr(2);
  if (addr % 4096 !== 0) return -EINVAL;
  const n = len / 4096;
  if (!p.mem.check(vec, n, P_W)) return -EFAULT;
  for (let k = 0; k < n; k++) {
    if (!(p.mem.perm[addr / 4096 + k] & P_MAPPED)) return -ENOMEM;
    p.mem.u8[vec + k] = 1;
  }
  return 0;
});
