// A whole guest process as bytes, for fork: x64vm runs one guest process per
// Node process, so a fork spawns a new x64vm that resumes from a snapshot of
// the parent (see sys/fork.ts).
//
// Layout: "X64VMSN1", u32 length of a JSON header, the JSON header (registers
// outside the state block, mm and fd tables, signal dispositions), the CPU state
// block (STATE_SIZE bytes at STATE_BASE), then for each run of mapped pages the
// header lists: one permission byte per page, one "all zero" byte per page, and
// the bytes of the pages that are not all zero. Zero pages (most of a fresh
// stack, bss) cost two bytes each.

import * as fs from 'node:fs';
import { Process } from './process.js';
import type { Host } from './host.js';
import { OpenFile, MemInode, FileKind } from './fdtable.js';
import { P_R, P_W, P_X, P_MAPPED, NUM_PAGES, PAGE_SIZE } from '../mem/memory.js';
import { STATE_BASE, STATE_SIZE, RAX, RSP } from '../cpu/state.js';
import type { Vma } from './vma.js';

const MAGIC = 'X64VMSN1';
const ZERO_PAGE = Buffer.alloc(PAGE_SIZE);

/** What the child of a fork does differently from its parent (clone arguments). */
export interface ForkChild {
  /** new stack pointer (clone's stack argument), 0 to keep the parent's */
  sp: number;
  /** CLONE_SETTLS: the new fs base as [lo, hi] */
  tls: [number, number] | null;
  /** CLONE_CHILD_SETTID: where the child stores its pid (0: nowhere) */
  setTid: number;
  /** CLONE_CHILD_CLEARTID: the child's clear_child_tid address (0: none) */
  clearTid: number;
}

interface FileMeta {
  hostFd: number;
  nbTwin: number;
  kind: FileKind;
  path: string;
  flags: number;
  pos: number;
  hpath: string;
  hostNonblock: boolean;
  dirPos: number;
  dir: [string, string, number][] | null;
  data: string | null;
  mem: { bytes: string; seals: number; mode: number; uid: number; gid: number } | null;
}

interface Meta {
  rip: number;
  brkStart: number;
  brkCur: number;
  mmapHint: number;
  cwd: string;
  umask: number;
  rseq: { area: number; len: number; sig: number };
  exePath: string;
  argv: string[];
  auxv: [number, number][];
  argEnvRange: number[];
  strace: boolean;
  verbose: boolean;
  vmas: Vma[];
  sig: { actions: [number, number, number, number, number][]; blocked: [number, number]; ss: [number, number, number] };
  files: FileMeta[];
  fds: [number, number, boolean][];
  child: ForkChild;
  ranges: [number, number][];
}

const b64 = (u: Uint8Array): string => Buffer.from(u.buffer, u.byteOffset, u.length).toString('base64');
const unb64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

/**
 * Write the snapshot of p to the host fd `out`. `hostFdOf` gives, for each open
 * file with a host fd, the numbers its fd and non-blocking twin (or -1) will have
 * in the child.
 */
