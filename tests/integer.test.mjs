// Differential test of the general-purpose integer instructions against this machine.
//
// tests/native/integer/gen.mjs writes one assembly stub per instruction form (every
// operand size, register and memory forms, immediates, REX and AH..BH registers,
// 0x66/0x67 prefixes); driver.c runs each stub on many inputs (random values plus edge
// cases, all shift counts, flags in every state) and prints RFLAGS and every register
// and memory word the instruction changed. The freestanding static binary (no libc,
// raw write/exit syscalls) runs natively and under x64vm; the outputs must be equal.
// Faulting instructions (#DE, #UD, #GP, page faults, traps) and the forms whose faulting
// is the question (a read-only operand left unchanged, a zero count, operand widths at
// the end of memory) are fault stubs. All of them run in one process that catches the
// signals and prints the signal, si_code, si_addr, trap number, error code, the rip of
// the fault and every register and flag at that point (faults must be precise); every
// divide error and a sample of each other kind also run in a process of their own,
// which must die by the same signal.
//
// Environment: X64VM_INTEGER_ONLY=substring restricts the stubs by name.
// Debugging a mismatch: .cache/integer/integer -v only 'NAME' prints the inputs too;
// .cache/integer/integer caught runs the fault stubs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, hostUnsupported, x64vmUnavailable, runNativeAsync, runX64vmAsync, makeLimiter } from './lib/build.mjs';
import { recordUnits } from './conformance/record.mjs';

const SRC = path.join(REPO, 'tests', 'native', 'integer');
const OUT = path.join(REPO, '.cache', 'integer');
const BIN = path.join(OUT, 'integer');
const ONLY = process.env.X64VM_INTEGER_ONLY ?? null;
const CHUNKS = 8; // the stub list runs in this many processes (two at a time)

function skipReason() {
  const h = hostUnsupported();
  if (h) return h;
  const g = spawnSync('gcc', ['--version'], { encoding: 'utf8' });
  if (g.error || g.status !== 0) return 'gcc not found: integer differential test skipped';
  return x64vmUnavailable();
}

let built = null;
async function build() {
  if (built) return built;
  fs.mkdirSync(OUT, { recursive: true });
  const { generate } = await import(path.join(SRC, 'gen.mjs'));
  const g = generate();
  const asm = path.join(OUT, 'tests.S');
  const old = fs.existsSync(asm) ? fs.readFileSync(asm, 'utf8') : null;
  if (old !== g.text) fs.writeFileSync(asm, g.text);
  const inputs = [asm, path.join(SRC, 'driver.c'), path.join(SRC, 'harness.S')];
  const newest = Math.max(...inputs.map((f) => fs.statSync(f).mtimeMs));
  let fresh = false;
  try { fresh = fs.statSync(BIN).mtimeMs >= newest; } catch { fresh = false; }
  if (!fresh) {
    const tmp = `${BIN}.${process.pid}.tmp`;
    const r = spawnSync('gcc', ['-O1', '-static', '-nostdlib', '-no-pie', '-ffreestanding', '-fno-builtin',
      '-mgeneral-regs-only', '-fno-stack-protector', '-fno-pic', '-Wall', '-Wno-unused-function', '-o', tmp,
      inputs[1], inputs[2], asm], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`building the integer harness failed:\n${r.stderr}`);
    fs.renameSync(tmp, BIN);
  }
  built = g;
  return g;
}

/** Split the output into stubs: Map name -> { index, lines }. */
function parse(text) {
  const stubs = new Map();
  let cur = null;
  for (const line of text.split('\n')) {
    if (line.startsWith('T ')) {
      const sp = line.indexOf(' ', 2);
      cur = { index: +line.slice(2, sp), name: line.slice(sp + 1), lines: [] };
      stubs.set(cur.index, cur);
    } else if (line && cur) cur.lines.push(line);
  }
  return stubs;
}

const skip = skipReason();

