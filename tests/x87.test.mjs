// Differential tests of the x87 FPU (src/cpu/ops/x87*.ts) against this machine's.
//
// 1. tests/native/x87/x87_insn.c, a freestanding program, runs every x87 instruction
//    form on random machine states (control/status/tag words, every class of 80-bit
//    value, memory operands, EFLAGS) and prints the FNSAVE image, memory operand,
//    EFLAGS and RAX after each: native and x64vm outputs must be identical, except
//    for the transcendental instructions (approx_*), whose register results may differ
//    by one unit in the last place and whose C1 bit is not compared (see 1b).
// 1b. tests/native/x87/x87_trans.c sweeps the transcendental instructions (fsin, fcos,
//    fsincos, fptan, fpatan, f2xm1, fyl2x, fyl2xp1) over hard operands, every rounding
//    and precision control, masked and unmasked exceptions, stack faults. x64vm computes
//    each the way the hardware was measured to (docs/X87-TRANSCENDENTALS.md); the
//    hardware's arithmetic also has noise that no model has yet, so when its value lies
//    within a few hundredths of an ulp of a rounding boundary the two may differ by one
//    ulp and/or in C1. Every other difference fails the test, and so does an exact-match
//    rate per instruction below its floor (the rates are printed).
// 2. C programs using long double through glibc and musl (gcc and musl-gcc, -static,
//    -O0 and -O2): arithmetic printed with %La and %.25Lg, conversions in every
//    rounding mode, precision control, comparisons with NaN, fxam classes, fprem,
//    rounding to integers, BCD, FNSTENV/FNSAVE/FXSAVE images, stack faults, musl's
//    printf of doubles (ld_arith.c); unmasked exceptions raising SIGFPE (ld_mf.c); the
//    math library's transcendental functions (ld_math.c, 15 significant digits); which
//    D8-DF encodings raise SIGILL (ld_ud.c).
//
// Environment: X64VM_X87_SEED (default 1), X64VM_X87_COUNT (cases per instruction form,
// default 40; the transcendental sweep runs 25 times as many per instruction),
// X64VM_X87_N (size of the C programs' runs, default 40).
// Skipped with a note on a host that is not x86-64 Linux or without the compilers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, BASE_ENV, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync,
  spawnAsync, x64vmUnavailable,
} from './lib/build.mjs';
import { recordUnits } from './conformance/record.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'x87');
const OUT = path.join(REPO, '.cache', 'x87');
const SEED = process.env.X64VM_X87_SEED ?? '1';
const COUNT = process.env.X64VM_X87_COUNT ?? '40';
const N = process.env.X64VM_X87_N ?? '40';
const ULPS = 1; // tolerance for the transcendental instructions

const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();

function have(cc) {
  const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}
const compilers = hostWhy ? [] : ['gcc', 'musl-gcc'].filter(have);

