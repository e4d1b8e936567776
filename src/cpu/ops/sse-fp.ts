// IEEE-754 binary32/binary64 arithmetic as SSE performs it: x86 NaN propagation,
// MXCSR rounding control, DAZ/FTZ and the six exception flags.
//
// Values travel as raw bits (a float32 as one u32, a float64 as lo/hi u32) because a
// NaN that passes through a JS number may lose its payload or its signalling bit.
// The fast path computes with JS doubles, which round to nearest; it finds the sign
// of the rounding error exactly (TwoSum / Dekker products) to set PE and to apply
// the directed rounding modes. Anything near overflow or underflow, and operands the
// error-free transformations cannot handle, go through an exact BigInt path.

import type { Cpu } from '../cpu.js';
import { CpuException, EXC_XM } from '../exceptions.js';

// MXCSR bits
export const IE = 1, DE = 2, ZE = 4, OE = 8, UE = 16, PE = 32, DAZ = 0x40;
export const PM_BIT = 0x1000, UM_BIT = 0x800, FTZ = 0x8000;
export const RN = 0, RD = 1, RU = 2, RZ = 3;

/** Exception flags raised by the instruction being executed. */
export let exc = 0;
/** The rounding mode (MXCSR.RC) of the instruction being executed. */
export let rc = 0;
let daz = false, ftz = false, umMasked = true, omMasked = true;
/** false when the inexact flag cannot change and nearest rounding is in force (the common case) */
let needExact = true;

/** Snapshot MXCSR before an arithmetic instruction. */
export function begin(c: Cpu): void {
  const m = c.mxcsrView[0];
  rc = (m >> 13) & 3;
  daz = (m & DAZ) !== 0;
  umMasked = (m & UM_BIT) !== 0;
  omMasked = (m & 0x400) !== 0;
  ftz = (m & FTZ) !== 0 && umMasked;
  needExact = rc !== RN || (m & (PE | PM_BIT)) !== (PE | PM_BIT);
  exc = 0;
}

/** Record the flags; raise #XM (before the destination is written) for an unmasked one. */
export function end(c: Cpu): void {
  if (exc === 0) return;
  const m = c.mxcsrView[0];
  const unmasked = exc & ~(m >> 7) & 0x3f;
  if (unmasked) {
    // a pre-computation exception (invalid, denormal, divide) suppresses the others
    const pre = exc & (IE | DE | ZE);
    const flags = pre & unmasked ? pre : exc;
    c.mxcsrView[0] = m | flags;
    // the kernel derives si_code from every flag set in MXCSR whose exception is
    // unmasked, earlier sticky ones included (fpu__exception_code: ~(mxcsr >> 7) & mxcsr)
    throw new CpuException(EXC_XM, (m | flags) & ~(m >> 7) & 0x3f);
  }
  c.mxcsrView[0] = m | exc;
}

/** Raise flags from outside this module (comparisons, conversions). */
export function raise(f: number): void { exc |= f; }

// ---- bit conversions -----------------------------------------------------------------

const cvBuf = new ArrayBuffer(8);
const cvU32 = new Uint32Array(cvBuf), cvF32 = new Float32Array(cvBuf, 0, 1), cvF64 = new Float64Array(cvBuf);

export function f32(bits: number): number { cvU32[0] = bits; return cvF32[0]; }
export function bits32(v: number): number { cvF32[0] = v; return cvU32[0]; }
export function f64(lo: number, hi: number): number { cvU32[0] = lo; cvU32[1] = hi; return cvF64[0]; }
/** The high word of a float64 result (a typed array: a module variable holding a u32 would box it). */
export const HI = new Uint32Array(1);
export function bits64(v: number): number { cvF64[0] = v; HI[0] = cvU32[1]; return cvU32[0]; }

export const DEFAULT_NAN32 = 0xffc00000;
export const DEFAULT_NAN_HI = 0xfff80000;

