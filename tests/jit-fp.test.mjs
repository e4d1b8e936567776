// SSE floating point in JIT regions (src/jit/sse.ts): programs under tests/native/jit-fp/
// run natively and under x64vm at the default JIT threshold (hot loops compiled after
// warm-up, as benchmarks run them) and with --jit-threshold=0 (everything compiled at
// once); stdout, stderr, exit status and signal must match.
//   chains.c    chains of scalar/packed arithmetic in one block over edge values, PE clear
//               and set, DAZ/FTZ and round-up: results and MXCSR hashed per kernel
//   memgroup.c  blocks of SSE loads/stores through one base register (checked as a group)
//               moved onto a protected page: the faulting instruction, address, XMM
//               registers and the memory already stored must be the hardware's
//   loops.c     sd/ss/pd/ps arithmetic loops with one unusual value mid-loop (inexact,
//               denormal, NaN, infinite, zero, overflow, underflow) under six MXCSR modes,
//               PE, DE or IE unmasked (SIGFPE), and a fault on an arithmetic op's memory operand
//   memwin.c    loops walking group accesses (up, down, straddling pages) into a protected
//               page: the group checks' page windows must not skip a new page's check

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildC } from './lib/native-build.mjs';
import {
  REPO, BASE_ENV, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync, x64vmUnavailable,
} from './lib/build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'jit-fp');
const OUT = path.join(REPO, '.cache', 'jit-fp');
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();
const gccWhy = (() => {
  const r = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'gcc not found: jit-fp test programs skipped' : null;
})();
const skip = hostWhy ?? vmWhy ?? gccWhy ?? false;
const limit = makeLimiter(2);

/** NAME.c built with gcc -static into .cache (tests/lib/native-build.mjs). */
const build = (name) => buildC(SRC, OUT, name, 'glibc');

const STATS_RE = /^x64vm: stats: .*\n/gm;
/** strip the --stats lines from stderr; the number of instructions run in JIT code */
function jitInsns(run) {
  const text = run.stderr.toString('latin1');
  const m = text.match(/instructions: (\d+) total, (\d+) interpreted, (\d+) in jit code/);
  run.stderr = Buffer.from(text.replace(STATS_RE, ''), 'latin1');
  return m ? Number(m[3]) : -1;
}

const MODES = [['default threshold', ['--jit=on', '--stats']], ['--jit-threshold=0', ['--jit=on', '--jit-threshold=0', '--stats']]];
const PROGRAMS = [['chains', 16], ['memgroup', 500], ['memwin', 290], ['loops', 500]];

describe('jit-fp: SSE floating point and memory groups in compiled code, native vs x64vm', { concurrency: 2 }, () => {
  for (const [name, minLines] of PROGRAMS) {
    for (const [mode, opts] of MODES) {
      it(`${name} (${mode})`, { skip }, () => limit(async () => {
        const bin = build(name);
        const env = { env: { ...BASE_ENV } };
        const native = await runNativeAsync(bin, env);
        const emulated = await runX64vmAsync(bin, { ...env, x64vmOptions: opts });
        const jit = jitInsns(emulated);
        compareRuns(native, emulated, `${name} (${mode})`);
        const lines = native.stdout.toString().split('\n').filter(Boolean).length;
        assert.ok(lines >= minLines, `${name} printed ${lines} lines`);
        assert.ok(jit > 100000, `${name} (${mode}): only ${jit} instructions ran in JIT code`);
      }));
    }
  }
});
