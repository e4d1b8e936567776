// sin, cos and tan as the hardware's fsin, fcos, fsincos and fptan compute them
// (docs/X87-TRANSCENDENTALS.md parts 1-3 and 5): the exact reduction by its 66-bit pi/2, the
// table evaluation with its error curve, the cosine below 1/4, fptan's quotient.

import {
  Big, ONE, ZERO, add, big, bitlen, div, ilog2, invFact, isZ, mul, neg, roundBits, roundFixed,
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
    // and cosine below) cut toward zero to 67 bits, one divided by the other (-cos/sin in the odd
    // quadrants), the quotient rounded once (docs/X87-TRANSCENDENTALS.md 5.2, 5.5.2)
    const a = new Big(0, r.m, r.e);
    const [s0, c0] = e >= -2 ? sinCosTable(a) : [sinSinCos(a), e >= -5 ? cosSinCos(a) : sinCosR(a, true)];
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
  } else if (c && e >= -5) {
    // cos r of 1/32 <= |r| < 1/4: fcos's (and fsin's in the odd quadrants) has a rounded
    // x^6 term (cosSmall, measured from 1/32 on); fsincos's (kinds 3, 4) the whole bracket
    // (cos r - 1)/r^2 rounded to 2^-65 (cosSinCos)
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
    // cos r below 1/32: the exact value (the hardware's is within about 1/100 ulp of it)
    return trigReduced(r, q, kind);
  }
  return negated(q, kind) ? neg(v) : v;
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
 * fsincos's sin r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.2): sin r = r + c with
 * c = RZ67(r RN64(z' B')), z' = r^2 cut toward zero to 67 bits and B' = the bracket
 * (sin r - r)/r^3 = -1/6 + z/120 - ... rounded to nearest at 66 fractional bits (64
 * significant bits, |B| being about 1/6). Each rounding was found from the results: B' by
 * the sawtooth of the hardware's bracket against the phase of B at 2^-66, the others by
 * the count of operands they reproduce (0 of 20,000 random ones of [1/8, 1/4) wrong, the
 * exact value 115).
 */
function sinSinCos(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const z = mul(a, a);
  // B = -(1/3! - z/5! + z^2/7! - ...)
  const b = roundFixed(series(neg(z), (n) => invFact(2 * n + 3), neg(ONE)), SIN_B_BITS);
  const p = roundBits(mul(truncBits(z, 67), b), 64);
  const v = add(a, truncBits(mul(a, p), 67));
  return r.s ? neg(v) : v;
}

const SIN_B_BITS = 66;

/*
 * fsin's sin r below 1/4 (docs/X87-TRANSCENDENTALS.md 5.5.2): the pipeline of sinSinCos
 * (z' = RZ67(r^2), p = RN64(z' B'), c = RZ67(r p)), but of the bracket B = E + zO only the
 * even part in z, E = -1/6 - z^2/7! - z^4/11! - ..., is rounded to nearest at 2^-66; the
 * odd part z/5! + z^3/9! + ... is added as it is. The hardware's E is not Taylor's: its
 * rounding boundaries sit D units of 2^-66 off E's own, D = SIN_D(z^2) a polynomial in
 * z^2 (presumably its coefficients' deviations from 1/7!, 1/11!, 1/15!), fitted to where the
 * hardware's bracket drops by one unit (windows of 0.203 to 0.238, within 0.02 of a unit)
 * and to the best shift per 1/200 of x in [1/8, 3/16) (200,000 random operands). SIN_E0: a
 * constant offset of the bracket, units of 2^-66.
 */
function sinEven(r: Big): Big {
  const a = new Big(0, r.m, r.e);
  const z = mul(a, a), w = mul(z, z);
  const even = series(w, (k) => invFact(4 * k + 3), neg(ONE));
  const odd = mul(z, series(w, (k) => invFact(4 * k + 5)));
  const w2 = (Number(a.m) * 2 ** a.e) ** 4;
  let d = 0;
  for (let i = SIN_D.length - 1; i >= 0; i--) d = d * w2 + SIN_D[i];
  const dn = new Big(d < 0 ? 1 : 0, BigInt(Math.round(Math.abs(d) * 2 ** 20)), -86);
  const b = add(add(sub(roundFixed(add(even, dn), 66), dn), odd), new Big(0, BigInt(Math.round(SIN_E0 * 2 ** 20)), -86));
  const p = roundBits(mul(truncBits(z, 67), b), 64);
  const v = add(a, truncBits(mul(a, p), 67));
  return r.s ? neg(v) : v;
}