export const isNaN32 = (b: number): boolean => (b & 0x7fffffff) > 0x7f800000;
export const isSNaN32 = (b: number): boolean => (b & 0x7fffffff) > 0x7f800000 && (b & 0x400000) === 0;
export const isDenormal32 = (b: number): boolean => (b & 0x7f800000) === 0 && (b & 0x7fffff) !== 0;
export const isNaN64 = (lo: number, hi: number): boolean => (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0;
export const isSNaN64 = (lo: number, hi: number): boolean => isNaN64(lo, hi) && (hi & 0x80000) === 0;
export const isDenormal64 = (lo: number, hi: number): boolean => (hi & 0x7ff00000) === 0 && ((hi & 0xfffff) | lo) !== 0;

/** Apply DAZ to a float32 operand (or note the denormal operand); returns the bits to use. */
export function denorm32(b: number): number {
  if ((b & 0x7f800000) === 0 && (b & 0x7fffff) !== 0) {
    if (daz) return b & 0x80000000;
    exc |= DE;
  }
  return b;
}
/** The same for a float64 high word: returns the possibly flushed high word; `dazLo` tells whether lo must become 0. */
export let dazLo = false;
export function denorm64(lo: number, hi: number): number {
  dazLo = false;
  if ((hi & 0x7ff00000) === 0 && ((hi & 0xfffff) | lo) !== 0) {
    if (daz) { dazLo = true; return hi & 0x80000000; }
    exc |= DE;
  }
  return hi;
}

// ---- error-free transformations -------------------------------------------------------

const SPLIT = 134217729; // 2^27 + 1

/** The exact rounding error of the double product a*b (Dekker), given p = a*b. */
function prodErr(a: number, b: number, p: number): number {
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

const sgn = (v: number): number => (v > 0 ? 1 : v < 0 ? -1 : 0);

const MIN32 = 1.1754943508222875e-38, MAX32 = 3.4028234663852886e38;
const MIN64 = 2.2250738585072014e-308, MAX64 = 1.7976931348623157e308;
const LO_SAFE = 2 ** -960, HI_SAFE = 2 ** 960;

/** Finish a fast-path float32 result r (normal, MIN32 < |r| < MAX32) whose error sign is sr. */
function dir32(r: number, sr: number): number {
  const b = bits32(r);
  if (sr === 0) return b;
  exc |= PE;
  switch (rc) {
    case RN: return b;
    case RD: return sr < 0 ? (r > 0 ? b - 1 : b + 1) : b;
    case RU: return sr > 0 ? (r > 0 ? b + 1 : b - 1) : b;
    default: return (r > 0) !== (sr > 0) ? b - 1 : b; // toward zero: magnitude down when the true value is smaller
  }
}

/** Add/subtract one unit in the last place to the magnitude of a finite double (bits lo/hi); result in lo + HI[0]. */
function step64(lo: number, hi: number, up: boolean): number {
  if (up) { lo = (lo + 1) >>> 0; if (lo === 0) hi = (hi + 1) >>> 0; }
  else { if (lo === 0) hi = (hi - 1) >>> 0; lo = (lo - 1) >>> 0; }
  HI[0] = hi;
  return lo;
}

/** Finish a fast-path double result (normal, MIN64 < |r| < MAX64): lo returned, hi in HI[0]. */
function dir64(r: number, sr: number): number {
  const lo = bits64(r), hi = HI[0];
  if (sr === 0) return lo;
  exc |= PE;
  let mag = 0; // +1 grow magnitude, -1 shrink
  switch (rc) {
    case RN: return lo;
    case RD: if (sr < 0) mag = r > 0 ? -1 : 1; break;
    case RU: if (sr > 0) mag = r > 0 ? 1 : -1; break;
    default: if ((r > 0) !== (sr > 0)) mag = -1; break;
  }
  if (mag === 0) return lo;
  return step64(lo, hi, mag > 0);
}

// ---- the exact path ----------------------------------------------------------------------

function bitLen(m: bigint): number { return m === 0n ? 0 : m.toString(2).length; }

/** Round the magnitude m (with `sticky` bits below it) right by sh bits; returns the rounded integer, sets lastInexact. */
let lastInexact = false;
function roundShift(m: bigint, sh: number, sticky: boolean, neg: boolean): bigint {
  if (sh <= 0) {
    lastInexact = sticky;
    let q = m << BigInt(-sh);
    if (sticky && ((rc === RU && !neg) || (rc === RD && neg))) q += 1n;
    return q;
  }
  const bs = BigInt(sh);
  let q = m >> bs;
  const rem = m & ((1n << bs) - 1n), half = 1n << (bs - 1n);
  const inexact = rem !== 0n || sticky;
  lastInexact = inexact;
  let up = false;
  switch (rc) {
    case RN: up = rem > half || (rem === half && (sticky || (q & 1n) === 1n)); break;
    case RU: up = inexact && !neg; break;
    case RD: up = inexact && neg; break;
    default: break;
  }
  if (up) q += 1n;
  return q;
}

/**
 * Round (-1)^neg * (m + sticky) * 2^e to the format (P significand bits, exponent range
 * emin..emax), set flags. m > 0; when sticky, m must have at least P+2 bits.
 * Returns the low 32 bits of the result; for binary64 the high word is in HI[0].
 */
export function roundPack(neg: boolean, m: bigint, e: number, sticky: boolean, is64: boolean): number {
  const P = is64 ? 53 : 24, EMIN = is64 ? -1022 : -126, EMAX = is64 ? 1023 : 127, BIAS = is64 ? 1023 : 127;
  const len = bitLen(m);
  let sh = len - P;
  let q = roundShift(m, sh, sticky, neg);
  let inexact = lastInexact;
  let eu = e + sh + P - 1; // exponent of the leading bit after rounding with unbounded range
  if (q >> BigInt(P) !== 0n) { q >>= 1n; eu++; }
  let biased: number, mant: bigint;
  if (eu > EMAX) {
    // an unmasked overflow traps without a result: inexact only if the significand was rounded
    exc |= omMasked || inexact ? OE | PE : OE;
    const toInf = rc === RN || (rc === RU && !neg) || (rc === RD && neg);
    if (toInf) { biased = 2 * BIAS + 1; mant = 0n; }
    else { biased = 2 * BIAS; mant = (1n << BigInt(P - 1)) - 1n; }
  } else if (eu < EMIN) {
    // tiny (detected after rounding, as x86 does)
    if (ftz) { exc |= UE | PE; return pack(neg, 0, 0n, is64); }
    const wideInexact = inexact;
    sh = (EMIN - P + 1) - e;
    q = roundShift(m, sh, sticky, neg);
    inexact = lastInexact;
    // masked, underflow means a tiny and inexact (denormalized) result; unmasked, the trap
    // gets no result: always UE, and PE only if the significand itself was rounded
    if (umMasked) { if (inexact) exc |= UE | PE; }
    else exc |= wideInexact ? UE | PE : UE;
    if (q >> BigInt(P - 1) !== 0n) { biased = 1; mant = q - (1n << BigInt(P - 1)); }
    else { biased = 0; mant = q; }
  } else {
    if (inexact) exc |= PE;
    biased = eu + BIAS;
    mant = q - (1n << BigInt(P - 1));
  }
  return pack(neg, biased, mant, is64);
}

function pack(neg: boolean, biased: number, mant: bigint, is64: boolean): number {
  if (!is64) return ((neg ? 0x80000000 : 0) | (biased << 23) | Number(mant)) >>> 0;
  HI[0] = ((neg ? 0x80000000 : 0) | (biased << 20) | Number(mant >> 32n)) >>> 0;
  return Number(mant & 0xffffffffn);
}

/** Decode a finite operand into sign, integer significand and exponent (value = m * 2^e). */
let dNeg = false, dM = 0n, dE = 0;
function decode32(b: number): void {
  const ex = (b >>> 23) & 0xff, man = b & 0x7fffff;
  dNeg = (b >>> 31) !== 0;
  if (ex === 0) { dM = BigInt(man); dE = -149; } else { dM = BigInt(man | 0x800000); dE = ex - 150; }
}
function decode64(lo: number, hi: number): void {
  const ex = (hi >>> 20) & 0x7ff, man = (hi & 0xfffff) * 4294967296 + lo;
  dNeg = (hi >>> 31) !== 0;
  if (ex === 0) { dM = BigInt(man); dE = -1074; } else { dM = BigInt(man + 4503599627370496); dE = ex - 1075; }
}

export const ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4, MIN = 5, MAX = 6;

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  // Newton steps from the float estimate until stable
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) { while (x * x > n) x--; while ((x + 1n) * (x + 1n) <= n) x++; return x; }
    x = y;
  }
}

