// What the x87 probe scripts (x87-table-probe.mjs, x87-log-pin.mjs) share: the repository,
// x64vm's multi-precision and 80-bit modules from dist/ (build first: npx tsc -p . &&
// node scripts/bundle.mjs), compiling a probe program into .cache/ (gitignored), and
// reading the "SE:MANT" registers the probes print.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const trans = await import(path.join(REPO, 'dist/cpu/f80-trans.js'));
export const { F80 } = await import(path.join(REPO, 'dist/cpu/f80.js'));

/** .cache/NAME built from the C source (once; delete it to rebuild). */
export function probeBinary(name, source) {
  const dir = path.join(REPO, '.cache');
  const bin = path.join(dir, name);
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(bin + '.c', source);
    execFileSync('gcc', ['-O1', '-o', bin, bin + '.c']);
  }
  return bin;
}

/** An F80 from "SE:MANT" (16-bit sign/exponent word, 64-bit significand, in hex). */
export function reg(s) {
  const [se, m] = s.split(':');
  const w = parseInt(se, 16);
  return new F80(w >> 15, w & 0x7fff, parseInt(m.slice(0, 8), 16) >>> 0, parseInt(m.slice(8, 16), 16) >>> 0);
}
