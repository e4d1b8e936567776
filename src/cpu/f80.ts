// x87 80-bit extended precision floating point, in software.
//
// The data type of the x87 FPU: 1 sign bit, a 15-bit exponent biased by 16383 and a
// 64-bit significand whose integer bit (bit 63) is explicit. In memory (and in the
// FXSAVE register slots and the x87 slots of the CPU state block) a value is 10 bytes,
// little-endian: bytes 0..7 the significand, bytes 8..9 sign << 15 | exponent.
//
// For computation a value is an `F80` object { sign, exp, hi, lo }: sign 0/1, exp the
// 15-bit biased exponent, hi/lo the high and low 32 bits of the significand as uint32
// numbers (the integer bit is bit 31 of hi). Operations never allocate on the common
// paths: callers pass the `out` object (which may be one of the inputs). add, sub and mul
// use 32/16-bit limb arithmetic; div, sqrt, the remainders and the BCD conversions use
// BigInt (rare, complex operations).
//
// Exceptions. Every operation first clears `f80Status.flags`, then ORs into it what the
// hardware would set in the status word, using the status word's bit values:
//   FE_IE 0x01 invalid, FE_DE 0x02 denormal operand, FE_ZE 0x04 divide by zero,
//   FE_OE 0x08 overflow, FE_UE 0x10 underflow, FE_PE 0x20 precision (inexact),
//   SW_C1 0x200 "rounded up" (the result's magnitude was increased by rounding),
// and, for the operations that define condition codes (fprem/fprem1, fxam via
// f80Classify), SW_C0 0x100, SW_C1, SW_C2 0x400, SW_C3 0x4000.
// Only the masked responses are implemented (all exception masks set, as with the
// Linux default control word 0x037f): the operations always deliver a result. A caller
// that finds an unmasked exception bit set in f80Status.flags raises #MF itself (and,
// for the exceptions whose unmasked response leaves the destination unchanged, must
// not store the result).
//
// C1 is reported only as set: the caller copies SW_C1 from f80Status.flags into the
// status word (clearing it when absent), as the hardware clears C1 when not rounding up.
//
// Hardware behaviour reproduced here (all checked by tests/f80.test.mjs on a real x87):
// tininess is detected after rounding, and masked underflow sets UE only with PE;
// DE is not raised when the operation takes its NaN/unsupported path or raises IE or
// ZE, nor by the stores (fst m32/m64, fist, fisttp, fbstp); of an SNaN and a QNaN the
// QNaN is delivered, of two NaNs of the same kind the one with the larger significand
// (the positive one on a tie); pseudo-denormals are read as denormals (DE) and results
// come out normalized; unnormals, pseudo-infinities and pseudo-NaNs are invalid.
//
// Rounding control `rc` and precision control `pc` have their control-word encodings:
//   rc: 0 nearest-even, 1 down (toward -inf), 2 up (toward +inf), 3 toward zero
//   pc: 0 24-bit significand, 2 53-bit, 3 64-bit (1, reserved, is treated as 3)
// Precision control affects only add, sub, mul, div and sqrt, as on the hardware; the
// exponent range is the extended one whatever the precision.

export const FE_IE = 0x01;
export const FE_DE = 0x02;
export const FE_ZE = 0x04;
export const FE_OE = 0x08;
export const FE_UE = 0x10;
export const FE_PE = 0x20;
export const SW_C0 = 0x100;
export const SW_C1 = 0x200;
export const SW_C2 = 0x400;
export const SW_C3 = 0x4000;

export const RC_NEAREST = 0;
export const RC_DOWN = 1;
export const RC_UP = 2;
export const RC_ZERO = 3;
export const PC_24 = 0;
export const PC_53 = 2;
export const PC_64 = 3;

/** Results of f80Compare / f80Test. */
export const CMP_LESS = 0;
export const CMP_EQUAL = 1;
export const CMP_GREATER = 2;
export const CMP_UNORDERED = 3;

/** fxam classes (C3, C2, C0 bits; f80Classify adds C1 = sign). */
export const FXAM_UNSUPPORTED = 0;
export const FXAM_NAN = SW_C0;
export const FXAM_NORMAL = SW_C2;
export const FXAM_INFINITY = SW_C2 | SW_C0;
export const FXAM_ZERO = SW_C3;
export const FXAM_EMPTY = SW_C3 | SW_C0;
export const FXAM_DENORMAL = SW_C3 | SW_C2;

/** Constant numbers for f80LoadConst. */
export const CONST_ONE = 0; // fld1
export const CONST_L2T = 1; // fldl2t  log2(10)
export const CONST_L2E = 2; // fldl2e  log2(e)
export const CONST_PI = 3; // fldpi
export const CONST_LG2 = 4; // fldlg2  log10(2)
export const CONST_LN2 = 5; // fldln2  ln(2)
export const CONST_ZERO = 6; // fldz

export class F80 {
  sign: number;
  exp: number;
  hi: number;
  lo: number;
  constructor(sign = 0, exp = 0, hi = 0, lo = 0) {
    this.sign = sign;
    this.exp = exp;
    this.hi = hi;
    this.lo = lo;
  }
}

/**
 * flags: the exception and condition bits of the last operation (see the header
 * comment). tiny: the last rounding's result
 * was below the normal range even when exact: an unmasked UE is raised for that, a masked
 * one only when it is also inexact (set by f80ToF64/f80ToF32 for the stores).
 */
export const f80Status = { flags: 0, tiny: false };

export function f80Load(bytes: Uint8Array, off: number, out: F80): void {
  out.lo = (bytes[off] | (bytes[off + 1] << 8) | (bytes[off + 2] << 16) | (bytes[off + 3] << 24)) >>> 0;
  out.hi = (bytes[off + 4] | (bytes[off + 5] << 8) | (bytes[off + 6] << 16) | (bytes[off + 7] << 24)) >>> 0;
  const se = bytes[off + 8] | (bytes[off + 9] << 8);
  out.sign = se >>> 15;
  out.exp = se & 0x7fff;
}

export function f80Store(v: F80, bytes: Uint8Array, off: number): void {
  const lo = v.lo, hi = v.hi;
  bytes[off] = lo;
  bytes[off + 1] = lo >>> 8;
  bytes[off + 2] = lo >>> 16;
  bytes[off + 3] = lo >>> 24;
  bytes[off + 4] = hi;
  bytes[off + 5] = hi >>> 8;
  bytes[off + 6] = hi >>> 16;
  bytes[off + 7] = hi >>> 24;
  const se = (v.sign << 15) | (v.exp & 0x7fff);
  bytes[off + 8] = se;
  bytes[off + 9] = se >>> 8;
}

export function f80Set(out: F80, sign: number, exp: number, hi: number, lo: number): void {
  out.sign = sign;
  out.exp = exp;
  out.hi = hi >>> 0;
  out.lo = lo >>> 0;
}

