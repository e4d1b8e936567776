// SSE/SSE2 floating-point instructions: packed and scalar arithmetic, comparisons,
// conversions. The arithmetic itself is in sse-fp.ts; results are built in R and
// written only after end() has decided that no unmasked exception traps.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, PF, AF, ZF, SF, OF } from '../flags.js';
import { S, R, srcW, srcQ, srcD } from './sse-core.js';
import {
  begin, end, raise, arith32, arith64, HI, ADD, SUB, MUL, DIV, SQRT, MIN, MAX, IE,
  f32, f64, isNaN32, isSNaN32, isNaN64, isSNaN64, denorm32, denorm64, dazLo,
  cvt32to64, cvt64to32, cvtInt, cvtToInt, DAZ, PE, RZ, roundInt,
} from './sse-fp.js';
import { rcp32, rsqrt32 } from './sse-approx.js';

/** GPR operand size of Ey/Gy: REX.W selects 64 bits; a 66 prefix does not make it 16. */
const sz = (i: Insn): number => (i.opsize === 8 ? 8 : 4);

// ---- arithmetic -------------------------------------------------------------------------
//
// Fast path: with nearest rounding and PE already set and masked (MXCSR after the first
// inexact operation of almost every program), an operation on normal operands with a
// normal result can raise no new flag, so it runs on JS doubles directly. Anything
// else (NaN, denormal, infinity, overflow, underflow, PE clear, directed rounding)
// returns NaN here and takes the exact path.

const MIN32 = 1.1754943508222875e-38, MIN64 = 2.2250738585072014e-308;
const FAST_MASK = 0x7020, FAST_VAL = 0x1020; // RC = nearest, PE set, PM set

function fastOp(k: number, a: number, b: number): number {
  switch (k) {
    case ADD: return a + b;
    case SUB: return a - b;
    case MUL: return a * b;
    case DIV: return a / b;
    case SQRT: return Math.sqrt(b);
    case MIN: return a < b ? a : b;
    default: return a > b ? a : b;
  }
}
/** An exact zero result: not an underflow. */
function zeroOk(k: number, a: number, b: number): boolean {
  return k === MUL ? a === 0 || b === 0 : k === DIV ? a === 0 : true;
}
// The fast helpers take array/index pairs and store the result themselves: passing or
// returning a double across a call that is not inlined would box it (an allocation).
/** x[xi] op s[si] into out[oi] if the fast path applies; false leaves out untouched. */
function fast32(k: number, x: Float32Array, xi: number, s: Float32Array, si: number, out: Float32Array, oi: number): boolean {
  const a = x[xi], b = s[si];
  if (!(Math.abs(a) >= MIN32 || a === 0 || k === SQRT) || !(Math.abs(b) >= MIN32 || b === 0)) return false;
  const r = Math.fround(fastOp(k, a, b)), ar = Math.abs(r);
  if ((ar > MIN32 && ar < Infinity) || (r === 0 && zeroOk(k, a, b))) { out[oi] = r; return true; }
  return false;
}
function fast64(k: number, x: Float64Array, xi: number, s: Float64Array, si: number, out: Float64Array, oi: number): boolean {
  const a = x[xi], b = s[si];
  if (!(Math.abs(a) >= MIN64 || a === 0 || k === SQRT) || !(Math.abs(b) >= MIN64 || b === 0)) return false;
  const r = fastOp(k, a, b), ar = Math.abs(r);
  if ((ar > MIN64 && ar < Infinity) || (r === 0 && zeroOk(k, a, b))) { out[oi] = r; return true; }
  return false;
}
/** min/max round nothing and raise flags only for NaN/denormal operands: no MXCSR condition. */
const fastAllowed = (c: Cpu, k: number): boolean => k >= MIN || (c.mxcsrView[0] & FAST_MASK) === FAST_VAL;

