// MMX conformance: tests/native/mmx/mmx.c runs natively and under x64vm; the outputs
// (every MMX instruction over many operand values in register and memory forms, the
// conversions under each MXCSR rounding mode, the x87 status/tag words and register
// images after MMX instructions and emms, pending-#MF and memory-fault behaviour with
// the state in the signal frame) must be identical. Also: CPUID claims MMX.
//
// Conformance report (tests/conformance/report.mjs): the bin, shift, misc and cvt lines
// are "@unit input input ...", the unit a pair of labels around the instruction(s)
// under test in mmx.c; each section records its units' inputs and mismatching inputs
// (.cache/conformance/mmx-SECTION.jsonl) and the report decodes the labelled bytes.
// X64VM_MMX_RAND=N sets the random inputs per unit (default 120; the report's --full
// uses 1000).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordUnits } from './conformance/record.mjs';
import { runCaptured as run, assertSameLines } from './lib/native-build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'tests', 'native', 'mmx', 'mmx.c');
const CACHE = path.join(REPO, '.cache', 'mmx');
const X64VM = path.join(REPO, 'bin', 'x64vm');
const RAND = String(Number(process.env.X64VM_MMX_RAND ?? 120) | 0);
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';

function haveCompiler(cc) {
  return spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0;
}
const CC = ['musl-gcc', 'gcc'].find(haveCompiler);

function build() {
  const out = path.join(CACHE, `mmx-${CC}`);
  if (fs.existsSync(out) && fs.statSync(SRC).mtimeMs <= fs.statSync(out).mtimeMs) return out;
  fs.mkdirSync(CACHE, { recursive: true });
  const r = spawnSync(CC, ['-static', '-O2', '-Wall', '-Wno-unused-function', '-Wno-strict-aliasing', '-o', out, SRC], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${CC} mmx.c failed:\n${r.stderr}`);
  return out;
}


/** Inputs and mismatching inputs per unit ("@unit tok tok ..." lines); vm lines that
 * are missing or name another unit count all their tokens as mismatches. */
function unitCounts(native, vm) {
  const a = native.stdout.toString().split('\n'), b = vm.stdout.toString().split('\n');
  const units = new Map();
  for (let k = 0; k < a.length; k++) {
    if (a[k][0] !== '@') continue;
    const want = a[k].trim().split(' '), got = (b[k] ?? '').trim().split(' ');
    const name = want[0].slice(1);
    let u = units.get(name);
    if (!u) units.set(name, u = { unit: name, name, inputs: 0, mismatches: 0 });
    const sameUnit = got[0] === want[0];
    for (let j = 1; j < want.length; j++) {
      u.inputs++;
      if (!sameUnit || got[j] !== want[j]) u.mismatches++;
    }
  }
  return [...units.values()];
}


const SECTIONS = [
  ['bin', 'packed arithmetic, logic, compares, packs, unpacks (register and memory sources)'],
  ['shift', 'shifts by register, memory and immediate counts'],
  ['misc', 'movd/movq, pshufw, pinsrw/pextrw, pmovmskb, maskmovq, movntq, movq2dq/movdq2q'],
  ['cvt', 'cvtpi2ps/cvtpi2pd/cvt(t)ps2pi/cvt(t)pd2pi under each rounding mode'],
  ['state', 'x87 status and tag words, register images after MMX and emms'],
  ['faults', 'pending #MF, memory faults, #XM: the state in the signal frame'],
];

describe('mmx', { concurrency: 2 }, () => {
  for (const [section, what] of SECTIONS) {
    test(`mmx ${section}: ${what}`, async (t) => {
      if (!HOST_OK) { t.skip('needs an x86-64 Linux host to compare with the hardware'); return; }
      if (!CC) { t.skip('neither musl-gcc nor gcc is installed'); return; }
      const exe = build();
      const [native, vm] = await Promise.all([run(exe, [section, RAND]), run(process.execPath, [X64VM, exe, section, RAND])]);
      assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
      assert.ok(native.stdout.length > 0, 'native run printed nothing');
      const units = unitCounts(native, vm);
      if (units.length) {
        recordUnits(`mmx-${section}.jsonl`, { tester: `mmx ${section} (${CC})`, binary: exe }, units);
        t.diagnostic(`${units.length} units, ${units.reduce((n, u) => n + u.inputs, 0)} inputs compared, ` +
          `${units.reduce((n, u) => n + u.mismatches, 0)} mismatching`);
      }
      assertSameLines(`mmx ${section}`, native, vm, { show: 8, heading: /^[a-z]/ });
    });
  }

  test('cpuid claims MMX (leaf 1 edx bit 23), with the rest of the x86-64 baseline', async () => {
    const { cpuid } = await import(path.join(REPO, 'dist', 'cpu', 'cpuid.js'));
    const edx = cpuid(1, 0)[3];
    // fpu, cx8, cmov, mmx, fxsr, sse, sse2
    for (const bit of [0, 8, 15, 23, 24, 25, 26]) assert.ok(edx & (1 << bit), `leaf 1 edx bit ${bit}`);
    assert.ok(cpuid(0x80000001, 0)[3] & (1 << 11), 'syscall (SCE)');
  });
});
