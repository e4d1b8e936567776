// log2 x and log2(1 + x) as the hardware's fyl2x and fyl2xp1 compute them before the
// multiplication by y (docs/X87-TRANSCENDENTALS.md 4.4-4.5.3): the 2K atanh s series near
// 1, the table with its 64-bit division elsewhere (plus the exponent outside [1/2, 2)).

import {
  Big, L2E, ONE, SQRT2, add, addOnesComplement, big, bitlen, cmpMag, div, floorTo, fromInt, horner, ilog2,
  isZ, makeConstants, mul, mulExact, oddSeries, roundBits, scale, sub, truncBits,
} from './big.js';

/** 2 atanh(s) / ln 2 = log2((1 + s) / (1 - s)). */
function log2Atanh(s: Big): Big {
  if (isZ(s)) return s;
  return scale(mul(mul(s, oddSeries(mul(s, s))), L2E), 1);
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
 * so here); log2(1 + x) is log2p1Small's series for |x| <= 1/8 (docs/X87-TRANSCENDENTALS.md
 * 4.5), log2Table's from there to 1 (4.5.1), and fyl2x of other binades the exponent plus
 * the table's value for the significand, the points below 9/8 included (4.5.2).
 */

/** log2(x) as the hardware computes it for fyl2x, x > 0. */
export function log2Hw(x: Big): Big {
  const e = ilog2(x);
  if (e === -1 || e === 0) {
    const d = sub(x, ONE);
    if (isZ(d)) return d;
    // 1/2 itself is m 2^-1 with m = 1, like the other binades (pinned: not -1)
    if (!(e === -1 && isZ(sub(x, scale(ONE, -1))))) return log2p1Hw(d);
  }
  return log2Binade(x);
}

/*
 * log2 x for x outside (1/2, 2): x = m 2^E, m in [1, 2), L = RZ67(E + the table's log2 m)
 * with the table's points for every step of m, the four below 9/8 included (docs 4.5.1 and
 * 4.5.2: pinned, those points fit m within 2^-60 of 1 where the exact value cut misses 2%;
 * and x = 2^E itself, E < 0, comes out one unit of the 67th bit toward zero, as log2 p + c
 * at p = 65/64 is 3.5 2^-72 above 0).
 */
function log2Binade(x: Big): Big {
  const e = ilog2(x);
  const u = sub(new Big(0, x.m, x.e - e), ONE);
  return truncBits(log2TableSum(u, e), 67);
}

