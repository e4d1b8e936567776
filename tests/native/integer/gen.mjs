// Generates the instruction stubs of the integer differential test as one assembly
// file (Intel syntax, GNU as). Each stub is one instruction form (or a short
// sequence) followed by `jmp save_state`; driver.c runs it on many inputs.
//
//   node tests/native/integer/gen.mjs OUT.S      (also exported: generate())
//
// A stub record says how driver.c must prepare the inputs: the profile (P_*), the
// operand size, where the memory operand's base/index registers are (so they can be
// pointed at the test buffer), and auxiliary data of the profile. RFLAGS bits that
// the manuals leave undefined are compared unless a record's fmask says otherwise;
// every mask carries the reason next to it.

import fs from 'node:fs';

export const MEMOFF = 0x11000;
const TARGET = `g_mem+${MEMOFF}`;
const P = { GEN: 0, SHIFT: 1, DIV: 2, BTMEM: 3, STRING: 4, STACK: 5, CMPX: 6, CX16: 7, POPF: 8, LOOP: 9, XLAT: 10, LEA: 11, FIXED: 12, BMI: 13 };
const MEMLOC = 0xfe;
// The conformance sweep (tests/conformance/report.mjs --full) raises every stub to at
// least this many cases; 0 (the default) keeps each stub's own count.
const FULL_CASES = Math.max(0, Number(process.env.X64VM_CONFORMANCE_CASES) || 0);

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b',
  'ah', 'ch', 'dh', 'bh'];
const KW = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 16: 'xmmword' };
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];

// flag bits
const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, OF = 0x800;

function rn(n, size) {
  switch (size) {
    case 1: return R8[n];
    case 2: return R16[n];
    case 4: return R32[n];
    default: return R64[n];
  }
}
/** register number 0-15 of a register operand (byte registers 16-19 are AH..BH) */
const gpr = (n) => (n >= 16 ? n - 16 : n);

// ---- memory operands ----------------------------------------------------------------
// Addressing forms, used in turn. b/i: base/index register, s: scale, d: displacement,
// rip: rip-relative, abs: no base (index*scale + disp32), a32: 0x67 address size, seg.
const MODES = [
  { b: 3 },
  { b: 5, d: 8 },
  { b: 12, d: -0x1234 },
  { b: 13, i: 1, s: 4, d: -8 },
  { rip: true },
  { i: 6, s: 8, abs: true },
  { b: 8, i: 15, s: 2, d: 100 },
  { b: 7, i: 9, s: 1 },
  { b: 3, i: 5, s: 8, d: 16, a32: true },
  { b: 14, a32: true },
  { b: 11, i: 12, s: 1, d: 0x7fff },
  { b: 2, seg: 'fs' },
  { b: 8, i: 3, s: 2, d: 4, seg: 'gs' },
  { b: 10, i: 0, s: 2, d: -1 },
  { b: 15, d: 0x40 },
  { b: 1, i: 14, s: 4, a32: true, d: -100 },
  { b: 4, d: 8 },
  { b: 9, i: 13, s: 8 },
  { b: 6, d: -0x80 },
];
let modeIx = 0;

/** The next addressing form not using any register in `avoid`; returns its text and record fields. */
function mem(size, avoid = [], opt = {}) {
  for (let tries = 0; tries < MODES.length * 2; tries++) {
    const m = MODES[modeIx++ % MODES.length];
    if (opt.noA32 && m.a32) continue;
    if (opt.noRip && (m.rip || m.abs)) continue;
    const used = [m.b, m.i].filter((x) => x !== undefined);
    if (avoid.some((r) => r >= 16) && used.some((r) => r >= 8)) continue; // AH..BH cannot take a REX prefix
    if (used.some((r) => avoid.map(gpr).includes(r))) continue;
    const R = m.a32 ? R32 : R64;
    const kw = size ? `${KW[size]} ptr ` : '';
    const seg = m.seg ? `${m.seg}:` : '';
    if (m.rip) return { text: `${kw}[rip+${TARGET}]`, base: 16, index: 0xff, scale: 1, disp: '0', a32: 0 };
    if (m.abs) {
      const disp = `${TARGET}-${m.s * 2}`;
      return { text: `${kw}[${R[m.i]}*${m.s}+${disp}]`, base: 17, index: m.i, scale: m.s, disp, a32: 0 };
    }
    let t = R[m.b];
    if (m.i !== undefined) t += `+${R[m.i]}*${m.s}`;
    const d = m.d ?? 0;
    if (d) t += d < 0 ? `-${-d}` : `+${d}`;
    // a32 field: bit 0 address size 32, bit 1 fs, bit 2 gs
    const a32 = (m.a32 ? 1 : 0) | (m.seg === 'fs' ? 2 : m.seg === 'gs' ? 4 : 0);
    return { text: `${kw}${seg}[${t}]`, base: m.b, index: m.i ?? 0xff, scale: m.s ?? 1, disp: String(d), a32 };
  }
  throw new Error('no addressing form avoids ' + avoid);
}

// ---- stub records -------------------------------------------------------------------

const stubs = [];
const faults = [];

/**
 * One instruction form: lines of assembly, then how to prepare its inputs.
 * o: { prof, size, m (memory operand from mem()), aux1, aux2, n (cases), fmask }
 */
function emit(name, lines, o = {}) {
  if (typeof lines === 'string') lines = [lines];
  stubs.push({
    name, lines, prof: o.prof ?? P.GEN, size: o.size ?? 8, m: o.m ?? null,
    aux1: o.aux1 ?? 0, aux2: o.aux2 ?? 0, n: Math.max(o.n ?? 24, FULL_CASES), fmask: o.fmask ?? 0,
  });
}
/**
 * A stub that may fault: run by itself in a child that must end as the hardware's does,
 * and (caught mode) with a signal handler that reports the state at the fault.
 * fmask: RFLAGS bits not compared in the state at the fault.
 */
function fault(name, lines, fmask = 0) {
  if (typeof lines === 'string') lines = [lines];
  faults.push({ name, lines, fmask });
}
/** A register operand that is the same in both the instruction text and the record. */
const regName = (n, size) => rn(n, size);

// register pairs (dst, src) per operand size, used in turn
const PAIRS = {
  1: [[0, 19], [18, 17], [6, 9], [15, 15], [16, 0], [3, 2], [12, 4], [1, 16], [10, 7], [19, 19], [5, 14]],
  2: [[0, 3], [1, 1], [9, 14], [5, 12], [7, 2], [15, 8], [4, 6], [11, 0], [3, 13], [10, 10]],
  4: [[0, 3], [1, 1], [9, 14], [5, 12], [7, 2], [15, 8], [4, 6], [11, 0], [3, 13], [10, 10]],
  8: [[0, 3], [1, 1], [9, 14], [5, 12], [7, 2], [15, 8], [4, 6], [11, 0], [3, 13], [10, 10]],
};
const pairIx = { 1: 0, 2: 0, 4: 0, 8: 0 };
function pair(size) { const p = PAIRS[size]; return p[pairIx[size]++ % p.length]; }
const SINGLE = {
  1: [0, 17, 6, 13, 19, 2, 8, 16, 11, 3, 18, 4],
  2: [0, 3, 9, 14, 5, 1, 15, 7],
  4: [0, 3, 9, 14, 5, 1, 15, 7, 12],
  8: [0, 3, 9, 14, 5, 1, 15, 7, 12],
};
const singleIx = { 1: 0, 2: 0, 4: 0, 8: 0 };
function single(size, avoid = []) {
  for (;;) {
    const r = SINGLE[size][singleIx[size]++ % SINGLE[size].length];
    if (!avoid.includes(r) && !avoid.includes(gpr(r))) return r;
  }
}

const hex = (v) => (v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
const IMMS = {
  1: [0, 1, 0x7f, 0x80, 0xff, 0x5a],
  2: [0, 1, -1, 0x7f, -0x80, 0x80, 0x7fff, -0x8000, 0x1234],
  4: [0, 1, -1, 0x7f, -0x80, 0x80, 0x7fffffff, -0x80000000, 0x12345678],
  8: [0, 1, -1, 0x7f, -0x80, 0x80, 0x7fffffff, -0x80000000, 0x12345678],
};
const SIZES = [1, 2, 4, 8];

// ==== add/or/adc/sbb/and/sub/xor/cmp ================================================

const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];
for (const [oi, o] of ALU.entries()) {
  for (const size of SIZES) {
    for (let k = 0; k < 3; k++) {
      const [a, b] = pair(size);
      emit(`${o} ${rn(a, size)},${rn(b, size)} (E,G)`, `{store} ${o} ${rn(a, size)}, ${rn(b, size)}`, { size, n: 32 });
      const [c, d] = pair(size);
      emit(`${o} ${rn(c, size)},${rn(d, size)} (G,E)`, `{load} ${o} ${rn(c, size)}, ${rn(d, size)}`, { size, n: 32 });
    }
    {
      const r = single(size); const m = mem(size, [r]);
      emit(`${o} ${m.text},${rn(r, size)}`, `${o} ${m.text}, ${rn(r, size)}`, { size, m });
      const r2 = single(size); const m2 = mem(size, [r2]);
      emit(`${o} ${rn(r2, size)},${m2.text}`, `${o} ${rn(r2, size)}, ${m2.text}`, { size, m: m2 });
      if (o !== 'cmp') {
        const r3 = single(size); const m3 = mem(size, [r3]);
        emit(`lock ${o} ${m3.text},${rn(r3, size)}`, `lock ${o} ${m3.text}, ${rn(r3, size)}`, { size, m: m3 });
      }
    }
    const imms = IMMS[size];
    for (let k = 0; k < imms.length; k++) {
      const imm = imms[(k + oi) % imms.length];
      // accumulator short forms (04/05 ... 3C/3D), and the 80/81/83 group forms
      if (k < 4) emit(`${o} ${rn(0, size)},${hex(imm)}`, `${o} ${rn(0, size)}, ${hex(imm)}`, { size });
      const r = single(size, [0]);
      emit(`${o} ${rn(r, size)},${hex(imm)}`, `${o} ${rn(r, size)}, ${hex(imm)}`, { size });
      if (k < 3) {
        const m = mem(size);
        emit(`${o} ${m.text},${hex(imm)}`, `${o} ${m.text}, ${hex(imm)}`, { size, m });
      }
    }
  }
  // 81 /r with an immediate that also fits in a byte (assemblers pick 83 for those)
  emit(`${o} ebx,1 (81 form)`, `.byte 0x81, ${0xc3 | (oi << 3)}, 1, 0, 0, 0`, { size: 4 });
  emit(`${o} r9,-2 (REX.W 81 form)`, `.byte 0x49, 0x81, ${0xc1 | (oi << 3)}, 0xfe, 0xff, 0xff, 0xff`, { size: 8 });
  emit(`${o} si,0x7ffe (66 81 form)`, `.byte 0x66, 0x81, ${0xc6 | (oi << 3)}, 0xfe, 0x7f`, { size: 2 });
}
// prefixes that must be ignored or that cancel each other
emit('66 66 add bx,ax (repeated 66)', '.byte 0x66, 0x66, 0x01, 0xc3', { size: 2 });
emit('48 66 add: REX before 66 is dropped -> add bx,ax', '.byte 0x48, 0x66, 0x01, 0xc3', { size: 2 });
emit('66 48 add: REX.W wins over 66 -> add rbx,rax', '.byte 0x66, 0x48, 0x01, 0xc3', { size: 8 });
emit('f2 add ebx,eax (ignored rep prefix)', '.byte 0xf2, 0x01, 0xc3', { size: 4 });
emit('2e 3e 26 36 add ebx,eax (ignored segments)', '.byte 0x2e, 0x3e, 0x26, 0x36, 0x01, 0xc3', { size: 4 });
emit('40 add ah->spl: REX turns ah into spl', '.byte 0x40, 0x00, 0xe0', { size: 1 });
emit('add ah,al without REX', '.byte 0x00, 0xc4', { size: 1 });
emit('41 00 e0: add r8b,spl', '.byte 0x41, 0x00, 0xe0', { size: 1 });