export function f80Copy(src: F80, out: F80): void {
  out.sign = src.sign;
  out.exp = src.exp;
  out.hi = src.hi;
  out.lo = src.lo;
}

// ---------------------------------------------------------------------------------
// Classification

const K_ZERO = 0;
const K_NORMAL = 1;
const K_DENORMAL = 2; // exponent 0, significand not 0 (pseudo-denormals included)
const K_INF = 3;
const K_QNAN = 4;
const K_SNAN = 5;
const K_UNSUP = 6; // unnormal, pseudo-infinity, pseudo-NaN
// kinds >= K_QNAN take the NaN/invalid path of every arithmetic operation

function kind(v: F80): number {
  const e = v.exp, h = v.hi >>> 0;
  if (e === 0x7fff) {
    if (h < 0x80000000) return K_UNSUP;
    if ((h & 0x7fffffff) === 0 && v.lo === 0) return K_INF;
    return h & 0x40000000 ? K_QNAN : K_SNAN;
  }
  if (e === 0) return h === 0 && v.lo === 0 ? K_ZERO : K_DENORMAL;
  return h >= 0x80000000 ? K_NORMAL : K_UNSUP;
}

export function f80IsNaN(v: F80): boolean {
  const k = kind(v);
  return k === K_QNAN || k === K_SNAN;
}

export function f80IsSignalingNaN(v: F80): boolean {
  return kind(v) === K_SNAN;
}

/** true for unnormals, pseudo-infinities and pseudo-NaNs (invalid operands). */
export function f80IsUnsupported(v: F80): boolean {
  return kind(v) === K_UNSUP;
}

/**
 * fxam: the C3/C2/C0 class bits of a (non-empty) register plus C1 = sign.
 * Does not touch f80Status. For an empty register the caller uses FXAM_EMPTY.
 */
export function f80Classify(v: F80): number {
  let c: number;
  switch (kind(v)) {
    case K_ZERO: c = FXAM_ZERO; break;
    case K_NORMAL: c = FXAM_NORMAL; break;
    case K_DENORMAL: c = FXAM_DENORMAL; break;
    case K_INF: c = FXAM_INFINITY; break;
    case K_QNAN: case K_SNAN: c = FXAM_NAN; break;
    default: c = FXAM_UNSUPPORTED;
  }
  return c | (v.sign ? SW_C1 : 0);
}

// ---------------------------------------------------------------------------------
// Internal machinery. Working values are unpacked into sign, an unbounded biased
// exponent and a normalized 64-bit significand (bit 63 set); intermediate results
// carry a third 32-bit limb `x` of bits below the significand, with a sticky bit
// jammed into its least significant bit.

const TWO32 = 4294967296;
const BIAS = 0x3fff;

class Unp {
  s = 0;
  e = 0;
  h = 0;
  l = 0;
}
const UA = new Unp();
const UB = new Unp();

let fl = 0; // flags of the operation in progress
let rE = 0, rH = 0, rL = 0; // output of the rounding step
let sH = 0, sL = 0, sX = 0; // output of the shifts

/** Unpack a finite nonzero value (normal or denormal) into u, normalized. */
function unpack(v: F80, u: Unp): void {
  let e = v.exp, h = v.hi >>> 0, l = v.lo >>> 0;
  if (e === 0) {
    e = 1;
    if (h === 0) {
      const z = Math.clz32(l);
      h = (l << z) >>> 0;
      l = 0;
      e -= 32 + z;
    } else if (h < 0x80000000) {
      const z = Math.clz32(h);
      h = ((h << z) | (l >>> (32 - z))) >>> 0;
      l = (l << z) >>> 0;
      e -= z;
    }
  }
  u.s = v.sign;
  u.e = e;
  u.h = h;
  u.l = l;
}

/** (h,l,x) >>> n with the bits shifted out jammed into the lsb; result in sH,sL,sX. */
function shr3(h: number, l: number, x: number, n: number): void {
  if (n <= 0) {
    sH = h; sL = l; sX = x;
  } else if (n < 32) {
    const st = (x << (32 - n)) !== 0 ? 1 : 0;
    sX = ((x >>> n) | (l << (32 - n)) | st) >>> 0;
    sL = ((l >>> n) | (h << (32 - n))) >>> 0;
    sH = h >>> n;
  } else if (n === 32) {
    sX = (l | (x !== 0 ? 1 : 0)) >>> 0;
    sL = h;
    sH = 0;
  } else if (n < 64) {
    const m = n - 32;
    const st = x !== 0 || (l << (32 - m)) !== 0 ? 1 : 0;
    sX = ((l >>> m) | (h << (32 - m)) | st) >>> 0;
    sL = h >>> m;
    sH = 0;
  } else if (n === 64) {
    sX = (h | (l !== 0 || x !== 0 ? 1 : 0)) >>> 0;
    sL = 0;
    sH = 0;
  } else if (n < 96) {
    const m = n - 64;
    const st = x !== 0 || l !== 0 || (h << (32 - m)) !== 0 ? 1 : 0;
    sX = ((h >>> m) | st) >>> 0;
    sL = 0;
    sH = 0;
  } else {
    sX = h !== 0 || l !== 0 || x !== 0 ? 1 : 0;
    sL = 0;
    sH = 0;
  }
}

/** (h,l,x) << n for 0 <= n < 96; result in sH,sL,sX. */
function shl3(h: number, l: number, x: number, n: number): void {
  if (n === 0) {
    sH = h; sL = l; sX = x;
  } else if (n < 32) {
    sH = ((h << n) | (l >>> (32 - n))) >>> 0;
    sL = ((l << n) | (x >>> (32 - n))) >>> 0;
    sX = (x << n) >>> 0;
  } else if (n === 32) {
    sH = l; sL = x; sX = 0;
  } else if (n < 64) {
    const m = n - 32;
    sH = ((l << m) | (x >>> (32 - m))) >>> 0;
    sL = (x << m) >>> 0;
    sX = 0;
  } else if (n === 64) {
    sH = x; sL = 0; sX = 0;
  } else {
    sH = (x << (n - 64)) >>> 0; sL = 0; sX = 0;
  }
}

function clz96(h: number, l: number, x: number): number {
  if (h !== 0) return Math.clz32(h);
  if (l !== 0) return 32 + Math.clz32(l);
  return 64 + Math.clz32(x);
}

/**
 * Rounding decision for the significand (h,l) + fraction bits, keeping `prec` bits
 * (24, 53 or 64) of the 64-bit field. Returns 0 exact, 1 inexact rounded down in
 * magnitude, 3 inexact rounded up in magnitude.
 */
