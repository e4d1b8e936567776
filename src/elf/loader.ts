// Map an ELF executable into guest memory and build the SysV AMD64 initial stack.

import { Memory, PAGE_SIZE, P_R, P_W, P_X } from '../mem/memory.js';
import { ElfError, ElfInfo, ET_DYN, PT_LOAD, PT_PHDR, PF_R, PF_W, PF_X } from './elf.js';

/** Where a position-independent executable is placed (everything stays below 4 GiB). */
export const PIE_BASE = 0x56554000;
/** Where an ELF interpreter (ld.so) is placed. */
export const INTERP_BASE = 0x7f000000;

export interface LoadedImage {
  base: number;   // load bias (0 for ET_EXEC)
  entry: number;
  phdr: number;   // address of the program headers in memory
  phent: number;
  phnum: number;
  start: number;  // lowest mapped address
  end: number;    // end of the highest segment (brk starts at the next page)
}

export function protOf(flags: number): number {
  return (flags & PF_R ? P_R : 0) | (flags & PF_W ? P_W : 0) | (flags & PF_X ? P_X : 0);
}

export function loadElf(mem: Memory, image: Uint8Array, info: ElfInfo, dynBase = PIE_BASE): LoadedImage {
  const loads = info.phdrs.filter((p) => p.type === PT_LOAD);
  const base = info.type === ET_DYN ? dynBase - pageDown(Math.min(...loads.map((p) => p.vaddr))) : 0;
  let start = Infinity, end = 0;
  for (const ph of loads) {
    const lo = pageDown(ph.vaddr + base), hi = pageUp(ph.vaddr + base + ph.memsz);
    if (hi > 0x100000000 || lo < 0x10000) throw new ElfError(`segment at 0x${(ph.vaddr + base).toString(16)} is outside the address space x64vm provides`);
    start = Math.min(start, lo); end = Math.max(end, ph.vaddr + base + ph.memsz);
    mem.protect(lo, hi - lo, P_R | P_W); // writable while we fill it
    mem.u8.fill(0, lo, hi);
  }
  for (const ph of loads) {
    mem.u8.set(image.subarray(ph.offset, ph.offset + ph.filesz), ph.vaddr + base);
  }
  for (const ph of loads) {
    const lo = pageDown(ph.vaddr + base), hi = pageUp(ph.vaddr + base + ph.memsz);
    mem.protect(lo, hi - lo, protOf(ph.flags));
  }
  let phdr = 0;
  const phdrSeg = info.phdrs.find((p) => p.type === PT_PHDR);
  if (phdrSeg) phdr = phdrSeg.vaddr + base;
  else {
    const seg = loads.find((p) => info.phoff >= p.offset && info.phoff < p.offset + p.filesz);
    if (seg) phdr = seg.vaddr + (info.phoff - seg.offset) + base;
  }
  return { base, entry: info.entry + base, phdr, phent: info.phentsize, phnum: info.phnum, start, end };
}

export function pageDown(a: number): number { return Math.floor(a / PAGE_SIZE) * PAGE_SIZE; }
export function pageUp(a: number): number { return Math.ceil(a / PAGE_SIZE) * PAGE_SIZE; }

// auxiliary vector keys
export const AT_NULL = 0, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6, AT_BASE = 7,
  AT_FLAGS = 8, AT_ENTRY = 9, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14, AT_PLATFORM = 15,
  AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_RANDOM = 25, AT_HWCAP2 = 26, AT_EXECFN = 31,
  AT_MINSIGSTKSZ = 51;

export interface StackSpec {
  argv: Uint8Array[];
  envp: Uint8Array[];
  execfn: Uint8Array;
  random: Uint8Array; // 16 bytes
  /** auxv entries except AT_RANDOM, AT_EXECFN, AT_PLATFORM and AT_NULL, which are added here */
  auxv: [number, number][];
}

/**
 * Write the initial process stack below `top` the way Linux does (strings at the top,
 * then AT_RANDOM bytes, then auxv, envp, argv and argc) and return the initial rsp,
 * which is 16-byte aligned and points at argc. Also returns the auxv as written.
 */
export function buildStack(mem: Memory, top: number, spec: StackSpec): { rsp: number; auxv: [number, number][] } {
  const u8 = mem.u8, dv = mem.dv;
  let p = top;
  const putStr = (s: Uint8Array): number => { p -= s.length + 1; u8.set(s, p); u8[p + s.length] = 0; return p; };
  p -= 8; // Linux leaves the last word of the stack zero
  const execfn = putStr(spec.execfn);
  // Linux's order (setproctitle and /proc/self/cmdline rely on it): the argv strings in
  // order from argv[0] up, then the envp strings in order, then the file name
  const envAddrs: number[] = new Array(spec.envp.length);
  for (let k = spec.envp.length - 1; k >= 0; k--) envAddrs[k] = putStr(spec.envp[k]);
  const argAddrs: number[] = new Array(spec.argv.length);
  for (let k = spec.argv.length - 1; k >= 0; k--) argAddrs[k] = putStr(spec.argv[k]);
  p -= p % 16;
  const platform = putStr(new TextEncoder().encode('x86_64'));
  p -= 16; u8.set(spec.random, p); const random = p;
  p -= p % 16;
  const auxv: [number, number][] = [...spec.auxv, [AT_RANDOM, random], [AT_EXECFN, execfn], [AT_PLATFORM, platform], [AT_NULL, 0]];
  const words = 1 + argAddrs.length + 1 + envAddrs.length + 1 + auxv.length * 2;
  p -= words * 8;
  p -= p % 16;
  let q = p;
  const put = (v: number) => { dv.setUint32(q, v >>> 0, true); dv.setUint32(q + 4, Math.floor(v / 4294967296), true); q += 8; };
  put(argAddrs.length);
  for (const a of argAddrs) put(a);
  put(0);
  for (const a of envAddrs) put(a);
  put(0);
  for (const [k, v] of auxv) { put(k); put(v); }
  return { rsp: p, auxv };
}
