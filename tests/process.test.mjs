// Processes: C programs in tests/native/process, built with gcc -static and
// musl-gcc -static, run natively and under x64vm; stdout, stderr, exit status
// and terminating signal must be identical. Covers fork and the wait family
// (exit statuses, deaths by signal, WNOHANG, zombies, waitid, SIGCHLD), pipes
// between processes, execve (argv/envp, close-on-exec, signal dispositions,
// errors, #! scripts, execveat, /proc/self/exe), posix_spawn, vfork and clone;
// system() and popen() when the host's /bin/sh runs under x64vm; and busybox
// shell command lines that fork, exec and pipe.

import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REPO, X64VM_BIN, BASE_ENV, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync,
  x64vmUnavailable,
} from './lib/build.mjs';
import { STATIC_VARIANTS, compilersMissing, buildC } from './lib/native-build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'process');
const OUT = path.join(REPO, '.cache', 'process');
const VARIANTS = STATIC_VARIANTS;
const BUSYBOX = '/bin/busybox';
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();

const ccWhy = compilersMissing();
const bbWhy = fs.existsSync(BUSYBOX) ? null : `${BUSYBOX} not found (install busybox-static): skipped`;

/** Build tests/native/process/NAME.c for a variant (cached); returns the binary path. */
const build = (name, variant) => buildC(SRC, OUT, name, variant);

async function inTempDir(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-process-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const skipFor = (variant) => hostWhy ?? ccWhy[variant] ?? vmWhy ?? false;
const limit = makeLimiter(2);

// ---- C programs ------------------------------------------------------------------------

const PROGRAMS = ['forkwait', 'pipes', 'execve', 'spawn'];

describe('process: programs, native vs x64vm', { concurrency: 2 }, () => {
  for (const name of PROGRAMS) {
    for (const variant of Object.keys(VARIANTS)) {
      const skip = skipFor(variant) || ((name === 'spawn' || name === 'execve') && bbWhy) || false;
      it(`${name} ${variant}`, { skip }, () => limit(async () => {
        const bin = build(name, variant);
        const opts = { env: { ...BASE_ENV } };
        const native = await runNativeAsync(bin, opts);
        const emulated = await runX64vmAsync(bin, opts);
        compareRuns(native, emulated, `${name} ${variant}`);
      }));
    }
  }
});

// system() and popen() run /bin/sh: only meaningful once the host's shell runs under x64vm
// (a dynamically linked /bin/sh needs the host's libc to accept the emulated CPU)
let shWhy = null;
if (!hostWhy && !vmWhy) {
  const r = spawnSync(process.execPath, [X64VM_BIN, '/bin/sh', '-c', 'exit 7'], { encoding: 'utf8', env: BASE_ENV });
  if (r.status !== 7) {
    const why = (r.stderr || '').trim().split('\n').pop();
    shWhy = `the host's /bin/sh does not run under x64vm (${why || `status ${r.status}`}): system/popen skipped`;
  }
}

describe('process: system and popen, native vs x64vm', { concurrency: 2 }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    it(`shell ${variant}`, { skip: skipFor(variant) || shWhy || false }, () => limit(async () => {
      const bin = build('shell', variant);
      const opts = { env: { ...BASE_ENV } };
      const native = await runNativeAsync(bin, opts);
      const emulated = await runX64vmAsync(bin, opts);
      compareRuns(native, emulated, `shell ${variant}`);
    }));
  }
});

// ---- busybox sh command lines ------------------------------------------------------------

// Each runs as `busybox sh -c LINE` in a fresh directory, with PATH naming nothing
// so that busybox runs its own applets (standalone shell: fork, then exec of
// /proc/self/exe).
const SHELL_CASES = [
  ['pipeline', 'seq 1 100 | sort -r | head -3'],
  ['pipeline-numeric', 'seq 1 1000 | sort -rn | head -n 4 | tail -n 2; echo "status $?"'],
  ['substitution-subshell', 'x=$(echo hi | tr a-z A-Z); echo "$x"; (echo sub; exit 3); echo "st $?"; echo $(echo $(echo nested))'],
  ['pipe-status', 'false | true; echo $?; true | false; echo $?; ! true | false; echo $?'],
  ['background-wait', 'sleep 0.2 & p=$!; echo started; wait $p; echo "waited $?"; false & wait $!; echo "bg false $?"'],
  ['kill-background', 'sleep 5 & p=$!; kill $p; wait $p; echo "killed $?"; sleep 5 & kill -9 $!; wait $!; echo "killed $?"'],
  ['trap-self', 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'],
  ['script-file', 'printf "#!/bin/busybox sh\\necho in script \\$1\\nexit 6\\n" > s; chmod +x s; ./s arg; echo "script $?"; ' +
    'sh ./s two; echo "sh $?"; chmod -x s; ./s; echo "not executable $?"'],
  ['shared-offset', '{ echo one; ls -d /; echo two; ls -d /tmp; } > h; cat h; exec 3>f; echo a >&3; (echo b >&3); ' +
    'ls -d / >&3; echo c >&3; cat f'],
  ['shared-read-offset', 'printf "abcdefghij" > in; exec 3<in; head -c 3 <&3; echo; (head -c 2 <&3); echo; cat <&3; echo'],
  ['exec-builtin', 'exec echo replaced; echo not reached'],
  ['not-found', 'nosuchcmd; echo "status $?"; /no/such/path; echo "status $?"'],
  ['xargs', 'seq 1 5 | xargs echo; seq 1 10 | xargs -n 3 echo'],
  ['find-exec', 'mkdir d; touch d/a d/b; find d -type f -exec echo found {} \\; | sort'],
  ['exit-status', 'sh -c "exit 9"; echo "inner $?"; sh -c "kill -TERM \\$\\$"; echo "signalled $?"'],
  ['redirect-stderr', 'ls /no/such/file 2>err; echo "ls $?"; cat err | wc -l; ls / /no/such 2>&1 >/dev/null | wc -l'],
];

describe('process: busybox sh, native vs x64vm', { concurrency: 2 }, () => {
  for (const [name, line] of SHELL_CASES) {
    it(`sh ${name}`, { skip: hostWhy ?? vmWhy ?? bbWhy ?? false }, () => limit(async () => {
      const opts = { args: ['sh', '-c', line], env: { ...BASE_ENV, PATH: '/x64vm-test-no-such-dir' } };
      const native = await inTempDir((cwd) => runNativeAsync(BUSYBOX, { ...opts, cwd }));
      const emulated = await inTempDir((cwd) => runX64vmAsync(BUSYBOX, { ...opts, cwd }));
      compareRuns(native, emulated, `sh ${name}`);
    }));
  }
});
