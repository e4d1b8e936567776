// lseek(2) on a host fd. Node has no lseek, but its WASI implementation
// (uvwasi) calls the host's lseek for fd_seek on the fds it is given as stdio,
// without duplicating them: a tiny wasm module that forwards to fd_seek, bound
// to a host fd, moves the offset of that fd's open file description. x64vm
// needs this for files shared with a forked child, whose offset lives in the
// host kernel so that both processes see each other's reads and writes.

import { createRequire } from 'node:module';
import type { WASI as WasiClass } from 'node:wasi';

/** node:wasi, loaded on first use: loading it prints an experimental-feature warning, not for the guest's stderr. */
let WASI: typeof WasiClass | null = null;
function loadWasi(): typeof WasiClass {
  if (!WASI) {
    const emit = process.emitWarning;
    process.emitWarning = (() => {}) as typeof process.emitWarning;
    try { WASI = (createRequire(import.meta.url)('node:wasi') as { WASI: typeof WasiClass }).WASI; } finally {
      process.emitWarning = emit;
    }
  }
  return WASI;
}

/** (func (export "seek") (param i64 i32) (result i32): fd_seek(0, offset, whence, &result at 8)) */
function seekModule(): WebAssembly.Module {
  const sec = (id: number, body: number[]): number[] => [id, body.length, ...body];
  const str = (t: string): number[] => [t.length, ...Buffer.from(t)];
  const code = [0x00, 0x41, 0x00, 0x20, 0x00, 0x20, 0x01, 0x41, 0x08, 0x10, 0x00, 0x0b];
  return new WebAssembly.Module(new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // types: (i32 i64 i32 i32) -> i32, (i64 i32) -> i32
    ...sec(1, [0x02, 0x60, 0x04, 0x7f, 0x7e, 0x7f, 0x7f, 0x01, 0x7f, 0x60, 0x02, 0x7e, 0x7f, 0x01, 0x7f]),
    ...sec(2, [0x01, ...str('wasi_snapshot_preview1'), ...str('fd_seek'), 0x00, 0x00]),
    ...sec(3, [0x01, 0x01]),
    ...sec(5, [0x01, 0x00, 0x01]),
    ...sec(7, [0x02, ...str('memory'), 0x02, 0x00, ...str('seek'), 0x00, 0x01]),
    ...sec(10, [0x01, code.length, ...code]),
  ]));
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
      const Wasi = loadWasi();
      const emit = process.emitWarning;
      process.emitWarning = (() => {}) as typeof process.emitWarning;
      let wasi: WasiClass;
      try { wasi = new Wasi({ version: 'preview1', stdin: fd, returnOnExit: true } as ConstructorParameters<typeof WasiClass>[0]); } finally {
        process.emitWarning = emit;
      }
      const inst = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
      wasi.initialize(inst);
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
