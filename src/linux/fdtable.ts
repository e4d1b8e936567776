// The guest's file descriptor table. Each guest fd refers to an open file
// description; dup'ed fds share one.

import * as fs from 'node:fs';
import type { Host } from './host.js';

export type FileKind = 'file' | 'dir' | 'chr' | 'fifo' | 'sock' | 'special';

/** An open file description (shared by dup'ed descriptors). */
export class OpenFile {
  refs = 1;
  /** directory listing state for getdents64: entries not yet returned */
  dirEntries: { name: string; ino: number; type: number }[] | null = null;
  dirPos = 0;
  /** for files we position ourselves (regular files): the offset; null = host keeps it */
  pos = 0;
  constructor(
    /** host file descriptor, or -1 for emulated files */
    public hostFd: number,
    public kind: FileKind,
    /** absolute host path (for fstat by path, /proc/self/fd, diagnostics) */
    public path: string,
    /** O_* flags as the guest gave them (access mode, O_APPEND, O_NONBLOCK ...) */
    public flags: number,
    /** for emulated files: the whole content */
    public data: Uint8Array | null = null,
  ) {}
}

export interface FdEntry { file: OpenFile; cloexec: boolean }

export class FdTable {
  private fds: (FdEntry | undefined)[] = [];
  constructor(private host: Host) {
    // stdin, stdout, stderr are x64vm's own
    for (let fd = 0; fd < 3; fd++) {
      let kind: FileKind = 'chr';
      try {
        const st = fs.fstatSync(fd);
        kind = st.isFIFO() ? 'fifo' : st.isFile() ? 'file' : st.isSocket() ? 'sock' : st.isDirectory() ? 'dir' : 'chr';
      } catch { continue; }
      const f = new OpenFile(fd, kind, `/dev/fd/${fd}`, fd === 0 ? 0 : 1);
      f.pos = -1; // the host tracks the position of inherited descriptors
      this.fds[fd] = { file: f, cloexec: false };
    }
  }

  get(fd: number): OpenFile | undefined {
    return fd >= 0 ? this.fds[fd]?.file : undefined;
  }
  entry(fd: number): FdEntry | undefined { return fd >= 0 ? this.fds[fd] : undefined; }

  /** Install at the lowest free number >= min. */
  add(file: OpenFile, cloexec = false, min = 0): number {
    let fd = min;
    while (this.fds[fd]) fd++;
    this.fds[fd] = { file, cloexec };
    return fd;
  }

  /** Install at exactly fd, closing what was there. */
  set(fd: number, file: OpenFile, cloexec = false): void {
    if (this.fds[fd]) this.close(fd);
    this.fds[fd] = { file, cloexec };
  }

  close(fd: number): boolean {
    const e = this.fds[fd];
    if (!e) return false;
    this.fds[fd] = undefined;
    if (--e.file.refs === 0 && e.file.hostFd > 2) {
      try { fs.closeSync(e.file.hostFd); } catch { /* already gone */ }
    }
    return true;
  }

  /** open descriptors, for /proc/self/fd and close_range */
  list(): number[] {
    const out: number[] = [];
    this.fds.forEach((e, k) => { if (e) out.push(k); });
    return out;
  }
}