/** Compile (if the source is newer than the binary) and return the binary's path. */
function build(src, name, cc, flags, libs = []) {
  const out = path.join(OUT, name);
  const srcPath = path.join(SRC, src);
  try {
    if (fs.statSync(out).mtimeMs >= fs.statSync(srcPath).mtimeMs) return out;
  } catch { /* not built yet */ }
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = `${out}.tmp${process.pid}`;
  const r = spawnSync(cc, [...flags, '-w', '-o', tmp, srcPath, ...libs], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cc} ${flags.join(' ')} ${src} failed:\n${r.stderr ?? r.error}`);
  fs.renameSync(tmp, out);
  return out;
}

// ---- 1. instruction level ----------------------------------------------------------------

const FREESTANDING = ['-O0', '-static', '-nostdlib', '-ffreestanding', '-mno-sse', '-mno-mmx', '-fno-pie', '-no-pie',
  '-fno-stack-protector', '-fcf-protection=none', '-fno-builtin'];

const le = (h) => BigInt('0x' + (h.match(/../g) ?? []).reverse().join(''));

/** The fields of a 108-byte FNSAVE image in hex, for messages and for the tolerant comparison. */
function decodeImage(hex) {
  const f = {
    cw: le(hex.slice(0, 4)), sw: le(hex.slice(8, 12)), tw: le(hex.slice(16, 20)),
    fip: le(hex.slice(24, 32)), fop: le(hex.slice(32, 40)), fdp: le(hex.slice(40, 48)), regs: [],
  };
  for (let k = 0; k < 8; k++) {
    const r = hex.slice(56 + 20 * k, 76 + 20 * k);
    f.regs.push({ se: le(r.slice(16, 20)), sig: le(r.slice(0, 16)), hex: r });
  }
  return f;
}
function showImage(hex) {
  const f = decodeImage(hex);
  const h = (v, n) => v.toString(16).padStart(n, '0');
  return `cw=${h(f.cw, 4)} sw=${h(f.sw, 4)} tw=${h(f.tw, 4)} fip=${h(f.fip, 8)} fop=${h(f.fop, 8)} fdp=${h(f.fdp, 8)} ` +
    f.regs.map((r, k) => `st${k}=${h(r.se, 4)}:${h(r.sig, 16)}`).join(' ');
}

/** A monotone integer for an 80-bit register, to measure distances in units in the last place. */
function ordinal(r) {
  const v = ((r.se & 0x7fffn) << 64n) | r.sig;
  return r.se & 0x8000n ? -v : v;
}

/** Why two output lines of an approx_* form are too far apart, or null. */
function approxMismatch(a, b) {
  const x = a.split(' '), y = b.split(' ');
  if (x.length !== y.length || x.slice(3).join(' ') !== y.slice(3).join(' ')) return 'memory, EFLAGS or RAX differ';
  const fa = decodeImage(x[2]), fb = decodeImage(y[2]);
  const IGNORE = 0x200n; // C1
  if (fa.cw !== fb.cw || (fa.sw & ~IGNORE) !== (fb.sw & ~IGNORE) || fa.tw !== fb.tw || fa.fip !== fb.fip ||
      fa.fop !== fb.fop || fa.fdp !== fb.fdp) return 'control registers differ';
  for (let k = 0; k < 8; k++) {
    const d = ordinal(fa.regs[k]) - ordinal(fb.regs[k]);
    if (d > BigInt(ULPS) || d < -BigInt(ULPS)) return `st${k} differs by ${d} units in the last place`;
  }
  return null;
}

test('x87 instructions: native vs x64vm', { skip: hostWhy ?? (compilers.includes('gcc') ? vmWhy : 'gcc not found') ?? false }, async (t) => {
  const bin = build('x87_insn.c', 'x87_insn', 'gcc', FREESTANDING);
  const args = [SEED, COUNT];
  const [native, emulated] = await Promise.all([
    spawnAsync(bin, args, { env: { ...BASE_ENV } }),
    runX64vmAsync(bin, { args, env: { ...BASE_ENV } }),
  ]);
  assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
  assert.equal(emulated.status, 0, `x64vm run failed (${emulated.signal ?? emulated.status}): ${emulated.stderr.toString().slice(0, 2000)}`);
  const a = native.stdout.toString().split('\n'), b = emulated.stdout.toString().split('\n');
  assert.equal(b.length, a.length, `x64vm printed ${b.length} lines, native ${a.length}`);
  const bad = [];
  const perForm = new Map();
  const units = new Map(); // for the conformance report: per form, cases compared and mismatches
  for (let k = 0; k < a.length; k++) {
    if (!a[k]) continue;
    const name = a[k].split(' ')[0];
    const u = units.get(name) ?? units.set(name, { unit: `t_${name}`, name, inputs: 0, mismatches: 0 }).get(name);
    u.inputs++;
    if (a[k] !== b[k] && (!name.startsWith('approx_') || approxMismatch(a[k], b[k]) !== null)) u.mismatches++;
  }
  recordUnits('x87.jsonl', { tester: 'x87', binary: bin, harness: 'popf-pushf' }, [...units.values()]);
  let approxCases = 0;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    const name = a[k].split(' ')[0];
    let why = 'differs';
    if (name.startsWith('approx_')) {
      approxCases++;
      why = approxMismatch(a[k], b[k]);
      if (why === null) continue;
    }
    perForm.set(name, (perForm.get(name) ?? 0) + 1);
    if (bad.length < 8) bad.push({ k, name, why });
  }
  t.diagnostic(`${a.length - 1} cases; ${approxCases} transcendental results not bit-exact (within ${ULPS} ulps otherwise reported)`);
  if (bad.length === 0) return;
  const lines = [];
  for (const { k, name, why } of bad) {
    const [, idx] = a[k].split(' ');
    const inp = spawnSync(bin, [SEED, COUNT, name, idx], { encoding: 'utf8' }).stdout.split('\n')[0].split(' ');
    const x = a[k].split(' '), y = b[k].split(' ');
    lines.push(`${name} #${idx}: ${why}\n  input:  ${showImage(inp[3])} mem=${inp[4]} eflags=${inp[5]} rax=${inp[6]}` +
      `\n  native: ${showImage(x[2])} | ${x.slice(3).join(' ')}\n  x64vm:  ${showImage(y[2])} | ${y.slice(3).join(' ')}`);
  }
  const summary = [...perForm].map(([n, c]) => `${n} ${c}`).join(', ');
  assert.fail(`mismatches per form: ${summary}\n(reproduce: ${path.relative(REPO, bin)} ${SEED} ${COUNT} NAME INDEX)\n${lines.join('\n')}`);
});

