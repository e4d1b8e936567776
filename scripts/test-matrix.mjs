#!/usr/bin/env node
// npm run test:matrix: the whole test suite three ways, as issue 4 asks: the JIT at its
// default settings, off (--jit=off) and compiling every block at once
// (--jit-threshold=0). The options reach every x64vm the tests start through
// X64VM_OPTIONS (scripts/test-options.mjs). Builds once, runs the three suites one
// after the other, prints each suite's counts and time, and fails if any suite failed.
//
//   node scripts/test-matrix.mjs [default] [jit-off] [jit-0]     (default: all three)
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIGS = { default: '', 'jit-off': '--jit=off', 'jit-0': '--jit-threshold=0' };

const names = process.argv.slice(2);
for (const n of names) if (!(n in CONFIGS)) {
  process.stderr.write(`test-matrix: unknown configuration ${n} (${Object.keys(CONFIGS).join(', ')})\n`);
  process.exit(2);
}
const chosen = names.length ? names : Object.keys(CONFIGS);

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/** Run the suite with these x64vm options; resolves to its counts, echoing its output. */
function suite(options) {
  return new Promise((resolve) => {
    const env = { ...process.env };
    if (options) env.X64VM_OPTIONS = options; else delete env.X64VM_OPTIONS;
    const t0 = performance.now();
    const cp = spawn(process.execPath, ['--test', '--import', './scripts/test-options.mjs', '--test-concurrency=2', 'tests/'],
      { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
    const counts = {};
    let tail = '';
    cp.stdout.on('data', (d) => {
      process.stdout.write(d);
      const text = tail + d.toString();
      const lines = text.split('\n');
      tail = lines.pop();
      for (const l of lines) {
        const m = /^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$/.exec(l);
        if (m) counts[m[1]] = Number(m[2]);
      }
    });
    cp.on('close', (code, signal) => resolve({ code, signal, counts, seconds: (performance.now() - t0) / 1000 }));
  });
}

const results = [];
for (const name of chosen) {
  process.stdout.write(`\n=== test suite, ${name}${CONFIGS[name] ? ` (X64VM_OPTIONS=${CONFIGS[name]})` : ''}\n`);
  results.push([name, await suite(CONFIGS[name])]);
}
process.stdout.write('\n=== test matrix\n');
let bad = false;
for (const [name, r] of results) {
  const c = r.counts;
  const ok = r.code === 0;
  bad ||= !ok;
  process.stdout.write(`${name.padEnd(8)} ${ok ? 'ok  ' : 'FAIL'}  tests ${c.tests ?? '?'}, pass ${c.pass ?? '?'}, fail ${c.fail ?? '?'}, ` +
    `cancelled ${c.cancelled ?? '?'}, skipped ${c.skipped ?? '?'}, todo ${c.todo ?? '?'}  (${r.seconds.toFixed(0)} s)\n`);
}
process.exit(bad ? 1 : 0);
