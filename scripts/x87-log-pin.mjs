#!/usr/bin/env node
// Pins the 67-bit logarithm that the host's fyl2x/fyl2xp1 compute before multiplying by y
// (docs/X87-TRANSCENDENTALS.md 4.5) and compares it with x64vm's model (log2Hw,
// log2p1Hw of dist/cpu/f80-trans.js: build first, npx tsc -p . && node scripts/bundle.mjs).
// Needs gcc and an x86-64 host; the probe program is compiled into .cache/ (gitignored).
//
//   node scripts/x87-log-pin.mjs random OP E0 E1 N [SEED]
//     N random operands u = +-m 2^e, E0 <= e <= E1: fyl2xp1 of u (OP 1) or fyl2x of 1 + u
//     (OP 0; u > -1/2, cut to 64 bits)
//   node scripts/x87-log-pin.mjs x OP SE:MANT ...
//     the given operands (80-bit hex, as x87_trans prints them)
//   node scripts/x87-log-pin.mjs file OP PATH
//     the operands listed in PATH (SE:MANT, separated by white space)
//
// Each x runs with y = 1 and ten random y in [1, 2), under the four roundings. Of the values
// L on the 67-bit grid within 24 units of the model's, those whose y L rounds to all 44
// results are kept; one is left for ~95% of operands. Prints, per operand, the pinned L's
// offset from the model in units of its 67th bit (0: the model is right), then a summary.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { F80, probeBinary, reg, trans } from './x87-probe-lib.mjs';

const { Big, fromF80, log2Hw, log2p1Hw, bigMul, bigExp, roundTo80 } = trans;

const PROBE_C = `
#include <stdio.h>
#include <string.h>
typedef unsigned long u64; typedef unsigned short u16;
struct __attribute__((packed)) r80 { u64 m; u16 se; };
/* stdin: OP XSE XM YSE YM (hex; OP 0 fyl2x, 1 fyl2xp1); out: per rounding 0..3, se:m */
int main(void) {
  unsigned op, xse, yse; u64 xm, ym;
  while (scanf("%x %x %lx %x %lx", &op, &xse, &xm, &yse, &ym) == 5) {
    struct r80 x = { xm, (u16)xse }, y = { ym, (u16)yse };
    for (int rc = 0; rc < 4; rc++) {
      u16 cw = (u16)(0x037f | rc << 10);
      long double a, b, r;
      memcpy(&a, &x, 10); memcpy(&b, &y, 10);
      __asm__ volatile("fnclex; fldcw %0" :: "m"(cw));
      if (op == 0) __asm__ volatile("fyl2x" : "=t"(r) : "0"(a), "u"(b) : "st(1)");
      else __asm__ volatile("fyl2xp1" : "=t"(r) : "0"(a), "u"(b) : "st(1)");
      cw = 0x037f; __asm__ volatile("fldcw %0" :: "m"(cw));
      struct r80 o; memcpy(&o, &r, 10);
      printf("%04x:%016lx ", o.se, o.m);
    }
    printf("\\n");
  }
  return 0;
}
`;


const same = (a, b) => a.sign === b.sign && a.exp === b.exp && a.hi === b.hi && a.lo === b.lo;

let rs = 0x9e3779b97f4a7c15n;
function rnd64() { rs ^= rs >> 12n; rs ^= (rs << 25n) & 0xffffffffffffffffn; rs ^= rs >> 27n; return (rs * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn; }
const hex = (m) => m.toString(16).padStart(16, '0');

const [cmd, opArg, ...rest] = process.argv.slice(2);
const op = Number(opArg);
const xs = [];
if (cmd === 'random') {
  const [e0, e1, n, seed = '1'] = rest.map(Number);
  rs ^= BigInt(seed) * 0x632be59bd9b4e019n;
  for (let i = 0; i < n; i++) {
    const e = e0 + Number(rnd64() % BigInt(e1 - e0 + 1)), neg = rnd64() & 1n;
    const m = (1n << 63n) | (rnd64() >> 1n);
    if (op === 1) xs.push(`${((neg ? 0x8000 : 0) | (0x3fff + e)).toString(16)}:${hex(m)}`);
    else {
      // 1 + u or 1 - u, u = m 2^(e-63), cut to the 64 bits of [1, 2) or [1/2, 1)
      const sh = BigInt(-e);
      if (neg) xs.push(`3ffe:${hex((1n << 64n) - ((m << 1n) >> sh))}`);
      else xs.push(`3fff:${hex((1n << 63n) | (m >> sh))}`);
    }
  }
} else if (cmd === 'x') xs.push(...rest);
else if (cmd === 'file') xs.push(...readFileSync(rest[0], 'utf8').split(/\s+/).filter(Boolean));
else { console.error('usage: x87-log-pin.mjs random OP E0 E1 N [SEED] | x OP SE:MANT ... | file OP PATH'); process.exit(2); }

const ys = [`3fff:8000000000000000`];
for (let i = 0; i < 10; i++) ys.push(`3fff:${hex((1n << 63n) | (rnd64() >> 1n))}`);
const input = xs.flatMap((x) => ys.map((y) => `${op} ${x.replace(':', ' ')} ${y.replace(':', ' ')}`)).join('\n') + '\n';
const out = execFileSync(probeBinary('x87-log-probe', PROBE_C), { input, maxBuffer: 1 << 28 }).toString().split('\n');

const hist = new Map();
let pinned = 0;
const o = new F80();
xs.forEach((x, i) => {
  const X = fromF80(reg(x));
  const model = op === 1 ? log2p1Hw(X) : log2Hw(X);
  if (model.m === 0n) { console.log(`${x} (logarithm 0)`); return; }
  const E = bigExp(model) - 66;
  const sh = model.e - E;
  const k0 = sh >= 0 ? model.m << BigInt(sh) : model.m >> BigInt(-sh);
  const fits = [];
  for (let j = -24; j <= 24; j++) {
    const L = new Big(model.s, k0 + BigInt(j), E);
    let ok = true;
    for (let a = 0; a < ys.length && ok; a++) {
      const res = out[i * ys.length + a].trim().split(' ');
      const P = bigMul(fromF80(reg(ys[a])), L);
      for (let rc = 0; rc < 4 && ok; rc++) { roundTo80(P, rc, o, false, false); ok = same(o, reg(res[rc])); }
    }
    if (ok) fits.push(model.s ? -j : j); // offset of |L| from |model|
  }
  if (fits.length === 1) { pinned++; hist.set(fits[0], (hist.get(fits[0]) ?? 0) + 1); }
  console.log(`${x} ${fits.length === 1 ? fits[0] : `[${fits.join(' ')}]`}`);
});
const right = hist.get(0) ?? 0;
console.log(`# ${xs.length} operands, ${pinned} pinned to one 67-bit value; the model gives ${right} of them` +
  ` (${pinned ? ((100 * right) / pinned).toFixed(1) : 0}%); offsets ${[...hist].sort((a, b) => a[0] - b[0]).map(([k, v]) => `${k}:${v}`).join(' ')}`);