function rndBits(s: number, h: number, l: number, x: number, rc: number, prec: number): number {
  let rb: number, st: boolean, lsb: number;
  if (prec === 64) {
    rb = x >>> 31;
    st = (x & 0x7fffffff) !== 0;
    lsb = l & 1;
  } else if (prec === 53) {
    rb = (l >>> 10) & 1;
    st = (l & 0x3ff) !== 0 || x !== 0;
    lsb = (l >>> 11) & 1;
  } else {
    rb = (h >>> 7) & 1;
    st = (h & 0x7f) !== 0 || l !== 0 || x !== 0;
    lsb = (h >>> 8) & 1;
  }
  if (rb === 0 && !st) return 0;
  let up: boolean;
  if (rc === 0) up = rb !== 0 && (st || lsb !== 0);
  else if (rc === 1) up = s !== 0;
  else if (rc === 2) up = s === 0;
  else up = false;
  return up ? 3 : 1;
}

/** Truncate (h,l) to prec bits, add one ulp if `up`; result in rH,rL. Returns 1 on carry out. */
function rndApply(h: number, l: number, prec: number, up: boolean): number {
  if (prec === 64) {
    if (up) {
      l += 1;
      if (l === TWO32) {
        l = 0;
        h += 1;
        if (h === TWO32) {
          rH = 0x80000000; rL = 0;
          return 1;
        }
      }
    }
    rH = h; rL = l;
    return 0;
  }
  if (prec === 53) {
    l = (l & 0xfffff800) >>> 0;
    if (up) {
      l += 0x800;
      if (l >= TWO32) {
        l -= TWO32;
        h += 1;
        if (h === TWO32) {
          rH = 0x80000000; rL = 0;
          return 1;
        }
      }
    }
    rH = h; rL = l;
    return 0;
  }
  h = (h & 0xffffff00) >>> 0;
  if (up) {
    h += 0x100;
    if (h >= TWO32) {
      rH = 0x80000000; rL = 0;
      return 1;
    }
  }
  rH = h; rL = 0;
  return 0;
}

function overflow(s: number, rc: number, prec: number, emax: number): void {
  fl |= FE_OE | FE_PE;
  if (rc === 0 || (rc === 1 && s !== 0) || (rc === 2 && s === 0)) {
    rE = emax; rH = 0x80000000; rL = 0;
    fl |= SW_C1;
  } else {
    rE = emax - 1;
    rH = prec === 24 ? 0xffffff00 : 0xffffffff;
    rL = prec === 64 ? 0xffffffff : prec === 53 ? 0xfffff800 : 0;
  }
}

/**
 * Round the value (-1)^s * (h,l,x)/2^63 * 2^(e - bias) to `prec` bits in a format whose
 * infinity exponent is `emax` (0x7fff extended, 0x7ff double, 0xff single) and whose
 * minimum normal exponent is 1. (h,l,x) must be normalized (bit 95 set); e is the
 * format's biased exponent, unbounded. Result exponent/significand in rE,rH,rL (an
 * infinity has significand 0x80000000:0); flags ORed into fl.
 */
function roundCore(s: number, e: number, h: number, l: number, x: number, rc: number, prec: number, emax: number): void {
  if (e >= 1) {
    const d = rndBits(s, h, l, x, rc, prec);
    if (rndApply(h, l, prec, d === 3)) e++;
    if (e >= emax) {
      overflow(s, rc, prec, emax);
      return;
    }
    rE = e;
    if (d !== 0) fl |= d === 3 ? FE_PE | SW_C1 : FE_PE;
    return;
  }
  // Tiny before rounding; the hardware decides tininess after rounding (with an
  // unbounded exponent): only a value just below the smallest normal that rounds up
  // to it is not tiny.
  let tiny = true;
  if (e === 0 && rndBits(s, h, l, x, rc, prec) === 3 && rndApply(h, l, prec, true) === 1) tiny = false;
  f80Status.tiny = tiny;
  shr3(h, l, x, 1 - e);
  const d = rndBits(s, sH, sL, sX, rc, prec);
  rndApply(sH, sL, prec, d === 3);
  rE = rH >= 0x80000000 ? 1 : 0;
  if (d !== 0) {
    fl |= FE_PE;
    if (tiny) fl |= FE_UE;
    if (d === 3) fl |= SW_C1;
  }
}

function precOf(pc: number): number {
  return pc === 0 ? 24 : pc === 2 ? 53 : 64;
}

function putR(s: number, out: F80): void {
  out.sign = s;
  out.exp = rE;
  out.hi = rH;
  out.lo = rL;
}

/** The real indefinite QNaN (what a masked invalid operation or stack fault delivers). */
export function f80Indefinite(out: F80): void {
  setIndefinite(out);
}

function setIndefinite(out: F80): void {
  out.sign = 1; out.exp = 0x7fff; out.hi = 0xc0000000; out.lo = 0;
}

function setInf(s: number, out: F80): void {
  out.sign = s; out.exp = 0x7fff; out.hi = 0x80000000; out.lo = 0;
}

function setZero(s: number, out: F80): void {
  out.sign = s; out.exp = 0; out.hi = 0; out.lo = 0;
}

function setQuiet(src: F80, out: F80): void {
  out.sign = src.sign;
  out.exp = 0x7fff;
  out.hi = (src.hi | 0x40000000) >>> 0;
  out.lo = src.lo >>> 0;
}

/** Result of a two-operand operation when one operand is a NaN or unsupported. */
function nan2(a: F80, ka: number, b: F80, kb: number, out: F80): void {
  if (ka === K_UNSUP || kb === K_UNSUP) {
    fl |= FE_IE;
    setIndefinite(out);
    return;
  }
  if (ka === K_SNAN || kb === K_SNAN) fl |= FE_IE;
  // one QNaN and one SNaN: the QNaN; two of a kind: the larger significand
  let src = a;
  if (ka !== kb && ka >= K_QNAN && kb >= K_QNAN) {
    if (kb === K_QNAN) src = b;
  } else if (ka >= K_QNAN && kb >= K_QNAN) {
    const ah = (a.hi | 0x40000000) >>> 0, bh = (b.hi | 0x40000000) >>> 0;
    const al = a.lo >>> 0, bl = b.lo >>> 0;
    if (bh > ah || (bh === ah && (bl > al || (bl === al && b.sign < a.sign)))) src = b;
  } else if (kb >= K_QNAN) {
    src = b;
  }
  setQuiet(src, out);
}

/** Result of a one-operand operation on a NaN or unsupported operand. */
function nan1(a: F80, ka: number, out: F80): void {
  if (ka === K_UNSUP) {
    fl |= FE_IE;
    setIndefinite(out);
    return;
  }
  if (ka === K_SNAN) fl |= FE_IE;
  setQuiet(a, out);
}

// ---------------------------------------------------------------------------------
// add, sub, mul, div, sqrt

export function f80Add(a: F80, b: F80, rc: number, pc: number, out: F80, srcDenormal = false): void {
  addSub(a, b, 0, rc, pc, out, srcDenormal);
}

