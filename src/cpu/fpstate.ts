// The x87/SSE state as the FXSAVE instruction and Linux signal frames store it
// (512 bytes, 16-byte aligned), and its layout inside the CPU state block.
//
// In the state block (Cpu.x87U8, Cpu.x87Ctl):
//   x87U8[16*p .. 16*p+9]  physical register p (0-7) as an 80-bit value
//   x87Ctl[0] FCW, [1] FSW (TOP in bits 11-13), [2] full 16-bit tag word
//             (2 bits per physical register: 0 valid, 1 zero, 2 special, 3 empty),
//   [3] FOP, [4]/[5] FIP lo/hi, [6]/[7] FDP lo/hi
// ST(i) is physical register (TOP + i) & 7.

import type { Cpu } from './cpu.js';

export const X87_FCW = 0, X87_FSW = 1, X87_FTW = 2, X87_FOP = 3, X87_FIP = 4, X87_FDP = 6;
export const MXCSR_MASK = 0xffff; // DAZ supported

/** Reset the x87 unit as FNINIT does (and as a new process starts). */
export function fpuInit(c: Cpu): void {
  const k = c.x87Ctl;
  k[X87_FCW] = 0x037f; k[X87_FSW] = 0; k[X87_FTW] = 0xffff;
  k[X87_FOP] = 0; k[4] = 0; k[5] = 0; k[6] = 0; k[7] = 0;
}

/** Class of an 80-bit value for the tag word. */
export function tagOf(b: Uint8Array, o: number): number {
  const exp = (b[o + 8] | (b[o + 9] << 8)) & 0x7fff;
  const intBit = b[o + 7] & 0x80;
  if (exp === 0x7fff) return 2;
  if (exp === 0) {
    for (let k = 0; k < 8; k++) if (b[o + k]) return 2; // denormal
    return 1;
  }
  return intBit ? 0 : 2; // unnormal counts as special
}

/**
 * FXSAVE: store the x87, MXCSR and XMM state at guest address a (the caller checked it
 * is writable). `wide` (REX.W, and the kernel's signal frames) stores 64-bit FIP/FDP;
 * otherwise the 32-bit format with FCS/FDS, which this processor deprecates (0).
 * The instruction (`insn`) leaves bytes 416-511 alone, as the hardware does; for the
 * kernel's frames they are zeroed.
 */
export function fxsave(c: Cpu, a: number, wide = true, insn = false): void {
  const u8 = c.mem.u8, dv = c.mem.dv, k = c.x87Ctl;
  c.mem.noteWrite(a, insn ? 416 : 512);
  u8.fill(0, a, insn ? a + 160 : a + 512);
  dv.setUint16(a, k[X87_FCW], true);
  dv.setUint16(a + 2, k[X87_FSW], true);
  // abridged tag: one bit per physical register, 1 = not empty
  let ftw = 0;
  for (let p = 0; p < 8; p++) if (((k[X87_FTW] >> (2 * p)) & 3) !== 3) ftw |= 1 << p;
  u8[a + 4] = ftw;
  dv.setUint16(a + 6, k[X87_FOP], true);
  dv.setUint32(a + 8, k[4], true); dv.setUint32(a + 12, wide ? k[5] : 0, true);
  dv.setUint32(a + 16, k[6], true); dv.setUint32(a + 20, wide ? k[7] : 0, true);
  dv.setUint32(a + 24, c.mxcsrView[0], true);
  dv.setUint32(a + 28, MXCSR_MASK, true);
  const top = (k[X87_FSW] >> 11) & 7;
  for (let i = 0; i < 8; i++) {
    const p = (top + i) & 7;
    u8.set(c.x87U8.subarray(16 * p, 16 * p + 10), a + 32 + 16 * i);
  }
  u8.set(c.xmmU8, a + 160);
}

/** FXRSTOR: load the state from guest address a (`wide` as for fxsave). Returns false if the MXCSR image has reserved bits set (#GP). */
export function fxrstor(c: Cpu, a: number, wide = true): boolean {
  const u8 = c.mem.u8, dv = c.mem.dv, k = c.x87Ctl;
  const mxcsr = dv.getUint32(a + 24, true);
  if (mxcsr & ~MXCSR_MASK) return false;
  // as on the hardware: the control word's reserved bits are fixed, and ES/B are
  // recomputed from the exception flags left unmasked
  const fcw = (dv.getUint16(a, true) & 0x1f3f) | 0x40;
  let fsw = dv.getUint16(a + 2, true) & 0x7f7f;
  if (fsw & ~fcw & 0x3f) fsw |= 0x8080;
  k[X87_FCW] = fcw;
  k[X87_FSW] = fsw;
  k[X87_FOP] = dv.getUint16(a + 6, true) & 0x7ff;
  k[4] = dv.getUint32(a + 8, true); k[5] = wide ? dv.getUint32(a + 12, true) : 0;
  k[6] = dv.getUint32(a + 16, true); k[7] = wide ? dv.getUint32(a + 20, true) : 0;
  c.mxcsrView[0] = mxcsr;
  const top = (k[X87_FSW] >> 11) & 7;
  for (let i = 0; i < 8; i++) {
    const p = (top + i) & 7;
    c.x87U8.set(u8.subarray(a + 32 + 16 * i, a + 32 + 16 * i + 10), 16 * p);
  }
  const abridged = u8[a + 4];
  let ftw = 0;
  for (let p = 0; p < 8; p++) ftw |= ((abridged >> p) & 1 ? tagOf(c.x87U8, 16 * p) : 3) << (2 * p);
  k[X87_FTW] = ftw;
  c.xmmU8.set(u8.subarray(a + 160, a + 160 + 256));
  return true;
}
