// The x87 transcendental instructions: fsin, fcos, fsincos, fptan, fpatan, f2xm1,
// fyl2x, fyl2xp1.
//
// APPROXIMATE: these are not (yet) bit-exact with the hardware. They are computed in
// 80-bit arithmetic (f80.ts, 64-bit precision, round to nearest) by argument reduction
// and series, which gives results within a few units in the last place of the 64-bit
// significand, far better than going through doubles. Special operands (zeros,
// infinities, NaNs, out-of-range arguments) follow the SDM's tables, and the range
// reduction of fsin/fcos/fsincos/fptan uses the hardware's 66-bit approximation of pi,
// so large arguments come out as the hardware's do. C1 (round-up) is reported as 0 and
// PE is set for every inexact result.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import {
  F80, f80Status, f80Add, f80Sub, f80Mul, f80Div, f80Sqrt, f80Prem1, f80RoundInt, f80Copy,
  f80IsNaN, f80IsUnsupported, f80LoadConst, CONST_ONE, CONST_PI, CONST_L2E, CONST_LN2,
} from '../f80.js';
import { X87_FSW, X87_FCW } from '../fpstate.js';
import {
  IE, DE, ZE, OE, UE, PE, C0, C1, C2, C3, FA, FB, FR, FR2, rcOf,
  phys, emptyP, emptySt, loadP, storeP, setIndefinite, pop, push, fwait, noteIP, stackFault, merge, unary,
} from './x87-core.js';

const BIAS = 0x3fff;

// ---- 80-bit helpers (round to nearest, 64-bit precision) ------------------------------------

function add(a: F80, b: F80, o: F80): void { f80Add(a, b, 0, 3, o); }
function sub(a: F80, b: F80, o: F80): void { f80Sub(a, b, 0, 3, o); }
function mul(a: F80, b: F80, o: F80): void { f80Mul(a, b, 0, 3, o); }
function div(a: F80, b: F80, o: F80): void { f80Div(a, b, 0, 3, o); }
function set(o: F80, sign: number, exp: number, hi: number, lo: number): F80 {
  o.sign = sign; o.exp = exp; o.hi = hi >>> 0; o.lo = lo >>> 0; return o;
}
function fromInt(n: number, o: F80): F80 {
  if (n === 0) return set(o, 0, 0, 0, 0);
  const s = n < 0 ? 1 : 0, m = Math.abs(n), z = Math.clz32(m);
  return set(o, s, BIAS + 31 - z, m << z, 0);
}
function konst(which: number): F80 { const o = new F80(); f80LoadConst(which, 0, o); return o; }

const ONE = konst(CONST_ONE);
const PI = konst(CONST_PI);
const L2E = konst(CONST_L2E); // log2(e)
const LN2 = konst(CONST_LN2);
const HALF = set(new F80(), 0, BIAS - 1, 0x80000000, 0);
const FOUR = set(new F80(), 0, BIAS + 2, 0x80000000, 0);
/** pi/2 in the hardware's 66-bit form: the 64-bit truncation P1 plus P2 = 3 * 2^-65. */
const P1 = set(new F80(), 0, BIAS, 0xc90fdaa2, 0x2168c234);
const P2 = set(new F80(), 0, BIAS - 64, 0xc0000000, 0);
const PIO2 = set(new F80(), 0, BIAS, 0xc90fdaa2, 0x2168c235);
const PIO4 = set(new F80(), 0, BIAS - 1, 0xc90fdaa2, 0x2168c235);
const TWO_OVER_PI = new F80();
div(fromInt(2, new F80()), PI, TWO_OVER_PI);
const SQRT2 = new F80();
f80Sqrt(fromInt(2, new F80()), 0, 3, SQRT2);
const SQRTH = new F80();
mul(SQRT2, HALF, SQRTH);

/** 1/n as 80-bit values for the series coefficients. */
const RECIP: F80[] = [];
for (let n = 0; n <= 40; n++) {
  const o = new F80();
  if (n > 0) div(ONE, fromInt(n, new F80()), o);
  RECIP.push(o);
}

