// Program-level differential tests: every C program in tests/programs, built
// four ways (glibc static, glibc static-pie, musl static, and glibc static at -O3
// for the claimed ISA: x86-64-v2, BMI1/2, ...; see tests/lib/build.mjs), is run natively
// and under x64vm with the same arguments, stdin and environment; stdout and
// stderr bytes, exit status and terminating signal must be identical.
//
// Entries in tests/corpus-known-failures.txt (`name variant` or `name *`) run
// as node:test TODO tests: they are reported but do not fail the run.
// X64VM_SELFTEST=1 runs the "x64vm" side natively (harness and determinism
// check; the known-failure list is ignored then). See tests/lib/build.mjs.

import { test, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  JOBS, ONLY, SELFTEST, VARIANTS, KNOWN_FAILURES_FILE, REPO,
  buildProgramAsync, compareRuns, hostUnsupported, listPrograms, loadKnownFailures,
  makeLimiter, programRunOptions, TODO_TIMEOUT_MS, runNativeAsync, runX64vmAsync, variantUnavailable,
  x64vmUnavailable,
} from './lib/build.mjs';
import path from 'node:path';

const programs = listPrograms();
const knownFailure = loadKnownFailures();
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();

const cases = [];
for (const p of programs) {
  for (const v of VARIANTS) {
    if (!p.header.variants.includes(v)) continue;
    const name = `${p.name} ${v}`;
    if (ONLY && !ONLY.test(name)) continue;
    cases.push({ program: p, variant: v, name });
  }
}

// Build everything first (in parallel), as a real test: a program that does
// not compile is a harness bug and must fail even if the case is a known
// failure under x64vm.
test('corpus: build programs', { skip: hostWhy ?? false }, async (t) => {
  if (SELFTEST) t.diagnostic('X64VM_SELFTEST=1: the x64vm side runs natively; known failures ignored');
  if (vmWhy) t.diagnostic(`${vmWhy}: comparisons will be skipped`);
  const limit = makeLimiter(JOBS);
  const failures = [];
  const skipped = new Set();
  await Promise.all(cases.map((c) => limit(async () => {
    const why = variantUnavailable(c.variant);
    if (why) { skipped.add(why); return; }
    try {
      await buildProgramAsync(c.program.name, c.variant);
    } catch (e) {
      failures.push(e.message);
    }
  })));
  for (const why of skipped) t.diagnostic(why);
  assert.deepEqual(failures, [], failures.join('\n\n'));
});

describe('corpus: native vs x64vm', { concurrency: JOBS }, () => {
  for (const c of cases) {
    const skip = hostWhy ?? variantUnavailable(c.variant) ?? vmWhy ?? false;
    const todo = skip ? false : (knownFailure(c.program.name, c.variant) ?? false);
    it(c.name, { skip, todo }, async (t) => {
      const bin = await buildProgramAsync(c.program.name, c.variant);
      const opts = programRunOptions(c.program);
      const native = await runNativeAsync(bin, opts);
      const emulated = await runX64vmAsync(bin, todo ? { ...opts, timeout: Math.min(opts.timeout, TODO_TIMEOUT_MS) } : opts);
      compareRuns(native, emulated, c.name);
      if (todo) {
        t.diagnostic(`now passes: remove "${c.program.name} ${c.variant}" (or narrow "${c.program.name} *") ` +
          `from ${path.relative(REPO, KNOWN_FAILURES_FILE)}`);
      }
    });
  }
});
