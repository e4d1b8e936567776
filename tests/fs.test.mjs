// File-system syscalls, differentially: the C programs in tests/native/fs are
// built three ways (freestanding with raw syscalls, gcc -static, musl-gcc
// -static), run natively and under x64vm, each in a fresh temporary directory,
// and their stdout, stderr and exit status must match exactly. The programs
// print every result with its errno name, so a wrong error shows as a diff.
//
// Then the standard descriptors: stdin as a pipe, a file, /dev/null, a slow
// pipe, a terminal (via script(1)), and stdin/stdout left non-blocking by
// whoever started x64vm (a blocking guest read must wait, a write must
// complete: compared against fixed expectations, since natively the program
// itself would see EAGAIN there).

import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import {
  REPO, X64VM_BIN, JOBS, BASE_ENV, compareRuns, hostUnsupported, spawnAsync, x64vmUnavailable,
} from './lib/build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'fs');
const CACHE = path.join(REPO, '.cache', 'fs');

const VARIANTS = {
  nolibc: {
    cc: 'gcc',
    flags: ['-static', '-nostdlib', '-ffreestanding', '-DFREESTANDING', '-fno-stack-protector', '-fno-pie', '-no-pie',
      '-mgeneral-regs-only', '-fno-builtin', '-O1'],
  },
  glibc: { cc: 'gcc', flags: ['-static', '-O2'] },
  musl: { cc: 'musl-gcc', flags: ['-static', '-O2'] },
};
const RAW_PROGRAMS = ['open', 'stat', 'dir', 'meta', 'pipe', 'procfd', 'stdin'];
const LIBC_PROGRAMS = ['libc'];

const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();
const ccWhy = {};
for (const [v, cfg] of Object.entries(VARIANTS)) {
  const r = spawnSync(cfg.cc, ['--version'], { encoding: 'utf8' });
  ccWhy[v] = r.error || r.status !== 0 ? `${cfg.cc} not found: ${v} builds skipped` : null;
}

