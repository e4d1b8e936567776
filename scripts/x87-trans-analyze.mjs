// Analysis of the hardware's x87 transcendental results (tests/native/x87/x87_trans.c
// output, native): for each case with finite normal operands and a finite normal inexact
// result, the interval that the hardware's internal (unrounded) value must lie in, given
// the delivered result, C1 and the rounding control, expressed as the internal error
// (internal - exact) in ulps of the result. Cases near a rounding boundary bound the
// error tightly on one side; a model of the internal error must fit inside every interval.
//
// usage: node scripts/x87-trans-analyze.mjs NATIVE_OUTPUT [NAME] > cases.jsonl
// (build first: npx tsc -p .; the sweep: .cache/x87/x87_trans SEED COUNT > NATIVE_OUTPUT)
// Each output line: {name, i, rc, sign, lo, hi, f: {features}} with lo/hi in ulps.

import fs from 'node:fs';
import { fromF80, trig, atan2Hw, log2Hw, log2p1Hw, lowerBy, trigExact, atan2, log2, log2p1, exp2m1, bigMul, reduce, bigExp } from '../dist/cpu/f80-trans.js';
import { F80 } from '../dist/cpu/f80.js';

const [file, only] = process.argv.slice(2);
const lines = fs.readFileSync(file, 'utf8').split('\n');

function reg(s) {
  const [se, m] = s.split(':');
  const v = new F80();
  const w = parseInt(se, 16);
  v.sign = w >> 15; v.exp = w & 0x7fff;
  v.hi = parseInt(m.slice(0, 8), 16) >>> 0; v.lo = parseInt(m.slice(8), 16) >>> 0;
  return v;
}
const normal = (v) => v.exp >= 1 && v.exp <= 0x7ffe && (v.hi & 0x80000000) !== 0;

/** |b| as a float multiple of 2^k, from a Big (s, m, e). */
function inUnits(b, k) {
  // m * 2^(e - k), with 40 fraction bits kept exactly as a BigInt first
  const sh = b.e - k + 40;
  const q = sh >= 0 ? b.m << BigInt(sh) : b.m >> BigInt(-sh);
  return q;
}
const FR = 40n;

function exactOf(name, x, y) {
  const X = fromF80(x);
  switch (name) {
    case 'fsin': return trigExact(X, 0);
    case 'fcos': return trigExact(X, 1);
    case 'fptan': return trigExact(X, 2);
    case 'fpatan': return atan2(fromF80(y), X);
    case 'f2xm1': return exp2m1(X);
    case 'fyl2x': return bigMul(fromF80(y), log2(X));
    case 'fyl2xp1': return bigMul(fromF80(y), log2p1(X));
  }
  return null;
}

function curOf(name, x, y) {
  const X = fromF80(x);
  switch (name) {
    case 'fsin': return trig(X, 0);
    case 'fcos': return trig(X, 1);
    case 'fptan': return trig(X, 2);
    case 'fpatan': return atan2Hw(fromF80(y), X);
    case 'f2xm1': return x.exp < 0x3fff - 2 ? lowerBy(exp2m1(X), 26) : exp2m1(X);
    case 'fyl2x': return bigMul(fromF80(y), log2Hw(X));
    case 'fyl2xp1': return bigMul(fromF80(y), log2p1Hw(X));
  }
  return null;
}

