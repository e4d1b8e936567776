// Shared machinery of the SSE/SSE2 families: typed views of the XMM registers,
// 128/64/32-bit operand access with the legacy-SSE alignment rule, and a
// 16-byte scratch operand so every instruction reads its source the same way.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { P_R, P_W, P_CODE } from '../../mem/memory.js';
import { CpuException, EXC_GP } from '../exceptions.js';

/** Views of the 16 XMM registers (register n is bytes 16n..16n+15). */
export interface XmmViews {
  u8: Uint8Array; i8: Int8Array; u16: Uint16Array; i16: Int16Array;
  u32: Uint32Array; i32: Int32Array; f32: Float32Array; f64: Float64Array;
}

/** Typed views of every element width over len bytes at off (the XMM file, or the x87 area for MMX). */
export function viewsOf(buf: ArrayBufferLike, off: number, len: number): XmmViews {
  return {
    u8: new Uint8Array(buf, off, len), i8: new Int8Array(buf, off, len),
    u16: new Uint16Array(buf, off, len >> 1), i16: new Int16Array(buf, off, len >> 1),
    u32: new Uint32Array(buf, off, len >> 2), i32: new Int32Array(buf, off, len >> 2),
    f32: new Float32Array(buf, off, len >> 2), f64: new Float64Array(buf, off, len >> 3),
  };
}

// The Cpu provides some views; the signed 8/16-bit ones are made here, once per
// state buffer (a comparison per instruction instead of a map lookup).
let xKey: Uint8Array | null = null;
let xViews: XmmViews = viewsOf(new ArrayBuffer(256), 0, 256);
export function xmm(c: Cpu): XmmViews {
  if (c.xmmU8 !== xKey) {
    xKey = c.xmmU8;
    xViews = viewsOf(c.xmmU8.buffer, c.xmmU8.byteOffset, 256);
  }
  return xViews;
}

/** The source operand after srcW/srcQ/srcD: 16 bytes (plus 16 more for results). */
const sBuf = new ArrayBuffer(64);
export const S: XmmViews = viewsOf(sBuf, 0, 64);
/** A second scratch area (bytes 32..63 of the same buffer) for results built lane by lane. */
export const R = viewsOf(sBuf, 32, 32);

// a whole-memory u32 view for aligned accesses
let mKey: ArrayBufferLike | null = null;
let mU32: Uint32Array<ArrayBufferLike> = new Uint32Array(0);
function memU32(c: Cpu): Uint32Array<ArrayBufferLike> {
  const b = c.mem.buffer;
  if (b !== mKey) { mKey = b; mU32 = new Uint32Array(b); }
  return mU32;
}

export function gp(): never { throw new CpuException(EXC_GP, 0); }

/** Read 16 bytes at guest address a into dst[o..o+3] (u32 units). */
export function load128(c: Cpu, a: number, dst: Uint32Array, o: number): void {
  const m = c.mem, perm = m.perm;
  if ((perm[a >>> 12] & P_R) === 0 || ((a & 0xfff) > 0xff0 && (perm[(a + 15) >>> 12] & P_R) === 0)) m.faultRange(a, 16, P_R);
  if ((a & 3) === 0) {
    const u = memU32(c), k = a >>> 2;
    dst[o] = u[k]; dst[o + 1] = u[k + 1]; dst[o + 2] = u[k + 2]; dst[o + 3] = u[k + 3];
  } else {
    const dv = m.dv;
    dst[o] = dv.getUint32(a, true); dst[o + 1] = dv.getUint32(a + 4, true);
    dst[o + 2] = dv.getUint32(a + 8, true); dst[o + 3] = dv.getUint32(a + 12, true);
  }
}

/** Write src[o..o+3] (u32 units) to 16 bytes at guest address a. */
export function store128(c: Cpu, a: number, src: Uint32Array, o: number): void {
  const m = c.mem;
  if ((m.perm[a >>> 12] & (P_W | P_CODE)) !== P_W || (a & 0xfff) > 0xff0) m.slowWriteCheck(a, 16);
  if ((a & 3) === 0) {
    const u = memU32(c), k = a >>> 2;
    u[k] = src[o]; u[k + 1] = src[o + 1]; u[k + 2] = src[o + 2]; u[k + 3] = src[o + 3];
  } else {
    const dv = m.dv;
    dv.setUint32(a, src[o], true); dv.setUint32(a + 4, src[o + 1], true);
    dv.setUint32(a + 8, src[o + 2], true); dv.setUint32(a + 12, src[o + 3], true);
  }
}

/** Effective address of a 16-byte operand that legacy SSE requires to be aligned. */
export function eaAligned(c: Cpu, i: Insn): number {
  const a = c.ea(i);
  if ((a & 15) !== 0) gp();
  return a;
}

/** Load the 128-bit W operand (xmm register or m128, aligned unless `unaligned`) into S. */
export function srcW(c: Cpu, i: Insn, unaligned = false): void {
  const s = S.u32;
  if (i.mod === 3) {
    const x = c.xmmU32, k = 4 * i.rm;
    s[0] = x[k]; s[1] = x[k + 1]; s[2] = x[k + 2]; s[3] = x[k + 3];
  } else {
    const a = c.ea(i);
    if (!unaligned && (a & 15) !== 0) gp();
    load128(c, a, s, 0);
  }
}

/** Load the low 64 bits of the W operand (xmm or m64) into S.u32[0..1]; S.u32[2..3] are not touched. */
export function srcQ(c: Cpu, i: Insn): void {
  const s = S.u32;
  if (i.mod === 3) {
    const x = c.xmmU32, k = 4 * i.rm;
    s[0] = x[k]; s[1] = x[k + 1];
  } else {
    const m = c.mem;
    s[0] = m.read64(c.ea(i)); s[1] = m.hi;
  }
}

/** Load the low 32 bits of the W operand (xmm or m32) into S.u32[0]. */
export function srcD(c: Cpu, i: Insn): void {
  if (i.mod === 3) S.u32[0] = c.xmmU32[4 * i.rm];
  else S.u32[0] = c.mem.read32(c.ea(i));
}

/** Write the 128-bit result in the given u32 array at offset o to xmm register n. */
export function setX(c: Cpu, n: number, src: Uint32Array, o: number): void {
  const x = c.xmmU32, k = 4 * n;
  x[k] = src[o]; x[k + 1] = src[o + 1]; x[k + 2] = src[o + 2]; x[k + 3] = src[o + 3];
}
