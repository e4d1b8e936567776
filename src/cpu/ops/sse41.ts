// SSE4.1: blends, dot products, rounding, inserts and extracts, sign/zero extension,
// the new packed-integer minimum/maximum/multiply/compare forms, ptest, mpsadbw and
// phminposuw. All are 66-prefixed forms of the 0F 38 and 0F 3A maps on xmm registers;
// 128-bit memory operands follow the legacy-SSE alignment rule (sse-core.ts), the
// narrower ones (pmovsx/zx, roundss/sd, insertps ...) do not.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, PF, AF, ZF, SF, OF } from '../flags.js';
import { mulu32, w } from '../int64.js';
import { xmm, S, R, srcW, srcQ, srcD, eaAligned, load128 } from './sse-core.js';
import { sat16u, type Lanes } from './simd-int.js';
import {
  begin, end, raise, arith32, arith64, HI, ADD, MUL, IE, PE, DAZ, rc,
  f32, bits32, f64, bits64, isNaN32, isNaN64, roundInt,
} from './sse-fp.js';

const FEATURE = 'sse4.1';

/** A 66 0F 38 binary form dst(xmm) op= src(xmm or aligned m128). */
function bin(opc: string, name: string, f: Lanes): void {
  op(`66 0F 38 ${opc} /r`, name, 'Vx,Wx', (c, i) => { srcW(c, i); f(xmm(c), i.reg, 16); }, 0, FEATURE);
}
function put(c: Cpu, n: number): void {
  const x = c.xmmU32, t = R.u32, o = 4 * n;
  x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
}

// ---- packed integer ------------------------------------------------------------------------

const pminsb: Lanes = (x, r) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < 16; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; };
const pmaxsb: Lanes = (x, r) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < 16; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; };
const pminuw: Lanes = (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; };
const pmaxuw: Lanes = (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; };
const pminsd: Lanes = (x, r) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < 4; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; };
const pmaxsd: Lanes = (x, r) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < 4; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; };
const pminud: Lanes = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < 4; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; };
const pmaxud: Lanes = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < 4; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; };
const pmulld: Lanes = (x, r) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < 4; k++) d[o + k] = Math.imul(d[o + k], s[k]); };
/** the even signed dwords multiplied into signed quadwords */
const pmuldq: Lanes = (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k += 2) {
    const a = d[o + k], b = s[k];
    mulu32(a, b);
    // the unsigned product minus 2^32 times each negative operand's partner
    let hi = w[1];
    if (a & 0x80000000) hi -= b;
    if (b & 0x80000000) hi -= a;
    d[o + k] = w[0]; d[o + k + 1] = hi >>> 0;
  }
};
const pcmpeqq: Lanes = (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k += 2) {
    const m = d[o + k] === s[k] && d[o + k + 1] === s[k + 1] ? 0xffffffff : 0;
    d[o + k] = m; d[o + k + 1] = m;
  }
};
const packusdw: Lanes = (x, r) => {
  const d = x.i32, s = S.i32, o = 4 * r, t = R.u16;
  for (let k = 0; k < 4; k++) { t[k] = sat16u(d[o + k]); t[4 + k] = sat16u(s[k]); }
  const u = x.u32, v = R.u32, p = 4 * r;
  u[p] = v[0]; u[p + 1] = v[1]; u[p + 2] = v[2]; u[p + 3] = v[3];
};

bin('38', 'pminsb', pminsb); bin('39', 'pminsd', pminsd); bin('3A', 'pminuw', pminuw); bin('3B', 'pminud', pminud);
bin('3C', 'pmaxsb', pmaxsb); bin('3D', 'pmaxsd', pmaxsd); bin('3E', 'pmaxuw', pmaxuw); bin('3F', 'pmaxud', pmaxud);
bin('40', 'pmulld', pmulld); bin('28', 'pmuldq', pmuldq); bin('29', 'pcmpeqq', pcmpeqq); bin('2B', 'packusdw', packusdw);

/** sum of absolute differences of a 4-byte block of the source against eight sliding 4-byte windows of the destination */
op('66 0F 3A 42 /r', 'mpsadbw', 'Vx,Wx,Ib', (c, i) => {
  srcW(c, i);
  const d = c.xmmU8, s = S.u8, o = 16 * i.reg + 4 * ((i.imm >> 2) & 1), so = 4 * (i.imm & 3), t = R.u16;
  const s0 = s[so], s1 = s[so + 1], s2 = s[so + 2], s3 = s[so + 3];
  for (let k = 0; k < 8; k++) {
    const p = o + k;
    t[k] = Math.abs(d[p] - s0) + Math.abs(d[p + 1] - s1) + Math.abs(d[p + 2] - s2) + Math.abs(d[p + 3] - s3);
  }
  put(c, i.reg);
}, 0, FEATURE);