/** Exact operation on finite operands whose result is finite or overflows: the slow path. */
function slowArith(k: number, aNeg: boolean, am: bigint, ae: number, bNeg: boolean, bm: bigint, be: number, is64: boolean): number {
  const P = is64 ? 53 : 24;
  switch (k) {
    case ADD: case SUB: {
      if (k === SUB) bNeg = !bNeg;
      const e = Math.min(ae, be);
      const a = (am << BigInt(ae - e)) * (aNeg ? -1n : 1n);
      const b = (bm << BigInt(be - e)) * (bNeg ? -1n : 1n);
      const s = a + b;
      if (s === 0n) {
        const neg = aNeg === bNeg ? aNeg : rc === RD;
        return pack(neg, 0, 0n, is64);
      }
      return roundPack(s < 0n, s < 0n ? -s : s, e, false, is64);
    }
    case MUL: {
      const neg = aNeg !== bNeg;
      if (am === 0n || bm === 0n) return pack(neg, 0, 0n, is64);
      return roundPack(neg, am * bm, ae + be, false, is64);
    }
    case DIV: {
      const neg = aNeg !== bNeg;
      if (am === 0n) return pack(neg, 0, 0n, is64);
      const s = Math.max(0, P + 3 + bitLen(bm) - bitLen(am));
      const num = am << BigInt(s);
      const q = num / bm, r = num % bm;
      return roundPack(neg, q, ae - be - s, r !== 0n, is64);
    }
    default: { // SQRT of b (non-negative)
      if (bm === 0n) return pack(bNeg, 0, 0n, is64);
      let m = bm, e = be;
      if (e & 1) { m <<= 1n; e--; }
      // enough bits: shift by 2t so the root has at least P+3 bits
      let t = Math.max(0, P + 3 - (bitLen(m) >> 1));
      const root = isqrt(m << BigInt(2 * t));
      const exact = root * root === m << BigInt(2 * t);
      return roundPack(false, root, (e >> 1) - t, !exact, is64);
    }
  }
}