/** a - b */
export function f80Sub(a: F80, b: F80, rc: number, pc: number, out: F80, srcDenormal = false): void {
  addSub(a, b, 1, rc, pc, out, srcDenormal);
}

function addSub(a: F80, b: F80, negB: number, rc: number, pc: number, out: F80, srcDenormal: boolean): void {
  fl = 0;
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    nan2(a, ka, b, kb, out);
    f80Status.flags = fl;
    return;
  }
  if (srcDenormal || ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  const as = a.sign, bs = b.sign ^ negB;
  const prec = precOf(pc);
  if (ka === K_INF) {
    if (kb === K_INF && as !== bs) {
      fl |= FE_IE;
      setIndefinite(out);
    } else {
      setInf(as, out);
    }
  } else if (kb === K_INF) {
    setInf(bs, out);
  } else if (ka === K_ZERO || kb === K_ZERO) {
    if (ka === K_ZERO && kb === K_ZERO) {
      setZero(as === bs ? as : rc === 1 ? 1 : 0, out);
    } else {
      // the nonzero operand, rounded to the precision
      const u = UA;
      if (ka === K_ZERO) {
        unpack(b, u);
        u.s = bs;
      } else {
        unpack(a, u);
      }
      roundCore(u.s, u.e, u.h, u.l, 0, rc, prec, 0x7fff);
      putR(u.s, out);
    }
  } else {
    unpack(a, UA);
    unpack(b, UB);
    UB.s = bs;
    let X = UA, Y = UB;
    if (Y.e > X.e || (Y.e === X.e && (Y.h > X.h || (Y.h === X.h && Y.l > X.l)))) {
      X = UB;
      Y = UA;
    }
    shr3(Y.h, Y.l, 0, X.e - Y.e);
    let e = X.e, h: number, l: number, x: number;
    if (X.s === Y.s) {
      l = X.l + sL;
      let c = 0;
      if (l >= TWO32) { l -= TWO32; c = 1; }
      h = X.h + sH + c;
      x = sX;
      if (h >= TWO32) {
        h -= TWO32;
        x = ((x >>> 1) | (x & 1) | ((l & 1) << 31)) >>> 0;
        l = ((l >>> 1) | ((h & 1) << 31)) >>> 0;
        h = ((h >>> 1) | 0x80000000) >>> 0;
        e++;
      }
    } else {
      let br = sX !== 0 ? 1 : 0;
      x = br ? TWO32 - sX : 0;
      l = X.l - sL - br;
      br = 0;
      if (l < 0) { l += TWO32; br = 1; }
      h = X.h - sH - br;
      if (h === 0 && l === 0 && x === 0) {
        setZero(rc === 1 ? 1 : 0, out);
        f80Status.flags = fl;
        return;
      }
      const z = clz96(h, l, x);
      if (z !== 0) {
        shl3(h, l, x, z);
        h = sH; l = sL; x = sX;
        e -= z;
      }
    }
    roundCore(X.s, e, h, l, x, rc, prec, 0x7fff);
    putR(X.s, out);
  }
  f80Status.flags = fl;
}

let pw0 = 0, pw1 = 0, pw2 = 0, pw3 = 0; // 128-bit product, least significant first

function mul64(ah: number, al: number, bh: number, bl: number): void {
  // 16-bit limbs: every partial product is below 2^32 and every column sum below 2^35,
  // so doubles hold them exactly; carries are split off with a multiply and a floor
  const a0 = al & 0xffff, a1 = al >>> 16, a2 = ah & 0xffff, a3 = ah >>> 16;
  const b0 = bl & 0xffff, b1 = bl >>> 16, b2 = bh & 0xffff, b3 = bh >>> 16;
  let t = a0 * b0;
  let c = Math.floor(t * (1 / 65536));
  const r0 = t - c * 65536;
  t = c + a0 * b1 + a1 * b0;
  c = Math.floor(t * (1 / 65536));
  const r1 = t - c * 65536;
  t = c + a0 * b2 + a1 * b1 + a2 * b0;
  c = Math.floor(t * (1 / 65536));
  const r2 = t - c * 65536;
  t = c + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  c = Math.floor(t * (1 / 65536));
  const r3 = t - c * 65536;
  t = c + a1 * b3 + a2 * b2 + a3 * b1;
  c = Math.floor(t * (1 / 65536));
  const r4 = t - c * 65536;
  t = c + a2 * b3 + a3 * b2;
  c = Math.floor(t * (1 / 65536));
  const r5 = t - c * 65536;
  t = c + a3 * b3; // < 2^32
  pw0 = r0 + r1 * 65536;
  pw1 = r2 + r3 * 65536;
  pw2 = r4 + r5 * 65536;
  pw3 = t;
}

export function f80Mul(a: F80, b: F80, rc: number, pc: number, out: F80, srcDenormal = false): void {
  fl = 0;
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    nan2(a, ka, b, kb, out);
    f80Status.flags = fl;
    return;
  }
  if (srcDenormal || ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  const s = a.sign ^ b.sign;
  if (ka === K_INF || kb === K_INF) {
    if (ka === K_ZERO || kb === K_ZERO) {
      fl |= FE_IE;
      setIndefinite(out);
    } else {
      setInf(s, out);
    }
  } else if (ka === K_ZERO || kb === K_ZERO) {
    setZero(s, out);
  } else {
    unpack(a, UA);
    unpack(b, UB);
    mul64(UA.h, UA.l, UB.h, UB.l);
    let e = UA.e + UB.e - BIAS;
    let h: number, l: number, x: number;
    if (pw3 >= 0x80000000) {
      e++;
      h = pw3; l = pw2; x = (pw1 | (pw0 !== 0 ? 1 : 0)) >>> 0;
    } else {
      h = ((pw3 << 1) | (pw2 >>> 31)) >>> 0;
      l = ((pw2 << 1) | (pw1 >>> 31)) >>> 0;
      x = ((pw1 << 1) | (pw0 !== 0 ? 1 : 0)) >>> 0;
    }
    roundCore(s, e, h, l, x, rc, precOf(pc), 0x7fff);
    putR(s, out);
  }
  f80Status.flags = fl;
}

function sig64(u: Unp): bigint {
  return (BigInt(u.h) << 32n) | BigInt(u.l);
}

function bitLength(m: bigint): number {
  const s = m.toString(16);
  return (s.length - 1) * 4 + (32 - Math.clz32(parseInt(s[0], 16)));
}

/**
 * Round the nonnegative value m * 2^k (+ a nonzero fraction below it when sticky) into
 * rE,rH,rL for a format with exponent bias `bias` and infinity exponent `emax`.
 */