function ps(k: number) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i);
    const o = 4 * i.reg;
    if (fastAllowed(c, k)) {
      const x = c.xmmF32, s = S.f32, t = R.f32;
      if (fast32(k, x, o, s, 0, t, 0) && fast32(k, x, o + 1, s, 1, t, 1) && fast32(k, x, o + 2, s, 2, t, 2) && fast32(k, x, o + 3, s, 3, t, 3)) {
        const d = c.xmmU32, u = R.u32;
        d[o] = u[0]; d[o + 1] = u[1]; d[o + 2] = u[2]; d[o + 3] = u[3];
        return;
      }
    }
    begin(c);
    const x = c.xmmU32, s = S.u32, t = R.u32;
    t[0] = arith32(k, x[o], s[0]); t[1] = arith32(k, x[o + 1], s[1]);
    t[2] = arith32(k, x[o + 2], s[2]); t[3] = arith32(k, x[o + 3], s[3]);
    end(c);
    x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
  };
}
function pd(k: number) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i);
    const o = 4 * i.reg;
    if (fastAllowed(c, k)) {
      const x = c.xmmF64, s = S.f64, t = R.f64, h = o >> 1;
      if (fast64(k, x, h, s, 0, t, 0) && fast64(k, x, h + 1, s, 1, t, 1)) {
        const d = c.xmmU32, u = R.u32;
        d[o] = u[0]; d[o + 1] = u[1]; d[o + 2] = u[2]; d[o + 3] = u[3];
        return;
      }
    }
    begin(c);
    const x = c.xmmU32, s = S.u32, t = R.u32;
    t[0] = arith64(k, x[o], x[o + 1], s[0], s[1]); t[1] = HI[0];
    t[2] = arith64(k, x[o + 2], x[o + 3], s[2], s[3]); t[3] = HI[0];
    end(c);
    x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
  };
}
function ss(k: number) {
  return (c: Cpu, i: Insn): void => {
    const o = 4 * i.reg;
    if (fastAllowed(c, k)) {
      const x = c.xmmF32;
      if (i.mod === 3) { if (fast32(k, x, o, x, 4 * i.rm, x, o)) return; srcD(c, i); }
      else { srcD(c, i); if (fast32(k, x, o, S.f32, 0, x, o)) return; }
    } else srcD(c, i);
    begin(c);
    const x = c.xmmU32;
    const r = arith32(k, x[o], S.u32[0]);
    end(c);
    x[o] = r;
  };
}
function sd(k: number) {
  return (c: Cpu, i: Insn): void => {
    const o = 4 * i.reg;
    if (fastAllowed(c, k)) {
      const x = c.xmmF64, h = o >> 1;
      if (i.mod === 3) { if (fast64(k, x, h, x, 2 * i.rm, x, h)) return; srcQ(c, i); }
      else { srcQ(c, i); if (fast64(k, x, h, S.f64, 0, x, h)) return; }
    } else srcQ(c, i);
    begin(c);
    const x = c.xmmU32;
    const lo = arith64(k, x[o], x[o + 1], S.u32[0], S.u32[1]), hi = HI[0];
    end(c);
    x[o] = lo; x[o + 1] = hi;
  };
}

const ARITH: [string, string, number][] = [
  ['51', 'sqrt', SQRT], ['58', 'add', ADD], ['59', 'mul', MUL], ['5C', 'sub', SUB],
  ['5D', 'min', MIN], ['5E', 'div', DIV], ['5F', 'max', MAX],
];
for (const [opc, name, k] of ARITH) {
  op(`NP 0F ${opc} /r`, name + 'ps', 'Vps,Wps', ps(k));
  op(`66 0F ${opc} /r`, name + 'pd', 'Vpd,Wpd', pd(k));
  op(`F3 0F ${opc} /r`, name + 'ss', 'Vss,Wss', ss(k));
  op(`F2 0F ${opc} /r`, name + 'sd', 'Vsd,Wsd', sd(k));
}

