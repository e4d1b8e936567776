// Readiness of host fds (pipes, terminals, sockets) without consuming data.
//
// Node has no poll(2). Its WASI implementation (uvwasi) has poll_oneoff, which
// watches the fds it was given as stdio with libuv's uv_poll (epoll on Linux) in a
// private loop: a tiny wasm module that forwards to poll_oneoff, bound to one host
// fd, asks the host kernel whether that fd is readable or writable, waiting at most
// a given number of milliseconds. Its quirks shape how it is used:
//  - a 0 ms timeout never reports an fd (libuv runs the expired timer, which stops
//    every watcher, before it polls): the shortest useful probe is 1 ms, and it
//    returns at once when the fd is ready;
//  - with several fds it waits until all are ready (or the timeout), so each fd
//    is probed on its own;
//  - uv_poll_init sets O_NONBLOCK on the fd's open file description. Pipes and
//    terminals are probed through a non-blocking twin (a second description of
//    the same pipe or device, which io.ts also uses); for other fds (sockets) the
//    description's flags are put back afterwards (fd_fdstat_set_flags).
//  - libuv reports a hangup only when the kernel says nothing but EPOLLHUP, i.e. a
//    pipe with no writers and no data left; with data it is simply readable.

import * as fs from 'node:fs';
import { section, wasmName, wasmModule, bindToHostFd } from './hostwasi.js';

/** What a probe found: readable/writable, hangup (no writer, nothing left), error (EPOLLERR: no reader). */
export const H_IN = 1, H_OUT = 2, H_HUP = 4, H_ERR = 8;
/** The probe could not be made (an fd epoll does not support): treat as always ready. */
export const H_UNSUPPORTED = -1;

/** the shortest probe that is sure to poll (ms) */
const MIN_WAIT = 2;
const SUBS = 1024, EVENTS = 4096, NEVENTS = 8;

/**
 * (func (export "poll") (param i32) (result i32): poll_oneoff(SUBS, EVENTS, n, NEVENTS))
 * (func (export "setfl") (param i32) (result i32): fd_fdstat_set_flags(0, flags))
 */
function pollModule(): WebAssembly.Module {
  const I32 = 0x7f;
  const pollCode = [0x00, 0x41, 0x80, 0x08, 0x41, 0x80, 0x20, 0x20, 0x00, 0x41, NEVENTS, 0x10, 0x00, 0x0b];
  const setflCode = [0x00, 0x41, 0x00, 0x20, 0x00, 0x10, 0x01, 0x0b];
  return wasmModule(
    section(1, [0x03, 0x60, 4, I32, I32, I32, I32, 1, I32, 0x60, 2, I32, I32, 1, I32, 0x60, 1, I32, 1, I32]),
    section(2, [0x02, ...wasmName('wasi_snapshot_preview1'), ...wasmName('poll_oneoff'), 0x00, 0x00,
      ...wasmName('wasi_snapshot_preview1'), ...wasmName('fd_fdstat_set_flags'), 0x00, 0x01]),
    section(3, [0x02, 0x02, 0x02]),
    section(5, [0x01, 0x00, 0x01]),
    section(7, [0x03, ...wasmName('memory'), 0x02, 0x00, ...wasmName('poll'), 0x00, 0x02, ...wasmName('setfl'), 0x00, 0x03]),
    section(10, [0x02, pollCode.length, ...pollCode, setflCode.length, ...setflCode]),
  );
}

interface Poller { poll: (n: number) => number; setfl: (flags: number) => number; mem: WebAssembly.Memory }

let module: WebAssembly.Module | null | undefined;
/** one bound instance per host fd number (uvwasi keeps the number; rebuilt if the rights no longer fit) */
const pollers = new Map<number, Poller | null>();

function makePoller(fd: number): Poller | null {
  try {
    if (module === undefined) module = pollModule();
    if (!module) return null;
    const inst = bindToHostFd(module, fd, true);
    return {
      poll: inst.exports.poll as (n: number) => number,
      setfl: inst.exports.setfl as (f: number) => number,
      mem: inst.exports.memory as WebAssembly.Memory,
    };
  } catch {
    module ??= null;
    return null;
  }
}

function pollerFor(fd: number, fresh: boolean): Poller | null {
  let q = pollers.get(fd);
  if (q === undefined || fresh) { q = makePoller(fd); pollers.set(fd, q); }
  return q;
}