test('integer instructions: x64vm matches the hardware', { skip: skip ?? false }, async (t) => {
  const g = await build();
  const n = g.stubs;
  const limit = makeLimiter(2);
  const ranges = [];
  for (let k = 0; k < CHUNKS; k++) ranges.push([Math.floor((k * n) / CHUNKS), Math.floor(((k + 1) * n) / CHUNKS)]);
  const args = (r) => [...(ONLY ? ['only', ONLY] : []), 'range', String(r[0]), String(r[1])];
  const runs = await Promise.all(ranges.map((r) => limit(async () => {
    const nat = await runNativeAsync(BIN, { args: args(r) });
    const vm = await runX64vmAsync(BIN, { args: args(r) });
    return { r, nat, vm };
  })));

  const problems = [];
  const units = []; // for the conformance report: per stub, inputs compared and mismatches
  let cases = 0, compared = 0, badStubs = 0;
  for (const { r, nat, vm } of runs) {
    assert.equal(nat.status, 0, `native run of stubs ${r[0]}-${r[1]} failed: ${nat.signal ?? nat.status}`);
    const a = parse(nat.stdout.toString('latin1'));
    const b = parse(vm.stdout.toString('latin1'));
    if (vm.status !== 0) {
      const last = [...b.values()].pop();
      problems.push(`stubs ${r[0]}-${r[1]}: x64vm ended by ${vm.signal ?? 'status ' + vm.status}` +
        ` in stub ${last ? JSON.stringify(last.name) : '(none)'} after ${b.size} of ${a.size} stubs: ` +
        vm.stderr.toString().trim().split('\n').slice(-3).join(' | '));
    }
    for (const [idx, sa] of a) {
      cases += sa.lines.length;
      const sb = b.get(idx);
      if (!sb) { units.push({ unit: `t_${idx}`, name: sa.name, inputs: 0, mismatches: 0 }); continue; }
      let bad = 0, first = -1;
      for (let k = 0; k < sa.lines.length; k++) {
        if (sa.lines[k] !== sb.lines[k]) { bad++; if (first < 0) first = k; }
      }
      compared += sa.lines.length;
      // a stub the x64vm run stopped in (killed, crashed) counts only the lines it printed
      const seen = Math.min(sa.lines.length, sb.lines.length);
      let badSeen = 0;
      for (let k = 0; k < seen; k++) if (sa.lines[k] !== sb.lines[k]) badSeen++;
      units.push({ unit: `t_${idx}`, name: sa.name, inputs: seen, mismatches: badSeen, ...(seen < sa.lines.length ? { truncated: sa.lines.length - seen } : {}) });
      if (bad) {
        badStubs++;
        // the first ones in detail, then just their names
        problems.push(badStubs <= 40
          ? `${sa.name}: ${bad}/${sa.lines.length} cases differ, e.g.\n    native: ${sa.lines[first]}\n    x64vm:  ${sb.lines[first] ?? '(missing)'}`
          : `${sa.name}: ${bad}/${sa.lines.length} cases differ`);
      }
    }
  }
  recordUnits('integer.jsonl', { tester: 'integer', binary: BIN, full: !!process.env.X64VM_CONFORMANCE_CASES }, units);
  t.diagnostic(`${n} instruction stubs, ${cases} cases; ${compared} compared, ${badStubs} stubs differ`);
  if (problems.length) assert.fail(`${problems.length} problems (${badStubs} stubs differ):\n  ${problems.join('\n  ')}`);
  assert.ok(cases > 0 && compared === cases, 'every case was compared');
});

test('integer faults: x64vm dies by the same signal as the hardware, or survives as it does', { skip: skip ?? false }, async (t) => {
  const g = await build();
  const limit = makeLimiter(2);
  const ids = g.childFaults; // the rest only in the caught test below
  const results = await Promise.all(ids.map((k) => limit(async () => {
    const args = ['fault', String(k)];
    const nat = await runNativeAsync(BIN, { args });
    const vm = await runX64vmAsync(BIN, { args });
    return { k, nat, vm };
  })));
  const problems = [];
  for (const { k, nat, vm } of results) {
    const name = nat.stdout.toString().split('\n')[0];
    if (nat.signal !== vm.signal || nat.status !== vm.status || !nat.stdout.equals(vm.stdout)) {
      problems.push(`${name || 'fault ' + k}: native ${nat.signal ?? nat.status}, x64vm ${vm.signal ?? vm.status}` +
        (vm.stderr.length ? ` (${vm.stderr.toString().trim()})` : ''));
    } else if (vm.stderr.length) {
      problems.push(`${name}: x64vm printed ${JSON.stringify(vm.stderr.toString())}`);
    }
  }
  t.diagnostic(`${ids.length} faulting instructions, each in its own process`);
  if (problems.length) assert.fail(`${problems.length} of ${ids.length} differ:\n  ${problems.join('\n  ')}`);
});

