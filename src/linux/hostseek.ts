// lseek(2) on a host fd. Node has no lseek, but its WASI implementation
// (uvwasi) calls the host's lseek for fd_seek on the fds it is given as stdio,
// without duplicating them: a tiny wasm module that forwards to fd_seek, bound
// to a host fd, moves the offset of that fd's open file description. x64vm
// needs this for files shared with a forked child, whose offset lives in the
// host kernel so that both processes see each other's reads and writes.

import { section, wasmName, wasmModule, bindToHostFd } from './hostwasi.js';

/** (func (export "seek") (param i64 i32) (result i32): fd_seek(0, offset, whence, &result at 8)) */
function seekModule(): WebAssembly.Module {
  const code = [0x00, 0x41, 0x00, 0x20, 0x00, 0x20, 0x01, 0x41, 0x08, 0x10, 0x00, 0x0b];
  return wasmModule(
    // types: (i32 i64 i32 i32) -> i32, (i64 i32) -> i32
    section(1, [0x02, 0x60, 0x04, 0x7f, 0x7e, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7e, 0x7f, 0x01, 0x7f]),
    section(2, [0x01, ...wasmName('wasi_snapshot_preview1'), ...wasmName('fd_seek'), 0x00, 0x00]),
    section(3, [0x01, 0x01]),
    section(5, [0x01, 0x00, 0x01]),
    section(7, [0x02, ...wasmName('memory'), 0x02, 0x00, ...wasmName('seek'), 0x00, 0x01]),
    section(10, [0x01, code.length, ...code]),
  );
}

type Seeker = (offset: bigint, whence: number) => number;

let module: WebAssembly.Module | null | undefined;
/** one bound instance per host fd number (uvwasi keeps the number, so a reused number still works) */
const seekers = new Map<number, Seeker | null>();

// WASI errno values (they differ from Linux's)
const WASI_ERRNO: Record<number, number> = { 8: 9, 28: 22, 70: 29, 61: 75 }; // EBADF, EINVAL, ESPIPE, EOVERFLOW

function seekerFor(fd: number): Seeker | null {
  let s = seekers.get(fd);
  if (s !== undefined) return s;
  s = null;
  try {
    if (module === undefined) module = seekModule();
    if (module) {
      const inst = bindToHostFd(module, fd, false);
      const seek = inst.exports.seek as (o: bigint, w: number) => number;
      const mem = inst.exports.memory as WebAssembly.Memory;
      s = (offset, whence) => {
        const err = seek(offset, whence);
        if (err) return -(WASI_ERRNO[err] ?? 22);
        return Number(new DataView(mem.buffer).getBigUint64(8, true));
      };
    }
  } catch {
    module ??= null;
    s = null;
  }
  seekers.set(fd, s);
  return s;
}

/** lseek on a host fd: the new offset, -errno, or null when x64vm cannot seek host fds here. */
export function hostSeek(fd: number, offset: number, whence: number): number | null {
  const s = seekerFor(fd);
  if (!s) return null;
  return s(BigInt(offset), whence);
}
