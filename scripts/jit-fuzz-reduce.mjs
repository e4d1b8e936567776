// Shrinks a failing sequence of the JIT fuzzer (tests/jit-fuzz.test.mjs) to the fewest
// instructions that still give a different result natively and under x64vm, and prints
// it with every xmm register of both runs.
//
//   node scripts/jit-fuzz-reduce.mjs [--simd|--x87] [--faults] SEED BLOCKS BLOCK RUNS [X64VM OPTIONS...]
//   e.g. node scripts/jit-fuzz-reduce.mjs --simd 31 400 113 3 --jit-threshold=0
//
// BLOCK is the number before the dot of the first differing line ("113.0 ..."), RUNS the
// number of runs the failing test used (3 or 60). Needs gcc; works in .cache/jit-fuzz.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '../tests/native/jit/fuzzgen.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
let mode = 'int', faults = false;
while (/^--(simd|x87|faults)$/.test(argv[0] ?? '')) { const o = argv.shift(); if (o === '--faults') faults = true; else mode = o.slice(2); }
const [seed, blocks, block, runs] = argv.slice(0, 4).map(Number);
const options = argv.slice(4);
if (!(block >= 0 && runs > 0)) {
  process.stderr.write('usage: node scripts/jit-fuzz-reduce.mjs [--simd|--x87] [--faults] SEED BLOCKS BLOCK RUNS [X64VM OPTIONS...]\n');
  process.exit(2);
}
const dir = path.join(REPO, '.cache', 'jit-fuzz');
fs.mkdirSync(dir, { recursive: true });
const asmFile = path.join(dir, 'reduce.S'), bin = path.join(dir, 'reduce');

const lines = generate(seed, blocks, mode).split('\n');
const start = lines.indexOf(`blk_${block}:`);
if (start < 0) throw new Error(`no block ${block} in seed ${seed}`);
// the random sequence: after the prologue's last load (rdi) up to the epilogue's first store
const b0 = lines.findIndex((l, k) => k > start && l.startsWith('\tmov rdi, [rdi + ')) + 1;
const b1 = lines.findIndex((l, k) => k > b0 && /^\tmovdqu \[r15 - \d+\], xmm0$/.test(l));

/** [native line, x64vm line] of the block's runs, or null when either run failed */
function outputs(body, verbose = false) {
  fs.writeFileSync(asmFile, [...lines.slice(0, b0), ...body, ...lines.slice(b1)].join('\n'));
  const cc = spawnSync('gcc', ['-O1', '-static', '-o', bin, path.join(REPO, 'tests', 'native', 'jit', 'fuzz.c'), asmFile]);
  if (cc.status !== 0) return null;
  const args = [String(runs), String(block), String(block), `${faults ? 'f' : ''}${verbose ? 'v' : ''}`];
  const n = spawnSync(bin, args, { encoding: 'utf8', timeout: 20000 });
  const v = spawnSync(process.execPath, [path.join(REPO, 'bin', 'x64vm'), ...options, bin, ...args], { encoding: 'utf8', timeout: 60000 });
  if (n.status !== 0 || v.status !== 0 || !n.stdout || !v.stdout) return null;
  return [n.stdout, v.stdout];
}
const differs = (body) => { const o = outputs(body); return o !== null && o[0] !== o[1]; };

let body = lines.slice(b0, b1);
if (!differs(body)) { console.log(`seed ${seed} block ${block}: native and x64vm agree (${options.join(' ')})`); process.exit(1); }
// drop one instruction at a time while the results still differ; labels, the loop counter
// and its branch stay
const fixed = (l) => l.startsWith('.L') || l.includes('r14d') || l.includes('.Lb');
for (let changed = true; changed;) {
  changed = false;
  for (let k = 0; k < body.length; k++) {
    if (fixed(body[k])) continue;
    const cand = [...body.slice(0, k), ...body.slice(k + 1)];
    if (differs(cand)) { body = cand; changed = true; k--; }
  }
}
console.log(`seed ${seed} block ${block}, x64vm ${options.join(' ')}: this sequence still differs\n${body.join('\n')}\n`);
const [n, v] = outputs(body, true);
console.log(`native:\n${n}\nx64vm:\n${v}`);
