// The single rounding of an x87 transcendental result to the 80-bit format with the
// rounding control, and its flags (src/cpu/f80-trans.ts).

import { F80 } from '../f80.js';
import { BIAS, Big, bitlen, isZ } from './big.js';

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