// ---- 1b. transcendental sweep --------------------------------------------------------------

const SWEEP = String(Number(COUNT) * 25);
/**
 * Lowest acceptable percentage of bit-exact cases per instruction. Measured with
 * X64VM_X87_COUNT=800 (20,000 random cases, 1,250 special pairs and 128 or 576 short
 * operands each), seed 1: fsin 99.986, fcos 99.986, fsincos 99.995, fptan 99.991, fpatan 99.995,
 * f2xm1 99.991, fyl2x 100, fyl2xp1 99.995 (session 7; with the default count, seeds 1-8,
 * 99.93% and up; at the start of session 6, with error tables
 * where the algorithm was not known: 99.7, 99.7, 99.5, 97.0, 98.8, 97.6, 98.3, 95.7; before
 * any model: 99.0, 99.1, 98.2, 96.2, 98.1, 97.5, 97.8, 95.2). What is left is the noise of
 * the hardware's own arithmetic (scripts/x87-trans-analyze.mjs bounds its unrounded value
 * per case; docs/X87-TRANSCENDENTALS.md).
 */
const FLOOR = { fsin: 99.8, fcos: 99.8, fsincos: 99.8, fptan: 99.8, fpatan: 99.9, f2xm1: 99.8, fyl2x: 99.9, fyl2xp1: 99.9 };

/** A contiguous integer index of an 80-bit register value (normals and denormals). */
function regIndex(r) {
  const [se, sig] = r.split(':').map((h) => BigInt('0x' + h));
  const e = se & 0x7fffn;
  const mag = e === 0n ? sig : (e << 63n) + (sig & ((1n << 63n) - 1n));
  return se & 0x8000n ? -mag : mag;
}

/** Why a native/x64vm pair of sweep lines is more than a rounding-boundary difference, or null. */
function sweepMismatch(a, b) {
  const x = a.split(' '), y = b.split(' ');
  // NAME INDEX CW ST0 ST1 > SW TW ST0 ST1 ST2
  if (x.length !== y.length || x.slice(0, 6).join(' ') !== y.slice(0, 6).join(' ')) return 'different lines';
  const sx = parseInt(x[6], 16), sy = parseInt(y[6], 16);
  if ((sx ^ sy) & ~0x200) return `status word ${x[6]} vs ${y[6]}`;
  if (x[7] !== y[7]) return `tag word ${x[7]} vs ${y[7]}`;
  for (let k = 8; k < x.length; k++) {
    const d = regIndex(x[k]) - regIndex(y[k]);
    if (d > 1n || d < -1n) return `ST(${k - 8}) ${x[k]} vs ${y[k]}`;
  }
  return null;
}