const T1 = new F80(), T2 = new F80(), T3 = new F80(), T4 = new F80(), T5 = new F80(), Q = new F80();
const R = new F80(), S = new F80(), CO = new F80(), L = new F80(), AX = new F80(), AY = new F80(), TT = new F80();

function isZero(v: F80): boolean { return v.exp === 0 && v.hi === 0 && v.lo === 0; }
function isInf(v: F80): boolean { return v.exp === 0x7fff && v.hi === 0x80000000 && v.lo === 0; }
function isDenormal(v: F80): boolean { return v.exp === 0 && !(v.hi === 0 && v.lo === 0); }
function special(v: F80): boolean { return f80IsNaN(v) || f80IsUnsupported(v); }

/**
 * sin(r) (cosine = false) or cos(r) for |r| <= pi/4 + a little, into o; the last
 * operation rounds with rc (so tiny corrections go the right way in directed modes).
 */
function sinCosSeries(r: F80, cosine: boolean, o: F80, rc = 0): void {
  mul(r, r, T1); // r^2
  // Horner from the top term: sin r = r (1 - r^2/(2*3) (1 - r^2/(4*5) (1 - ...)))
  const top = 13;
  f80Copy(ONE, T2);
  for (let k = top; k >= 1; k--) {
    const a = cosine ? 2 * k - 1 : 2 * k, b = cosine ? 2 * k : 2 * k + 1;
    mul(T2, T1, T3);
    mul(T3, RECIP[a], T3);
    mul(T3, RECIP[b], T3);
    if (k === 1 && cosine) { f80Sub(ONE, T3, rc, 3, o); return; }
    sub(ONE, T3, T2);
  }
  f80Mul(T2, r, rc, 3, o);
}

/** The rounding control for computing a magnitude whose final sign is `neg`. */
function rcMag(rc: number, neg: boolean): number {
  return neg && (rc === 1 || rc === 2) ? 3 - rc : rc;
}

/**
 * Reduce x (finite, |x| < 2^63) modulo the hardware's pi/2: the remainder goes to o,
 * the quotient's low two bits are returned.
 */
function reduce(x: F80, o: F80): number {
  if (x.exp < BIAS - 1 || (x.exp === BIAS - 1 && (x.hi < PIO4.hi || (x.hi === PIO4.hi && x.lo <= PIO4.lo)))) {
    f80Copy(x, o);
    return 0;
  }
  f80Prem1(x, P1, T4); // exact remainder against P1, quotient bits in C0 C3 C1
  const fl = f80Status.flags;
  const q3 = ((fl & C0) ? 4 : 0) | ((fl & C3) ? 2 : 0) | ((fl & C1) ? 1 : 0);
  // the whole quotient, to apply the P2 part: round(x * 2/pi), corrected to agree with q3
  mul(x, TWO_OVER_PI, Q);
  f80RoundInt(Q, 0, Q);
  for (let t = 0; t < 3 && lowBits(Q) !== q3; t++) {
    fromInt(lowBits(Q) === ((q3 + 1) & 7) ? -1 : 1, T5);
    if (Q.sign) T5.sign ^= 1;
    add(Q, T5, Q);
  }
  mul(Q, P2, T5);
  sub(T4, T5, o);
  return q3 & 3;
}

/** The low three bits of the magnitude of an integral value. */
function lowBits(v: F80): number {
  if (v.exp === 0) return 0;
  const e = v.exp - BIAS;
  if (e < 0) return 0;
  if (e > 63) return 0;
  const sh = 63 - e;
  let lo: number;
  if (sh >= 32) lo = v.hi >>> (sh - 32);
  else if (sh === 0) lo = v.lo;
  else lo = (v.lo >>> sh) | (v.hi << (32 - sh));
  return lo & 7;
}

/** ln(m) for m in [sqrt(1/2), sqrt(2)], by atanh series: 2t(1 + t^2/3 + t^4/5 + ...), t = (m-1)/(m+1). */
function lnNear1(m: F80, o: F80): void {
  sub(m, ONE, T1);
  add(m, ONE, T2);
  div(T1, T2, T3); // t
  mul(T3, T3, T1); // t^2
  f80Copy(RECIP[31], T2);
  for (let k = 14; k >= 0; k--) {
    mul(T2, T1, T2);
    add(T2, RECIP[2 * k + 1], T2);
  }
  mul(T2, T3, T2);
  add(T2, T2, o);
}

