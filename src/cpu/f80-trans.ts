// Multi-precision evaluation of the x87 transcendental functions (for
// src/cpu/ops/x87-trans.ts): sin, cos, tan after the hardware's range reduction, atan2,
// log2 x, log2(1 + x), 2^x - 1, each computed to about 160 bits, and the single rounding
// to the 64-bit significand with the rounding control. The hardware's result differs
// from the correctly rounded one only when the exact value lies within about a tenth of
// an ulp of a rounding boundary. Where the hardware's evaluation is known, that is
// modelled (docs/X87-TRANSCENDENTALS.md): sinCosTable (sin and cos of arguments
// 1/4 <= |r| < pi/4, reduced or not, with its minimax polynomial for cos r - 1), cosSmall,
// cosSinCos, sinSinCos, sinEven (the cosine and sine below 1/4, their brackets rounded),
// fptan of every operand (its sine and cosine cut to 67 bits, divided),
// exp2m1Table and exp2m1Series (f2xm1), atanSmall and atanTable (fpatan), log2p1Small
// and log2Table (the logarithms). The hardware's trigonometric result depends on the reduced
// argument r (exact, by its 66-bit pi/2) and the quadrant only, not on the size of the
// operand.
//
// The code is in src/cpu/trans/, one file per function family (big.ts: the numbers; round.ts:
// the final rounding; trig.ts, atan.ts, log.ts, exp.ts); this file is what the rest of
// x64vm and the scripts use of it. Numbers are { s, m, e }: (-1)^s * m * 2^e with m a BigInt.
// These are rare, slow paths (one call per transcendental instruction), so BigInt is
// acceptable here; nothing else in the emulator uses them.

export { Big, big, bigExp, bigMul, fromF80, lowerBy, piQuarters, truncBits } from './trans/big.js';
export { R_C1, R_OE, R_PE, R_UE, roundTo80 } from './trans/round.js';
export { reduce, trig, trigExact } from './trans/trig.js';
export { atan2, atan2Hw } from './trans/atan.js';
export { log2, log2Hw, log2p1, log2p1Hw } from './trans/log.js';
export { exp2m1, exp2m1Exact } from './trans/exp.js';