// ==== test ==========================================================================
for (const size of SIZES) {
  for (let k = 0; k < 2; k++) { const [a, b] = pair(size); emit(`test ${rn(a, size)},${rn(b, size)}`, `test ${rn(a, size)}, ${rn(b, size)}`, { size, n: 32 }); }
  const r = single(size); const m = mem(size, [r]);
  emit(`test ${m.text},${rn(r, size)}`, `test ${m.text}, ${rn(r, size)}`, { size, m });
  for (const imm of IMMS[size].slice(0, 4)) {
    emit(`test ${rn(0, size)},${hex(imm)}`, `test ${rn(0, size)}, ${hex(imm)}`, { size });
    const r2 = single(size, [0]);
    emit(`test ${rn(r2, size)},${hex(imm)}`, `test ${rn(r2, size)}, ${hex(imm)}`, { size });
  }
  const m2 = mem(size);
  emit(`test ${m2.text},imm`, `test ${m2.text}, ${hex(IMMS[size][5])}`, { size, m: m2 });
}
emit('test bl,0x5a (F6 /1 alias)', '.byte 0xf6, 0xcb, 0x5a', { size: 1 });
emit('test r10,-3 (F7 /1 alias)', '.byte 0x49, 0xf7, 0xca, 0xfd, 0xff, 0xff, 0xff', { size: 8 });

// ==== inc/dec/neg/not ===============================================================
for (const o of ['inc', 'dec', 'neg', 'not']) {
  for (const size of SIZES) {
    for (let k = 0; k < 2; k++) { const r = single(size); emit(`${o} ${rn(r, size)}`, `${o} ${rn(r, size)}`, { size, n: 32 }); }
    const m = mem(size);
    emit(`${o} ${m.text}`, `${o} ${m.text}`, { size, m });
    const m2 = mem(size);
    emit(`lock ${o} ${m2.text}`, `lock ${o} ${m2.text}`, { size, m: m2 });
  }
}

// ==== mul/imul/div/idiv =============================================================
for (const o of ['mul', 'imul']) {
  for (const size of SIZES) {
    for (let k = 0; k < 2; k++) { const r = single(size); emit(`${o} ${rn(r, size)}`, `${o} ${rn(r, size)}`, { size, n: 32 }); }
    emit(`${o} ${rn(size === 1 ? 0 : 2, size)} (accumulator/rdx)`, `${o} ${rn(size === 1 ? 16 : 2, size)}`, { size });
    const m = mem(size);
    emit(`${o} ${m.text}`, `${o} ${m.text}`, { size, m });
  }
}
for (const size of [2, 4, 8]) {
  for (let k = 0; k < 3; k++) {
    const [a, b] = pair(size);
    emit(`imul ${rn(a, size)},${rn(b, size)}`, `imul ${rn(a, size)}, ${rn(b, size)}`, { size, n: 32 });
  }
  const r = single(size); const m = mem(size, [r]);
  emit(`imul ${rn(r, size)},${m.text}`, `imul ${rn(r, size)}, ${m.text}`, { size, m });
  for (const imm of [0, 1, -1, 3, 0x7f, -0x80, 0x1234, size === 2 ? -0x8000 : -0x80000000, size === 2 ? 0x7fff : 0x7fffffff]) {
    const [a, b] = pair(size);
    emit(`imul ${rn(a, size)},${rn(b, size)},${hex(imm)}`, `imul ${rn(a, size)}, ${rn(b, size)}, ${hex(imm)}`, { size });
  }
  const r2 = single(size); const m2 = mem(size, [r2]);
  emit(`imul ${rn(r2, size)},${m2.text},-7`, `imul ${rn(r2, size)}, ${m2.text}, -7`, { size, m: m2 });
  const r3 = single(size); const m3 = mem(size, [r3]);
  emit(`imul ${rn(r3, size)},${m3.text},0x1001`, `imul ${rn(r3, size)}, ${m3.text}, 0x1001`, { size, m: m3 });
}
// Division: inputs chosen so the quotient fits (driver.c P_DIV); the faulting cases
// are fault stubs below. All six arithmetic flags are undefined after div/idiv; this
// CPU's values are compared (they are deterministic).
for (const o of ['div', 'idiv']) {
  const sgn = o === 'idiv' ? 0x80 : 0;
  for (const size of SIZES) {
    const avoid = size === 1 ? [0, 16] : [0, 2];
    for (let k = 0; k < 2; k++) {
      const r = single(size, avoid);
      emit(`${o} ${rn(r, size)}`, `${o} ${rn(r, size)}`, { size, prof: P.DIV, aux1: sgn | size, aux2: r, n: 48 });
    }
    const m = mem(size, avoid);
    emit(`${o} ${m.text}`, `${o} ${m.text}`, { size, prof: P.DIV, aux1: sgn | size, aux2: MEMLOC, m, n: 48 });
  }
}

// ==== shifts and rotates ============================================================
const SH = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];
const IMM_COUNTS = [0, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 255];
/** Group-2 register form encoded by hand: sal (/6) and C0/C1 with a count of 1 are never assembled. */
function grp2(k, size, r, count) {
  const pre = [];
  if (size === 2) pre.push(0x66);
  const rex = (size === 8 ? 8 : 0) | (r >= 8 && r < 16 ? 1 : 0);
  if (rex || (size === 1 && r >= 4 && r < 16)) pre.push(0x40 | rex);
  const rm = 0xc0 | (k << 3) | (r >= 16 ? r - 12 : r & 7);
  const w = size === 1 ? 0 : 1;
  const b = count === 'cl' ? [...pre, 0xd2 | w, rm] : count === 'one' ? [...pre, 0xd0 | w, rm] : [...pre, 0xc0 | w, rm, count];
  return `.byte ${b.map(hex).join(', ')}`;
}
for (let k = 0; k < 8; k++) {
  const sal = SH[k] === 'sal';
  for (const size of SIZES) {
    // count in CL: every count 0..71 and more (driver.c P_SHIFT)
    for (let j = 0; j < 2; j++) {
      const r = single(size, [1, 17]);
      emit(`${SH[k]} ${rn(r, size)},cl`, sal ? grp2(k, size, r, 'cl') : `${SH[k]} ${rn(r, size)}, cl`, { size, prof: P.SHIFT, n: 128 });
    }
    if (!sal) { const m = mem(size, [1]); emit(`${SH[k]} ${m.text},cl`, `${SH[k]} ${m.text}, cl`, { size, m, prof: P.SHIFT, n: 128 }); }
    // by one (D0/D1)
    const r1 = single(size);
    emit(`${SH[k]} ${rn(r1, size)},1`, sal ? grp2(k, size, r1, 'one') : `${SH[k]} ${rn(r1, size)}, 1`, { size, n: 32 });
    if (!sal) { const m1 = mem(size); emit(`${SH[k]} ${m1.text},1`, `${SH[k]} ${m1.text}, 1`, { size, m: m1, n: 32 }); }
    // immediate counts (C0/C1), including C0/C1 /x 01 which assemblers never produce
    for (const c of [1, ...IMM_COUNTS]) {
      const r = single(size);
      emit(`${SH[k]} ${rn(r, size)},${c}${c === 1 ? ' (C0/C1 form)' : ''}`, sal || c === 1 ? grp2(k, size, r, c) : `${SH[k]} ${rn(r, size)}, ${c}`, { size, n: 16 });
    }
    if (!sal) for (const c of [3, 31, 200]) { const m2 = mem(size); emit(`${SH[k]} ${m2.text},${c}`, `${SH[k]} ${m2.text}, ${c}`, { size, m: m2, n: 16 }); }
  }
}
for (const o of ['shld', 'shrd']) {
  for (const size of [2, 4, 8]) {
    for (let j = 0; j < 2; j++) {
      const [a, b] = pair(size);
      if (a === 1 || b === 1) { j--; continue; }
      emit(`${o} ${rn(a, size)},${rn(b, size)},cl`, `${o} ${rn(a, size)}, ${rn(b, size)}, cl`, { size, prof: P.SHIFT, n: 128 });
    }
    emit(`${o} ${rn(3, size)},${rn(3, size)},cl (same register)`, `${o} ${rn(3, size)}, ${rn(3, size)}, cl`, { size, prof: P.SHIFT, n: 80 });
    const r = single(size, [1]); const m = mem(size, [r, 1]);
    emit(`${o} ${m.text},${rn(r, size)},cl`, `${o} ${m.text}, ${rn(r, size)}, cl`, { size, m, prof: P.SHIFT, n: 128 });
    for (const c of [0, 1, ...IMM_COUNTS.slice(1)]) {
      const [a, b] = pair(size);
      emit(`${o} ${rn(a, size)},${rn(b, size)},${c}`, `${o} ${rn(a, size)}, ${rn(b, size)}, ${c}`, { size, n: 16 });
    }
    for (const c of [1, 5, 40]) {
      const r2 = single(size); const m2 = mem(size, [r2]);
      emit(`${o} ${m2.text},${rn(r2, size)},${c}`, `${o} ${m2.text}, ${rn(r2, size)}, ${c}`, { size, m: m2, n: 16 });
    }
  }
}