const transBinary = () => build('x87_trans.c', 'x87_trans', 'gcc', ['-O1', '-static']);

/** tests/native/x87/x87_trans.c with args, natively and under x64vm: the two outputs' lines. */
async function transLines(args) {
  const bin = transBinary();
  const [native, emulated] = await Promise.all([
    spawnAsync(bin, args, { env: { ...BASE_ENV } }),
    runX64vmAsync(bin, { args, env: { ...BASE_ENV } }),
  ]);
  assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
  assert.equal(emulated.status, 0, `x64vm run failed (${emulated.signal ?? emulated.status}): ${emulated.stderr.toString().slice(0, 2000)}`);
  const a = native.stdout.toString().split('\n'), b = emulated.stdout.toString().split('\n');
  assert.equal(b.length, a.length, `x64vm printed ${b.length} lines, native ${a.length}`);
  return [a, b];
}

test('x87 transcendentals: sweep native vs x64vm', { skip: hostWhy ?? (compilers.includes('gcc') ? vmWhy : 'gcc not found') ?? false }, async (t) => {
  const [a, b] = await transLines([SEED, SWEEP]);
  const total = new Map(), exact = new Map(), bad = [];
  for (let k = 0; k < a.length; k++) {
    if (!a[k]) continue;
    const name = a[k].split(' ')[0];
    total.set(name, (total.get(name) ?? 0) + 1);
    if (a[k] === b[k]) { exact.set(name, (exact.get(name) ?? 0) + 1); continue; }
    const why = sweepMismatch(a[k], b[k]);
    if (why !== null && bad.length < 10) bad.push(`${why}\n  native: ${a[k]}\n  x64vm:  ${b[k]}`);
    else if (why !== null) bad.push(null);
  }
  const rates = [...total].map(([n, c]) => [n, (100 * (exact.get(n) ?? 0)) / c]);
  t.diagnostic(`bit-exact per instruction (seed ${SEED}, ${SWEEP} random cases, the special pairs and short operands each): ` +
    rates.map(([n, r]) => `${n} ${r.toFixed(2)}% of ${total.get(n)}`).join(', '));
  assert.equal(total.size, Object.keys(FLOOR).length, 'every instruction swept');
  assert.equal(bad.length, 0, `${bad.length} differences beyond one ulp/C1 (reproduce: ${path.relative(REPO, transBinary())} ${SEED} ${SWEEP} NAME):\n` +
    bad.filter(Boolean).join('\n'));
  const low = rates.filter(([n, r]) => r < FLOOR[n]);
  assert.equal(low.length, 0, `exact-match rate below the floor: ${low.map(([n, r]) => `${n} ${r.toFixed(2)}% < ${FLOOR[n]}%`).join(', ')}`);
});