// ---- binary32 arithmetic ---------------------------------------------------------------

/** One lane of add/sub/mul/div/sqrt/min/max on float32 bits (sqrt uses b only). Returns the result bits. */
export function arith32(k: number, a: number, b: number): number {
  if (k === SQRT) {
    if (isNaN32(b)) { if (!(b & 0x400000)) exc |= IE; return (b | 0x400000) >>> 0; }
    const e0 = exc;
    b = denorm32(b);
    const fb = f32(b);
    if (fb < 0) { exc = e0 | IE; return DEFAULT_NAN32; } // invalid outranks denormal
    if (fb === 0 || fb === Infinity) return b;
    const r = Math.fround(Math.sqrt(fb));
    if (r > MIN32 && r < MAX32) return dir32(r, needExact ? sgn(fb - r * r) : 0);
    decode32(b);
    return slowArith(SQRT, false, 0n, 0, dNeg, dM, dE, false);
  }
  const aN = isNaN32(a), bN = isNaN32(b);
  if (aN || bN) {
    if (k >= MIN) { exc |= IE; return daz && isDenormal32(b) ? (b & 0x80000000) >>> 0 : b; } // the source, DAZ applied
    if ((aN && !(a & 0x400000)) || (bN && !(b & 0x400000))) exc |= IE;
    return ((aN ? a : b) | 0x400000) >>> 0;
  }
  const e0 = exc;
  a = denorm32(a); b = denorm32(b);
  const fa = f32(a), fb = f32(b);
  let r: number, sr = 0;
  switch (k) {
    case MIN: return fa < fb ? a : b;
    case MAX: return fa > fb ? a : b;
    case ADD: case SUB: {
      const fb2 = k === ADD ? fb : -fb;
      const d = fa + fb2;
      if (d !== d) { exc |= IE; return DEFAULT_NAN32; } // inf - inf
      if (d === 0) {
        if (fa === 0 && fb2 === 0) {
          const na = Object.is(fa, -0), nb = Object.is(fb2, -0);
          return (na === nb ? na : rc === RD) ? 0x80000000 : 0;
        }
        return rc === RD ? 0x80000000 : 0;
      }
      r = Math.fround(d);
      if (!(r > MIN32 && r < MAX32) && !(r < -MIN32 && r > -MAX32)) {
        if (fa === Infinity || fa === -Infinity || fb === Infinity || fb === -Infinity) return bits32(r);
        decode32(a); const an = dNeg, am = dM, ae = dE;
        decode32(b);
        return slowArith(k, an, am, ae, dNeg, dM, dE, false);
      }
      if (needExact) {
        const bv = d - fa, e = (fa - (d - bv)) + (fb2 - bv);
        const dr = d - r;
        sr = dr !== 0 ? sgn(dr) : sgn(e);
      }
      return dir32(r, sr);
    }
    case MUL: {
      const d = fa * fb;
      if (d !== d) { exc |= IE; return DEFAULT_NAN32; } // 0 * inf
      r = Math.fround(d);
      if (!(r > MIN32 && r < MAX32) && !(r < -MIN32 && r > -MAX32)) {
        if (d === 0 && (fa === 0 || fb === 0)) return bits32(d);
        if (fa === Infinity || fa === -Infinity || fb === Infinity || fb === -Infinity) return bits32(d);
        decode32(a); const an = dNeg, am = dM, ae = dE;
        decode32(b);
        return slowArith(k, an, am, ae, dNeg, dM, dE, false);
      }
      return dir32(r, needExact ? sgn(d - r) : 0);
    }
    default: { // DIV
      if (fb === 0) {
        if (fa === 0) { exc |= IE; return DEFAULT_NAN32; }
        if (Math.abs(fa) !== Infinity) exc = e0 | ZE; // divide-by-zero outranks denormal
        return (((a ^ b) & 0x80000000) | 0x7f800000) >>> 0;
      }
      const d = fa / fb;
      if (d !== d) { exc |= IE; return DEFAULT_NAN32; } // inf / inf
      r = Math.fround(d);
      if (!(r > MIN32 && r < MAX32) && !(r < -MIN32 && r > -MAX32)) {
        if (fa === 0 || fa === Infinity || fa === -Infinity || fb === Infinity || fb === -Infinity) return bits32(d);
        decode32(a); const an = dNeg, am = dM, ae = dE;
        decode32(b);
        return slowArith(k, an, am, ae, dNeg, dM, dE, false);
      }
      if (needExact) sr = sgn(fa - r * fb) * (fb > 0 ? 1 : -1);
      return dir32(r, sr);
    }
  }
}

