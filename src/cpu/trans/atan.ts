// atan2 as the hardware's fpatan computes it (docs/X87-TRANSCENDENTALS.md 4.6): the series
// of small quotients and the table at multiples of 1/32.

import {
  Big, ONE, PI, PIO2, ZERO, add, big, bitlen, cmpMag, div, ilog2, isZ, makeConstants,
  fromDouble, horner, mul, neg, oddSeries, roundBits, scale, sqrt, sub, truncBits,
} from './big.js';

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
  return scale(mul(t, oddSeries(neg(mul(t, t)))), k);
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
 * and pi/2 -+ that of t = |x/y| for |y| > |x|, pi and pi/2 cut to 67 bits, that sum itself
 * cut toward zero to 67 bits first (5.7.3: else 1 in 4,000 such pairs is wrong). Rounded once
 * (below 2^-40 the result for x > 0 is that 67-bit quotient rounded).
 */
function atanSmall(t: Big): Big {
  const v = truncBits(t, 67);
  return ilog2(t) >= -40 ? add(v, sub(atanPos(t), t)) : v;
}

/*
 * atan2 of quotients t = |y/x| (or |x/y| when |y| > |x|) from 3/64 to 1 as the hardware's
 * fpatan computes it (docs/X87-TRANSCENDENTALS.md, 4.6 and 5.7): from the table point p nearest t of
 * the multiples of 1/32 from 1/16 (no result is a 64-bit value near them), with C = atan p rounded to
 * nearest at 67 bits and d = (t - p) / (1 + t p) formed from the operands as
 * (small - p large) / RZ67(large + p small) cut toward zero at 67 bits (5.7.2: the
 * divisor and the quotient in the 67-bit format; d rounded to nearest from the exact
 * quotient, 5.7.1, missed 0.5% of these pairs, this 0.02%), c = atan d cut toward zero
 * at 67 bits (like the sine's correction, 5.7), atan d the hardware's polynomial (atanPoly,
 * 5.7.3); then
 *   x > 0, |y| <= |x|: C + c           x < 0, |y| <= |x|: PI - cut(C + c)
 *   x > 0, |y| >  |x|: PI/2 - cut(C + c)    x < 0, |y| > |x|: PI/2 + cut(C + c)
 * with cut() toward zero at 67 bits (of the sum: where C + c is in the binade above C's,
 * one bit coarser than C) and PI, PI/2 cut to 67 bits; rounded once.
 * With atanPoly this misses none of 780,000 random pairs of 3/64..1 (5.7.3; 0.02% with the
 * exact atan d, 5.7.2).
 */
const PI_67 = truncBits(PI, 67);

const PIO2_67 = truncBits(PIO2, 67);

const ATAN_TABLE = new Map<number, Big>();

/** The series up to here, the table from here (3/64: halfway to the first point used, 1/16). */
const ATAN_TABLE_FROM = big(0, 3n, -6);

/**
 * An angle a from the first octant in its place: pi - a (x < 0), pi/2 -+ a (|y| > |x|), a
 * cut toward zero to 67 bits first wherever it is moved (the table's C + c, atanTable, and
 * the series, 5.7.3); a itself, uncut, in the first octant.
 */
function placed(a: Big, xNeg: number, swap: boolean): Big {
  if (!xNeg && !swap) return a;
  const ac = truncBits(a, 67);
  return swap ? (xNeg ? add(PIO2_67, ac) : sub(PIO2_67, ac)) : sub(PI_67, ac);
}

/*
 * atan d in the table evaluation is not exact but the hardware's polynomial (docs 5.7.3):
 * d + d w (a1 + a2 w + a3 w^2 + a4 w^3), w = d^2, a_k = (-1)^k / (2k+1) + ATAN_POLY[k - 1],
 * the degree-9 odd polynomial with the smallest relative error of atan d on |d| <= 131/8192
 * (error +-2^-71.9, alternating at 35.3, 75.1, 105.3, 124.4 and 131 / 8192: the pattern of
 * the sine's SIN_POLY on its own interval, 5.8). Its error, up to 0.03 units of c's 67th
 * bit, decides the cut toward zero of c for the pairs whose exact atan d lies that close to
 * a 67-bit boundary: 41 of 300,000 random pairs x > 0 were one unit off with the exact atan d.
 * The interval is pinned by those pairs (129: 9, 130: 6, 131: 0, 132: 4, 133: 10 wrong);
 * the roundings inside the evaluation are below what the data resolve.
 */
const ATAN_POLY = [2.711436870321979e-17, -1.0302310542884227e-12, 1.2167731205968893e-8, -5.6640052906045884e-5];

let ATAN_Q: Big[] = [];

/** The hardware's atan d for 0 < d <= 1/64 (see ATAN_POLY). */
function atanPoly(d: Big): Big {
  if (!ATAN_Q.length) {
    // Taylor's -1/3, 1/5, -1/7, 1/9 (to 160 bits) moved by the minimax differences
    ATAN_Q = ATAN_POLY.map((x, i) => add(div(big(i & 1 ? 0 : 1, 1n, 0), big(0, BigInt(2 * i + 3), 0)), fromDouble(x)));
  }
  const w = mul(d, d);
  return add(d, mul(d, mul(w, horner(ATAN_Q, w))));
}

function atanTable(small: Big, large: Big, t: Big, xNeg: number, swap: boolean): Big {
  const k = Math.round(Number(t.m) * 2 ** (t.e + 5)); // 2..32
  const p = big(0, BigInt(k), -5);
  let C = ATAN_TABLE.get(k);
  if (!C) { C = roundBits(atanPos(p), 67); ATAN_TABLE.set(k, C); }
  // d = (small - p large) / (large + p small) as the hardware divides (5.7.2): the
  // numerator is exact (it fits 64 bits), the denominator (up to ~74 bits) is cut toward
  // zero to 67 bits, and the quotient is cut toward zero to 67 bits (div truncates, so
  // cutting its 160 bits is cutting the exact quotient).
  const d = truncBits(div(sub(small, mul(p, large)), truncBits(add(large, mul(p, small)), 67)), 67);
  let c = ZERO;
  if (!isZ(d)) {
    c = truncBits(atanPoly(new Big(0, d.m, d.e)), 67);
    if (d.s) c = neg(c);
  }
  return placed(add(C, c), xNeg, swap);
}

/** atan2 as the hardware computes it before rounding: atanSmall or atanTable. */
export function atan2Hw(y: Big, x: Big): Big {
  const ay = new Big(0, y.m, y.e), ax = new Big(0, x.m, x.e);
  const swap = cmpMag(ay, ax) > 0;
  const [small, large] = swap ? [ax, ay] : [ay, ax];
  const t = div(small, large);
  // a small quotient: its series, taken from pi or pi/2 cut to 67 bits after the series
  // itself is cut toward zero to 67 bits (5.7.3, as the table's C + c is)
  const hw = cmpMag(t, ATAN_TABLE_FROM) < 0
    ? placed(atanSmall(t), x.s, swap) : atanTable(small, large, t, x.s, swap);
  return y.s ? neg(hw) : hw;
}
