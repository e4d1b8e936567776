// SSE4.2 (pcmpXstrX, pcmpgtq, crc32), PCLMULQDQ, AES-NI, MOVBE, RDRAND/RDSEED against
// the hardware: the C programs under tests/native/sse42/ run natively and under x64vm
// and their outputs (results, flags, signals) must be identical. Each output line is
// "<word> ... | <result> <result> ...": every token after '|' is one input's result, so
// the counts below (and in the conformance report) are inputs, not lines.
// Also: `x64vm dis` on every form (tests/native/sse42/dis.s) equals objdump -d.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordUnits } from './conformance/record.mjs';
import { runCaptured } from './lib/native-build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'tests', 'native', 'sse42');
const CACHE = path.join(REPO, '.cache', 'sse42');
const X64VM = path.join(REPO, 'bin', 'x64vm');
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';
const COMPILERS = { musl: 'musl-gcc', glibc: 'gcc' };
const FLAGS = ['-msse4.2', '-mpclmul', '-maes', '-mmovbe', '-mrdrnd', '-mrdseed'];

function haveTool(cmd, arg = '--version') {
  return spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
}

/** The host CPU must have the instructions for the native runs to be the reference. */
function hostLacks() {
  let flags = '';
  try { flags = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? ''; } catch { /* none */ }
  const have = new Set(flags.trim().split(/\s+/));
  return ['sse4_2', 'pclmulqdq', 'aes', 'movbe', 'rdrand', 'rdseed'].filter((f) => !have.has(f));
}

