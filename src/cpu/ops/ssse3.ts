// SSSE3: the packed-integer additions of the 0F 38 map (and palignr in 0F 3A), each in
// an MMX form (NP, mm registers, 8 bytes) and an XMM form (66, 16 bytes). As in
// simd-int.ts, one element kernel serves both: it works on the first n bytes of
// register r of the views x, with the source operand in S; results that read the
// destination after writing part of it are built in R first.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { xmm, S, R, srcW, type XmmViews } from './sse-core.js';
import { sat16s, type Lanes } from './simd-int.js';
import { mm, enter, written, srcQ as srcMM } from './mmx.js';
import { fwait } from './x87-core.js';

const FEATURE = 'ssse3';

function copyR(x: XmmViews, r: number, n: number): void {
  const d = x.u32, t = R.u32, o = 4 * r;
  for (let k = 0; k < n >> 2; k++) d[o + k] = t[k];
}

// ---- absolute values and signs --------------------------------------------------------------

// the absolute value of the most negative element is itself (0x80 stays 0x80, read unsigned)
const pabsb: Lanes = (x, r, n) => { const d = x.u8, s = S.i8, o = 16 * r; for (let k = 0; k < n; k++) d[o + k] = Math.abs(s[k]); };
const pabsw: Lanes = (x, r, n) => { const d = x.u16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) d[o + k] = Math.abs(s[k]); };
const pabsd: Lanes = (x, r, n) => { const d = x.u32, s = S.i32, o = 4 * r; for (let k = 0; k < n >> 2; k++) d[o + k] = Math.abs(s[k]); };

/** dst negated where src < 0, zeroed where src == 0 */
const psignb: Lanes = (x, r, n) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < n; k++) { const v = s[k]; if (v < 0) d[o + k] = -d[o + k]; else if (v === 0) d[o + k] = 0; } };
const psignw: Lanes = (x, r, n) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < n >> 1; k++) { const v = s[k]; if (v < 0) d[o + k] = -d[o + k]; else if (v === 0) d[o + k] = 0; } };
const psignd: Lanes = (x, r, n) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < n >> 2; k++) { const v = s[k]; if (v < 0) d[o + k] = -d[o + k] | 0; else if (v === 0) d[o + k] = 0; } };

// ---- horizontal add and subtract: the destination's pairs, then the source's ------------------

function hWords(kind: number): Lanes {
  return (x, r, n) => {
    const d = x.i16, s = S.i16, o = 8 * r, t = R.i16, m = n >> 2; // m pairs per operand
    for (let k = 0; k < m; k++) {
      const a0 = d[o + 2 * k], a1 = d[o + 2 * k + 1], b0 = s[2 * k], b1 = s[2 * k + 1];
      if (kind === 0) { t[k] = a0 + a1; t[m + k] = b0 + b1; }
      else if (kind === 1) { t[k] = a0 - a1; t[m + k] = b0 - b1; }
      else if (kind === 2) { t[k] = sat16s(a0 + a1); t[m + k] = sat16s(b0 + b1); }
      else { t[k] = sat16s(a0 - a1); t[m + k] = sat16s(b0 - b1); }
    }
    copyR(x, r, n);
  };
}
function hDwords(sub: boolean): Lanes {
  return (x, r, n) => {
    const d = x.i32, s = S.i32, o = 4 * r, t = R.i32, m = n >> 3;
    for (let k = 0; k < m; k++) {
      const a0 = d[o + 2 * k], a1 = d[o + 2 * k + 1], b0 = s[2 * k], b1 = s[2 * k + 1];
      t[k] = sub ? a0 - a1 : a0 + a1; t[m + k] = sub ? b0 - b1 : b0 + b1;
    }
    copyR(x, r, n);
  };
}

// ---- multiplies ---------------------------------------------------------------------------

/** unsigned bytes of dst times signed bytes of src, adjacent products summed with signed saturation */
const pmaddubsw: Lanes = (x, r, n) => {
  const d = x.u8, s = S.i8, o = 16 * r, w = x.i16, ow = 8 * r;
  for (let k = 0; k < n >> 1; k++) w[ow + k] = sat16s(d[o + 2 * k] * s[2 * k] + d[o + 2 * k + 1] * s[2 * k + 1]);
};
/** (a * b + 0x4000) >> 15, the low 16 bits kept (0x8000 * 0x8000 gives 0x8000) */
const pmulhrsw: Lanes = (x, r, n) => {
  const d = x.i16, s = S.i16, o = 8 * r;
  for (let k = 0; k < n >> 1; k++) d[o + k] = ((d[o + k] * s[k]) + 0x4000) >> 15;
};

// ---- byte shuffles ------------------------------------------------------------------------------

const pshufb: Lanes = (x, r, n) => {
  const d = x.u8, s = S.u8, o = 16 * r, t = R.u8, mask = n - 1;
  for (let k = 0; k < n; k++) { const v = s[k]; t[k] = v & 0x80 ? 0 : d[o + (v & mask)]; }
  copyR(x, r, n);
};
/** bytes imm.. of the 2n-byte value dst:src (src in the low half); past the end, zeros */
function palignr(x: XmmViews, r: number, n: number, imm: number): void {
  const d = x.u8, s = S.u8, o = 16 * r, t = R.u8;
  for (let k = 0; k < n; k++) {
    const j = k + imm;
    t[k] = j < n ? s[j] : j < 2 * n ? d[o + j - n] : 0;
  }
  copyR(x, r, n);
}

// ---- the forms ------------------------------------------------------------------------------------

const OPS: [string, string, Lanes][] = [
  ['00', 'pshufb', pshufb],
  ['01', 'phaddw', hWords(0)], ['02', 'phaddd', hDwords(false)], ['03', 'phaddsw', hWords(2)],
  ['04', 'pmaddubsw', pmaddubsw],
  ['05', 'phsubw', hWords(1)], ['06', 'phsubd', hDwords(true)], ['07', 'phsubsw', hWords(3)],
  ['08', 'psignb', psignb], ['09', 'psignw', psignw], ['0A', 'psignd', psignd],
  ['0B', 'pmulhrsw', pmulhrsw],
  ['1C', 'pabsb', pabsb], ['1D', 'pabsw', pabsw], ['1E', 'pabsd', pabsd],
];

/** An MMX-register binary form: pending x87 exceptions first, then the switch to MMX operation. */
function mmxForm(f: Lanes) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    srcMM(c, i);
    enter(c);
    const r = i.reg & 7;
    f(mm(c), r, 8);
    written(c, r);
  };
}

for (const [opc, name, f] of OPS) {
  op(`NP 0F 38 ${opc} /r`, name, 'Pq,Qq', mmxForm(f), 0, FEATURE);
  op(`66 0F 38 ${opc} /r`, name, 'Vx,Wx', (c, i) => { srcW(c, i); f(xmm(c), i.reg, 16); }, 0, FEATURE);
}

op('NP 0F 3A 0F /r', 'palignr', 'Pq,Qq,Ib', (c, i) => {
  fwait(c);
  srcMM(c, i);
  enter(c);
  const r = i.reg & 7;
  palignr(mm(c), r, 8, i.imm & 0xff);
  written(c, r);
}, 0, FEATURE);
op('66 0F 3A 0F /r', 'palignr', 'Vx,Wx,Ib', (c, i) => { srcW(c, i); palignr(xmm(c), i.reg, 16, i.imm & 0xff); }, 0, FEATURE);
