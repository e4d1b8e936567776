// sin, cos and tan as the hardware's fsin, fcos, fsincos and fptan compute them
// (docs/X87-TRANSCENDENTALS.md parts 1-3 and 5): the exact reduction by its 66-bit pi/2, the
// table evaluation with its minimax cos r - 1, the sine and cosine below 1/4, fptan's quotient.

import {
  Big, ONE, ZERO, add, addOnesComplement, big, div, fromDouble, horner, ilog2, invFact, isZ, mul, neg, roundBits,
  series, sub, truncBits,
} from './big.js';

/** The hardware's pi for range reduction: 66 bits, pi/2 = P66 * 2^-65. */
const P66 = (0xc90fdaa22168c234n << 2n) | 3n;

/** sin r (r times the series in r^2) or cos r, for |r| <= pi/4. */
function sinCosR(r: Big, cosine: boolean): Big {
  const z = neg(mul(r, r));
  return cosine ? series(z, (n) => invFact(2 * n)) : mul(r, series(z, (n) => invFact(2 * n + 1)));
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
  if (kind === 2) {
    // fptan: the sine and cosine of |r| (the table evaluation from 1/4 on, fsincos's sine
    // and cosine below, its cosine from 2^-9 as fsincos's: 5.5.7) cut toward zero to 67 bits,
    // one divided by the other (-cos/sin in the odd quadrants), the quotient rounded once
    // (docs/X87-TRANSCENDENTALS.md 5.2, 5.5.2)
    const a = new Big(0, r.m, r.e);
    const [s0, c0] = e >= -2 ? sinCosTable(a) : [sinSinCos(a), e >= -9 ? cosSinCos(a) : sinCosR(a, true)];
    const sn = truncBits(s0, 67), cs = truncBits(c0, 67);
    const v = q & 1 ? neg(div(cs, sn)) : div(sn, cs);
    return r.s ? neg(v) : v;
  }
  const c = usesCos(q, kind);
  let v: Big;
  if (e >= -2) {
    // sin r or cos r of a reduced argument 1/4 <= |r| < pi/4: the table evaluation
    v = sinCosTable(r)[c ? 1 : 0];
    if (!c && r.s) v = neg(v);
  } else if (c && e >= -9) {
    // cos r of 2^-9 <= |r| < 1/4: fcos's (and fsin's in the odd quadrants) has a rounded
    // x^6 term (cosSmall); fsincos's (kinds 3, 4) the whole bracket, that same polynomial
    // over r^2, rounded to 2^-65 (cosSinCos, 5.5.5). Measured from 1/32 on (5.5.1) and, where their offsets are
    // 2^-14..2^-22 ulp, on 200,000 operands of [2^-9, 1/32), where they and the exact value
    // differ in one operand in 10^4 (5.5.4); below, the offsets shrink with r^2
    v = sincos ? cosSinCos(r) : cosSmall(r);
  } else if (!c && sincos) {
    // fsincos's sin r below 1/4: its bracket (sin r - r)/r^3 rounded to 64 bits, three
    // roundings after it (sinSinCos)
    v = sinSinCos(r);
  } else if (!c) {
    // fsin's (and fcos's) sin r below 1/4: the even part of its bracket rounded to 64 bits
    // at a phase of its own (sinEven)
    v = sinEven(r);
  } else {
    // cos r below 2^-9: the exact value (the hardware's is within 2^-22 ulp of it)
    return trigReduced(r, q, kind);
  }
  return negated(q, kind) ? neg(v) : v;
}

/*
 * fsincos's cos r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.1, 5.5.5, 5.5.6): cos r - 1 = z B,
 * z = r^2, B = c1 + c2 z + ... + c6 z^5 (fcos's polynomial, COS_ODD and COS_EVEN below, 5.5.4;
 * not Taylor's (cos r - 1)/z: the two differ by up to a quarter unit of 2^-65 below
 * |r| = 1/16, c1 = -1/2 + 2^-67, which the results there follow). All on fcos's multiplier
 * (cosSmall): z' = r^2 cut toward zero to 67 bits, B by Horner's rule in z' with each sum
 * rounded to 64 bits (the next product's 64-bit operand; B itself at 2^-65) and each product
 * cut to 67 bits, then cos r - 1 = RZ67(z' B).
 */
