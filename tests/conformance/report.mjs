// Conformance coverage report (issue 3): every instruction form of the ISA table that
// CPUID claims, with the number of inputs on which a hardware-differential tester
// compared x64vm with this machine, and the mismatches found.
//
//   npm run conformance              the testers at the amounts CI runs
//   npm run conformance -- --full    every stub raised to >= 1000 inputs (slow)
//   node tests/conformance/report.mjs --no-run   report from the last recorded runs
//
// How forms are counted. A form is one table def (src/cpu/isa/table.ts) with its
// opcode, mandatory prefix and ModRM constraints; the eight defs of a '+r' opcode are
// one form. A def is split by operand size when its size varies: 'v' defs into 16/32/64
// (only the sizes its flags allow: D64 16/64, F64 64, W0/W1), 'fixed' defs with a 'y'
// operand into 32/64; and into register and memory forms when it has an E/W/Q operand
// (or R../M..) and its ModRM is not restricted to one of them.
//
// How tests are matched to forms. Each tester records its test units
// (tests/conformance/record.mjs: a unit, the inputs compared with the hardware, the
// mismatches), written to .cache/conformance/*.jsonl on every run. Ways to credit:
//  - decoded (integer stubs and fault stubs, x87_insn snippets, the MMX program, the
//    forms program tests/native/conformance/simd.c): the unit is a symbol of the
//    tester's binary; this script decodes its machine code with x64vm's own decoder
//    and credits each instruction to the form the decoder chose, with the operand size
//    and register/memory kind it decoded. Integer stubs: every instruction of the stub
//    except the final jump back to the harness (multi-instruction stubs credit each);
//    x87 snippets: the instructions between the harness's popf and pushf; MMX and forms
//    programs: the bytes between the labels "unit:" and "unit_e:" around the
//    instruction(s) under test. Fault stubs show as 'decoded-fault': they compare the
//    fault (signal, details, state), which is all a user program sees of a privileged
//    or invalid instruction.
//  - name (the SSE programs, one input per output line): the line's first word names
//    the instruction; see parseWord/objectForms below. Weaker: a word credits every form
//    of its mnemonic present in the program's own object code that agrees with the
//    word's r/m or size suffix, so a form may be credited for inputs its sibling ran.
//    The table's last column says which way a form was matched.
//  - library (tests/f80.test.mjs): the soft-float routines behind the x87 tested on
//    their own; never coverage, shown in the 'f80 lib' column of the mnemonics whose
//    arithmetic the routine is.
// A form is covered when at least one input was compared with the hardware on a unit
// credited to it. Forms whose only user-mode behaviour is a fault (invalid in 64-bit
// mode, privileged) and that no fault stub runs are listed with the reason, apart from
// the gaps. Not attributed: the long-double C programs (ld_*.c), the SSE libm run, the
// MMX state and fault sections (they compare x87 state words and signal frames).

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONF = path.join(REPO, '.cache', 'conformance');
const argv = process.argv.slice(2);
const FULL = argv.includes('--full');
const NORUN = argv.includes('--no-run');
const FULL_CASES = 1000;

const TESTERS = [
  { test: 'tests/integer.test.mjs', env: FULL ? { X64VM_CONFORMANCE_CASES: String(FULL_CASES) } : {} },
  { test: 'tests/x87.test.mjs', env: FULL ? { X64VM_X87_COUNT: String(FULL_CASES) } : {} },
  { test: 'tests/mmx.test.mjs', env: FULL ? { X64VM_MMX_RAND: String(FULL_CASES) } : {} },
  { test: 'tests/sse.test.mjs', env: {} },
  { test: 'tests/sse42.test.mjs', env: FULL ? { X64VM_SSE42_FULL: String(FULL_CASES) } : {} },
  { test: 'tests/sse4.test.mjs', env: FULL ? { X64VM_SSE4_RAND: '100000', X64VM_SSE4_TRAP: '40000', X64VM_SSE4_INS: String(FULL_CASES) } : {} },
  { test: 'tests/conformance/forms.test.mjs', env: FULL ? { X64VM_CONFORMANCE_RAND: String(FULL_CASES) } : {} },
  // the soft-float library behind x87: its own column, not form coverage (see below)
  { test: 'tests/f80.test.mjs', env: {} },
];
// the knobs above, cleared in the quick mode (a caller's environment must not leak in)
const KNOBS = ['X64VM_CONFORMANCE_CASES', 'X64VM_CONFORMANCE_RAND', 'X64VM_X87_COUNT', 'X64VM_MMX_RAND', 'X64VM_SSE42_FULL', 'X64VM_SSE4_RAND', 'X64VM_SSE4_TRAP', 'X64VM_SSE4_INS'];

