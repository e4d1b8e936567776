#!/usr/bin/env node
// Probes of the host's fsin/fcos on windows of consecutive operands, for the measurements
// of docs/X87-TRANSCENDENTALS.md. Needs gcc and an x86-64 host; the probe program is
// compiled into .cache/ (gitignored). Exact values come from dist/cpu/f80-trans.js
// (build first: npx tsc -p . && node scripts/bundle.mjs).
//
//   node scripts/x87-table-probe.mjs window OP X N [STEP]
//     runs x = X + k*STEP ulps of X (k < N, STEP default 1) through fsin (OP 0), fcos
//     (OP 1), f2xm1 (OP 2) or fpatan of y = x and 1 (OP 3: atan x) under rounding to
//     nearest, down and up, and prints: how many results are
//     64-bit values under all three (the hardware's value before its rounding was one:
//     PE is set all the same), and the band of (value before rounding - exact value), in
//     ulps of the result, that a value constant over the window would need ("width" > 0:
//     no constant fits; the hardware's error varies from one operand to the next by at
//     least that much).
//   node scripts/x87-table-probe.mjs table OP
//     for each table point t below pi/4 (the middle of each quarter binade from 1/4 on) the
//     window t + 2^-20 + k ulps: its band (a point, the error of the table's value), next
//     to the error of sin t or cos t rounded to nearest at 66, 67 and 68 bits.
//
// X: a rational "a/b", optionally followed by "+2^-k" or "-2^-k" terms (3/4, 11/16+2^-5).
import { execFileSync } from 'node:child_process';
import { probeBinary, reg, trans } from './x87-probe-lib.mjs';

const { fromF80, trigExact, exp2m1Exact, atan2, big, bigExp } = trans;

/** The exact value of probe op OP at x: fsin, fcos, f2xm1, fpatan of y = x over 1. */
const exactOf = (op, x) => op < 2 ? trigExact(x, op) : op === 2 ? exp2m1Exact(x) : atan2(x, big(0, 1n, 0));

const PROBE_C = `
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef unsigned long u64; typedef unsigned short u16;
struct __attribute__((packed)) r80 { u64 m; u16 se; };
int main(int argc, char **argv) {
  int op = atoi(argv[1]);
  u16 se = (u16)strtoul(argv[2], 0, 16); u64 m0 = strtoul(argv[3], 0, 16);
  long n = atol(argv[4]), step = atol(argv[5]);
  for (long k = 0; k < n; k++) {
    struct r80 x = { m0 + (u64)(k * step), se };
    printf("%04x:%016lx", x.se, x.m);
    for (int rc = 0; rc < 3; rc++) {
      u16 cw = (u16)(0x037f | rc << 10), sw;
      long double a, r;
      memcpy(&a, &x, 10);
      __asm__ volatile("fnclex; fldcw %0" :: "m"(cw));
      if (op == 0) __asm__ volatile("fsin; fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a));
      else if (op == 1) __asm__ volatile("fcos; fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a));
      else if (op == 2) __asm__ volatile("f2xm1; fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a));
      else __asm__ volatile("fld1; fpatan; fnstsw %1" : "=t"(r), "=m"(sw) : "0"(a));
      cw = 0x037f; __asm__ volatile("fldcw %0" :: "m"(cw));
      struct r80 o; memcpy(&o, &r, 10);
      printf(" %04x:%016lx:%x", o.se, o.m, sw & 0x3ff);
    }
    printf("\\n");
  }
  return 0;
}
`;


/** "a/b+2^-k-2^-j" as [numerator, denominator] BigInts (the denominator a power of two). */
function parseX(s) {
  const terms = s.replace(/\s/g, '').match(/[+-]?(2\^-\d+|\d+(\/\d+)?)/g);
  let num = 0n, den = 1n;
  for (const t of terms) {
    const sign = t.startsWith('-') ? -1n : 1n;
    const body = t.replace(/^[+-]/, '');
    let n, d;
    const pw = body.match(/^2\^-(\d+)$/);
    if (pw) { n = 1n; d = 1n << BigInt(pw[1]); }
    else { const [a, b = '1'] = body.split('/'); n = BigInt(a); d = BigInt(b); }
    num = num * d + sign * n * den; den *= d;
  }
  return [num, den];
}