// ---- binary64 arithmetic ---------------------------------------------------------------

const inf = (v: number): boolean => v === Infinity || v === -Infinity;

/** One lane of add/sub/mul/div/sqrt/min/max on float64 bits. Returns lo; hi in HI[0]. */
export function arith64(k: number, alo: number, ahi: number, blo: number, bhi: number): number {
  if (k === SQRT) {
    if (isNaN64(blo, bhi)) { if (!(bhi & 0x80000)) exc |= IE; HI[0] = (bhi | 0x80000) >>> 0; return blo; }
    const e0 = exc;
    bhi = denorm64(blo, bhi); if (dazLo) blo = 0;
    const fb = f64(blo, bhi);
    if (fb < 0) { exc = e0 | IE; HI[0] = DEFAULT_NAN_HI; return 0; }
    if (fb === 0 || fb === Infinity) { HI[0] = bhi; return blo; }
    const r = Math.sqrt(fb);
    if (fb > LO_SAFE && fb < HI_SAFE) {
      let sr = 0;
      if (needExact) { const p = r * r, pe = prodErr(r, r, p), t = fb - p; sr = t > pe ? 1 : t < pe ? -1 : 0; }
      return dir64(r, sr);
    }
    decode64(blo, bhi);
    return slowArith(SQRT, false, 0n, 0, dNeg, dM, dE, true);
  }
  const aN = isNaN64(alo, ahi), bN = isNaN64(blo, bhi);
  if (aN || bN) {
    if (k >= MIN) {
      exc |= IE;
      if (daz && isDenormal64(blo, bhi)) { HI[0] = (bhi & 0x80000000) >>> 0; return 0; }
      HI[0] = bhi; return blo;
    }
    if ((aN && !(ahi & 0x80000)) || (bN && !(bhi & 0x80000))) exc |= IE;
    if (aN) { HI[0] = (ahi | 0x80000) >>> 0; return alo; }
    HI[0] = (bhi | 0x80000) >>> 0; return blo;
  }
  const e0 = exc;
  ahi = denorm64(alo, ahi); if (dazLo) alo = 0;
  bhi = denorm64(blo, bhi); if (dazLo) blo = 0;
  const fa = f64(alo, ahi), fb = f64(blo, bhi);
  switch (k) {
    case MIN: if (fa < fb) { HI[0] = ahi; return alo; } HI[0] = bhi; return blo;
    case MAX: if (fa > fb) { HI[0] = ahi; return alo; } HI[0] = bhi; return blo;
    case ADD: case SUB: {
      const fb2 = k === ADD ? fb : -fb;
      const d = fa + fb2;
      if (d !== d) { exc |= IE; HI[0] = DEFAULT_NAN_HI; return 0; }
      if (d === 0) {
        if (fa === 0 && fb2 === 0) {
          const neg = Object.is(fa, -0) === Object.is(fb2, -0) ? Object.is(fa, -0) : rc === RD;
          HI[0] = neg ? 0x80000000 : 0; return 0;
        }
        HI[0] = rc === RD ? 0x80000000 : 0; return 0;
      }
      if ((d > MIN64 && d < MAX64) || (d < -MIN64 && d > -MAX64)) {
        let sr = 0;
        // Fast2Sum from the larger operand: TwoSum's d - fa can overflow next to the format's maximum
        if (needExact) { const big = Math.abs(fa) >= Math.abs(fb2), z = d - (big ? fa : fb2); sr = sgn((big ? fb2 : fa) - z); }
        return dir64(d, sr);
      }
      if (inf(fa) || inf(fb)) return bits64(d);
      decode64(alo, ahi); const an = dNeg, am = dM, ae = dE;
      decode64(blo, bhi);
      return slowArith(k, an, am, ae, dNeg, dM, dE, true);
    }
    case MUL: {
      const p = fa * fb;
      if (p !== p) { exc |= IE; HI[0] = DEFAULT_NAN_HI; return 0; }
      if (fa === 0 || fb === 0 || inf(fa) || inf(fb)) return bits64(p);
      const ap = Math.abs(p);
      if (ap > LO_SAFE && ap < HI_SAFE && Math.abs(fa) < HI_SAFE && Math.abs(fb) < HI_SAFE) {
        return dir64(p, needExact ? sgn(prodErr(fa, fb, p)) : 0);
      }
      decode64(alo, ahi); const an = dNeg, am = dM, ae = dE;
      decode64(blo, bhi);
      return slowArith(k, an, am, ae, dNeg, dM, dE, true);
    }
    default: { // DIV
      if (fb === 0) {
        if (fa === 0) { exc |= IE; HI[0] = DEFAULT_NAN_HI; return 0; }
        if (!inf(fa)) exc = e0 | ZE;
        HI[0] = (((ahi ^ bhi) & 0x80000000) | 0x7ff00000) >>> 0; return 0;
      }
      const q = fa / fb;
      if (q !== q) { exc |= IE; HI[0] = DEFAULT_NAN_HI; return 0; }
      if (fa === 0 || inf(fa) || inf(fb)) return bits64(q);
      const aq = Math.abs(q), aa = Math.abs(fa), ab = Math.abs(fb);
      if (aq > LO_SAFE && aq < HI_SAFE && aa > LO_SAFE && aa < HI_SAFE && ab > LO_SAFE && ab < HI_SAFE) {
        let sr = 0;
        if (needExact) {
          const p = q * fb, pe = prodErr(q, fb, p), t = fa - p;
          sr = (t > pe ? 1 : t < pe ? -1 : 0) * (fb > 0 ? 1 : -1);
        }
        return dir64(q, sr);
      }
      decode64(alo, ahi); const an = dNeg, am = dM, ae = dE;
      decode64(blo, bhi);
      return slowArith(k, an, am, ae, dNeg, dM, dE, true);
    }
  }
}

