// Building the C test programs of one test area (tests/native/AREA/NAME.c) with
// gcc -static and musl-gcc -static, cached by modification time.
import { spawn, spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

/** The two static builds most differential tests compare. */
export const STATIC_VARIANTS = { glibc: { cc: 'gcc', flags: ['-static'] }, musl: { cc: 'musl-gcc', flags: ['-static'] } };

/** For each variant: null when its compiler runs, else the reason the variant is skipped. */
export function compilersMissing(variants = STATIC_VARIANTS) {
  const why = {};
  for (const [v, { cc }] of Object.entries(variants)) {
    const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
    why[v] = r.error || r.status !== 0 ? `${cc} not found: ${v} variant skipped` : null;
  }
  return why;
}

/**
 * Build srcDir/NAME.c for a variant into outDir/VARIANT/NAME unless that binary is newer
 * than the source; returns the binary path. Throws with the compiler's output on failure.
 */
export function buildC(srcDir, outDir, name, variant, variants = STATIC_VARIANTS) {
  const src = path.join(srcDir, `${name}.c`);
  const out = path.join(outDir, variant, name);
  try {
    if (fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return out;
  } catch { /* not built yet */ }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp${process.pid}`;
  const { cc, flags } = variants[variant];
  const r = spawnSync(cc, [...flags, '-O2', '-w', '-o', tmp, src], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cc} ${name}.c failed:\n${r.stderr ?? r.error}`);
  fs.renameSync(tmp, out);
  return out;
}

/**
 * Run cmd with args (stdin closed, env PATH and LC_ALL=C only) and collect its output:
 * { stdout, stderr, status, signal }. stdout is a Buffer, or a string in `encoding`.
 */
export function runCaptured(cmd, args, encoding = null) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, LC_ALL: 'C' } });
    const out = [], err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', reject);
    p.on('close', (status, signal) => {
      const stdout = Buffer.concat(out);
      resolve({ stdout: encoding ? stdout.toString(encoding) : stdout, stderr: Buffer.concat(err).toString(), status, signal });
    });
  });
}

/**
 * Assert that a native run and an x64vm run printed the same lines and ended the same
 * way; on failure show how many lines differ and the first `show` of them. With
 * `heading` (a RegExp), each shown line names the nearest earlier native line matching
 * it, to help find the instruction.
 */
export function assertSameLines(name, native, vm, { show = 12, heading = null } = {}) {
  if (native.stdout.equals(vm.stdout) && native.status === vm.status && native.signal === vm.signal) return;
  const a = native.stdout.toString().split('\n'), b = vm.stdout.toString().split('\n');
  const diffs = [];
  let mismatches = 0;
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] === b[k]) continue;
    mismatches++;
    if (diffs.length >= show) continue;
    let where = '';
    if (heading) {
      let head = k;
      while (head > 0 && !heading.test(a[head])) head--;
      where = ` (after "${a[head]?.slice(0, 40)}")`;
    }
    diffs.push(`line ${k + 1}${where}:\n  hardware: ${a[k] ?? '<missing>'}\n  x64vm:    ${b[k] ?? '<missing>'}`);
  }
  assert.fail(`${name}: ${mismatches} of ${a.length} lines differ; native exit ${native.status}/${native.signal}, ` +
    `x64vm exit ${vm.status}/${vm.signal}\n${diffs.join('\n')}\nx64vm stderr: ${vm.stderr.slice(0, 2000)}`);
}
