// Random instruction sequences for the JIT differential fuzzer (tests/jit-fuzz.test.mjs):
// generates one assembly file (GNU as, Intel syntax) of BLOCKS functions `blk_N(regs, mem)`
// and a table of them for tests/native/jit/fuzz.c. Each function loads rflags and 14
// registers from regs[], runs a random straight sequence of integer instructions (with
// forward conditional jumps over some of them, so a sequence spans several blocks and
// flags stay live across block ends; calls, direct and through a register, to short
// callees; values pushed and popped around an instruction), then stores the registers
// and rflags back.
// r15 points at a 256-byte buffer that memory operands address; rsp and r15 are never
// written by the sequence.
//
// Single instructions are proven against the hardware by the conformance tests; what
// this adds is sequences: the JIT's lazy and dead flags, its register and page-window
// caching, partial-register writes feeding later reads, and exits in the middle.
//
// With `simd`, three quarters of the instructions are SSE/SSE2/SSSE3/SSE4.1 on xmm0-15,
// which the functions load from the buffer (with MXCSR from regs[]) and store back; with
// `x87`, three quarters are x87 instructions, from fninit and a control word of the
// harness's to an fnsave of the whole state.
//
//   node tests/native/jit/fuzzgen.mjs SEED BLOCKS OUT.S [int|simd|x87]

import fs from 'node:fs';

/** xorshift64*: the same sequence for a seed on every host */
function rng(seed) {
  let s = BigInt.asUintN(64, BigInt(seed) * 0x9E3779B97F4A7C15n + 1n);
  return () => {
    s ^= s >> 12n; s ^= BigInt.asUintN(64, s << 25n); s ^= s >> 27n;
    return Number(BigInt.asUintN(64, s * 0x2545F4914F6CDD1Dn) >> 33n) / 2 ** 31;
  };
}

// registers the sequence may write (not rsp, not r15); the regs[] layout is this order
/**
 * where fuzz.c keeps xmm0-15 (then the MXCSR stored at the end, then four MXCSR values to
 * switch to), below the operand bytes r15 points at: random operands never reach it, and
 * the operands can end at an inaccessible page (fuzz.c's fault mode)
 */
