// Threads (clone with CLONE_THREAD as green threads, futexes, per-thread signals):
// C programs in tests/native/threads, built with gcc -static -pthread and musl-gcc
// -static, run natively and under x64vm; stdout, stderr, exit status and
// terminating signal must be identical. The programs print only deterministic
// facts (joins in order, sums, booleans).

import { describe, it } from 'node:test';
import path from 'node:path';
import {
  REPO, BASE_ENV, compareRuns, hostUnsupported, makeLimiter, runNativeAsync, runX64vmAsync, x64vmUnavailable,
} from './lib/build.mjs';
import { compilersMissing, buildC } from './lib/native-build.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'threads');
const OUT = path.join(REPO, '.cache', 'threads');
const VARIANTS = {
  glibc: { cc: 'gcc', flags: ['-static', '-pthread'] },
  musl: { cc: 'musl-gcc', flags: ['-static', '-pthread'] },
};
const hostWhy = hostUnsupported();
const vmWhy = x64vmUnavailable();
const ccWhy = compilersMissing(VARIANTS);
const skipFor = (variant) => hostWhy ?? ccWhy[variant] ?? vmWhy ?? false;
const limit = makeLimiter(2);

// basic: create/join, TLS, pthread_once, detached; sync: mutex, condvar, barrier,
// semaphores, rwlock, timed wait; exitrun: exit() with other threads running;
// kill: pthread_kill, per-thread masks, interrupted nanosleep; forkexit: fork in a
// thread, pthread_exit from main; pipe: blocking pipe reads between threads.
const PROGRAMS = ['basic', 'sync', 'exitrun', 'kill', 'forkexit', 'pipe'];

describe('threads: programs, native vs x64vm', { concurrency: 2 }, () => {
  for (const name of PROGRAMS) {
    for (const variant of Object.keys(VARIANTS)) {
      it(`${name} ${variant}`, { skip: skipFor(variant) }, () => limit(async () => {
        const bin = buildC(SRC, OUT, name, variant, VARIANTS);
        const opts = { env: { ...BASE_ENV } };
        const native = await runNativeAsync(bin, opts);
        const emulated = await runX64vmAsync(bin, opts);
        compareRuns(native, emulated, `${name} ${variant}`);
      }));
    }
  }
});