// ---- conversions between the formats -----------------------------------------------------

/** float32 bits -> float64 (exact): lo returned, hi in HI[0]. */
export function cvt32to64(b: number): number {
  if (isNaN32(b)) {
    if (!(b & 0x400000)) exc |= IE;
    const m = (b | 0x400000) & 0x7fffff;
    HI[0] = ((b & 0x80000000) | 0x7ff00000 | (m >>> 3)) >>> 0;
    return (m << 29) >>> 0;
  }
  b = denorm32(b);
  return bits64(f32(b));
}

/** float64 bits -> float32 bits, rounded by MXCSR. */
export function cvt64to32(lo: number, hi: number): number {
  if (isNaN64(lo, hi)) {
    if (!(hi & 0x80000)) exc |= IE;
    return ((hi & 0x80000000) | 0x7fc00000 | ((hi & 0xfffff) << 3) | (lo >>> 29)) >>> 0;
  }
  hi = denorm64(lo, hi); if (dazLo) lo = 0;
  const x = f64(lo, hi);
  if (x === 0 || inf(x)) return bits32(x);
  const r = Math.fround(x);
  if ((r > MIN32 && r < MAX32) || (r < -MIN32 && r > -MAX32)) return dir32(r, needExact ? sgn(x - r) : 0);
  decode64(lo, hi);
  return roundPack(dNeg, dM, dE, false, false);
}

