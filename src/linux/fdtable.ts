// The guest's file descriptor table. Each guest fd refers to an open file
// description (OpenFile); dup'ed fds share one, with its offset and status flags.
// An OpenFile is backed by a host fd (files, directories, devices, inherited
// stdio), by an in-process pipe, by an in-memory file (memfd), or by fixed
// content (emulated files).

import * as fs from 'node:fs';
import type { Host } from './host.js';

export type FileKind = 'file' | 'dir' | 'chr' | 'blk' | 'fifo' | 'sock' | 'link' | 'special';

// open(2) flags as x86-64 Linux numbers them
export const O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_EXCL = 0o200,
  O_NOCTTY = 0o400, O_TRUNC = 0o1000, O_APPEND = 0o2000, O_NONBLOCK = 0o4000, O_DSYNC = 0o10000,
  O_ASYNC = 0o20000, O_DIRECT = 0o40000, O_LARGEFILE = 0o100000, O_DIRECTORY = 0o200000,
  O_NOFOLLOW = 0o400000, O_NOATIME = 0o1000000, O_CLOEXEC = 0o2000000, O_SYNC = 0o4010000,
  O_PATH = 0o10000000, O_TMPFILE = 0o20200000;

/** The soft RLIMIT_NOFILE x64vm reports (see prlimit64): descriptors are numbered below it. */
export const FD_LIMIT = 1024;

export const PAGE = 4096;
let nextIno = 1000;
const nowNs = (): bigint => BigInt(Date.now()) * 1000000n;

/**
 * A pipe inside this process. Linux keeps a pipe as a ring of page-sized buffers
 * (16 by default); a write merges into the last page only its sub-page remainder,
 * and only when that fits whole, else it takes fresh pages. Modelling the pages
 * (rather than a byte ring) makes "full" and EAGAIN happen exactly when they do
 * on Linux, and gives writes of up to PIPE_BUF bytes their atomicity for free.
 */
export class Pipe {
  private bufs: { data: Uint8Array; off: number; len: number }[] = [];
  /** number of pages the pipe may hold (F_SETPIPE_SZ changes it) */
  slots = 16;
  readers = 0;
  writers = 0;
  readonly ino = nextIno++;
  readonly timeNs = nowNs();

  /** bytes waiting to be read */
  get size(): number { let n = 0; for (const b of this.bufs) n += b.len; return n; }
  get capacity(): number { return this.slots * PAGE; }
  get used(): number { return this.bufs.length; }
  isFull(): boolean { return this.bufs.length >= this.slots; }

  /** Take up to dst.length bytes; returns the count (0 when empty). */
  read(dst: Uint8Array): number {
    let n = 0;
    while (n < dst.length && this.bufs.length > 0) {
      const b = this.bufs[0];
      const k = Math.min(b.len, dst.length - n);
      dst.set(b.data.subarray(b.off, b.off + k), n);
      b.off += k; b.len -= k; n += k;
      if (b.len === 0) this.bufs.shift();
    }
    return n;
  }

  /**
   * Accept as much of src as fits now; returns the count. `start` is true for the
   * first attempt of a write(2): only then may its remainder merge into the last page.
   */
  write(src: Uint8Array, start: boolean): number {
    let n = 0;
    const chars = src.length & (PAGE - 1);
    if (start && chars && this.bufs.length > 0) {
      const last = this.bufs[this.bufs.length - 1];
      const end = last.off + last.len;
      if (end + chars <= PAGE) {
        last.data.set(src.subarray(0, chars), end);
        last.len += chars;
        n = chars;
      }
    }
    while (n < src.length && !this.isFull()) {
      const k = Math.min(PAGE, src.length - n);
      const data = new Uint8Array(PAGE);
      data.set(src.subarray(n, n + k));
      this.bufs.push({ data, off: 0, len: k });
      n += k;
    }
    return n;
  }
}

/** The content of an in-memory file (memfd_create). */
export class MemInode {
  bytes = new Uint8Array(0);
  size = 0;
  /** F_SEAL_* bits; F_SEAL_SEAL (1) when sealing is not allowed */
  seals = 1;
  readonly ino = nextIno++;
  mode = 0o100777;
  uid = 0;
  gid = 0;
  atimeNs = nowNs();
  mtimeNs = this.atimeNs;
  ctimeNs = this.atimeNs;