op('66 0F 38 41 /r', 'phminposuw', 'Vx,Wx', (c, i) => {
  srcW(c, i);
  const s = S.u16;
  let m = s[0], at = 0;
  for (let k = 1; k < 8; k++) if (s[k] < m) { m = s[k]; at = k; }
  const x = c.xmmU32, o = 4 * i.reg;
  x[o] = m | (at << 16); x[o + 1] = 0; x[o + 2] = 0; x[o + 3] = 0;
}, 0, FEATURE);

// ptest: ZF = (dst AND src) is zero, CF = (NOT dst AND src) is zero; AF OF PF SF cleared
op('66 0F 38 17 /r', 'ptest', 'Vx,Wx', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  let and = 0, andn = 0;
  for (let k = 0; k < 4; k++) { and |= x[o + k] & s[k]; andn |= ~x[o + k] & s[k]; }
  c.setArithFlags(CF | PF | AF | ZF | SF | OF, (and === 0 ? ZF : 0) | (andn === 0 ? CF : 0));
}, 0, FEATURE);

op('66 0F 38 2A /r mem', 'movntdqa', 'Vx,Mx', (c, i) => { load128(c, eaAligned(c, i), c.xmmU32, 4 * i.reg); }, 0, FEATURE);

// ---- sign and zero extension ----------------------------------------------------------------

/** Load the low `bytes` of the W operand (xmm or an unaligned memory operand of that size) into S. */
function srcN(c: Cpu, i: Insn, bytes: number): void {
  if (bytes === 8) srcQ(c, i);
  else if (bytes === 4) srcD(c, i);
  else if (i.mod === 3) S.u16[0] = c.xmmU16[8 * i.rm];
  else S.u16[0] = c.mem.read16(c.ea(i));
}
// [name suffix, source element size, destination element size]
const EXTEND: [string, number, number][] = [['bw', 1, 2], ['bd', 1, 4], ['bq', 1, 8], ['wd', 2, 4], ['wq', 2, 8], ['dq', 4, 8]];
const SRC_CODE: Record<number, string> = { 8: 'Wq', 4: 'Wd', 2: 'Ww' };
EXTEND.forEach(([sfx, from, to], k) => {
  const count = 16 / to, bytes = count * from;
  for (const signed of [true, false]) {
    op(`66 0F 38 ${(signed ? 0x20 + k : 0x30 + k).toString(16).toUpperCase()} /r`, (signed ? 'pmovsx' : 'pmovzx') + sfx, `Vx,${SRC_CODE[bytes]}`, (c, i) => {
      srcN(c, i, bytes);
      const t = R.u32;
      for (let e = 0; e < count; e++) {
        const v = from === 1 ? (signed ? S.i8[e] : S.u8[e]) : from === 2 ? (signed ? S.i16[e] : S.u16[e]) : (signed ? S.i32[e] : S.u32[e]);
        if (to === 2) R.u16[e] = v;
        else if (to === 4) t[e] = v;
        else { t[2 * e] = v; t[2 * e + 1] = v < 0 ? 0xffffffff : 0; }
      }
      put(c, i.reg);
    }, 0, FEATURE);
  }
});

// ---- blends -------------------------------------------------------------------------------------

op('66 0F 3A 0C /r', 'blendps', 'Vps,Wps,Ib', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, m = i.imm;
  for (let k = 0; k < 4; k++) if ((m >> k) & 1) x[o + k] = s[k];
}, 0, FEATURE);
op('66 0F 3A 0D /r', 'blendpd', 'Vpd,Wpd,Ib', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, m = i.imm;
  if (m & 1) { x[o] = s[0]; x[o + 1] = s[1]; }
  if (m & 2) { x[o + 2] = s[2]; x[o + 3] = s[3]; }
}, 0, FEATURE);
op('66 0F 3A 0E /r', 'pblendw', 'Vx,Wx,Ib', (c, i) => {
  srcW(c, i);
  const x = c.xmmU16, o = 8 * i.reg, s = S.u16, m = i.imm;
  for (let k = 0; k < 8; k++) if ((m >> k) & 1) x[o + k] = s[k];
}, 0, FEATURE);
// the variable blends take the top bit of each element of xmm0 as the selector
op('66 0F 38 10 /r', 'pblendvb', 'Vx,Wx,<XMM0>', (c, i) => {
  srcW(c, i);
  const x = c.xmmU8, o = 16 * i.reg, s = S.u8;
  for (let k = 0; k < 16; k++) if (x[k] & 0x80) x[o + k] = s[k];
}, 0, FEATURE);
op('66 0F 38 14 /r', 'blendvps', 'Vps,Wps,<XMM0>', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  for (let k = 0; k < 4; k++) if (x[k] & 0x80000000) x[o + k] = s[k];
}, 0, FEATURE);
op('66 0F 38 15 /r', 'blendvpd', 'Vpd,Wpd,<XMM0>', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  if (x[1] & 0x80000000) { x[o] = s[0]; x[o + 1] = s[1]; }
  if (x[3] & 0x80000000) { x[o + 2] = s[2]; x[o + 3] = s[3]; }
}, 0, FEATURE);