/**
 * The table evaluations (src/cpu/trans/: sinCosTable, exp2m1Table, log2p1Small, ...; see
 * docs/X87-TRANSCENDENTALS.md), x87_trans NAME table: fsin and fsincos of operands that need
 * no reduction, 1/4 <= |x| < pi/4, fptan of 2^-8 .. 2^63 (its sine and cosine cut to 67
 * bits and divided), f2xm1 of 1/4 <= |x| < 1 and of smaller operands (exp2m1Series), fyl2x
 * of 1 + u and fyl2xp1 of u, |u| < 1/8 (y = 3 + 2^-62; log2p1Small) and from there to 1/2
 * (and 1 for fyl2x; log2Table), fpatan of quotients below 3/64 and from there to 1
 * (atanSmall, atanTable). The operands of its TABLE_HARD (fsin), TAN_HARD, F2XM1_HARD,
 * FYL2X_HARD, FYL2XP1_HARD and FPATAN_HARD lists must come out bit-exact under every
 * rounding (the earlier models, exact value plus a bias per 128th of x for fsin and per
 * interval of r for fptan, the exact value for f2xm1 from 1/4 and the exact value lowered
 * by 26/256 ulp below, the exact logarithm cut to 67 bits or lowered by a bias for
 * fyl2x/fyl2xp1, the exact value plus a bias per 64th of the quotient for fpatan, missed
 * each of them; the last 8 of fsin's and fptan's need the error curve of the hardware's
 * sin r and cos r - 1, first the measured POLY_ERR, now COS_POLY and the cut of the correction,
 * and 8 after those need COS_POLY and the cut, which POLY_ERR missed; FPATAN_HARD's last 8
 * need the atan table's d rounded and atan d cut, docs 5.7, and the 8
 * after those its divisor and quotient cut at 67 bits, 5.7.2; then 8 of fsin's and fptan's
 * need cos r - 1's 64-bit roundings and the correction's one-unit-low subtraction, and 5 the
 * polynomial for sin r, docs 5.8); the random ones (X64VM_X87_COUNT * 10 per instruction,
 * each under the four roundings) must stay above a floor. Bit-exact at seed 7, 3,000
 * operands: fsin 99.4% (the earlier model 98.9%), f2xm1 99.25% (96.5%); seed 1, 8,000
 * operands: fsin 99.80%, fsincos 99.67%, fptan 99.69% (with the error curve; without it
 * 99.35%, 98.67%, 99.00%; fptan with the bias model about 93%); seed 1, 3,000 operands:
 * fyl2x 99.96% (93.2% before the atanh model), fyl2xp1 99.95% (92.4%). Half of the random
 * fyl2x/fyl2xp1 operands are in the table range ('fyl2x table': [1/2, 7/8) and [9/8, 2);
 * 'fyl2xp1 table': 1/8 <= |x| < 1/2; log2Table): seeds 1 and 2, 400 operands, fyl2x
 * 99.50%, 99.50% (the exact value cut to 67 bits: 99.38%, 98.25%), fyl2xp1 99.88%, 100%
 * (98.50%, 99.25%). f2xm1 at seeds 1/2/3, 4,000 operands of each range (docs 4.2.2): the
 * table 99.46/99.48/99.61% (99.29/99.29/99.42% before), below 1/4 (half of them in
 * [2^-7, 1/4)) 100.00/99.99/99.97% (99.92/99.83/99.83%); with the default 200 operands of
 * each, seeds 1-5, the table 99.00-100% (98.88-100%), below 1/4 99.50-100% (99.38-100%).
 * With 2^d - 1 from sinh and cosh - 1 rounded apart (docs 4.2.3) the table at seeds 1/2/3,
 * 4,000 operands: 99.78/99.83/99.91% (99.46/99.48/99.61% before); with the default 200,
 * seeds 1-5: 99.88-100%. With cosh - 1 as z^2/2 + q2 z^4 + q3 z^6 of least absolute error
 * (docs 4.2.5) the table at seeds 1/2/3, 4,000 operands: 100/99.975/100% (99.87/99.88/99.92%
 * with 4.2.4's relative-error polynomial), and 100/100/100% with sinh rounded on the sum's
 * grid where that is finer and cosh - 1 unrounded; with the default 200, seeds 1-8: 100%.
 * Below 1/4 with the higher terms from the degree-9 polynomial of least relative error of
 * e^z - 1 (docs 4.2.5), 4,000 operands, seeds 1/2/3: 100/100/99.97% (100/99.99/99.97%
 * before); with the default 200, seeds 1-8: 99.88-100% (99.50-100%).
 */
/**
 * How many of each instruction's first cases are its hard list's, as x87_trans table prints
 * them first ("hard NAME N"; "hard NAME-small N" for the small-argument part). Every one must
 * be there: a missing size would silently turn hard operands into random ones.
 */