// ==== bit test, bit scan, counts ====================================================
for (const o of ['bt', 'bts', 'btr', 'btc']) {
  for (const size of [2, 4, 8]) {
    for (let j = 0; j < 2; j++) {
      const [a, b] = pair(size);
      emit(`${o} ${rn(a, size)},${rn(b, size)}`, `${o} ${rn(a, size)}, ${rn(b, size)}`, { size, n: 40 });
    }
    // memory with a register bit offset: signed, reaching outside the operand
    for (let j = 0; j < 2; j++) {
      const r = single(size, [4]); const m = mem(size, [r]);
      emit(`${o} ${m.text},${rn(r, size)}`, `${o} ${m.text}, ${rn(r, size)}`, { size, m, prof: P.BTMEM, aux1: r, n: 40 });
    }
    if (o !== 'bt') {
      const r = single(size, [4]); const m = mem(size, [r]);
      emit(`lock ${o} ${m.text},${rn(r, size)}`, `lock ${o} ${m.text}, ${rn(r, size)}`, { size, m, prof: P.BTMEM, aux1: r, n: 40 });
    }
    for (const c of [0, 1, 7, 15, 16, 31, 32, 63, 69, 255]) {
      const r = single(size);
      emit(`${o} ${rn(r, size)},${c}`, `${o} ${rn(r, size)}, ${c}`, { size, n: 12 });
    }
    for (const c of [3, 13, 44]) {
      const m = mem(size);
      emit(`${o} ${m.text},${c}`, `${o} ${m.text}, ${c}`, { size, m, n: 12 });
    }
    if (o !== 'bt') { const m = mem(size); emit(`lock ${o} ${m.text},9`, `lock ${o} ${m.text}, 9`, { size, m, n: 12 }); }
  }
}
for (const o of ['bsf', 'bsr', 'tzcnt', 'lzcnt', 'popcnt']) {
  for (const size of [2, 4, 8]) {
    for (let j = 0; j < 3; j++) {
      const [a, b] = pair(size);
      // aux1: a source register forced to zero in some cases (loc + 1)
      emit(`${o} ${rn(a, size)},${rn(b, size)}`, `${o} ${rn(a, size)}, ${rn(b, size)}`, { size, n: 48, aux1: b + 1 });
    }
    const r = single(size); const m = mem(size, [r]);
    emit(`${o} ${rn(r, size)},${m.text}`, `${o} ${rn(r, size)}, ${m.text}`, { size, m, n: 48, aux1: MEMLOC + 1 });
  }
}

// ==== BMI1, BMI2 (VEX-encoded), ADX ==================================================
// Operand order as the SDM writes it: andn/mulx/pdep/pext Gy,By,Ey; bextr/bzhi/shlx/
// shrx/sarx Gy,Ey,By; blsr/blsmsk/blsi By,Ey. The register in VEX.vvvv that is a
// control (bextr start/length, bzhi index, shift counts) gets chosen values (driver.c
// P_BMI, aux1 = its register, aux2 = the kind), with garbage in the bits it ignores.
const BMI_CTL = { bextr: 1, bzhi: 2, shlx: 3, shrx: 3, sarx: 3 };
const BMI_REGS = [[0, 3, 1], [9, 14, 11], [5, 12, 7], [15, 8, 2], [3, 3, 6], [6, 10, 10], [13, 0, 13], [1, 7, 15]];
let bmiIx = 0;
for (const size of [4, 8]) {
  for (const o of ['andn', 'bextr', 'bzhi', 'pdep', 'pext', 'shlx', 'shrx', 'sarx', 'mulx']) {
    const ctl = BMI_CTL[o] ?? 0;
    const vFirst = o === 'andn' || o === 'mulx' || o === 'pdep' || o === 'pext'; // Gy,By,Ey
    for (let k = 0; k < 3; k++) {
      let [g, v, e] = BMI_REGS[bmiIx++ % BMI_REGS.length];
      if (o === 'mulx' && k === 2) { g = 4 === g ? 0 : g; v = g; } // same destination: the high half stays
      if (ctl && v === g) continue;
      const t = vFirst ? `${rn(g, size)}, ${rn(v, size)}, ${rn(e, size)}` : `${rn(g, size)}, ${rn(e, size)}, ${rn(v, size)}`;
      emit(`${o} ${t.replace(/ /g, '')}`, `${o} ${t}`, ctl ? { size, prof: P.BMI, aux1: v, aux2: ctl, n: 64 } : { size, n: 48 });
    }
    for (let k = 0; k < 2; k++) {
      const [g, v] = BMI_REGS[bmiIx++ % BMI_REGS.length];
      if (ctl && v === g) { k--; continue; }
      const m = mem(size, [v, ...(o === 'mulx' ? [2] : [])]);
      const t = vFirst ? `${rn(g, size)}, ${rn(v, size)}, ${m.text}` : `${rn(g, size)}, ${m.text}, ${rn(v, size)}`;
      emit(`${o} ${t.replace(/, /g, ',')}`, `${o} ${t}`, ctl ? { size, m, prof: P.BMI, aux1: v, aux2: ctl, n: 64 } : { size, m, n: 48 });
    }
  }
  for (const o of ['blsr', 'blsmsk', 'blsi']) {
    for (let k = 0; k < 3; k++) {
      const [g, , e] = BMI_REGS[bmiIx++ % BMI_REGS.length];
      emit(`${o} ${rn(g, size)},${rn(e, size)}`, `${o} ${rn(g, size)}, ${rn(e, size)}`, { size, n: 48, aux1: e + 1 });
    }
    const r = single(size); const m = mem(size, [r]);
    emit(`${o} ${rn(r, size)},${m.text}`, `${o} ${rn(r, size)}, ${m.text}`, { size, m, n: 48, aux1: MEMLOC + 1 });
  }
  for (const c of [0, 1, 7, 8, 15, 16, 31, 32, 33, 63, 64, 200, 255]) {
    const [g, , e] = BMI_REGS[bmiIx++ % BMI_REGS.length];
    emit(`rorx ${rn(g, size)},${rn(e, size)},${c}`, `rorx ${rn(g, size)}, ${rn(e, size)}, ${c}`, { size, n: 16 });
  }
  for (const c of [5, 40]) {
    const r = single(size); const m = mem(size, [r]);
    emit(`rorx ${rn(r, size)},${m.text},${c}`, `rorx ${rn(r, size)}, ${m.text}, ${c}`, { size, m, n: 16 });
  }
  // ADX: carry in from CF (adcx) or OF (adox), out to that flag alone
  for (const o of ['adcx', 'adox']) {
    for (let k = 0; k < 3; k++) {
      const [a, b] = pair(size);
      emit(`${o} ${rn(a, size)},${rn(b, size)}`, `${o} ${rn(a, size)}, ${rn(b, size)}`, { size, n: 48 });
    }
    for (let k = 0; k < 2; k++) {
      const r = single(size); const m = mem(size, [r]);
      emit(`${o} ${rn(r, size)},${m.text}`, `${o} ${rn(r, size)}, ${m.text}`, { size, m, n: 48 });
    }
  }
}
// two interleaved carry chains, the way multi-precision multiplication uses them
emit('mulx/adcx/adox chains', ['mulx r9, r8, rax', 'adcx r10, r8', 'adox r11, r9', 'mulx r13, r12, rbx', 'adcx r11, r12',
  'adox r14, r13', 'adcx r14, rcx', 'adox r15, rsi', 'adcx r15, rdi'], { n: 64 });
// flags after the BMI instructions feed conditions (lazy flags must be complete)
for (const p of ['andn eax, ebx, ecx', 'blsr r8, r9', 'blsmsk esi, edi', 'blsi rax, rdx', 'bzhi r10, r11, rcx', 'bextr edx, esi, ecx',
  'adcx eax, ebx', 'adox rcx, rdx', 'shlx rax, rbx, rcx', 'tzcnt rax, rbx']) {
  const lines = [p];
  for (let cc = 0; cc < 16; cc++) lines.push(`set${CC[cc]} byte ptr [rip+${TARGET}-32+${cc}]`);
  emit(`${p}; setcc x16`, lines, { n: 40, prof: P.SHIFT });
}
// prefixes a VEX instruction accepts: segment overrides and 67 (address size)
emit('fs andn rax,rbx,[rcx] (64 prefix)', [`.byte 0x64`, 'andn rax, rbx, qword ptr [rcx]'], { size: 8, m: { base: 1, index: 0xff, scale: 1, disp: '0', a32: 2 }, n: 24 });
emit('2e 3e shlx eax,ebx,ecx (null segments)', ['.byte 0x2e, 0x3e', 'shlx eax, ebx, ecx'], { size: 4, n: 24 });
emit('addr32 bzhi eax,[esi],ecx', ['bzhi eax, dword ptr [esi], ecx'], { size: 4, m: { base: 6, index: 0xff, scale: 1, disp: '0', a32: 1 }, prof: P.BMI, aux1: 1, aux2: 2, n: 24 });
// encodings assemblers do not produce: VEX.W ignored? no: W0/W1 select the size;
// vvvv of a form without a vvvv operand; the same forms with REX.X/B bits set in VEX
emit('c4 c2 78 f3 c9: blsr eax,r9d (VEX.B)', '.byte 0xc4, 0xc2, 0x78, 0xf3, 0xc9', { size: 4, n: 24 });
emit('c4 62 f8 f2 c1: andn r8,rax,rcx (VEX.R, W1)', '.byte 0xc4, 0x62, 0xf8, 0xf2, 0xc1', { size: 8, n: 24 });

// ==== cmpxchg, xadd, cmpxchg8b/16b ==================================================
for (const size of SIZES) {
  const acc = size === 1 ? [0] : [0];
  for (const [d, s] of [pair(size), pair(size), [0, size === 1 ? 3 : 9], [size === 1 ? 6 : 7, 0], [0, 0]]) {
    emit(`cmpxchg ${rn(d, size)},${rn(s, size)}`, `cmpxchg ${rn(d, size)}, ${rn(s, size)}`, { size, prof: P.CMPX, aux1: d, n: 32 });
  }
  for (const lock of ['', 'lock ']) {
    const r = single(size, acc); const m = mem(size, [0, r]);
    emit(`${lock}cmpxchg ${m.text},${rn(r, size)}`, `${lock}cmpxchg ${m.text}, ${rn(r, size)}`, { size, m, prof: P.CMPX, aux1: MEMLOC, n: 32 });
  }
  for (const [d, s] of [pair(size), pair(size), [5, 5]]) {
    emit(`xadd ${rn(d, size)},${rn(s, size)}`, `xadd ${rn(d, size)}, ${rn(s, size)}`, { size, n: 32 });
  }
  for (const lock of ['', 'lock ']) {
    const r = single(size); const m = mem(size, [r]);
    emit(`${lock}xadd ${m.text},${rn(r, size)}`, `${lock}xadd ${m.text}, ${rn(r, size)}`, { size, m, n: 32 });
  }
}
for (const lock of ['', 'lock ']) {
  for (let j = 0; j < 2; j++) {
    const m8 = mem(8, [0, 1, 2, 3]);
    emit(`${lock}cmpxchg8b ${m8.text}`, `${lock}cmpxchg8b ${m8.text}`, { size: 8, m: m8, prof: P.CX16, n: 32 });
    const m16 = mem(16, [0, 1, 2, 3]);
    emit(`${lock}cmpxchg16b ${m16.text}`, `${lock}cmpxchg16b ${m16.text}`, { size: 16, m: m16, prof: P.CX16, n: 32 });
  }
}

