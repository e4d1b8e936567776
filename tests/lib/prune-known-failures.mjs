#!/usr/bin/env node
// Shrinks tests/corpus-known-failures.txt after a run: reads `node --test` output on
// stdin, and for each "now passes: remove "NAME VARIANT"" line removes that case
// (a `NAME *` line is narrowed to the variants that still fail).
// usage: node --test tests/corpus.test.mjs tests/busybox.test.mjs | node tests/lib/prune-known-failures.mjs
import * as fs from 'node:fs';
import * as path from 'node:path';

const file = path.resolve(import.meta.dirname, '../corpus-known-failures.txt');
const input = fs.readFileSync(0, 'utf8');
const passing = new Set([...input.matchAll(/now passes: remove "([^"]+)"/g)].map((m) => m[1]));
const VARIANTS = ['glibc', 'static-pie', 'musl', 'isa'];
const out = [];
let removed = 0;
for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
  const m = /^(\S+) (\S+)(.*)$/.exec(line);
  if (!m || line.startsWith('#')) { out.push(line); continue; }
  const [, name, variant, rest] = m;
  if (passing.has(`${name} ${variant}`)) { removed++; continue; }
  if (variant === '*' && name !== 'busybox') {
    const still = VARIANTS.filter((v) => !passing.has(`${name} ${v}`));
    if (still.length === VARIANTS.length) { out.push(line); continue; }
    removed += VARIANTS.length - still.length;
    for (const v of still) out.push(`${name} ${v}${rest}`);
    continue;
  }
  out.push(line);
}
fs.writeFileSync(file, out.join('\n'));
console.log(`removed ${removed} case(s) from ${path.relative(process.cwd(), file)}`);