function roundBig(s: number, m: bigint, k: number, sticky: boolean, rc: number, prec: number, emax: number, bias: number): void {
  const n = bitLength(m);
  const e = n - 1 + k + bias;
  if (n > 96) {
    const sh = BigInt(n - 96);
    if ((m & ((1n << sh) - 1n)) !== 0n) sticky = true;
    m >>= sh;
  } else if (n < 96) {
    m <<= BigInt(96 - n);
  }
  const h = Number(m >> 64n);
  const l = Number((m >> 32n) & 0xffffffffn);
  const x = (Number(m & 0xffffffffn) | (sticky ? 1 : 0)) >>> 0;
  roundCore(s, e, h, l, x, rc, prec, emax);
}

/** a / b */
export function f80Div(a: F80, b: F80, rc: number, pc: number, out: F80, srcDenormal = false): void {
  fl = 0;
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    nan2(a, ka, b, kb, out);
    f80Status.flags = fl;
    return;
  }
  if (srcDenormal || ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  const s = a.sign ^ b.sign;
  if (ka === K_INF) {
    if (kb === K_INF) {
      fl |= FE_IE;
      setIndefinite(out);
    } else {
      setInf(s, out);
    }
  } else if (kb === K_INF) {
    setZero(s, out);
  } else if (kb === K_ZERO) {
    if (ka === K_ZERO) {
      fl |= FE_IE;
      setIndefinite(out);
    } else {
      fl = FE_ZE; // a denormal dividend does not raise DE here
      setInf(s, out);
    }
  } else if (ka === K_ZERO) {
    setZero(s, out);
  } else {
    unpack(a, UA);
    unpack(b, UB);
    const num = sig64(UA) << 96n, den = sig64(UB);
    const q = num / den;
    const sticky = q * den !== num;
    // a/b = q * 2^-96 * 2^(ea - eb)
    roundBig(s, q, UA.e - UB.e - 96, sticky, rc, precOf(pc), 0x7fff, BIAS);
    putR(s, out);
  }
  f80Status.flags = fl;
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // a floating point estimate slightly above the root, then Newton steps downwards
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 2 ** -40))) + 1n;
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function f80Sqrt(a: F80, rc: number, pc: number, out: F80): void {
  fl = 0;
  const ka = kind(a);
  if (ka >= K_QNAN) {
    nan1(a, ka, out);
  } else if (ka === K_ZERO) {
    setZero(a.sign, out);
  } else {
    if (a.sign) {
      fl |= FE_IE;
      setIndefinite(out);
    } else if (ka === K_INF) {
      setInf(0, out);
    } else {
      if (ka === K_DENORMAL) fl |= FE_DE;
      unpack(a, UA);
      // a = sig * 2^t; make the exponent even and keep ~97 bits of root
      const t = UA.e - BIAS - 63;
      const sh = (t & 1) !== 0 ? 129 : 128;
      const n = sig64(UA) << BigInt(sh);
      const r = isqrt(n);
      roundBig(0, r, (t - sh) / 2, r * r !== n, rc, precOf(pc), 0x7fff, BIAS);
      putR(0, out);
    }
  }
  f80Status.flags = fl;
}

// ---------------------------------------------------------------------------------
// compare

/**
 * fcom/fcomi (quiet = false: any NaN raises IE) and fucom/fucomi (quiet = true: only
 * SNaN raises IE). Unsupported operands raise IE in both. Returns CMP_*.
 */
export function f80Compare(a: F80, b: F80, quiet: boolean, srcDenormal = false): number {
  fl = 0;
  const r = compareCore(a, b, quiet, srcDenormal);
  f80Status.flags = fl;
  return r;
}

const ZERO80 = new F80();

/** ftst: compare with +0.0 (any NaN raises IE). */
export function f80Test(a: F80): number {
  return f80Compare(a, ZERO80, false, false);
}

function compareCore(a: F80, b: F80, quiet: boolean, srcDenormal: boolean): number {
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    if (ka === K_UNSUP || kb === K_UNSUP || !quiet || ka === K_SNAN || kb === K_SNAN) fl |= FE_IE;
    return CMP_UNORDERED;
  }
  if (srcDenormal || ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  if (ka === K_ZERO && kb === K_ZERO) return CMP_EQUAL;
  if (ka === K_ZERO) return b.sign ? CMP_GREATER : CMP_LESS;
  if (kb === K_ZERO) return a.sign ? CMP_LESS : CMP_GREATER;
  if (a.sign !== b.sign) return a.sign ? CMP_LESS : CMP_GREATER;
  // same sign: compare magnitudes
  let m: number; // -1, 0, 1 for |a| <, =, > |b|
  if (ka === K_INF || kb === K_INF) {
    m = ka === kb ? 0 : ka === K_INF ? 1 : -1;
  } else {
    unpack(a, UA);
    unpack(b, UB);
    if (UA.e !== UB.e) m = UA.e > UB.e ? 1 : -1;
    else if (UA.h !== UB.h) m = UA.h > UB.h ? 1 : -1;
    else if (UA.l !== UB.l) m = UA.l > UB.l ? 1 : -1;
    else m = 0;
  }
  if (m === 0) return CMP_EQUAL;
  if (a.sign) m = -m;
  return m > 0 ? CMP_GREATER : CMP_LESS;
}

// ---------------------------------------------------------------------------------
// rounding to integers

let iH = 0, iL = 0; // integer magnitude produced by intMag

/**
 * Round the finite value a (kind ka, not NaN/inf/unsupported) to an integer with rc.
 * The magnitude goes to iH:iL; returns true when it is >= 2^64 (no magnitude then).
 * Sets PE/C1 in fl when inexact.
 */
function intMag(a: F80, ka: number, rc: number): boolean {
  if (ka === K_ZERO) {
    iH = 0; iL = 0;
    return false;
  }
  unpack(a, UA);
  const ue = UA.e - BIAS;
  if (ue >= 64) return true;
  if (ue === 63) {
    iH = UA.h; iL = UA.l;
    return false;
  }
  shr3(UA.h, UA.l, 0, 63 - ue);
  const d = rndBits(a.sign, sH, sL, sX, rc, 64);
  rndApply(sH, sL, 64, d === 3); // cannot carry out: |a| < 2^63
  iH = rH; iL = rL;
  if (d !== 0) fl |= d === 3 ? FE_PE | SW_C1 : FE_PE;
  return false;
}

/** Normalize the integer magnitude (h,l) into out (exact). */
function fromMag(s: number, h: number, l: number, out: F80): void {
  if (h === 0 && l === 0) {
    setZero(s, out);
    return;
  }
  const z = h !== 0 ? Math.clz32(h) : 32 + Math.clz32(l);
  shl3(h, l, 0, z);
  out.sign = s;
  out.exp = BIAS + 63 - z;
  out.hi = sH;
  out.lo = sL;
}

/** frndint */
export function f80RoundInt(a: F80, rc: number, out: F80): void {
  fl = 0;
  const ka = kind(a);
  if (ka >= K_QNAN) {
    nan1(a, ka, out);
  } else if (ka === K_INF || ka === K_ZERO) {
    f80Copy(a, out);
  } else {
    if (ka === K_DENORMAL) fl |= FE_DE;
    if (a.exp >= BIAS + 63) {
      f80Copy(a, out);
    } else {
      intMag(a, ka, rc);
      fromMag(a.sign, iH, iL, out);
    }
  }
  f80Status.flags = fl;
}