/** D = SIN_D[0] + SIN_D[1] z^2 + SIN_D[2] z^4 + SIN_D[3] z^6 (units of 2^-66) */
const SIN_D = [-15.9495328, 1157.81282, 1187624.94, 54097944.1];

const SIN_E0 = 0.05;

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
  const [odd, even] = polyErr(Number(r.m) * 2 ** r.e * (r.s ? -1 : 1), key * 32);
  const Sf = Number(S.m) * 2 ** S.e, Cf = Number(C.m) * 2 ** C.e;
  const sn = add(S, roundBits(add(add(truncBits(mul(C, sr), 67), mul(S, cm1)), ulp71(Cf * odd + Sf * even)), 67));
  const cs = add(C, roundBits(add(add(truncBits(neg(mul(S, sr)), 67), mul(C, cm1)), ulp71(Cf * even - Sf * odd)), 67));
  return [sn, cs];
}

/*
 * The hardware's sin r and cos r - 1 of the table evaluation (r = x - t, |r| <= 1/16) are
 * not exact: its correction behaves as C (sin r + e_s(r)) + S (cos r - 1 + e_c(r)), e_s odd
 * and e_c even in r, a few units of 2^-71 that oscillate with r (a polynomial's error
 * curve) and differ from one table point to the next. POLY_ERR holds, per table point
 * (key 32 t), [k0, shifts]: the measured shift of the sine's correction at t + k/2048,
 * k = k0, k0 + 1, ... (|k| <= 127, or 63 in [1/4, 1/2); 13/16 only up to -57, fsin's
 * range), in 1/1000 of 2^-71: each window of 800 consecutive operands there allows the
 * constant shift in an interval, and the curve is the smoothest through the intervals
 * (docs/X87-TRANSCENDENTALS.md, 5.4). Between the points it is interpolated linearly,
 * beyond them held (13/16's positive side, needed for the split, taken from 11/16).
 * e_c(r) = (shift(r) + shift(-r)) / 2 sin t, e_s(r) = (shift(r) - shift(-r)) / 2 cos t.
 */