function cosSinCos(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const zc = truncBits(mul(a, a), 67);
  return add(ONE, truncBits(mul(zc, hornerOnMultiplier(COS_BRACKET, zc)), 67));
}

/**
 * c0 + c1 z + ... by Horner's rule on the hardware's multiplier (docs/X87-TRANSCENDENTALS.md
 * 5.5.6, 5.5.8): each product of z (67 bits) and the running sum cut to 67 bits, each sum
 * rounded to nearest at 64 bits, as it becomes the next product's 64-bit operand.
 */
function hornerOnMultiplier(c: readonly Big[], z: Big): Big {
  let b = c[c.length - 1];
  for (let k = c.length - 2; k >= 0; k--) b = roundBits(add(c[k], truncBits(mul(z, b), 67)), 64);
  return b;
}

/*
 * fsincos's sin r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.2, 5.5.7, 5.5.8): sin r = r + c with
 * c = RZ67(r RN64(z' B')), z' = r^2 cut toward zero to 67 bits and B' the bracket
 * (sin r - r)/r^3 at 64 bits (2^-66, |B| being about 1/6). The bracket is fsin's polynomial
 * s0 + s1 z + ... + s5 z^5 (SIN_EVEN, SIN_ODD, 5.5.4, 5.5.6), evaluated as fsincos's cosine
 * bracket is (cosSinCos, 5.5.5, 5.5.6): by Horner's rule in z' on the multiplier, each sum rounded
 * to 64 bits (the next product's 64-bit operand; the last is B' itself) and each product cut to
 * 67 bits. The polynomial rather than Taylor's (sin r - r)/r^3 by 10^6 operands of [1/16, 1/8)
 * (5.5.7); Horner's roundings rather than the exact polynomial rounded once by the operands
 * whose bracket lies within a few thousandths of a unit of 2^-66 of a rounding midpoint (5.5.8).
 */
function sinSinCos(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const zc = truncBits(mul(a, a), 67);
  const v = add(a, truncBits(mul(a, roundBits(mul(zc, hornerOnMultiplier(SIN_BRACKET, zc)), 64)), 67));
  return r.s ? neg(v) : v;
}

/*
 * fsin's sin r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.2, 5.5.4, 5.5.6): sin r = r + r z B
 * with the hardware's bracket B = s0 + s1 z + ... + s5 z^5 (z = r^2) as an even part
 * E = s0 + s2 w + s4 w^2 and an odd part O = s1 + s3 w + s5 w^2 (w = z^2), z B formed as
 * z E + w O on fcos's datapath (cosSmall: a 67-bit operand cut toward zero times a 64-bit one,
 * products cut to 67 bits):
 *   z' = RZ67(r^2), w = RZ67(z' RZ64(r^2)),
 *   p = RN64(RZ67(z' RN64(E)) + RZ67(w RN64(O))), c = RZ67(r p), sin r = r + c.
 * E's rounding is the sawtooth of 5.5.2 (E at 2^-66); O's product, cut, is the "odd part added
 * as it is". The coefficients (SIN_EVEN, SIN_ODD) are not Taylor's: s0 is the minimax s0 (relative
 * error of sin r on |r| <= 1/4) rounded to 67 bits, s1 the minimax s1 with s0 fixed rounded to
 * 67 bits, s2..s5 the minimax again with s0 and s1 fixed.
 */
function sinEven(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const v = add(a, truncBits(mul(a, roundBits(partsOnMultiplier(a, SIN_EVEN, SIN_ODD), 64)), 67));
  return r.s ? neg(v) : v;
}

/**
 * z P(w) + w Q(w) (z = a^2, w = z^2) on the multiplier, as fsin and fcos form their polynomial
 * below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.6): z' = RZ67(a^2), w = RZ67(z' RZ64(a^2)),
 * RZ67(z' RN64(P)) + RZ67(w RN64(Q)), the sum exact (each caller rounds it its own way).
 */