// ==== data movement =================================================================
for (const size of SIZES) {
  for (let k = 0; k < 2; k++) {
    const [a, b] = pair(size);
    emit(`mov ${rn(a, size)},${rn(b, size)} (88/89)`, `{store} mov ${rn(a, size)}, ${rn(b, size)}`, { size, n: 8 });
    const [c, d] = pair(size);
    emit(`mov ${rn(c, size)},${rn(d, size)} (8A/8B)`, `{load} mov ${rn(c, size)}, ${rn(d, size)}`, { size, n: 8 });
  }
  const r = single(size); const m = mem(size, [r]);
  emit(`mov ${m.text},${rn(r, size)}`, `mov ${m.text}, ${rn(r, size)}`, { size, m, n: 8 });
  const r2 = single(size); const m2 = mem(size, [r2]);
  emit(`mov ${rn(r2, size)},${m2.text}`, `mov ${rn(r2, size)}, ${m2.text}`, { size, m: m2, n: 8 });
  const m3 = mem(size);
  emit(`mov ${m3.text},imm`, `mov ${m3.text}, ${hex(IMMS[size][4])}`, { size, m: m3, n: 4 });
  for (const imm of IMMS[size].slice(1, 5)) { const r3 = single(size); emit(`mov ${rn(r3, size)},${hex(imm)}`, `mov ${rn(r3, size)}, ${hex(imm)}`, { size, n: 4 }); }
}
emit('mov r9,imm64 (B8+r)', 'movabs r9, 0x123456789abcdef0', { n: 4 });
emit('mov rax,-2 (C7 form)', 'mov rax, -2', { n: 4 });
emit('mov eax,moffs64 (A1)', ['.byte 0xa1', `.quad ${TARGET}`], { n: 8 });
emit('mov al,moffs64 (A0)', ['.byte 0xa0', `.quad ${TARGET}`], { n: 8 });
emit('mov rax,moffs64 (REX.W A1)', ['.byte 0x48, 0xa1', `.quad ${TARGET}`], { n: 8 });
emit('mov moffs64,ax (66 A3)', ['.byte 0x66, 0xa3', `.quad ${TARGET}`], { n: 8 });
emit('mov moffs64,al (A2)', ['.byte 0xa2', `.quad ${TARGET}`], { n: 8 });
emit('mov eax,moffs32 (67 A1)', ['.byte 0x67, 0xa1', `.long ${TARGET}`], { n: 8 });
emit('mov ax,ss', 'mov ax, ss', { size: 2, n: 4 });
emit('mov ecx,cs', 'mov ecx, cs', { size: 4, n: 4 });
emit('mov rdx,ds (REX.W 8C)', '.byte 0x48, 0x8c, 0xda', { n: 4 });
emit('mov r10d,es', 'mov r10d, es', { n: 4 });
{ const m = mem(2); emit(`mov ${m.text},ss`, `mov ${m.text}, ss`, { size: 2, m, n: 4 }); }

for (const [o, ssz] of [['movzx', 1], ['movzx', 2], ['movsx', 1], ['movsx', 2]]) {
  for (const size of [2, 4, 8]) {
    if (size <= ssz) continue;
    for (let k = 0; k < 2; k++) {
      const [a, b0] = pair(size);
      let b = b0;
      if (ssz === 1 && k === 0 && size !== 8 && a < 8) b = 16 + (a & 3); // high-byte source
      if (ssz === 1 && b >= 16 && a >= 8) b = b - 16;
      emit(`${o} ${rn(a, size)},${rn(b, ssz)}`, `${o} ${rn(a, size)}, ${rn(b, ssz)}`, { size, n: 16 });
    }
    const r = single(size); const m = mem(ssz, [r]);
    emit(`${o} ${rn(r, size)},${m.text}`, `${o} ${rn(r, size)}, ${m.text}`, { size, m, n: 16 });
  }
}
emit('movsx ax,ah (66 0F BE)', 'movsx ax, ah', { size: 2, n: 16 });
emit('movsx r8w,word (66 REX 0F BF)', '.byte 0x66, 0x44, 0x0f, 0xbf, 0xc1', { size: 2, n: 16 });
emit('movsxd rax,ecx', 'movsxd rax, ecx', { n: 16 });
emit('movsxd r12,r13d', 'movsxd r12, r13d', { n: 16 });
{ const m = mem(4); emit(`movsxd r9,${m.text}`, `movsxd r9, ${m.text}`, { m, n: 16 }); }
emit('movsxd ecx,eax (63 without REX.W)', '.byte 0x63, 0xc8', { size: 4, n: 16 });
emit('movsxd cx,ax (66 63)', '.byte 0x66, 0x63, 0xc8', { size: 2, n: 16 });
for (const o of ['cbw', 'cwde', 'cdqe', 'cwd', 'cdq', 'cqo']) emit(o, o, { n: 32 });

for (const [d, s] of [[0, 3], [1, 1], [9, 14], [0, 8], [15, 0]]) {
  emit(`xchg ${R64[d]},${R64[s]}`, `xchg ${R64[d]}, ${R64[s]}`, { n: 8 });
  emit(`xchg ${R32[d]},${R32[s]}`, `xchg ${R32[d]}, ${R32[s]}`, { n: 8 });
  emit(`xchg ${R16[d]},${R16[s]}`, `xchg ${R16[d]}, ${R16[s]}`, { n: 8 });
}
emit('xchg ah,bl', 'xchg ah, bl', { size: 1, n: 8 });
emit('xchg sil,r11b', 'xchg sil, r11b', { size: 1, n: 8 });
emit('xchg dh,dh', 'xchg dh, dh', { size: 1, n: 8 });
emit('xchg ecx,edx (87)', 'xchg ecx, edx', { size: 4, n: 8 });
emit('nop (90)', '.byte 0x90', { n: 4 });
emit('48 90 (xchg rax,rax = nop)', '.byte 0x48, 0x90', { n: 4 });
emit('41 90 (xchg r8d,eax)', '.byte 0x41, 0x90', { n: 8 });
emit('49 90 (xchg r8,rax)', '.byte 0x49, 0x90', { n: 8 });
emit('66 90 (xchg ax,ax = nop)', '.byte 0x66, 0x90', { n: 4 });
emit('pause', 'pause', { n: 4 });
emit('87 c0 (xchg eax,eax zero-extends)', '.byte 0x87, 0xc0', { n: 8 });
for (const size of SIZES) {
  const r = single(size); const m = mem(size, [r]);
  emit(`xchg ${m.text},${rn(r, size)}`, `xchg ${m.text}, ${rn(r, size)}`, { size, m, n: 8 });
  const r2 = single(size); const m2 = mem(size, [r2]);
  emit(`lock xchg ${rn(r2, size)},${m2.text}`, `lock xchg ${rn(r2, size)}, ${m2.text}`, { size, m: m2, n: 8 });
}

for (const r of [0, 3, 4, 9, 15]) {
  emit(`bswap ${R64[r]}`, `bswap ${R64[r]}`, { n: 16 });
  emit(`bswap ${R32[r]}`, `bswap ${R32[r]}`, { n: 16 });
}
emit('bswap ax (66 0F C8)', '.byte 0x66, 0x0f, 0xc8', { size: 2, n: 16 });
emit('bswap r11w (66 41 0F CB)', '.byte 0x66, 0x41, 0x0f, 0xcb', { size: 2, n: 16 });

// ==== condition codes ==============================================================
for (let cc = 0; cc < 16; cc++) {
  const r8 = [0, 17, 6, 11][cc % 4];
  emit(`set${CC[cc]} ${R8[r8]}`, `set${CC[cc]} ${R8[r8]}`, { size: 1, n: 32 });
  const m = mem(1);
  emit(`set${CC[cc]} ${m.text}`, `set${CC[cc]} ${m.text}`, { size: 1, m, n: 16 });
  for (const size of [2, 4, 8]) {
    const [a, b] = pair(size);
    emit(`cmov${CC[cc]} ${rn(a, size)},${rn(b, size)}`, `cmov${CC[cc]} ${rn(a, size)}, ${rn(b, size)}`, { size, n: 32 });
  }
  const r = single(4); const m2 = mem(4, [r]);
  emit(`cmov${CC[cc]} ${rn(r, 4)},${m2.text}`, `cmov${CC[cc]} ${rn(r, 4)}, ${m2.text}`, { size: 4, m: m2, n: 16 });
  for (const near of [false, true]) {
    const L = `.Lj${stubs.length}`;
    emit(`j${CC[cc]} ${near ? 'rel32' : 'rel8'}`, [`${near ? '{disp32} ' : ''}j${CC[cc]} ${L}`, 'mov r15, 1', 'jmp save_state', `${L}: mov r15, 2`], { n: 32 });
  }
}
// condition evaluation straight after each kind of flag-producing operation
const PRODUCERS = [
  'cmp al, bl', 'cmp cx, dx', 'cmp esi, edi', 'cmp r8, r9', 'sub r10d, r11d', 'add rax, rbx', 'add cl, dl',
  'adc ecx, edx', 'sbb si, di', 'sbb r12, r13', 'and r8d, r9d', 'or bl, bh', 'xor r14, r15', 'inc eax', 'dec r12',
  'neg ecx', 'neg r9b', 'shl edx, cl', 'sar r10, cl', 'rol esi, cl', 'test rbx, rbx', 'imul eax, ebx', 'mul r11d',
  'bt ecx, edx', 'popcnt eax, ebx', 'sub al, 0x80', `cmp word ptr [rip+${TARGET}], 0x1234`, 'cmp rax, -1',
  'xadd ecx, edx', 'bsf r8, r9', 'shrd eax, ebx, cl',
];
for (const p of PRODUCERS) {
  const lines = [p];
  for (let cc = 0; cc < 16; cc++) lines.push(`set${CC[cc]} byte ptr [rip+${TARGET}-32+${cc}]`);
  emit(`${p}; setcc x16`, lines, { n: 40, prof: P.SHIFT });
  emit(`${p}; adc; sbb; cmovl; cmovbe; jg`, [p, 'adc r13, r14', 'sbb r15d, r14d', 'cmovl r13, r14', 'cmovbe r15, r13',
    `jg .Lp${stubs.length}`, 'mov r14, 1', `.Lp${stubs.length}:`], { n: 40, prof: P.SHIFT });
}
emit('cmp eax,ebx; sbb; sbb; rcl; rcr', ['cmp eax, ebx', 'sbb ecx, ecx', 'sbb edx, 0', 'rcl esi, 1', 'rcr edi, 3'], { n: 40 });
emit('sub rax,rbx; adc rax,rcx (64-bit carry chain)', ['sub rax, rbx', 'adc rax, rcx', 'adc rdx, 0'], { n: 40 });

