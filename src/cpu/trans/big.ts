// Multi-precision numbers for the x87 transcendental functions (src/cpu/trans/):
// { s, m, e } = (-1)^s * m * 2^e with m a BigInt, truncated to W bits, the arithmetic on
// them, the constants, and the roundings the hardware's evaluations use (roundBits,
// truncBits, floorTo, roundFixed).

import { F80 } from '../f80.js';

export const BIAS = 0x3fff;

/** Working precision in bits (mantissas are truncated to this many bits). */
export const W = 160;

export class Big {
  constructor(public s: number, public m: bigint, public e: number) {}
}

export function bitlen(m: bigint): number {
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

export const ZERO = new Big(0, 0n, 0);

export function isZ(a: Big): boolean { return a.m === 0n; }

export function neg(a: Big): Big { return new Big(a.s ^ 1, a.m, a.e); }

export function mul(a: Big, b: Big): Big { return norm(new Big(a.s ^ b.s, a.m * b.m, a.e + b.e)); }

export function div(a: Big, b: Big): Big {
  const sh = W + 2 + bitlen(b.m) - bitlen(a.m);
  return norm(new Big(a.s ^ b.s, (a.m << BigInt(sh)) / b.m, a.e - b.e - sh));
}

export function add(a: Big, b: Big): Big {
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

export function sub(a: Big, b: Big): Big { return add(a, neg(b)); }

export function fromInt(n: number): Big { return big(n < 0 ? 1 : 0, BigInt(Math.abs(n)), 0); }

/** a * 2^k */
export function scale(a: Big, k: number): Big { return new Big(a.s, a.m, a.e + k); }

export const ONE = fromInt(1);

export const PI = big(0, 0xc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22n, -254);

export const PIO2 = scale(PI, -1);

export const LN2 = big(0, 0xb17217f7d1cf79abc9e3b39803f2f6af40f343267298b62d8a0d175b8baafa2bn, -256);

export const L2E = big(0, 0xb8aa3b295c17f0bbbe87fed0691d3e88eb577aa8dd695a588b25166cd1a13247n, -255);

/** A finite nonzero 80-bit value (denormals and pseudo-denormals included). */
export function fromF80(v: F80): Big {
  const m = (BigInt(v.hi >>> 0) << 32n) | BigInt(v.lo >>> 0);
  return big(v.sign, m, (v.exp === 0 ? 1 : v.exp) - BIAS - 63);
}

/**
 * A nonzero double as a Big (exact): its value is an integer times 2^e for the e of its last
 * bit; Math.log2 only gives the start (it may be off by one near a power of two), the loop
 * makes sure the integer is exact.
 */
export function fromDouble(v: number): Big {
  const a = Math.abs(v);
  let e = Math.floor(Math.log2(a)) - 52;
  while (!Number.isInteger(a / 2 ** e)) e--;
  return big(v < 0 ? 1 : 0, BigInt(a / 2 ** e), e);
}

/**
 * a + b as the hardware's 67-bit adder sums a table value and a correction
 * (docs/X87-TRANSCENDENTALS.md 4.5.3, 5.8): where b takes from a (opposite signs) it is
 * subtracted as if by its one's complement at its 67th bit, without the carry in, so |b|
 * counts one unit of its 67th bit less; the rest of b is kept.
 */
export function addOnesComplement(a: Big, b: Big): Big {
  if (a.s === b.s || isZ(b)) return add(a, b);
  return add(add(a, b), new Big(a.s, 1n, ilog2(b) - 66));
}

/** log2 of |a| rounded down (the exponent of the leading bit); a nonzero. */
export function ilog2(a: Big): number { return a.e + bitlen(a.m) - 1; }

/**
 * 1/k!, 1/(2n+1) and sqrt 2: made at the first transcendental instruction, not at every
 * start of x64vm (they cost ~1.5 ms of multi-precision division).
 */
let INV_FACT: Big[] = [], INV_ODD: Big[] = [];
export let SQRT2 = ZERO;

export function makeConstants(): void {
  if (INV_FACT.length) return;
  for (let k = 0, f = 1n; k < 100; k++, f *= BigInt(k)) INV_FACT.push(div(ONE, big(0, f, 0)));
  for (let n = 0; n < 200; n++) INV_ODD.push(div(ONE, fromInt(2 * n + 1)));
  SQRT2 = sqrt(fromInt(2));
}

/** a rounded to nearest (ties to even) at a multiple of 2^-bits. */
export function roundFixed(a: Big, bits: number): Big {
  const sh = -(a.e + bits);
  if (sh <= 0 || isZ(a)) return a;
  const d = BigInt(sh);
  let m = a.m >> d;
  const rem = a.m - (m << d), half = 1n << (d - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  return big(a.s, m, -bits);
}

/** a rounded to nearest (ties to even) at `bits` significant bits. */
export function roundBits(a: Big, bits: number): Big {
  if (isZ(a)) return a;
  const n = bitlen(a.m);
  if (n <= bits) return a;
  const drop = BigInt(n - bits);
  let m = a.m >> drop;
  const rem = a.m - (m << drop), half = 1n << (drop - 1n);
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  return big(a.s, m, a.e + n - bits);
}

export function sqrt(a: Big): Big {
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

export function cmpMag(a: Big, b: Big): number {
  const e = Math.min(a.e, b.e);
  const am = a.m << BigInt(a.e - e), bm = b.m << BigInt(b.e - e);
  return am < bm ? -1 : am > bm ? 1 : 0;
}

/** a floored (toward minus infinity) to a multiple of 2^g; exact. */
export function floorTo(a: Big, g: number): Big {
  if (isZ(a) || a.e >= g) return a;
  const sh = BigInt(g - a.e);
  let q = a.m >> sh;
  if (a.s && (q << sh) !== a.m) q += 1n;
  return new Big(a.s, q, g);
}

/** The exact product (no cut to W bits). */
export function mulExact(a: Big, b: Big): Big { return new Big(a.s ^ b.s, a.m * b.m, a.e + b.e); }

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


/** The exponent of the leading bit of a (nonzero). */
export function bigExp(a: Big): number { return isZ(a) ? -Infinity : ilog2(a); }

/** sign * k pi / 4 */
export function piQuarters(k: number, sign: number): Big { return big(sign, PI.m * BigInt(k), PI.e - 2); }

/** 1/k! */
export function invFact(k: number): Big {
  if (k < INV_FACT.length) return INV_FACT[k];
  let f = 1n;
  for (let i = 2n; i <= BigInt(k); i++) f *= i;
  return div(ONE, big(0, f, 0));
}

/** 1/(2n + 1) */
function invOdd(n: number): Big { return n < INV_ODD.length ? INV_ODD[n] : div(ONE, fromInt(2 * n + 1)); }

/**
 * The power series p0 (coef(0) + coef(1) z + coef(2) z^2 + ...), |z| < 1, summed until a
 * term falls below 2^-(W + 8).
 */
export function series(z: Big, coef: (n: number) => Big, p0: Big = ONE): Big {
  makeConstants();
  let sum = ZERO, p = p0;
  for (let n = 0; n < 3000; n++) {
    const t = mul(p, coef(n));
    sum = add(sum, t);
    if (ilog2(t) < -W - 8) break;
    p = mul(p, z);
    if (isZ(p)) break;
  }
  return sum;
}

/** The polynomial c[0] + c[1] z + c[2] z^2 + ... (exact): the hardware's minimax polynomials. */
export function horner(c: readonly Big[], z: Big): Big {
  let acc = ZERO;
  for (let i = c.length - 1; i >= 0; i--) acc = add(mul(acc, z), c[i]);
  return acc;
}

/** 1 + z/3 + z^2/5 + z^3/7 + ...: atan's series with z = -t^2, atanh's with s^2. */
export function oddSeries(z: Big): Big { return series(z, invOdd); }
