// Packed-integer element operations shared by the SSE (xmm, 16 bytes) and MMX (mm,
// 8 bytes) forms. Both register files are laid out with a 16-byte stride: xmm n at
// bytes 16n..16n+15 of the XMM area, mm n in the low 8 bytes of x87 physical register
// n (bytes 16n..16n+7 of the x87 area). So one kernel serves both: it works on the
// first `n` bytes of register r in the views x, with its source operand in S
// (sse-core.ts), and a lane that crosses halves (packs, unpacks, psadbw) is written
// in terms of n.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { mulu32, w } from '../int64.js';
import { RDI } from '../state.js';
import { S, R, type XmmViews } from './sse-core.js';

/** dst(register r of x, n bytes) op= src(S). */
export type Lanes = (x: XmmViews, r: number, n: number) => void;

export const sat8s = (v: number): number => (v < -128 ? -128 : v > 127 ? 127 : v);
export const sat8u = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
export const sat16s = (v: number): number => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);
export const sat16u = (v: number): number => (v < 0 ? 0 : v > 65535 ? 65535 : v);

// ---- bitwise logic ----------------------------------------------------------------------

export const and: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] &= s[k]; };
export const andn: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] = ~d[o + k] & s[k]; };
export const or: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] |= s[k]; };
export const xor: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] ^= s[k]; };

// ---- add and subtract ---------------------------------------------------------------------

export const paddb: Lanes = (x, r, n) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] += s[k]; };
export const paddw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] += s[k]; };
export const paddd: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] += s[k]; };
export const paddq: Lanes = (x, r, n) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k += 2) {
    const lo = d[o + k] + s[k];
    d[o + k] = lo; d[o + k + 1] = d[o + k + 1] + s[k + 1] + (lo > 0xffffffff ? 1 : 0);
  }
};
export const psubb: Lanes = (x, r, n) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] -= s[k]; };
export const psubw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] -= s[k]; };
export const psubd: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] -= s[k]; };
export const psubq: Lanes = (x, r, n) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k += 2) {
    const lo = d[o + k] - s[k];
    d[o + k] = lo; d[o + k + 1] = d[o + k + 1] - s[k + 1] - (lo < 0 ? 1 : 0);
  }
};
export const paddsb: Lanes = (x, r, n) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = sat8s(d[o + k] + s[k]); };
export const paddsw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = sat16s(d[o + k] + s[k]); };
export const paddusb: Lanes = (x, r, n) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = sat8u(d[o + k] + s[k]); };
export const paddusw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = sat16u(d[o + k] + s[k]); };
export const psubsb: Lanes = (x, r, n) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = sat8s(d[o + k] - s[k]); };
export const psubsw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = sat16s(d[o + k] - s[k]); };
export const psubusb: Lanes = (x, r, n) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = sat8u(d[o + k] - s[k]); };
export const psubusw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = sat16u(d[o + k] - s[k]); };

// ---- multiplies, averages, sums --------------------------------------------------------------

export const pmullw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = Math.imul(d[o + k], s[k]); };
export const pmulhw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = (d[o + k] * s[k]) >> 16; };
export const pmulhuw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = (d[o + k] * s[k]) / 65536; };
/** the even dwords multiplied into quadwords */
export const pmuludq: Lanes = (x, r, n) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k += 2) { mulu32(d[o + k], s[k]); d[o + k] = w[0]; d[o + k + 1] = w[1]; }
};
export const pmaddwd: Lanes = (x, r, n) => {
  const d = x.i16, s = S.i16, o = 8 * r, d32 = x.i32, o32 = 4 * r;
  for (let k = 0; k < n >> 2; k++) d32[o32 + k] = d[o + 2 * k] * s[2 * k] + d[o + 2 * k + 1] * s[2 * k + 1];
};
/** the sum of absolute byte differences of each 8-byte group, in its low word */
export const psadbw: Lanes = (x, r, n) => {
  const d = x.u8, s = S.u8, o = 16 * r, d32 = x.u32;
  for (let h = 0; h < n >> 3; h++) {
    let sum = 0;
    for (let k = 8 * h; k < 8 * h + 8; k++) sum += Math.abs(d[o + k] - s[k]);
    d32[4 * r + 2 * h] = sum; d32[4 * r + 2 * h + 1] = 0;
  }
};
export const pavgb: Lanes = (x, r, n) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = (d[o + k] + s[k] + 1) >> 1; };
export const pavgw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = (d[o + k] + s[k] + 1) >> 1; };

