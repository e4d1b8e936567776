// How x64vm starts: the single-file bundle with V8's code cache (bin/x64vm,
// scripts/bundle.mjs) against dist/ loaded as ES modules and against native runs;
// when the bundle counts as stale; symlinks and other working directories;
// X64VM_OPTIONS (applied, hidden from the guest, inherited by forked children, and
// carried into the tests' fixed environments by scripts/test-options.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'tests', 'native', 'startup');
const CACHE = path.join(ROOT, '.cache', 'startup');
const X64VM = path.join(ROOT, 'bin', 'x64vm');
const ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', HOME: '/nonexistent' };

const has = (cmd) => spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
const hostWhy = process.arch !== 'x64' || process.platform !== 'linux' ? `host is ${process.platform}/${process.arch}, not x86-64 Linux` : null;
const gccWhy = hostWhy ?? (has('gcc') ? null : 'gcc is not installed');
const muslWhy = hostWhy ?? (has('musl-gcc') ? null : 'musl-gcc is not installed (apt-get install musl-tools)');

/** Build tests/native/startup/NAME.c statically with cc into .cache/startup/. */
function build(name, cc) {
  const out = path.join(CACHE, `${name}-${cc}`);
  const src = path.join(SRC, `${name}.c`);
  if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(src).mtimeMs) {
    fs.mkdirSync(CACHE, { recursive: true });
    execFileSync(cc, ['-static', '-O2', '-o', `${out}.tmp`, src]);
    fs.renameSync(`${out}.tmp`, out);
  }
  return out;
}