const XMM_AREA = -320;
export const REGS = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14'];
const R32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d'];
const R16 = ['ax', 'bx', 'cx', 'dx', 'si', 'di', 'bp', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w'];
const R8 = ['al', 'bl', 'cl', 'dl', 'sil', 'dil', 'bpl', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b'];
const HIGH8 = ['ah', 'bh', 'ch', 'dh'];
const LEGACY8 = ['al', 'bl', 'cl', 'dl'];
const N = { 8: REGS, 4: R32, 2: R16, 1: R8 };
const KW = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 10: 'tbyte' };
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

export function generate(seed, blocks, mode = 'int') {
  const simd = mode === 'simd' || mode === true, x87 = mode === 'x87';
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const int = (n) => Math.floor(r() * n);
  const size = () => pick([1, 2, 4, 8, 8, 4]);
  let avoid = -1; // index in REGS of a loop counter the sequence must not write
  const reg = (s) => { let k; do k = int(14); while (k === avoid); return N[s][k]; };
  const mem = (s) => `${KW[s]} ptr [r15 + ${int(257 - s)}]`;
  /** an immediate for an operand of size s (imm32 sign-extended for 8) */
  const imm = (s) => {
    const k = int(6);
    const bits = s === 1 ? 8 : s === 2 ? 16 : 32;
    const v = k === 0 ? 0 : k === 1 ? -1 : k === 2 ? 1 : k === 3 ? -(2 ** (bits - 1)) : int(2 ** bits) - 2 ** (bits - 1);
    return String(v);
  };
  /** a shift or rotate count: mostly the edges, where the flag rules change */
  const count = (s) => (int(3) ? pick([0, 1, 2, 3, 8 * s - 1, 8 * s, 8 * s + 1, 31, 32, 33, 63, 64, 65]) : int(256));
  /** a byte-register pair that encodes: high-byte registers only with legacy ones, no memory */
  const byteRegs = () => {
    if (int(4) === 0) { const a = pick([...HIGH8, ...LEGACY8]); const b = pick([...HIGH8, ...LEGACY8]); return [a, b]; }
    return [reg(1), reg(1)];
  };

  const gens = [
    // two-operand ALU, every operand kind
    () => {
      const o = pick(['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test']);
      const s = size(), k = int(5);
      if (s === 1 && k === 0) { const [a, b] = byteRegs(); return `${o} ${a}, ${b}`; }
      if (k <= 1) return `${o} ${reg(s)}, ${reg(s)}`;
      if (k === 2) return `${o} ${reg(s)}, ${imm(s)}`;
      if (k === 3) return o === 'test' ? `${o} ${mem(s)}, ${reg(s)}` : `${o} ${reg(s)}, ${mem(s)}`;
      return int(2) ? `${o} ${mem(s)}, ${reg(s)}` : `${o} ${mem(s)}, ${imm(s)}`;
    },
    () => { const o = pick(['inc', 'dec', 'neg', 'not']); const s = size(); return `${o} ${int(4) ? reg(s) : mem(s)}`; },
    // shifts and rotates by 1, an immediate (also beyond the width) and cl
    () => {
      const o = pick(['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr']);
      const s = size(), dst = int(4) ? reg(s) : mem(s), k = int(3);
      return k === 0 ? `${o} ${dst}, 1` : k === 1 ? `${o} ${dst}, ${count(s)}` : `${o} ${dst}, cl`;
    },
    () => {
      const o = pick(['shld', 'shrd']), s = pick([2, 4, 8]);
      return `${o} ${int(4) ? reg(s) : mem(s)}, ${reg(s)}, ${int(2) ? 'cl' : count(s)}`;
    },
    // multiplies
    () => { const s = pick([2, 4, 8]); return `imul ${reg(s)}, ${int(3) ? reg(s) : mem(s)}`; },
    () => { const s = pick([2, 4, 8]); return `imul ${reg(s)}, ${int(3) ? reg(s) : mem(s)}, ${imm(s === 2 ? 2 : 4)}`; },
    () => { const s = size(); return `${pick(['mul', 'imul'])} ${int(3) ? reg(s) : mem(s)}`; },
    // divides: a zero divisor or a quotient too large raises #DE (SIGFPE, compared too)
    // (rare: they end most runs they appear in)
    () => { const s = size(); return int(5) ? `imul ${reg(s === 1 ? 2 : s)}, ${reg(s === 1 ? 2 : s)}` : `${pick(['div', 'idiv'])} ${int(3) ? reg(s) : mem(s)}`; },
    // moves
    () => {
      const s = size(), k = int(5);
      if (k === 0) return `mov ${reg(s)}, ${reg(s)}`;
      if (k === 1) return s === 8 && int(2) ? `movabs ${reg(8)}, ${int(2 ** 30) * 2 ** 20 + int(2 ** 20)}` : `mov ${reg(s)}, ${imm(s)}`;
      if (k === 2) return `mov ${reg(s)}, ${mem(s)}`;
      if (k === 3) return `mov ${mem(s)}, ${reg(s)}`;
      return `mov ${mem(s)}, ${imm(s)}`;
    },
    () => {
      const k = int(4);
      if (k === 0) { const d = pick([2, 4, 8]); return `${pick(['movzx', 'movsx'])} ${reg(d)}, ${int(2) ? reg(1) : mem(1)}`; }
      if (k === 1) { const d = pick([4, 8]); return `${pick(['movzx', 'movsx'])} ${reg(d)}, ${int(2) ? reg(2) : mem(2)}`; }
      if (k === 2) return `movsxd ${reg(8)}, ${int(2) ? reg(4) : mem(4)}`;
      return `${pick(['movzx', 'movsx'])} ${pick(['eax', 'ebx', 'ecx', 'edx'])}, ${pick(HIGH8)}`; // no REX with ah..bh
    },
    () => { const s = pick([2, 4, 8]); const sc = pick([1, 2, 4, 8]); return `lea ${reg(s)}, [${reg(8)} + ${reg(8)}*${sc} + ${imm(4)}]`; },
    // conditions
    () => { const s = pick([2, 4, 8]); return `cmov${pick(CC)} ${reg(s)}, ${int(3) ? reg(s) : mem(s)}`; },
    () => `set${pick(CC)} ${int(3) ? reg(1) : mem(1)}`,
    // bit tests, scans and counts
    () => {
      const o = pick(['bt', 'bts', 'btr', 'btc']), s = pick([2, 4, 8]);
      return int(2) ? `${o} ${reg(s)}, ${reg(s)}` : `${o} ${int(2) ? reg(s) : mem(s)}, ${int(256)}`;
    },
    () => { const s = pick([2, 4, 8]); return `${pick(['bsf', 'bsr', 'popcnt', 'lzcnt', 'tzcnt'])} ${reg(s)}, ${int(3) ? reg(s) : mem(s)}`; },
    () => `bswap ${reg(pick([4, 8]))}`,
    // exchanges
    () => {
      const o = pick(['xchg', 'xadd', 'cmpxchg']), s = size();
      if (s === 1 && int(3) === 0) { const [a, b] = byteRegs(); return `${o} ${a}, ${b}`; }
      // xchg with memory is locked: aligned, or a split lock makes the kernel slow the
      // native run down by orders of magnitude
      return `${o} ${int(2) ? reg(s) : o === 'xchg' ? `${KW[s]} ptr [r15 + ${s * int(256 / s)}]` : mem(s)}, ${reg(s)}`;
    },
    () => pick(['cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo', 'clc', 'stc', 'cmc', 'lahf', 'sahf']),
    // BMI1/2, ADX, MOVBE
    () => {
      const s = pick([4, 8]), src = int(3) ? reg(s) : mem(s);
      switch (int(9)) {
        case 0: return `andn ${reg(s)}, ${reg(s)}, ${src}`;
        case 1: return `bextr ${reg(s)}, ${src}, ${reg(s)}`;
        case 2: return `${pick(['blsi', 'blsmsk', 'blsr'])} ${reg(s)}, ${src}`;
        case 3: return `bzhi ${reg(s)}, ${src}, ${reg(s)}`;
        case 4: return `${pick(['pdep', 'pext'])} ${reg(s)}, ${reg(s)}, ${src}`;
        case 5: return `mulx ${reg(s)}, ${reg(s)}, ${src}`;
        case 6: return `rorx ${reg(s)}, ${src}, ${count(s)}`;
        case 7: return `${pick(['sarx', 'shlx', 'shrx'])} ${reg(s)}, ${src}, ${reg(s)}`;
        default: return `${pick(['adcx', 'adox'])} ${reg(s)}, ${src}`;
      }
    },
    () => { const s = pick([2, 4, 8]); return int(2) ? `movbe ${reg(s)}, ${mem(s)}` : `movbe ${mem(s)}, ${reg(s)}`; },
    // string instructions inside the buffer, forwards or backwards, with and without rep
    // (the JIT turns rep movs/stos into bulk copies and fills: overlaps and DF matter)
    () => {
      if (avoid >= 0 && int(2)) return 'nop'; // loops: rcx/rsi/rdi are fair game, but keep some loops cheap
      const s = pick([1, 2, 4, 8]), n = int(3) ? int(24) : int(264 / s), back = int(3) === 0;
      const span = Math.max(0, n - 1) * s;
      const at = () => (back ? span + int(264 - s - span + 1) : int(264 - s - span + 1));
      const k = int(6);
      const w = `${KW[s]} ptr`;
      const op = k <= 1 ? `rep movs ${w} [rdi], ${w} [rsi]` : k === 2 ? `rep stos ${w} [rdi]`
        : k === 3 ? `${pick(['repe', 'repne'])} cmps ${w} [rsi], ${w} [rdi]`
        : k === 4 ? `${pick(['repe', 'repne'])} scas ${w} [rdi]` : pick([`lods ${w} [rsi]`, `movs ${w} [rdi], ${w} [rsi]`, `stos ${w} [rdi]`]);
      return [back ? 'std' : 'cld', `lea rdi, [r15 + ${at()}]`, `lea rsi, [r15 + ${at()}]`, `mov ecx, ${n}`, op, 'cld'].join('\n\t');
    },
  ];

  // SSE/SSE2/SSSE3/SSE4.1 on xmm0-15 (loaded from the harness's random floating-point
  // and integer patterns under a random MXCSR: rounding, DAZ, FTZ, exceptions masked)
  const xr = () => `xmm${int(16)}`;
  const m128 = () => `xmmword ptr [r15 + ${16 * int(16)}]`;
  const mu128 = () => `xmmword ptr [r15 + ${int(249)}]`; // unaligned: movups/movdqu only
  const m64 = () => `qword ptr [r15 + ${int(257)}]`;
  const m32 = () => `dword ptr [r15 + ${int(261)}]`;
  const xm = (m) => (int(3) ? xr() : m());
  const INT = ['paddb', 'paddw', 'paddd', 'paddq', 'psubb', 'psubw', 'psubd', 'psubq', 'paddsb', 'paddsw', 'paddusb',
    'paddusw', 'psubsb', 'psubsw', 'psubusb', 'psubusw', 'pmullw', 'pmulhw', 'pmulhuw', 'pmuludq', 'pmaddwd', 'pand',
    'pandn', 'por', 'pxor', 'pcmpeqb', 'pcmpeqw', 'pcmpeqd', 'pcmpgtb', 'pcmpgtw', 'pcmpgtd', 'pminub', 'pmaxub',
    'pminsw', 'pmaxsw', 'pavgb', 'pavgw', 'psadbw', 'packsswb', 'packssdw', 'packuswb', 'punpcklbw', 'punpcklwd',
    'punpckldq', 'punpcklqdq', 'punpckhbw', 'punpckhwd', 'punpckhdq', 'punpckhqdq', 'pshufb', 'pabsb', 'pabsw', 'pabsd',
    'psignb', 'psignw', 'psignd', 'phaddw', 'phaddd', 'phsubw', 'pmaddubsw', 'pmulhrsw', 'pminsd', 'pmaxsd', 'pminud',
    'pmaxud', 'pminsb', 'pmaxsb', 'pminuw', 'pmaxuw', 'pmulld', 'pmuldq', 'pcmpeqq', 'packusdw', 'pcmpgtq'];
  const simdGens = [
    () => { const t = pick(['sd', 'ss']); return `${pick(['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt'])}${t} ${xr()}, ${xm(t === 'sd' ? m64 : m32)}`; },
    () => `${pick(['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt', 'and', 'andn', 'or', 'xor'])}${pick(['pd', 'ps'])} ${xr()}, ${xm(m128)}`,
    () => `cmp${pick(['sd', 'ss', 'pd', 'ps'])} ${xr()}, ${xr()}, ${int(8)}`,
    () => `${pick(['comisd', 'ucomisd', 'comiss', 'ucomiss'])} ${xr()}, ${xr()}`,
    () => {
      switch (int(6)) {
        case 0: return `${pick(['cvtsi2sd', 'cvtsi2ss'])} ${xr()}, ${reg(pick([4, 8]))}`;
        case 1: return `${pick(['cvttsd2si', 'cvtsd2si', 'cvttss2si', 'cvtss2si'])} ${reg(pick([4, 8]))}, ${xr()}`;
        case 2: return `${pick(['cvtsd2ss', 'cvtss2sd'])} ${xr()}, ${xr()}`;
        case 3: return `${pick(['cvtdq2pd', 'cvtps2pd'])} ${xr()}, ${xr()}`;
        default: return `${pick(['cvtpd2dq', 'cvttpd2dq', 'cvtdq2ps', 'cvtps2dq', 'cvttps2dq', 'cvtpd2ps'])} ${xr()}, ${xm(m128)}`;
      }
    },
    () => {
      switch (int(12)) {
        case 0: return int(2) ? `movsd ${xr()}, ${xr()}` : `movsd ${xr()}, ${m64()}`;
        case 1: return int(2) ? `movss ${xr()}, ${xr()}` : `movss ${xr()}, ${m32()}`;
        case 2: return int(2) ? `movsd ${m64()}, ${xr()}` : `movss ${m32()}, ${xr()}`;
        case 3: return `${pick(['movapd', 'movaps', 'movdqa'])} ${xr()}, ${xm(m128)}`;
        case 4: return int(2) ? `${pick(['movups', 'movdqu'])} ${xr()}, ${mu128()}` : `${pick(['movups', 'movdqu'])} ${mu128()}, ${xr()}`;
        case 5: return int(2) ? `movq ${xr()}, ${reg(8)}` : `movq ${reg(8)}, ${xr()}`;
        case 6: return int(2) ? `movd ${xr()}, ${reg(4)}` : `movd ${reg(4)}, ${xr()}`;
        case 7: return `${pick(['movhlps', 'movlhps'])} ${xr()}, ${xr()}`;
        case 8: return `${pick(['unpcklpd', 'unpckhpd', 'unpcklps', 'unpckhps'])} ${xr()}, ${xm(m128)}`;
        case 9: return `${pick(['shufpd'])} ${xr()}, ${xm(m128)}, ${int(4)}`;
        case 10: return `${pick(['shufps', 'pshufd', 'pshuflw', 'pshufhw'])} ${xr()}, ${xm(m128)}, ${int(256)}`;
        default: return `movq ${xr()}, ${xr()}`;
      }
    },
    () => `${pick(INT)} ${xr()}, ${xm(m128)}`,
    () => `${pick(INT)} ${xr()}, ${xr()}`,
    () => {
      const k = int(4);
      if (k === 0) return `${pick(['psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad'])} ${xr()}, ${pick([0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, int(256)])}`;
      if (k === 1) return `${pick(['psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad'])} ${xr()}, ${xr()}`;
      if (k === 2) return `${pick(['pslldq', 'psrldq'])} ${xr()}, ${int(20)}`;
      return `palignr ${xr()}, ${xm(m128)}, ${int(34)}`;
    },
    () => {
      switch (int(6)) {
        case 0: return `${pick(['pmovmskb', 'movmskpd', 'movmskps'])} ${reg(4)}, ${xr()}`;
        case 1: return `pextrw ${reg(4)}, ${xr()}, ${int(8)}`;
        case 2: return `pinsrw ${xr()}, ${reg(4)}, ${int(8)}`;
        case 3: return `ptest ${xr()}, ${xm(m128)}`;
        case 4: return `${pick(['roundsd', 'roundss', 'roundpd', 'roundps'])} ${xr()}, ${xr()}, ${int(16)}`;
        default: return `${pick(['blendpd', 'blendps', 'pblendw'])} ${xr()}, ${xm(m128)}, ${int(256) & 0xff}`;
      }
    },
    () => {
      switch (int(5)) {
        // another rounding mode, DAZ/FTZ or sticky flags in the middle of a region
        case 0: return `ldmxcsr dword ptr [r15 - ${-(XMM_AREA + 260 + 4 * int(4))}]`;
        case 1: return `stmxcsr ${m32()}`;
        case 2: return `${pick(['movlpd', 'movhpd', 'movlps', 'movhps'])} ${xr()}, ${m64()}`;
        case 3: return `${pick(['movlpd', 'movhpd', 'movlps', 'movhps'])} ${m64()}, ${xr()}`;
        default: return `${pick(['cvtsi2sd', 'cvtsi2ss'])} ${xr()}, ${pick([m32, m64])()}`;
      }
    },
  ];
  // x87: the stack, every operand kind, compares into flags (fcomi, fnstsw + sahf),
  // conversions under the rounding and precision control, control word switches; all
  // exceptions masked (stack faults give the indefinite). No transcendentals: their
  // results are not the hardware's in every last bit (docs/X87-TRANSCENDENTALS.md).
  const st = () => `st(${int(8)})`;
  const mf = (s) => `${KW[s]} ptr [r15 + ${int(265 - s)}]`;
  const x87Gens = [
    () => {
      switch (int(6)) {
        case 0: return `fld ${st()}`;
        case 1: return `fld ${mf(pick([4, 8, 10]))}`;
        case 2: return `fild ${mf(pick([2, 4, 8]))}`;
        case 3: return pick(['fld1', 'fldz', 'fldpi', 'fldl2e', 'fldl2t', 'fldlg2', 'fldln2']);
        case 4: return `fbld ${mf(10)}`;
        default: return `fld ${mf(pick([4, 8]))}`;
      }
    },
    () => {
      switch (int(6)) {
        case 0: return `${pick(['fst', 'fstp'])} ${st()}`;
        case 1: return `${pick(['fst', 'fstp'])} ${mf(pick([4, 8]))}`;
        case 2: return `fstp ${mf(10)}`;
        case 3: return `${pick(['fist', 'fistp'])} ${mf(pick([2, 4]))}`;
        case 4: return `${pick(['fistp', 'fisttp'])} ${mf(8)}`;
        default: return pick([`fisttp ${mf(pick([2, 4]))}`, `fbstp ${mf(10)}`]);
      }
    },
    () => {
      const o = pick(['fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr']);
      switch (int(5)) {
        case 0: return `${o} st, ${st()}`;
        case 1: return `${o} ${st()}, st`;
        case 2: return `${o}p ${st()}, st`;
        case 3: return `${o} ${mf(pick([4, 8]))}`;
        default: return `fi${o.slice(1)} ${mf(pick([2, 4]))}`;
      }
    },
    () => {
      switch (int(5)) {
        case 0: return `${pick(['fcom', 'fcomp', 'fucom', 'fucomp'])} ${st()}`;
        case 1: return pick(['fcompp', 'fucompp', 'ftst', 'fxam']);
        case 2: return `${pick(['fcomi', 'fcomip', 'fucomi', 'fucomip'])} st, ${st()}`;
        case 3: return `${pick(['fcom', 'fcomp'])} ${mf(pick([4, 8]))}`;
        default: return 'fnstsw ax\n\tsahf';
      }
    },
    () => pick(['fchs', 'fabs', 'fsqrt', 'frndint', 'fscale', 'fxtract', 'fprem', 'fprem1', 'fincstp', 'fdecstp', 'fnclex', 'fnop']),
    () => pick([`fxch ${st()}`, `ffree ${st()}`, `fcmov${pick(['b', 'e', 'be', 'u', 'nb', 'ne', 'nbe', 'nu'])} st, ${st()}`]),
    () => int(2) ? `fldcw word ptr [r15 - ${448 - 2 * int(4)}]` : `fnstcw ${mf(2)}`,
  ];
  const base = simd ? [...simdGens, ...simdGens, ...simdGens, ...gens] : x87 ? [...x87Gens, ...x87Gens, ...x87Gens, ...gens] : gens;

  const out = ['\t.intel_syntax noprefix', '\t.text'];
  let label = 0;
  // calls: the callees (a few instructions and ret) are emitted after the block's function
  let callees = [];
  const control = [
    () => {
      const name = `.Lc${label++}`;
      const body = [];
      for (let k = 1 + int(4); k > 0; k--) body.push('\t' + pick(base)());
      callees.push(`${name}:`, ...body, '\tret');
      if (int(2)) return `call ${name}`;
      const r = reg(8); // an indirect call through a register the callee may overwrite
      return `lea ${r}, [rip + ${name}]\n\tcall ${r}`;
    },
    // a value parked on the stack around another instruction
    () => `push ${reg(8)}\n\t${pick(base)()}\n\tpop ${reg(8)}`,
  ];
  const all = [...base, ...control];
  for (let b = 0; b < blocks; b++) {
    out.push(`\t.globl blk_${b}`, `blk_${b}:`);
    out.push('\tpush rbx', '\tpush rbp', '\tpush r12', '\tpush r13', '\tpush r14', '\tpush r15', '\tpush rdi');
    out.push('\tmov r15, rsi', `\tpush qword ptr [rdi + ${8 * REGS.length}]`, '\tpopfq');
    {
      // xmm0-15 and MXCSR are loaded for integer sequences too: a fault shows them, and
      // what the harness's libc left there differs between hosts (its ifuncs use AVX)
      out.push(`\tldmxcsr [rdi + ${8 * REGS.length + 8}]`);
      if (x87) out.push('\tfninit', '\tfldcw word ptr [r15 - 448]');
      for (let k = 0; k < 16; k++) out.push(`\tmovdqu xmm${k}, [r15 - ${-(XMM_AREA + 16 * k)}]`);
    }
    REGS.forEach((x, k) => { if (x !== 'rdi') out.push(`\tmov ${x}, [rdi + ${8 * k}]`); });
    out.push(`\tmov rdi, [rdi + ${8 * REGS.indexOf('rdi')}]`);
    const len = 6 + int(20);
    // a third of the sequences run in a loop of 1-40 iterations counted in r14, which the
    // body leaves alone: compiled loops keep registers, flags and page windows across
    // iterations
    const loop = int(3) === 0;
    avoid = loop ? REGS.indexOf('r14') : -1;
    if (loop) out.push(`\tmov r14d, ${1 + int(40)}`, `.Lb${b}:`);
    const pending = []; // labels still to place: [label, instructions left]
    for (let n = 0; n < len; n++) {
      if (int(6) === 0) { pending.push([label, 1 + int(4)]); out.push(`\tj${pick(CC)} .Lf${label++}`); }
      out.push('\t' + pick(all)());
      for (const p of pending) p[1]--;
      while (pending.length && pending[0][1] <= 0) out.push(`.Lf${pending.shift()[0]}:`);
    }
    for (const p of pending) out.push(`.Lf${p[0]}:`);
    if (loop) out.push('\tdec r14d', `\tjnz .Lb${b}`);
    {
      for (let k = 0; k < 16; k++) out.push(`\tmovdqu [r15 - ${-(XMM_AREA + 16 * k)}], xmm${k}`);
      out.push(`\tstmxcsr [r15 - ${-(XMM_AREA + 256)}]`);
      // the whole x87 state (and an empty stack for the C caller)
      if (x87) out.push('\tfnsave [r15 - 432]');
    }
    // rflags below the saved regs pointer, then every register through rax
    out.push('\tpushfq', '\tpush rax', '\tmov rax, [rsp + 16]');
    REGS.forEach((x, k) => { if (x !== 'rax') out.push(`\tmov [rax + ${8 * k}], ${x}`); });
    out.push('\tpop rbx', '\tmov [rax], rbx', '\tpop rbx', `\tmov [rax + ${8 * REGS.length}], rbx`);
    out.push('\tpop rdi', '\tpop r15', '\tpop r14', '\tpop r13', '\tpop r12', '\tpop rbp', '\tpop rbx', '\tret');
    out.push(...callees);
    callees = [];
  }
  out.push('\t.section .rodata', '\t.globl blk_table', '\t.p2align 3', 'blk_table:');
  for (let b = 0; b < blocks; b++) out.push(`\t.quad blk_${b}`);
  out.push('\t.globl blk_count', 'blk_count:', `\t.quad ${blocks}`);
  out.push('\t.section .note.GNU-stack,"",@progbits');
  return out.join('\n') + '\n';
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''))) {
  const [seed, blocks, file, kind] = process.argv.slice(2);
  fs.writeFileSync(file, generate(Number(seed), Number(blocks), kind ?? 'int'));
}