/** Build tests/native/sse42/<prog>.c (once per source change); returns the path or throws. */
function build(prog, variant) {
  const out = path.join(CACHE, variant, prog);
  const src = path.join(SRC, `${prog}.c`);
  const deps = [src, path.join(SRC, 'common.h')];
  if (fs.existsSync(out) && deps.every((d) => fs.statSync(d).mtimeMs <= fs.statSync(out).mtimeMs)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(COMPILERS[variant], ['-static', '-O2', '-Wall', ...FLAGS, '-o', `${out}.tmp`, src], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${COMPILERS[variant]} ${prog}.c failed:\n${r.stderr}`);
  fs.renameSync(`${out}.tmp`, out);
  return out;
}

const run = (cmd, args) => runCaptured(cmd, args, 'latin1');

/** Per line word: inputs (result tokens after '|') and the tokens that differ. */
function tally(native, vm) {
  const a = native.split('\n'), b = vm.split('\n');
  const units = new Map();
  let inputs = 0, mismatches = 0;
  for (let k = 0; k < a.length; k++) {
    if (!a[k]) continue;
    const word = a[k].split(' ')[0];
    const u = units.get(word) ?? units.set(word, { unit: word, name: word, inputs: 0, mismatches: 0 }).get(word);
    const bar = a[k].indexOf(' |');
    const ta = bar < 0 ? [a[k]] : a[k].slice(bar + 2).trim().split(' ');
    const lb = b[k] ?? '', barB = lb.indexOf(' |');
    const tb = bar < 0 ? [lb] : barB < 0 ? [] : lb.slice(barB + 2).trim().split(' ');
    let bad = 0;
    if (bar >= 0 && a[k].slice(0, bar) !== lb.slice(0, barB)) bad = ta.length; // a different input
    else for (let j = 0; j < ta.length; j++) if (ta[j] !== tb[j]) bad++;
    u.inputs += ta.length; u.mismatches += bad;
    inputs += ta.length; mismatches += bad;
  }
  return { units: [...units.values()], inputs, mismatches };
}

/** Assert equal outputs, showing the first differing lines (hardware vs x64vm) on failure. */
function compare(name, native, vm, counts) {
  if (native.stdout === vm.stdout && native.status === vm.status && native.signal === vm.signal) return;
  const a = native.stdout.split('\n'), b = vm.stdout.split('\n');
  const diffs = [];
  for (let k = 0; k < Math.max(a.length, b.length) && diffs.length < 8; k++) {
    if (a[k] !== b[k]) {
      // show the first differing result tokens, not a whole 256-result line
      const ta = (a[k] ?? '').split(' '), tb = (b[k] ?? '').split(' ');
      const at = [];
      for (let j = 0; j < Math.max(ta.length, tb.length) && at.length < 4; j++) {
        if (ta[j] !== tb[j]) at.push(`token ${j}: hardware ${ta[j] ?? '<missing>'} x64vm ${tb[j] ?? '<missing>'}`);
      }
      diffs.push(`line ${k + 1} (${ta.slice(0, 4).join(' ')}):\n    ${at.join('\n    ')}`);
    }
  }
  assert.fail(`${name}: ${counts.mismatches} of ${counts.inputs} inputs differ; native exit ${native.status}/${native.signal}, ` +
    `x64vm exit ${vm.status}/${vm.signal}\n${diffs.join('\n')}\nx64vm stderr: ${vm.stderr.slice(0, 2000)}`);
}

// [program, args, variants, recorded in the conformance report]
// X64VM_SSE42_FULL=N adds N random string pairs through every pcmpXstrX form (N=500: about
// 770k inputs, 20 s under x64vm on this machine).
const SECTIONS = [
  ['pcmpstr', ['e'], ['musl'], true],
  ['pcmpstr', ['i'], ['musl', 'glibc'], true],
  ['pcmpstr', ['r', '1', '16'], ['musl'], true],
  ['ops', ['crc'], ['musl', 'glibc'], true],
  ['ops', ['cmp'], ['musl'], true],
  ['ops', ['clmul'], ['musl'], true],
  ['ops', ['aes'], ['musl', 'glibc'], true],
  ['ops', ['movbe'], ['musl'], true],
  ['ops', ['rand'], ['musl', 'glibc'], true],
  ['ops', ['faults'], ['musl', 'glibc'], false], // #UD and fault cases: no table form to credit
  ['ops', ['cpuid'], ['musl'], false],
];
const FULL = Number(process.env.X64VM_SSE42_FULL ?? 0);
if (FULL > 0) {
  SECTIONS.push(['pcmpstr', ['r', String(process.pid), String(FULL)], ['musl'], true]);
  // the sections with the fewest inputs per form, repeated over fresh operands until each
  // form has >= 1000 (rdrand/rdseed: one input is a line of 64 draws)
  for (const [sec, reps] of [['clmul', 2], ['aes', 16], ['movbe', 2], ['rand', 240]]) SECTIONS.push(['ops', [sec, String(reps)], ['musl'], true]);
}

describe('sse42', { concurrency: 2 }, () => {
  for (const [prog, args, variants, recorded] of SECTIONS) {
    for (const variant of variants) {
      const name = `sse42 ${prog} ${args.join(' ')} (${variant})`;
      test(name, async (t) => {
        if (!HOST_OK) { t.skip('needs an x86-64 Linux host to compare with the hardware'); return; }
        const lacks = hostLacks();
        if (lacks.length) { t.skip(`the host CPU lacks ${lacks.join(', ')}`); return; }
        if (!haveTool(COMPILERS[variant])) { t.skip(`${COMPILERS[variant]} not installed`); return; }
        const exe = build(prog, variant);
        const [native, vm] = await Promise.all([run(exe, args), run(process.execPath, [X64VM, exe, ...args])]);
        assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
        const counts = tally(native.stdout, vm.stdout);
        t.diagnostic(`${counts.inputs} inputs compared, ${counts.mismatches} differ`);
        if (recorded) {
          recordUnits(`sse42-${prog}-${args.join('-')}-${variant}.jsonl`, { tester: `${name}`, mode: 'name',
            source: path.join(SRC, `${prog}.c`), cc: COMPILERS[variant], binary: exe }, counts.units);
        }
        assert.ok(counts.inputs > 0, 'the native run printed no results');
        compare(name, native, vm, counts);
      });
    }
  }

  test('sse42 dis: every form prints as objdump -d prints it (AT&T and Intel)', async (t) => {
    if (!HOST_OK) { t.skip('needs an x86-64 Linux host with objdump'); return; }
    if (!haveTool('objdump') || !haveTool('gcc')) { t.skip('objdump or gcc not installed'); return; }
    const out = path.join(CACHE, 'dis');
    fs.mkdirSync(CACHE, { recursive: true });
    const r = spawnSync('gcc', ['-nostdlib', '-static', '-o', out, path.join(SRC, 'dis.s')], { encoding: 'utf8' });
    assert.equal(r.status, 0, `gcc dis.s failed: ${r.stderr}`);
    const { compareFile } = await import('./lib/dis-compare.mjs');
    for (const intel of [false, true]) {
      const c = compareFile(out, { intel, examples: 20 });
      t.diagnostic(`${intel ? 'intel' : 'att'}: ${c.compared} instructions, ${c.textDiff} text and ${c.lenDiff} length differences, ${c.unsupported} not decoded`);
      assert.ok(c.compared >= 60, `only ${c.compared} instructions compared`);
      assert.equal(c.unsupported, 0, 'forms the ISA table does not decode');
      assert.equal(c.lenDiff, 0, c.lenEx.join('\n'));
      assert.equal(c.textDiff, 0, c.textEx.join('\n'));
      assert.equal(c.layoutDiff, 0, c.layoutEx.join('\n'));
    }
  });
});