export function writeSnapshot(p: Process, out: number, hostFdOf: Map<OpenFile, [number, number]>, child: ForkChild): void {
  const mem = p.mem, perm = mem.perm;
  const ranges = mappedRuns(perm);

  const files: FileMeta[] = [];
  const fileIndex = new Map<OpenFile, number>();
  const fds: [number, number, boolean][] = [];
  for (const fd of p.fds.list()) {
    const e = p.fds.entry(fd)!;
    const f = e.file;
    let k = fileIndex.get(f);
    if (k === undefined) {
      k = files.length;
      fileIndex.set(f, k);
      const m = f.mem;
      files.push({
        hostFd: f.hostFd >= 0 ? hostFdOf.get(f)?.[0] ?? -1 : -1,
        nbTwin: f.hostFd >= 0 ? hostFdOf.get(f)?.[1] ?? -1 : -1,
        kind: f.kind, path: f.path, flags: f.flags, pos: f.pos, hpath: f.hpath, hostNonblock: f.hostNonblock,
        dirPos: f.dirPos,
        dir: f.dirEntries ? f.dirEntries.map((d) => [b64(d.name), d.ino.toString(), d.type]) : null,
        data: !m && f.data ? b64(f.data) : null,
        mem: m ? { bytes: b64(m.bytes.subarray(0, m.size)), seals: m.seals, mode: m.mode, uid: m.uid, gid: m.gid } : null,
      });
    }
    fds.push([fd, k, e.cloexec]);
  }

  const sig = p.sig;
  const meta: Meta = {
    rip: p.cpu.rip, brkStart: p.brkStart, brkCur: p.brkCur, mmapHint: p.mmapHint, cwd: p.cwd, umask: p.umask, rseq: p.rseq,
    exePath: p.exePath, argv: p.argv, auxv: p.auxv, argEnvRange: p.argEnvRange, strace: p.strace, verbose: p.host.verboseUnsupported,
    vmas: p.vmas.list,
    sig: {
      actions: sig.actions.map((a) => [a.handler, a.flags, a.restorer, a.maskLo, a.maskHi]),
      blocked: [sig.blockedLo, sig.blockedHi],
      ss: [sig.ssSp, sig.ssSize, sig.ssFlags],
    },
    files, fds, child, ranges,
  };
  const json = Buffer.from(JSON.stringify(meta));
  const head = Buffer.alloc(12);
  head.write(MAGIC, 0, 'latin1');
  head.writeUInt32LE(json.length, 8);
  let at = 0;
  const put = (b: Uint8Array): void => {
    let off = 0;
    while (off < b.length) off += fs.writeSync(out, b, off, b.length - off, at + off);
    at += b.length;
  };
  put(head);
  put(json);
  put(mem.u8.subarray(STATE_BASE, STATE_BASE + STATE_SIZE));
  const all = Buffer.from(mem.buffer as ArrayBuffer);
  for (const [first, count] of ranges) {
    const pm = new Uint8Array(count), zero = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      pm[k] = perm[first + k] & (P_R | P_W | P_X);
      const a = (first + k) * PAGE_SIZE;
      zero[k] = all.compare(ZERO_PAGE, 0, PAGE_SIZE, a, a + PAGE_SIZE) === 0 ? 1 : 0;
    }
    put(pm);
    put(zero);
    // non-zero pages, adjacent ones in one write
    for (let k = 0; k < count;) {
      if (zero[k]) { k++; continue; }
      let e = k + 1;
      while (e < count && !zero[e]) e++;
      put(mem.u8.subarray((first + k) * PAGE_SIZE, (first + e) * PAGE_SIZE));
      k = e;
    }
  }
}

/**
 * The runs of mapped pages as [first page, count]. Scans the permission map a
 * word at a time: most of the 4 GiB is unmapped, and forks and execs run this
 * while the code is still cold.
 */
export function mappedRuns(perm: Uint8Array): [number, number][] {
  const words = new Uint32Array(perm.buffer, perm.byteOffset, NUM_PAGES >>> 2);
  const runs: [number, number][] = [];
  let start = -1;
  for (let w = 0; w < words.length; w++) {
    const v = words[w];
    if (v === 0 && start < 0) continue;
    for (let k = 0; k < 4; k++) {
      const pg = 4 * w + k;
      const mapped = (perm[pg] & P_MAPPED) !== 0;
      if (mapped && start < 0) start = pg;
      else if (!mapped && start >= 0) { runs.push([start, pg - start]); start = -1; }
    }
  }
  if (start >= 0) runs.push([start, NUM_PAGES - start]);
  return runs;
}

/** Read exactly len bytes at file offset pos into dst. */
function readFully(fd: number, dst: Uint8Array, pos: number): void {
  let off = 0;
  while (off < dst.length) {
    const n = fs.readSync(fd, dst, off, dst.length - off, pos + off);
    if (n <= 0) throw new Error('x64vm: fork snapshot is truncated');
    off += n;
  }
}