// ---- minimum, maximum, compares --------------------------------------------------------------

// Byte-wise operations of the string routines work on four bytes per 32-bit word (SWAR).
const H = 0x80808080;
/** 0xff in each byte where the unsigned byte of a is below that of b. */
export function bytesBelow(a: number, b: number): number {
  const diff = ((a | H) - (b & ~H)) ^ ((a ^ ~b) & H); // byte-wise a - b without borrows between bytes
  const borrow = ((~a & b) | (~(a ^ b) & diff)) & H;
  return Math.imul(borrow >>> 7, 0xff);
}
/** 0xff in each byte where a and b are equal. */
export function bytesEqual(a: number, b: number): number {
  const v = a ^ b;
  const nonzero = ((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v; // top bit of each byte: byte != 0
  return Math.imul((~nonzero & H) >>> 7, 0xff);
}
/** The top bits of the four bytes of w as a 4-bit mask (one multiply gathers them without carries). */
export const byteSigns = (w: number): number => (Math.imul((w & 0x80808080) >>> 7, 0x204081) >>> 21) & 0xf;

export const pminub: Lanes = (x, r, n) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k++) { const a = d[o + k], b = s[k], m = bytesBelow(a, b); d[o + k] = (a & m) | (b & ~m); }
};
export const pmaxub: Lanes = (x, r, n) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k++) { const a = d[o + k], b = s[k], m = bytesBelow(a, b); d[o + k] = (b & m) | (a & ~m); }
};
export const pminsw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; };
export const pmaxsw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; };

// comparisons: all ones where true
export const pcmpeqb: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] = bytesEqual(d[o + k], s[k]); };
export const pcmpeqw: Lanes = (x, r, n) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = d[o + k] === s[k] ? 0xffff : 0; };
export const pcmpeqd: Lanes = (x, r, n) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] = d[o + k] === s[k] ? 0xffffffff : 0; };
export const pcmpgtb: Lanes = (x, r, n) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; };
export const pcmpgtw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; };
export const pcmpgtd: Lanes = (x, r, n) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; };

// ---- packs and unpacks: the destination's elements first, then the source's -----------------------

function copyR(x: XmmViews, r: number, n: number): void {
  const d = x.u32, t = R.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k++) d[o + k] = t[k];
}
export const packsswb: Lanes = (x, r, n) => {
  const d = x.i16, s = S.i16, o = 8 * r, t = R.i8, m = n >> 1;
  for (let k = 0; k < m; k++) { t[k] = sat8s(d[o + k]); t[m + k] = sat8s(s[k]); }
  copyR(x, r, n);
};
export const packuswb: Lanes = (x, r, n) => {
  const d = x.i16, s = S.i16, o = 8 * r, t = R.u8, m = n >> 1;
  for (let k = 0; k < m; k++) { t[k] = sat8u(d[o + k]); t[m + k] = sat8u(s[k]); }
  copyR(x, r, n);
};
export const packssdw: Lanes = (x, r, n) => {
  const d = x.i32, s = S.i32, o = 4 * r, t = R.i16, m = n >> 2;
  for (let k = 0; k < m; k++) { t[k] = sat16s(d[o + k]); t[m + k] = sat16s(s[k]); }
  copyR(x, r, n);
};