function run(cmd, args, env = ENV, cwd = ROOT) {
  const r = spawnSync(cmd, args, { env, cwd, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}
const x64vm = (args, env = ENV, launcher = X64VM, cwd = ROOT) => run(process.execPath, [launcher, ...args], env, cwd);

for (const [cc, why] of [['gcc', gccWhy], ['musl-gcc', muslWhy]]) {
  test(`hello (${cc} -static): native, x64vm from the bundle, x64vm from dist/ as ES modules`, { skip: why ?? false }, () => {
    const bin = build('hello', cc);
    const native = run(bin, ['startup']);
    assert.equal(native.stdout, 'Hello, startup!\n');
    assert.deepEqual(x64vm([bin, 'startup']), native);
    // twice: the first run may have written the code cache, the second reads it
    assert.deepEqual(x64vm([bin, 'startup']), native);
    assert.deepEqual(x64vm([bin, 'startup'], { ...ENV, X64VM_NO_BUNDLE: '1' }), native);
  });
}

test('instruction fetch at the end of executable memory: faults and the 15-byte limit as the hardware', { skip: gccWhy ?? false }, () => {
  // the decoder checks fetches against the end of the executable bytes once per
  // instruction rather than per byte: these are the cases where that end matters
  const fetch = build('fetch', 'gcc');
  const native = run(fetch, []);
  assert.equal(native.status, 0, native.stderr);
  assert.match(native.stdout, /16-byte instruction:\n {2}signal 11 code 128 addr 0\n/);
  assert.deepEqual(x64vm([fetch]), native);
});

test('isatty with stdin and stdout on /dev/null (as benchmarks run) and on memory devices', { skip: gccWhy ?? false }, () => {
  const ttys = build('ttys', 'gcc');
  const runNull = (cmd, args) => {
    const nul = fs.openSync('/dev/null', 'r+');
    try {
      const r = spawnSync(cmd, args, { env: ENV, cwd: ROOT, encoding: 'utf8', stdio: [nul, nul, 'pipe'] });
      if (r.error) throw r.error;
      return { stderr: r.stderr, status: r.status, signal: r.signal };
    } finally { fs.closeSync(nul); }
  };
  const native = runNull(ttys, []);
  assert.match(native.stderr, /^stdin: isatty 0 errno Inappropriate ioctl for device tcgetattr -1\n/);
  assert.deepEqual(runNull(process.execPath, [X64VM, ttys]), native);
  // stdout a pipe, stderr a pipe
  assert.deepEqual(x64vm([ttys]), run(ttys, []));
});

test('x64vm dis from the bundle: the disassembler loads on demand, output as from dist/', { skip: hostWhy ?? false }, () => {
  const hello = path.join(ROOT, 'examples', 'hello');
  const bundled = x64vm(['dis', hello]);
  assert.equal(bundled.status, 0, bundled.stderr);
  assert.match(bundled.stdout, /Disassembly of section \.text:/);
  assert.deepEqual(x64vm(['dis', hello], { ...ENV, X64VM_NO_BUNDLE: '1' }), bundled);
  const missing = x64vm(['dis', path.join(ROOT, 'no-such-file')]);
  assert.equal(missing.stderr, `x64vm: ${path.join(ROOT, 'no-such-file')}: No such file or directory\n`);
  assert.equal(missing.status, 1);
});

test('bin/x64vm run as a command (#! env -S): the guest gets the environment in order, NODE_EXTRA_CA_CERTS too', { skip: gccWhy ?? false }, () => {
  const env = build('environ', 'gcc');
  const direct = (args, e) => run(X64VM, args, e);
  for (const e of [
    { ...ENV, A_FIRST: '1', NODE_EXTRA_CA_CERTS: '/nonexistent/certs.pem', Z_LAST: '2' },
    { ...ENV, A_FIRST: '1', Z_LAST: '2' },
  ]) {
    // node never sees the variable (it would warn that the file cannot be loaded, as it
    // does under `node bin/x64vm`)
    const sorted = run(env, [], e);
    assert.deepEqual(direct([env], e), sorted);
    assert.equal(x64vm([env], e).stdout, sorted.stdout);
    // in order, but for NODE_EXTRA_CA_CERTS, which comes back at the end
    const asis = run(env, ['asis'], e);
    const moved = (t) => t.split('\n').filter((l) => !l.startsWith('NODE_EXTRA_CA_CERTS=')).join('\n');
    const got = direct([env, 'asis'], e);
    assert.equal(moved(got.stdout), moved(asis.stdout));
    assert.equal(got.stdout.includes('NODE_EXTRA_CA_CERTS=/nonexistent/certs.pem\n'), 'NODE_EXTRA_CA_CERTS' in e);
  }
});

test('X64VM_OPTIONS: applied before the command line, not in the guest environment', { skip: gccWhy ?? false }, () => {
  const env = build('environ', 'gcc');
  const native = run(env, []);
  assert.match(native.stdout, /^HOME=\/nonexistent\nLC_ALL=C\nPATH=/);
  // the guest's environment is x64vm's without X64VM_OPTIONS
  assert.deepEqual(x64vm([env], { ...ENV, X64VM_OPTIONS: '--jit=off' }), native);
  // unless the guest is given it explicitly
  const given = x64vm(['-E', 'X64VM_OPTIONS=mine', env], { ...ENV, X64VM_OPTIONS: '--jit=off' });
  assert.equal(given.stdout, native.stdout + 'X64VM_OPTIONS=mine\n');
  const stats = x64vm([env], { ...ENV, X64VM_OPTIONS: ' --stats  --jit=off ' });
  assert.equal(stats.stdout, native.stdout);
  assert.match(stats.stderr, /^x64vm: stats: jit off\n/);
  // the command line wins
  assert.match(x64vm(['--jit=on', env], { ...ENV, X64VM_OPTIONS: '--stats --jit=off' }).stderr, /^x64vm: stats: jit on /);
  assert.match(x64vm(['--jit-threshold=7', env], { ...ENV, X64VM_OPTIONS: '--stats' }).stderr, /^x64vm: stats: jit on \(threshold 7\)/);
});

test('X64VM_OPTIONS: errors are one line', { skip: hostWhy ?? false }, () => {
  const hello = path.join(ROOT, 'examples', 'hello');
  const word = x64vm([hello], { ...ENV, X64VM_OPTIONS: '--stats prog' });
  assert.equal(word.status, 2);
  assert.equal(word.stderr, "x64vm: X64VM_OPTIONS: 'prog' is not an option\n");
  const thr = x64vm([hello], { ...ENV, X64VM_OPTIONS: '--jit-threshold=x' });
  assert.equal(thr.status, 2);
  assert.equal(thr.stderr, "x64vm: X64VM_OPTIONS: --jit-threshold wants a number, got 'x'\n");
  const unknown = x64vm([hello], { ...ENV, X64VM_OPTIONS: '--bogus' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /^x64vm: X64VM_OPTIONS: unknown option --bogus\nusage: /);
});

test('forked children run with the parent\'s options (X64VM_OPTIONS or command line)', { skip: gccWhy ?? false }, () => {
  const fork = build('fork', 'gcc');
  const native = run(fork, []);
  assert.equal(native.stdout, 'child 0\nchild 1\nparent done\n');
  for (const [args, opts, want] of [
    [[], '--stats --jit=off', 'jit off'],
    [['--jit=off'], '--stats', 'jit off'],
    [[], '--stats --jit-threshold=0', 'jit on (threshold 0)'],
  ]) {
    const r = x64vm([...args, fork], { ...ENV, X64VM_OPTIONS: opts });
    assert.equal(r.stdout, native.stdout, `${args} ${opts}`);
    const modes = r.stderr.split('\n').filter((l) => l.startsWith('x64vm: stats: jit '));
    assert.deepEqual(modes, Array(3).fill(`x64vm: stats: ${want}`), `${args} ${opts}: ${r.stderr}`);
  }
});

test('scripts/test-options.mjs carries X64VM_OPTIONS into fixed environments of x64vm runs only', { skip: gccWhy ?? false }, () => {
  const env = build('environ', 'gcc');
  const script = `
    import { spawnSync } from 'node:child_process';
    const env = ${JSON.stringify(ENV)};
    const vm = spawnSync(process.execPath, [${JSON.stringify(X64VM)}, ${JSON.stringify(env)}], { env, encoding: 'utf8' });
    const sh = spawnSync('/bin/sh', ['-c', '"$N" "$X64VM_BIN" "$0"', ${JSON.stringify(env)}], { env: { ...env, N: process.execPath, X64VM_BIN: ${JSON.stringify(X64VM)} }, encoding: 'utf8' });
    const native = spawnSync(${JSON.stringify(env)}, [], { env, encoding: 'utf8' });
    process.stdout.write(JSON.stringify({ vm: vm.stderr, sh: sh.stderr, native: native.stdout }));`;
  const r = run(process.execPath, ['--import', path.join(ROOT, 'scripts', 'test-options.mjs'), '--input-type=module', '-e', script],
    { ...ENV, X64VM_OPTIONS: '--stats' });
  assert.equal(r.stderr, '');
  const out = JSON.parse(r.stdout);
  assert.match(out.vm, /^x64vm: stats: jit on/);
  assert.match(out.sh, /^x64vm: stats: jit on/);
  assert.ok(!out.native.includes('X64VM_OPTIONS'), out.native);
});

test('a copy of the tree: code cache, stale bundle, broken bundle, symlink, other cwd', { skip: hostWhy ?? false }, (t) => {
  const dist = path.join(ROOT, 'dist');
  if (!fs.existsSync(path.join(dist, 'cli', 'main.js'))) return t.skip('dist/ is not built (npm run build)');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-startup-'));
  t.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  for (const d of ['bin', 'dist', 'scripts']) fs.cpSync(path.join(ROOT, d), path.join(tmp, d), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(tmp, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tmp, 'node_modules'));
  // a whole-second mtime, which the edit below can put back exactly
  const mainJs = path.join(tmp, 'dist', 'cli', 'main.js');
  const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 60000);
  fs.utimesSync(mainJs, mtime, mtime);
  const bundled = run(process.execPath, [path.join(tmp, 'scripts', 'bundle.mjs')]);
  assert.equal(bundled.status, 0, bundled.stderr);
  const launcher = path.join(tmp, 'bin', 'x64vm');
  const hello = path.join(ROOT, 'examples', 'hello');
  const want = { stdout: 'Hello from x86-64, copy!\n', stderr: '', status: 0, signal: null };
  const codecache = path.join(tmp, '.cache', 'codecache');

  // first run: writes the code cache; second run: reads it, writes nothing
  assert.deepEqual(x64vm([hello, 'copy'], ENV, launcher), want);
  const caches = fs.readdirSync(codecache);
  assert.equal(caches.length, 1, caches.join(' '));
  const cacheFile = path.join(codecache, caches[0]);
  const written = fs.statSync(cacheFile).mtimeMs;
  assert.deepEqual(x64vm([hello, 'copy'], ENV, launcher), want);
  assert.equal(fs.statSync(cacheFile).mtimeMs, written);
  assert.deepEqual(fs.readdirSync(codecache), caches);

  // through a symlink, from another directory, and as an executable (#!)
  const link = path.join(tmp, 'link');
  fs.symlinkSync(launcher, link);
  assert.deepEqual(x64vm([hello, 'copy'], ENV, link, '/'), want);
  assert.deepEqual(run(link, [hello, 'copy'], { ...ENV, PATH: `${path.dirname(process.execPath)}:${ENV.PATH}` }, os.tmpdir()), want);

  // the bundle holds its own copy of the CLI: an edit of dist/ by hand goes unseen (which
  // shows the bundle is what runs) ...
  const text = fs.readFileSync(mainJs, 'utf8');
  assert.ok(text.includes("const VERSION = '0.1.0';"));
  fs.writeFileSync(mainJs, text.replace("const VERSION = '0.1.0';", "const VERSION = '9.8.7';"));
  assert.equal(x64vm(['--version'], ENV, launcher).stdout, 'x64vm 0.1.0\n');
  // ... and tsc's rewrite of dist/, which rewrites its build info, makes it stale: dist/ is
  // loaded instead
  const info = path.join(tmp, 'dist', '.tsbuildinfo');
  assert.ok(fs.existsSync(info), 'tsc writes dist/.tsbuildinfo (tsconfig.json: incremental)');
  fs.utimesSync(info, mtime, new Date(mtime.getTime() + 2000));
  assert.equal(x64vm(['--version'], ENV, launcher).stdout, 'x64vm 9.8.7\n');
  assert.deepEqual(x64vm([hello, 'copy'], ENV, launcher), want);
  // a bundle made without build info checks every module's size and mtime instead
  fs.unlinkSync(info);
  fs.writeFileSync(mainJs, text);
  fs.utimesSync(mainJs, mtime, mtime);
  assert.equal(run(process.execPath, [path.join(tmp, 'scripts', 'bundle.mjs')]).status, 0);
  fs.writeFileSync(mainJs, text.replace("const VERSION = '0.1.0';", "const VERSION = '9.8.7';"));
  fs.utimesSync(mainJs, mtime, mtime);
  assert.equal(x64vm(['--version'], ENV, launcher).stdout, 'x64vm 0.1.0\n');
  fs.utimesSync(mainJs, mtime, new Date(mtime.getTime() + 2000));
  assert.equal(x64vm(['--version'], ENV, launcher).stdout, 'x64vm 9.8.7\n');

  // rebuilt bundle: fresh again; the old code cache is removed, a new one written
  assert.equal(run(process.execPath, [path.join(tmp, 'scripts', 'bundle.mjs')]).status, 0);
  assert.deepEqual(fs.readdirSync(codecache), []);
  assert.equal(x64vm(['--version'], ENV, launcher).stdout, 'x64vm 9.8.7\n');
  const again = fs.readdirSync(codecache);
  assert.equal(again.length, 1);
  assert.notEqual(again[0], caches[0]);

  // an all-ASCII bundle says so in its header (bin/x64vm reads it as latin1); one that is
  // not is read as UTF-8
  const bundle = path.join(tmp, 'dist', 'x64vm-bundle.js');
  assert.match(fs.readFileSync(bundle, 'utf8').slice(0, 200), /"ascii":true/);
  fs.writeFileSync(mainJs, fs.readFileSync(mainJs, 'utf8').replace('show this help and exit', 'show this help and exit (\u00d7 \u2192)'));
  assert.equal(run(process.execPath, [path.join(tmp, 'scripts', 'bundle.mjs')]).status, 0);
  assert.match(fs.readFileSync(bundle, 'utf8').slice(0, 200), /"ascii":false/);
  const help = x64vm(['--help'], ENV, launcher);
  assert.match(help.stdout, /show this help and exit \(\u00d7 \u2192\)\n/);
  assert.deepEqual(x64vm(['--help'], { ...ENV, X64VM_NO_BUNDLE: '1' }, launcher), help);

  // a broken bundle: dist/ is loaded instead; no bundle at all: likewise
  fs.writeFileSync(bundle, fs.readFileSync(bundle, 'utf8').replace(/^\/\/x64vm-bundle \{/, '//x64vm-bundle {{'));
  assert.deepEqual(x64vm([hello, 'copy'], ENV, launcher), want);
  fs.unlinkSync(bundle);
  assert.deepEqual(x64vm([hello, 'copy'], ENV, launcher), want);
});