function build(name, variant) {
  const cfg = VARIANTS[variant];
  const src = path.join(SRC, `${name}.c`);
  const out = path.join(CACHE, variant, name);
  const deps = [src, path.join(SRC, 't.h')];
  try {
    const t = fs.statSync(out).mtimeMs;
    if (deps.every((d) => fs.statSync(d).mtimeMs < t)) return out;
  } catch { /* not built yet */ }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp${process.pid}`;
  const r = spawnSync(cfg.cc, [...cfg.flags, '-w', '-o', tmp, src], { encoding: 'utf8' });
  if (r.error || r.status !== 0) throw new Error(`build of ${name} (${variant}) failed:\n${r.stderr ?? r.error}`);
  fs.renameSync(tmp, out);
  return out;
}

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-fs-'));
}
function removeDir(d) {
  try { fs.rmSync(d, { recursive: true, force: true }); } catch { /* best effort */ }
}

/** The shell words that start a program under x64vm ('' natively). */
const vmPrefix = (vm) => (vm ? `'${process.execPath}' '${X64VM_BIN}'` : '');

/** Run a shell script natively or under x64vm: `$RUN prog args` starts a program. */
async function sh(script, { vm, cwd, input = '' }) {
  const run = vm ? 'RUN() { "$X64VM_NODE" "$X64VM_BIN" "$@"; }' : 'RUN() { "$@"; }';
  const env = { ...BASE_ENV, X64VM_NODE: process.execPath, X64VM_BIN };
  return spawnAsync('/bin/sh', ['-c', `ulimit -c 0 2>/dev/null; ${run}; ${script.replaceAll('$RUN', 'RUN')}`],
    { cwd, env, input, timeout: 120000 });
}

/** Run `prog args` natively and under x64vm, each in a fresh directory, and compare. */
async function differential(prog, args = [], input = '') {
  const q = [prog, ...args].map((a) => `'${a}'`).join(' ');
  const d1 = tempDir(), d2 = tempDir();
  try {
    const native = await sh(`$RUN ${q}`, { vm: false, cwd: d1, input });
    const emulated = await sh(`$RUN ${q}`, { vm: true, cwd: d2, input });
    return { native, emulated };
  } finally { removeDir(d1); removeDir(d2); }
}

const skipAll = hostWhy ?? vmWhy ?? false;

describe('fs: syscall programs, native vs x64vm', { concurrency: JOBS }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    const progs = variant === 'nolibc' ? RAW_PROGRAMS : [...RAW_PROGRAMS, ...LIBC_PROGRAMS];
    for (const name of progs) {
      if (name === 'stdin') continue; // run below with its descriptors set up
      it(`${name} ${variant}`, { skip: skipAll || ccWhy[variant] || false }, async () => {
        const bin = build(name, variant);
        const { native, emulated } = await differential(bin);
        compareRuns(native, emulated, `${name} ${variant}`);
      });
    }
  }
});

describe('fs: standard descriptors', { concurrency: JOBS }, () => {
  const variant = ccWhy.musl ? 'nolibc' : 'musl';
  let bin, setnb, dir, input;
  const skip = skipAll || ccWhy[variant] || ccWhy.glibc || false;
  before(() => {
    if (skip) return;
    bin = build('stdin', variant);
    setnb = path.join(CACHE, 'setnb');
    const r = spawnSync('gcc', ['-O2', '-w', '-o', setnb, path.join(SRC, 'setnb.c')], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build of setnb failed: ${r.stderr}`);
    dir = tempDir();
    input = path.join(dir, 'input.txt');
    const data = Buffer.alloc(300000);
    for (let k = 0; k < data.length; k++) data[k] = (k * 7 + (k >> 9)) & 0xff;
    fs.writeFileSync(input, data);
  });

  const cases = {
    'stdin is a pipe': (p) => `cat "$IN" | $RUN ${p} read`,
    'stdin is a pipe, odd chunks': (p) => `cat "$IN" | $RUN ${p} read 777`,
    'stdin is a file': (p) => `$RUN ${p} read < "$IN"`,
    'stdin is /dev/null': (p) => `$RUN ${p} read < /dev/null`,
    'stdin file with lseek': (p) => `$RUN ${p} seek < "$IN"`,
    'stdin is a slow pipe': (p) => `(printf abc; sleep 0.3; printf def) | $RUN ${p} read 2`,
    'stdout pipe gets every byte': (p) => `$RUN ${p} write 1048576 | od -c | tail -3`,
    'stdout is a file': (p) => `$RUN ${p} write 300000 > out.txt && wc -c < out.txt`,
  };
  for (const [label, script] of Object.entries(cases)) {
    it(label, { skip }, async () => {
      const run = async (vm) => {
        const cwd = tempDir();
        try {
          const s = `IN='${input}'; ${script(`'${bin}'`)}`;
          return await sh(s, { vm, cwd });
        } finally { removeDir(cwd); }
      };
      compareRuns(await run(false), await run(true), label);
    });
  }

  // Here native runs would see EAGAIN themselves: x64vm must hide the host's O_NONBLOCK.
  it('stdin left non-blocking: a read waits', { skip }, async () => {
    const r = await sh(`(sleep 0.3; printf hello) | '${setnb}' 0 -- ${vmPrefix(true)} '${bin}' read`, { vm: true, cwd: dir });
    assert.equal(r.stderr.toString(), '');
    assert.equal(r.stdout.toString(),
      'xfstat(0, &st) = 0\nstdin is fifo\nF_GETFL accmode 0 nonblock 0\nread 5 bytes, hash 5a0d15131ec7a1, last 0\n');
  });
  it('stdout left non-blocking: a write completes', { skip }, async () => {
    const r = await sh(`'${setnb}' 1 -- ${vmPrefix(true)} '${bin}' write 1048576 | (sleep 0.3; wc -c)`, { vm: true, cwd: dir });
    assert.equal(r.stdout.toString().trim(), '1048576');
    assert.equal(r.stderr.toString(), 'wrote 1048576\n');
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it('stdin is a terminal', { skip: skip || (hasScript ? false : 'script(1) not found: terminal case skipped') }, async () => {
    // script(1) runs the program on a pseudo-terminal fed from its stdin; keep
    // only the program's own lines (the terminal echoes the input too)
    const run = async (vm) => {
      const r = await sh(`printf 'ab\\ncd\\n' | script -qec "${vmPrefix(vm)} '${bin}' lines" /dev/null`, { vm, cwd: dir });
      return r.stdout.toString().split(/\r?\n/).filter((l) => /^(stdin|line|end)/.test(l)).join('\n');
    };
    const native = await run(false), emulated = await run(true);
    assert.match(native, /^stdin is chr\nline 3: 97 98 10\nline 3: 99 100 10\nend 0$/);
    assert.equal(emulated, native);
  });
});