// ---- inserts and extracts -------------------------------------------------------------------------

op('66 0F 3A 14 /r', 'pextrb', 'Rd/Mb,Vx,Ib', (c, i) => {
  const v = c.xmmU8[16 * i.reg + (i.imm & 15)];
  if (i.mod === 3) c.setReg(i.rm, 4, v, 0); else c.mem.write8(c.ea(i), v);
}, 0, FEATURE);
op('66 0F 3A 15 /r', 'pextrw', 'Rd/Mw,Vx,Ib', (c, i) => {
  const v = c.xmmU16[8 * i.reg + (i.imm & 7)];
  if (i.mod === 3) c.setReg(i.rm, 4, v, 0); else c.mem.write16(c.ea(i), v);
}, 0, FEATURE);
op('66 0F 3A 16 /r W0', 'pextrd', 'Ed,Vx,Ib', (c, i) => { c.writeE(i, 4, c.xmmU32[4 * i.reg + (i.imm & 3)], 0); }, 0, FEATURE);
op('66 0F 3A 16 /r W1', 'pextrq', 'Eq,Vx,Ib', (c, i) => {
  const x = c.xmmU32, k = 4 * i.reg + 2 * (i.imm & 1);
  c.writeE(i, 8, x[k], x[k + 1]);
}, 0, FEATURE);
op('66 0F 3A 17 /r', 'extractps', 'Ed,Vps,Ib', (c, i) => { c.writeE(i, 4, c.xmmU32[4 * i.reg + (i.imm & 3)], 0); }, 0, FEATURE);

op('66 0F 3A 20 /r', 'pinsrb', 'Vx,Rd/Mb,Ib', (c, i) => {
  const v = i.mod === 3 ? c.getReg(i.rm, 4) & 0xff : c.mem.read8(c.ea(i));
  c.xmmU8[16 * i.reg + (i.imm & 15)] = v;
}, 0, FEATURE);
op('66 0F 3A 22 /r W0', 'pinsrd', 'Vx,Ed,Ib', (c, i) => { const v = c.readE(i, 4); c.xmmU32[4 * i.reg + (i.imm & 3)] = v; }, 0, FEATURE);
op('66 0F 3A 22 /r W1', 'pinsrq', 'Vx,Eq,Ib', (c, i) => {
  const lo = c.readE(i, 8), hi = c.hi, x = c.xmmU32, k = 4 * i.reg + 2 * (i.imm & 1);
  x[k] = lo; x[k + 1] = hi;
}, 0, FEATURE);
// insertps: a register source gives element imm[7:6], memory a single float; it goes to
// element imm[5:4], then the elements set in imm[3:0] are cleared
op('66 0F 3A 21 /r', 'insertps', 'Vps,Wss,Ib', (c, i) => {
  const m = i.imm;
  const v = i.mod === 3 ? c.xmmU32[4 * i.rm + ((m >> 6) & 3)] : c.mem.read32(c.ea(i));
  const x = c.xmmU32, o = 4 * i.reg;
  x[o + ((m >> 4) & 3)] = v;
  for (let k = 0; k < 4; k++) if ((m >> k) & 1) x[o + k] = 0;
}, 0, FEATURE);

// ---- rounding to integral values -----------------------------------------------------------------
//
// imm[1:0] is the rounding mode unless imm[2] selects MXCSR.RC; imm[3] suppresses the
// precision exception. A signalling NaN raises IE and is quieted; DAZ turns a denormal
// into a zero of its sign (no DE: the instruction reports only IE and PE).