  private reserve(n: number): void {
    if (n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(n, this.bytes.length * 2, 4096));
    grown.set(this.bytes.subarray(0, this.size));
    this.bytes = grown;
  }
  read(dst: Uint8Array, pos: number): number {
    const n = Math.max(0, Math.min(dst.length, this.size - pos));
    dst.set(this.bytes.subarray(pos, pos + n));
    this.atimeNs = nowNs();
    return n;
  }
  write(src: Uint8Array, pos: number): number {
    this.reserve(pos + src.length);
    if (pos > this.size) this.bytes.fill(0, this.size, pos);
    this.bytes.set(src, pos);
    this.size = Math.max(this.size, pos + src.length);
    this.mtimeNs = this.ctimeNs = nowNs();
    return src.length;
  }
  truncate(len: number): void {
    if (len > this.size) { this.reserve(len); this.bytes.fill(0, this.size, len); }
    this.size = len;
    this.mtimeNs = this.ctimeNs = nowNs();
  }
}

export const POLLIN = 0x1, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLRDNORM = 0x40, POLLWRNORM = 0x100;

/** An open file description (shared by dup'ed descriptors). */
export class OpenFile {
  refs = 1;
  /** directory listing for getdents: a snapshot taken at the first read after open or rewind */
  dirEntries: { name: Uint8Array; ino: bigint; type: number }[] | null = null;
  dirPos = 0;
  /** the file offset for files we position ourselves; -1 = the host fd keeps it (inherited stdio) */
  pos = 0;
  /** in-process pipe end (kind 'fifo'): which end is given by the access mode */
  pipe: Pipe | null = null;
  /** in-memory file (memfd) */
  mem: MemInode | null = null;
  /** host path as a byte string (one char per byte, 'latin1'); '' when there is none */
  hpath = '';
  /** the host fd is in non-blocking mode (inherited that way, or found so) */
  hostNonblock = false;
  /** the host fd was opened with O_APPEND (so even its positioned writes append) */
  hostAppend = false;
  /** a non-blocking host twin of hostFd, for guest O_NONBLOCK reads (-1: not opened yet, -2: unavailable) */
  nbTwin = -1;
  private content: Uint8Array | null;

  constructor(
    /** host file descriptor, or -1 for emulated files */
    public hostFd: number,
    public kind: FileKind,
    /** absolute host path (for fstat by path, /proc/self/fd, diagnostics) */
    public path: string,
    /** O_* flags as the guest gave them (access mode, O_APPEND, O_NONBLOCK ...) */
    public flags: number,
    /** for emulated files: the whole content */
    data: Uint8Array | null = null,
  ) {
    this.content = data;
  }

  /** The whole content of an emulated or in-memory file (what mmap copies), else null. */
  get data(): Uint8Array | null {
    if (this.mem) return this.mem.bytes.subarray(0, this.mem.size);
    return this.content;
  }
  set data(v: Uint8Array | null) { this.content = v; }

  /**
   * What poll(2) would report for this file now (POLL* bits), or -1 when only the
   * host can tell (a host pipe, socket or terminal).
   */
  readiness(): number {
    if (this.pipe) {
      const pipe = this.pipe;
      if ((this.flags & O_ACCMODE) === O_RDONLY) {
        let m = pipe.size > 0 ? POLLIN | POLLRDNORM : 0;
        if (pipe.writers === 0) m |= POLLHUP;
        return m;
      }
      let m = pipe.isFull() ? 0 : POLLOUT | POLLWRNORM;
      if (pipe.readers === 0) m |= POLLERR;
      return m;
    }
    // files and directories are always ready, as on Linux
    if (this.mem || this.hostFd < 0 || this.kind === 'file' || this.kind === 'dir' || this.kind === 'blk') {
      return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
    }
    return -1;
  }

  /** Called once, when the last descriptor referring to this description is closed. */
  release(): void {
    if (this.pipe && !(this.flags & O_PATH)) {
      const acc = this.flags & O_ACCMODE;
      if (acc === O_RDONLY || acc === O_RDWR) this.pipe.readers--;
      if (acc === O_WRONLY || acc === O_RDWR) this.pipe.writers--;
    }
    if (this.nbTwin >= 0) { try { fs.closeSync(this.nbTwin); } catch { /* gone */ } }
    // the host's own stdio stays open: x64vm reports on fd 2
    if (this.hostFd > 2) {
      try { fs.closeSync(this.hostFd); } catch { /* already gone */ }
    }
  }
}