function partsOnMultiplier(a: Big, P: readonly Big[], Q: readonly Big[]): Big {
  const z = mul(a, a), zc = truncBits(z, 67);
  const w = truncBits(mul(zc, truncBits(z, 64)), 67);
  const p = truncBits(mul(zc, roundBits(horner(P, w), 64)), 67);
  return add(p, truncBits(mul(w, roundBits(horner(Q, w), 64)), 67));
}

/** A coefficient of the polynomials below, m 2^-140 with sign s. */
function fix140(s: number, m: bigint): Big { return big(s, m, -140); }

/*
 * The hardware's B = (sin r - r)/r^3 = s0 + s1 z + ... + s5 z^5 (z = r^2), from a Remez
 * exchange (docs/X87-TRANSCENDENTALS.md 5.5.4, 5.5.6): the degree-5 polynomial with the smallest
 * relative error of sin r = r + r^3 B on |r| <= 1/4 has s0 = -1/6 + 0.0279 2^-66; s0 is that
 * rounded to nearest at 67 bits, -1/6 + 2^-69/3; with s0 fixed the minimax s1 is
 * 0x22222222222221f1ab8dc94520f6c97b0a 2^-140, rounded to nearest at 67 bits; s2..s5 are the
 * minimax polynomial again with s0 and s1 fixed (error 6.090e-25 relative). To 2^-140.
 */
const SIN_EVEN: readonly Big[] = [
  fix140(1, 0x2aaaaaaaaaaaaaaaa800000000000000000n), // s0 = RN67(-1/6 + 0.0279 2^-66)
  fix140(1, 0xd00d00d00cee794548651d81e3635e96n), // s2
  fix140(1, 0x6b991122f7350945b3552a5b2e629n), // s4
];
const SIN_ODD: readonly Big[] = [
  fix140(0, 0x22222222222221f1a80000000000000000n), // s1 = RN67(minimax s1 with s0 fixed)
  fix140(0, 0x2e3bc74a7a857a0b4833665ab5087c8n), // s3
  fix140(0, 0xb0607df241c208310bf5c7832fdn), // s5
];

/** The same polynomial over z, s0 .. s5 (fsincos's bracket, sinSinCos). */
const SIN_BRACKET: readonly Big[] = [0, 1, 2].flatMap((i) => [SIN_EVEN[i], SIN_ODD[i]]);

/*
 * fcos below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.1, 5.5.4, 5.5.6): cos r - 1 is the hardware's
 * polynomial c1 z + c2 z^2 + ... + c6 z^6 (z = r^2), evaluated as z times an odd part
 * c1 + c3 w + c5 w^2 (w = z^2) plus w times an even part c2 + c4 w + c6 w^2. The coefficients
 * (COS_ODD, COS_EVEN) are not Taylor's: c1 is the minimax c1 (absolute error on |r| <= 1/4)
 * rounded to 67 bits, c2..c6 the minimax with c1 fixed, of which c2 is rounded to 67 bits too
 * and c3..c6 are kept (not optimized again after c2's rounding, unlike the sine's s2..s5: that
 * would move the even part by several units of its 64th bit, which the results rule out, 5.5.6).
 */
const COS_ODD: readonly Big[] = [
  fix140(1, 0x7fffffffffffffffe000000000000000000n), // c1 = RN67(-1/2 + 0.835 2^-67) = -1/2 + 2^-67
  fix140(1, 0x5b05b05b05a18a1b9dff73a1ec2f74aa1n), // c3
  fix140(1, 0x49f93af61f534263c74fce43fd2da0n), // c5
];
const COS_EVEN: readonly Big[] = [
  fix140(0, 0xaaaaaaaaaaaaa84ee00000000000000000n), // c2 = RN67(minimax c2, 0x...a84ee7b0fbc6c67aa3886e 2^-140)
  fix140(0, 0x1a01a019d6d567cad64b95f4fdee4455n), // c4
  fix140(0, 0x8f49e4906a00248a4e09d7324243n), // c6
];
/** The same polynomial over z, c1 .. c6 (fsincos's bracket, cosSinCos). */
const COS_BRACKET: readonly Big[] = [0, 1, 2].flatMap((i) => [COS_ODD[i], COS_EVEN[i]]);

