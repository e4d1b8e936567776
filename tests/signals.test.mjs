// Signals: C programs in tests/native/signals, built with gcc -static and
// musl-gcc -static, run natively and under x64vm; stdout, stderr, exit status
// and terminating signal must be identical. Covers the handler frame layout,
// faults, masks, flags and interrupted syscalls, the alternate stack, timers,
// FPU state across handlers, the red zone, default actions (deaths.c, one run
// per mode) and signals sent to x64vm from outside (hostsig.c).

import { test, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  REPO, X64VM_BIN, BASE_ENV, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync,
  x64vmUnavailable,
} from './lib/build.mjs';
import { STATIC_VARIANTS, compilersMissing, buildC } from './lib/native-build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'signals');
const OUT = path.join(REPO, '.cache', 'signals');
const VARIANTS = STATIC_VARIANTS;
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();

const ccWhy = compilersMissing();

/** Build tests/native/signals/NAME.c for a variant (cached); returns the binary path. */
const build = (name, variant) => buildC(SRC, OUT, name, variant);

const skipFor = (variant) => hostWhy ?? ccWhy[variant] ?? vmWhy ?? false;
const limit = makeLimiter(2);

// ---- whole programs --------------------------------------------------------------------

const PROGRAMS = ['frame', 'faults', 'mask', 'flags', 'altstack', 'timers', 'fpu', 'redzone'];

describe('signals: programs, native vs x64vm', { concurrency: 2 }, () => {
  for (const name of PROGRAMS) {
    for (const variant of Object.keys(VARIANTS)) {
      it(`${name} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = build(name, variant);
        const opts = { env: { ...BASE_ENV } };
        const native = await runNativeAsync(bin, opts);
        const emulated = await runX64vmAsync(bin, opts);
        compareRuns(native, emulated, `${name} ${variant}`);
      }));
    }
  }
});

// ---- default actions ---------------------------------------------------------------------

const DEATHS = ['segv', 'segv-handler-faults', 'segv-ignored', 'segv-blocked', 'segv-raise-blocked', 'ill', 'fpe',
  'trap', 'abrt', 'abrt-handled', 'bus', 'quit', 'term', 'int', 'hup', 'usr1', 'kill', 'sys', 'rt', 'alarm-pause',
  'resethand', 'bad-stack', 'bad-stack-segv-handler', 'bad-stack-default', 'no-restorer', 'bad-sigreturn', 'pipe',
  'pipe-ignored', 'exit-in-handler', 'ignored-by-default', 'ignored'];

describe('signals: default actions, native vs x64vm', { concurrency: 2 }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    for (const mode of DEATHS) {
      it(`deaths ${mode} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = build('deaths', variant);
        const opts = { args: [mode], env: { ...BASE_ENV } };
        const native = await runNativeAsync(bin, opts);
        const emulated = await runX64vmAsync(bin, opts);
        compareRuns(native, emulated, `deaths ${mode} ${variant}`);
      }));
    }
  }
});

// ---- signals from outside ---------------------------------------------------------------

/**
 * Start cmd, wait for "ready" on its stdout, wait `delay` ms, send `sig`, and resolve
 * with what it printed and how it ended. stdin stays open (a pipe nobody writes).
 */
function runAndSignal(cmd, args, sig, delay) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: REPO, env: { ...BASE_ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [], err = [];
    let sent = false;
    child.stdout.on('data', (d) => {
      out.push(d);
      if (!sent && Buffer.concat(out).toString().includes('ready\n')) {
        sent = true;
        setTimeout(() => child.kill(sig), delay);
      }
    });
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      child.stdin.destroy();
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), status, signal, timedOut: false });
    });
  });
}

// [mode, signal, delay before sending (ms)]
const HOST_CASES = [
  ['sleep', 'SIGINT', 200], ['sleep', 'SIGTERM', 200], ['sleep', 'SIGHUP', 200], ['sleep', 'SIGUSR1', 200],
  ['spin', 'SIGINT', 200], ['spin', 'SIGTERM', 200], ['pause', 'SIGINT', 200], ['read', 'SIGTERM', 200],
  ['handler-sleep', 'SIGINT', 200], ['handler-sleep', 'SIGTERM', 200], ['handler-sleep', 'SIGUSR2', 200],
  ['handler-spin', 'SIGINT', 200], ['handler-spin', 'SIGTERM', 200], ['handler-pause', 'SIGHUP', 200],
  ['sigwait', 'SIGINT', 200], ['ignore-short', 'SIGINT', 0], ['ignore-short', 'SIGTERM', 0],
  ['block-short', 'SIGINT', 0], ['block-short', 'SIGUSR1', 0], ['handler-block-short', 'SIGTERM', 0],
  ['short', 'SIGWINCH', 0], ['handler-sleep', 'SIGWINCH', 200],
];
const SIGNUM = { SIGHUP: 1, SIGINT: 2, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15, SIGWINCH: 28 };

describe('signals: sent to x64vm from outside, native vs x64vm', { concurrency: 2 }, () => {
  for (const variant of Object.keys(VARIANTS)) {
    for (const [mode, sig, delay] of HOST_CASES) {
      it(`hostsig ${mode} ${sig} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = build('hostsig', variant);
        const args = [mode, String(SIGNUM[sig])];
        const native = await runAndSignal(bin, args, sig, delay);
        const emulated = await runAndSignal(process.execPath, [X64VM_BIN, bin, ...args], sig, delay);
        compareRuns(native, emulated, `hostsig ${mode} ${sig} ${variant}`);
      }));
    }
  }
});

test('signals: x64vm dies by the signal for every default-fatal signal', { skip: hostWhy ?? vmWhy ?? false }, () => {
  // the status a parent sees must be "killed by SIG", never 128+n, also for signals Node handles itself
  const bin = build('deaths', Object.keys(VARIANTS).find((v) => !ccWhy[v]) ?? 'glibc');
  for (const [mode, want] of [['segv', 'SIGSEGV'], ['ill', 'SIGILL'], ['fpe', 'SIGFPE'], ['abrt', 'SIGABRT'],
    ['bus', 'SIGBUS'], ['trap', 'SIGTRAP'], ['pipe', 'SIGPIPE'], ['usr1', 'SIGUSR1'], ['int', 'SIGINT'],
    ['term', 'SIGTERM'], ['kill', 'SIGKILL']]) {
    const r = spawnSync('/bin/sh', ['-c', 'ulimit -c 0; exec "$0" "$@"', process.execPath, X64VM_BIN, bin, mode],
      { cwd: REPO, env: { ...BASE_ENV }, encoding: 'utf8' });
    assert.equal(r.signal, want, `${mode}: status ${r.status} signal ${r.signal}\n${r.stderr}`);
  }
});