/**
 * fist/fistp m16: returns the 16-bit two's complement pattern (0..0xffff); out of
 * range, NaN, infinity or unsupported give 0x8000 with IE. fisttp: pass rc = 3.
 */
export function f80ToI16(a: F80, rc: number): number {
  fl = 0;
  let r = 0x8000;
  const ka = kind(a);
  if (ka >= K_INF) {
    fl |= FE_IE;
  } else {
    if (intMag(a, ka, rc) || iH !== 0 || iL > (a.sign ? 0x8000 : 0x7fff)) {
      fl = FE_IE;
    } else {
      r = a.sign ? (0x10000 - iL) & 0xffff : iL;
    }
  }
  f80Status.flags = fl;
  return r;
}

/** fist/fistp m32: returns the 32-bit two's complement pattern as a uint32 (indefinite 0x80000000). */
export function f80ToI32(a: F80, rc: number): number {
  fl = 0;
  let r = 0x80000000;
  const ka = kind(a);
  if (ka >= K_INF) {
    fl |= FE_IE;
  } else {
    if (intMag(a, ka, rc) || iH !== 0 || iL > (a.sign ? 0x80000000 : 0x7fffffff)) {
      fl = FE_IE;
    } else {
      r = a.sign ? (TWO32 - iL) % TWO32 : iL;
    }
  }
  f80Status.flags = fl;
  return r;
}

/**
 * fistp m64: writes the 64-bit two's complement pattern to out[0] (low uint32) and
 * out[1] (high uint32); indefinite 0x80000000:00000000.
 */
export function f80ToI64(a: F80, rc: number, out: Uint32Array): void {
  fl = 0;
  let rh = 0x80000000, rl = 0;
  const ka = kind(a);
  if (ka >= K_INF) {
    fl |= FE_IE;
  } else {
    if (intMag(a, ka, rc) || iH > 0x80000000 || (iH === 0x80000000 && (iL !== 0 || a.sign === 0))) {
      fl = FE_IE;
    } else if (a.sign) {
      rl = (TWO32 - iL) % TWO32;
      rh = (~iH + (iL === 0 ? 1 : 0)) >>> 0;
    } else {
      rh = iH; rl = iL;
    }
  }
  out[0] = rl;
  out[1] = rh;
  f80Status.flags = fl;
}

/** fild m16 / m32: n is a signed integer (any int32 value). Exact; clears flags. */
export function f80FromI32(n: number, out: F80): void {
  fl = 0;
  n |= 0;
  fromMag(n < 0 ? 1 : 0, 0, Math.abs(n), out);
  f80Status.flags = 0;
}

/** fild m64: the signed 64-bit integer hi:lo (hi's bit 31 is the sign). Exact; clears flags. */
export function f80FromI64(lo: number, hi: number, out: F80): void {
  let h = hi >>> 0, l = lo >>> 0, s = 0;
  if (h >= 0x80000000) {
    s = 1;
    l = (TWO32 - l) % TWO32;
    h = (~h + (l === 0 ? 1 : 0)) >>> 0;
  }
  fromMag(s, h, l, out);
  f80Status.flags = 0;
}

// ---------------------------------------------------------------------------------
// IEEE double and single

/**
 * fld m64: the double with raw bits hi:lo (two uint32 halves; hi holds sign and
 * exponent). SNaN -> QNaN with IE; denormal -> normalized with DE. Exact.
 */
export function f80FromF64(lo: number, hi: number, out: F80): void {
  fl = 0;
  hi >>>= 0;
  lo >>>= 0;
  const s = hi >>> 31, e = (hi >>> 20) & 0x7ff, fh = hi & 0xfffff;
  const h = ((fh << 11) | (lo >>> 21)) >>> 0, l = (lo << 11) >>> 0;
  out.sign = s;
  if (e === 0x7ff) {
    out.exp = 0x7fff;
    if (fh === 0 && lo === 0) {
      out.hi = 0x80000000; out.lo = 0;
    } else {
      if ((fh & 0x80000) === 0) fl |= FE_IE;
      out.hi = (h | 0xc0000000) >>> 0;
      out.lo = l;
    }
  } else if (e === 0) {
    if (fh === 0 && lo === 0) {
      out.exp = 0; out.hi = 0; out.lo = 0;
    } else {
      fl |= FE_DE;
      const z = clz96(h, l, 1);
      shl3(h, l, 0, z);
      out.exp = 1 - 1023 + BIAS - z;
      out.hi = sH; out.lo = sL;
    }
  } else {
    out.exp = e - 1023 + BIAS;
    out.hi = (h | 0x80000000) >>> 0;
    out.lo = l;
  }
  f80Status.flags = fl;
}

/**
 * The double memory operand of an arithmetic instruction (fadd/fsub/fsubr/fmul/fdiv/
 * fdivr/fcom m64). Unlike f80FromF64 an SNaN stays signaling (the operation then raises
 * IE and applies the NaN rules) and no flag is raised: returns true when the double is a
 * denormal, which the caller passes as `srcDenormal` to the operation (the hardware
 * reports DE for it only when the operation takes its numeric path).
 */
export function f80FromF64Operand(lo: number, hi: number, out: F80): boolean {
  f80FromF64(lo, hi, out);
  const f = f80Status.flags;
  if (f & FE_IE) out.hi = (out.hi & ~0x40000000) >>> 0;
  f80Status.flags = 0;
  return (f & FE_DE) !== 0;
}

/** The single memory operand of an arithmetic instruction; see f80FromF64Operand. */
export function f80FromF32Operand(bits: number, out: F80): boolean {
  f80FromF32(bits, out);
  const f = f80Status.flags;
  if (f & FE_IE) out.hi = (out.hi & ~0x40000000) >>> 0;
  f80Status.flags = 0;
  return (f & FE_DE) !== 0;
}

/**
 * fst/fstp m64 with rounding control rc: writes the double's raw bits to out[0] (low
 * uint32) and out[1] (high uint32). OE/UE/PE/C1 as the hardware; SNaN -> QNaN with
 * IE; unsupported -> double indefinite 0xfff80000:00000000 with IE.
 */