// approximations: no exceptions, MXCSR not consulted except DAZ (denormals are zero anyway)
op('NP 0F 53 /r', 'rcpps', 'Vps,Wps', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  for (let k = 0; k < 4; k++) x[o + k] = rcp32(s[k]);
});
op('F3 0F 53 /r', 'rcpss', 'Vss,Wss', (c, i) => { srcD(c, i); c.xmmU32[4 * i.reg] = rcp32(S.u32[0]); });
op('NP 0F 52 /r', 'rsqrtps', 'Vps,Wps', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  for (let k = 0; k < 4; k++) x[o + k] = rsqrt32(s[k]);
});
op('F3 0F 52 /r', 'rsqrtss', 'Vss,Wss', (c, i) => { srcD(c, i); c.xmmU32[4 * i.reg] = rsqrt32(S.u32[0]); });

// ---- comparisons -----------------------------------------------------------------------------

/** Predicates 0-7: eq, lt, le, unord, neq, nlt, nle, ord. Signalling ones (lt, le, nlt, nle) raise IE on any NaN. */
function predicate(p: number, a: number, b: number, unordered: boolean): boolean {
  switch (p) {
    case 0: return a === b;
    case 1: return a < b;
    case 2: return a <= b;
    case 3: return unordered;
    case 4: return !(a === b);
    case 5: return !(a < b);
    case 6: return !(a <= b);
    default: return !unordered;
  }
}
const SIGNALLING = 0x66; // predicates 1, 2, 5, 6

function cmp32(p: number, a: number, b: number): number {
  const an = isNaN32(a), bn = isNaN32(b);
  if (an || bn) {
    if ((SIGNALLING >> p) & 1 || isSNaN32(a) || isSNaN32(b)) raise(IE);
    return predicate(p, NaN, NaN, true) ? 0xffffffff : 0;
  }
  a = denorm32(a); b = denorm32(b);
  return predicate(p, f32(a), f32(b), false) ? 0xffffffff : 0;
}
function cmp64(p: number, alo: number, ahi: number, blo: number, bhi: number): number {
  const an = isNaN64(alo, ahi), bn = isNaN64(blo, bhi);
  if (an || bn) {
    if ((SIGNALLING >> p) & 1 || isSNaN64(alo, ahi) || isSNaN64(blo, bhi)) raise(IE);
    return predicate(p, NaN, NaN, true) ? 0xffffffff : 0;
  }
  ahi = denorm64(alo, ahi); if (dazLo) alo = 0;
  bhi = denorm64(blo, bhi); if (dazLo) blo = 0;
  return predicate(p, f64(alo, ahi), f64(blo, bhi), false) ? 0xffffffff : 0;
}