// ==== lea =========================================================================
const LEAS = [
  'lea rax, [rbx]', 'lea rax, [rbx+rcx]', 'lea rdx, [rbx+rcx*2+5]', 'lea rsi, [rsp+8]', 'lea rdi, [rbp-1]',
  'lea r8, [r12+r13*8+0x12345678]', 'lea r9, [r13]', 'lea r10, [rcx*4]', 'lea r11, [rip+0x10]',
  'lea r12, [0x12345678]', 'lea r13, [rax-0x80000000]', 'lea r14, [rax+rax*8-1]', 'lea r15, [r15+r15]',
  'lea eax, [rbx+rcx*8-3]', 'lea ecx, [rdx+0x7fffffff]', 'lea ax, [rbx+rcx]', 'lea r8w, [r9+r10*4+0x7fff]',
  'lea eax, [ebx+ecx*2+0x7fffffff]', 'lea rax, [ebx+ecx]', 'lea r8w, [r9d+r10d*4]', 'lea rdx, [esp+8]',
  'lea eax, [eip+5]', 'lea rcx, [eip-0x1000]', 'lea r11d, [r12d+r13d*8-0x80000000]', 'lea rsp, [rsp+rbp]',
  'lea edx, [ebp-1]', 'lea rbx, [r13d+0]', 'lea esi, [0xfffffff0]', 'lea di, [edi*2+1]',
];
for (const l of LEAS) emit(l, l, { prof: P.LEA, n: 24 });

// ==== string instructions ==========================================================
const SFX = { 1: 'b', 2: 'w', 4: 'd', 8: 'q' };
for (const size of SIZES) {
  const s = SFX[size];
  for (const [o, aux, aux2] of [['movs', 0, 0], ['stos', 0, 0], ['lods', 0, 0], ['cmps', 2, 0], ['scas', 2, 1]]) {
    emit(`${o}${s}`, `${o}${s}`, { size, prof: P.STRING, aux1: aux | 4, aux2, n: 24 });
    const reps = o === 'cmps' || o === 'scas' ? ['repe', 'repne'] : ['rep'];
    for (const rep of reps) emit(`${rep} ${o}${s}`, `${rep} ${o}${s}`, { size, prof: P.STRING, aux1: aux | 5, aux2, n: 32 });
    if (o === 'movs' || o === 'stos') emit(`repne ${o}${s} (F2 acts as rep)`, `.byte 0xf2\n${o}${s}`, { size, prof: P.STRING, aux1: aux | 5, aux2, n: 16 });
    if (size === 1 || size === 8) {
      emit(`addr32 rep ${o}${s}`, `.byte 0x67\n${reps[0]} ${o}${s}`, { size, prof: P.STRING, aux1: aux | 5 | 8, aux2, n: 24 });
      emit(`addr32 ${o}${s}`, `.byte 0x67\n${o}${s}`, { size, prof: P.STRING, aux1: aux | 4 | 8, aux2, n: 16 });
    }
  }
}

// segment override on the source of lods/movs/cmps (the destination is always es)
for (const [o, aux] of [['lodsb', 0], ['movsq', 0], ['cmpsd', 2]]) {
  emit(`fs ${o}`, `.byte 0x64\n${o}`, { size: { b: 1, d: 4, q: 8 }[o.at(-1)], prof: P.STRING, aux1: aux | 4 | 16, n: 16 });
  emit(`fs rep ${o}`, `.byte 0x64\n${aux ? 'repe' : 'rep'} ${o}`, { size: { b: 1, d: 4, q: 8 }[o.at(-1)], prof: P.STRING, aux1: aux | 5 | 16, n: 16 });
}

// ==== stack =======================================================================
const ST = (name, lines, o = {}) => emit(name, lines, { prof: P.STACK, n: 16, ...o });
ST('push rax', 'push rax'); ST('push r13', 'push r13'); ST('pop rbx', 'pop rbx'); ST('pop r9', 'pop r9');
ST('push ax (66 50)', 'push ax'); ST('push r9w', 'push r9w'); ST('pop cx', 'pop cx'); ST('pop r10w', 'pop r10w');
ST('push rsp', 'push rsp'); ST('pop rsp', 'pop rsp'); ST('push sp', 'push sp'); ST('pop sp', 'pop sp');
ST('push 0x12345678', 'push 0x12345678'); ST('push -1 (6A)', 'push -1'); ST('pushw 0x1234', 'pushw 0x1234');
ST('pushw -2', 'pushw -2');
{
  const m = mem(8, [4, 5], { noA32: true }); ST(`push ${m.text}`, `push ${m.text}`, { m });
  const m2 = mem(8, [4, 5], { noA32: true }); ST(`pop ${m2.text}`, `pop ${m2.text}`, { m: m2 });
  const m3 = mem(2, [4, 5], { noA32: true }); ST(`push ${m3.text}`, `push ${m3.text}`, { m: m3 });
  const m4 = mem(2, [4, 5], { noA32: true }); ST(`pop ${m4.text}`, `pop ${m4.text}`, { m: m4 });
}
ST('pop qword ptr [rsp] (address after the increment)', 'pop qword ptr [rsp]');
ST('pop qword ptr [rsp+8]', 'pop qword ptr [rsp+8]');
ST('push qword ptr [rsp+8]', 'push qword ptr [rsp+8]');
ST('push qword ptr [rsp-8]', 'push qword ptr [rsp-8]');
// 66 together with REX.W: REX.W wins (64-bit operand)
ST('66 48 push rax', '.byte 0x66, 0x48, 0x50'); ST('66 48 pop rbx', '.byte 0x66, 0x48, 0x5b');
ST('66 48 pushfq', '.byte 0x66, 0x48, 0x9c', { n: 8 }); ST('66 48 push qword [rsp+8]', '.byte 0x66, 0x48, 0xff, 0x74, 0x24, 0x08');
ST('pushfq', 'pushfq', { n: 24 });
ST('pushfw', 'pushfw', { n: 24 });
emit('popfq', 'popfq', { prof: P.POPF, size: 8, n: 48 });
emit('popfw', 'popfw', { prof: P.POPF, size: 2, n: 48 });
emit('popfq with ID set; popfw (keeps ID and AC)', ['pushfq', 'or dword ptr [rsp], 0x200000', 'popfq', 'popfw'], { prof: P.POPF, size: 2, n: 16 });
ST('leave', 'leave'); ST('leavew (66 C9)', 'leavew', { aux1: 1 });
for (const [size, lvl] of [[0, 0], [16, 0], [8, 1], [24, 2], [0, 3], [0x1234, 5], [8, 31], [8, 32], [8, 33], [0xffff, 4]]) {
  ST(`enter ${size},${lvl}`, `enter ${size}, ${lvl & 0xff}`);
}
ST('enterw 8,2 (66 C8)', 'enterw 8, 2', { aux1: 1 });
ST('enterw 6,0', 'enterw 6, 0', { aux1: 1 });
ST('call/ret', ['call .Lcr', 'jmp save_state', '.Lcr: mov r15, [rsp]', 'ret']);
ST('ret 16 (C2)', ['lea rax, [rip+.Lr16]', 'push rax', 'ret 16', '.Lr16: nop']);
ST('call qword ptr [mem]', ['lea rax, [rip+.Lci]', `mov [rip+${TARGET}-8], rax`, `call qword ptr [rip+${TARGET}-8]`, 'jmp save_state', '.Lci: pop r14']);
ST('jmp rax', ['lea rax, [rip+.Lji]', 'jmp rax', 'mov r15, 1', '.Lji: nop']);

// 66 on near branches: ignored by Intel processors in 64-bit mode (rel32, 64-bit rip and stack)
{
  const L = `.Lb${stubs.length}`;
  emit('66 jz rel32 (66 ignored)', ['.byte 0x66, 0x0f, 0x84', `.long ${L}-.-4`, 'mov r15, 1', 'jmp save_state', `${L}: mov r15, 2`], { n: 16 });
  const L2 = `.Lb${stubs.length}`;
  emit('66 jmp rel32 (66 ignored)', ['.byte 0x66, 0xe9', `.long ${L2}-.-4`, 'mov r15, 1', `${L2}: nop`], { n: 4 });
  const L3 = `.Lb${stubs.length}`;
  ST('66 call rel32; 66 ret (66 ignored)', ['.byte 0x66, 0xe8', `.long ${L3}-.-4`, 'jmp save_state', `${L3}: mov r15, [rsp]`, '.byte 0x66, 0xc3']);
}

// time stamp counter and cpuid: the values are the machine's own; what must hold is
// that the upper halves are cleared and the counter does not run backwards (CF of the
// difference; ZF/SF/PF/AF/OF of it depend on the elapsed time and are not compared).
emit('rdtsc clears the upper halves', ['rdtsc', 'shr rax, 32', 'shr rdx, 32'], { n: 4 });
emit('rdtscp clears the upper halves', ['rdtscp', 'shr rax, 32', 'shr rdx, 32', 'shr rcx, 32'], { n: 4 });
emit('rdtsc is monotonic', ['rdtsc', 'shl rdx, 32', 'or rax, rdx', 'mov r8, rax', 'rdtsc', 'shl rdx, 32', 'or rax, rdx',
  'sub rax, r8', 'mov eax, 0', 'mov edx, 0', 'mov r8d, 0'], { n: 4, fmask: PF | AF | ZF | SF | OF });
for (const leaf of [0, 1, 7, 0x80000000, 0x80000001]) {
  emit(`cpuid leaf ${hex(leaf)} clears the upper halves`, [`mov eax, ${hex(leaf)}`, 'xor ecx, ecx', 'cpuid', 'shr rax, 32', 'shr rbx, 32', 'shr rcx, 32', 'shr rdx, 32'], { n: 2, fmask: CF | PF | AF | ZF | SF | OF }); // flags: of the shifts of machine-specific values
}

// ==== flags, xlat, loop =============================================================
emit('lahf', 'lahf', { n: 32 });
emit('sahf', 'sahf', { n: 32 });
emit('sahf; lahf', ['sahf', 'lahf'], { n: 32 });
emit('clc', 'clc', { n: 8 }); emit('stc', 'stc', { n: 8 }); emit('cmc', 'cmc', { n: 16 });
emit('std; pushfq-visible DF', ['std'], { n: 4 });
emit('xlatb', 'xlatb', { prof: P.XLAT, n: 16 });
emit('REX.W xlatb', '.byte 0x48, 0xd7', { prof: P.XLAT, n: 16 });
emit('addr32 xlatb (67 D7)', '.byte 0x67, 0xd7', { prof: P.XLAT, aux1: 8, n: 16 });
emit('fs xlatb', '.byte 0x64, 0xd7', { prof: P.XLAT, aux1: 16, n: 16 });
for (const [o, bytes] of [['loop', ''], ['loope', ''], ['loopne', ''], ['jrcxz', ''], ['addr32 loop', '0x67'], ['addr32 loope', '0x67'], ['jecxz', ''], ['data16 loop', '0x66']]) {
  const L = `.Ll${stubs.length}`;
  const ins = o.replace(/^(addr32|data16) /, '');
  const lines = bytes ? [`.byte ${bytes}`, `${ins} ${L}`] : [`${ins} ${L}`];
  emit(o, [...lines, 'mov r15, 1', 'jmp save_state', `${L}: mov r15, 2`], { prof: P.LOOP, n: 24 });
}

