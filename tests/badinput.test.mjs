// The command-line contract of x64vm for inputs that are not runnable
// x86-64 programs: an exact one-line message on stderr, a fixed exit status,
// and never a JavaScript stack trace.
//
//   missing file        x64vm: PATH: No such file or directory   127
//   directory           x64vm: PATH: Is a directory              126
//   text file           x64vm: PATH: not an ELF file             126
//   unreadable file     x64vm: PATH: Permission denied           126 (skipped as root)
//   truncated ELF       x64vm: PATH: truncated ELF file          126
//   ELF for aarch64     x64vm: PATH: ELF for aarch64, not x86-64 126
//   32-bit ELF          x64vm: PATH: 32-bit ELF, not x86-64      126
//   no program          usage: x64vm ...                         2
//
// These tests are skipped (with a message) until bin/x64vm exists; set
// X64VM_BIN to check another launcher against this contract.

import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { X64VM_BIN, IS_X64_HOST, displayPath, runX64vmRaw } from './lib/build.mjs';
import { tinyElf } from './lib/tinyelf.mjs';

const vmMissing = fs.existsSync(X64VM_BIN) ? null
  : `${displayPath(X64VM_BIN)} does not exist yet: CLI contract tests skipped`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

let dir;
const files = {};

function setup() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-badinput-'));
  const elf = tinyElf();
  const put = (name, data, mode = 0o755) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, data, { mode });
    fs.chmodSync(p, mode);
    files[name] = p;
    return p;
  };
  put('good', elf);
  put('text.txt', 'this is just some text,\nnot a program\n', 0o644);
  put('truncated', elf.subarray(0, 40));
  const arm = Buffer.from(elf);
  arm.writeUInt16LE(183, 18); // EM_AARCH64
  put('aarch64', arm);
  const e32 = Buffer.from(elf);
  e32[4] = 1; // ELFCLASS32
  put('elf32', e32);
  put('unreadable', elf, 0o000);
  files.missing = path.join(dir, 'does-not-exist');
  fs.mkdirSync(path.join(dir, 'subdir'));
  files.subdir = path.join(dir, 'subdir');
}

function runVm(args) {
  return runX64vmRaw(args, { timeout: 60000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
}

function expectFailure(args, line, status) {
  const r = runVm(args);
  const err = r.stderr.toString('utf8');
  assert.ok(!err.includes('    at '), `stderr contains a stack trace:\n${err}`);
  assert.equal(r.signal, null, `x64vm was killed by ${r.signal}; stderr:\n${err}`);
  assert.equal(err, `${line}\n`, 'stderr must be exactly one line');
  assert.equal(r.status, status, `exit status; stderr:\n${err}`);
}

describe('x64vm command line: bad inputs', { skip: vmMissing ?? false }, () => {
  before(setup);
  after(() => {
    if (dir) {
      try { fs.chmodSync(files.unreadable, 0o644); } catch { /* gone */ }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('missing file', () => {
    expectFailure([files.missing], `x64vm: ${files.missing}: No such file or directory`, 127);
  });

  test('directory', () => {
    expectFailure([files.subdir], `x64vm: ${files.subdir}: Is a directory`, 126);
  });

  test('text file', () => {
    expectFailure([files['text.txt']], `x64vm: ${files['text.txt']}: not an ELF file`, 126);
  });

  test('file without read permission', { skip: isRoot ? 'running as root: permissions are not enforced' : false }, () => {
    expectFailure([files.unreadable], `x64vm: ${files.unreadable}: Permission denied`, 126);
  });

  test('truncated ELF (first 40 bytes)', () => {
    expectFailure([files.truncated], `x64vm: ${files.truncated}: truncated ELF file`, 126);
  });

  test('ELF for aarch64', () => {
    expectFailure([files.aarch64], `x64vm: ${files.aarch64}: ELF for aarch64, not x86-64`, 126);
  });

  test('32-bit ELF', () => {
    expectFailure([files.elf32], `x64vm: ${files.elf32}: 32-bit ELF, not x86-64`, 126);
  });

  test('bad input followed by arguments', () => {
    expectFailure([files.missing, 'arg1', '--arg2'], `x64vm: ${files.missing}: No such file or directory`, 127);
  });

  test('no program: usage', () => {
    const r = runVm([]);
    const err = r.stderr.toString('utf8');
    assert.ok(!err.includes('    at '), `stderr contains a stack trace:\n${err}`);
    assert.ok(err.startsWith('usage: x64vm'), `stderr should start with "usage: x64vm", got:\n${err}`);
    assert.equal(r.status, 2, `exit status; stderr:\n${err}`);
  });
});

// The inputs above are derived from tinyElf(); make sure it is a valid
// program, so that each patched copy differs from a good one in one way only.
test('tiny ELF used by the bad-input tests runs natively', {
  skip: IS_X64_HOST ? false : `host is ${process.platform}/${process.arch}: native check skipped`,
}, () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-tinyelf-'));
  try {
    const p = path.join(d, 'exit42');
    fs.writeFileSync(p, tinyElf(), { mode: 0o755 });
    const r = spawnSync(p, [], { timeout: 10000 });
    assert.equal(r.error, undefined);
    assert.equal(r.status, 42);
  } finally {
    fs.rmSync(d, { recursive: true, force: true });
  }
});
