// Multi-precision evaluation of the x87 transcendental functions (for
// src/cpu/ops/x87-trans.ts): sin, cos, tan after the hardware's range reduction, atan2,
// log2 x, log2(1 + x), 2^x - 1, each computed to about 160 bits, and the single rounding
// to the 64-bit significand with the rounding control. The hardware's result differs
// from the correctly rounded one only when the exact value lies within about a tenth of
// an ulp of a rounding boundary. Where the hardware's evaluation is known, that is
// modelled (docs/X87-TRANSCENDENTALS.md): sinCosTable (sin and cos of arguments
// 1/4 <= |r| < pi/4, reduced or not, with the measured error curve of its sin r and
// cos r - 1), cosSmall (fcos's cos r below 1/4, whose x^6 term is rounded to 2^-64),
// fptan of every operand (its sine and cosine cut to 67 bits, divided),
// exp2m1Table and exp2m1Series (f2xm1), atanSmall and atanTable (fpatan), log2p1Small
// (the logarithm near 1). The hardware's trigonometric result depends on the reduced
// argument r (exact, by its 66-bit pi/2) and the quadrant only, not on the size of the
// operand.
//
// Numbers are { s, m, e }: (-1)^s * m * 2^e with m a BigInt. These are rare, slow paths
// (one call per transcendental instruction), so BigInt is acceptable here; nothing else
// in the emulator uses this file.

import { F80 } from './f80.js';

const BIAS = 0x3fff;
/** Working precision in bits (mantissas are truncated to this many bits). */
const W = 160;

export class Big {
  constructor(public s: number, public m: bigint, public e: number) {}
}

function bitlen(m: bigint): number {
  // the float estimate of log2, corrected by one either way
  if (m === 0n) return 0;
  const d = Number(m);
  if (d === Infinity) {
    const h = m.toString(16);
    return (h.length - 1) * 4 + (32 - Math.clz32(parseInt(h[0], 16)));
  }
  let n = Math.floor(Math.log2(d)) + 1;
  // well inside a binade the estimate is right; near a power of two check it
  const r = d / 2 ** (n - 1);
  if (r > 1.000001 && r < 1.999999) return n;
  if (m >> BigInt(n - 1) === 0n) n--;
  else if (m >> BigInt(n) !== 0n) n++;
  return n;
}

/** Truncate the mantissa to W bits. */
function norm(a: Big): Big {
  if (a.m === 0n) return a;
  if (a.m < 0n) { a.m = -a.m; a.s ^= 1; }
  const n = bitlen(a.m);
  if (n > W) { a.m >>= BigInt(n - W); a.e += n - W; }
  return a;
}

export function big(s: number, m: bigint, e: number): Big { return norm(new Big(s, m, e)); }
const ZERO = new Big(0, 0n, 0);
function isZ(a: Big): boolean { return a.m === 0n; }
function neg(a: Big): Big { return new Big(a.s ^ 1, a.m, a.e); }
function mul(a: Big, b: Big): Big { return norm(new Big(a.s ^ b.s, a.m * b.m, a.e + b.e)); }
function div(a: Big, b: Big): Big {
  const sh = W + 2 + bitlen(b.m) - bitlen(a.m);
  return norm(new Big(a.s ^ b.s, (a.m << BigInt(sh)) / b.m, a.e - b.e - sh));
}
function add(a: Big, b: Big): Big {
  if (isZ(a)) return b;
  if (isZ(b)) return a;
  // the operand far below the other's precision only matters as a sticky bit
  const ta = a.e + bitlen(a.m), tb = b.e + bitlen(b.m);
  if (ta > tb + W + 8) return a;
  if (tb > ta + W + 8) return b;
  const e = Math.min(a.e, b.e);
  const am = a.m << BigInt(a.e - e), bm = b.m << BigInt(b.e - e);
  const v = (a.s ? -am : am) + (b.s ? -bm : bm);
  return norm(new Big(v < 0n ? 1 : 0, v < 0n ? -v : v, e));
}
function sub(a: Big, b: Big): Big { return add(a, neg(b)); }
function fromInt(n: number): Big { return big(n < 0 ? 1 : 0, BigInt(Math.abs(n)), 0); }
/** a * 2^k */
function scale(a: Big, k: number): Big { return new Big(a.s, a.m, a.e + k); }

const ONE = fromInt(1);
const PI = big(0, 0xc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22n, -254);
const PIO2 = scale(PI, -1);
const LN2 = big(0, 0xb17217f7d1cf79abc9e3b39803f2f6af40f343267298b62d8a0d175b8baafa2bn, -256);
const L2E = big(0, 0xb8aa3b295c17f0bbbe87fed0691d3e88eb577aa8dd695a588b25166cd1a13247n, -255);
/** The hardware's pi for range reduction: 66 bits, pi/2 = P66 * 2^-65. */
const P66 = (0xc90fdaa22168c234n << 2n) | 3n;

/** A finite nonzero 80-bit value (denormals and pseudo-denormals included). */
export function fromF80(v: F80): Big {
  const m = (BigInt(v.hi >>> 0) << 32n) | BigInt(v.lo >>> 0);
  return big(v.sign, m, (v.exp === 0 ? 1 : v.exp) - BIAS - 63);
}

/** log2 of |a| rounded down (the exponent of the leading bit); a nonzero. */
function ilog2(a: Big): number { return a.e + bitlen(a.m) - 1; }

/** sin r (r times the series in r^2) or cos r, for |r| <= pi/4. */
function sinCosR(r: Big, cosine: boolean): Big {
  makeConstants();
  const z = neg(mul(r, r));
  let sum = ZERO, p = ONE;
  for (let k = cosine ? 0 : 1; k < INV_FACT.length; k += 2) {
    const t = mul(p, INV_FACT[k]);
    sum = add(sum, t);
    if (ilog2(t) < -W - 8) break;
    p = mul(p, z);
    if (isZ(p)) break;
  }
  return cosine ? sum : mul(r, sum);
}
/**
 * 1/k!, 1/(2n+1) and sqrt 2: made at the first transcendental instruction, not at every
 * start of x64vm (they cost ~1.5 ms of multi-precision division).
 */
let INV_FACT: Big[] = [], INV_ODD: Big[] = [], SQRT2 = ZERO;
function makeConstants(): void {
  if (INV_FACT.length) return;
  for (let k = 0, f = 1n; k < 100; k++, f *= BigInt(k)) INV_FACT.push(div(ONE, big(0, f, 0)));
  for (let n = 0; n < 200; n++) INV_ODD.push(div(ONE, fromInt(2 * n + 1)));
  SQRT2 = sqrt(fromInt(2));
}