/** log2(x) for finite x > 0, into o. */
function log2(x: F80, o: F80): void {
  // x = 2^e * m with m in [sqrt(1/2), sqrt(2))
  let e: number, mexp: number;
  if (x.exp === 0) {
    const z = x.hi !== 0 ? Math.clz32(x.hi) : 32 + Math.clz32(x.lo);
    const hi = z === 0 ? x.hi : z < 32 ? ((x.hi << z) | (x.lo >>> (32 - z))) >>> 0 : (x.lo << (z - 32)) >>> 0;
    const lo = z < 32 ? (x.lo << z) >>> 0 : 0;
    set(T4, 0, BIAS, hi, lo);
    e = 1 - BIAS - z;
  } else {
    set(T4, 0, BIAS, x.hi, x.lo);
    e = x.exp - BIAS;
  }
  mexp = BIAS;
  if (T4.hi > SQRT2.hi || (T4.hi === SQRT2.hi && T4.lo >= SQRT2.lo)) { mexp = BIAS - 1; e++; }
  T4.exp = mexp;
  lnNear1(T4, T5);
  mul(T5, L2E, T5);
  fromInt(e, T4);
  add(T4, T5, o);
}

/** atan(t) for 0 <= t <= 1: two argument halvings then the series (last step rounded with rc). */
function atanUnit(t: F80, o: F80, rc = 0): void {
  f80Copy(t, T4);
  for (let k = 0; k < 2; k++) {
    mul(T4, T4, T1);
    add(T1, ONE, T1);
    f80Sqrt(T1, 0, 3, T1);
    add(T1, ONE, T1);
    div(T4, T1, T4);
  }
  mul(T4, T4, T1); // u^2
  f80Copy(RECIP[31], T2);
  T2.sign = 1; // (-1)^15
  for (let k = 14; k >= 0; k--) {
    mul(T2, T1, T2);
    f80Copy(RECIP[2 * k + 1], T3);
    if (k & 1) T3.sign = 1;
    add(T2, T3, T2);
  }
  mul(T2, T4, T2);
  f80Mul(T2, FOUR, rc, 3, o);
}

/** expm1(z) for |z| <= 1 by its series z (1 + z/2 (1 + z/3 (1 + ...))); the last step rounds with rc. */
function expm1(z: F80, o: F80, rc = 0): void {
  f80Copy(ONE, T2);
  for (let n = 24; n >= 2; n--) {
    mul(T2, z, T2);
    mul(T2, RECIP[n], T2);
    add(T2, ONE, T2);
  }
  f80Mul(T2, z, rc, 3, o);
}

// ---- the instructions ----------------------------------------------------------------------

/**
 * Status for an approximate result: PE, UE when it is tiny, DE for a denormal operand;
 * opFlags are those of the last operation (underflow or overflow there).
 */
function approxFlags(r: F80, den: boolean, opFlags = 0): number {
  let f = (den ? DE : 0) | (opFlags & (UE | OE | PE | C1));
  if (f80IsNaN(r)) return f;
  if ((isZero(r) || isInf(r)) && !(opFlags & (UE | OE))) return f;
  f |= PE;
  if (r.exp === 0) f |= UE;
  return f;
}

/**
 * FR = y * L rounded with rc, and its flags. With underflow unmasked a tiny product is
 * computed from y scaled by 2^24576, which gives the wrapped result at full precision.
 */
function finalMul(c: Cpu, y: F80, L: F80, rc: number, den: boolean): number {
  f80Mul(y, L, rc, 3, FR);
  const f = f80Status.flags;
  if (!(c.x87Ctl[X87_FCW] & UE) && (f & UE || (FR.exp === 0 && (FR.hi !== 0 || FR.lo !== 0))) && y.exp < 0x7ffe - 24576) {
    scaleUp(y, T5);
    f80Mul(T5, L, rc, 3, FR);
    return (den ? DE : 0) | PE | UE | (f80Status.flags & PE);
  }
  return approxFlags(FR, den, f);
}

