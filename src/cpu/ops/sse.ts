// SSE and SSE2: every family registers its forms with op() on import.
//   sse-core.ts    XMM views, operand access, alignment
//   sse-int.ts     moves, logic, shuffles, packed integer arithmetic
//   sse-fp.ts      IEEE arithmetic with x86 NaN, rounding and exception rules
//   sse-float.ts   floating-point instructions: arithmetic, compares, conversions
//   sse-approx.ts  rcp/rsqrt approximations
import './sse-int.js';
import './sse-float.js';