// WASI numbers
const EVENTTYPE_CLOCK = 0, EVENTTYPE_FD_READ = 1, EVENTTYPE_FD_WRITE = 2, CLOCK_MONOTONIC = 1;
const WASI_EBADF = 8, WASI_EIO = 29, WASI_ENOTCAPABLE = 76, FDFLAG_APPEND = 1, FDFLAG_NONBLOCK = 4;

/**
 * Ask the host whether fd is ready for reading (write = false) or writing, waiting
 * up to ms milliseconds (at least MIN_WAIT). Returns H_* bits (0: not ready) or
 * H_UNSUPPORTED.
 *
 * libuv starts the timeout from the loop's clock as it was when uvwasi created the
 * loop, in whole milliseconds: if that clock has moved on by the whole timeout by
 * the time the loop runs (a millisecond boundary crossed with a 1 ms timeout, or
 * a busy host), the expired timer stops the watch before the fd is ever polled.
 * Hence at least 2 ms, and a probe that came back without having waited that
 * long (less 1 ms) is made again.
 */
export function hostProbe(fd: number, write: boolean, ms: number): number {
  const wait = Math.max(MIN_WAIT, Math.ceil(ms));
  let fresh = false;
  for (let attempt = 0; attempt < 5; attempt++) {
    const q = pollerFor(fd, fresh);
    if (!q) return H_UNSUPPORTED;
    const dv = new DataView(q.mem.buffer);
    new Uint8Array(q.mem.buffer, SUBS, 96).fill(0);
    // subscription 1: the fd (WASI fd 0 is the host fd); subscription 2: the timeout
    dv.setUint32(SUBS, 1, true);
    dv.setUint8(SUBS + 8, write ? EVENTTYPE_FD_WRITE : EVENTTYPE_FD_READ);
    dv.setUint32(SUBS + 16, 0, true);
    dv.setUint32(SUBS + 48, 2, true);
    dv.setUint8(SUBS + 56, EVENTTYPE_CLOCK);
    dv.setUint32(SUBS + 64, CLOCK_MONOTONIC, true);
    dv.setBigUint64(SUBS + 72, BigInt(wait) * 1000000n, true);
    const start = performance.now();
    const err = q.poll(2);
    const took = performance.now() - start;
    // the number now names another file: rebuild uvwasi's view of it
    if (err === WASI_ENOTCAPABLE || err === WASI_EBADF) { if (fresh) return H_UNSUPPORTED; fresh = true; continue; }
    if (err !== 0) return H_UNSUPPORTED;
    const n = dv.getUint32(NEVENTS, true);
    for (let k = 0; k < n; k++) {
      const e = EVENTS + 32 * k;
      if (dv.getUint32(e, true) !== 1) continue;
      const error = dv.getUint16(e + 8, true);
      if (error === WASI_EBADF) { if (fresh) return H_UNSUPPORTED; fresh = true; break; }
      // EPOLLERR arrives as an error (EIO): a pipe whose readers are gone
      if (error === WASI_EIO) return H_ERR | (write ? H_OUT : H_IN);
      if (error) return H_UNSUPPORTED;
      const hup = (dv.getUint16(e + 24, true) & 1) !== 0;
      return (write ? H_OUT : H_IN) | (hup ? H_HUP : 0);
    }
    if (fresh && attempt === 0) continue;
    // uvwasi runs the due timers of its loop before it polls the fd: a quick probe
    // whose call came back late (the host was busy) may have timed out without looking
    // at the fd at all, so it asks again (a pipe's hangup was missed that way under load)
    if (took >= wait - 1 && !(ms <= 1 && took > wait + 2)) return 0;
  }
  return 0;
}

/** Put back the status flags of a host fd that a probe made non-blocking. */
export function restoreBlocking(fd: number, append: boolean): void {
  const q = pollerFor(fd, false);
  if (q) q.setfl(append ? FDFLAG_APPEND : 0);
}
export { FDFLAG_NONBLOCK };

/** A non-blocking twin of a host fd with the same access mode (Linux: reopened through /proc), or -1. */
export function openTwin(fd: number, accmode: number): number {
  if (process.platform !== 'linux') return -1;
  try {
    return fs.openSync(`/proc/self/fd/${fd}`, accmode | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch { return -1; }
}