/** Interleave elements of `size` bytes from the low (half 0) or high (half 1) halves of dst and src. */
export function unpack(size: number, half: number): Lanes {
  return (x, r, n) => {
    const m = n / 2 / size; // elements per half
    if (size === 8) {
      const d = x.u32, s = S.u32, o = 4 * r, h = 2 * half;
      const a0 = d[o + h], a1 = d[o + h + 1];
      d[o] = a0; d[o + 1] = a1; d[o + 2] = s[h]; d[o + 3] = s[h + 1];
      return;
    }
    const dv = size === 1 ? x.u8 : size === 2 ? x.u16 : x.u32;
    const sv = size === 1 ? S.u8 : size === 2 ? S.u16 : S.u32;
    const tv = size === 1 ? R.u8 : size === 2 ? R.u16 : R.u32;
    const o = r * (16 / size), h = half * m;
    for (let k = 0; k < m; k++) { tv[2 * k] = dv[o + h + k]; tv[2 * k + 1] = sv[h + k]; }
    for (let k = 0; k < 2 * m; k++) dv[o + k] = tv[k];
  };
}

// ---- shifts ------------------------------------------------------------------------------------

/**
 * Shift every element of `size` bytes in the first `len` bytes of register r by cnt
 * bits: kind 0 left, 1 logical right, 2 arithmetic right. Counts past the element
 * width clear it (or fill it with the sign).
 */
export function shiftLanes(x: XmmViews, r: number, size: number, kind: number, cnt: number, len: number): void {
  const bits = size * 8;
  if (size === 8) {
    const d = x.u32, o = 4 * r;
    for (let k = 0; k < len >> 2; k += 2) {
      let lo = d[o + k], hi = d[o + k + 1];
      if (cnt >= 64) { lo = 0; hi = 0; }
      else if (cnt >= 32) { if (kind === 0) { hi = lo << (cnt - 32); lo = 0; } else { lo = hi >>> (cnt - 32); hi = 0; } }
      else if (cnt > 0) {
        if (kind === 0) { hi = (hi << cnt) | (lo >>> (32 - cnt)); lo <<= cnt; }
        else { lo = (lo >>> cnt) | (hi << (32 - cnt)); hi >>>= cnt; }
      }
      d[o + k] = lo; d[o + k + 1] = hi;
    }
    return;
  }
  const c = cnt >= bits ? (kind === 2 ? bits - 1 : -1) : cnt;
  const lanes = len / size;
  if (size === 2) {
    if (kind === 2) { const d = x.i16, o = 8 * r; for (let k = 0; k < lanes; k++) d[o + k] >>= c; return; }
    const d = x.u16, o = 8 * r;
    if (c < 0) { for (let k = 0; k < lanes; k++) d[o + k] = 0; return; }
    if (kind === 0) for (let k = 0; k < lanes; k++) d[o + k] <<= c;
    else for (let k = 0; k < lanes; k++) d[o + k] >>>= c;
    return;
  }
  if (kind === 2) { const d = x.i32, o = 4 * r; for (let k = 0; k < lanes; k++) d[o + k] >>= c; return; }
  const d = x.u32, o = 4 * r;
  if (c < 0) { for (let k = 0; k < lanes; k++) d[o + k] = 0; return; }
  if (kind === 0) for (let k = 0; k < lanes; k++) d[o + k] <<= c;
  else for (let k = 0; k < lanes; k++) d[o + k] >>>= c;
}

/** The shift count in the low 64 bits of S, capped at 255 (every count past 63 has the same effect). */
export function countOfS(): number { return S.u32[1] !== 0 || S.u32[0] > 255 ? 255 : S.u32[0]; }