function hardSizes(lines) {
  const sizes = new Map();
  for (const line of lines) {
    const m = /^hard (\S+) (\d+)$/.exec(line);
    if (m) sizes.set(m[1], Number(m[2]));
  }
  for (const op of ['fsin', 'fsincos', 'fptan', 'f2xm1', 'fyl2x', 'fyl2xp1', 'fpatan',
    'fsin-small', 'fcos-small', 'fsincos-small', 'fptan-small']) {
    assert.ok(sizes.get(op) > 0, `x87_trans table printed no hard-list size for ${op}`);
  }
  return sizes;
}
/** fyl2xp1 of 1/8 <= |x| < 1/2, fyl2x of [1/2, 7/8) and [9/8, 2): log2Table (x as SE:MANT). */
function inLogTable(op, x) {
  const [se, m] = x.split(':').map((h) => BigInt('0x' + h));
  if (op === 'fyl2xp1') return (se & 0x7fffn) >= 0x3ffcn && (se & 0x7fffn) <= 0x3ffdn;
  return (se === 0x3ffen && m < 0xe000000000000000n) || (se === 0x3fffn && m >= 0x9000000000000000n);
}
/**
 * x87_trans's small-argument part (indices from SMALL on): fsin, fcos, fsincos and fptan of
 * operands whose reduced argument r has 2^-8 <= |r| < 1/4, the first of them from the
 * *_SMALL_HARD lists (fsincos's and fptan's sine below 1/4, sinSinCos, and fsin's and fcos's,
 * sinEven; missed with the exact sine).
 * Bit-exact lines, 8,000 operands, seeds 1 / 2: fsin 99.99% / 99.97% (99.95% / 99.93% with
 * the exact sine), fcos 99.97% / 99.99% (99.95% / 99.98%; its cos r below 1/4 is
 * cosSmall's), fsincos 99.94% / 99.95% (99.87% with the exact sine; the rest is its cosine),
 * fptan 100% / 100% (99.93% with the exact sine).
 */
const SMALL = 1000000;
/*
 * The floors must hold for any seed at the default count (200-400 operands per range, where
 * one or two misses are 0.25-0.5%): measured at seeds 1-8 with the default count, the lowest
 * rates were f2xm1 99.00 (before 4.2.3; 100 after 4.2.5, where one operand wrong under all four roundings is 99.50), 'f2xm1 <1/4' 99.50 (99.88 after 4.2.5), fyl2xp1 99.50, fpatan 100 (99.75 before 5.7.2; no miss in
 * 780,000 random table-range pairs since 5.7.3),
 * fsin, fsincos and fptan 100 (1,600 lines each; before 5.8 fsincos 99.81), 'fsin r<1/4'
 * 99.75, 'fcos r<1/4' 99.75, 'fsincos r<1/4' 99.69, 'fptan r<1/4' 100%. Since session 9
 * (docs 4.2.9-4.2.10, 4.6.2, 5.5.6-5.5.8, 5.8.1) every range is at 100% for seeds 1-16; the
 * floors let one operand be wrong under all four roundings (0.25% of the 1,600 lines of the
 * trigonometric ranges, 0.5% of the 800 of f2xm1's and the logarithms'). The hard lists, not
 * the floors, are what tells each model from the one before it.
 */
const TABLE_FLOOR = {
  fsin: 99.8, fsincos: 99.8, fptan: 99.75, f2xm1: 99.5, 'f2xm1 <1/4': 99.5, fyl2x: 99.5, fyl2xp1: 99.5,
  'fyl2x table': 99.5, 'fyl2xp1 table': 99.5, fpatan: 99.9,
  'fsin r<1/4': 99.75, 'fcos r<1/4': 99.75, 'fsincos r<1/4': 99.75, 'fptan r<1/4': 99.75,
};

