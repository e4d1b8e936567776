// poll, ppoll, select, pselect6, epoll and MAP_SHARED file mappings: C programs in
// tests/native/poll, built with gcc -static and musl-gcc -static, run natively and
// under x64vm; stdout, stderr, exit status and terminating signal must be
// identical. Covers pipes in one process and shared with forked children, standard
// input as a pipe, a socket, a regular file and /dev/null, timeouts and the time
// left, POLLHUP/POLLERR/POLLNVAL, EINTR and the wait masks, busybox sh's `read`,
// and stores through shared mappings against read/write of the same file.

import { describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, X64VM_BIN, BASE_ENV, SELFTEST, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync,
  spawnAsync, x64vmUnavailable,
} from './lib/build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'poll');
const OUT = path.join(REPO, '.cache', 'poll');
const VARIANTS = { glibc: { cc: 'gcc', flags: ['-static'] }, musl: { cc: 'musl-gcc', flags: ['-static'] } };
const BUSYBOX = '/bin/busybox';
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();

const ccWhy = {};
for (const [v, { cc }] of Object.entries(VARIANTS)) {
  const r = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  ccWhy[v] = r.error || r.status !== 0 ? `${cc} not found: ${v} variant skipped` : null;
}
const bbWhy = fs.existsSync(BUSYBOX) ? null : `${BUSYBOX} not found (install busybox-static): skipped`;

/** Build tests/native/poll/NAME.c for a variant (cached by mtime); returns the binary path. */
function build(name, variant) {
  const src = path.join(SRC, `${name}.c`);
  const out = path.join(OUT, variant, name);
  try {
    if (fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return out;
  } catch { /* not built yet */ }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp${process.pid}`;
  const { cc, flags } = VARIANTS[variant];
  const r = spawnSync(cc, [...flags, '-O2', '-w', '-o', tmp, src], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`${cc} ${name}.c failed:\n${r.stderr ?? r.error}`);
  fs.renameSync(tmp, out);
  return out;
}

const skipFor = (variant) => hostWhy ?? ccWhy[variant] ?? vmWhy ?? false;
const limit = makeLimiter(2);
const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
/** The command line that runs a program under x64vm (natively in self-test mode). */
const underVm = (bin) => (SELFTEST ? q(bin) : `${q(process.execPath)} ${q(X64VM_BIN)} ${q(bin)}`);

describe('poll: programs, native vs x64vm', { concurrency: 2 }, () => {
  for (const name of ['pipes', 'fork', 'signals', 'epoll', 'mmap_shared']) {
    for (const variant of Object.keys(VARIANTS)) {
      it(`${name} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = build(name, variant);
        const opts = { env: { ...BASE_ENV } };
        compareRuns(await runNativeAsync(bin, opts), await runX64vmAsync(bin, opts), `${name} ${variant}`);
      }));
    }
  }
});

// standard input: [name, shell command with PROG for the program]
const STDIN_CASES = [
  ['pipe', `printf 'first line\\nsecond\\n' | exec PROG`],
  ['slow pipe', `(printf abc; sleep 0.3; printf 'defghijklmn\\n'; sleep 0.2) | exec PROG`],
  ['file', `exec PROG < ${q(path.join(SRC, 'stdin.c'))}`],
  ['/dev/null', 'exec PROG < /dev/null'],
];

describe('poll: standard input, native vs x64vm', { concurrency: 2 }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    // the harness gives programs a socket as stdin
    it(`stdin socket ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
      const bin = build('stdin', variant);
      const opts = { env: { ...BASE_ENV }, input: 'from a socket\nline two\n' };
      compareRuns(await runNativeAsync(bin, opts), await runX64vmAsync(bin, opts), `stdin socket ${variant}`);
    }));
    for (const [name, cmd] of STDIN_CASES) {
      it(`stdin ${name} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = build('stdin', variant);
        const opts = { env: { ...BASE_ENV } };
        const native = await spawnAsync('/bin/sh', ['-c', cmd.replace('PROG', q(bin))], opts);
        const emulated = await spawnAsync('/bin/sh', ['-c', cmd.replace('PROG', underVm(bin))], opts);
        compareRuns(native, emulated, `stdin ${name} ${variant}`);
      }));
    }
  }
});

// busybox sh's read builtin polls its input before every byte
const SH_READ = [
  ['here-document', 'read a b <<EOF\nfirst second third\nEOF\necho "[$a] [$b]"'],
  ['pipe into a group', 'echo one two | { read a b; echo "$b $a"; }'],
  ['while read', 'seq 1 5 | while read n; do echo "n=$n"; done'],
  ['read then cat', 'printf "l1\\nl2\\nl3\\n" | { read x; echo "got $x"; cat; }'],
  ['read -t', 'sleep 1 | { read -t 0.1 x; echo "status $?"; }'],
  ['read -n', 'echo abcdef | { read -n 3 x; echo "$x"; }'],
];

describe('poll: busybox sh read, native vs x64vm', { concurrency: 2 }, () => {
  for (const [name, script] of SH_READ) {
    it(`sh ${name}`, { skip: hostWhy ?? vmWhy ?? bbWhy ?? false }, () => limit(async () => {
      const opts = { env: { ...BASE_ENV } };
      const native = await runNativeAsync(BUSYBOX, { ...opts, args: ['sh', '-c', script] });
      const emulated = await runX64vmAsync(BUSYBOX, { ...opts, args: ['sh', '-c', script] });
      compareRuns(native, emulated, `sh ${name}`);
    }));
  }
});

// a terminal as standard input, through a pseudo-terminal that Python's pty module makes
const PTY_DRIVER = `
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
out = b''
sent = False
while True:
    try:
        d = os.read(fd, 1000)
    except OSError:
        break
    if not d:
        break
    out += d
    if not sent and b'poll now' in out:
        os.write(fd, b'typed line\\n')
        sent = True
os.waitpid(pid, 0)
sys.stdout.write(out.decode('latin1'))
`;
const py = spawnSync('python3', ['-c', 'import pty'], { encoding: 'utf8' });
const pyWhy = py.error || py.status !== 0 ? 'python3 with the pty module not found: terminal case skipped' : null;

describe('poll: a terminal, native vs x64vm', { concurrency: 2 }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    it(`tty ${variant}`, { skip: skipFor(variant) || pyWhy || false }, () => limit(async () => {
      const bin = build('tty', variant);
      const opts = { env: { ...BASE_ENV } };
      const vm = SELFTEST ? [bin] : [process.execPath, X64VM_BIN, bin];
      const native = await spawnAsync('python3', ['-c', PTY_DRIVER, bin], opts);
      const emulated = await spawnAsync('python3', ['-c', PTY_DRIVER, ...vm], opts);
      compareRuns(native, emulated, `tty ${variant}`);
    }));
  }
});