let mode = 0, quietPE = false;
function setup(c: Cpu, imm: number): void {
  begin(c);
  mode = imm & 4 ? rc : imm & 3;
  quietPE = (imm & 8) !== 0;
}
function round32(b: number, daz: boolean): number {
  if (isNaN32(b)) { if (!(b & 0x400000)) raise(IE); return (b | 0x400000) >>> 0; }
  if ((b & 0x7f800000) === 0x7f800000) return b;
  if ((b & 0x7f800000) === 0 && daz) return (b & 0x80000000) >>> 0;
  const x = f32(b), r = roundInt(x, mode);
  if (r === x) return b;
  if (!quietPE) raise(PE);
  return r === 0 ? (b & 0x80000000) >>> 0 : bits32(r);
}
/** lo returned, hi in HI[0] */
function round64(lo: number, hi: number, daz: boolean): number {
  if (isNaN64(lo, hi)) { if (!(hi & 0x80000)) raise(IE); HI[0] = (hi | 0x80000) >>> 0; return lo; }
  if ((hi & 0x7ff00000) === 0x7ff00000) { HI[0] = hi; return lo; }
  if ((hi & 0x7ff00000) === 0 && daz) { HI[0] = (hi & 0x80000000) >>> 0; return 0; }
  const x = f64(lo, hi), r = roundInt(x, mode);
  if (r === x) { HI[0] = hi; return lo; }
  if (!quietPE) raise(PE);
  if (r === 0) { HI[0] = (hi & 0x80000000) >>> 0; return 0; }
  return bits64(r);
}
const dazOn = (c: Cpu): boolean => (c.mxcsrView[0] & DAZ) !== 0;

// The fast path (floor/ceil/trunc/rint of glibc and musl run these): normal or zero
// operands, for which JS's rounding functions are exact, and no trap possible.
const MIN32 = 1.1754943508222875e-38, MIN64 = 2.2250738585072014e-308;
const normal32 = (v: number): boolean => v === 0 || ((v >= MIN32 || v <= -MIN32) && v - v === 0);
const normal64 = (v: number): boolean => v === 0 || ((v >= MIN64 || v <= -MIN64) && v - v === 0);
/** The rounding mode of the fast path, or -1 when an inexact result could trap (PE unmasked, not suppressed). */
function fastMode(c: Cpu, imm: number): number {
  const m = c.mxcsrView[0];
  if ((imm & 8) === 0 && (m & 0x1000) === 0) return -1;
  return imm & 4 ? (m >> 13) & 3 : imm & 3;
}
/** An inexact fast-path result: PE unless suppressed (masked: fastMode checked). */
function inexact(c: Cpu, imm: number): void { if ((imm & 8) === 0) c.mxcsrView[0] |= PE; }

op('66 0F 3A 08 /r', 'roundps', 'Vps,Wps,Ib', (c, i) => {
  srcW(c, i);
  const f = S.f32, md = fastMode(c, i.imm);
  if (md >= 0 && normal32(f[0]) && normal32(f[1]) && normal32(f[2]) && normal32(f[3])) {
    const x = c.xmmF32, o = 4 * i.reg;
    let exact = true;
    for (let k = 0; k < 4; k++) {
      const v = f[k], r = roundInt(v, md);
      if (r !== v) { exact = false; x[o + k] = r; } else x[o + k] = v;
    }
    if (!exact) inexact(c, i.imm);
    return;
  }
  setup(c, i.imm);
  const s = S.u32, t = R.u32, daz = dazOn(c);
  for (let k = 0; k < 4; k++) t[k] = round32(s[k], daz);
  end(c); put(c, i.reg);
}, 0, FEATURE);
op('66 0F 3A 09 /r', 'roundpd', 'Vpd,Wpd,Ib', (c, i) => {
  srcW(c, i);
  const f = S.f64, md = fastMode(c, i.imm);
  if (md >= 0 && normal64(f[0]) && normal64(f[1])) {
    const x = c.xmmF64, o = 2 * i.reg, v0 = f[0], v1 = f[1], r0 = roundInt(v0, md), r1 = roundInt(v1, md);
    x[o] = r0 === v0 ? v0 : r0; x[o + 1] = r1 === v1 ? v1 : r1;
    if (r0 !== v0 || r1 !== v1) inexact(c, i.imm);
    return;
  }
  setup(c, i.imm);
  const s = S.u32, t = R.u32, daz = dazOn(c);
  t[0] = round64(s[0], s[1], daz); t[1] = HI[0];
  t[2] = round64(s[2], s[3], daz); t[3] = HI[0];
  end(c); put(c, i.reg);
}, 0, FEATURE);
op('66 0F 3A 0A /r', 'roundss', 'Vss,Wss,Ib', (c, i) => {
  srcD(c, i);
  const v = S.f32[0], md = fastMode(c, i.imm);
  if (md >= 0 && normal32(v)) {
    const r = roundInt(v, md);
    if (r !== v) { c.xmmF32[4 * i.reg] = r; inexact(c, i.imm); } else c.xmmF32[4 * i.reg] = v;
    return;
  }
  setup(c, i.imm);
  const r = round32(S.u32[0], dazOn(c));
  end(c); c.xmmU32[4 * i.reg] = r;
}, 0, FEATURE);
op('66 0F 3A 0B /r', 'roundsd', 'Vsd,Wsd,Ib', (c, i) => {
  srcQ(c, i);
  const v = S.f64[0], md = fastMode(c, i.imm);
  if (md >= 0 && normal64(v)) {
    const r = roundInt(v, md);
    if (r !== v) { c.xmmF64[2 * i.reg] = r; inexact(c, i.imm); } else c.xmmF64[2 * i.reg] = v;
    return;
  }
  setup(c, i.imm);
  const lo = round64(S.u32[0], S.u32[1], dazOn(c)), hi = HI[0];
  end(c); const x = c.xmmU32, o = 4 * i.reg; x[o] = lo; x[o + 1] = hi;
}, 0, FEATURE);