// ---- run the testers ------------------------------------------------------------------
let testFailed = false;
if (!NORUN) {
  fs.mkdirSync(CONF, { recursive: true });
  for (const f of fs.readdirSync(CONF)) if (f.endsWith('.jsonl')) fs.rmSync(path.join(CONF, f), { force: true });
  for (const t of TESTERS) {
    const env = { ...process.env, ...t.env };
    if (!FULL) { for (const k of KNOBS) delete env[k]; }
    // the sweep's runs take longer than the test helpers' per-run limit (a killed run
    // would show as missing output)
    else env.X64VM_TIMEOUT = env.X64VM_TIMEOUT ?? '7200';
    process.stderr.write(`conformance: running ${t.test}${FULL ? ` (>= ${FULL_CASES} inputs per stub)` : ''}\n`);
    const r = spawnSync(process.execPath, ['--test', t.test], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 28 });
    if (r.status !== 0) {
      testFailed = true;
      process.stderr.write(`conformance: ${t.test} failed (status ${r.status ?? r.signal})\n`);
      process.stderr.write(r.stdout.toString().split('\n').filter((l) => /^#|not ok|fail/.test(l.trim())).slice(0, 40).join('\n') + '\n');
    }
  }
}

// ---- the table's forms ----------------------------------------------------------------
const { defs } = await import(path.join(REPO, 'dist', 'cpu', 'isa', 'index.js'));
const { cpuid } = await import(path.join(REPO, 'dist', 'cpu', 'cpuid.js'));
const { decode } = await import(path.join(REPO, 'dist', 'cpu', 'decoder.js'));
const { Insn } = await import(path.join(REPO, 'dist', 'cpu', 'insn.js'));
const { Memory, P_R, P_X } = await import(path.join(REPO, 'dist', 'mem', 'memory.js'));

const D64 = 1, F64 = 2;
const bit = (v, n) => (v >>> n) & 1;
const [, , ecx1, edx1] = Array.from(cpuid(1, 0));
const [, ebx7, ecx7] = Array.from(cpuid(7, 0));
const [, , ecxE, edxE] = Array.from(cpuid(0x80000001, 0));
// def.feature names -> whether CPUID claims them; '' is the x86-64 baseline
const FEATURES = {
  '': 1, sse: bit(edx1, 25), sse2: bit(edx1, 26), mmx: bit(edx1, 23), fpu: bit(edx1, 0), cmov: bit(edx1, 15),
  cx8: bit(edx1, 8), sse3: bit(ecx1, 0), pclmulqdq: bit(ecx1, 1), ssse3: bit(ecx1, 9), fma: bit(ecx1, 12),
  cx16: bit(ecx1, 13), 'sse4.1': bit(ecx1, 19), 'sse4.2': bit(ecx1, 20), movbe: bit(ecx1, 22),
  popcnt: bit(ecx1, 23), aes: bit(ecx1, 25), xsave: bit(ecx1, 26), avx: bit(ecx1, 28), f16c: bit(ecx1, 29),
  rdrand: bit(ecx1, 30), bmi1: bit(ebx7, 3), avx2: bit(ebx7, 5), bmi2: bit(ebx7, 8), adx: bit(ebx7, 19),
  rdseed: bit(ebx7, 18), sha: bit(ebx7, 29), vaes: bit(ecx7, 9), lahf: bit(ecxE, 0), lzcnt: bit(ecxE, 5),
  abm: bit(ecxE, 5), syscall: bit(edxE, 11), rdtscp: bit(edxE, 27),
};
const claimed = (d) => (FEATURES[d.feature.toLowerCase()] ?? 0) === 1;

const hex2 = (n) => n.toString(16).toUpperCase().padStart(2, '0');
function opcodeText(d, plusR) {
  const t = [];
  if (d.pfx > 0) t.push(hex2(d.pfx)); else if (d.pfx === 0) t.push('NP');
  if (d.map >= 1) t.push('0F');
  if (d.map === 2) t.push('38');
  if (d.map === 3) t.push('3A');
  t.push(plusR ? `${hex2(d.op & 0xf8)}+r` : hex2(d.op));
  if (d.rm >= 0) t.push(hex2(0xc0 | (d.reg << 3) | d.rm));
  else {
    if (d.reg >= 0) t.push(`/${d.reg}`); else if (d.modrm) t.push('/r');
    if (d.mod === 1) t.push('mem'); else if (d.mod === 2) t.push('reg');
  }
  if (d.w === 0) t.push('W0'); else if (d.w === 1) t.push('W1');
  return t.join(' ');
}

/** The sizes (bits) a def's forms come in, or [0] when one size. */
function sizesOf(d) {
  if (d.size === 'v') {
    if (d.flags & F64) return [64];
    if (d.flags & D64) return [16, 64];
    if (d.w === 1) return [64];
    if (d.w === 0) return [16, 32];
    return [16, 32, 64];
  }
  if (d.size === 'fixed' && d.w === -1 && d.operands.some((o) => /^[A-Z]y$|\/My$|^Ry\//.test(o))) return [32, 64];
  return [0];
}
/** 'reg'/'mem' variants of a def: split only when the ModRM allows both for an E-like operand. */
function kindsOf(d) {
  if (!d.modrm || d.rm >= 0 || d.mod !== 0) return [''];
  if (d.operands.some((o) => /^[EWQ]/.test(o) || o.includes('/'))) return ['reg', 'mem'];
  return [''];
}

const forms = new Map(); // key -> form
const defGroup = new Map(); // def -> group key (the +r families collapse)
for (const d of defs) {
  const plusR = d.operands.some((o) => /^Z/.test(o)) && !d.modrm;
  const g = [d.name, d.operands.join(','), opcodeText(d, plusR), d.feature].join('|');
  defGroup.set(d, g);
  for (const s of sizesOf(d)) for (const k of kindsOf(d)) {
    const key = `${g}|${s}|${k}`;
    if (forms.has(key)) continue;
    forms.set(key, {
      key, name: d.name, operands: d.operands.join(','), opcode: opcodeText(d, plusR), size: s, kind: k,
      feature: d.feature || 'base', claimed: claimed(d), inputs: 0, mismatches: 0, units: 0, via: new Set(), testers: new Set(), lib: 0, libMis: 0,
    });
  }
}
function formOf(insn) {
  const d = insn.def;
  const s = sizesOf(d);
  const size = s.length === 1 ? s[0] : insn.opsize * 8;
  const k = kindsOf(d);
  const kind = k.length === 1 ? k[0] : insn.mod === 3 ? 'reg' : 'mem';
  return forms.get(`${defGroup.get(d)}|${size}|${kind}`);
}

// ---- the units' machine code ------------------------------------------------------------
const mem = new Memory();
const loaded = new Map(); // binary -> symbols
let current = null; // the binary whose segments are in `mem` (static binaries overlap)
function load(bin) {
  const have = loaded.get(bin);
  if (have) {
    if (current !== bin) { for (const [va, bytes] of have.segs) mem.u8.set(bytes, va); current = bin; }
    return have;
  }
  const segs = [];
  const f = fs.readFileSync(bin);
  const phoff = Number(f.readBigUInt64LE(0x20)), phent = f.readUInt16LE(0x36), phnum = f.readUInt16LE(0x38);
  for (let k = 0; k < phnum; k++) {
    const o = phoff + k * phent;
    if (f.readUInt32LE(o) !== 1) continue; // PT_LOAD
    const flags = f.readUInt32LE(o + 4);
    if (!(flags & 1)) continue; // executable segments only
    const off = Number(f.readBigUInt64LE(o + 8)), va = Number(f.readBigUInt64LE(o + 16)), sz = Number(f.readBigUInt64LE(o + 32));
    mem.u8.set(f.subarray(off, off + sz), va);
    mem.protect(va, sz, P_R | P_X);
    segs.push([va, f.subarray(off, off + sz)]);
  }
  const nm = spawnSync('nm', ['-n', bin], { encoding: 'utf8' });
  if (nm.status !== 0) throw new Error(`nm ${bin} failed`);
  const syms = nm.stdout.trim().split('\n').map((l) => l.split(' ')).filter((x) => x.length === 3 && /[tT]/.test(x[1]))
    .map(([a, , n]) => ({ addr: parseInt(a, 16), name: n }));
  const byName = new Map();
  syms.forEach((s, k) => {
    // the last code symbol ends with its segment (the next symbols are data)
    const seg = segs.find(([va, b]) => s.addr >= va && s.addr < va + b.length);
    let end = seg ? seg[0] + seg[1].length : s.addr;
    let last = true;
    for (let j = k + 1; j < syms.length; j++) if (syms[j].addr > s.addr) { end = syms[j].addr; last = false; break; }
    byName.set(s.name, { start: s.addr, end, last, save: null });
  });
  const r = { byName, save: byName.get('save_state')?.start, segs };
  loaded.set(bin, r);
  current = bin;
  return r;
}

/**
 * The forms a unit executes (decoded straight-line; the last jump to the harness is not
 * counted). harness 'popf-pushf': only the instructions between the harness's popf and
 * pushf (the x87 snippets load and save the state around the instruction under test).
 */
function unitForms(bin, unit, harness) {
  const { byName, save } = load(bin);
  const u = byName.get(unit);
  if (!u) return { forms: [], error: `no symbol ${unit}` };
  if (harness === 'popf-pushf') {
    const all = [];
    for (let a = u.start; a < u.end;) {
      const insn = new Insn();
      try { decode(mem, a, insn); } catch { return { forms: [], error: `bytes at ${unit}+${a - u.start} are no table form (#UD)` }; }
      all.push(insn);
      if (insn.def.name === 'ret') break;
      a = insn.next;
    }
    const from = all.findIndex((i) => i.def.name === 'popf');
    let to = -1;
    for (let k = all.length - 1; k >= 0; k--) if (all[k].def.name === 'pushf') { to = k; break; }
    if (from < 0 || to <= from) return { forms: [], error: 'no popf ... pushf in the snippet' };
    return { forms: all.slice(from + 1, to).map(formOf).filter(Boolean) };
  }
  const out = [];
  for (let a = u.start; a < u.end;) {
    const insn = new Insn();
    // #UD bytes (the fault stubs test them on purpose) are no table form: stop there
    try { decode(mem, a, insn); } catch { return { forms: out, error: `bytes at ${unit}+${a - u.start} are no table form (#UD)` }; }
    const d = insn.def;
    const target = (insn.next + insn.imm) >>> 0;
    // (a stub may jump to the harness in its middle and go on at a label after it; the
    // last code symbol has no next symbol to end it: there its first jump back ends it)
    const isExit = d.name === 'jmp' && ((insn.next >= u.end && (save === undefined || target === save || insn.next === u.end)) ||
      (u.last && save !== undefined && target === save));
    if (isExit) break;
    const f = formOf(insn);
    if (f) out.push(f);
    a = insn.next;
  }
  return { forms: out };
}

// ---- name-matched testers: the forms in the program's own code ------------------------------
// The SSE programs print the instruction's name at the start of each line (addpsr:
// addps, register source; cvtsd2si64: 64-bit destination; movd_load_m ...). A line is
// credited to the forms of that mnemonic that the program's own object code contains
// (compiled with the tester's compiler and flags, decoded with x64vm's decoder),
// narrowed by the suffix's register/memory or size hint. Words that are no mnemonic
// (movu_mova, fences, ...) are listed in the notes and credit nothing.
const objCache = new Map();
function objectForms(source, cc) {
  const key = `${source}|${cc}`;
  if (objCache.has(key)) return objCache.get(key);
  const dir = path.join(CONF, 'obj');
  fs.mkdirSync(dir, { recursive: true });
  const obj = path.join(dir, `${path.basename(source, '.c')}-${cc}.o`);
  const r = spawnSync(cc, ['-O2', '-w', '-c', '-o', obj, source], { encoding: 'utf8' });
  const set = new Set();
  if (r.status !== 0) { notes.push(`${cc} -c ${source} failed`); objCache.set(key, set); return set; }
  const h = spawnSync('objdump', ['-h', obj], { encoding: 'utf8' }).stdout;
  const secs = [...h.matchAll(/^\s*\d+\s+(\.text\S*)\s+([0-9a-f]+)/gm)].map((m) => m[1]);
  const BASE = 0x7000000; // a scratch page range of the decoder's memory
  for (const sec of secs) {
    const bin = `${obj}.${sec.replace(/\W/g, '_')}.bin`;
    if (spawnSync('objcopy', ['-O', 'binary', `--only-section=${sec}`, obj, bin]).status !== 0) continue;
    const bytes = fs.readFileSync(bin);
    mem.protect(BASE, bytes.length + 16, P_R | P_X);
    mem.u8.fill(0x90, BASE, BASE + bytes.length + 16);
    mem.u8.set(bytes, BASE);
    for (let a = BASE; a < BASE + bytes.length;) {
      const insn = new Insn();
      try { decode(mem, a, insn); } catch { a++; continue; }
      const f = formOf(insn);
      if (f) set.add(f);
      a = insn.next;
    }
  }
  objCache.set(key, set);
  return set;
}
const names = new Set(defs.map((d) => d.name));
function parseWord(w) {
  if (names.has(w)) return { name: w };
  let m = /^(.*)([rm])$/.exec(w);
  if (m && names.has(m[1])) return { name: m[1], kind: m[2] === 'r' ? 'reg' : 'mem' };
  m = /^(.*?)(32|64)$/.exec(w);
  if (m && names.has(m[1])) return { name: m[1], size: +m[2] };
  const parts = w.split('_');
  if (parts.length > 1 && names.has(parts[0])) {
    const last = parts[parts.length - 1];
    return { name: parts[0], kind: last === 'm' ? 'mem' : last === 'r' ? 'reg' : undefined };
  }
  return null;
}

// ---- credit the recorded units --------------------------------------------------------------
// f80.test.mjs operations -> the x87 mnemonics computed by that library routine
const F80_OPS = {
  add: ['fadd', 'faddp', 'fiadd'], sub: ['fsub', 'fsubp', 'fsubr', 'fsubrp', 'fisub', 'fisubr'],
  mul: ['fmul', 'fmulp', 'fimul'], div: ['fdiv', 'fdivp', 'fdivr', 'fdivrp', 'fidiv', 'fidivr'], sqrt: ['fsqrt'],
  cmp: ['fcom', 'fcomp', 'fcompp', 'fcomi', 'fcomip', 'ficom', 'ficomp'], ucmp: ['fucom', 'fucomp', 'fucompp', 'fucomi', 'fucomip'],
  tst: ['ftst'], xam: ['fxam'], rndint: ['frndint'], scale: ['fscale'], xtract: ['fxtract'], prem: ['fprem'], prem1: ['fprem1'],
  const: ['fld1', 'fldl2t', 'fldl2e', 'fldpi', 'fldlg2', 'fldln2', 'fldz'], st64: ['fst', 'fstp'], st32: ['fst', 'fstp'],
  ist16: ['fist', 'fistp'], ist32: ['fist', 'fistp'], ist64: ['fistp'], itt16: ['fisttp'], itt32: ['fisttp'], itt64: ['fisttp'],
  bst: ['fbstp'], ld64: ['fld'], ld32: ['fld'], ild16: ['fild'], ild32: ['fild'], ild64: ['fild'], bld: ['fbld'],
};
const byName = new Map();
for (const f of forms.values()) { if (!byName.has(f.name)) byName.set(f.name, []); byName.get(f.name).push(f); }
let libInputs = 0, libMismatches = 0;
const notes = [];
const unnamed = {};
let truncated = 0;
let units = 0, unitInputs = 0, unitMismatches = 0;
const records = fs.existsSync(CONF) ? fs.readdirSync(CONF).filter((f) => f.endsWith('.jsonl')).sort() : [];
if (!records.length) notes.push('no tester recorded anything (skipped on this host?)');
for (const rec of records) {
  const lines = fs.readFileSync(path.join(CONF, rec), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const meta = lines.shift().meta;
  for (const u of lines) {
    units++; unitInputs += u.inputs; unitMismatches += u.mismatches;
    if (u.truncated) { truncated++; notes.push(`${meta.tester} ${u.unit} (${u.name}): the x64vm run ended inside it: ${u.truncated} inputs not compared`); }
    if (!u.inputs) continue;
    let credited, via;
    if (meta.mode === 'library') {
      // the soft-float library's own test: not an instruction, so never coverage; shown
      // in the 'f80 lib' column of the x87 forms whose arithmetic this operation is
      for (const m of F80_OPS[u.unit] ?? []) for (const f of byName.get(m) ?? []) { f.lib += u.inputs; f.libMis += u.mismatches; }
      if (!F80_OPS[u.unit]) notes.push(`${meta.tester}: operation "${u.unit}" maps to no x87 mnemonic`);
      libInputs += u.inputs; libMismatches += u.mismatches;
      continue;
    }
    if (meta.mode === 'name') {
      via = 'name';
      const p = parseWord(u.unit);
      if (!p) { (unnamed[meta.tester] ??= []).push(`${u.unit} (${u.inputs})`); continue; }
      credited = [...objectForms(meta.source, meta.cc)].filter((f) => f.name === p.name &&
        (!p.kind || !f.kind || f.kind === p.kind) && (!p.size || !f.size || f.size === p.size));
      if (!credited.length) { notes.push(`${meta.tester}: "${u.unit}": no ${p.name} form in the program's code`); continue; }
    } else {
      // a fault stub compares the fault (signal, its details, the state at it), not a result
      via = meta.tester === 'integer-faults' ? 'decoded-fault' : 'decoded';
      const { forms: fs_, error } = unitForms(meta.binary, u.unit, meta.harness);
      if (error) notes.push(`${meta.tester} ${u.unit} (${u.name}): ${error}`);
      credited = [...new Set(fs_)];
    }
    for (const f of credited) { f.inputs += u.inputs; f.mismatches += u.mismatches; f.units++; f.via.add(via); f.testers.add(meta.tester.split(' ')[0]); }
  }
}

for (const [t, ws] of Object.entries(unnamed)) notes.push(`${t}: words that are no mnemonic, lines not credited to a form: ${ws.join(', ')}`);

// ---- forms that fault by design in user mode ---------------------------------------------------
// Their only behaviour a user program can see is the fault: the integer fault stubs compare
// it (signal, si_code, address, state) and are credited as 'decoded-fault'. One that no
// fault stub runs is listed with its reason instead of as a gap.
const PRIVILEGED = new Set(['hlt', 'cli', 'sti', 'clts', 'in', 'out', 'ins', 'outs', 'invd', 'wbinvd', 'rdmsr', 'wrmsr']);
function byDesign(f) {
  if (f.name === '(invalid)') return '#UD in 64-bit mode (an opcode of the 32-bit ISA)';
  if (/^ud[012]$/.test(f.name)) return '#UD by definition';
  if (f.name === 'cmpxchg8b' && f.opcode.includes('reg')) return '#UD (register form)';
  if (/^int[13]?$/.test(f.name)) return 'a software interrupt: its signal is its behaviour';
  if (PRIVILEGED.has(f.name) || (f.name === 'mov' && /\b[CD]d\b/.test(f.operands))) return 'privileged: #GP in user mode';
  return null;
}

// ---- the table ----------------------------------------------------------------------------
const all = [...forms.values()];
const claimedForms = all.filter((f) => f.claimed);
const covered = claimedForms.filter((f) => f.inputs > 0);
const uncovered = claimedForms.filter((f) => f.inputs === 0 && !byDesign(f));
const untestable = claimedForms.filter((f) => f.inputs === 0 && byDesign(f));
const label = (f) => `${f.name} ${f.operands}${f.size ? ` ${f.size}` : ''}${f.kind ? ` ${f.kind}` : ''}  [${f.opcode}]`;
const w = Math.max(...claimedForms.map((f) => label(f).length));
const out = [];
out.push(`x64vm conformance coverage (${NORUN ? 'from the runs last recorded in .cache/conformance' : FULL ? `full: >= ${FULL_CASES} inputs per unit where the tester has a knob` : 'quick: the CI amounts'})`);
out.push(`forms: ISA table defs x operand size x register/memory, in the feature set CPUID claims`);
out.push('');
out.push(`'f80 lib': inputs of tests/f80.test.mjs (the soft-float routine behind the x87 mnemonic, tested on its own; ` +
  'not coverage of the decoded instruction), mismatches after a slash');
out.push('');
out.push(`${'form'.padEnd(w)}  ${'inputs'.padStart(9)}  ${'mismatches'.padStart(10)}  ${'f80 lib'.padStart(12)}  matched by`);
for (const f of claimedForms) {
  const lib = f.lib ? `${f.lib}/${f.libMis}` : '';
  out.push(`${label(f).padEnd(w)}  ${String(f.inputs).padStart(9)}  ${String(f.mismatches).padStart(10)}  ${lib.padStart(12)}  ` +
    `${f.inputs ? [...f.via].sort().join('+') : 'NOT COVERED'}`);
}
out.push('');
const faultOnly = claimedForms.filter((f) => f.inputs > 0 && !f.via.has('decoded') && !f.via.has('name'));
out.push(`forms whose user-mode behaviour is a fault, compared as such by the fault stubs (${faultOnly.length}):`);
for (const f of faultOnly) out.push(`  ${label(f)}: ${byDesign(f) ?? 'run only inside fault stubs'}`);
out.push('');
out.push(`forms not testable in user mode and run by no fault stub (${untestable.length}):`);
for (const f of untestable) out.push(`  ${label(f)}: ${byDesign(f)}`);
out.push('');
out.push(`forms NOT covered (${uncovered.length}):`);
for (const f of uncovered) out.push(`  ${label(f)}`);
// the --full promise: >= FULL_CASES inputs per form; the forms below it, by tester
const thin = covered.filter((f) => f.inputs < FULL_CASES && !(f.via.size === 1 && f.via.has('decoded-fault')));
const thinBy = new Map();
for (const f of thin) { const k = [...f.testers].sort().join('+'); if (!thinBy.has(k)) thinBy.set(k, []); thinBy.get(k).push(f); }
out.push('', `covered forms below ${FULL_CASES} inputs (fault-only forms aside): ${thin.length}`);
for (const [k, fs_] of [...thinBy].sort((x, y) => y[1].length - x[1].length)) {
  out.push(`  ${k} (${fs_.length}):`);
  for (const f of fs_) out.push(`    ${label(f)}  ${f.inputs}`);
}
if (notes.length) { out.push('', 'notes:'); for (const n of notes) out.push(`  ${n}`); }
const totalInputs = covered.reduce((a, f) => a + f.inputs, 0);
const totalMis = claimedForms.reduce((a, f) => a + f.mismatches, 0);
out.push('');
out.push(`forms in the table: ${all.length}; in the claimed feature set: ${claimedForms.length}`);
out.push(`forms covered: ${covered.length} (decoded from the tested code: ${covered.filter((f) => f.via.has('decoded')).length}; ` +
  `only by name: ${covered.filter((f) => !f.via.has('decoded') && f.via.has('name')).length}; only as a fault: ${faultOnly.length}); ` +
  `not testable in user mode: ${untestable.length}; NOT covered: ${uncovered.length}`);
out.push(`test units: ${units}; inputs compared: ${unitInputs}; mismatching inputs: ${unitMismatches}`);
out.push(`inputs credited to forms (a multi-instruction unit counts for each form): ${totalInputs}; mismatches so credited: ${totalMis}`);
if (libInputs) out.push(`f80 library inputs (own column, not coverage): ${libInputs}; mismatching: ${libMismatches}`);
if (testFailed) out.push('a tester failed (its output above): its runs may be incomplete');
const text = out.join('\n') + '\n';
fs.mkdirSync(CONF, { recursive: true });
fs.writeFileSync(path.join(CONF, 'report.txt'), text);
process.stdout.write(text);
if (unitMismatches > 0 || libMismatches > 0 || testFailed || truncated > 0) process.exitCode = 1;
