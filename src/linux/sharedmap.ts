// MAP_SHARED file mappings, kept coherent with read/write of the same file.
//
// On Linux a shared mapping and read()/write() see the same page-cache pages.
// Guest memory here is one flat wasm memory, so a mapping is a copy of the file;
// each mapping also keeps a shadow: what it last exchanged with the file. Where a
// difference could be observed the two are brought together:
//  - mapping -> file ("flush"): before a read, write, truncate or new mmap of the
//    file, and at msync, munmap, exit, execve and fork, the bytes the guest
//    changed (memory differs from the shadow) are written to the file; only those,
//    so that a flush never undoes what another process or descriptor wrote;
//  - file -> mapping ("refresh"): after this process writes or truncates the file,
//    and at msync, the mappings of that file read the affected range again.
// Flushed bytes are copied into the process's other mappings of the same file.
// Files are told apart by host device and inode (memfds by their inode object).
// Each mapping holds its own host fd, so it outlives close(2) and unlink(2).
//
// Not modelled: stores that another process makes through its own mapping (or a
// write(2) by another process) become visible here only at this process's next
// msync or write of the file; two mappings of one file in one process agree only
// after a flush. MAP_SHARED|MAP_ANONYMOUS memory is copied at fork, not shared.

import * as fs from 'node:fs';
import type { Process } from './process.js';
import type { OpenFile, MemInode } from './fdtable.js';
import type { Vma } from './vma.js';

/** One file with shared mappings in a process. */
interface Backing {
  key: string;
  /** our own host fd for the file (-1 for a memfd) */
  fd: number;
  mem: MemInode | null;
  /** the mapping may write the file back (the guest's fd allowed writing) */
  writable: boolean;
  maps: SharedMap[];
}

interface SharedMap {
  /** guest address and length (whole pages) */
  start: number;
  len: number;
  /** file offset of start */
  off: number;
  /** the bytes last exchanged with the file */
  shadow: Uint8Array;
  backing: Backing;
}

class Registry {
  readonly backings = new Map<string, Backing>();
  readonly maps: SharedMap[] = [];
}

const registries = new WeakMap<Process, Registry>();
/** shared mappings in all processes of this host process: 0 makes every hook a single test */
let live = 0;

/** Are there shared file mappings anywhere (a cheap test for the I/O paths)? */
export function hasSharedMaps(): boolean { return live !== 0; }

function registry(p: Process): Registry {
  let r = registries.get(p);
  if (!r) { r = new Registry(); registries.set(p, r); }
  return r;
}

const keys = new WeakMap<OpenFile, { fd: number; key: string | null }>();

/** The identity of the file behind f (device:inode), or null for what cannot be mapped shared. */
function fileKey(f: OpenFile): string | null {
  if (f.mem) return `mem:${f.mem.ino}`;
  if (f.hostFd < 0 || (f.kind !== 'file' && f.kind !== 'blk')) return null;
  const k = keys.get(f);
  if (k && k.fd === f.hostFd) return k.key;
  let key: string | null = null;
  try {
    const st = fs.fstatSync(f.hostFd, { bigint: true });
    key = `${st.dev}:${st.ino}`;
  } catch { /* gone */ }
  keys.set(f, { fd: f.hostFd, key });
  return key;
}

function pathKey(hostPath: string | Buffer): string | null {
  try {
    const st = fs.statSync(hostPath, { bigint: true });
    return `${st.dev}:${st.ino}`;
  } catch { return null; }
}

// ---- moving bytes ----------------------------------------------------------------------------

function fileSize(b: Backing): number {
  if (b.mem) return b.mem.size;
  try { return fs.fstatSync(b.fd).size; } catch { return 0; }
}

function writeFile(b: Backing, src: Uint8Array, pos: number): void {
  if (b.mem) { b.mem.write(src, pos); return; }
  let off = 0;
  try {
    while (off < src.length) off += fs.writeSync(b.fd, src, off, src.length - off, pos + off);
  } catch { /* the file went away (a full disk, a revoked fd): the bytes stay in memory */ }
}

