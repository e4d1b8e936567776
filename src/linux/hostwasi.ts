// Host system calls Node does not offer, reached through Node's WASI implementation
// (uvwasi): a tiny wasm module that imports a few wasi_snapshot_preview1 functions and
// is bound to one host fd, given to uvwasi as its stdio, makes uvwasi call the host's
// poll (hostpoll.ts) or lseek (hostseek.ts) on that fd. Everything here is made on
// first use: most guest programs never need it, and node:wasi costs startup time.

import { createRequire } from 'node:module';
import type { WASI as WasiClass } from 'node:wasi';

type WasiOptions = ConstructorParameters<typeof WasiClass>[0];

let WASI: typeof WasiClass | null = null;

/** Run f with Node's warnings muted: node:wasi prints an experimental-feature warning, not for the guest's stderr. */
function quietly<T>(f: () => T): T {
  const emit = process.emitWarning;
  process.emitWarning = (() => {}) as typeof process.emitWarning;
  try { return f(); } finally { process.emitWarning = emit; }
}

/** A wasm section: id, size, body (bodies here are shorter than 128 bytes). */
export const section = (id: number, body: number[]): number[] => [id, body.length, ...body];
/** A wasm name: length, bytes. */
export const wasmName = (t: string): number[] => [t.length, ...Buffer.from(t)];

/** A module from its sections, after the wasm header. */
export function wasmModule(...sections: number[][]): WebAssembly.Module {
  return new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]));
}

/**
 * An instance of module whose WASI fd 0 is host fd `fd` (also WASI's stdout and stderr
 * when `allStdio`, for calls that need write rights). Throws when WASI is unavailable.
 */
export function bindToHostFd(module: WebAssembly.Module, fd: number, allStdio: boolean): WebAssembly.Instance {
  const wasi = quietly(() => {
    WASI ??= (createRequire(import.meta.url)('node:wasi') as { WASI: typeof WasiClass }).WASI;
    const opts = { version: 'preview1', stdin: fd, returnOnExit: true, ...(allStdio ? { stdout: fd, stderr: fd } : {}) };
    return new WASI(opts as WasiOptions);
  });
  const inst = new WebAssembly.Instance(module, wasi.getImportObject() as WebAssembly.Imports);
  wasi.initialize(inst);
  return inst;
}