/** log2(1 + x) as the hardware computes it for fyl2xp1, x > -1. */
export function log2p1Hw(x: Big): Big {
  if (isZ(x)) return x;
  // |x| <= 1/8 (1/8 itself too, pinned): the series; up to 1 (down to -1/2): the table
  const e = ilog2(x), eighth = e === -3 && (x.m & (x.m - 1n)) === 0n;
  if (e < -3 || eighth) return log2p1Small(x);
  if (e < -1 || (e === -1 && !x.s)) return log2Table(x);
  // beyond: 1 + x (exact) in its binade, as fyl2x
  return log2Binade(add(ONE, x));
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

/** log2 of the table points (below). */
const LOG_TABLE = new Map<number, Big>();

/*
 * log2(1 + x) for 1/8 <= |x| < 1 (x > -1/2) as the hardware computes it
 * (docs/X87-TRANSCENDENTALS.md 4.5.1): y = 1 + x (exact), the table point p the middle of
 * y's step of 1/32 (y > 1) or 1/64 (y < 1), s = (y - p) / (y + p) with y + p rounded to
 * nearest at 64 bits and the quotient rounded to nearest at 64 bits (a 64-bit division),
 * c = 2 K atanh(s) (K = 1/ln 2 rounded up to 67 bits; K s cut to 67 bits as in the series,
 * 4.5.2; atanh s the degree-2 minimax polynomial in s^2 of ATANH_Q, 4.5.3) rounded to
 * nearest at 64 bits, then log2 p + c cut to 67 bits (99.5% of 8,621 fresh pinned operands,
 * 99.0% with the fitted correction e(s) that the polynomial replaced).
 */
function log2Table(x: Big): Big {
  return truncBits(log2TableSum(x, 0), 67);
}

/** log2Table's E + log2 p + c before the cut (E the exponent of log2Binade's operand). */
function log2TableSum(x: Big, E: number): Big {
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
  // c = 2 K atanh(s) as the hardware evaluates it (docs 4.5.3): K s cut to 67 bits (as the
  // series, 4.5.2), doubled, plus 2K s^3 Q(s^2), Q the degree-2 minimax polynomial of
  // (atanh s - s)/s^3 for the absolute error on |s| <= 2^-7; the sum rounded to 64 bits
  const as = new Big(0, s.m, s.e);
  const Ks = mul(K67, as), z = mul(as, as);
  const q = horner(ATANH_Q, z);
  const v = add(scale(truncBits(Ks, 67), 1), scale(mul(mul(Ks, z), q), 1));
  const c = roundBits(new Big(s.s, v.m, v.e), 64);
  const TE = E === 0 ? T : add(fromInt(E), T);
  // the hardware's sum: where c takes from |T| (opposite signs), the result is |T| - |c| plus
  // one unit of c's 67th bit, as if c (64 bits, padded to 67) were subtracted by its one's
  // complement without the carry in (docs 4.5.3: pinned, every one of 19,741 operands of the
  // table range, against 99.5% with the exact sum; the misses all had |T| - |c| within
  // 2^-3 of c's 64th bit below a 67-bit grid point of L)
  return addOnesComplement(TE, c);
}

/**
 * The table's atanh polynomial (docs/X87-TRANSCENDENTALS.md 4.5.3): atanh s = s + s^3 Q(s^2)
 * with Q(z) = Q0 + Q1 z + Q2 z^2 the minimax polynomial of (atanh s - s)/s^3 for the
 * absolute error s^3 (Q(z) - (atanh s - s)/s^3) on |s| <= 2^-7 (the table's whole range of
 * s). Its equioscillating error, up to 2^-69.5 of 2K atanh s, is what the fitted correction
 * e(s) of 4.5.1/4.5.2 stood in for (pinned L: 99.5% right against 99.0% with e(s)). The
 * coefficients are Taylor's 1/3, 1/5, 1/7 moved by about 2^-47, -2^-31, +2^-16; rounded to
 * 64 bits here (their rounding changes c by less than 2^-84).
 */
const ATANH_Q = [
  new Big(0, 0xaaaaaaaaaaae3ac1n, -65),
  new Big(0, 0xccccccc382808542n, -66),
  new Big(0, 0x924cc9a058e35cd2n, -66),
];

/** 1/ln 2 rounded up to 67 significant bits: the hardware's constant. */
const K67 = new Big(0, 0x2e2a8eca5705fc2efn, -65);

/**
 * log2(1 + x) for 0 < |x| < 1/8 as the hardware computes it (docs/X87-TRANSCENDENTALS.md
 * 4.5, 4.5.2, 4.5.3: every pinned operand from 2^-100 to 2^-9, 99.8% from 2^-9 to 2^-5,
 * 99.1% from 2^-4 to 2^-3). With K = 1/ln 2 rounded up to 67 bits, t = 1 + x cut to 66 significant
 * bits, minus 1 (x floored to a multiple of 2^-65, or of 2^-66 for x < 0), and
 * s = x / (2 + t):
 *   log2(1 + x) = 2K atanh s = K x - K s t + 2K (s^3/3 + s^5/5 + ...)
 * (2s = x - s t), as magnitudes: K x cut to its own 67 bits (A), K s = A / (2 + t) rounded to
 * nearest at 67 bits (4.6.1) times t exactly, the tail (TAIL_Q's polynomial, 4.5.3) floored to a
 * multiple of the 67th bit of the head A - K s t (4.6.1; s there cut to 67 bits, K s the
 * quotient cut to 64, its products cut to 67, 4.6.2), their sum cut to 67 bits. Below 2^-66,
 * x K cut to 67 bits.
 */
function log2p1Small(x: Big): Big {
  const ax = new Big(0, x.m, x.e);
  const A = mulExact(ax, K67);
  if (ilog2(x) < -66) { const a = truncBits(A, 67); return new Big(x.s, a.m, a.e); }
  const t = floorTo(x, x.s ? -66 : -65);
  const D = add(fromInt(2), t); // 67 bits: 2 + t on 2^-65 (x > 0) or 2^-66 (x < 0)
  const s = div(ax, D); // |s|
  const A67 = truncBits(A, 67);
  // K |s| |t|: subtracted from the magnitude for x > 0, added for x < 0. K s is the 67-bit
  // K x divided by the 67-bit 2 + t, the quotient rounded to nearest at 67 bits (docs 4.6.1:
  // the misses of K s = K s cut to 67 bits all had K x just above its 67-bit cut and K s just
  // below its own, or the reverse; this also gives x = 1/8 exactly, for which that cut needed a
  // sticky bit; the quotient cut, or K s from the exact K x, rounded, is much worse)
  const q = div(A67, D);
  const Ks = roundBits(q, 67);
  const B = mul(Ks, new Big(x.s ? 0 : 1, t.m, t.e));
  // 2K (s^3/3 + s^5/5 + ...), |s| <= 1/16, as 2 (K s) s^2 Q(s^2): s^2 from s in the 67-bit
  // format (cut, like fpatan's quotient d, docs 5.7.2), K s the head's quotient A / (2 + t)
  // cut to 64 bits instead of rounded to 67 (as if the quotient were taken into a 64-bit
  // multiplier before its rounding), and each product held in the 67-bit format, cut: the
  // square z, z Q(z) and K s times that (docs 4.6.1, 4.6.2: the hardware's tail is about 1.3
  // units of 2^-64 below the exact one; K s from 1/ln 2 times s, cut to 64 bits, halved the
  // misses left at 2^-4 .. 2^-3, the products cut to 67 bits took 5% more, the quotient cut to
  // 64 bits another 7%; the 67-bit quotient cut to 64 bits, or products rounded, is worse)
  const s67 = truncBits(s, 67), z = truncBits(mul(s67, s67), 67);
  const zQ = truncBits(mul(z, horner(TAIL_Q, z)), 67);
  const C = scale(truncBits(mul(truncBits(q, 64), zQ), 67), 1);
  // K x is cut to its own 67 bits and K s t is not floored (docs 4.5.2: where K x and L lie
  // in different binades, near 2^-3 and the other powers of two, only this fits; elsewhere it
  // is the same as flooring K s t at L's grid); the tail is floored at the 67th bit of the
  // head K x - K s t = 2 K s, not of L (docs 4.6.1: they differ where L crosses a power of
  // two, x = 2^(1/8) - 1 and 1 - 2^(-1/8), and only the head's grid fits there)
  const G = add(A67, B);
  const m = truncBits(add(G, floorTo(C, ilog2(G) - 66)), 67);
  return new Big(x.s, m.m, m.e);
}

/**
 * The series' tail (docs/X87-TRANSCENDENTALS.md 4.5.3): 2K (atanh s - s) = 2K s^3 Q(s^2) with
 * Q(z) = Q0 + Q1 z + ... + Q5 z^5 the minimax polynomial of (atanh s - s)/s^3 for the relative
 * error of atanh s, s^2 (Q(z) - (atanh s - s)/s^3), on |s| <= 1/15 (the series' whole range:
 * s = -1/15 at x = -1/8). Its error is what the fitted tailError of 4.5.2 stood in for (a
 * relative error of the tail of about -2^-56 at small s, changing sign near |s| = 0.02).
 * Coefficients to 96 bits (the minimax solution of a linear program on 60,000 points).
 */
const TAIL_Q = [
  new Big(0, 0xaaaaaaaaaaaaaa0b145253d5n, -97),
  new Big(0, 0xcccccccccce216c352fdcd25n, -98),
  new Big(0, 0x92492491d0226494b5172c27n, -98),
  new Big(0, 0xe38e3b5bdda45e6e753c7dedn, -99),
  new Big(0, 0xba2b48d9995ee7c18efa7151n, -99),
  new Big(0, 0x9fa7400585522afa5a9e1d96n, -99),
];

/** log2(1 + x) for x > -1. */
export function log2p1(x: Big): Big {
  if (ilog2(x) < -1) return log2Atanh(div(x, add(fromInt(2), x)));
  return log2(add(ONE, x));
}