/** Read file bytes [pos, pos + dst.length) into dst; what lies beyond the end reads as zero. */
function readFile(b: Backing, dst: Uint8Array, pos: number): void {
  let n = 0;
  if (b.mem) n = b.mem.read(dst, pos);
  else {
    try {
      let got: number;
      while (n < dst.length && (got = fs.readSync(b.fd, dst, n, dst.length - n, pos + n)) > 0) n += got;
    } catch { /* unreadable: keep zeros */ }
  }
  dst.fill(0, n);
}

const CHUNK = 65536;

/**
 * The runs [from, to) (relative to the mapping) where memory differs from the
 * shadow. Big unchanged stretches are skipped with memcmp; runs closer than a
 * few bytes are joined (fewer writes, and those bytes are the file's anyway).
 */
function changedRuns(p: Process, m: SharedMap): [number, number][] {
  const runs: [number, number][] = [];
  const mem = Buffer.from(p.mem.u8.buffer, p.mem.u8.byteOffset + m.start, m.len);
  const sh = Buffer.from(m.shadow.buffer, m.shadow.byteOffset, m.len);
  for (let c = 0; c < m.len; c += CHUNK) {
    const e = Math.min(c + CHUNK, m.len);
    if (Buffer.compare(mem.subarray(c, e), sh.subarray(c, e)) === 0) continue;
    let k = c;
    while (k < e) {
      if (mem[k] === sh[k]) { k++; continue; }
      let j = k + 1;
      while (j < e && (mem[j] !== sh[j] || (j + 8 < e && mem.compare(sh, j, j + 8, j, j + 8) !== 0))) j++;
      const last = runs[runs.length - 1];
      if (last && last[1] === k) last[1] = j; else runs.push([k, j]);
      k = j;
    }
  }
  return runs;
}

/** Write what the guest changed in b's mappings to the file (and into its other mappings). */
function flushBacking(p: Process, b: Backing): void {
  // a mapping of a file the guest could not write cannot have changed it (Linux refuses PROT_WRITE)
  if (!b.writable) return;
  const u8 = p.mem.u8;
  let size = -1;
  for (const m of b.maps) {
    const runs = changedRuns(p, m);
    if (runs.length === 0) continue;
    for (const [a, e] of runs) {
      if (size < 0) size = fileSize(b);
      // a store beyond the end of the file stays in memory: it never reaches the file
      const from = m.off + a, to = Math.min(m.off + e, size);
      if (to > from) {
        writeFile(b, u8.subarray(m.start + a, m.start + (to - m.off)), from);
        for (const o of b.maps) if (o !== m) copyInto(p, o, u8.subarray(m.start + a, m.start + (to - m.off)), from);
      }
      m.shadow.set(u8.subarray(m.start + a, m.start + e), a);
    }
  }
}

/** Put file bytes (data, at file offset pos) into mapping o where it maps them. */
function copyInto(p: Process, o: SharedMap, data: Uint8Array, pos: number): void {
  const from = Math.max(pos, o.off), to = Math.min(pos + data.length, o.off + o.len);
  if (to <= from) return;
  const part = data.subarray(from - pos, to - pos);
  p.mem.noteWrite(o.start + (from - o.off), to - from);
  p.mem.u8.set(part, o.start + (from - o.off));
  o.shadow.set(part, from - o.off);
}

/** Read file range [from, to) again into b's mappings (to = Infinity: all of them). */
function refreshBacking(p: Process, b: Backing, from: number, to: number): void {
  for (const m of b.maps) {
    const a = Math.max(from, m.off), e = Math.min(to, m.off + m.len);
    if (e <= a) continue;
    const at = m.start + (a - m.off);
    p.mem.noteWrite(at, e - a);
    const dst = p.mem.u8.subarray(at, at + (e - a));
    readFile(b, dst, a);
    m.shadow.set(dst, a - m.off);
  }
}

function release(r: Registry, b: Backing): void {
  if (b.maps.length) return;
  r.backings.delete(b.key);
  if (b.fd >= 0) { try { fs.closeSync(b.fd); } catch { /* gone */ } }
}

// ---- what the syscalls call -------------------------------------------------------------------

