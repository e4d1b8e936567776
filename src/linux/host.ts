// What the kernel personality needs from the machine it runs on. The Node.js
// implementation lives here (linux/ may use Node APIs; cpu/, mem/, elf/ may not).

import * as fs from 'node:fs';

export interface Host {
  cwd(): string;
  now(): number; // milliseconds, monotonic
  writeErr(s: string): void;
  yieldToEvents(): Promise<void>;
  /** print "unsupported syscall" once per number even without --strace */
  verboseUnsupported: boolean;
}

export class NodeHost implements Host {
  verboseUnsupported = false;
  cwd(): string { return process.cwd(); }
  // process.uptime(), not performance.now(): that loads node:perf_hooks, ~2 ms of every start
  now(): number { return process.uptime() * 1000; }
  writeErr(s: string): void { writeAllSync(2, Buffer.from(s)); }
  // not node:timers/promises' setImmediate: loading that module is ~1 ms of every start
  yieldToEvents(): Promise<void> { return new Promise((resolve) => { setImmediate(resolve); }); }
}

/** Write every byte to a host fd, waiting out EAGAIN on non-blocking pipes. Returns bytes written or throws. */
export function writeAllSync(fd: number, data: Uint8Array): number {
  let off = 0;
  while (off < data.length) {
    try {
      off += fs.writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') { sleepMs(1); continue; }
      if (off > 0) return off;
      throw e;
    }
  }
  return off;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
/** Block the thread for ms milliseconds. */
export function sleepMs(ms: number): void {
  if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
}