/** o = v * 2^24576, exactly (v finite and small). */
function scaleUp(v: F80, o: F80): void {
  let h = v.hi, l = v.lo, e = v.exp;
  if (e === 0) {
    e = 1;
    const z = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
    if (z >= 32) { h = l << (z - 32); l = 0; } else if (z > 0) { h = (h << z) | (l >>> (32 - z)); l = l << z; }
    e -= z;
  }
  set(o, v.sign, e + 24576, h, l);
}

/** Unmasked underflow: a tiny result is delivered normalized with its exponent raised by 24576. */
function wrapTiny(c: Cpu, r: F80, fl: number): number {
  if ((c.x87Ctl[X87_FCW] & UE) || r.exp !== 0 || (r.hi === 0 && r.lo === 0)) return fl;
  let h = r.hi, l = r.lo, e = 1;
  const z = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
  if (z >= 32) { h = l << (z - 32); l = 0; } else if (z > 0) { h = (h << z) | (l >>> (32 - z)); l = l << z; }
  e -= z;
  set(r, r.sign, e + 24576, h, l);
  return fl | UE;
}

function setC2(c: Cpu, on: boolean): void {
  const k = c.x87Ctl;
  k[X87_FSW] = (k[X87_FSW] & ~(C1 | C2)) | (on ? C2 : 0);
}

/** Below 2^-68 the hardware's cosine is exactly 1 whatever the rounding (between 2^-70 and 2^-66 by observation). */
const COS_ONE = BIAS - 68;

/** |x| >= 2^63: the trigonometric instructions leave the operand and set C2. */
function outOfRange(x: F80): boolean { return x.exp >= BIAS + 63 && x.exp !== 0x7fff; }

/** fsin / fcos: kind 0 sin, 1 cos. */
function trig(kind: number) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const p = phys(c, 0);
    if (emptyP(c, p)) {
      c.x87Ctl[X87_FSW] &= ~C2;
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, p, FR);
      return;
    }
    loadP(c, p, FA);
    let fl = 0;
    if (special(FA)) { add(FA, FA, FR); fl = f80Status.flags; }
    else if (isInf(FA)) { setIndefinite(FR); fl = IE; }
    else if (outOfRange(FA)) { setC2(c, true); return; }
    else if (isZero(FA)) { if (kind === 0) f80Copy(FA, FR); else f80Copy(ONE, FR); }
    else if (kind === 1 && FA.exp < COS_ONE) { f80Copy(ONE, FR); fl = PE | (isDenormal(FA) ? DE : 0); } // as the hardware, whatever the rounding
    else {
      // on |x|: sin is odd, cos even
      const xs = FA.sign;
      FA.sign = 0;
      const q = reduce(FA, R);
      const useCos = ((q & 1) === 1) !== (kind === 1);
      const neg = (kind === 0 ? (q & 2) !== 0 : ((q + 1) & 2) !== 0) !== (kind === 0 && xs === 1);
      sinCosSeries(R, useCos, FR, rcMag(rcOf(c), neg));
      const f2 = f80Status.flags;
      if (neg) FR.sign ^= 1;
      FA.sign = xs;
      fl = wrapTiny(c, FR, approxFlags(FR, isDenormal(FA), f2));
    }
    setC2(c, false);
    if (!merge(c, i, -1, fl, false)) return;
    storeP(c, p, FR);
  };
}
op('D9 FE', 'fsin', '', trig(0));
op('D9 FF', 'fcos', '', trig(1));

