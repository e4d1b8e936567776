// sin, cos and tan as the hardware's fsin, fcos, fsincos and fptan compute them
// (docs/X87-TRANSCENDENTALS.md parts 1-3 and 5): the exact reduction by its 66-bit pi/2, the
// table evaluation with its error curve, the cosine below 1/4, fptan's quotient.

import {
  Big, INV_FACT, ONE, W, ZERO, add, big, bitlen, div, ilog2, isZ, makeConstants, mul, neg,
  roundBits, roundFixed, sub, truncBits,
} from './big.js';

/** The hardware's pi for range reduction: 66 bits, pi/2 = P66 * 2^-65. */
const P66 = (0xc90fdaa22168c234n << 2n) | 3n;

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