/**
 * Range reduction of finite x, |x| < 2^63, by the hardware's 66-bit pi/2: returns
 * [r, q] with x = q * pi66/2 + r, |r| <= pi66/4, q mod 4.
 */
export function reduce(x: Big): [Big, number] {
  if (ilog2(x) < -1) return [x, 0];
  // x = m 2^e with e >= -65 here
  const sh = x.e + 65;
  const X = sh >= 0 ? x.m << BigInt(sh) : x.m >> BigInt(-sh); // exact: x >= 1/2 has e >= -64 - W
  let q = X / P66, rem = X - q * P66;
  if (2n * rem > P66) { q += 1n; rem -= P66; }
  // low bits of sh < 0 (only when x has more than 64 significant bits): not for 80-bit inputs
  const r = big(x.s ^ (rem < 0n ? 1 : 0), rem < 0n ? -rem : rem, -65);
  let qm = Number(q & 3n);
  if (x.s) qm = (4 - qm) & 3;
  return [r, qm];
}


/**
 * sin (kind 0), cos (kind 1) or tan (kind 2) of x after the hardware's reduction; kinds 3
 * and 4 are fsincos's sine and cosine (whose cos r below 1/4 is not fcos's).
 */
export function trig(x: Big, kind: number): Big {
  const sincos = kind >= 3;
  if (sincos) kind -= 3;
  const [r, q] = reduce(x);
  if (isZ(r)) return trigReduced(r, q, kind);
  const e = ilog2(r);
  // sin r or cos r of a reduced argument 1/4 <= |r| < pi/4: the table evaluation
  // (docs/X87-TRANSCENDENTALS.md)
  if (kind !== 2 && e >= -2) {
    const c = usesCos(q, kind);
    let v = sinCosTable(r)[c ? 1 : 0];
    if (!c && r.s) v = neg(v);
    return negated(q, kind) ? neg(v) : v;
  }
  if (kind === 2) {
    // fptan: the sine and cosine of |r| (the table evaluation from 1/4 on, the exact sine
    // and fsincos's cosine below) cut toward zero to 67 bits, one divided by the other (-cos/sin in the odd
    // quadrants), the quotient rounded once (docs/X87-TRANSCENDENTALS.md, 5.)
    const a = new Big(0, r.m, r.e);
    const [s0, c0] = e >= -2 ? sinCosTable(a) : [sinCosR(a, false), e >= -5 ? cosSinCos(a) : sinCosR(a, true)];
    const sn = truncBits(s0, 67), cs = truncBits(c0, 67);
    const v = q & 1 ? neg(div(cs, sn)) : div(sn, cs);
    return r.s ? neg(v) : v;
  }
  // fcos's cos r (and fsin's in the odd quadrants) of 1/8 <= |r| < 1/4 has a rounded x^6
  // term (cosSmall); fsincos's (kinds 3, 4) does not
  if (!sincos && usesCos(q, kind) && e <= -3 && e >= -5 && Number(r.m) * 2 ** r.e >= COS_SAW_FROM) {
    const v = cosSmall(r);
    return negated(q, kind) ? neg(v) : v;
  }
  // fsincos's cos r: the whole bracket (cos r - 1)/r^2 rounded to 2^-65 (cosSinCos)
  if (sincos && usesCos(q, kind) && e <= -3 && e >= -5) {
    const v = cosSinCos(r);
    return negated(q, kind) ? neg(v) : v;
  }
  // below 1/4 the exact value (the hardware's is within about 1/100 ulp of it)
  return trigReduced(r, q, kind);
}