/** fsincos (tan = false): ST(0) = sin, push cos. fptan: ST(0) = tan, push 1. */
function trigPush(tan: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const p = phys(c, 0);
    if (emptyP(c, p)) {
      c.x87Ctl[X87_FSW] &= ~C2;
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, p, FR);
      push(c, FR);
      return;
    }
    if (!emptySt(c, 7)) {
      c.x87Ctl[X87_FSW] &= ~C2;
      if (!stackFault(c, i, -1, true)) return;
      setIndefinite(FR);
      storeP(c, p, FR);
      push(c, FR);
      return;
    }
    loadP(c, p, FA);
    let fl = 0;
    if (special(FA)) { add(FA, FA, FR); f80Copy(FR, FR2); fl = f80Status.flags; }
    else if (isInf(FA)) { setIndefinite(FR); setIndefinite(FR2); fl = IE; }
    else if (outOfRange(FA)) { setC2(c, true); return; }
    else if (isZero(FA)) { f80Copy(FA, FR); f80Copy(ONE, FR2); }
    else {
      const xs = FA.sign;
      FA.sign = 0;
      const q = reduce(FA, R);
      FA.sign = xs;
      const rc = rcOf(c);
      // rotate by q quarter turns; sin and tan are odd, cos even
      const sNeg = ((q & 2) !== 0) !== (xs === 1), cNeg = ((q + 1) & 2) !== 0;
      let f2: number;
      if (tan) {
        sinCosSeries(R, false, S);
        sinCosSeries(R, true, CO);
        const sn = q & 1 ? CO : S, cs = q & 1 ? S : CO;
        f80Div(sn, cs, rcMag(rc, sNeg !== cNeg), 3, FR);
        f2 = f80Status.flags;
        if (sNeg !== cNeg) FR.sign ^= 1;
        f80Copy(ONE, FR2);
      } else {
        sinCosSeries(R, (q & 1) === 1, FR, rcMag(rc, sNeg));
        f2 = f80Status.flags;
        if (FA.exp < COS_ONE) f80Copy(ONE, FR2);
        else sinCosSeries(R, (q & 1) === 0, FR2, rcMag(rc, cNeg));
        if (sNeg) FR.sign ^= 1;
        if (cNeg) FR2.sign ^= 1;
      }
      fl = wrapTiny(c, FR, approxFlags(FR, isDenormal(FA), f2) | PE);
    }
    setC2(c, false);
    if (!merge(c, i, -1, fl, false)) return;
    storeP(c, p, FR);
    push(c, FR2);
  };
}
op('D9 FB', 'fsincos', '', trigPush(false));
op('D9 F2', 'fptan', '', trigPush(true));

/** Two-operand instructions on ST(1), ST(0) that store into ST(1) and pop. */
function binaryPop(fn: (x: F80, y: F80, rc: number, c: Cpu) => number) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const p0 = phys(c, 0), p1 = phys(c, 1);
    if (emptyP(c, p0) || emptyP(c, p1)) {
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, p1, FR);
      pop(c);
      return;
    }
    loadP(c, p0, FA);
    loadP(c, p1, FB);
    let fl: number;
    if (special(FA) || special(FB)) { f80Add(FB, FA, 0, 3, FR); fl = f80Status.flags; }
    else fl = wrapTiny(c, FR, fn(FA, FB, rcOf(c), c));
    if (!merge(c, i, -1, fl, false)) return;
    storeP(c, p1, FR);
    pop(c);
  };
}

/**
 * FR = k pi / 4 (k = 1, 2, 3, 4) with sign neg, correctly rounded with rc; returns PE
 * and C1 when rounded up (the 64-bit truncations of pi and 3 pi / 4 are both followed
 * by more than half an ulp).
 */
function piMultiple(k: number, neg: number, rc: number): number {
  const rm = rcMag(rc, neg === 1);
  const up = rm === 0 || rm === 2;
  if (k === 3) set(FR, neg, BIAS + 1, 0x96cbe3f9, 0x990e91a7 + (up ? 1 : 0));
  else set(FR, neg, BIAS + 1 - (k === 4 ? 0 : k === 2 ? 1 : 2), 0xc90fdaa2, 0x2168c234 + (up ? 1 : 0));
  return PE | (up ? C1 : 0);
}

