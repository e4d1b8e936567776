// 2^x - 1 as the hardware's f2xm1 computes it (docs/X87-TRANSCENDENTALS.md 4.1, 4.2): the
// series below 1/4, the table of 16 points per binade above.

import {
  Big, LN2, ONE, add, big, floorTo, horner, ilog2, invFact, isZ, mul, neg, roundBits, roundFixed, scale,
  series, sub, truncBits,
} from './big.js';

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
 * rounding to nearest, down and up. Above that (4.2.1, 4.2.2) the rest is visibly that of
 * e^z - 1 - z with z = x K held cut to 67 bits, its z^2 formed as that times RN64(x K) and
 * cut to 67 bits, its higher terms a product rounded to 64 bits (the terms from the
 * hardware's polynomial, 4.2.5), the rest rounded to 64 bits, and the sum's sticky bit
 * comes from the rest alone: where the rounded rest is a multiple of the product's 67th
 * bit, the product's lower bits are lost. The higher terms are a sinh part and a cosh part,
 * two polynomials fitted apart, each formed on the multiplier's datapath (4.2.8-4.2.11).
 * What is left (about 4 in 1,000,000 random operands wrong at 2^-5 ... 2^-3, 4.2.11;
 * none seen below) was not pinned.
 */
const LN2_67 = truncBits(LN2, 67);

function exp2m1Series(x: Big): Big {
  const ax = new Big(0, x.m, x.e);
  const p = mul(ax, LN2_67);
  // below 2^-68 the rest is not added (as fsin returns x there): visible for x < 0 only,
  // where cutting it would take a unit off
  if (ilog2(x) < -68) return x.s ? neg(p) : p;
  // the rest in magnitude (positive for x > 0, negative for x < 0): that of e^z - 1 with
  // z = x K, the product itself, not x ln 2 (4.2.1). The routine holds z cut to 67 bits
  // (zc, as in the sum below); z^2 is formed as zc times z rounded to 64 bits (z1 = RN64 of
  // the exact product), cut to 67 bits (A; the square cut to 66 bits from the exact z, 4.2.1,
  // misses 2.7 times as many operands). The rest is A/2 plus the higher terms as a product
  // rounded to 64 bits: A (e^zc - 1 - zc - zc^2/2)/zc^2 (4.2.2: a third fewer misses at 2^-3
  // than the whole A (e^zc - 1 - zc)/zc^2 unrounded; rounded at 63 or 65 bits: more)
  const z = x.s ? neg(p) : p;
  const z1 = roundBits(z, 64), zc = truncBits(z, 67);
  // the higher terms are the hardware's two polynomials, the parts of e^zc - 1 - zc - zc^2/2:
  // sinh z - z = z^3 PS(z^2) and cosh z - 1 - z^2/2 = z^4 PC(z^2) (4.2.8-4.2.10), each
  // evaluated on the multiplier's datapath as fsin's and fcos's parts are (5.5.6): a 67-bit
  // operand times a 64-bit one (RN64 of a polynomial or of a product), the product cut to 67
  // bits. sinh part RZ67(zc RN64(A RN64(PS))), cosh part RZ67(A RN64(A RN64(PC))) (A standing
  // for zc^2 in both), the sum rounded to 64 bits (4.2.10: with PS and PC fitted apart, fresh
  // random operands wrong 68 -> 2 of 100,000 at 2^-3, 86 -> 5 of 300,000 at 2^-4, 36 -> 0
  // of 300,000 at 2^-5)
  const A = truncBits(mul(zc, z1), 67);
  const w = mul(zc, zc);
  const sinhPart = truncBits(mul(zc, roundBits(mul(A, roundBits(horner(EXPM1_PS, w), 64)), 64)), 67);
  const coshPart = truncBits(mul(A, roundBits(mul(A, roundBits(horner(EXPM1_PC, w), 64)), 64)), 67);
  const high = roundBits(add(sinhPart, coshPart), 64);
  const sz = add(scale(A, -1), high);
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

/*
 * The hardware's higher terms below 1/4 (docs/X87-TRANSCENDENTALS.md 4.2.5, 4.2.9-4.2.11):
 * two polynomials of five coefficients in w = z^2, fitted apart, not the odd and even halves of
 * one fit of e^z - 1. PS: sinh z = z + z^3 PS(z^2) with the smallest RELATIVE error of sinh z
 * on |z| <= ln 2 / 4 (the largest |z| the series gets: |x| < 1/4), its leading coefficient
 * rounded to 67 bits (1/6 + 85/12 2^-66) and the other four the minimax again with it fixed,
 * as fsin's s1 (5.5.6); error +-6.4e-23. PC: cosh z = 1 + z^2/2 + z^4 PC(z^2) with the
 * smallest relative error of cosh z there (the same to the bits that matter as the least
 * absolute error of cosh z - 1; relative to e^z - 1 is measurably worse), but its leading
 * coefficient 1.5 units of 2^-68 above the free fit's (1/24 + 6.73 2^-68; a fitted number,
 * no rounding of it found) and the other four the minimax again with it fixed (4.2.11: PC
 * higher by 0.3-1.3 units of 2^-68 for w below 2^-7, unchanged above; random operands wrong
 * 35 -> 11 of 2.8 million at 2^-5 ... 2^-3, none newly wrong; 1.25-1.75 units alike, a 64-bit
 * value 1/24 + 6.33 2^-68 a little worse). Remez in mpmath at 50 digits. The single degree-9
 * fit of e^z - 1 that 4.2.5 read from the results is what these look like through the noise
 * of their roundings: the free fit of PS is +0.16 units of 2^-66 above its even half at
 * w = 2^-9, falling to 0 at 2^-7, the offset the results at 2^-4 showed (4.2.10).
 * Coefficients to 100 bits (mantissa, exponent).
 */
const EXPM1_PS: readonly Big[] = ([
  [845100400152152934817898430464n, -102],
  [676080320121718658738036216152n, -106],
  [1030217630697926650546484639858n, -112],
  [915748849635943354369664861653n, -118],
  [1066203305652550543636468446710n, -125],
] as const).map(([m, e]) => new Big(0, m, e));
const EXPM1_PC: readonly Big[] = ([
  [845100400152152934793392290797n, -104],
  [901440426828958365660918498519n, -109],
  [1030217630697195659153672377986n, -115],
  [732599081149042974770273067430n, -121],
  [710800246474565014584861152227n, -128],
] as const).map(([m, e]) => new Big(0, m, e));

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
 *   2^x - 1 = T + c,  c = RN64(1 + T) D64 cut to 67 bits,
 * rounded once, with D64 = 2^d - 1 as RN64(RN64(sinh z1) + RN64(cosh z1 - 1)), z1 =
 * RN64(d K) (4.1 update, 4.2.2, 4.2.3: (1 + T)(RN64(d K) + RN64(rest)) rounded to 67 bits
 * misses 454 of 40,000 random operands under the four roundings, the product of 64-bit
 * factors with D64 = RN64(z1 + RN64(rest)) 247; with the sinh and cosh parts 60,000
 * operands of a fresh seed: 366 -> 148; rounding the exact value misses 422 of 6,000).
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
  // 2^d - 1 (D64) from z1 = d K (K = ln 2 cut to 67 bits) rounded to 64 bits, as
  // e^z1 - 1 = sinh z1 + (cosh z1 - 1), each part rounded to 64 bits and the sum rounded to
  // 64 bits again (4.2.3: the rounding of sinh is the second, independent error of half a
  // unit that the sum RN64(z1) + RN64(e^z - 1 - z) of 4.2.2 lacked; pinned operands wrong
  // 787 -> 292 of 2,870, random operands 366 -> 148 of 60,000); cosh z1 - 1 is the
  // hardware's degree-6 polynomial z1^2/2 + q2 z1^4 + q3 z1^6 of least absolute error
  // (4.2.5: fresh random operands 1,647 -> 76 of 1,000,000 against the relative-error fit of
  // 4.2.4), sinh z1 the exact series (its polynomial, degree 7, is too exact to be seen
  // in any result). The product by 2^t is that
  // of two 64-bit factors, 1 + T rounded to 64 bits and D64, cut to 67 bits (4.2.2: exact at
  // 73% of the operands whose result is a 64-bit value, where (1 + T) D rounded to 67 bits
  // was at 10%; with the sinh/cosh form at 90%, the rest D64 one unit off near its rounding
  // midpoints)
  const z1 = roundBits(mul(d, LN2_67), 64), w = mul(z1, z1);
  const sinh = mul(z1, series(w, (n) => invFact(2 * n + 1))), coshm1 = mul(horner(COSHM1_Q, w), w);
  // sinh's rounding is that of its tail sinh - z1 alone, on the grid of the sum's 64th bit;
  // z1 and cosh - 1 are added with all their bits and the sum rounded to 64 bits. Where sinh
  // and the sum share a binade this is RN64(sinh) unless z1 lies a binade below sinh (then
  // z1 is on the finer grid: 48 of 10,000 such operands wrong with RN64(sinh), 0); where the sum
  // falls a binade below (z1 < 0) it is sinh rounded on the sum's finer grid (4.2.5: 31 of
  // 136 informative operands wrong -> 0); where it carries into the binade above (z1 > 0)
  // neither sinh on its own grid nor on the sum's fits (140 and 152 of 28,528 such
  // operands wrong), the tail on the sum's grid with z1 unrounded does (0; 4.2.7)
  const sum = add(sinh, coshm1);
  const tail = roundFixed(sub(sinh, z1), 63 - ilog2(sum));
  const D64 = roundBits(add(add(z1, tail), coshm1), 64);
  const c = truncBits(mul(roundBits(add(ONE, T), 64), D64), 67);
  return add(T, c);
}

/*
 * The hardware's cosh z - 1 in the table (docs/X87-TRANSCENDENTALS.md 4.2.4, 4.2.5):
 * w/2 + q2 w^2 + q3 w^3 (w = z^2, degree 6) with q1 = 1/2 exactly and q2, q3 the pair with
 * the smallest ABSOLUTE error on |z| <= h = ln 2 / 64 (the largest |z| the table gives:
 * |d| <= 1/64 in [1/2, 1)). Remez in mpmath at 60 digits: error +-8.89e-23 (0.2099 units of
 * 2^-71), alternating (-, +, -) at z = 0.5955 h, 0.9024 h, h. Pinned from the results
 * themselves (4.2.5): the interval each result gives for cosh - 1, binned by |z|, traces
 * that curve to +-0.006 units of 2^-71 (a least-squares cubic in w through it has q1 - 1/2 =
 * 6.5e-21, q2, q3 within 0.4% and 0.2% of these), the same for both signs of z; the
 * relative-error polynomials of 4.2.4 (q1 free, or q1 = 1/2) were near it but not it. q2,
 * q3 to 100 bits (mantissa, exponent); they differ from 1/24, 1/720 by -1.97e-13, 4.53e-9.
 */
const COSHM1_Q: readonly Big[] = ([
  [1n, -1],
  [845100400148155881212628933869n, -104],
  [901443369678888637571137425822n, -109],
] as const).map(([m, e]) => new Big(0, m, e));

/** e^z - 1 = z (1 + z/2! + z^2/3! + ...) */
function expm1(z: Big): Big { return mul(z, series(z, (n) => invFact(n + 1))); }