/** The 80-bit encoding (sign/exponent word, significand) of a positive dyadic rational. */
function encode([num, den]) {
  let e = 0;
  while (num >= den << BigInt(e + 1)) e++;
  while (num < den << BigInt(e)) e--;
  // significand = num / den * 2^(63 - e)
  const sh = 63 - e;
  const m = sh >= 0 ? (num << BigInt(sh)) / den : num / (den << BigInt(-sh));
  if ((sh >= 0 ? (num << BigInt(sh)) % den : num % (den << BigInt(-sh))) !== 0n) throw new Error(`${num}/${den} does not fit 64 bits`);
  return [(0x3fff + e).toString(16), m.toString(16)];
}

/** a (a Big) in units of 2^(k - 40) */
function units(b, k) { const sh = b.e - k + 40; const q = sh >= 0 ? b.m << BigInt(sh) : b.m >> BigInt(-sh); return b.s ? -q : q; }

/** Runs a window; returns { n, exact, lo, hi } (the band in ulps of the result). */
function window(op, x, n, step = 1) {
  const [se, m] = encode(x);
  const out = execFileSync(probeBinary('x87-table-probe', PROBE_C), [String(op), se, m, String(n), String(step)], { maxBuffer: 1 << 28 }).toString();
  let exact = 0, lo = -Infinity, hi = Infinity, count = 0;
  for (const line of out.split('\n')) {
    if (!line) continue;
    const t = line.split(' ');
    const xb = fromF80(reg(t[0]));
    const [rn, rd, ru] = t.slice(1).map((s) => fromF80(reg(s.slice(0, s.lastIndexOf(':')))));
    const v = exactOf(op, xb);
    const k = bigExp(rd) - 63;
    if (bigExp(ru) !== bigExp(rd) || bigExp(v) !== bigExp(rd)) continue;
    count++;
    const V = units(v, k);
    let D = units(rd, k), U = units(ru, k);
    if (D > U) [D, U] = [U, D];
    let a, b;
    if (D === U) { a = b = D; exact++; }
    else { const mid = (D + U) / 2n; if (units(rn, k) === D) { a = D; b = mid; } else { a = mid; b = U; } }
    lo = Math.max(lo, Number(a - V) / 2 ** 40);
    hi = Math.min(hi, Number(b - V) / 2 ** 40);
  }
  return { n: count, exact, lo, hi };
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === 'window') {
  const [op, xs, n, step = '1'] = args;
  const w = window(Number(op), parseX(xs), Number(n), Number(step));
  console.log(`${xs}: ${w.n} operands, ${w.exact} results 64-bit under all roundings` +
    (w.exact ? ` (1/${(w.n / w.exact).toFixed(1)})` : '') +
    `; constant error would need [${w.lo.toFixed(4)}, ${w.hi.toFixed(4)}] ulp, width ${(w.lo - w.hi).toFixed(4)}`);
} else if (cmd === 'table') {
  const op = Number(args[0] ?? 0);
  for (const [a, lb] of [[9n, 5], [11n, 5], [13n, 5], [15n, 5], [9n, 4], [11n, 4]]) {
    // the window t + 2^-20 + k ulps: r is tiny, the result is the table's value
    const w = window(op, [(a << 20n) + (1n << BigInt(lb)), 1n << BigInt(lb + 20)], 3000);
    // the exact sin t or cos t rounded to nearest at 66, 67, 68 bits, minus the exact value
    const v = trigExact(big(0, a, -lb), op);
    const k = bigExp(v) - 63, V = units(v, k);
    const errs = [66, 67, 68].map((p) => {
      const n = v.m.toString(2).length, drop = BigInt(n - p);
      let m = v.m >> drop;
      const rem = v.m - (m << drop), half = 1n << (drop - 1n);
      if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
      return `${p}: ${(Number(units(big(0, m, v.e + n - p), k) - V) / 2 ** 40).toFixed(4)}`;
    });
    console.log(`t = ${a}/${1 << lb}: the hardware's value at t + 2^-20 errs by [${w.lo.toFixed(4)}, ${w.hi.toFixed(4)}] ulp;` +
      ` ${op ? 'cos' : 'sin'} t rounded at ${errs.join(', ')}`);
  }
} else {
  console.error('usage: x87-table-probe.mjs window OP X N [STEP] | table OP');
  process.exit(2);
}