// fpatan: ST(1) = atan2(ST(1), ST(0))
op('D9 F3', 'fpatan', '', binaryPop((x, y, rc, c) => {
  const den = isDenormal(x) || isDenormal(y);
  const xs = x.sign, ys = y.sign;
  const ax = AX, ay = AY;
  f80Copy(x, ax); ax.sign = 0;
  f80Copy(y, ay); ay.sign = 0;
  const dflag = den ? DE : 0;
  if (isZero(y)) {
    // atan2(+-0, +x) = +-0, atan2(+-0, -x) = +-pi
    if (xs) return piMultiple(4, ys, rc) | dflag;
    set(FR, ys, 0, 0, 0);
    return dflag;
  }
  if (isInf(x) || isInf(y)) {
    if (isInf(x) && isInf(y)) return piMultiple(xs ? 3 : 1, ys, rc) | dflag;
    if (isInf(y)) return piMultiple(2, ys, rc) | dflag;
    if (xs) return piMultiple(4, ys, rc) | dflag;
    set(FR, ys, 0, 0, 0);
    return dflag;
  }
  if (isZero(x)) return piMultiple(2, ys, rc) | dflag;
  // |y| <= |x|: atan(|y|/|x|), else pi/2 - atan(|x|/|y|)
  const swap = ay.exp > ax.exp || (ay.exp === ax.exp && (ay.hi > ax.hi || (ay.hi === ax.hi && ay.lo > ax.lo)));
  const t = TT;
  if (swap) div(ax, ay, t); else div(ay, ax, t);
  if (!swap && !xs && !(c.x87Ctl[X87_FCW] & UE) && t.exp === 0 && ay.exp < 0x7ffe - 24576) {
    // unmasked underflow: atan(t) = t, wrapped at full precision
    scaleUp(ay, T5);
    f80Div(T5, ax, rcMag(rc, ys === 1), 3, FR);
    FR.sign = ys;
    return (den ? DE : 0) | PE | UE;
  }
  const rm = rcMag(rc, ys === 1);
  atanUnit(t, FR, swap || xs ? 0 : rm);
  let f2 = f80Status.flags;
  if (swap) { f80Sub(PIO2, FR, xs ? 0 : rm, 3, FR); f2 = f80Status.flags; }
  if (xs) { f80Sub(PI, FR, rm, 3, FR); f2 = f80Status.flags; }
  FR.sign = ys;
  return approxFlags(FR, den, f2);
}));

// fyl2x: ST(1) = ST(1) * log2(ST(0))
op('D9 F1', 'fyl2x', '', binaryPop((x, y, rc, c) => {
  const den = isDenormal(x) || isDenormal(y);
  let fl = den ? DE : 0;
  if (x.sign && !isZero(x)) { setIndefinite(FR); return IE; }
  if (isZero(x)) {
    // (no DE for a denormal y here)
    if (isZero(y)) { setIndefinite(FR); return IE; }
    set(L, 1, 0x7fff, 0x80000000, 0);
    f80Mul(y, L, 0, 3, FR);
    return isInf(y) ? 0 : ZE;
  }
  if (isInf(x)) {
    if (isZero(y)) { setIndefinite(FR); return IE; }
    set(L, 0, 0x7fff, 0x80000000, 0);
    f80Mul(y, L, 0, 3, FR);
    return fl;
  }
  if (x.exp === BIAS && x.hi === 0x80000000 && x.lo === 0) {
    // log2(1) = +0
    if (isInf(y)) { setIndefinite(FR); return IE; }
    set(FR, y.sign, 0, 0, 0);
    return fl;
  }
  log2(x, L);
  if (isInf(y)) { set(FR, y.sign ^ L.sign, 0x7fff, 0x80000000, 0); return fl; }
  if (isZero(y)) { set(FR, y.sign ^ L.sign, 0, 0, 0); return fl; }
  return finalMul(c, y, L, rc, den);
}));