export function f80ToF64(a: F80, rc: number, out: Uint32Array): void {
  fl = 0;
  f80Status.tiny = false;
  const ka = kind(a), s = a.sign;
  let hw: number, lw: number;
  if (ka === K_UNSUP) {
    fl |= FE_IE;
    hw = 0xfff80000; lw = 0;
  } else if (ka === K_QNAN || ka === K_SNAN) {
    if (ka === K_SNAN) fl |= FE_IE;
    hw = ((s << 31) | 0x7ff80000 | ((a.hi >>> 11) & 0xfffff)) >>> 0;
    lw = ((a.hi << 21) | (a.lo >>> 11)) >>> 0;
  } else if (ka === K_INF) {
    hw = ((s << 31) | 0x7ff00000) >>> 0; lw = 0;
  } else if (ka === K_ZERO) {
    hw = (s << 31) >>> 0; lw = 0;
  } else {
    unpack(a, UA);
    roundCore(s, UA.e - BIAS + 1023, UA.h, UA.l, 0, rc, 53, 0x7ff);
    hw = ((s << 31) | (rE << 20) | ((rH >>> 11) & 0xfffff)) >>> 0;
    lw = ((rH << 21) | (rL >>> 11)) >>> 0;
  }
  out[0] = lw;
  out[1] = hw;
  f80Status.flags = fl;
}

/** fld m32: the single with raw bits `bits`. SNaN -> QNaN with IE; denormal -> DE. Exact. */
export function f80FromF32(bits: number, out: F80): void {
  fl = 0;
  bits >>>= 0;
  const s = bits >>> 31, e = (bits >>> 23) & 0xff, f = bits & 0x7fffff;
  out.sign = s;
  out.lo = 0;
  if (e === 0xff) {
    out.exp = 0x7fff;
    if (f === 0) {
      out.hi = 0x80000000;
    } else {
      if ((f & 0x400000) === 0) fl |= FE_IE;
      out.hi = ((f << 8) | 0xc0000000) >>> 0;
    }
  } else if (e === 0) {
    if (f === 0) {
      out.exp = 0; out.hi = 0;
    } else {
      fl |= FE_DE;
      const z = Math.clz32(f << 8);
      out.exp = 1 - 127 + BIAS - z;
      out.hi = (f << (8 + z)) >>> 0;
    }
  } else {
    out.exp = e - 127 + BIAS;
    out.hi = ((f << 8) | 0x80000000) >>> 0;
  }
  f80Status.flags = fl;
}

/** fst/fstp m32 with rounding control rc: returns the single's raw bits (uint32). */
export function f80ToF32(a: F80, rc: number): number {
  f80Status.tiny = false;
  fl = 0;
  const ka = kind(a), s = a.sign;
  let r: number;
  if (ka === K_UNSUP) {
    fl |= FE_IE;
    r = 0xffc00000;
  } else if (ka === K_QNAN || ka === K_SNAN) {
    if (ka === K_SNAN) fl |= FE_IE;
    r = ((s << 31) | 0x7fc00000 | ((a.hi >>> 8) & 0x3fffff)) >>> 0;
  } else if (ka === K_INF) {
    r = ((s << 31) | 0x7f800000) >>> 0;
  } else if (ka === K_ZERO) {
    r = (s << 31) >>> 0;
  } else {
    unpack(a, UA);
    roundCore(s, UA.e - BIAS + 127, UA.h, UA.l, 0, rc, 24, 0xff);
    r = ((s << 31) | (rE << 23) | ((rH >>> 8) & 0x7fffff)) >>> 0;
  }
  f80Status.flags = fl;
  return r;
}

const F64_SCRATCH = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64_SCRATCH.buffer);
const F32_SCRATCH = new Float32Array(1);
const F32_WORDS = new Uint32Array(F32_SCRATCH.buffer);
const U32_PAIR = new Uint32Array(2);

/** Convenience: f80FromF64 from a JS number (NaN payloads may not survive). */
export function f80FromNumber(x: number, out: F80): void {
  F64_SCRATCH[0] = x;
  f80FromF64(F64_WORDS[0], F64_WORDS[1], out);
}

/** Convenience: f80ToF64 returning a JS number (NaN payloads may not survive). */
export function f80ToNumber(a: F80, rc: number): number {
  f80ToF64(a, rc, U32_PAIR);
  F64_WORDS[0] = U32_PAIR[0];
  F64_WORDS[1] = U32_PAIR[1];
  return F64_SCRATCH[0];
}

/** Convenience: the single-precision bits as a JS number. */
export function f32BitsToNumber(bits: number): number {
  F32_WORDS[0] = bits;
  return F32_SCRATCH[0];
}

// ---------------------------------------------------------------------------------
// packed BCD (fbld / fbstp): 10 bytes, 18 digits in bytes 0..8 (low nibble = lower
// digit, byte 0 least significant), sign in bit 7 of byte 9.

/** fbld: exact; invalid digits (> 9) are used as their nibble value. Clears flags. */
export function f80FromBcd(bytes: Uint8Array, off: number, out: F80): void {
  let v = 0n;
  for (let i = 8; i >= 0; i--) {
    const b = bytes[off + i];
    v = v * 100n + BigInt((b >>> 4) * 10 + (b & 15));
  }
  fromMag(bytes[off + 9] >>> 7, Number(v >> 32n), Number(v & 0xffffffffn), out);
  f80Status.flags = 0;
}

/**
 * fbstp: round to an integer with rc and store 18 BCD digits; |value| > 10^18 - 1,
 * NaN, infinity or unsupported store the BCD indefinite (ff ff c0 00 .. 00) with IE.
 */
export function f80ToBcd(a: F80, rc: number, bytes: Uint8Array, off: number): void {
  fl = 0;
  const ka = kind(a);
  let ok = false;
  if (ka >= K_INF) {
    fl |= FE_IE;
  } else {
    if (intMag(a, ka, rc) || (BigInt(iH) << 32n | BigInt(iL)) > 999999999999999999n) {
      fl = FE_IE;
    } else {
      ok = true;
    }
  }
  if (ok) {
    let v = (BigInt(iH) << 32n) | BigInt(iL);
    for (let i = 0; i < 9; i++) {
      const two = Number(v % 100n);
      v /= 100n;
      bytes[off + i] = ((two / 10) | 0) * 16 + (two % 10);
    }
    bytes[off + 9] = a.sign ? 0x80 : 0;
  } else f80BcdIndefinite(bytes, off);
  f80Status.flags = fl;
}

/** The packed-BCD indefinite (fbstp of a NaN, an infinity, a value too large, an empty ST(0)). */
export function f80BcdIndefinite(bytes: Uint8Array, off: number): void {
  for (let i = 0; i < 7; i++) bytes[off + i] = 0;
  bytes[off + 7] = 0xc0;
  bytes[off + 8] = 0xff;
  bytes[off + 9] = 0xff;
}

// ---------------------------------------------------------------------------------
// fprem, fprem1, fscale, fxtract

/** fprem: out = a - b * trunc(a / b) (partial when the exponents differ by 64 or more). */
export function f80Prem(a: F80, b: F80, out: F80): void {
  premCore(a, b, false, out);
}

/** fprem1: IEEE remainder, out = a - b * roundNearestEven(a / b) (partial likewise). */
export function f80Prem1(a: F80, b: F80, out: F80): void {
  premCore(a, b, true, out);
}

