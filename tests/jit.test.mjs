// The JIT (src/jit): programs run natively and under x64vm with `--jit=on
// --jit-threshold=0` (every block is compiled the first time it runs, so compiled
// code and its exits to the interpreter are exercised everywhere); stdout, stderr,
// exit status and signal must match. Covers integer instructions and flags through
// region exits (tests/native/jit/alu.c), movs/stos with and without rep (strops.c),
// bt/bts/btr/btc (bitops.c), lock cmpxchg/xadd/alu and push/pop of memory (rmw.c),
// self-modifying code (smc.c), comiss/comisd after an unordered compare of a
// denormal (comi.c, found by tests/jit-fuzz.test.mjs), faults inside
// compiled code with the registers and flags the handler sees (fault.c), SIGALRM
// interrupting compiled loops (alarm.c), a selection of corpus programs, and the
// shape of the --stats report. The whole suite also runs with the JIT forced on:
//   X64VM_ARGS="--jit=on --jit-threshold=0" npm test

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildC } from './lib/native-build.mjs';
import {
  REPO, BASE_ENV, buildProgramAsync, compareRuns, hostUnsupported, makeLimiter, programInfo,
  programRunOptions, runNativeAsync, runX64vmAsync, variantUnavailable, x64vmUnavailable,
} from './lib/build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'jit');
const OUT = path.join(REPO, '.cache', 'jit');
const JIT = ['--jit=on', '--jit-threshold=0', '--stats'];
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();
const gccWhy = (() => {
  const r = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'gcc not found: JIT test programs skipped' : null;
})();
const skip = hostWhy ?? vmWhy ?? false;
const limit = makeLimiter(2);

/** NAME.c built with gcc -static into .cache (tests/lib/native-build.mjs). */
const build = (name) => buildC(SRC, OUT, name, 'glibc');

const STATS_RE = /^x64vm: stats: .*\n/gm;

/** Split the --stats lines off x64vm's stderr; returns the instructions run in JIT code. */
function takeStats(run) {
  const text = run.stderr.toString('latin1');
  const lines = text.match(STATS_RE) ?? [];
  run.stderr = Buffer.from(text.replace(STATS_RE, ''), 'latin1');
  const m = lines.join('').match(/instructions: (\d+) total, (\d+) interpreted, (\d+) in jit code/);
  return { lines, total: m ? Number(m[1]) : -1, jit: m ? Number(m[3]) : -1 };
}

describe('jit: targeted programs, native vs x64vm --jit=on --jit-threshold=0', { concurrency: 2 }, () => {
  for (const name of ['alu', 'intops', 'simdint', 'smc', 'fault', 'alarm', 'strops', 'bitops', 'rmw', 'comi']) {
    it(name, { skip: skip || gccWhy || false }, () => limit(async () => {
      const bin = build(name);
      const opts = { env: { ...BASE_ENV } };
      const native = await runNativeAsync(bin, opts);
      const emulated = await runX64vmAsync(bin, { ...opts, x64vmOptions: JIT });
      const st = takeStats(emulated);
      compareRuns(native, emulated, name);
      assert.ok(st.jit > 0, `${name}: no instruction ran in JIT code:\n${st.lines.join('')}`);
    }));
  }
});

// Integer-heavy corpus programs (the full corpus runs with X64VM_ARGS, see above).
const CORPUS = ['intmath', 'bittricks', 'hash_table', 'linked_list', 'sieve', 'sorting', 'sha256', 'recursion',
  'qsort_bsearch', 'lz_compress', 'forth', 'jit_code', 'sig_segv_recover', 'sig_alarm', 'exit_segv', 'stack_overflow'];

describe('jit: corpus programs with the JIT on', { concurrency: 2 }, () => {
  for (const name of CORPUS) {
    const why = skip || variantUnavailable('glibc') || false;
    it(`${name} glibc`, { skip: why }, () => limit(async () => {
      const bin = await buildProgramAsync(name, 'glibc');
      const opts = programRunOptions(programInfo(name));
      const native = await runNativeAsync(bin, opts);
      const emulated = await runX64vmAsync(bin, { ...opts, x64vmOptions: JIT });
      takeStats(emulated);
      compareRuns(native, emulated, name);
    }));
  }
});

describe('jit: --stats', () => {
  it('reports both tiers, regions and times on stderr', { skip: skip || gccWhy || false }, () => limit(async () => {
    const bin = build('alu');
    const native = await runNativeAsync(bin, { env: { ...BASE_ENV } });
    for (const [args, on] of [[['--jit=on', '--jit-threshold=50', '--stats'], true], [['--jit=off', '--stats'], false]]) {
      const r = await runX64vmAsync(bin, { env: { ...BASE_ENV }, x64vmOptions: args });
      assert.equal(r.status, 0);
      assert.deepEqual(r.stdout, native.stdout, 'stdout is not affected by --stats');
      const err = r.stderr.toString();
      const lines = err.split('\n').filter(Boolean);
      assert.equal(lines.length, 4, err);
      assert.match(lines[0], on ? /^x64vm: stats: jit on \(threshold 50\)$/ : /^x64vm: stats: jit off$/);
      const m = lines[1].match(/^x64vm: stats: instructions: (\d+) total, (\d+) interpreted, (\d+) in jit code \((\d+\.\d)%\)$/);
      assert.ok(m, lines[1]);
      assert.equal(Number(m[1]), Number(m[2]) + Number(m[3]));
      if (on) assert.ok(Number(m[3]) > 0, 'some instructions ran in JIT code'); else assert.equal(Number(m[3]), 0);
      const g = lines[2].match(/^x64vm: stats: regions: (\d+) compiled, (\d+) not compilable, (\d+) region calls, (\d+) wasm bytes$/);
      assert.ok(g, lines[2]);
      if (on) assert.ok(Number(g[1]) > 0); else assert.equal(Number(g[1]), 0);
      assert.match(lines[3], /^x64vm: stats: time: [\d.]+ ms total, [\d.]+ ms compiling, [\d.]+ ms in jit code, -?[\d.]+ ms interpreter and kernel$/);
    }
  }));

  it('rejects a bad threshold with one line', { skip: vmWhy || false }, () => {
    const r = spawnSync(process.execPath, [path.join(REPO, 'bin', 'x64vm'), '--jit-threshold=x', '/bin/true'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "x64vm: --jit-threshold wants a number, got 'x'\n");
  });
});

// SSE/SSE2 floating point in compiled regions (src/jit/sse.ts): tests/native/jit/fp.c
// calls every operation in a function of its own right after setting MXCSR, so with
// --jit-threshold=0 the operation runs compiled (and leaves to the interpreter for
// NaN, denormal, tiny, overflowing and directed-rounding cases). It prints one hash
// per operation and MXCSR setting over all results and MXCSR values (run it with
// argument `v` for every line).
describe('jit: SSE floating point in compiled code (fp.c), native vs x64vm --jit-threshold=0', () => {
  it('fp', { skip: skip || gccWhy || false }, () => limit(async () => {
    const bin = build('fp');
    const opts = { env: { ...BASE_ENV } };
    const native = await runNativeAsync(bin, opts);
    const emulated = await runX64vmAsync(bin, { ...opts, x64vmOptions: JIT });
    const st = takeStats(emulated);
    compareRuns(native, emulated, 'fp');
    const lines = native.stdout.toString().split('\n').filter(Boolean);
    assert.ok(lines.length > 300, `fp printed ${lines.length} lines`);
    assert.ok(st.jit > 1000000, `fp: too little ran in JIT code:\n${st.lines.join('')}`);
  }));
});