op('NP 0F C2 /r', 'cmpps', 'Vps,Wps,Ib', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, t = R.u32, p = i.imm & 7;
  for (let k = 0; k < 4; k++) t[k] = cmp32(p, x[o + k], s[k]);
  end(c);
  x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
});
op('66 0F C2 /r', 'cmppd', 'Vpd,Wpd,Ib', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, p = i.imm & 7;
  const r0 = cmp64(p, x[o], x[o + 1], s[0], s[1]), r1 = cmp64(p, x[o + 2], x[o + 3], s[2], s[3]);
  end(c);
  x[o] = r0; x[o + 1] = r0; x[o + 2] = r1; x[o + 3] = r1;
});
op('F3 0F C2 /r', 'cmpss', 'Vss,Wss,Ib', (c, i) => {
  srcD(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg;
  const r = cmp32(i.imm & 7, x[o], S.u32[0]);
  end(c);
  x[o] = r;
});
op('F2 0F C2 /r', 'cmpsd', 'Vsd,Wsd,Ib', (c, i) => {
  srcQ(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg;
  const r = cmp64(i.imm & 7, x[o], x[o + 1], S.u32[0], S.u32[1]);
  end(c);
  x[o] = r; x[o + 1] = r;
});

const CMP_FLAGS = ZF | PF | CF | OF | SF | AF;
/** comiss/ucomiss family: ZF PF CF = 111 unordered, 000 greater, 001 less, 100 equal. */
function comi(c: Cpu, an: boolean, bn: boolean, snan: boolean, signalling: boolean, a: number, b: number): void {
  let fl: number;
  if (an || bn) {
    if (signalling || snan) raise(IE);
    fl = ZF | PF | CF;
  } else fl = a > b ? 0 : a < b ? CF : ZF;
  end(c);
  c.setArithFlags(CMP_FLAGS, fl);
}
function comiss(signalling: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcD(c, i);
    const fa = c.xmmF32[4 * i.reg], fb = S.f32[0];
    if ((Math.abs(fa) >= MIN32 || fa === 0) && (Math.abs(fb) >= MIN32 || fb === 0)) {
      c.setArithFlags(CMP_FLAGS, fa > fb ? 0 : fa < fb ? CF : ZF);
      return;
    }
    begin(c);
    let a = c.xmmU32[4 * i.reg], b = S.u32[0];
    const an = isNaN32(a), bn = isNaN32(b);
    if (!an && !bn) { a = denorm32(a); b = denorm32(b); }
    comi(c, an, bn, isSNaN32(a) || isSNaN32(b), signalling, f32(a), f32(b));
  };
}
function comisd(signalling: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcQ(c, i);
    const fa = c.xmmF64[2 * i.reg], fb = S.f64[0];
    if ((Math.abs(fa) >= MIN64 || fa === 0) && (Math.abs(fb) >= MIN64 || fb === 0)) {
      c.setArithFlags(CMP_FLAGS, fa > fb ? 0 : fa < fb ? CF : ZF);
      return;
    }
    begin(c);
    const x = c.xmmU32, o = 4 * i.reg;
    let alo = x[o], ahi = x[o + 1], blo = S.u32[0], bhi = S.u32[1];
    const an = isNaN64(alo, ahi), bn = isNaN64(blo, bhi);
    const snan = isSNaN64(alo, ahi) || isSNaN64(blo, bhi);
    if (!an && !bn) {
      ahi = denorm64(alo, ahi); if (dazLo) alo = 0;
      bhi = denorm64(blo, bhi); if (dazLo) blo = 0;
    }
    comi(c, an, bn, snan, signalling, f64(alo, ahi), f64(blo, bhi));
  };
}
op('NP 0F 2E /r', 'ucomiss', 'Vss,Wss', comiss(false));
op('66 0F 2E /r', 'ucomisd', 'Vsd,Wsd', comisd(false));
op('NP 0F 2F /r', 'comiss', 'Vss,Wss', comiss(true));
op('66 0F 2F /r', 'comisd', 'Vsd,Wsd', comisd(true));

// ---- conversions ----------------------------------------------------------------------------

// integer -> float (scalar): the upper lanes of the destination are kept
/** Record an inexact result when PE is masked and rounding is to nearest (false: take the exact path). */
function inexactNearest(c: Cpu): boolean {
  const m = c.mxcsrView[0];
  if ((m & 0x7000) !== 0x1000) return false;
  c.mxcsrView[0] = m | PE;
  return true;
}
const TWO53 = 9007199254740992;