// With exponents D >= 64 apart the x87 only reduces the difference (C2 = 1, the
// caller loops): QQ = trunc(a / b / 2^(D-N)) and a - b*QQ*2^(D-N), where the SDM leaves
// N "between 32 and 63" and the hardware uses N = 32 + (D mod 32). C0, C3 and C1 are
// then 0. Otherwise the reduction is complete (C2 = 0) and C0, C3, C1 are the quotient's
// bits 2, 1, 0. The remainder is always exact (no PE, no UE).
function premCore(a: F80, b: F80, nearest: boolean, out: F80): void {
  fl = 0;
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    nan2(a, ka, b, kb, out);
    f80Status.flags = fl;
    return;
  }
  if (ka === K_INF || kb === K_ZERO) {
    fl |= FE_IE;
    setIndefinite(out);
    f80Status.flags = fl;
    return;
  }
  if (ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  if (kb === K_INF || ka === K_ZERO) {
    f80Copy(a, out);
    if (a.exp === 0 && a.hi >= 0x80000000) out.exp = 1; // a pseudo-denormal comes out normalized
    f80Status.flags = fl;
    return;
  }
  unpack(a, UA);
  unpack(b, UB);
  const A = sig64(UA), B = sig64(UB);
  const d = UA.e - UB.e;
  let q = 0n, r: bigint, k: number, s = a.sign;
  if (d >= 64) {
    const n = 32 + (d % 32);
    // a / b / 2^(d - n) truncated; remainder a - b*q*2^(d-n) = (A*2^n mod B) * 2^(ea-63-n)
    const num = A << BigInt(n);
    q = num / B;
    r = num - q * B;
    k = UA.e - BIAS - 63 - n;
    fl |= SW_C2;
  } else if (d >= 0) {
    const num = A << BigInt(d);
    q = num / B;
    r = num - q * B;
    k = UB.e - BIAS - 63;
    if (nearest) {
      const r2 = r * 2n;
      if (r2 > B || (r2 === B && (q & 1n) === 1n)) {
        q += 1n;
        r = B - r;
        s ^= 1;
      }
    }
  } else if (nearest && d === -1 && A > B) {
    // |a| in (|b|/2, |b|): q = 1, r = |b| - |a| with the opposite sign
    q = 1n;
    r = B * 2n - A;
    k = UA.e - BIAS - 63;
    s ^= 1;
  } else {
    r = A;
    k = UA.e - BIAS - 63;
  }
  if (r === 0n) {
    setZero(a.sign, out);
  } else {
    roundBig(s, r, k, false, 0, 64, 0x7fff, BIAS);
    putR(s, out);
  }
  if (!(fl & SW_C2)) {
    const qb = Number(q & 7n);
    if (qb & 4) fl |= SW_C0;
    if (qb & 2) fl |= SW_C3;
    if (qb & 1) fl |= SW_C1;
  }
  f80Status.flags = fl;
}

/** fscale: out = a * 2^trunc(b), rounded with rc at 64-bit precision. */
export function f80Scale(a: F80, b: F80, rc: number, out: F80): void {
  fl = 0;
  const ka = kind(a), kb = kind(b);
  if (ka >= K_QNAN || kb >= K_QNAN) {
    nan2(a, ka, b, kb, out);
    f80Status.flags = fl;
    return;
  }
  if (ka === K_DENORMAL || kb === K_DENORMAL) fl |= FE_DE;
  if (kb === K_INF) {
    if (b.sign === 0) {
      if (ka === K_ZERO) {
        fl |= FE_IE;
        setIndefinite(out);
      } else {
        setInf(a.sign, out);
      }
    } else if (ka === K_INF) {
      fl |= FE_IE;
      setIndefinite(out);
    } else {
      setZero(a.sign, out);
    }
  } else if (ka === K_INF || ka === K_ZERO) {
    f80Copy(a, out);
  } else {
    let n = 0;
    if (kb !== K_ZERO) {
      unpack(b, UB);
      const ue = UB.e - BIAS;
      if (ue >= 20) n = 1 << 20;
      else if (ue >= 0) n = UB.h >>> (31 - ue);
      if (b.sign) n = -n;
    }
    unpack(a, UA);
    roundCore(a.sign, UA.e + n, UA.h, UA.l, 0, rc, 64, 0x7fff);
    putR(a.sign, out);
  }
  f80Status.flags = fl;
}

/** fxtract: outSig = significand of a (exponent 0x3fff), outExp = unbiased exponent of a. */
export function f80Xtract(a: F80, outSig: F80, outExp: F80): void {
  fl = 0;
  const ka = kind(a);
  if (ka >= K_QNAN) {
    nan1(a, ka, outSig);
    f80Copy(outSig, outExp);
  } else if (ka === K_ZERO) {
    fl |= FE_ZE;
    const s = a.sign; // outExp may be a
    setInf(1, outExp);
    setZero(s, outSig);
  } else if (ka === K_INF) {
    const s = a.sign;
    setInf(0, outExp);
    setInf(s, outSig);
  } else {
    if (ka === K_DENORMAL) fl |= FE_DE;
    unpack(a, UA);
    const e = UA.e - BIAS;
    fromMag(e < 0 ? 1 : 0, 0, Math.abs(e), outExp);
    outSig.sign = UA.s;
    outSig.exp = BIAS;
    outSig.hi = UA.h;
    outSig.lo = UA.l;
  }
  f80Status.flags = fl;
}

// ---------------------------------------------------------------------------------
// constants: 96 bits of each (exponent, then three 32-bit limbs), rounded with rc

const CONSTS: readonly (readonly number[])[] = [
  [0x3fff, 0x80000000, 0x00000000, 0x00000000], // 1
  [0x4000, 0xd49a784b, 0xcd1b8afe, 0x492bf6ff], // log2(10)
  [0x3fff, 0xb8aa3b29, 0x5c17f0bb, 0xbe87fed0], // log2(e)
  [0x4000, 0xc90fdaa2, 0x2168c234, 0xc4c6628b], // pi
  [0x3ffd, 0x9a209a84, 0xfbcff798, 0x8f8959ac], // log10(2)
  [0x3ffe, 0xb17217f7, 0xd1cf79ab, 0xc9e3b398], // ln(2)
];

/** fld1, fldl2t, fldl2e, fldpi, fldlg2, fldln2, fldz (CONST_*): no exception, no C1. */
export function f80LoadConst(which: number, rc: number, out: F80): void {
  if (which === CONST_ZERO || which < 0 || which > CONST_ZERO) {
    setZero(0, out);
  } else {
    const c = CONSTS[which];
    const x = c[3] !== 0 ? (c[3] | 1) >>> 0 : 0; // the tails are irrational: never a tie
    fl = 0;
    roundCore(0, c[0], c[1], c[2], x, rc, 64, 0x7fff);
    putR(0, out);
  }
  f80Status.flags = 0;
}