// ==== encodings assemblers do not pick by themselves ===============================
// The conformance report credits forms by decoding the stubs; these are the forms the
// sections above leave uncovered because GNU as prefers another encoding.
const RBX = { base: 3, index: 0xff, scale: 1, disp: '0', a32: 0 }; // [rbx] (ModRM rm = 3)
const bytes = (...b) => `.byte ${b.map(hex).join(', ')}`;
for (const o of ALU) {
  for (const size of [2, 4, 8]) {
    const big = size === 2 ? 0x1234 : 0x12345;
    emit(`${o} ${rn(0, size)},${hex(big)} (accumulator, Iz)`, `${o} ${rn(0, size)}, ${hex(big)}`, { size });
    const m = mem(size); emit(`${o} ${m.text},${hex(big)} (81)`, `${o} ${m.text}, ${hex(big)}`, { size, m });
    const m2 = mem(size); emit(`${o} ${m2.text},-3 (83)`, `${o} ${m2.text}, -3`, { size, m: m2 });
  }
}
emit('test byte [rbx],0x5a (F6 /1)', bytes(0xf6, 0x0b, 0x5a), { size: 1, m: RBX });
emit('test bx,0x1234 (66 F7 /1)', bytes(0x66, 0xf7, 0xcb, 0x34, 0x12), { size: 2 });
emit('test ebx,0x80000001 (F7 /1)', bytes(0xf7, 0xcb, 0x01, 0, 0, 0x80), { size: 4 });
emit('test word [rbx],0x1234 (66 F7 /1)', bytes(0x66, 0xf7, 0x0b, 0x34, 0x12), { size: 2, m: RBX });
emit('test dword [rbx],-2 (F7 /1)', bytes(0xf7, 0x0b, 0xfe, 0xff, 0xff, 0xff), { size: 4, m: RBX });
emit('test qword [rbx],-2 (REX.W F7 /1)', bytes(0x48, 0xf7, 0x0b, 0xfe, 0xff, 0xff, 0xff), { size: 8, m: RBX });
emit('mov cl,0x5a (C6 /0 register form)', bytes(0xc6, 0xc1, 0x5a), { size: 1, n: 8 });
emit('mov cx,0x1234 (66 C7 /0 register form)', bytes(0x66, 0xc7, 0xc1, 0x34, 0x12), { size: 2, n: 8 });
emit('mov ecx,-1 (C7 /0 register form)', bytes(0xc7, 0xc1, 0xff, 0xff, 0xff, 0xff), { size: 4, n: 8 });
emit('mov ax,moffs64 (66 A1)', ['.byte 0x66, 0xa1', `.quad ${TARGET}`], { n: 8 });
emit('mov moffs64,eax (A3)', ['.byte 0xa3', `.quad ${TARGET}`], { n: 8 });
emit('mov moffs64,rax (REX.W A3)', ['.byte 0x48, 0xa3', `.quad ${TARGET}`], { n: 8 });
emit('mov word [rbx],ss (66 8C)', bytes(0x66, 0x8c, 0x13), { size: 2, m: RBX, n: 4 });
emit('movzx ax,bx (66 0F B7)', bytes(0x66, 0x0f, 0xb7, 0xc3), { size: 2, n: 16 });
emit('movzx ax,word [rbx] (66 0F B7)', bytes(0x66, 0x0f, 0xb7, 0x03), { size: 2, m: RBX, n: 16 });
emit('movsx ax,word [rbx] (66 0F BF)', bytes(0x66, 0x0f, 0xbf, 0x03), { size: 2, m: RBX, n: 16 });
ST('push rbx (FF /6 register form)', bytes(0xff, 0xf3)); ST('push bx (66 FF /6 register form)', bytes(0x66, 0xff, 0xf3));
ST('pop rbx (8F /0 register form)', bytes(0x8f, 0xc3)); ST('pop bx (66 8F /0 register form)', bytes(0x66, 0x8f, 0xc3));
for (let cc = 0; cc < 16; cc++) {
  for (const size of [2, 8]) {
    const r = single(size); const m = mem(size, [r]);
    emit(`cmov${CC[cc]} ${rn(r, size)},${m.text}`, `cmov${CC[cc]} ${rn(r, size)}, ${m.text}`, { size, m, n: 16 });
  }
}
{ const L = `.Ljs${stubs.length}`; emit('jmp rel8 (EB)', [`jmp ${L}`, 'mov r15, 1', `${L}: nop`], { n: 4 }); }
// the hint-NOP space at every operand size, register and memory ([rbx], never accessed)
for (const op of [0x0d, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f]) {
  for (const [pre, size] of [[[0x66], 2], [[], 4], [[0x48], 8]]) {
    const regForm = op === 0x0d || op === 0x18 ? 0xc8 : 0xc0;
    emit(`${pre.map(hex).join(' ')} 0F ${hex(op)} register form`, bytes(...pre, 0x0f, op, regForm), { size, n: 4 });
    if (op !== 0x0d && op !== 0x18) emit(`${pre.map(hex).join(' ')} 0F ${hex(op)} [rbx]`, bytes(...pre, 0x0f, op, 0x03), { size, m: RBX, n: 4 });
  }
}
// sal (/6, the undocumented alias of shl) on memory
for (const [pre, size] of [[[], 1], [[0x66], 2], [[], 4], [[0x48], 8]]) {
  const w = size === 1 ? 0 : 1;
  emit(`sal ${KW[size]} [rbx],5 (C0/C1 /6)`, bytes(...pre, 0xc0 | w, 0x33, 5), { size, m: RBX, n: 16 });
  emit(`sal ${KW[size]} [rbx],1 (D0/D1 /6)`, bytes(...pre, 0xd0 | w, 0x33), { size, m: RBX, n: 16 });
  emit(`sal ${KW[size]} [rbx],cl (D2/D3 /6)`, bytes(...pre, 0xd2 | w, 0x33), { size, m: RBX, prof: P.SHIFT, n: 80 });
}
emit('std; cld', ['std', 'cld'], { n: 4 });
emit('endbr32 (F3 0F 1E FB)', bytes(0xf3, 0x0f, 0x1e, 0xfb), { n: 4 });
emit('lfence; mfence; sfence', ['lfence', 'mfence', 'sfence'], { n: 4 });
emit('lfence, mfence with other ModRM.rm (0F AE E9, F1)', bytes(0x0f, 0xae, 0xe9, 0x0f, 0xae, 0xf1), { n: 4 });
{ const m = mem(1); emit(`clflush ${m.text}`, `clflush ${m.text}`, { size: 1, m, n: 4 }); }
{
  const L = `.Lje${stubs.length}`;
  ST('jmp qword ptr [mem]', [`lea rax, [rip+${L}]`, `mov [rip+${TARGET}-8], rax`, `jmp qword ptr [rip+${TARGET}-8]`, 'mov r15, 1', `${L}: nop`]);
  const L2 = `.Lcr${stubs.length}`;
  ST('call rax', [`lea rax, [rip+${L2}]`, 'call rax', 'jmp save_state', `${L2}: pop r14`]);
}
// an unknown system call: -ENOSYS, rcx = the next rip, r11 = RFLAGS
emit('syscall 1000 (ENOSYS)', ['mov eax, 1000', 'syscall'], { n: 8 });
for (const size of [4, 8]) {
  const r = single(size); const m = mem(size, [r]);
  emit(`movnti ${m.text},${rn(r, size)}`, `movnti ${m.text}, ${rn(r, size)}`, { size, m, n: 8 });
}

