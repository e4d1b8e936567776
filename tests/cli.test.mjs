// The command line: options, argv/environment passing, exit status, usage errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const x64vm = path.join(root, 'bin/x64vm');
const cache = path.join(root, '.cache/cli');
fs.mkdirSync(cache, { recursive: true });

function run(args, opts = {}) {
  return spawnSync(process.execPath, [x64vm, ...args], { encoding: 'utf8', ...opts });
}

let argsProg = null;
function buildArgs() {
  if (argsProg) return argsProg;
  const out = path.join(cache, 'args');
  execFileSync('gcc', ['-nostdlib', '-static', '-o', out, path.join(root, 'tests/native/cli/args.s')]);
  return (argsProg = out);
}
const haveGcc = process.arch === 'x64' && spawnSync('gcc', ['--version']).status === 0;

test('--version and --help', () => {
  const v = run(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^x64vm \d+\.\d+\.\d+\n$/);
  const h = run(['--help']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /^usage: x64vm \[options\] PROGRAM \[ARGS\.\.\.\]/);
  for (const opt of ['--strace', '-E VAR=VALUE', '-U VAR', '-0 ARGV0']) assert.ok(h.stdout.includes(opt), opt);
});

test('unknown option is a usage error', () => {
  const r = run(['--frobnicate', 'x']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^x64vm: unknown option --frobnicate\nusage: x64vm/);
});

test('the bundled example runs', () => {
  const r = run([path.join(root, 'examples/hello'), 'tests']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'Hello from x86-64, tests!\n');
  assert.equal(r.status, 0);
});

test('argv, environment, -E, -U, -0 and the exit status', (t) => {
  if (!haveGcc) return t.skip('needs gcc on an x86-64 host');
  const prog = buildArgs();
  const env = { PATH: process.env.PATH, KEEP: 'kept', DROP: 'dropped' };
  const r = run(['-E', 'NEW=value=with=equals', '-U', 'DROP', '-0', 'renamed', prog, 'one', 'two words'], { env });
  assert.equal(r.status, 3);
  const lines = r.stdout.split('\n');
  assert.deepEqual(lines.slice(0, 4), ['argc=3', 'renamed', 'one', 'two words']);
  const envLines = lines.slice(4).filter(Boolean);
  assert.ok(envLines.includes('KEEP=kept'));
  assert.ok(envLines.includes('NEW=value=with=equals'));
  assert.ok(!envLines.some((l) => l.startsWith('DROP=')));
  // the native run sees the same argv
  const n = spawnSync(prog, ['one', 'two words'], { encoding: 'utf8', env: { KEEP: 'kept' } });
  assert.equal(n.status, 3);
  assert.deepEqual(n.stdout.split('\n').slice(0, 4), ['argc=3', prog, 'one', 'two words']);
});

test('--strace names each syscall with arguments and result', (t) => {
  if (!haveGcc) return t.skip('needs gcc on an x86-64 host');
  const r = run(['--strace', buildArgs(), 'x'], { env: {} });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^write\(1, "argc=", 5\) = 5\n/m);
  assert.match(r.stderr, /^write\(1, "x", 1\) = 1\n/m);
  assert.match(r.stderr, /^exit_group\(2\) = \?\n\+\+\+ exited with 2 \+\+\+\n$/m);
});