// ---- dot products ------------------------------------------------------------------------------
//
// The selected products (imm[7:4]; the others +0.0, with no multiplication and so no
// exception), each rounded by MXCSR, summed pairwise with each sum rounded, then written
// to the elements selected by imm[3:0] (the others +0.0). This CPU adds in a different
// operand order for each element (found with distinct NaN payloads in the products):
//   0: (p1 + p0) + (p3 + p2)    1: (p0 + p1) + (p2 + p3)
//   2: (p3 + p2) + (p1 + p0)    3: (p2 + p3) + (p0 + p1)
// and dppd element k: p[k] + p[k^1]. The sums are equal but for which NaN propagates, so
// the other orders are computed only for a NaN result.
//
// Each step (the products, the pair sums, the final sum) is one packed operation to the
// exception logic: an unmasked exception traps at the end of its step, with the flags of
// the earlier steps already in MXCSR and the later steps not run (so a pre-computation
// exception of a sum does not hide the products' overflow, and a product's overflow
// trap does not see the sums' flags).

/** Close one step: its flags go to MXCSR (or it traps), the next step starts with none. */
function nextStep(c: Cpu): void { end(c); begin(c); }

op('66 0F 3A 40 /r', 'dpps', 'Vps,Wps,Ib', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, m = i.imm, t = R.u32;
  for (let k = 0; k < 4; k++) t[k] = (m >> (4 + k)) & 1 ? arith32(MUL, x[o + k], s[k]) : 0;
  nextStep(c);
  const lo = arith32(ADD, t[1], t[0]), hi = arith32(ADD, t[3], t[2]);
  nextStep(c);
  let r0 = arith32(ADD, lo, hi), r1 = r0, r2 = r0, r3 = r0;
  if (isNaN32(r0)) {
    const lo1 = arith32(ADD, t[0], t[1]), hi1 = arith32(ADD, t[2], t[3]);
    r1 = arith32(ADD, lo1, hi1); r2 = arith32(ADD, hi, lo); r3 = arith32(ADD, hi1, lo1);
  }
  end(c);
  x[o] = m & 1 ? r0 : 0; x[o + 1] = m & 2 ? r1 : 0; x[o + 2] = m & 4 ? r2 : 0; x[o + 3] = m & 8 ? r3 : 0;
}, 0, FEATURE);
op('66 0F 3A 41 /r', 'dppd', 'Vpd,Wpd,Ib', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, m = i.imm, t = R.u32;
  if (m & 0x10) { t[0] = arith64(MUL, x[o], x[o + 1], s[0], s[1]); t[1] = HI[0]; } else { t[0] = 0; t[1] = 0; }
  if (m & 0x20) { t[2] = arith64(MUL, x[o + 2], x[o + 3], s[2], s[3]); t[3] = HI[0]; } else { t[2] = 0; t[3] = 0; }
  nextStep(c);
  const lo = arith64(ADD, t[0], t[1], t[2], t[3]), hi = HI[0];
  let lo1 = lo, hi1 = hi;
  if (isNaN64(lo, hi)) { lo1 = arith64(ADD, t[2], t[3], t[0], t[1]); hi1 = HI[0]; }
  end(c);
  x[o] = m & 1 ? lo : 0; x[o + 1] = m & 1 ? hi : 0;
  x[o + 2] = m & 2 ? lo1 : 0; x[o + 3] = m & 2 ? hi1 : 0;
}, 0, FEATURE);
