// The x87 transcendental instructions: fsin, fcos, fsincos, fptan, fpatan, f2xm1,
// fyl2x, fyl2xp1.
//
// Each result is computed the way the hardware was measured to compute it (src/cpu/
// trans/, docs/X87-TRANSCENDENTALS.md: its tables at 67 bits, its corrections cut
// or rounded at 67 bits, its series and minimax polynomials, its divider), in
// multi-precision (BigInt: these are rare, slow instructions), and rounded once with the
// control word's rounding control (precision control does not apply to them, as on the
// hardware), setting C1 when the rounding increased the magnitude and PE always. That
// reproduces 99.8-100% of its results bit for bit in the sweep of
// tests/native/x87/x87_trans.c; the rest are one ulp or C1 off, where the hardware's own
// arithmetic has noise that depends on the low bits of the operand. The range reduction
// of fsin/fcos/fsincos/fptan is exact by the hardware's 66-bit pi, as the hardware's is, so
// arguments near multiples of pi/2 and large arguments come out as the hardware's do.
// Special operands (zeros, infinities, NaNs, unsupported formats, |x| >= 2^63 for the
// trigonometric instructions, tiny arguments, f2xm1 outside -1..1, fyl2xp1 with x <= -1)
// behave as measured on the hardware.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { F80, f80Status, f80Add, f80Mul, f80Copy, f80IsNaN, f80IsUnsupported } from '../f80.js';
import { Big, piQuarters, fromF80, trig as mpTrig, atan2Hw, log2Hw, log2p1Hw,
  exp2m1 as mpExp2m1, bigMul, lowerBy, roundTo80, R_PE, R_C1, R_UE, R_OE } from '../f80-trans.js';
import { X87_FSW, X87_FCW } from '../fpstate.js';
import {
  IE, DE, ZE, OE, UE, PE, C1, C2, FA, FB, FR, FR2, rcOf,
  phys, emptyP, emptySt, loadP, storeP, setIndefinite, pop, push, fwait, noteIP, stackFault, merge, unary,
} from './x87-core.js';

const BIAS = 0x3fff;

function set(o: F80, sign: number, exp: number, hi: number, lo: number): F80 {
  o.sign = sign; o.exp = exp; o.hi = hi >>> 0; o.lo = lo >>> 0; return o;
}
const ONE = set(new F80(), 0, BIAS, 0x80000000, 0);
const L = new F80();

function isZero(v: F80): boolean { return v.exp === 0 && v.hi === 0 && v.lo === 0; }
function isInf(v: F80): boolean { return v.exp === 0x7fff && v.hi === 0x80000000 && v.lo === 0; }
function isDenormal(v: F80): boolean { return v.exp === 0 && !(v.hi === 0 && v.lo === 0); }
function special(v: F80): boolean { return f80IsNaN(v) || f80IsUnsupported(v); }
function add(a: F80, b: F80, o: F80): void { f80Add(a, b, 0, 3, o); }

/**
 * Round v into o with the control word's rounding; the exception flags (PE, UE, OE, C1)
 * and DE when an operand was denormal. Unmasked underflow/overflow deliver the result
 * with its exponent wrapped by 24576.
 */
function deliver(c: Cpu, v: Big, o: F80, den: boolean): number {
  const cw = c.x87Ctl[X87_FCW];
  const f = roundTo80(v, rcOf(c), o, !(cw & UE), !(cw & OE));
  return (den ? DE : 0) | (f & R_PE ? PE : 0) | (f & R_C1 ? C1 : 0) | (f & R_UE ? UE : 0) | (f & R_OE ? OE : 0);
}

/**
 * deliver() for a value the hardware computes approximately (cut to a few bits more than
 * the result has): inexact even when the cut value happens to fit the format.
 */
function deliverApprox(c: Cpu, v: Big, o: F80, den: boolean): number {
  const fl = deliver(c, v, o, den);
  return fl & PE ? fl : fl | PE | (o.exp === 0 && (o.hi !== 0 || o.lo !== 0) ? UE : 0);
}

// ---- the instructions ----------------------------------------------------------------------

function setC2(c: Cpu, on: boolean): void {
  const k = c.x87Ctl;
  k[X87_FSW] = (k[X87_FSW] & ~(C1 | C2)) | (on ? C2 : 0);
}

/**
 * Below 2^-68 the hardware does not evaluate: sin x = tan x = x and cos x = 1, inexact,
 * whatever the rounding.
 */
const TINY = BIAS - 68;