// The same fault stubs in one process with signal handlers: the signal, si_code,
// si_addr, the trap number and error code, the rip of the fault and every register and
// the flags at that point must match (faults are precise: nothing changes before one).
// Kernel-layer details not compared (none at present; add [name, reason] pairs):
const KERNEL_DETAIL = new Map();

test('integer faults caught by a handler: same signal details and machine state', { skip: skip ?? false }, async (t) => {
  await build();
  const [nat, vm] = await Promise.all([runNativeAsync(BIN, { args: ['caught'] }), runX64vmAsync(BIN, { args: ['caught'] })]);
  assert.equal(nat.status, 0, `native run failed: ${nat.signal ?? nat.status}`);
  const split = (buf) => {
    const m = new Map();
    let cur = null;
    for (const line of buf.toString('latin1').split('\n')) {
      if (line.startsWith('F ')) { cur = { name: line.slice(line.indexOf(' ', 2) + 1), lines: [] }; m.set(line, cur); }
      else if (line && cur) cur.lines.push(line);
    }
    return m;
  };
  const a = split(nat.stdout), b = split(vm.stdout);
  const problems = [];
  const units = []; // for the conformance report: each fault stub is one input
  if (vm.status !== 0) problems.push(`x64vm ended by ${vm.signal ?? 'status ' + vm.status} after ${b.size} of ${a.size}: ${vm.stderr.toString().trim().split('\n').slice(-2).join(' | ')}`);
  for (const [head, fa] of a) {
    const fb = b.get(head);
    const unit = `f_${head.split(' ')[1]}`;
    if (!fb) { units.push({ unit, name: fa.name, inputs: 0, mismatches: 0 }); continue; }
    let bad = 0;
    for (let k = 0; k < fa.lines.length; k++) {
      let x = fa.lines[k], y = fb.lines[k] ?? '(missing)';
      if (KERNEL_DETAIL.has(fa.name) && x.startsWith('  sig=')) { x = x.split(' ')[2]; y = y.split(' ')[2]; }
      if (x !== y) { bad++; problems.push(`${head}\n    native: ${fa.lines[k]}\n    x64vm:  ${fb.lines[k] ?? '(missing)'}`); }
    }
    units.push({ unit, name: fa.name, inputs: 1, mismatches: bad ? 1 : 0 });
  }
  recordUnits('integer-faults.jsonl', { tester: 'integer-faults', binary: BIN }, units);
  for (const [name, why] of KERNEL_DETAIL) t.diagnostic(`not compared for ${name}: ${why}`);
  t.diagnostic(`${a.size} fault stubs`);
  if (problems.length) assert.fail(`${problems.length} differences:\n  ${problems.join('\n  ')}`);
});