/*
 * The datapath is the multiplier of the other evaluations (a 67-bit operand cut toward zero
 * times a 64-bit one, the product cut to 67 bits), with every step cut (5.5.6):
 *   z' = RZ67(r^2), w = RZ67(z' RZ64(r^2)),
 *   p = RZ67(z' RN64(odd)), q = RZ67(w RN64(even)) (both parts at w),
 *   cos r - 1 = RZ67(p + q), rounded once with 1 added.
 * (The three cuts of z', p and the sum are the "noise of about two units" that the fitted
 * COS_DELTA = 1.5 stood for; the 67-bit c2 and w's cut, the rest.)
 */
function cosSmall(r: Big): Big {
  return add(ONE, truncBits(partsOnMultiplier(new Big(0, r.m, r.e), COS_ODD, COS_EVEN), 67));
}

/*
 * The hardware's sine of an argument 1/4 <= |x| < pi/4 (an operand, or the reduced one of
 * a larger operand), as far as it is known
 * (docs/X87-TRANSCENDENTALS.md has the measurements behind each step):
 *  - each quarter of a binade, [1/4, 5/16), [5/16, 3/8), ..., [3/4, 7/8), has a table
 *    point t at its middle (9/32, 11/32, ..., 13/16) with S = sin t and C = cos t rounded
 *    to nearest at 67 bits (the results of x = t + tiny are S's rounding error exactly);
 *  - r = x - t is exact; sin r is rounded to nearest at 64 bits (the rounding steps of the
 *    result double where sin r, not r, crosses a power of two), and before that it is a
 *    polynomial of degree 9 (SIN_POLY, sinPoly, 5.8) with its products cut to 67 bits (5.8.1);
 *  - cos r - 1 is a polynomial of degree 8 in r, the minimax one for |r| <= 1/16 + 1/1024
 *    (COS_POLY, 5.7: its error curve is what the measured shifts of 5.4 were), with the
 *    roundings of cosPoly (5.8);
 *  - sin x = S + c, c = C sin r + S (cos r - 1) formed at 67 bits: the product C sin r cut
 *    toward zero to 67 bits, the sum cut toward zero to 67 bits, S (cos r - 1) one unit of
 *    its 67th bit low where it is subtracted (tableSum; 5.7, 5.8; the results that are
 *    exact 64-bit values, PE set, come at the rate 2^(67 - 64) ulp(c) / ulp(result) this
 *    predicts: 1/64 at x = 1/2, 1/128 at 3/4, 1/256 at 17/32, none at the table points);
 *  - S + c is rounded once by the rounding control.
 * This reproduces every one of 10^5 random operands in the range under every rounding and
 * all but about 1 in 15,000 of those whose sin r lies within 0.003 ulp of a midpoint of its
 * 64-bit grid (5.8.1; some detail of its evaluation at 10^-5 ulp).
 */
const SIN_TABLE = new Map<number, [Big, Big]>();

/**
 * sin |x| and cos x before their final rounding, 1/4 <= |x| < pi/4: S + c as above, and
 * cos the same way, C + c' with c' = RZ67(RZ67(-S sin r) + C (cos r - 1)) (fptan divides
 * the two, each cut to 67 bits).
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
  const w = mul(r, r);
  const sr = sinPoly(r, w), cm1 = cosPoly(w);
  const sn = add(S, tableSum(truncBits(mul(C, sr), 67), mul(S, cm1)));
  const cs = add(C, tableSum(truncBits(neg(mul(S, sr)), 67), mul(C, cm1)));
  return [sn, cs];
}

/*
 * The correction c = p + q (p = the product with sin r cut to 67 bits, q = S or C times
 * cos r - 1, exact) cut toward zero to 67 bits; where the two have opposite signs (the
 * sine for r > 0, the cosine for r < 0) |q| is one unit of its own 67th bit less: q is
 * subtracted as if by its one's complement at 67 bits with the rest kept (the rule of the
 * logarithm's table sum, docs/X87-TRANSCENDENTALS.md 4.5.3 and 5.8).
 */