/** a rounded to nearest (ties to even) at a multiple of 2^-bits. */
function roundFixed(a: Big, bits: number): Big {
  const sh = -(a.e + bits);
  if (sh <= 0 || isZ(a)) return a;
  const d = BigInt(sh);
  let m = a.m >> d;
  const rem = a.m - (m << d), half = 1n << (d - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  return big(a.s, m, -bits);
}

/*
 * fsincos's cos r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.1): cos r - 1 = z B,
 * z = r^2, with B = -1/2 + z/24 - ... rounded to nearest at 65 fractional bits, plus one
 * unit of the sum's 67th bit, rounded to 67 bits.
 */
function cosSinCos(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const z = mul(a, a);
  const cm1 = sub(sinCosR(a, true), ONE);
  const b = roundFixed(div(cm1, z), SINCOS_B_BITS);
  const pre = mul(z, b);
  return add(ONE, roundBits(add(pre, new Big(0, 1n, ilog2(pre) - 66)), 67));
}
const SINCOS_B_BITS = 65;

/*
 * fcos below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.1): cos r - 1 = -z (1/2 + Q) + z^2 (...),
 * z = r^2, where Q = z^2/720 + z^4/10! + ... (the odd terms) is rounded to a fixed point of
 * 64 fractional bits before it is multiplied by z: the result has a sawtooth error of
 * z 2^-64 whose teeth are where 2^64 Q crosses a half. The hardware's coefficients are not
 * the Taylor ones: COS_PHASE is the measured difference (in periods of the sawtooth, a
 * polynomial in dz = z/z0 - 1, z0 = (15/64)^2), from the positions of the teeth over
 * [1/8, 1/4). COS_DELTA: a constant offset of the sum, in units of its 67th bit.
 */
const COS_PHASE = [0.143225238, -172.038100, -235.129774, -149.055060, -37.2762798];
const COS_Z0 = (15 / 64) ** 2;
const COS_DELTA = 1.5;
/** where COS_PHASE is measured from (|r| >= this) */
const COS_SAW_FROM = 0.03125;
const FACT10 = 3628800n;

/** The fractional part of m^k 2^s / d (s < 0) as a float. */
function fracOf(m: bigint, k: number, s: number, d: bigint): number {
  let n = m ** BigInt(k);
  let den = d;
  if (s >= 0) n <<= BigInt(s); else den <<= BigInt(-s);
  const rem = n % den;
  // rem / den to double precision
  const sh = bitlen(den) - 60;
  return sh > 0 ? Number(rem >> BigInt(sh)) / Number(den >> BigInt(sh)) : Number(rem) / Number(den);
}

function cosSmall(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const cm1 = sub(sinCosR(a, true), ONE);
  // 2^64 Q mod 1 with Q = z^2/720 + z^4/10!, z = a^2 = m^2 2^2e
  const f = fracOf(a.m, 4, 4 * a.e + 64, 720n) + fracOf(a.m, 8, 8 * a.e + 64, FACT10);
  const zf = (Number(a.m) * 2 ** a.e) ** 2;
  const dz = zf / COS_Z0 - 1;
  let ph = 0;
  for (let i = COS_PHASE.length - 1; i >= 0; i--) ph = ph * dz + COS_PHASE[i];
  let v = f + ph;
  v -= Math.round(v);
  const z = mul(a, a);
  const w = new Big(v < 0 ? 1 : 0, BigInt(Math.round(Math.abs(v) * 2 ** 40)), -40 - 64);
  const ec = ilog2(cm1);
  const pre = add(add(cm1, mul(z, w)), new Big(0, BigInt(Math.round(COS_DELTA * 1024)), ec - 66 - 10));
  return add(ONE, roundBits(pre, 67));
}

/*
 * The hardware's sine of an argument 1/4 <= |x| < pi/4 (an operand, or the reduced one of
 * a larger operand), as far as it is known
 * (docs/X87-TRANSCENDENTALS.md has the measurements behind each step):
 *  - each quarter of a binade, [1/4, 5/16), [5/16, 3/8), ..., [3/4, 7/8), has a table
 *    point t at its middle (9/32, 11/32, ..., 13/16) with S = sin t and C = cos t rounded
 *    to nearest at 67 bits (the results of x = t + tiny are S's rounding error exactly);
 *  - r = x - t is exact; sin r is rounded to nearest at 64 bits (the rounding steps of the
 *    result double where sin r, not r, crosses a power of two);
 *  - sin x = S + c, c = C sin r + S (cos r - 1) formed at 67 bits: the product C sin r cut
 *    toward zero to 67 bits, the sum rounded to nearest at 67 bits (the results that are
 *    exact 64-bit values, PE set, come at the rate 2^(67 - 64) ulp(c) / ulp(result) this
 *    predicts: 1/64 at x = 1/2, 1/128 at 3/4, 1/256 at 17/32, none at the table points);
 *  - S + c is rounded once by the rounding control.
 * This reproduces 98% of random operands in the range under every rounding (the bias
 * table: 97.6%); the rest is an error of about one unit of c's 67th bit that depends on
 * the bits of sin r (few-bit sin r halve it: the multiplier's own truncation?).
 */
const SIN_TABLE = new Map<number, [Big, Big]>();

/** a rounded to nearest (ties to even) at `bits` significant bits. */
function roundBits(a: Big, bits: number): Big {
  if (isZ(a)) return a;
  const n = bitlen(a.m);
  if (n <= bits) return a;
  const drop = BigInt(n - bits);
  let m = a.m >> drop;
  const rem = a.m - (m << drop), half = 1n << (drop - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  return big(a.s, m, a.e + n - bits);
}


/**
 * sin |x| and cos x before their final rounding, 1/4 <= |x| < pi/4: S + c as above, and
 * cos the same way, C + c' with c' = RN67(RZ67(-S sin r) + C (cos r - 1)) (the hardware's
 * fcos is not this exactly: docs/X87-TRANSCENDENTALS.md; fptan divides the two, each cut
 * to 67 bits).
 */
function sinCosTable(x: Big): [Big, Big] {
  const ax = new Big(0, x.m, x.e);
  const e = ilog2(ax); // -2 or -1
  // the table point: the top three bits of |x| and a one after them
  const top = e - 2 - x.e >= 0 ? x.m >> BigInt(e - 2 - x.e) : x.m << BigInt(x.e - e + 2);
  const key = Number(top) * 2 ** (e - 2) + 2 ** (e - 3);
  let sc = SIN_TABLE.get(key);
  const t = big(0, (top << 1n) | 1n, e - 3);
  if (!sc) {
    sc = [roundBits(sinCosR(t, false), 67), roundBits(sinCosR(t, true), 67)];
    SIN_TABLE.set(key, sc);
  }
  const [S, C] = sc;
  const r = sub(ax, t);
  if (isZ(r)) return [S, C];
  const sr = roundBits(sinCosR(r, false), 64);
  const cm1 = sub(sinCosR(r, true), ONE);
  // the errors of the hardware's sin r and cos r - 1 (POLY_ERR), weighted as the
  // correction weights the two
  const [odd, even] = polyErr(Number(r.m) * 2 ** r.e * (r.s ? -1 : 1), e === -2);
  const Sf = Number(S.m) * 2 ** S.e, Cf = Number(C.m) * 2 ** C.e;
  const sn = add(S, roundBits(add(add(truncBits(mul(C, sr), 67), mul(S, cm1)), ulp71(Cf * odd + Sf * even)), 67));
  const cs = add(C, roundBits(add(add(truncBits(neg(mul(S, sr)), 67), mul(C, cm1)), ulp71(Cf * even - Sf * odd)), 67));
  return [sn, cs];
}

/*
 * The hardware's sin r and cos r - 1 of the table evaluation (r = x - t, |r| <= 1/16) are
 * not exact: its correction behaves as C (sin r + e_s(r)) + S (cos r - 1 + e_c(r)), e_s odd
 * and e_c even in r, a few units of 2^-71 that oscillate with r (a polynomial's error
 * curve). POLY_ERR is the measured shift of the correction at t = 11/16 (S0 = sin t,
 * C0 = cos t), POLY_ERR_LO at t = 11/32 for the binade [1/4, 1/2) (whose odd part is
 * larger than C/C0 predicts): [r in 512ths, shift in 1/1000 of 2^-71], each the constant
 * that fits a window of 800 consecutive operands at t + r (docs/X87-TRANSCENDENTALS.md,
 * 5.4); between the points it is interpolated linearly, beyond them held.
 * e_c(r) = (shift(r) + shift(-r)) / 2 S0, e_s(r) = (shift(r) - shift(-r)) / 2 C0.
 */
const POLY_ERR_LO: ReadonlyArray<readonly [number, number]> = [
  [-15, 92], [-11, 648], [-9, 800], [-7, 586], [-5, 430], [-3, 188], [-1, 14], [3, 56],
  [5, 171], [7, 312], [9, 272], [11, 170], [13, -100], [15, -430],
];
const POLY_S0_LO = 0.33702006902225307, POLY_C0_LO = 0.9414974631278811;
const POLY_ERR: ReadonlyArray<readonly [number, number]> = [
  [-31, -535], [-29, 375], [-27, 1300], [-25, 1255], [-23, 625], [-21, -130], [-19, -762],
  [-17, -597], [-13, 507], [-11, 1070], [-9, 969], [-7, 951], [-5, 500], [-3, 368], [1, -2],
  [3, 165], [5, 494], [7, 711], [9, 852], [11, 512], [13, 65], [15, -622], [17, -1055],
  [19, -1318], [21, -790], [23, -405], [25, 240], [27, 355], [29, -490], [31, -1385],
];
const POLY_S0 = 0.6346070800152693, POLY_C0 = 0.7728349461524715;

function polyShift(r: number, P: ReadonlyArray<readonly [number, number]>): number {
  const k = r * 512;
  if (k <= P[0][0]) return P[0][1];
  for (let i = 1; i < P.length; i++) {
    if (k <= P[i][0]) return P[i - 1][1] + (P[i][1] - P[i - 1][1]) * (k - P[i - 1][0]) / (P[i][0] - P[i - 1][0]);
  }
  return P[P.length - 1][1];
}

/** [e_s(r) / 2^-71, e_c(r) / 2^-71] (lo: the binade [1/4, 1/2)) */
function polyErr(r: number, lo: boolean): [number, number] {
  const P = lo ? POLY_ERR_LO : POLY_ERR;
  const a = polyShift(r, P), b = polyShift(-r, P);
  return [(a - b) / 2 / 1000 / (lo ? POLY_C0_LO : POLY_C0), (a + b) / 2 / 1000 / (lo ? POLY_S0_LO : POLY_S0)];
}

/** v units of 2^-71 (v a float) as a Big, to 2^-91. */
function ulp71(v: number): Big {
  const m = Math.round(Math.abs(v) * 2 ** 20);
  return m === 0 ? ZERO : new Big(v < 0 ? 1 : 0, BigInt(m), -91);
}

function trailingZeros(m: bigint): number {
  let n = 0;
  while (m > 0n && (m & 0xffffffffn) === 0n) { m >>= 32n; n += 32; }
  while (m > 0n && (m & 1n) === 0n) { m >>= 1n; n++; }
  return n;
}


/** The exact sin/cos/tan of x after the hardware's reduction (no bias; for analysis). */
export function trigExact(x: Big, kind: number): Big {
  const [r, q] = reduce(x);
  return trigReduced(r, q, kind);
}

function trigReduced(r: Big, q: number, kind: number): Big {
  if (isZ(r)) {
    // x is a multiple of the hardware's pi/2 (only 0 for 80-bit inputs)
    return kind === 1 ? (q & 1 ? ZERO : big(q & 2 ? 1 : 0, 1n, 0)) : ZERO;
  }
  if (kind === 2) {
    const s = sinCosR(r, false), c = sinCosR(r, true);
    return q & 1 ? neg(div(c, s)) : div(s, c);
  }
  const v = sinCosR(r, usesCos(q, kind));
  return negated(q, kind) ? neg(v) : v;
}

/** sin (kind 0) or cos (kind 1) of q pi/2 + r is +-cos r (true) or +-sin r (false)... */
function usesCos(q: number, kind: number): boolean { return ((q & 1) === 1) !== (kind === 1); }
/** ...negated when this is true */
function negated(q: number, kind: number): boolean { return kind === 0 ? (q & 2) !== 0 : ((q + 1) & 2) !== 0; }

/** atan(t) for t >= 0. */
function atanPos(t: Big): Big {
  makeConstants();
  if (isZ(t)) return t;
  if (ilog2(t) >= 0 && !(t.m === 1n << BigInt(bitlen(t.m) - 1) && ilog2(t) === 0)) {
    // t > 1 (t = 1 exactly goes below): pi/2 - atan(1/t)
    return sub(PIO2, atanPos(div(ONE, t)));
  }
  // halve the argument while it is not small: atan t = 2 atan(t / (1 + sqrt(1 + t^2)))
  let k = 0;
  while (ilog2(t) >= -4) {
    t = div(t, add(ONE, sqrt(add(ONE, mul(t, t)))));
    k++;
  }
  const z = neg(mul(t, t));
  let sum = ZERO, p = ONE;
  for (let n = 0; n < 200; n++) {
    const tt = n < INV_ODD.length ? mul(p, INV_ODD[n]) : div(p, fromInt(2 * n + 1));
    sum = add(sum, tt);
    if (ilog2(tt) < -W - 8) break;
    p = mul(p, z);
    if (isZ(p)) break;
  }
  return scale(mul(t, sum), k);
}

function sqrt(a: Big): Big {
  // a > 0: isqrt of the mantissa shifted to an even exponent with 2W bits
  let sh = 2 * W + 4 - bitlen(a.m);
  if ((a.e - sh) & 1) sh++;
  const M = a.m << BigInt(sh);
  let x = 1n << BigInt(Math.ceil(bitlen(M) / 2) + 1);
  for (;;) {
    const y = (x + M / x) >> 1n;
    if (y >= x) break;
    x = y;
  }
  return big(0, x, (a.e - sh) / 2);
}

/** atan2(y, x) for finite nonzero y and x (the quadrant from the signs, as fpatan). */
export function atan2(y: Big, x: Big): Big {
  const ay = new Big(0, y.m, y.e), ax = new Big(0, x.m, x.e);
  let r: Big;
  const swap = ilog2(ay) > ilog2(ax) || (ilog2(ay) === ilog2(ax) && cmpMag(ay, ax) > 0);
  if (!swap) {
    r = atanPos(div(ay, ax));
    if (x.s) r = sub(PI, r);
  } else {
    r = atanPos(div(ax, ay));
    r = x.s ? add(PIO2, r) : sub(PIO2, r);
  }
  if (y.s) r = neg(r);
  return r;
}

/*
 * atan t for a quotient t = |y/x| < 3/64, as the hardware's fpatan computes it
 * (docs/X87-TRANSCENDENTALS.md, 4.6): the quotient cut toward zero to 67 bits, plus, from
 * 2^-40 on, the rest of the series (atan t - t, exact); atan2 takes pi - that for x < 0,
 * and pi/2 -+ that of t = |x/y| for |y| > |x|, pi and pi/2 cut to 67 bits. Rounded once
 * (below 2^-40 the result for x > 0 is that 67-bit quotient rounded).
 */
function atanSmall(t: Big): Big {
  const v = truncBits(t, 67);
  return ilog2(t) >= -40 ? add(v, sub(atanPos(t), t)) : v;
}

/*
 * atan2 of quotients t = |y/x| (or |x/y| when |y| > |x|) from 3/64 to 1 as the hardware's
 * fpatan computes it (docs/X87-TRANSCENDENTALS.md, 4.6): from the table point p nearest t of
 * the multiples of 1/32 from 1/16 (no result is a 64-bit value near them), with C = atan p rounded to
 * nearest at 67 bits and d = (t - p) / (1 + t p) formed from the operands,
 * c = atan d rounded to nearest at 67 bits of d cut toward zero to 67 bits; then, with
 * cut(c) = c cut toward minus infinity to the 67th bit of C and pi, pi/2 cut to 67 bits:
 *   x > 0, |y| <= |x|: C + c           x < 0, |y| <= |x|: PI - (C + cut(c))
 *   x > 0, |y| >  |x|: PI/2 - (C + cut(c))    x < 0, |y| > |x|: PI/2 + C + cut(c)
 * rounded once. This misses 0.05-0.4% of random operands of each kind (the bias model
 * 1.4-10%); near 1 (p = 1, d < 2^-7) none of 600-2,000 of each.
 */
const PI_67 = truncBits(PI, 67);
const PIO2_67 = truncBits(PIO2, 67);
const ATAN_TABLE = new Map<number, Big>();
/** The series up to here, the table from here (3/64: halfway to the first point used, 1/16). */
const ATAN_TABLE_FROM = big(0, 3n, -6);

function atanTable(small: Big, large: Big, t: Big, xNeg: number, swap: boolean): Big {
  const k = Math.round(Number(t.m) * 2 ** (t.e + 5)); // 2..32
  const p = big(0, BigInt(k), -5);
  let C = ATAN_TABLE.get(k);
  if (!C) { C = roundBits(atanPos(p), 67); ATAN_TABLE.set(k, C); }
  const d = div(sub(small, mul(p, large)), add(large, mul(p, small)));
  let c = ZERO;
  if (!isZ(d)) {
    c = roundBits(atanPos(truncBits(new Big(0, d.m, d.e), 67)), 67);
    if (d.s) c = neg(c);
  }
  if (!xNeg && !swap) return add(C, c);
  const v = add(C, floorTo(c, ilog2(C) - 66));
  return swap ? (xNeg ? add(PIO2_67, v) : sub(PIO2_67, v)) : sub(PI_67, v);
}

/** atan2 as the hardware computes it before rounding: atanSmall or atanTable. */
export function atan2Hw(y: Big, x: Big): Big {
  const ay = new Big(0, y.m, y.e), ax = new Big(0, x.m, x.e);
  const swap = cmpMag(ay, ax) > 0;
  const t = swap ? div(ax, ay) : div(ay, ax);
  let hw: Big;
  if (cmpMag(t, ATAN_TABLE_FROM) < 0) {
    // a small quotient: its series, taken from pi or pi/2 cut to 67 bits
    const a = atanSmall(t);
    hw = swap ? (x.s ? add(PIO2_67, a) : sub(PIO2_67, a)) : x.s ? sub(PI_67, a) : a;
  } else hw = swap ? atanTable(ax, ay, t, x.s, swap) : atanTable(ay, ax, t, x.s, swap);
  return y.s ? neg(hw) : hw;
}

function cmpMag(a: Big, b: Big): number {
  const e = Math.min(a.e, b.e);
  const am = a.m << BigInt(a.e - e), bm = b.m << BigInt(b.e - e);
  return am < bm ? -1 : am > bm ? 1 : 0;
}

/** 2 atanh(s) / ln 2 = log2((1 + s) / (1 - s)). */
function log2Atanh(s: Big): Big {
  makeConstants();
  if (isZ(s)) return s;
  const z = mul(s, s);
  let sum = ZERO, p = ONE;
  for (let n = 0; n < 3000; n++) {
    const tt = n < INV_ODD.length ? mul(p, INV_ODD[n]) : div(p, fromInt(2 * n + 1));
    sum = add(sum, tt);
    if (ilog2(tt) < -W - 8) break;
    p = mul(p, z);
    if (isZ(p)) break;
  }
  return scale(mul(mul(s, sum), L2E), 1);
}

/** log2(x) for x > 0 (exact when x is a power of two). */
export function log2(x: Big): Big {
  makeConstants();
  // x = m 2^e = M 2^E with M in [sqrt(1/2), sqrt(2))
  const n = bitlen(x.m);
  let E = x.e + n - 1;
  let M = new Big(0, x.m, -(n - 1)); // in [1, 2)
  // compare with sqrt 2 = 1.0110101000001...
  if (cmpMag(M, SQRT2) >= 0) { M = scale(M, -1); E++; }
  // log2 M = 2 atanh((M - 1)/(M + 1)) / ln 2; M - 1 is exact
  const L = log2Atanh(div(sub(M, ONE), add(M, ONE)));
  return add(fromInt(E), L);
}

/*
 * The hardware's logarithms (fyl2x, fyl2xp1) before the multiplication by y: a 67-bit
 * value. fyl2x of x in [1/2, 2) gives the same value as fyl2xp1 of x - 1 (and is computed
 * so here), and for |x| < 1/8 it is log2p1Small's model
 * (docs/X87-TRANSCENDENTALS.md 4.5). Elsewhere, of magnitude 1/4 or more, the exact value
 * cut toward zero to 67 significant bits (which reproduces all but 0.3% of its roundings);
 * below that a little short of the exact value, by about 1/8 ulp of the logarithm, and
 * noisy.
 */

/** log2(x) as the hardware computes it for fyl2x, x > 0. */
export function log2Hw(x: Big): Big {
  const e = ilog2(x);
  if (e === -1 || e === 0) {
    const d = sub(x, ONE);
    if (!isZ(d)) return log2p1Hw(d);
  }
  // x = m 2^e, 9/8 < m < 2: e + the table's log2 m, cut once (docs 4.5.1)
  const m = new Big(0, x.m, x.e - e), u = sub(m, ONE);
  if (!isZ(u) && ilog2(u) >= -3 && !(ilog2(u) === -3 && (u.m & (u.m - 1n)) === 0n)) {
    return truncBits(add(fromInt(e), log2TableSum(u)), 67);
  }
  const l = log2(x);
  if (isZ(l) || ilog2(l) >= -2) return truncBits(l, 67);
  return lowerBy(l, 35);
}

/** log2(1 + x) as the hardware computes it for fyl2xp1, x > -1. */
export function log2p1Hw(x: Big): Big {
  if (isZ(x)) return x;
  // |x| <= 1/8 (1/8 itself too, pinned): the series; up to 1 (down to -1/2): the table
  const e = ilog2(x), eighth = e === -3 && (x.m & (x.m - 1n)) === 0n;
  if (e < -3 || eighth) return log2p1Small(x);
  if (e < -1 || (e === -1 && !x.s)) return log2Table(x);
  return truncBits(log2p1(x), 67);
}

/** a / b rounded to nearest (ties to even) at 64 significant bits; exact. */
function divRound64(a: Big, b: Big): Big {
  const sh = 66 + bitlen(b.m) - bitlen(a.m);
  const num = sh >= 0 ? a.m << BigInt(sh) : a.m;
  const den = sh >= 0 ? b.m : b.m << BigInt(-sh);
  const q = num / den, r = num - q * den;
  const n = bitlen(q), drop = BigInt(n - 64);
  let m = q >> drop;
  const rem = q - (m << drop), half = 1n << (drop - 1n);
  if (rem > half || (rem === half && (r !== 0n || (m & 1n) === 1n))) m += 1n;
  return big(a.s ^ b.s, m, a.e - b.e - sh + n - 64);
}

/** K67 ln 2: log2Atanh (which has 1/ln 2 at W bits) times it gives 2 K67 atanh(s). */
let K67_LN2_: Big | null = null;
const K67_LN2_get = (): Big => (K67_LN2_ ??= mul(K67, LN2));

/** log2 of the table points (below). */
const LOG_TABLE = new Map<number, Big>();

/*
 * log2(1 + x) for 1/8 <= |x| < 1 (x > -1/2) as the hardware computes it
 * (docs/X87-TRANSCENDENTALS.md 4.5.1): y = 1 + x (exact), the table point p the middle of
 * y's step of 1/32 (y > 1) or 1/64 (y < 1), s = (y - p) / (y + p) with y + p rounded to
 * nearest at 64 bits and the quotient rounded to nearest at 64 bits (a 64-bit division),
 * c = 2 K atanh(s) (K = 1/ln 2 rounded up to 67 bits) rounded to nearest at 64 bits, then
 * log2 p + c cut to 67 bits (96.7% of 22,156 pinned operands; with atanhError's fitted
 * correction of c before its rounding 98.7%, and of another 3,651, 97.0% -> 98.7%).
 */
function log2Table(x: Big): Big {
  return truncBits(log2TableSum(x), 67);
}

/** log2Table's log2 p + c before the cut. */
function log2TableSum(x: Big): Big {
  const y = add(ONE, x);
  // the step: k/64 from 1 (y < 1: p = 1 - (k + 1/2)/64; y > 1: p = 1 + (k + 1/2)/32)
  const below = x.s === 1;
  const steps = below ? 64 : 32;
  const ax = new Big(0, x.m, x.e);
  // k = floor(|x| * steps); below 1, ceil(|x| * steps) - 1: a step's lower edge belongs to
  // it on both sides (y = 27/32 and 55/64 pinned to the point above them)
  const sh = x.e + Math.log2(steps);
  let k = Number(sh >= 0 ? ax.m << BigInt(sh) : ax.m >> BigInt(-sh));
  if (below && (sh >= 0 || (ax.m & ((1n << BigInt(-sh)) - 1n)) === 0n)) k -= 1;
  const key = below ? -k - 1 : k;
  const p = below ? big(0, BigInt(128 - 2 * k - 1), -7) : big(0, BigInt(64 + 2 * k + 1), -6);
  let T = LOG_TABLE.get(key);
  if (!T) { T = log2(p); LOG_TABLE.set(key, T); }
  const s = divRound64(sub(y, p), roundBits(add(y, p), 64));
  // c = 2 K atanh(s), K = 1/ln 2 rounded up to 67 bits (as log2p1Small's), plus the
  // evaluation's own error, rounded to 64 bits
  const c = roundBits(add(mul(log2Atanh(s), K67_LN2_get()), atanhError(s)), 64);
  return add(T, c);
}

/**
 * The error of the hardware's evaluation of 2 K atanh(s) in log2Table before its 64-bit
 * rounding, fitted (docs/X87-TRANSCENDENTALS.md 4.5.1: a linear program over the 4,526 of
 * 22,156 pinned operands whose L tells which way c was rounded): with S = s 2^7,
 * (0.8945 S + 12.5986 S^3 - 67.8760 S^5 + 64.8008 S^7) 2^-72 (up to 1.2 2^-72 for
 * |S| < 1), an odd polynomial like a minimax polynomial's deviation from the series.
 */
const ATANH_ERR = [916n, 12901n, -69505n, 66356n]; // times 2^-10, for S, S^3, S^5, S^7
function atanhError(s: Big): Big {
  const s2 = mul(s, s);
  let sum = ZERO, p = s;
  for (let i = 0; i < ATANH_ERR.length; i++) {
    const a = ATANH_ERR[i];
    // a 2^-10 S^(2i+1) 2^-72, S^(2i+1) = s^(2i+1) 2^(7 (2i+1))
    sum = add(sum, scale(mul(big(a < 0n ? 1 : 0, a < 0n ? -a : a, 0), p), 7 * (2 * i + 1) - 82));
    p = mul(p, s2);
  }
  return sum;
}

/** 1/ln 2 rounded up to 67 significant bits: the hardware's constant. */
const K67 = new Big(0, 0x2e2a8eca5705fc2efn, -65);

/** a floored (toward minus infinity) to a multiple of 2^g; exact. */
function floorTo(a: Big, g: number): Big {
  if (isZ(a) || a.e >= g) return a;
  const sh = BigInt(g - a.e);
  let q = a.m >> sh;
  if (a.s && (q << sh) !== a.m) q += 1n;
  return new Big(a.s, q, g);
}

/** The exact product (no cut to W bits). */
function mulExact(a: Big, b: Big): Big { return new Big(a.s ^ b.s, a.m * b.m, a.e + b.e); }

/**
 * log2(1 + x) for 0 < |x| < 1/8 as the hardware computes it (docs/X87-TRANSCENDENTALS.md
 * 4.5: every one of ~4,000 operands from 2^-100 to 2^-9 pinned to its 67 bits, 96% from
 * 2^-8 to 2^-4). With K = 1/ln 2 rounded up to 67 bits, t = 1 + x cut to 66 significant
 * bits, minus 1 (x floored to a multiple of 2^-65, or of 2^-66 for x < 0), and
 * s = x / (2 + t):
 *   log2(1 + x) = 2K atanh s = K x - K s t + 2K (s^3/3 + s^5/5 + ...)
 * (2s = x - s t), the three terms each floored, in the magnitude's direction, to a multiple
 * of the result's 67th bit, their sum cut to 67 bits. Below 2^-66, x K cut to 67 bits.
 */
function log2p1Small(x: Big): Big {
  const ax = new Big(0, x.m, x.e);
  const A = mulExact(ax, K67);
  if (ilog2(x) < -66) { const a = truncBits(A, 67); return new Big(x.s, a.m, a.e); }
  const t = floorTo(x, x.s ? -66 : -65);
  const s = div(ax, add(fromInt(2), t)); // |s|
  // K |s| |t|: subtracted from the magnitude for x > 0, added for x < 0
  const B = mul(mul(K67, s), new Big(x.s ? 0 : 1, t.m, t.e));
  // 2K (s^3/3 + s^5/5 + ...), |s| <= 1/16
  makeConstants();
  const s2 = mul(s, s);
  let sum = ZERO, p = s2;
  for (let n = 1; n < INV_ODD.length; n++) {
    const term = mul(p, INV_ODD[n]);
    sum = add(sum, term);
    if (ilog2(term) < -W - 8) break;
    p = mul(p, s2);
  }
  const C = scale(mul(mul(K67, s), sum), 1);
  const e = ilog2(add(add(A, B), C)) - 66;
  const m = truncBits(add(add(A, floorTo(B, e)), floorTo(C, e)), 67);
  return new Big(x.s, m.m, m.e);
}

/** log2(1 + x) for x > -1. */
export function log2p1(x: Big): Big {
  if (ilog2(x) < -1) return log2Atanh(div(x, add(fromInt(2), x)));
  return log2(add(ONE, x));
}

/**
 * 2^x - 1 for |x| < 1 as the hardware's f2xm1 computes it before its final rounding (the
 * instruction leaves larger operands as they are): the series below 1/4, the table
 * evaluation from 1/4 on (exp2m1Exact is the exact value).
 */
export function exp2m1(x: Big): Big {
  if (isZ(x)) return x;
  if (ilog2(x) >= -2) return exp2m1Table(x);
  return exp2m1Series(x);
}

/*
 * The hardware's f2xm1 for |x| < 1/4 (docs/X87-TRANSCENDENTALS.md, 4.2): the linear term
 * is the exact product x K with K = ln 2 cut toward zero to 67 bits (for |x| < 2^-66 the
 * result is that product rounded once: 20,000 random operands at 2^-100 pin K to
 * ln 2 - 0.309 2^-67), and from 2^-68 on the rest, 2^x - 1 - x ln 2, is added cut to the
 * grid of the product's 67th bit, toward a smaller magnitude of the sum. This reproduces every result of
 * thousands of random operands of each binade from 2^-100 to 2^-13, both signs, under
 * rounding to nearest, down and up. Above that (4.2.1) the rest is visibly that of
 * e^z - 1 - z with z = x K, its z^2 formed as z RN64(z) cut to 66 bits, rounded to 64 bits,
 * and the sum's sticky bit comes from the rest alone: where the rounded rest is a multiple
 * of the product's 67th bit, the product's lower bits are lost. What is left (1.6% of
 * operands wrong at 2^-3, 0.8% at 2^-4, 0.2% at 2^-7..2^-5) is the rest's own evaluation
 * error, about a tenth of its 64th bit, that depends on the operand's low bits.
 */
const LN2_67 = truncBits(LN2, 67);

function exp2m1Series(x: Big): Big {
  const ax = new Big(0, x.m, x.e);
  const p = mul(ax, LN2_67);
  // below 2^-68 the rest is not added (as fsin returns x there): visible for x < 0 only,
  // where cutting it would take a unit off
  if (ilog2(x) < -68) return x.s ? neg(p) : p;
  // the rest in magnitude (positive for x > 0, negative for x < 0): that of e^z - 1 with
  // z = x K, the product itself, not x ln 2 (4.2.1)
  // z^2 is formed as z times z rounded to 64 bits, cut to 66 bits: rest = RZ66(z RN64(z))
  // (e^z1 - 1 - z1)/z1^2 with z1 = RN64(z), which leaves out half of the z2 = z - z1 term
  // (4.2.1)
  const z = x.s ? neg(p) : p;
  const z1 = roundBits(z, 64);
  const sz = mul(truncBits(mul(z, z1), 66), div(sub(expm1(z1), z1), mul(z1, z1)));
  const rest = x.s ? neg(sz) : sz;
  // the rest is rounded to 64 bits (R) and added to the product cut at its 67th bit; the
  // sum keeps a sticky bit from R's bits below that grid only, so where R falls exactly on
  // the grid the product's low bits are lost (4.2.1)
  const unit = ilog2(p) - 66;
  const R = roundBits(rest, 64);
  const Rf = floorTo(R, unit);
  let v = add(floorTo(p, unit), Rf);
  if (!isZ(sub(R, Rf))) v = add(v, new Big(0, 1n, unit - 8));
  return x.s ? neg(v) : v;
}


export function exp2m1Exact(x: Big): Big {
  return expm1(mul(x, LN2));
}

/*
 * The hardware's f2xm1 for 1/4 <= |x| < 1 (docs/X87-TRANSCENDENTALS.md), the same scheme as
 * its sine: each binade of |x| has 16 table points at the middles of its sixteenths
 * (33/128, 35/128, ..., 63/128, then 33/64, ..., 63/64, with x's sign), holding
 * T = 2^t - 1 rounded to nearest at 67 bits (results at t + tiny err by exactly that
 * rounding; no results that are 64-bit values near t, 1/128 or 1/256 of them at 1/64 from
 * it, as for a 67-bit correction); then with d = x - t (exact)
 *   2^x - 1 = T + c,  c = (1 + T) D rounded to 67 bits,
 * rounded once, with D = 2^d - 1 as the series evaluates it: RN64(d K) + RN64(e^z - 1 - z),
 * z = d K (4.1 update; RN64(2^d - 1) misses 109 of 7,000 random operands under the four
 * roundings, this 85; rounding the exact value 422 of 6,000).
 */
const EXP_TABLE = new Map<number, Big>();

function exp2m1Table(x: Big): Big {
  const e = ilog2(x); // -2 or -1
  // the table point: the top five bits of |x| and a one after them
  const top = e - 4 - x.e >= 0 ? x.m >> BigInt(e - 4 - x.e) : x.m << BigInt(x.e - e + 4);
  const t = big(x.s, (top << 1n) | 1n, e - 5);
  const key = (x.s ? -1 : 1) * (Number(top) * 2 ** (e - 4) + 2 ** (e - 5));
  let T = EXP_TABLE.get(key);
  if (!T) { T = roundBits(exp2m1Exact(t), 67); EXP_TABLE.set(key, T); }
  const d = sub(x, t);
  if (isZ(d)) return T;
  // 2^d - 1 as the series of exp2m1Series evaluates it: z = d K (K = ln 2 cut to 67 bits),
  // here rounded to 64 bits, plus the rest of e^z - 1 rounded to 64 bits (4.1)
  const z = mul(d, LN2_67);
  const D = add(roundBits(z, 64), roundBits(sub(expm1(z), z), 64));
  const c = roundBits(mul(add(ONE, T), D), 67);
  return add(T, c);
}

/** e^z - 1 = z (1 + z/2! + z^2/3! + ...) */
function expm1(z: Big): Big {
  makeConstants();
  let sum = ZERO, p = ONE, f = 1n;
  for (let n = 0; n < 200; n++) {
    f *= BigInt(n + 1);
    const tt = n + 1 < INV_FACT.length ? mul(p, INV_FACT[n + 1]) : div(p, big(0, f, 0));
    sum = add(sum, tt);
    if (ilog2(tt) < -W - 8) break;
    p = mul(p, z);
    if (isZ(p)) break;
  }
  return mul(z, sum);
}

export function bigMul(a: Big, b: Big): Big { return mul(a, b); }

/** a truncated toward zero to `bits` significant bits. */
export function truncBits(a: Big, bits: number): Big {
  if (isZ(a)) return a;
  const n = bitlen(a.m);
  return n <= bits ? a : new Big(a.s, a.m >> BigInt(n - bits), a.e + n - bits);
}

/** |a| lowered by k/256 of a unit in the 64th significant bit of a (a nonzero). */
export function lowerBy(a: Big, k: number): Big {
  if (isZ(a) || k === 0) return a;
  return add(a, new Big(k > 0 ? a.s ^ 1 : a.s, BigInt(Math.abs(k)), ilog2(a) - 63 - 8));
}

/** a / b */
export function bigDiv(a: Big, b: Big): Big { return div(a, b); }

/** The exponent of the leading bit of a (nonzero). */
export function bigExp(a: Big): number { return isZ(a) ? -Infinity : ilog2(a); }

/** sign * k pi / 4 */
export function piQuarters(k: number, sign: number): Big { return big(sign, PI.m * BigInt(k), PI.e - 2); }

// ---- rounding to the 80-bit format ----------------------------------------------------------

/** Does m (n > 64 bits, all ones in its top 64?) round up to 2^n at 64 bits? */
function roundsUpToPower(m: bigint, n: number, rc: number, s: number): boolean {
  const drop = n - 64;
  const top = m >> BigInt(drop);
  if (top !== (1n << 64n) - 1n) return false;
  const rem = m - (top << BigInt(drop));
  if (rem === 0n) return false;
  const half = 1n << BigInt(drop - 1);
  if (rc === 0) return rem >= half; // (a tie rounds to even: up, the top is odd)
  return (rc === 1 && s === 1) || (rc === 2 && s === 0);
}

export const R_PE = 0x20, R_UE = 0x10, R_OE = 0x08, R_C1 = 0x200;

/**
 * Round a (nonzero) to the extended format with rounding control rc into out; returns
 * PE, C1 (rounded up in magnitude), UE, OE. With `wrapUnder`/`wrapOver` (the exception
 * unmasked) a tiny or huge result is delivered with its exponent moved by 24576 into range.
 */
export function roundTo80(a: Big, rc: number, out: F80, wrapUnder: boolean, wrapOver: boolean): number {
  if (isZ(a)) { out.sign = a.s; out.exp = 0; out.hi = 0; out.lo = 0; return 0; }
  let fl = 0;
  const n = bitlen(a.m);
  let E = a.e + n - 1 + BIAS; // biased exponent of the leading bit
  // tiny after rounding to 64 bits with an unbounded exponent (just below 2^-16382 may round up to it)
  const tinyAfter = E < 0 || (E === 0 && !(n > 64 && roundsUpToPower(a.m, n, rc, a.s)));
  let keep = 64; // significant bits kept
  if (tinyAfter && wrapUnder) { E += 24576; fl |= R_UE; }
  else if (E >= 0x7fff && wrapOver) { E -= 24576; fl |= R_OE; }
  let denorm = false;
  if (E < 1) { keep = 64 - (1 - E); denorm = true; }
  let m: bigint, up = false, inexact: boolean;
  const drop = n - keep;
  if (drop <= 0) { m = a.m << BigInt(-drop); inexact = false; }
  else {
    m = a.m >> BigInt(drop);
    const rem = a.m - (m << BigInt(drop));
    inexact = rem !== 0n;
    if (inexact) {
      const half = 1n << BigInt(drop - 1);
      if (rc === 0) up = rem > half || (rem === half && (m & 1n) === 1n);
      else up = (rc === 1 && a.s === 1) || (rc === 2 && a.s === 0);
    }
  }
  if (up) m += 1n;
  if (denorm) {
    // m is the significand at exponent field 0 (or carried into the smallest normal)
    const normalAfter = m >= 1n << 63n;
    if (inexact) {
      fl |= R_PE | (up ? R_C1 : 0);
      // tininess after rounding with an unbounded exponent
      let tinyAfter = true;
      if (E === 0 && normalAfter) {
        // would it round to 2^-16382 at full precision as well?
        const drop = n - 64;
        let m2 = a.m >> BigInt(drop);
        const rem2 = a.m - (m2 << BigInt(drop));
        let up2 = false;
        if (rem2 !== 0n) {
          const half = 1n << BigInt(drop - 1);
          if (rc === 0) up2 = rem2 > half || (rem2 === half && (m2 & 1n) === 1n);
          else up2 = (rc === 1 && a.s === 1) || (rc === 2 && a.s === 0);
        }
        if (up2) m2 += 1n;
        if (m2 >= 1n << 64n) tinyAfter = false;
      }
      if (tinyAfter) fl |= R_UE;
    }
    out.sign = a.s; out.exp = normalAfter ? 1 : 0;
    out.hi = Number(m >> 32n) >>> 0; out.lo = Number(m & 0xffffffffn) >>> 0;
    return fl;
  }
  if (m >= 1n << 64n) { m >>= 1n; E++; }
  if (inexact) fl |= R_PE | (up ? R_C1 : 0);
  if (E >= 0x7fff) {
    fl |= R_OE | R_PE;
    const toInf = rc === 0 || (rc === 1 && a.s === 1) || (rc === 2 && a.s === 0);
    out.sign = a.s;
    if (toInf) { out.exp = 0x7fff; out.hi = 0x80000000; out.lo = 0; fl |= R_C1; }
    else { out.exp = 0x7ffe; out.hi = 0xffffffff; out.lo = 0xffffffff; fl &= ~R_C1; }
    return fl;
  }
  out.sign = a.s; out.exp = E;
  out.hi = Number(m >> 32n) >>> 0; out.lo = Number(m & 0xffffffffn) >>> 0;
  return fl;
}
