// Differential tests with Debian's static /bin/busybox (package
// busybox-static): each case runs one applet invocation natively and under
// x64vm, in a fresh empty temporary directory, with the same stdin and a
// fixed environment, and compares stdout, stderr, exit status and signal.
//
// Known failures: `busybox CASE` lines in tests/corpus-known-failures.txt
// (or `busybox *`) make a case a TODO test. X64VM_SELFTEST=1 runs both sides
// natively. See tests/lib/build.mjs.

import { describe, it } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CASES } from './lib/busybox-cases.mjs';
import {
  BASE_ENV, JOBS, ONLY, REPO, KNOWN_FAILURES_FILE, TODO_TIMEOUT_MS,
  compareRuns, hostUnsupported, loadKnownFailures, runNativeAsync, runX64vmAsync, x64vmUnavailable,
} from './lib/build.mjs';

const BUSYBOX = '/bin/busybox';

function busyboxUnavailable() {
  let fd;
  try {
    fd = fs.openSync(BUSYBOX, 'r');
  } catch {
    return `${BUSYBOX} not found (install busybox-static): busybox tests skipped`;
  }
  try {
    const h = Buffer.alloc(20);
    fs.readSync(fd, h, 0, 20, 0);
    const isElf = h.readUInt32BE(0) === 0x7f454c46;
    if (!isElf || h[4] !== 2 || h.readUInt16LE(18) !== 62) {
      return `${BUSYBOX} is not an x86-64 ELF: busybox tests skipped`;
    }
  } finally {
    fs.closeSync(fd);
  }
  return null;
}

const bbWhy = busyboxUnavailable();
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();
const knownFailure = loadKnownFailures();

// Busybox runs with a PATH that holds nothing, so its shell uses its own
// applets (standalone shell) and can never reach the host's coreutils.
const ENV = { ...BASE_ENV, PATH: '/x64vm-test-no-such-dir' };

async function inTempDir(fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-busybox-'));
  try {
    return await fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('busybox: native vs x64vm', { concurrency: JOBS }, () => {
  for (const [name, args, input] of CASES) {
    if (ONLY && !ONLY.test(`busybox ${name}`)) continue;
    const skip = hostWhy ?? bbWhy ?? vmWhy ?? false;
    const todo = skip ? false : (knownFailure('busybox', name) ?? false);
    it(`busybox ${name}`, { skip, todo }, async (t) => {
      const opts = { args, input: input ?? Buffer.alloc(0), env: ENV };
      const native = await inTempDir((cwd) => runNativeAsync(BUSYBOX, { ...opts, cwd }));
      const emulated = await inTempDir((cwd) => runX64vmAsync(BUSYBOX,
        { ...opts, cwd, ...(todo ? { timeout: TODO_TIMEOUT_MS } : {}) }));
      compareRuns(native, emulated, `busybox ${name}`);
      if (todo) {
        t.diagnostic(`now passes: remove "busybox ${name}" from ${path.relative(REPO, KNOWN_FAILURES_FILE)}`);
      }
    });
  }
});