export const SHIFT_NAMES = [['psllw', 'pslld', 'psllq'], ['psrlw', 'psrld', 'psrlq'], ['psraw', 'psrad', '']];
/** shifts by a register or memory count: [opcode byte, element size, kind] */
export const SHIFT_BY_OPERAND: [string, number, number][] = [
  ['F1', 2, 0], ['F2', 4, 0], ['F3', 8, 0], ['D1', 2, 1], ['D2', 4, 1], ['D3', 8, 1], ['E1', 2, 2], ['E2', 4, 2],
];
/** shifts by an immediate: [opcode byte, ModRM.reg, element size, kind] */
export const SHIFT_BY_IMM: [string, number, number, number][] = [
  ['71', 6, 2, 0], ['72', 6, 4, 0], ['73', 6, 8, 0], ['71', 2, 2, 1], ['72', 2, 4, 1], ['73', 2, 8, 1], ['71', 4, 2, 2], ['72', 4, 4, 2],
];
export const shiftName = (size: number, kind: number): string => SHIFT_NAMES[kind][size === 2 ? 0 : size === 4 ? 1 : 2];

// ---- implicit operands -------------------------------------------------------------------------

/** The address maskmovq/maskmovdqu store to: [rdi] (edi with 67) in DS or the overriding segment. */
export function rdiTarget(c: Cpu, i: Insn): number {
  let a = c.getReg(RDI, 8);
  if (i.addr32) a >>>= 0;
  else if (c.hi !== 0) a = c.wideAddress(a, c.hi);
  if (i.seg !== 0) {
    const s = i.seg === 4 ? 0 : 2;
    a = c.wideAddress(a + c.seg[s], c.seg[s + 1]);
  }
  return a;
}

/**
 * The packed-integer opcodes of the 0F map that the MMX (NP, mm registers) and SSE2
 * (66, xmm registers) forms share, with their element kernels. Each map adds its own:
 * MMX the logic ops (SSE2 registers those beside the float logic), SSE2 the qdq unpacks.
 */
export const PACKED_INT: [string, string, Lanes][] = [
  ['FC', 'paddb', paddb], ['FD', 'paddw', paddw], ['FE', 'paddd', paddd], ['D4', 'paddq', paddq],
  ['F8', 'psubb', psubb], ['F9', 'psubw', psubw], ['FA', 'psubd', psubd], ['FB', 'psubq', psubq],
  ['EC', 'paddsb', paddsb], ['ED', 'paddsw', paddsw], ['DC', 'paddusb', paddusb], ['DD', 'paddusw', paddusw],
  ['E8', 'psubsb', psubsb], ['E9', 'psubsw', psubsw], ['D8', 'psubusb', psubusb], ['D9', 'psubusw', psubusw],
  ['D5', 'pmullw', pmullw], ['E5', 'pmulhw', pmulhw], ['E4', 'pmulhuw', pmulhuw], ['F4', 'pmuludq', pmuludq],
  ['F5', 'pmaddwd', pmaddwd], ['F6', 'psadbw', psadbw], ['E0', 'pavgb', pavgb], ['E3', 'pavgw', pavgw],
  ['DA', 'pminub', pminub], ['DE', 'pmaxub', pmaxub], ['EA', 'pminsw', pminsw], ['EE', 'pmaxsw', pmaxsw],
  ['74', 'pcmpeqb', pcmpeqb], ['75', 'pcmpeqw', pcmpeqw], ['76', 'pcmpeqd', pcmpeqd],
  ['64', 'pcmpgtb', pcmpgtb], ['65', 'pcmpgtw', pcmpgtw], ['66', 'pcmpgtd', pcmpgtd],
  ['63', 'packsswb', packsswb], ['67', 'packuswb', packuswb], ['6B', 'packssdw', packssdw],
  ['60', 'punpcklbw', unpack(1, 0)], ['61', 'punpcklwd', unpack(2, 0)], ['62', 'punpckldq', unpack(4, 0)],
  ['68', 'punpckhbw', unpack(1, 1)], ['69', 'punpckhwd', unpack(2, 1)], ['6A', 'punpckhdq', unpack(4, 1)],
];