const POLY_ERR = new Map<number, readonly [number, readonly number[]]>([
  [9, [-63, [
    35, 61, 90, 118, 151, 184, 217, 249, 282, 314, 347, 379, 412, 437, 462, 487, 513, 538, 563,
    588, 600, 612, 623, 634, 646, 644, 642, 636, 628, 600, 571, 553, 535, 524, 513, 502, 492, 471,
    451, 430, 407, 384, 361, 338, 315, 292, 269, 246, 227, 208, 190, 171, 152, 134, 115, 97, 82,
    66, 51, 37, 22, 17, 12, 7, 2, -3, -8, -2, 4, 11, 17, 24, 34, 45, 55, 65, 76, 86, 97, 107, 118,
    128, 138, 149, 160, 172, 184, 196, 207, 219, 231, 242, 254, 265, 277, 288, 285, 204, 192, 179,
    165, 152, 138, 123, 108, 92, 75, 59, 42, 25, 1, -22, -46, -70, -94, -118, -142, -177, -213,
    -248, -284, -319, -355, -391, -426, -462, -556]]],
  [11, [-63, [
    -122, -22, 22, 66, 110, 153, 197, 241, 284, 327, 371, 414, 457, 490, 524, 557, 590, 610, 630,
    650, 670, 690, 710, 730, 737, 744, 750, 756, 762, 756, 644, 629, 613, 597, 582, 566, 550, 535,
    519, 504, 481, 459, 437, 415, 393, 371, 348, 282, 259, 237, 215, 194, 172, 150, 129, 107, 86,
    67, 49, 31, 25, 18, 12, 8, 11, 13, 15, 17, 20, 22, 24, 35, 46, 57, 68, 79, 90, 104, 119, 134,
    149, 164, 179, 195, 211, 228, 244, 261, 278, 295, 312, 329, 346, 360, 368, 374, 366, 358, 334,
    310, 291, 272, 254, 235, 216, 197, 178, 160, 132, 105, 78, 52, 14, -23, -60, -97, -135, -172,
    -210, -247, -285, -322, -360, -397, -435, -472, -471]]],
  [13, [-63, [
    -79, -32, 14, 62, 110, 159, 207, 255, 304, 354, 403, 444, 486, 521, 556, 591, 626, 661, 696,
    727, 758, 777, 796, 812, 819, 826, 834, 841, 848, 788, 727, 712, 696, 676, 656, 636, 616, 595,
    575, 554, 534, 513, 493, 472, 434, 395, 357, 326, 296, 265, 242, 219, 196, 173, 150, 127, 104,
    85, 66, 58, 49, 41, 32, 24, 15, 10, 12, 14, 21, 27, 33, 40, 46, 60, 75, 95, 115, 135, 156,
    175, 195, 215, 234, 254, 273, 292, 310, 329, 348, 366, 382, 397, 412, 428, 443, 458, 456, 455,
    406, 368, 356, 344, 333, 321, 297, 272, 248, 224, 200, 175, 151, 112, 72, 33, -7, -46, -86,
    -146, -207, -256, -305, -354, -404, -454, -504, -554, -755]]],
  [15, [-63, [
    -134, -79, -23, 32, 87, 147, 208, 262, 317, 372, 416, 460, 505, 551, 596, 642, 687, 718, 749,
    780, 807, 834, 861, 888, 894, 899, 904, 865, 826, 811, 797, 782, 767, 753, 738, 723, 705, 686,
    668, 640, 612, 585, 557, 530, 502, 453, 404, 360, 317, 293, 268, 245, 221, 198, 175, 153, 131,
    110, 88, 67, 46, 25, 18, 10, 10, 10, 10, 10, 20, 30, 40, 50, 66, 82, 98, 114, 139, 164, 189,
    214, 240, 257, 274, 297, 321, 344, 368, 391, 414, 435, 455, 474, 493, 512, 531, 541, 552, 562,
    560, 524, 448, 425, 401, 378, 354, 330, 306, 283, 259, 224, 190, 155, 120, 72, 24, -24, -76,
    -129, -181, -233, -286, -338, -386, -443, -501, -558, -615]]],
  [18, [-127, [
    73, -125, -220, -280, -268, -216, -130, -26, 53, 132, 212, 472, 590, 682, 774, 865, 957, 1048,
    1140, 1193, 1246, 1300, 1345, 1390, 1333, 1275, 1218, 1160, 1103, 1060, 1018, 943, 886, 807,
    729, 656, 566, 481, 395, 309, 224, 138, 52, -16, -85, -154, -223, -232, -242, -252, -289,
    -320, -350, -392, -434, -476, -478, -458, -438, -418, -365, -312, -259, -206, -154, -101, -48,
    11, 71, 130, 190, 249, 308, 364, 419, 475, 530, 584, 639, 693, 748, 801, 854, 881, 908, 936,
    963, 990, 1018, 1002, 987, 972, 956, 939, 922, 905, 887, 869, 850, 832, 814, 793, 772, 734,
    695, 657, 618, 580, 541, 503, 465, 427, 389, 352, 315, 277, 241, 204, 167, 130, 118, 105, 93,
    80, 68, 56, 49, 43, 36, 44, 52, 60, 69, 78, 88, 99, 109, 120, 131, 152, 179, 206, 233, 261,
    288, 315, 342, 371, 400, 429, 458, 487, 516, 545, 561, 576, 591, 606, 620, 634, 648, 662, 675,
    689, 702, 645, 588, 530, 499, 467, 436, 404, 362, 319, 271, 222, 174, 125, 77, 11, -55, -121,
    -187, -253, -319, -384, -444, -504, -563, -610, -656, -702, -749, -794, -840, -886, -931,
    -977, -993, -1008, -1024, -1040, -1072, -1106, -1177, -1248, -1230, -1211, -1142, -1073,
    -1004, -934, -865, -795, -725, -656, -586, -540, -493, -424, -362, -222, -148, -75, -2, 55,
    112, 170, 216, 262, 308, 291, 274, 258, 203, 148, 92, 37, -33, -123, -214, -318, -447, -577,
    -706, -835, -964, -1064, -1162, -1204, -1246, -1228, -1182, -1133, -938]]],
  [22, [-127, [
    -63, -183, -420, -505, -469, -368, -257, -146, -34, 77, 188, 362, 535, 708, 880, 994, 1108,
    1190, 1270, 1318, 1365, 1412, 1459, 1475, 1434, 1394, 1353, 1284, 1214, 1145, 1075, 1006, 910,
    813, 717, 625, 533, 441, 349, 256, 168, 80, -8, -96, -168, -240, -476, -513, -550, -587, -624,
    -652, -680, -668, -656, -644, -631, -619, -572, -524, -477, -430, -367, -304, -242, -172,
    -101, -31, 40, 110, 189, 269, 348, 428, 494, 560, 626, 692, 761, 816, 870, 925, 980, 991,
    1003, 1015, 1026, 1041, 1056, 1071, 1071, 1072, 1068, 1065, 1062, 1059, 1036, 1012, 989, 966,
    942, 919, 884, 849, 814, 779, 734, 640, 598, 557, 516, 475, 434, 396, 358, 320, 283, 246, 210,
    174, 139, 103, 74, 59, 45, 31, 17, 13, 8, 4, 12, 21, 29, 38, 62, 87, 114, 142, 169, 196, 224,
    259, 295, 330, 366, 401, 436, 469, 501, 533, 565, 597, 629, 661, 694, 715, 737, 759, 780, 802,
    818, 815, 813, 810, 807, 804, 802, 756, 711, 624, 570, 516, 461, 407, 352, 298, 238, 178, 118,
    58, -16, -89, -162, -235, -307, -378, -448, -518, -588, -657, -726, -796, -858, -921, -971,
    -1022, -1063, -1104, -1146, -1176, -1208, -1192, -1177, -1161, -1146, -1130, -1115, -1100,
    -1060, -1020, -980, -940, -924, -909, -823, -737, -651, -565, -479, -393, -290, -187, -84,
    -10, 65, 140, 215, 290, 368, 423, 478, 476, 476, 436, 511, 396, 287, 178, 68, -41, -150, -282,
    -414, -593, -772, -889, -1006, -1123, -1240, -1357, -1474, -1403, -1331, -1276, -1051]]],
  [26, [-127, [
    17, -250, -516, -564, -612, -555, -499, -364, -276, 70, 224, 432, 596, 761, 926, 1046, 1165,
    1285, 1404, 1462, 1530, 1488, 1549, 1594, 1592, 1562, 1531, 1501, 1353, 1250, 1147, 1045, 942,
    839, 723, 608, 492, 291, 90, -7, -105, -203, -301, -399, -486, -572, -635, -698, -760, -796,
    -832, -868, -876, -857, -837, -818, -798, -748, -696, -646, -586, -526, -466, -406, -346,
    -286, -193, -100, -7, 87, 180, 273]]],
]);

function polyShift(k: number, key: number): number {
  const [k0, P] = POLY_ERR.get(key)!;
  if (key === 26 && k > k0 + P.length - 1) return polyShift(k, 22);
  const i = k - k0;
  if (i <= 0) return P[0];
  if (i >= P.length - 1) return P[P.length - 1];
  const j = Math.floor(i);
  return P[j] + (P[j + 1] - P[j]) * (i - j);
}

/** [e_s(r) / 2^-71, e_c(r) / 2^-71] at the table point t = key / 32 */
function polyErr(r: number, key: number): [number, number] {
  const a = polyShift(r * 2048, key), b = polyShift(-r * 2048, key);
  const t = key / 32;
  return [(a - b) / 2 / 1000 / Math.cos(t), (a + b) / 2 / 1000 / Math.sin(t)];
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