/** The result x for sin/tan of a tiny x: PE, and UE when denormal (DE for a denormal operand). */
function tinyResult(c: Cpu, x: F80, o: F80): number {
  let fl = deliver(c, fromF80(x), o, isDenormal(x)) | PE;
  if (o.exp === 0) fl |= UE;
  return fl;
}

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
    else if (FA.exp < TINY) {
      if (kind === 0) fl = tinyResult(c, FA, FR);
      else { f80Copy(ONE, FR); fl = PE | (isDenormal(FA) ? DE : 0); }
    } else fl = deliverApprox(c, mpTrig(fromF80(FA), kind), FR, isDenormal(FA)); // PE even when the value fits
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
      const x = fromF80(FA), den = isDenormal(FA);
      if (FA.exp < TINY) {
        fl = tinyResult(c, FA, FR);
        f80Copy(ONE, FR2);
      } else if (tan) {
        fl = deliverApprox(c, mpTrig(x, 2), FR, den);
        f80Copy(ONE, FR2);
      } else {
        const fs = deliverApprox(c, mpTrig(x, 3), FR, den);
        fl = deliverApprox(c, mpTrig(x, 4), FR2, den); // fsincos's own sine and cosine (kinds 3, 4)
        fl |= fs & ~C1;
      }
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
function binaryPop(fn: (c: Cpu, x: F80, y: F80) => number) {
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
    else fl = fn(c, FA, FB);
    if (!merge(c, i, -1, fl, false)) return;
    storeP(c, p1, FR);
    pop(c);
  };
}

/** FR = sign * k pi / 4, rounded. */
function piMultiple(c: Cpu, k: number, sign: number, den: boolean): number {
  return deliver(c, piQuarters(k, sign), FR, den);
}

// fpatan: ST(1) = atan2(ST(1), ST(0))
op('D9 F3', 'fpatan', '', binaryPop((c, x, y) => {
  const den = isDenormal(x) || isDenormal(y);
  const xs = x.sign, ys = y.sign;
  const dflag = den ? DE : 0;
  if (isZero(y)) {
    // atan2(+-0, +x) = +-0, atan2(+-0, -x) = +-pi
    if (xs) return piMultiple(c, 4, ys, den);
    set(FR, ys, 0, 0, 0);
    return dflag;
  }
  if (isInf(x) || isInf(y)) {
    if (isInf(x) && isInf(y)) return piMultiple(c, xs ? 3 : 1, ys, den);
    if (isInf(y)) return piMultiple(c, 2, ys, den);
    if (xs) return piMultiple(c, 4, ys, den);
    set(FR, ys, 0, 0, 0);
    return dflag;
  }
  if (isZero(x)) return piMultiple(c, 2, ys, den);
  return deliverApprox(c, atan2Hw(fromF80(y), fromF80(x)), FR, den);
}));

// fyl2x: ST(1) = ST(1) * log2(ST(0))
op('D9 F1', 'fyl2x', '', binaryPop((c, x, y) => {
  const den = isDenormal(x) || isDenormal(y);
  const fl = den ? DE : 0;
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
  // y times the hardware's logarithm (see log2Hw), rounded
  let lg = log2Hw(fromF80(x));
  if (isInf(y)) { set(FR, y.sign ^ lg.s, 0x7fff, 0x80000000, 0); return fl; }
  if (isZero(y)) { set(FR, y.sign ^ lg.s, 0, 0, 0); return fl; }
  // (exact when x is a power of two)
  const exact = lg.m === 0n || (lg.e >= 0 || (lg.m & ((1n << BigInt(-lg.e)) - 1n)) === 0n);
  // (then inexact all the same; for x < 1 the hardware's logarithm is a little short of -k)
  if (exact && lg.s) lg = lowerBy(lg, 1);
  return deliverApprox(c, bigMul(fromF80(y), lg), FR, den);
}));

// fyl2xp1: ST(1) = ST(1) * log2(ST(0) + 1)
op('D9 F9', 'fyl2xp1', '', binaryPop((c, x, y) => {
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
  // x <= -1 (log2 of zero or of a negative number): the hardware delivers x, inexact
  if (x.sign && x.exp >= BIAS) { f80Copy(x, FR); return PE | (den ? DE : 0); }
  return deliverApprox(c, bigMul(fromF80(y), log2p1Hw(fromF80(x))), FR, den);
}));

// f2xm1: ST(0) = 2^ST(0) - 1
op('D9 F0', 'f2xm1', '', unary((c) => {
  let fl = 0;
  if (special(FA)) { add(FA, FA, FR); fl = f80Status.flags; }
  else if (isZero(FA)) f80Copy(FA, FR);
  else if (isInf(FA)) { if (FA.sign) set(FR, 1, BIAS, 0x80000000, 0); else f80Copy(FA, FR); }
  else if (FA.exp >= BIAS) {
    // outside the domain -1 .. 1 the operand is left as it is; +-1 give exact 1 and -1/2,
    // but PE all the same
    if (FA.exp === BIAS && FA.hi === 0x80000000 && FA.lo === 0) {
      if (FA.sign) set(FR, 1, BIAS - 1, 0x80000000, 0); else f80Copy(ONE, FR);
    } else f80Copy(FA, FR);
    fl = PE;
  } else fl = deliverApprox(c, mpExp2m1(fromF80(FA)), FR, isDenormal(FA));
  f80Status.flags = fl;
}));
