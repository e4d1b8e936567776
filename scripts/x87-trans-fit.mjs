// Fits the error table of src/cpu/f80-trans.ts (ATAN_BIAS; the trigonometric functions'
// tables gave way to a model of the hardware's evaluation, docs/X87-TRANSCENDENTALS.md)
// from scripts/x87-trans-analyze.mjs output: per table entry,
// the offset (in 512ths of an ulp, added to the exact value's magnitude) that leaves the
// fewest of the hardware's results outside their bounds (the middle of the best run; 0
// when 0 is as good). Prints the tables as TypeScript and the violation counts.
//
// usage:
//   .cache/x87/x87_trans SEED 40000 fpatan > n.txt   (several seeds)
//   node scripts/x87-trans-analyze.mjs n.txt > cases.jsonl
//   node scripts/x87-trans-fit.mjs cases.jsonl [cases2.jsonl ...]
// Check a fit on a seed it was not fitted to: compare the x87_trans sweep's exact-match
// rates (native vs node bin/x64vm) for that seed before and after.

import fs from 'node:fs';

const cases = [];
for (const f of process.argv.slice(2)) {
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) if (l) cases.push(JSON.parse(l));
}

/** Is the internal value m (ulps from the exact value) consistent with case c's result? */
function inside(c, m) {
  if (m < c.lo || m > c.hi) return false;
  if (m === c.lo) return !c.loS;
  if (m === c.hi) return !c.hiS;
  return true;
}

/** Best offset (512ths) for the cases g, the base model's offset (ulps) given per case. */
function fit(g, base) {
  const viol = (b) => g.reduce((n, c) => n + (inside(c, base(c) + b) ? 0 : 1), 0);
  const v0 = viol(0);
  let best = v0, lo = 0, hi = 0;
  for (let i = -160; i <= 160; i++) {
    const v = viol(i / 512);
    if (v < best) { best = v; lo = hi = i; } else if (v === best && hi === i - 1 && best < v0) hi = i;
  }
  return { b: best === v0 ? 0 : Math.round((lo + hi) / 2), v0, v: best };
}

function table(name, filter, key, from, to, base = () => 0) {
  const groups = new Map();
  for (const c of cases) {
    if (!filter(c)) continue;
    const k = key(c);
    if (k < from || k > to) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(c);
  }
  const out = [];
  let v0 = 0, v = 0;
  for (let k = from; k <= to; k++) {
    const r = groups.has(k) ? fit(groups.get(k), base) : { b: 0, v0: 0, v: 0 };
    out.push(r.b); v0 += r.v0; v += r.v;
  }
  console.log(`// ${name}: ${v0} -> ${v} cases outside their bounds`);
  console.log(`const ${name} = [\n  ${out.join(', ').replace(/((?:-?\d+, ){20})/g, '$1\n  ').replace(/ \n/g, '\n')}\n];`);
}

// atan2: quotient u = min/max of |y|, |x|; 64ths of u from 4/64, then exponents -5 to -12
const atanKey = (c) => {
  const u = c.f.t > 1 ? 1 / c.f.t : c.f.t;
  const k = u >= 1 / 16 ? Math.floor(u * 64) - 4 : 61 + Math.min(7, -5 - Math.floor(Math.log2(u)));
  return (c.f.xs ? 138 : 0) + (c.f.t > 1 ? 69 : 0) + k;
};
table('ATAN_BIAS', (c) => c.name === 'fpatan', atanKey, 0, 275);
