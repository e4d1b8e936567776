// Forms no other differential tester runs on their own (tests/native/conformance/*.c):
// register forms of the SSE moves in both encodings, the REX.W memory forms of movq and
// pinsrw, movmskps/pd, stmxcsr, the shuffles and compares by predicate on registers,
// (u)comis and the scalar integer conversions in every size and register/memory kind.
// Each program runs natively and under x64vm; the outputs must be identical.
//
// Conformance report (tests/conformance/report.mjs): lines are "@unit input input ...",
// the unit a pair of labels around the instruction(s) under test; the inputs and
// mismatching inputs of each unit go to .cache/conformance/forms-PROG.jsonl and the
// report decodes the labelled bytes. X64VM_CONFORMANCE_RAND=N sets the random inputs
// per unit (default 200; the report's --full uses 1000).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordUnits } from './record.mjs';
import { runCaptured } from '../lib/native-build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(REPO, 'tests', 'native', 'conformance');
const CACHE = path.join(REPO, '.cache', 'conformance-bin');
const X64VM = path.join(REPO, 'bin', 'x64vm');
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';
const RAND = String(Number(process.env.X64VM_CONFORMANCE_RAND ?? 200) | 0);
const PROGS = [['simd', 'SSE/SSE2/MMX forms the other testers leave out, SSE2 ops and moves at the full amount']];
// the SSE3/SSE4/AES units run only where the host CPU has those extensions
const HOST_FLAGS = (() => { try { return new Set((/^flags\s*:(.*)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '').trim().split(/\s+/)); } catch { return new Set(); } })();
const SSE4_NEEDS = ['pni', 'sse4_1', 'sse4_2', 'aes'];

const haveCompiler = (cc) => spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0;
const CC = HOST_OK ? ['musl-gcc', 'gcc'].find(haveCompiler) : undefined;

function build(prog) {
  const src = path.join(SRC, `${prog}.c`);
  const out = path.join(CACHE, `${prog}-${CC}`);
  if (fs.existsSync(out) && fs.statSync(src).mtimeMs <= fs.statSync(out).mtimeMs) return out;
  fs.mkdirSync(CACHE, { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  const r = spawnSync(CC, ['-static', '-O2', '-Wall', '-o', tmp, src], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${CC} ${prog}.c failed:\n${r.stderr}`);
  fs.renameSync(tmp, out);
  return out;
}

const run = (cmd, args) => runCaptured(cmd, args, 'utf8');

/** Per unit: inputs and mismatching inputs; a missing vm line or one of another unit
 * counts all its inputs as mismatches. */
function unitCounts(a, b) {
  const units = new Map();
  const diffs = [];
  for (let k = 0; k < a.length; k++) {
    if (a[k][0] !== '@') continue;
    const want = a[k].trim().split(' '), got = (b[k] ?? '').trim().split(' ');
    const name = want[0].slice(1);
    let u = units.get(name);
    if (!u) units.set(name, u = { unit: name, name, inputs: 0, mismatches: 0 });
    for (let j = 1; j < want.length; j++) {
      u.inputs++;
      if (got[0] === want[0] && got[j] === want[j]) continue;
      u.mismatches++;
      if (diffs.length < 12) diffs.push(`${name} input ${u.inputs}: hardware ${want[j]}, x64vm ${got[0] === want[0] ? got[j] : `<line ${k + 1}: ${(b[k] ?? 'missing').slice(0, 40)}>`}`);
    }
  }
  return { units: [...units.values()], diffs };
}

describe('conformance forms', () => {
  for (const [prog, what] of PROGS) {
    test(`${prog}: ${what}`, async (t) => {
      if (!HOST_OK) { t.skip('needs an x86-64 Linux host to compare with the hardware'); return; }
      if (!CC) { t.skip('neither musl-gcc nor gcc is installed'); return; }
      const exe = build(prog);
      const lacks = SSE4_NEEDS.filter((f) => !HOST_FLAGS.has(f));
      if (lacks.length) t.diagnostic(`the host CPU lacks ${lacks.join(', ')}: the SSE3/SSE4/AES units are not run`);
      const args = lacks.length ? [RAND] : [RAND, 'sse4'];
      const [native, vm] = await Promise.all([run(exe, args), run(process.execPath, [X64VM, exe, ...args])]);
      assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
      const a = native.stdout.split('\n'), b = vm.stdout.split('\n');
      const { units, diffs } = unitCounts(a, b);
      assert.ok(units.length > 0, 'the native run printed no units');
      recordUnits(`forms-${prog}.jsonl`, { tester: `forms ${prog} (${CC})`, binary: exe }, units);
      const inputs = units.reduce((n, u) => n + u.inputs, 0), bad = units.reduce((n, u) => n + u.mismatches, 0);
      t.diagnostic(`${units.length} units, ${inputs} inputs compared, ${bad} mismatching`);
      assert.equal(bad, 0, `${bad} of ${inputs} inputs differ from the hardware:\n${diffs.join('\n')}\nx64vm stderr: ${vm.stderr.slice(0, 500)}`);
      assert.equal(vm.stdout, native.stdout, 'the whole output (also outside the units) is identical');
      assert.equal(vm.status, native.status, 'exit status');
    });
  }
});