/**
 * mmap(MAP_SHARED) of f at [start, start + len) from file offset off, after the
 * file's bytes were put there. writable: the guest's descriptor allows writing.
 */
export function addSharedMap(p: Process, f: OpenFile, start: number, len: number, off: number): void {
  const key = fileKey(f);
  if (!key) return;
  const r = registry(p);
  let b = r.backings.get(key);
  if (!b) {
    const acc = f.flags & 3;
    let fd = -1, writable = f.mem !== null && acc === 2;
    if (!f.mem) {
      // our own descriptor: the mapping outlives the guest's close() and the file's unlink()
      for (const mode of acc === 2 ? [fs.constants.O_RDWR, fs.constants.O_RDONLY] : [fs.constants.O_RDONLY]) {
        try { fd = fs.openSync(`/proc/self/fd/${f.hostFd}`, mode); writable = mode === fs.constants.O_RDWR; break; } catch { /* next */ }
      }
      if (fd < 0) return;
    }
    b = { key, fd, mem: f.mem, writable, maps: [] };
    r.backings.set(key, b);
  }
  const m: SharedMap = { start, len, off, shadow: p.mem.u8.slice(start, start + len), backing: b };
  b.maps.push(m);
  r.maps.push(m);
  live++;
}

/** Before f is read, mapped again or truncated: the mappings' changes go to the file first. */
export function syncFile(p: Process, f: OpenFile): void {
  if (live === 0) return;
  const r = registries.get(p);
  if (!r || r.maps.length === 0) return;
  const key = fileKey(f);
  const b = key ? r.backings.get(key) : undefined;
  if (b) flushBacking(p, b);
}

/** Before the file at a host path is truncated (truncate(2)): as syncFile. Returns its key. */
export function syncPath(p: Process, hostPath: string | Buffer): string | null {
  if (live === 0) return null;
  const r = registries.get(p);
  if (!r || r.maps.length === 0) return null;
  const key = pathKey(hostPath);
  const b = key ? r.backings.get(key) : undefined;
  if (b) flushBacking(p, b);
  return key;
}

/** After this process changed file bytes [from, to) (to = Infinity: anything, e.g. its size). */
export function fileChanged(p: Process, f: OpenFile, from: number, to: number): void {
  if (live === 0) return;
  const key = fileKey(f);
  if (key) keyChanged(p, key, from, to);
}

export function keyChanged(p: Process, key: string | null, from: number, to: number): void {
  if (live === 0 || !key) return;
  const b = registries.get(p)?.backings.get(key);
  if (b) refreshBacking(p, b, from, to);
}

function overlapping(r: Registry, addr: number, len: number): SharedMap[] {
  return r.maps.filter((m) => m.start < addr + len && addr < m.start + m.len);
}

/** msync: write back the files mapped in the range, and read them again. */
export function syncRange(p: Process, addr: number, len: number): void {
  if (live === 0) return;
  const r = registries.get(p);
  if (!r) return;
  const bs = new Set(overlapping(r, addr, len).map((m) => m.backing));
  for (const b of bs) { flushBacking(p, b); refreshBacking(p, b, 0, Infinity); }
}

/** munmap (and MAP_FIXED over, mremap away from) [addr, addr + len): write back, then forget that part. */
export function unmapShared(p: Process, addr: number, len: number): void {
  if (live === 0) return;
  const r = registries.get(p);
  if (!r) return;
  const hit = overlapping(r, addr, len);
  if (hit.length === 0) return;
  for (const b of new Set(hit.map((m) => m.backing))) flushBacking(p, b);
  const end = addr + len;
  for (const m of hit) {
    const b = m.backing;
    r.maps.splice(r.maps.indexOf(m), 1);
    b.maps.splice(b.maps.indexOf(m), 1);
    live--;
    // the parts outside the range stay mapped
    const pieces: SharedMap[] = [];
    if (m.start < addr) pieces.push({ ...m, len: addr - m.start, shadow: m.shadow.slice(0, addr - m.start) });
    if (m.start + m.len > end) {
      const cut = end - m.start;
      pieces.push({ ...m, start: end, len: m.len - cut, off: m.off + cut, shadow: m.shadow.slice(cut) });
    }
    for (const piece of pieces) { r.maps.push(piece); b.maps.push(piece); live++; }
    release(r, b);
  }
}