// ==== faults: each runs in its own process and must kill it ===========================
for (const size of SIZES) {
  const r = rn(size === 1 ? 1 : 1, size);
  fault(`div ${r} by zero`, ['xor eax, eax', 'xor edx, edx', 'xor ecx, ecx', `div ${r}`]);
  fault(`idiv ${r} by zero`, ['mov eax, 5', 'xor edx, edx', 'xor ecx, ecx', `idiv ${r}`]);
  fault(`div ${KW[size]} [mem] by zero`, [`lea rbx, [rip+${TARGET}]`, 'mov qword ptr [rbx], 0', 'mov eax, 7', `div ${KW[size]} ptr [rbx]`]);
}
fault('div cl: quotient 256 overflows', ['mov eax, 0x200', 'mov ecx, 2', 'div cl']);
fault('div cx: quotient overflows', ['mov eax, 0', 'mov edx, 2', 'mov ecx, 2', 'div cx']);
fault('div ecx: quotient 2^32 overflows', ['xor eax, eax', 'mov edx, 1', 'mov ecx, 1', 'div ecx']);
fault('div rcx: rdx == rcx overflows', ['xor eax, eax', 'mov edx, 5', 'mov ecx, 5', 'div rcx']);
fault('idiv cl: -128 / -1', ['mov eax, -128', 'mov ecx, -1', 'idiv cl']);
fault('idiv cl: 128 / 1', ['mov eax, 128', 'mov ecx, 1', 'idiv cl']);
fault('idiv cx: -32768 / -1', ['mov eax, 0x8000', 'mov edx, 0xffff', 'mov ecx, -1', 'idiv cx']);
fault('idiv ecx: INT_MIN / -1', ['mov eax, 0x80000000', 'cdq', 'mov ecx, -1', 'idiv ecx']);
fault('idiv rcx: LONG_MIN / -1', ['mov rax, 0x8000000000000000', 'cqo', 'mov rcx, -1', 'idiv rcx']);
fault('idiv rcx: 2^64 / 1', ['xor eax, eax', 'mov edx, 1', 'mov ecx, 1', 'idiv rcx']);
fault('ud2', 'ud2');
fault('ud1 eax,eax (0F B9)', '.byte 0x0f, 0xb9, 0xc0');
fault('ud0 eax,eax (0F FF)', '.byte 0x0f, 0xff, 0xc0');
fault('into (CE, invalid in 64-bit mode)', '.byte 0xce');
fault('int1 (F1)', '.byte 0xf1');
fault('int3 (CC)', 'int3');
fault('int 3 (CD 03)', '.byte 0xcd, 0x03');
fault('int 4 (CD 04)', '.byte 0xcd, 0x04');
fault('int 0x10', '.byte 0xcd, 0x10');
fault('lock add ebx,eax (register destination)', '.byte 0xf0, 0x01, 0xc3');
fault('lock mov [rbx],eax', [`lea rbx, [rip+${TARGET}]`, '.byte 0xf0, 0x89, 0x03']);
fault('lock cmp [rbx],eax', [`lea rbx, [rip+${TARGET}]`, '.byte 0xf0, 0x39, 0x03']);
fault('lock bt [rbx],eax', [`lea rbx, [rip+${TARGET}]`, '.byte 0xf0, 0x0f, 0xa3, 0x03']);
fault('lock test [rbx],eax', [`lea rbx, [rip+${TARGET}]`, '.byte 0xf0, 0x85, 0x03']);
fault('lock nop', '.byte 0xf0, 0x90');
fault('lock xchg ebx,eax (register form)', '.byte 0xf0, 0x87, 0xc3');
fault('lock inc eax', '.byte 0xf0, 0xff, 0xc0');
fault('lock cmpxchg ecx,edx (register form)', '.byte 0xf0, 0x0f, 0xb1, 0xd1');
fault('lock xadd ecx,edx (register form)', '.byte 0xf0, 0x0f, 0xc1, 0xd1');
fault('lock lea', [`.byte 0xf0, 0x48, 0x8d, 0x03`]);
fault('cmpxchg16b misaligned', [`lea rbx, [rip+${TARGET}+8]`, 'cmpxchg16b xmmword ptr [rbx]']);
fault('cmpxchg8b register form (0F C7 C8)', '.byte 0x0f, 0xc7, 0xc8');
for (const b of [0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x60, 0x61, 0x82, 0xd4, 0xd5, 0xd6]) {
  fault(`opcode ${hex(b)} (invalid in 64-bit mode)`, `.byte ${hex(b)}, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00`);
}
fault('sti', 'sti');
fault('clts', '.byte 0x0f, 0x06');
fault('wbinvd', '.byte 0x0f, 0x09');
fault('wrmsr', 'wrmsr');
fault('ljmp far (EA, invalid in 64-bit mode)', '.byte 0xea, 0, 0, 0, 0, 0, 0');
fault('ud0 eax,[rax] (memory form)', ['lea rax, [rip+g_mem]', '.byte 0x0f, 0xff, 0x00']);
fault('ud1 eax,[rax] (memory form)', ['lea rax, [rip+g_mem]', '.byte 0x0f, 0xb9, 0x00']);
// port I/O and control/debug registers: #GP in user mode
for (const [name, b] of [['in al,0x80', '0xe4, 0x80'], ['in eax,0x80', '0xe5, 0x80'], ['out 0x80,al', '0xe6, 0x80'], ['out 0x80,eax', '0xe7, 0x80'],
  ['in eax,dx', '0xed'], ['out dx,eax', '0xef'], ['insb', '0x6c'], ['insd', '0x6d'], ['outsb', '0x6e'], ['outsd', '0x6f'], ['invd', '0x0f, 0x08'],
  ['mov rax,cr0', '0x0f, 0x20, 0xc0'], ['mov rax,dr0', '0x0f, 0x21, 0xc0'], ['mov cr0,rax', '0x0f, 0x22, 0xc0'], ['mov dr0,rax', '0x0f, 0x23, 0xc0']]) {
  fault(`privileged: ${name}`, ['xor edx, edx', 'lea rsi, [rip+g_mem]', 'mov rdi, rsi', `.byte ${b}`]);
}
fault('hlt', 'hlt');
fault('cli', 'cli');
fault('in al,dx', 'in al, dx');
fault('out dx,al', 'out dx, al');
fault('rdmsr', 'rdmsr');
fault('mov eax,[0]', 'mov eax, dword ptr [0]');
fault('bt [rbx],rcx with a huge bit offset', [`lea rbx, [rip+${TARGET}]`, 'mov rcx, 0x7fffffffffffffff', 'bt qword ptr [rbx], rcx']);
fault('bts [rbx],rcx with a huge negative bit offset', [`lea rbx, [rip+${TARGET}]`, 'mov rcx, 0x8000000000000000', 'bts qword ptr [rbx], rcx']);
fault('non-canonical address', ['mov rax, 0x8000000000000000', 'mov eax, [rax]']);
fault('enter: the new rsp is probed for writing', ['lea rsp, [rip+g_saved_rsp+0x100]', 'enter 0xffff, 0']);
// read-only memory: which forms write their operand even when nothing changes
const RO = 'ro_data';
fault('shl byte [read-only],0 (immediate count 0)', `shl byte ptr [rip+${RO}], 0`);
fault('shl dword [read-only],cl (cl = 0)', ['xor ecx, ecx', `shl dword ptr [rip+${RO}], cl`]);
fault('rol qword [read-only],cl (cl = 64: masked to 0)', ['mov ecx, 64', `rol qword ptr [rip+${RO}], cl`]);
fault('rcl byte [read-only],9 (rotates to itself)', `rcl byte ptr [rip+${RO}], 9`);
fault('shld dword [read-only],eax,0', `shld dword ptr [rip+${RO}], eax, 0`);
fault('shl dword [read-only],1', `shl dword ptr [rip+${RO}], 1`);
fault('bt dword [read-only],3', `bt dword ptr [rip+${RO}], 3`);
fault('bts dword [read-only],3', `bts dword ptr [rip+${RO}], 3`);
fault('bt dword [read-only],ecx (ecx = 35)', ['mov ecx, 35', `bt dword ptr [rip+${RO}], ecx`]);
fault('cmpxchg [read-only],ecx failing', ['mov eax, 0x12345', `cmpxchg dword ptr [rip+${RO}], ecx`]);
fault('cmpxchg8b [read-only] failing', [`cmpxchg8b qword ptr [rip+${RO}]`]);
fault('xadd [read-only],ecx (ecx = 0)', [`xadd dword ptr [rip+${RO}], ecx`]);
fault('xchg [read-only],eax', [`mov eax, dword ptr [rip+${RO}]`, `xchg dword ptr [rip+${RO}], eax`]);
fault('or [read-only],0', `or dword ptr [rip+${RO}], 0`);
fault('cmp [read-only],0', `cmp dword ptr [rip+${RO}], 0`);
fault('cmovz eax,[0] with ZF=0 (the source is read anyway)', ['test esp, esp', 'cmovz eax, dword ptr [0]']);
fault('rep movsb with rcx=0 and wild pointers', ['xor ecx, ecx', 'mov rsi, 8', 'mov rdi, 16', 'rep movsb']);
fault('rep stosq with rcx=0 and rdi=0', ['xor ecx, ecx', 'xor edi, edi', 'rep stosq']);
fault('repne scasb with rcx=0 and rdi=0', ['xor ecx, ecx', 'xor edi, edi', 'repne scasb']);
fault('push to a read-only stack', [`lea rsp, [rip+${RO}+16]`, 'push rax']);
fault('xlat with rbx=0', ['xor ebx, ebx', 'xlatb']);
fault('enter 8,2 reading an unmapped outer frame', ['mov ebp, 16', 'enter 8, 2']);
// the hint-NOP space and prefetches: no fault even on an unmapped address (rax = 0)
for (const [name, bytes] of [['prefetcht0 [rax]', '0x0f, 0x18, 0x08'], ['0F 18 /0 register form', '0x0f, 0x18, 0xc0'],
  ['0F 18 /4 [rax] (reserved hint)', '0x0f, 0x18, 0x20'], ['0F 19 /r', '0x0f, 0x19, 0xc0'], ['0F 1A /r (bndldx without MPX)', '0x0f, 0x1a, 0x00'],
  ['0F 1B /r (bndstx without MPX)', '0x0f, 0x1b, 0x00'], ['0F 1C /r', '0x0f, 0x1c, 0xc0'], ['0F 1D /r', '0x0f, 0x1d, 0xc0'],
  ['nop dword [rax]', '0x0f, 0x1f, 0x00'], ['prefetchw [rax]', '0x0f, 0x0d, 0x08'], ['0F 0D register form', '0x0f, 0x0d, 0xc8'],
  ['rdsspq rax (F3 REX.W 0F 1E /1: NOP without CET)', '0xf3, 0x48, 0x0f, 0x1e, 0xc8'], ['endbr64', '0xf3, 0x0f, 0x1e, 0xfa']]) {
  fault(`hint: ${name}`, ['mov ebx, 7', `.byte ${bytes}`]);
}
// precise faults: a store that faults leaves registers and flags as they were
fault('add [read-only],eax', ['mov eax, 1', 'cmp eax, 2', `add dword ptr [rip+${RO}], eax`]);
fault('inc qword [read-only]', ['stc', `inc qword ptr [rip+${RO}]`]);
fault('neg byte [read-only]', [`neg byte ptr [rip+${RO}]`]);
fault('sar qword [read-only],3', ['stc', `sar qword ptr [rip+${RO}], 3`]);
fault('rcr word [read-only],cl', ['stc', 'mov ecx, 5', `rcr word ptr [rip+${RO}], cl`]);
fault('shrd [read-only],eax,3', ['mov eax, -1', `shrd dword ptr [rip+${RO}], eax, 3`]);
fault('bts [read-only],ecx', ['mov ecx, 3', `bts dword ptr [rip+${RO}], ecx`]);
fault('xadd [read-only],ecx', ['mov ecx, 3', `xadd dword ptr [rip+${RO}], ecx`]);
fault('cmpxchg16b [read-only] succeeding', [`mov rax, [rip+${RO}]`, `mov rdx, [rip+${RO}+8]`, `cmpxchg16b xmmword ptr [rip+${RO}]`]);
fault('pop qword [read-only]', [`pop qword ptr [rip+${RO}]`]);
fault('pop word [read-only]', [`pop word ptr [rip+${RO}]`]);
fault('call qword [0]', ['call qword ptr [0]']);
fault('ret to an unmapped address', ['push 0', 'ret']);
fault('rep stosb running into an unmapped page', ['lea rdi, [rip+_end+4095]', 'and rdi, -4096', 'sub rdi, 5', 'mov ecx, 20', 'mov al, 0x5a', 'rep stosb']);
fault('rep movsq running into an unmapped page', ['lea rdi, [rip+_end+4095]', 'and rdi, -4096', 'sub rdi, 24', 'lea rsi, [rip+g_mem]', 'mov ecx, 20', 'rep movsq']);
fault('std; rep stosb running down into read-only data', ['lea rdi, [rip+g_low+4]', 'mov ecx, 20', 'std', 'rep stosb']);
// The flags of a repeated compare interrupted by a fault are whatever the string
// microcode left (here AF set and ZF clear after five equal bytes), not those of the
// last comparison: not modelled, not compared.
fault('rep cmpsb reading an unmapped page', ['lea rdi, [rip+_end+4095]', 'and rdi, -4096', 'sub rdi, 5', 'mov rsi, rdi', 'mov ecx, 20', 'repe cmpsb'],
  CF | PF | AF | ZF | SF | OF);