for (const line of lines) {
  if (!line) continue;
  const t = line.split(' ');
  const name = t[0];
  if (only && name !== only) continue;
  if (name === 'fsincos') continue;
  const cw = parseInt(t[2], 16), sw = parseInt(t[6], 16);
  const x = reg(t[3]), y = reg(t[4]);
  const tw = parseInt(t[7], 16);
  if (!normal(x)) continue;
  if (['fpatan', 'fyl2x', 'fyl2xp1'].includes(name) && !normal(y)) continue;
  // stack faults and unmasked exceptions other than PE leave nothing to compare
  if (sw & 0x5f) { if (sw & 0x1f) continue; }
  if (sw & 0x40) continue;
  if (sw & 0x400) continue; // C2: out of range
  const res = reg(name === 'fptan' ? t[9] : t[8]);
  if (!normal(res)) continue;
  if (name.startsWith('f') && ['fsin', 'fcos', 'fptan'].includes(name) && x.exp < 0x3fff - 68) continue;
  if (name === 'f2xm1' && x.exp >= 0x3fff) continue;
  if (name === 'fyl2x' && x.sign) continue;
  if (name === 'fyl2xp1' && x.exp >= 0x3ffd + 1) continue;
  const v = exactOf(name, x, y);
  if (!v || v.m === 0n) continue;
  const H = fromF80(res);
  if (H.s !== v.s) continue;
  const k = bigExp(H) - 63; // the ulp of the result
  if (bigExp(v) !== bigExp(H)) continue; // across a binade: skip
  const V = inUnits(v, k), Hu = inUnits(H, k);
  const rc = (cw >> 10) & 3;
  const c1 = (sw & 0x200) !== 0;
  const one = 1n << FR, half = one >> 1n;
  let lo, hi;
  const magUp = (rc === 2 && !v.s) || (rc === 1 && v.s);
  // the bounds' strictness: a value on a midpoint rounds to even, one on a representable
  // number is delivered unchanged with C1 clear
  const even = (Hu >> FR) % 2n === 0n;
  let loS, hiS;
  if (rc === 0) {
    if (c1) { lo = Hu - half; hi = Hu; loS = !even; hiS = true; } else { lo = Hu; hi = Hu + half; loS = false; hiS = !even; }
  } else if (magUp) { if (c1) { lo = Hu - one; hi = Hu; loS = hiS = true; } else { lo = Hu; hi = Hu; loS = hiS = false; } }
  else { lo = Hu; hi = Hu + one; loS = false; hiS = true; }
  const toUlp = (q) => Number(q - V) / 2 ** 40;
  const f = {};
  if (['fsin', 'fcos', 'fptan'].includes(name)) {
    const [r, q] = reduce(fromF80(x));
    f.q = q; f.er = bigExp(r); f.rs = r.s;
    f.r = Number(r.m) * 2 ** r.e * (r.s ? -1 : 1);
    // |r| - |exact| in ulps (tan and sin of small r are nearly r)
    if (bigExp(r) === bigExp(v)) f.dr = Number(inUnits(r, k) - V) / 2 ** 40;
  } else if (name === 'fpatan') {
    f.xs = x.sign; f.ys = y.sign; f.ex = x.exp - 0x3fff; f.ey = y.exp - 0x3fff;
    const tt = Number(BigInt(y.hi) * 2n ** 32n + BigInt(y.lo)) / Number(BigInt(x.hi) * 2n ** 32n + BigInt(x.lo)) * 2 ** (y.exp - x.exp);
    f.t = tt;
  } else {
    f.ex = x.exp - 0x3fff; f.xs = x.sign;
    f.x = Number(BigInt(x.hi) * 2n ** 32n + BigInt(x.lo)) * 2 ** (x.exp - 0x3fff - 63) * (x.sign ? -1 : 1);
    if (name !== 'f2xm1') {
      f.ey = y.exp - 0x3fff; f.ys = y.sign;
      // the logarithm: its exponent and significand in [1, 2), and the product's significand
      // (the product's error in its ulps times mL / mp is the logarithm's in its ulps)
      const L = name === 'fyl2x' ? log2(fromF80(x)) : log2p1(fromF80(x));
      if (L.m !== 0n) {
        f.eL = bigExp(L); f.sL = L.s;
        f.mL = Number(inUnits(L, f.eL - 63) >> FR) / 2 ** 63;
        f.mp = Number(V >> FR) / 2 ** 63;
        f.Lq = Number(inUnits(L, f.eL - 63) & ((1n << FR) - 1n)) / 2 ** 40; // its fraction of an ulp
        f.Lf = Number(L.m) * 2 ** L.e * (L.s ? -1 : 1);
      }
    }
  }
  f.ev = bigExp(v);
  f.vf = Number(V & ((1n << FR) - 1n)) / 2 ** 40; // the exact value's fraction of an ulp
  // the current model's value before rounding, relative to the exact one (ulps)
  const cur = curOf(name, x, y);
  if (cur && cur.m !== 0n) f.cur = Number(inUnits(cur, k) - V) / 2 ** 40;
  console.log(JSON.stringify({ name, i: +t[1], rc, s: v.s, c1, lo: toUlp(lo), hi: toUlp(hi), loS, hiS, f, line }));
}