test('x87 table evaluations: fsin, fptan, f2xm1, fyl2x, fyl2xp1, fpatan where the hardware\'s algorithm is known', { skip: hostWhy ?? (compilers.includes('gcc') ? vmWhy : 'gcc not found') ?? false }, async (t) => {
  const args = [SEED, String(Number(COUNT) * 10), 'table'];
  const [a, b] = await transLines(args);
  const total = new Map(), exact = new Map(), hard = [];
  const sizes = hardSizes(a);
  for (let k = 0; k < a.length; k++) {
    if (!a[k] || a[k].startsWith('hard ')) continue;
    const [op, index, , x] = a[k].split(' ');
    const small = Number(index) >= SMALL;
    const name = small ? `${op} r<1/4` : op === 'f2xm1' && (parseInt(x, 16) & 0x7fff) < 0x3ffd ? 'f2xm1 <1/4'
      : (op === 'fyl2xp1' || op === 'fyl2x') && inLogTable(op, x) ? `${op} table` : op;
    if (small ? Number(index) - SMALL < sizes.get(`${op}-small`) : Number(index) < sizes.get(op)) {
      if ((small || op !== 'fsincos') && a[k] !== b[k]) hard.push(`  native: ${a[k]}\n  x64vm:  ${b[k]}`);
      continue;
    }
    total.set(name, (total.get(name) ?? 0) + 1);
    if (a[k] === b[k]) exact.set(name, (exact.get(name) ?? 0) + 1);
    else assert.equal(sweepMismatch(a[k], b[k]), null, `beyond one ulp/C1:\n  native: ${a[k]}\n  x64vm:  ${b[k]}`);
  }
  const rates = [...total].map(([n, c]) => [n, (100 * (exact.get(n) ?? 0)) / c]);
  t.diagnostic(`bit-exact, random operands of the table ranges (seed ${SEED}): ` +
    rates.map(([n, r]) => `${n} ${r.toFixed(2)}% of ${total.get(n)}`).join(', '));
  assert.equal(hard.length, 0, `hard-list operands (TABLE_HARD, TAN_HARD, F2XM1_HARD, FYL2X_HARD, FYL2XP1_HARD, FPATAN_HARD, *_SMALL_HARD) not bit-exact (reproduce: ${path.relative(REPO, transBinary())} ${args.join(' ')}):\n${hard.join('\n')}`);
  assert.equal(total.size, Object.keys(TABLE_FLOOR).length, 'every instruction run');
  const low = rates.filter(([n, r]) => r < TABLE_FLOOR[n]);
  assert.equal(low.length, 0, `exact-match rate below the floor: ${low.map(([n, r]) => `${n} ${r.toFixed(2)}% < ${TABLE_FLOOR[n]}%`).join(', ')}`);
});

// ---- 2. C programs -------------------------------------------------------------------------

const limit = makeLimiter(2);
const variants = [];
for (const cc of compilers) for (const opt of ['-O0', '-O2']) variants.push({ cc, opt, tag: `${cc === 'gcc' ? 'glibc' : 'musl'}${opt}` });

function programTests(src, args, what, only = null) {
  const base = src.replace(/\.c$/, '');
  for (const v of variants.filter((x) => !only || only.includes(x.tag))) {
    test(`x87 ${what} (${base}, ${v.tag})`, { skip: vmWhy ?? false }, async () => {
      const bin = build(src, `${base}-${v.tag}`, v.cc, ['-static', v.opt], ['-lm']);
      const opts = { args, env: { ...BASE_ENV }, input: Buffer.alloc(0) };
      const native = await limit(() => runNativeAsync(bin, opts));
      const emulated = await limit(() => runX64vmAsync(bin, opts));
      compareRuns(native, emulated, `${base} ${v.tag}`);
    });
  }
  if (variants.length === 0) test(`x87 ${what} (${base})`, { skip: hostWhy ?? 'neither gcc nor musl-gcc found' }, () => {});
}

programTests('ld_arith.c', [N], 'long double arithmetic, conversions, images');
programTests('ld_mf.c', [], 'unmasked exceptions and SIGFPE');
// the library code is the same at -O0: only -O2 for these two
programTests('ld_math.c', [N], 'math library transcendentals', ['glibc-O2', 'musl-O2']);
programTests('ld_ud.c', [], 'escape opcode map: defined and undefined encodings', ['glibc-O2', 'musl-O2']);