/** Rebuild a forked process in the fresh Process p from the snapshot in host fd `src`. */
export function readSnapshot(p: Process, src: number): void {
  const head = Buffer.alloc(12);
  readFully(src, head, 0);
  if (head.toString('latin1', 0, 8) !== MAGIC) throw new Error('x64vm: not a fork snapshot');
  const json = Buffer.alloc(head.readUInt32LE(8));
  readFully(src, json, 12);
  const meta = JSON.parse(json.toString()) as Meta;
  let at = 12 + json.length;
  const mem = p.mem, perm = mem.perm;
  readFully(src, mem.u8.subarray(STATE_BASE, STATE_BASE + STATE_SIZE), at);
  at += STATE_SIZE;
  for (const [first, count] of meta.ranges) {
    const pm = new Uint8Array(count), zero = new Uint8Array(count);
    readFully(src, pm, at); at += count;
    readFully(src, zero, at); at += count;
    for (let k = 0; k < count; k++) perm[first + k] = pm[k] | P_MAPPED;
    for (let k = 0; k < count;) {
      if (zero[k]) { k++; continue; }
      let e = k + 1;
      while (e < count && !zero[e]) e++;
      const dst = mem.u8.subarray((first + k) * PAGE_SIZE, (first + e) * PAGE_SIZE);
      readFully(src, dst, at);
      at += dst.length;
      k = e;
    }
  }

  const cpu = p.cpu;
  cpu.rip = meta.rip;
  p.brkStart = meta.brkStart; p.brkCur = meta.brkCur; p.mmapHint = meta.mmapHint;
  p.cwd = meta.cwd; p.umask = meta.umask; p.rseq = meta.rseq ?? p.rseq; p.exePath = meta.exePath; p.argv = meta.argv; p.auxv = meta.auxv; p.argEnvRange = meta.argEnvRange ?? p.argEnvRange;
  p.strace = meta.strace;
  p.host.verboseUnsupported = meta.verbose;
  p.vmas.list.length = 0;
  p.vmas.list.push(...meta.vmas);

  const sig = p.sig;
  meta.sig.actions.forEach(([handler, flags, restorer, maskLo, maskHi], s) => {
    const a = sig.actions[s];
    if (a) { a.handler = handler; a.flags = flags; a.restorer = restorer; a.maskLo = maskLo; a.maskHi = maskHi; }
  });
  sig.setBlocked(meta.sig.blocked[0], meta.sig.blocked[1]);
  [sig.ssSp, sig.ssSize, sig.ssFlags] = meta.sig.ss;

  // the descriptor table: the fresh one describes x64vm's own stdio; replace it
  for (const fd of p.fds.list()) p.fds.close(fd);
  const files = meta.files.map((m) => {
    const f = new OpenFile(m.hostFd, m.kind, m.path, m.flags, m.data !== null ? unb64(m.data) : null);
    f.refs = 0;
    f.pos = m.pos; f.hpath = m.hpath; f.hostNonblock = m.hostNonblock; f.dirPos = m.dirPos; f.nbTwin = m.nbTwin;
    if (m.dir) f.dirEntries = m.dir.map(([name, ino, type]) => ({ name: unb64(name), ino: BigInt(ino), type }));
    if (m.mem) {
      const inode = new MemInode();
      inode.write(unb64(m.mem.bytes), 0);
      inode.seals = m.mem.seals; inode.mode = m.mem.mode; inode.uid = m.mem.uid; inode.gid = m.mem.gid;
      f.mem = inode;
    }
    return f;
  });
  for (const [fd, k, cloexec] of meta.fds) {
    files[k].refs++;
    p.fds.set(fd, files[k], cloexec);
  }

  // the child's side of the fork: fork returns 0, maybe on a new stack and with new TLS
  const r = cpu.r, c = meta.child;
  r[2 * RAX] = 0; r[2 * RAX + 1] = 0;
  if (c.sp) { r[2 * RSP] = c.sp >>> 0; r[2 * RSP + 1] = Math.floor(c.sp / 4294967296); }
  if (c.tls) { cpu.seg[0] = c.tls[0]; cpu.seg[1] = c.tls[1]; }
  if (c.setTid && mem.check(c.setTid, 4, P_W)) mem.dv.setInt32(c.setTid, process.pid, true);
  p.tidAddress = c.clearTid;
}

/** The child side of a fork: a Process rebuilt from the snapshot at host fd `fd` (which is closed). */
export function resumeFork(host: Host, fd: number): Process {
  const p = new Process(host);
  try {
    readSnapshot(p, fd);
  } catch (e) {
    process.stderr.write(`x64vm: cannot start the child of a fork: ${(e as Error).message}\n`);
    process.exit(70);
  } finally {
    try { fs.closeSync(fd); } catch { /* not open */ }
  }
  return p;
}
