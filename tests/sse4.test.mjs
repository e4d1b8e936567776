// SSE3, SSSE3 and SSE4.1 conformance: C programs under tests/native/sse4/ run natively and
// under x64vm; their outputs (result bit patterns, MXCSR and flags after each instruction,
// signals for faults) must be identical. Built with musl-gcc -static (every section) and
// gcc -static (a subset, which also runs glibc's startup with these features in CPUID).
// intops/fpops/faults test one instruction per line (inline assembly: every form, register
// and memory operands, every immediate); intrin runs intrinsics and compiler-vectorized
// loops (gcc -O3 with SSE4.1) over random data; ssetrap the SSE/SSE2 arithmetic under random
// exception masks (the rules of sse-fp.ts these extensions share).
//
// X64VM_SSE4_RAND=N sets the random floating-point section to N inputs per instruction
// (default 3000), X64VM_SSE4_TRAP=N the random unmasked-exception section to N inputs
// (default 4000), X64VM_SSE4_INS=N the inserts/extracts/ptest/blendv section to N operand
// sets (default 250); `npm run conformance -- --full` uses 100000, 40000 and 1000.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordUnits, unitsByFirstWord } from './conformance/record.mjs';
import { runCaptured as run, assertSameLines } from './lib/native-build.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(REPO, 'tests', 'native', 'sse4');
const CACHE = path.join(REPO, '.cache', 'sse4');
const X64VM = path.join(REPO, 'bin', 'x64vm');
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';
const RAND = process.env.X64VM_SSE4_RAND ?? '3000';
const TRAP = process.env.X64VM_SSE4_TRAP ?? '4000';
const INS = process.env.X64VM_SSE4_INS ?? '';

const COMPILERS = { musl: 'musl-gcc', glibc: 'gcc' };