op('F3 0F 2A /r', 'cvtsi2ss', 'Vss,Ey', (c, i) => {
  const lo = c.readE(i, sz(i)), hi = sz(i) === 8 ? c.hi : 0;
  const v = sz(i) === 8 ? (hi | 0) * 4294967296 + lo : lo | 0;
  if (v < TWO53 && v > -TWO53) {
    const r = Math.fround(v);
    if (r === v || inexactNearest(c)) { c.xmmF32[4 * i.reg] = r; return; }
  }
  begin(c);
  const r = cvtInt(lo, hi, sz(i) === 8, false);
  end(c);
  c.xmmU32[4 * i.reg] = r;
});
op('F2 0F 2A /r', 'cvtsi2sd', 'Vsd,Ey', (c, i) => {
  const lo = c.readE(i, sz(i)), hi = sz(i) === 8 ? c.hi : 0;
  const v = sz(i) === 8 ? (hi | 0) * 4294967296 + lo : lo | 0;
  if (v < TWO53 && v > -TWO53) { c.xmmF64[2 * i.reg] = v; return; } // exact
  begin(c);
  const r = cvtInt(lo, hi, sz(i) === 8, true), rh = HI[0];
  end(c);
  const x = c.xmmU32, o = 4 * i.reg;
  x[o] = r; x[o + 1] = rh;
});

/** DAZ for a conversion source: no denormal exception is reported by conversions to integer. */
function dazOnly32(c: Cpu, b: number): number {
  return (c.mxcsrView[0] & DAZ) && (b & 0x7f800000) === 0 ? b & 0x80000000 : b;
}
/** Whether DAZ turns the float64 (lo, hi) into a zero. */
function dazZero64(c: Cpu, hi: number): boolean {
  return (c.mxcsrView[0] & DAZ) !== 0 && (hi & 0x7ff00000) === 0;
}

/** Float to integer for ordinary inputs (no NaN, denormal or out-of-range): false to take the exact path. */
function fastToInt(c: Cpu, i: Insn, x: number, truncate: boolean): boolean {
  if (!(Math.abs(x) >= MIN32 || x === 0)) return false; // NaN or denormal (either format: MIN32 > MIN64)
  const r = roundInt(x, truncate ? RZ : (c.mxcsrView[0] >> 13) & 3);
  if (sz(i) === 8) {
    if (!(r < 9223372036854775808 && r >= -9223372036854775808)) return false;
    if (r !== x && !inexactAny(c)) return false;
    const hi = Math.floor(r / 4294967296);
    c.setReg(i.reg, 8, (r - hi * 4294967296) >>> 0, hi >>> 0);
    return true;
  }
  if (!(r < 2147483648 && r >= -2147483648)) return false;
  if (r !== x && !inexactAny(c)) return false;
  c.setReg(i.reg, 4, r >>> 0, 0);
  return true;
}
/** Record an inexact result when PE is masked, whatever the rounding mode. */
function inexactAny(c: Cpu): boolean {
  const m = c.mxcsrView[0];
  if ((m & 0x1000) === 0) return false;
  c.mxcsrView[0] = m | PE;
  return true;
}

function ss2si(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcD(c, i);
    if (fastToInt(c, i, S.f32[0], truncate)) return;
    begin(c);
    const b = dazOnly32(c, S.u32[0]);
    const lo = cvtToInt(f32(b), isNaN32(b), sz(i) === 8, truncate), hi = HI[0];
    end(c);
    c.setReg(i.reg, sz(i), lo, hi);
  };
}
function sd2si(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcQ(c, i);
    if (fastToInt(c, i, S.f64[0], truncate)) return;
    begin(c);
    let blo = S.u32[0], bhi = S.u32[1];
    if (dazZero64(c, bhi)) { blo = 0; bhi &= 0x80000000; }
    const lo = cvtToInt(f64(blo, bhi), isNaN64(blo, bhi), sz(i) === 8, truncate), hi = HI[0];
    end(c);
    c.setReg(i.reg, sz(i), lo, hi);
  };
}
op('F3 0F 2C /r', 'cvttss2si', 'Gy,Wss', ss2si(true));
op('F3 0F 2D /r', 'cvtss2si', 'Gy,Wss', ss2si(false));
op('F2 0F 2C /r', 'cvttsd2si', 'Gy,Wsd', sd2si(true));
op('F2 0F 2D /r', 'cvtsd2si', 'Gy,Wsd', sd2si(false));