export interface FdEntry { file: OpenFile; cloexec: boolean }

/** Linux's view of an inherited host fd: offset and flags from /proc/self/fdinfo, when there is one. */
function hostFdInfo(fd: number): { pos: number; flags: number } | null {
  if (process.platform !== 'linux') return null;
  try {
    const text = fs.readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1');
    const pos = /^pos:\s*(\d+)/m.exec(text), flags = /^flags:\s*([0-7]+)/m.exec(text);
    if (!pos || !flags) return null;
    return { pos: Number(pos[1]), flags: parseInt(flags[1], 8) };
  } catch { return null; }
}

export class FdTable {
  private fds: (FdEntry | undefined)[] = [];
  constructor(private host: Host) {
    // stdin, stdout, stderr are x64vm's own
    for (let fd = 0; fd < 3; fd++) {
      let kind: FileKind = 'chr';
      try {
        const st = fs.fstatSync(fd);
        kind = st.isFIFO() ? 'fifo' : st.isFile() ? 'file' : st.isSocket() ? 'sock' : st.isDirectory() ? 'dir'
          : st.isBlockDevice() ? 'blk' : 'chr';
      } catch { continue; }
      const info = hostFdInfo(fd);
      // A fresh process sees blocking descriptors; if Node (or whoever started us)
      // left one non-blocking, reads still wait (see readFile in sys/io.ts).
      const flags = info ? info.flags & ~(O_NONBLOCK | O_CLOEXEC) : (fd === 0 ? O_RDONLY : O_WRONLY) | O_LARGEFILE;
      const f = new OpenFile(fd, kind, `/dev/fd/${fd}`, flags);
      f.hostNonblock = info ? (info.flags & O_NONBLOCK) !== 0 : false;
      f.hostAppend = info ? (info.flags & O_APPEND) !== 0 : false;
      f.pos = -1; // the host keeps the offset of inherited descriptors: it is shared with our parent
      this.fds[fd] = { file: f, cloexec: false };
    }
  }

  get(fd: number): OpenFile | undefined {
    return fd >= 0 ? this.fds[fd]?.file : undefined;
  }
  entry(fd: number): FdEntry | undefined { return fd >= 0 ? this.fds[fd] : undefined; }

  /** Is there a free descriptor number below the limit? */
  hasFree(): boolean {
    for (let fd = 0; fd < FD_LIMIT; fd++) if (!this.fds[fd]) return true;
    return false;
  }

  /** Install at the lowest free number >= min. Returns the fd, or -EMFILE (24) when none is free below the limit. */
  add(file: OpenFile, cloexec = false, min = 0): number {
    let fd = min;
    while (this.fds[fd]) fd++;
    if (fd >= FD_LIMIT) return -24;
    this.fds[fd] = { file, cloexec };
    return fd;
  }

  /** A new descriptor for an existing description (dup, F_DUPFD): the lowest free >= min, or -EMFILE. */
  dup(file: OpenFile, cloexec = false, min = 0): number {
    const fd = this.add(file, cloexec, min);
    if (fd >= 0) file.refs++;
    return fd;
  }

  /** Install at exactly fd, closing what was there. */
  set(fd: number, file: OpenFile, cloexec = false): void {
    if (this.fds[fd]) this.close(fd);
    this.fds[fd] = { file, cloexec };
  }

  close(fd: number): boolean {
    const e = fd >= 0 ? this.fds[fd] : undefined;
    if (!e) return false;
    this.fds[fd] = undefined;
    if (--e.file.refs === 0) e.file.release();
    return true;
  }

  /** What execve does to descriptors marked close-on-exec. */
  closeOnExec(): void {
    this.fds.forEach((e, k) => { if (e?.cloexec) this.close(k); });
  }

  /** open descriptors, for /proc/self/fd and close_range */
  list(): number[] {
    const out: number[] = [];
    this.fds.forEach((e, k) => { if (e) out.push(k); });
    return out;
  }
}