/**
 * mremap of [old, old + oldLen) to [dest, dest + newLen): the shared mapping that
 * starts at old moves (and grows or shrinks) with it; the new part is read from
 * the file. Call before the move; the returned function finishes it afterwards.
 */
export function remapShared(p: Process, old: number, oldLen: number): ((dest: number, newLen: number) => void) | null {
  if (live === 0) return null;
  const r = registries.get(p);
  const m = r?.maps.find((x) => x.start === old);
  if (!r || !m) return null;
  const b = m.backing, off = m.off;
  // keep the backing (and its fd) alive across the unmap
  const hold: SharedMap = { start: 0, len: 0, off: 0, shadow: new Uint8Array(0), backing: b };
  b.maps.push(hold);
  unmapShared(p, old, oldLen);
  b.maps.splice(b.maps.indexOf(hold), 1);
  return (dest, newLen) => {
    const nm: SharedMap = { start: dest, len: newLen, off, shadow: new Uint8Array(newLen), backing: b };
    b.maps.push(nm);
    r.maps.push(nm);
    live++;
    refreshBacking(p, { ...b, maps: [nm] }, 0, Infinity);
  };
}

/** Exit and fork: everything the mappings changed goes to the files. */
export function flushSharedMaps(p: Process): void {
  if (live === 0) return;
  const r = registries.get(p);
  if (!r) return;
  for (const b of r.backings.values()) flushBacking(p, b);
}

/** execve: write back and drop every shared mapping (the address space goes). */
export function dropSharedMaps(p: Process): void {
  if (live === 0) return;
  const r = registries.get(p);
  if (!r) return;
  flushSharedMaps(p);
  for (const b of [...r.backings.values()]) {
    live -= b.maps.length;
    b.maps.length = 0;
    release(r, b);
  }
  r.maps.length = 0;
}

// ---- fork ------------------------------------------------------------------------------------

/** What a child needs to go on sharing a mapping: it travels in the snapshot's mapping list. */
interface ShmNote { fd: number; writable: boolean; key: string; start: number; len: number; off: number }
type NotedVma = Vma & { shm?: ShmNote[] };

/**
 * Before a fork's snapshot: write everything back, and note each shared file
 * mapping on the mapping list with the host fd the child will have for its file
 * (passFd hands our fd to the child and returns its number there). Returns the
 * function that removes the notes again.
 */
export function prepareFork(p: Process, passFd: (fd: number) => number): () => void {
  if (live === 0) return () => {};
  const r = registries.get(p);
  if (!r || r.maps.length === 0) return () => {};
  flushSharedMaps(p);
  const childFd = new Map<Backing, number>();
  const noted: NotedVma[] = [];
  for (const m of r.maps) {
    const b = m.backing;
    if (b.fd < 0) continue; // memfds are copied at fork
    let fd = childFd.get(b);
    if (fd === undefined) { fd = passFd(b.fd); childFd.set(b, fd); }
    const v = p.vmas.list.find((x) => x.start <= m.start && m.start < x.end) as NotedVma | undefined;
    if (!v) continue;
    (v.shm ??= []).push({ fd, writable: b.writable, key: b.key, start: m.start, len: m.len, off: m.off });
    noted.push(v);
  }
  return () => { for (const v of noted) delete v.shm; };
}

/** In a forked child, before it runs: take over the shared mappings its parent noted. */
export function adoptSharedMaps(p: Process): void {
  const r = registry(p);
  for (const v of p.vmas.list as NotedVma[]) {
    if (!v.shm) continue;
    for (const n of v.shm) {
      let b = r.backings.get(n.key);
      if (!b) { b = { key: n.key, fd: n.fd, mem: null, writable: n.writable, maps: [] }; r.backings.set(n.key, b); }
      const m: SharedMap = { start: n.start, len: n.len, off: n.off, shadow: p.mem.u8.slice(n.start, n.start + n.len), backing: b };
      b.maps.push(m);
      r.maps.push(m);
      live++;
    }
    delete v.shm;
  }
}