op('F3 0F 5A /r', 'cvtss2sd', 'Vsd,Wss', (c, i) => {
  srcD(c, i);
  const v = S.f32[0];
  if (Math.abs(v) >= MIN32 || v === 0) { c.xmmF64[2 * i.reg] = v; return; } // exact (infinities too)
  begin(c);
  const lo = cvt32to64(S.u32[0]), hi = HI[0];
  end(c);
  const x = c.xmmU32, o = 4 * i.reg;
  x[o] = lo; x[o + 1] = hi;
});
op('F2 0F 5A /r', 'cvtsd2ss', 'Vss,Wsd', (c, i) => {
  srcQ(c, i);
  const v = S.f64[0], f = Math.fround(v), af = Math.abs(f);
  if (v === 0 || v === Infinity || v === -Infinity || (af > MIN32 && af < Infinity && (f === v || inexactNearest(c)))) {
    c.xmmF32[4 * i.reg] = f;
    return;
  }
  begin(c);
  const r = cvt64to32(S.u32[0], S.u32[1]);
  end(c);
  c.xmmU32[4 * i.reg] = r;
});
op('NP 0F 5A /r', 'cvtps2pd', 'Vpd,Wq', (c, i) => {
  srcQ(c, i); begin(c);
  const t = R.u32, s = S.u32;
  const b1 = s[1];
  t[0] = cvt32to64(s[0]); t[1] = HI[0];
  t[2] = cvt32to64(b1); t[3] = HI[0];
  end(c);
  setR(c, i.reg);
});
op('66 0F 5A /r', 'cvtpd2ps', 'Vps,Wpd', (c, i) => {
  srcW(c, i); begin(c);
  const t = R.u32, s = S.u32;
  t[0] = cvt64to32(s[0], s[1]); t[1] = cvt64to32(s[2], s[3]); t[2] = 0; t[3] = 0;
  end(c);
  setR(c, i.reg);
});
op('NP 0F 5B /r', 'cvtdq2ps', 'Vps,Wdq', (c, i) => {
  srcW(c, i); begin(c);
  const t = R.u32, s = S.u32;
  for (let k = 0; k < 4; k++) t[k] = cvtInt(s[k], 0, false, false);
  end(c);
  setR(c, i.reg);
});
function ps2dq(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i); begin(c);
    const t = R.u32, s = S.u32;
    for (let k = 0; k < 4; k++) { const b = dazOnly32(c, s[k]); t[k] = cvtToInt(f32(b), isNaN32(b), false, truncate); }
    end(c);
    setR(c, i.reg);
  };
}
op('66 0F 5B /r', 'cvtps2dq', 'Vdq,Wps', ps2dq(false));
op('F3 0F 5B /r', 'cvttps2dq', 'Vdq,Wps', ps2dq(true));
op('F3 0F E6 /r', 'cvtdq2pd', 'Vpd,Wq', (c, i) => {
  srcQ(c, i);
  const t = R.u32, s = S.u32;
  t[0] = cvtInt(s[0], 0, false, true); t[1] = HI[0];
  t[2] = cvtInt(s[1], 0, false, true); t[3] = HI[0];
  setR(c, i.reg);
});
function pd2dq(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i); begin(c);
    const t = R.u32, s = S.u32;
    for (let k = 0; k < 2; k++) {
      let lo = s[2 * k], hi = s[2 * k + 1];
      if (dazZero64(c, hi)) { lo = 0; hi &= 0x80000000; }
      t[k] = cvtToInt(f64(lo, hi), isNaN64(lo, hi), false, truncate);
    }
    t[2] = 0; t[3] = 0;
    end(c);
    setR(c, i.reg);
  };
}
op('F2 0F E6 /r', 'cvtpd2dq', 'Vdq,Wpd', pd2dq(false));
op('66 0F E6 /r', 'cvttpd2dq', 'Vdq,Wpd', pd2dq(true));

function setR(c: Cpu, n: number): void {
  const x = c.xmmU32, t = R.u32, o = 4 * n;
  x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
}
