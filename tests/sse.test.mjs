// SSE/SSE2 conformance: C programs under tests/native/sse/ run natively and under
// x64vm; their outputs (result bit patterns, flags and MXCSR after each instruction,
// signals for faults) must be identical. Built with musl-gcc -static (every section)
// and gcc -static (a subset: the instructions do not depend on the libc, the glibc
// build checks that its startup and string routines also run).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordUnits, unitsByFirstWord } from './conformance/record.mjs';
import { runCaptured as run, assertSameLines } from './lib/native-build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'tests', 'native', 'sse');
const CACHE = path.join(REPO, '.cache', 'sse');
const X64VM = path.join(REPO, 'bin', 'x64vm');
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';

const COMPILERS = { musl: 'musl-gcc', glibc: 'gcc' };

function haveCompiler(cc) {
  return spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Build tests/native/sse/<prog>.c for a variant (once per source change); returns the path or throws. */
function build(prog, variant) {
  const out = path.join(CACHE, variant, prog);
  const src = path.join(SRC, `${prog}.c`);
  const deps = [src, path.join(SRC, 'common.h')];
  if (fs.existsSync(out) && deps.every((d) => fs.statSync(d).mtimeMs <= fs.statSync(out).mtimeMs)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(COMPILERS[variant], ['-static', '-O2', '-Wall', '-o', out, src, '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${COMPILERS[variant]} ${prog}.c failed:\n${r.stderr}`);
  return out;
}

/**
 * For the conformance report: per output line's first word (the programs start each
 * line with the instruction's name, sometimes with an r/m or size suffix), the lines
 * compared and how many differ. The report matches the words to mnemonics.
 */
function record(prog, args, variant, native, vm) {
  if (prog === 'libm') return; // libm's lines are function values, not instructions
  const tag = [prog, ...args.filter((x) => !/^[0-9]+$/.test(x)), variant].join('-');
  recordUnits(`sse-${tag}.jsonl`, { tester: `sse ${[prog, ...args].join(' ')} (${variant})`, mode: 'name',
    source: path.join(SRC, `${prog}.c`), cc: COMPILERS[variant], binary: path.join(CACHE, variant, prog) }, unitsByFirstWord(native.stdout, vm.stdout));
}

// [program, args, variants]
const SECTIONS = [
  ['fparith', ['ps'], ['musl', 'glibc']],
  ['fparith', ['pd'], ['musl']],
  ['fparith', ['ss'], ['musl']],
  ['fparith', ['sd'], ['musl']],
  ['fparith', ['rand32', '600'], ['musl']],
  ['fparith', ['rand64', '600'], ['musl']],
  ['fpcvt', ['cmp'], ['musl']],
  ['fpcvt', ['comi'], ['musl', 'glibc']],
  ['fpcvt', ['cvtint'], ['musl']],
  ['fpcvt', ['cvtfp'], ['musl']],
  ['fpcvt', ['cvtpacked'], ['musl']],
  ['fpcvt', ['approx'], ['musl']],
  ['intops', ['bin'], ['musl', 'glibc']],
  ['intops', ['bytes'], ['musl']],
  ['intops', ['shift'], ['musl']],
  ['intops', ['shuf'], ['musl']],
  ['intops', ['move'], ['musl', 'glibc']],
  ['faults', [], ['musl', 'glibc']],
  ['libm', [], ['musl', 'glibc']],
];

// two at a time: each test runs the native program and x64vm side by side
describe('sse', { concurrency: 2 }, () => {
  for (const [prog, args, variants] of SECTIONS) {
    for (const variant of variants) {
      const name = `sse ${prog} ${args.join(' ')} (${variant})`.replace(/ +\(/, ' (');
      test(name, async (t) => {
        if (!HOST_OK) { t.skip('needs an x86-64 Linux host to compare with the hardware'); return; }
        if (!haveCompiler(COMPILERS[variant])) { t.skip(`${COMPILERS[variant]} not installed`); return; }
        const exe = build(prog, variant);
        const [native, vm] = await Promise.all([run(exe, args), run(process.execPath, [X64VM, exe, ...args])]);
        assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
        record(prog, args, variant, native, vm);
        assertSameLines(name, native, vm);
      });
    }
  }
});