// fyl2xp1: ST(1) = ST(1) * log2(ST(0) + 1)
op('D9 F9', 'fyl2xp1', '', binaryPop((x, y, rc, c) => {
  const den = isDenormal(x) || isDenormal(y);
  if (isZero(x)) {
    if (isInf(y)) { setIndefinite(FR); return IE; }
    set(FR, x.sign ^ y.sign, 0, 0, 0);
    return den ? DE : 0;
  }
  if (isInf(x)) {
    if (x.sign) { setIndefinite(FR); return IE; }
    if (isZero(y)) { setIndefinite(FR); return IE; }
    set(L, 0, 0x7fff, 0x80000000, 0);
    f80Mul(y, L, 0, 3, FR);
    return den ? DE : 0;
  }
  if (isInf(y)) { set(FR, y.sign ^ x.sign, 0x7fff, 0x80000000, 0); return den ? DE : 0; }
  if (isZero(y)) { set(FR, y.sign ^ x.sign, 0, 0, 0); return den ? DE : 0; }
  if (x.exp < BIAS - 66) {
    // log2(1 + x) = x log2(e) to more than 64 bits; y log2(e) first, so that a
    // tiny x does not underflow an intermediate
    mul(y, L2E, T1);
    if (!(c.x87Ctl[X87_FCW] & UE)) {
      // unmasked underflow: compute the wrapped result directly when the true one is tiny
      const e = (T1.exp === 0 ? 1 : T1.exp) + (x.exp === 0 ? 1 : x.exp) - BIAS;
      if (e < 1) { scaleUp(x, T2); f80Mul(T1, T2, rc, 3, FR); return (den ? DE : 0) | PE | UE; }
    }
    f80Mul(T1, x, rc, 3, FR);
    return approxFlags(FR, den, f80Status.flags);
  }
  // log2(1 + x) = ln(1 + x) * log2(e); near 0 via the atanh series on m = 1 + x
  // computed as t = x / (2 + x), which keeps the precision of small x.
  const small = x.exp < BIAS - 1 || (x.exp === BIAS - 1 && x.hi < 0xb504f334);
  if (small) {
    set(T1, 0, BIAS + 1, 0x80000000, 0); // 2
    add(T1, x, T2);
    div(x, T2, T3); // t
    mul(T3, T3, T1);
    f80Copy(RECIP[31], T2);
    for (let k = 14; k >= 0; k--) { mul(T2, T1, T2); add(T2, RECIP[2 * k + 1], T2); }
    mul(T2, T3, T2);
    add(T2, T2, L);
    mul(L, L2E, L);
  } else {
    add(x, ONE, T1);
    if (T1.sign && !isZero(T1)) { setIndefinite(FR); return IE; }
    if (isZero(T1)) { set(L, 1, 0x7fff, 0x80000000, 0); f80Mul(y, L, 0, 3, FR); return ZE; }
    log2(T1, L);
  }
  if (isInf(y)) { set(FR, y.sign ^ L.sign, 0x7fff, 0x80000000, 0); return den ? DE : 0; }
  if (isZero(y)) { set(FR, y.sign ^ L.sign, 0, 0, 0); return den ? DE : 0; }
  return finalMul(c, y, L, rc, den);
}));

// f2xm1: ST(0) = 2^ST(0) - 1
op('D9 F0', 'f2xm1', '', unary((c) => {
  let fl = 0;
  if (special(FA)) { add(FA, FA, FR); fl = f80Status.flags; }
  else if (isZero(FA)) f80Copy(FA, FR);
  else if (isInf(FA)) { if (FA.sign) set(FR, 1, BIAS, 0x80000000, 0); else f80Copy(FA, FR); }
  else {
    const z = R;
    mul(FA, LN2, z);
    if (FA.exp < BIAS - 66) {
      // 2^x - 1 = x ln 2 to more than 64 bits
      const rc = rcOf(c);
      if (!(c.x87Ctl[X87_FCW] & UE) && FA.exp <= 1) {
        scaleUp(FA, T2);
        f80Mul(T2, LN2, rc, 3, FR);
        fl = (isDenormal(FA) ? DE : 0) | PE | UE;
      } else {
        f80Mul(FA, LN2, rc, 3, FR);
        fl = wrapTiny(c, FR, approxFlags(FR, isDenormal(FA), f80Status.flags));
      }
    } else if (z.exp >= BIAS) {
      // outside the documented domain: 2^x - 1 by halving then squaring
      const zz = S; f80Copy(z, zz);
      let n = 0;
      while (zz.exp >= BIAS - 1 && n < 40) { zz.exp--; n++; }
      expm1(zz, FR);
      for (let k = 0; k < n; k++) { add(FR, fromInt(2, T4), T5); mul(FR, T5, FR); }
      fl = approxFlags(FR, false, f80Status.flags);
    } else {
      expm1(z, FR, rcMag(rcOf(c), FA.sign === 1));
      fl = wrapTiny(c, FR, approxFlags(FR, isDenormal(FA), f80Status.flags));
    }
  }
  f80Status.flags = fl;
}));