// CPUID must not claim an integer extension whose instructions are missing: libcs and
// compilers' runtime dispatch pick code paths from these bits.
test('cpuid claims only integer extensions that are implemented', async () => {
  const { cpuid } = await import('../dist/cpu/cpuid.js');
  const { defs } = await import('../dist/cpu/isa/index.js');
  const names = new Set(defs.map((d) => d.name));
  const leaf = (eax, ecx = 0) => Array.from(cpuid(eax, ecx));
  const [, , ecx1, edx1] = leaf(1);
  const [, ebx7] = leaf(7);
  const [, , ecxE, edxE] = leaf(0x80000001);
  const claims = [
    ['leaf 1 edx.4 TSC', edx1 >>> 4 & 1, ['rdtsc']],
    ['leaf 1 edx.8 CX8', edx1 >>> 8 & 1, ['cmpxchg8b']],
    ['leaf 1 edx.15 CMOV', edx1 >>> 15 & 1, ['cmove', 'cmovne', 'cmovl', 'cmovg']],
    ['leaf 1 ecx.13 CX16', ecx1 >>> 13 & 1, ['cmpxchg16b']],
    ['leaf 1 ecx.22 MOVBE', ecx1 >>> 22 & 1, ['movbe']],
    ['leaf 1 ecx.23 POPCNT', ecx1 >>> 23 & 1, ['popcnt']],
    ['leaf 7 ebx.3 BMI1', ebx7 >>> 3 & 1, ['andn', 'bextr', 'blsi', 'blsmsk', 'blsr', 'tzcnt']],
    ['leaf 7 ebx.8 BMI2', ebx7 >>> 8 & 1, ['bzhi', 'mulx', 'pdep', 'pext', 'rorx', 'sarx', 'shlx', 'shrx']],
    ['leaf 7 ebx.19 ADX', ebx7 >>> 19 & 1, ['adcx', 'adox']],
    ['0x80000001 ecx.0 LAHF', ecxE & 1, ['lahf', 'sahf']],
    ['0x80000001 ecx.5 LZCNT', ecxE >>> 5 & 1, ['lzcnt']],
    ['0x80000001 edx.11 SYSCALL', edxE >>> 11 & 1, ['syscall']],
    ['0x80000001 edx.27 RDTSCP', edxE >>> 27 & 1, ['rdtscp']],
  ];
  const missing = [];
  for (const [what, claimed, insns] of claims) {
    if (!claimed) continue;
    const absent = insns.filter((n) => !names.has(n));
    if (absent.length) missing.push(`${what} is claimed but ${absent.join(', ')} ${absent.length > 1 ? 'are' : 'is'} missing`);
  }
  assert.deepEqual(missing, []);
  // what this task implemented is claimed
  for (const [what, claimed] of [['POPCNT', ecx1 >>> 23 & 1], ['CX16', ecx1 >>> 13 & 1], ['LZCNT', ecxE >>> 5 & 1], ['CX8', edx1 >>> 8 & 1],
    ['BMI1', ebx7 >>> 3 & 1], ['BMI2', ebx7 >>> 8 & 1], ['ADX', ebx7 >>> 19 & 1]]) {
    assert.equal(claimed, 1, `${what} should be claimed`);
  }
});

// A C program the compiler builds with BMI1/BMI2/ADX/LZCNT code (pdep, pext, bextr,
// bzhi, blsr, mulx, shlx/sarx/shrx, rorx, tzcnt ...), static glibc: same output natively
// and under x64vm (glibc also chooses its routines from the CPUID bits claimed).
test('BMI program (gcc -mbmi -mbmi2 -madx): x64vm prints what the hardware prints', { skip: skip ?? false }, async (t) => {
  fs.mkdirSync(OUT, { recursive: true });
  const src = path.join(SRC, 'bmi_prog.c'), bin = path.join(OUT, 'bmi_prog');
  let fresh = false;
  try { fresh = fs.statSync(bin).mtimeMs >= fs.statSync(src).mtimeMs; } catch { fresh = false; }
  if (!fresh) {
    const tmp = `${bin}.${process.pid}.tmp`;
    const r = spawnSync('gcc', ['-O2', '-Wall', '-mbmi', '-mbmi2', '-madx', '-mlzcnt', '-static', '-o', tmp, src], { encoding: 'utf8' });
    if (r.status !== 0) return t.skip(`cannot build a static glibc program: ${r.stderr.split('\n')[0]}`);
    fs.renameSync(tmp, bin);
  }
  const nat = await runNativeAsync(bin);
  const vm = await runX64vmAsync(bin);
  assert.equal(nat.status, 0);
  assert.equal(vm.stderr.toString(), '');
  assert.equal(vm.status, nat.status);
  assert.equal(vm.stdout.toString(), nat.stdout.toString());
  t.diagnostic(`${nat.stdout.toString().split('\n').length - 1} lines compared`);
});