function haveCompiler(cc) {
  return spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Build tests/native/sse4/<prog>.c for a variant (once per source change); returns the path or throws. */
function build(prog, variant) {
  const out = path.join(CACHE, variant, prog);
  const src = path.join(SRC, `${prog}.c`);
  const deps = [src, path.join(REPO, 'tests', 'native', 'sse', 'common.h')];
  if (fs.existsSync(out) && deps.every((d) => fs.statSync(d).mtimeMs <= fs.statSync(out).mtimeMs)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const r = spawnSync(COMPILERS[variant], ['-static', '-O2', '-Wall', '-Wno-strict-aliasing', '-o', out, src, '-lm'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${COMPILERS[variant]} ${prog}.c failed:\n${r.stderr}`);
  return out;
}

/**
 * For the conformance report: per output line's first word (the instruction's name with
 * an r/m suffix), the lines compared and how many differ. The fault program's lines
 * start with the instruction's name followed by '_' and what is tried.
 */
function record(prog, args, variant, native, vm) {
  if (prog === 'intrin') return; // its lines are checksums of C code, not single instructions
  const tag = [prog, ...args.filter((x) => !/^[0-9]+$/.test(x)), variant].join('-');
  recordUnits(`sse4-${tag}.jsonl`, { tester: `sse4 ${[prog, ...args].join(' ')} (${variant})`, mode: 'name',
    source: path.join(SRC, `${prog}.c`), cc: COMPILERS[variant], binary: path.join(CACHE, variant, prog) }, unitsByFirstWord(native.stdout, vm.stdout));
}

// [program, args, variants]
const SECTIONS = [
  ['intops', ['bin'], ['musl']],
  ['intops', ['imm'], ['musl']],
  ['intops', INS ? ['ins', INS] : ['ins'], ['musl']],
  ['intops', ['move'], ['musl', 'glibc']],
  ['fpops', ['h'], ['musl']],
  ['fpops', ['dp'], ['musl']],
  ['fpops', ['round'], ['musl', 'glibc']],
  ['fpops', ['rand', RAND], ['musl']],
  ['fpops', ['trap', TRAP], ['musl']],
  ['fpops', ['fisttp'], ['musl']],
  ['faults', [], ['musl', 'glibc']],
  ['intrin', [], ['musl', 'glibc']],
  ['ssetrap', [TRAP], ['musl']],
];

// two at a time: each test runs the native program and x64vm side by side
describe('sse4', { concurrency: 2 }, () => {
  for (const [prog, args, variants] of SECTIONS) {
    for (const variant of variants) {
      const name = `sse4 ${prog} ${args.join(' ')} (${variant})`.replace(/ +\(/, ' (');
      test(name, async (t) => {
        if (!HOST_OK) { t.skip('needs an x86-64 Linux host to compare with the hardware'); return; }
        if (!haveCompiler(COMPILERS[variant])) { t.skip(`${COMPILERS[variant]} not installed`); return; }
        const exe = build(prog, variant);
        const [native, vm] = await Promise.all([run(exe, args), run(process.execPath, [X64VM, exe, ...args])]);
        assert.equal(native.status, 0, `native run failed: ${native.stderr}`);
        assert.ok(native.stdout.length > 0, 'the native run printed nothing');
        record(prog, args, variant, native, vm);
        assertSameLines(name, native, vm);
      });
    }
  }
});

// The disassembler prints every instruction of these extensions as objdump -d does (both
// syntaxes), checked on the test programs' own code, which holds every form.
const MNEMONICS = new Set(`addsubps addsubpd haddps haddpd hsubps hsubpd movddup movshdup movsldup lddqu
  fisttps fisttpl fisttpll fisttp pshufb phaddw phaddd phaddsw pmaddubsw phsubw phsubd phsubsw psignb psignw
  psignd pmulhrsw pabsb pabsw pabsd palignr blendps blendpd blendvps blendvpd pblendvb pblendw dpps dppd
  extractps insertps pextrb pextrw pextrd pextrq pinsrb pinsrd pinsrq pmovsxbw pmovsxbd pmovsxbq pmovsxwd
  pmovsxwq pmovsxdq pmovzxbw pmovzxbd pmovzxbq pmovzxwd pmovzxwq pmovzxdq pmuldq pmulld pminsb pminsd pminuw
  pminud pmaxsb pmaxsd pmaxuw pmaxud roundps roundpd roundss roundsd ptest pcmpeqq packusdw movntdqa mpsadbw
  phminposuw`.split(/\s+/));
describe('sse4 disassembler', { concurrency: 1 }, () => {
  for (const prog of ['intops', 'fpops', 'faults']) {
    for (const syntax of ['att', 'intel']) {
      test(`sse4 dis ${prog} (${syntax})`, async (t) => {
        if (!HOST_OK) { t.skip('needs an x86-64 Linux host'); return; }
        if (!haveCompiler('musl-gcc')) { t.skip('musl-gcc not installed'); return; }
        if (spawnSync('objdump', ['--version'], { stdio: 'ignore' }).status !== 0) { t.skip('objdump not installed'); return; }
        const exe = build(prog, 'musl');
        const od = spawnSync('objdump', ['-d', ...(syntax === 'intel' ? ['-M', 'intel'] : []), exe], { encoding: 'utf8', maxBuffer: 1 << 28 });
        const vm = await run(process.execPath, [X64VM, 'dis', exe, '--syntax', syntax]);
        assert.equal(vm.status, 0, vm.stderr);
        const byAddr = new Map();
        for (const l of vm.stdout.toString().split('\n')) {
          const m = /^\s*([0-9a-f]+):\t/.exec(l);
          if (m) byAddr.set(m[1], l.trimEnd());
        }
        let compared = 0;
        const bad = [];
        for (const l of od.stdout.split('\n')) {
          const m = /^\s*([0-9a-f]+):\t[0-9a-f ]+\t(?:(?:rex\.\w+|data16|addr32|rep|repz|repnz|lock|[cdefgs]s) )*(\S+)/.exec(l);
          if (!m || !MNEMONICS.has(m[2])) continue;
          compared++;
          if (byAddr.get(m[1]) !== l.trimEnd() && bad.length < 10) bad.push(`objdump: ${l.trimEnd()}\nx64vm:   ${byAddr.get(m[1])}`);
        }
        assert.ok(compared > 30, `only ${compared} instructions of these extensions found`);
        assert.deepEqual(bad, [], `${bad.length} differ:\n${bad.join('\n')}`);
      });
    }
  }
});

// The features the instructions stand for are claimed: glibc and musl pick routines by them.
test('sse4 cpuid claims SSE3, SSSE3 and SSE4.1', async () => {
  const { cpuid } = await import(path.join(REPO, 'dist', 'cpu', 'cpuid.js'));
  const ecx = cpuid(1, 0)[2];
  assert.deepEqual([(ecx >>> 0) & 1, (ecx >>> 9) & 1, (ecx >>> 19) & 1], [1, 1, 1]);
  assert.equal((ecx >>> 3) & 1, 0, 'MONITOR must not be claimed: monitor/mwait are #UD in user mode');
});