fault('enter 0,1 with rbp = 0 (no outer frames read)', ['xor ebp, ebp', 'enter 0, 1']);
// operand widths at the end of the mapped memory (the page after _end is unmapped)
const END = (k) => ['lea rbx, [rip+_end+4095]', 'and rbx, -4096', `sub rbx, ${k}`];
fault('movsxd ax,[end-2] (66 63 reads 2 bytes?)', [...END(2), '.byte 0x66, 0x63, 0x03']);
fault('movsxd eax,[end-4] (63 without REX.W)', [...END(4), '.byte 0x63, 0x03']);
fault('bt word [end-2],cx', [...END(2), 'mov ecx, 3', 'bt word ptr [rbx], cx']);
fault('bt dword [end-2],ecx', [...END(2), 'mov ecx, 3', 'bt dword ptr [rbx], ecx']);
fault('bt dword [end-4],ecx with ecx=40 (next dword)', [...END(4), 'mov ecx, 40', 'bt dword ptr [rbx], ecx']);
fault('bt qword [end-8],rcx with rcx=-1 (previous qword)', [...END(8), 'mov rcx, -1', 'bt qword ptr [rbx], rcx']);
fault('bts dword [end-1],3', [...END(1), 'bts dword ptr [rbx], 3']);
fault('mov [end-2],ss (a 2-byte store even with REX.W)', [...END(2), '.byte 0x48, 0x8c, 0x13']);
fault('cmpxchg8b [end-4]', [...END(4), 'cmpxchg8b qword ptr [rbx]']);
// the kind of access reported for an unmapped operand: read-modify-write is a write
for (const [name, ins] of [['mov eax,[end]', 'mov eax, dword ptr [rbx]'], ['cmp [end],eax', 'cmp dword ptr [rbx], eax'],
  ['bt dword [end],3', 'bt dword ptr [rbx], 3'], ['add [end],eax', 'add dword ptr [rbx], eax'], ['not byte [end]', 'not byte ptr [rbx]'],
  ['inc qword [end]', 'inc qword ptr [rbx]'], ['shl dword [end],0', 'shl dword ptr [rbx], 0'], ['rcl word [end],cl', 'rcl word ptr [rbx], cl'],
  ['xchg [end],eax', 'xchg dword ptr [rbx], eax'], ['cmpxchg [end],ecx', 'cmpxchg dword ptr [rbx], ecx'], ['xadd [end],ecx', 'xadd dword ptr [rbx], ecx'],
  ['sete [end]', 'sete byte ptr [rbx]'], ['push qword [end]', 'push qword ptr [rbx]'], ['cmpxchg16b [end]', 'cmpxchg16b xmmword ptr [rbx]']]) {
  fault(`${name} (unmapped)`, [...END(0), ins]);
}
// VEX: the prefixes that make it #UD, VEX.L = 1 on the BMI forms, unassigned maps,
// implied prefixes and ModRM.reg values, a vvvv the form does not use
const ANDN = '0xc4, 0xe2, 0x60, 0xf2, 0xc1'; // andn eax, ebx, ecx
// a REX that a later legacy prefix discards does not count
fault('40 2e andn eax,ebx,ecx (REX, then a segment prefix: runs)', ['lea rbx, [rip+g_mem]', `.byte 0x40, 0x2e, ${ANDN}`]);
for (const [name, bytes] of [['66 andn', `0x66, ${ANDN}`], ['f2 andn', `0xf2, ${ANDN}`], ['f3 andn', `0xf3, ${ANDN}`],
  ['lock andn [rbx]', '0xf0, 0xc4, 0xe2, 0x60, 0xf2, 0x03'], ['48 andn (REX before VEX)', `0x48, ${ANDN}`], ['40 andn (empty REX)', `0x40, ${ANDN}`],
  ['66 2e andn', `0x66, 0x2e, ${ANDN}`],
  ['andn with VEX.L=1', '0xc4, 0xe2, 0x64, 0xf2, 0xc1'], ['bextr with VEX.L=1', '0xc4, 0xe2, 0x74, 0xf7, 0xc3'],
  ['mulx with VEX.L=1', '0xc4, 0xe2, 0x67, 0xf6, 0xc1'], ['rorx with VEX.L=1', '0xc4, 0xe3, 0x7f, 0xf0, 0xc3, 0x03'],
  ['blsr with VEX.L=1', '0xc4, 0xe2, 0x7c, 0xf3, 0xcb'], ['shlx with VEX.L=1', '0xc4, 0xe2, 0x75, 0xf7, 0xc3'],
  ['rorx with vvvv=0000', '0xc4, 0xe3, 0x03, 0xf0, 0xc3, 0x03'], ['rorx with vvvv=1110', '0xc4, 0xe3, 0x7b & 0xf7, 0xf0, 0xc3, 0x03'],
  ['VEX 0F38 F3 /0', '0xc4, 0xe2, 0x78, 0xf3, 0xc3'], ['VEX 0F38 F3 /4', '0xc4, 0xe2, 0x78, 0xf3, 0xe3'], ['VEX 0F38 F3 /7', '0xc4, 0xe2, 0x78, 0xf3, 0xfb'],
  ['VEX.66 0F38 F2 (andn with pp=66)', '0xc4, 0xe2, 0x61, 0xf2, 0xc1'], ['VEX.F2 0F38 F2', '0xc4, 0xe2, 0x63, 0xf2, 0xc1'],
  ['VEX.66 0F38 F5 (bzhi with pp=66)', '0xc4, 0xe2, 0x71, 0xf5, 0xc3'], ['VEX.66 0F38 F3 /1', '0xc4, 0xe2, 0x79, 0xf3, 0xcb'],
  ['VEX.NP 0F38 F6 (mulx without F2)', '0xc4, 0xe2, 0x60, 0xf6, 0xc1'], ['VEX.66 0F3A F0 (rorx with pp=66)', '0xc4, 0xe3, 0x79, 0xf0, 0xc3, 0x03'],
  ['VEX map 0 (mmmmm=0)', '0xc4, 0xe0, 0x60, 0xf2, 0xc1'], ['VEX map 4 (mmmmm=4)', '0xc4, 0xe4, 0x60, 0xf2, 0xc1'],
  ['VEX map 31', '0xc4, 0xff, 0x60, 0xf2, 0xc1'], ['VEX.0F38 F0 (movbe has no VEX form)', '0xc4, 0xe2, 0x78, 0xf0, 0x03'],
  ['VEX.66.0F38 F6 (adcx has no VEX form)', '0xc4, 0xe2, 0x79, 0xf6, 0xc3'], ['C5 F8 F2 (map 0F)', '0xc5, 0xf8, 0xf2, 0xc1'],
  ['VEX.0F38 F4 (unassigned)', '0xc4, 0xe2, 0x60, 0xf4, 0xc1'], ['VEX.0F38 F8 (unassigned)', '0xc4, 0xe2, 0x60, 0xf8, 0xc1']]) {
  fault(`#UD: ${name}`, ['lea rbx, [rip+g_mem]', `.byte ${bytes}`]);
}
// a VEX instruction's memory operand faults as any other
fault('andn eax,ebx,[0] (unmapped)', ['andn eax, ebx, dword ptr [0]']);
fault('pdep rax,rbx,[end-4] (an 8-byte read past the end)', [...END(4), 'pdep rax, rbx, qword ptr [rbx]']);
fault('adcx rax,[end-4]', [...END(4), 'adcx rax, qword ptr [rbx]']);
fault('15-byte instruction (14 prefixes)', '.byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90');
fault('16-byte instruction (15 prefixes)', '.byte 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x90');
fault('stos to read-only code', ['lea rdi, [rip+.Lro]', 'mov ecx, 4', 'rep stosb', '.Lro: nop']);

// ==== conformance report (issue 3, part E): forms no other stub ran =====================
// (kept apart from the blocks above; tests/conformance/report.mjs lists what is left)
fault('lcall far (9A, invalid in 64-bit mode)', '.byte 0x9a, 0, 0, 0, 0, 0, 0');
// forms the blocks above run only inside fault stubs, here as stubs comparing the state
emit('movsxd eax,[rbx] (63 without REX.W, memory)', bytes(0x63, 0x03), { size: 4, m: RBX, n: 16 });
emit('movsxd ax,[rbx] (66 63, memory)', bytes(0x66, 0x63, 0x03), { size: 2, m: RBX, n: 16 });
emit('mov [rbx],ss (REX.W 8C, memory: a 2-byte store)', bytes(0x48, 0x8c, 0x13), { size: 8, m: RBX, n: 4 });
emit('endbr64 (F3 0F 1E FA)', bytes(0xf3, 0x0f, 0x1e, 0xfa), { n: 4 });
emit('prefetcht0 [rbx]; prefetchw [rbx]', bytes(0x0f, 0x18, 0x0b, 0x0f, 0x0d, 0x0b), { size: 1, m: RBX, n: 4 });
emit('fwait (no x87 exception pending)', bytes(0x9b), { n: 4 });

// ---- output --------------------------------------------------------------------------

export function generate() {
  const out = [];
  out.push('// generated by tests/native/integer/gen.mjs: do not edit', '\t.intel_syntax noprefix', '\t.text');
  stubs.forEach((s, k) => {
    out.push(`t_${k}:`);
    for (const l of s.lines) for (const ll of l.split('\n')) out.push(`\t${ll}`);
    out.push('\tjmp save_state');
  });
  faults.forEach((f, k) => {
    out.push(`f_${k}:`);
    for (const l of f.lines) out.push(`\t${l}`);
    out.push('\tjmp save_state');
  });
  out.push('\t.section .rodata', '\t.balign 16', 'ro_data: .quad 0x0123456789abcdef, 0xfedcba9876543210');
  stubs.forEach((s, k) => out.push(`n_${k}: .asciz ${JSON.stringify(s.name)}`));
  faults.forEach((f, k) => out.push(`fn_${k}: .asciz ${JSON.stringify(f.name)}`));
  out.push('\t.balign 8', '\t.globl tests, ntests, ftests, nftests', 'tests:');
  stubs.forEach((s, k) => {
    const m = s.m;
    out.push(`\t.quad t_${k}, n_${k}, ${m ? m.disp : 0}, ${s.fmask}`);
    out.push(`\t.byte ${s.prof}, ${s.size}, ${m ? m.base : 0xff}, ${m ? m.index : 0xff}, ${m ? m.scale : 1}, ${m ? m.a32 : 0}, ${s.aux1}, ${s.aux2}`);
    out.push(`\t.long ${s.n}, 0`);
  });
  out.push(`ntests: .quad ${stubs.length}`, 'ftests:');
  faults.forEach((f, k) => out.push(`\t.quad f_${k}, fn_${k}, ${f.fmask}`));
  out.push(`nftests: .quad ${faults.length}`);
  out.push('\t.section .note.GNU-stack,"",@progbits', '');
  // the faults that also run as a process of their own, which must die as natively:
  // every divide error and one or more of each other kind of death
  const CHILD = /^(i?div |ud[012]|#UD: (66|lock|48|andn with|rorx with vvvv=0|VEX map 4)|into|int|lock add|lock bt|hlt|in al|rdmsr|mov eax,\[0\]|cmpxchg16b mis|enter: the new|16-byte|stos to read-only|push to a read-only|opcode 0x6|non-canonical)/;
  const childFaults = faults.map((f, k) => (CHILD.test(f.name) ? k : -1)).filter((k) => k >= 0);
  return { text: out.join('\n'), stubs: stubs.length, faults: faults.length, childFaults, cases: stubs.reduce((a, s) => a + s.n, 0) };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const g = generate();
  fs.writeFileSync(process.argv[2] ?? '/dev/stdout', g.text);
  console.error(`${g.stubs} stubs, ${g.cases} cases, ${g.faults} fault stubs`);
}