/** A signed integer (as a double when |v| < 2^53, else exactly as lo/hi) -> float bits, rounded by MXCSR. */
export function cvtInt(lo: number, hi: number, is64src: boolean, to64: boolean): number {
  let v: number;
  if (!is64src) v = lo | 0;
  else v = (hi | 0) * 4294967296 + lo;
  const big = is64src && (v >= 9007199254740992 || v <= -9007199254740992);
  if (!big) {
    if (to64) return bits64(v);
    if (v === 0) return 0;
    const r = Math.fround(v);
    return dir32(r, needExact ? sgn(v - r) : 0);
  }
  let n = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  const neg = (hi & 0x80000000) !== 0;
  if (neg) n = (1n << 64n) - n;
  return roundPack(neg, n, 0, false, to64);
}

/** Round a finite double to an integral double by the mode (exact for all magnitudes). */
export function roundInt(x: number, mode: number): number {
  switch (mode) {
    case RD: return Math.floor(x);
    case RU: return Math.ceil(x);
    case RZ: return Math.trunc(x);
    default: {
      if (Math.abs(x) >= 4503599627370496) return x;
      const t = Math.abs(x) + 4503599627370496 - 4503599627370496; // round half to even
      return x < 0 ? -t : t;
    }
  }
}

/**
 * A float (as a double, NaN-checked by the caller via isNaN) -> signed integer of 32 or 64
 * bits, by the mode (or truncation). Out of range: the integer indefinite and IE.
 * Returns lo; hi in HI[0].
 */
export function cvtToInt(x: number, nan: boolean, to64: boolean, truncate: boolean): number {
  if (nan) { exc |= IE; HI[0] = 0x80000000; return to64 ? 0 : 0x80000000; }
  const r = roundInt(x, truncate ? RZ : rc);
  if (to64 ? r >= 9223372036854775808 || r < -9223372036854775808 : r >= 2147483648 || r < -2147483648) {
    exc |= IE; HI[0] = 0x80000000; return to64 ? 0 : 0x80000000;
  }
  if (r !== x) exc |= PE;
  if (!to64) { HI[0] = 0; return r >>> 0; }
  const hi = Math.floor(r / 4294967296);
  HI[0] = hi >>> 0;
  return (r - hi * 4294967296) >>> 0;
}