function tableSum(p: Big, q: Big): Big {
  return truncBits(addOnesComplement(p, q), 67);
}

/*
 * The hardware's cos r - 1 in the table evaluation: q1 w + q2 w^2 + q3 w^3 + q4 w^4, w = r^2,
 * with q_k = (-1)^k / (2k)! + COS_POLY[k - 1]: the polynomial of this form with the
 * smallest absolute error on |r| <= 130/2048 (1/16 + 1/1024; error +-1.53 * 2^-71,
 * alternating at r = 35.1, 74.6, 104.5, 123.5 and 130 / 2048; 0 at r = 0). Its error curve is the
 * measured shift of 5.4's POLY_ERR (the even part; the odd part was the cut of c,
 * docs/X87-TRANSCENDENTALS.md 5.7); the differences from Taylor's coefficients are given
 * to 15 digits (enough: they are 1e-17 .. 1e-4 of the coefficients).
 */
const COS_POLY = [5.06869091266601e-18, -1.222231471471e-14, 9.16098741007367e-12, -2.70612850815342e-9];

let COS_Q: Big[] = [];

/*
 * The hardware's sin r in the table evaluation, on the multiplier's datapath of the sine below
 * 1/4 (sinSinCos: a product cut toward zero to 67 bits, docs/X87-TRANSCENDENTALS.md 5.5.6,
 * 5.8.1): sin r = RN64(r + RZ67(r p)), p = RZ67(w' B) with w' = r^2 cut toward zero to 67 bits
 * and B = s1 + s2 w + s3 w^2 + s4 w^3 rounded to nearest at 64 bits (the pipeline of cos r - 1
 * below, with the last product cut instead of rounded). s_k = (-1)^k / (2k+1)! + SIN_POLY[k - 1]:
 * the degree-9 odd polynomial with the smallest relative error of sin r on |r| <= 130/2048, the
 * cosine's interval (error +-2^-73.8, alternating at the cosine's points 35.1, 74.6, 104.5,
 * 123.5 and 130 / 2048). Pinned by operands whose sin r lies near a midpoint of its 64-bit
 * grid, where the exact sine rounds the wrong way (5.8; the two 67-bit cuts, 5.8.1).
 */
const SIN_POLY = [4.60891433507944e-19, -1.11127590735615e-15, 8.32886883620765e-13, -2.46021478911696e-10];

let SIN_Q: Big[] = [];

function sinPoly(r: Big, w: Big): Big {
  if (!SIN_Q.length) SIN_Q = SIN_POLY.map((d, i) => coef(2 * i + 3, i, d));
  const b = roundBits(horner(SIN_Q, w), 64);
  const p = truncBits(mul(truncBits(w, 67), b), 67);
  return roundBits(add(r, truncBits(mul(r, p), 67)), 64);
}

/** (-1)^(k+1) / n! + d: a Taylor coefficient (k-th, from 0) moved by the minimax difference d. */
function coef(n: number, k: number, d: number): Big {
  const f = invFact(n);
  return add(k & 1 ? f : neg(f), fromDouble(d));
}

/*
 * cos r - 1 as the hardware forms it from w = r^2 (exact): the bracket q1 + q2 w + q3 w^2 +
 * q4 w^3 rounded to nearest at 64 bits, times w cut toward zero to 67 bits, the product
 * rounded to nearest at 64 bits (docs/X87-TRANSCENDENTALS.md 5.8: each rounding pinned by
 * the operands it fixes and breaks; the exact polynomial misses four times as many).
 */
function cosPoly(w: Big): Big {
  if (!COS_Q.length) {
    COS_Q = COS_POLY.map((d, i) => coef(2 * i + 2, i, d));
  }
  return roundBits(mul(truncBits(w, 67), roundBits(horner(COS_Q, w), 64)), 64);
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
