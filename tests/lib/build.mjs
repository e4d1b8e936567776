// Shared helpers for the program-level differential tests.
//
// - listPrograms() / parseHeader(): the C programs in tests/programs and the
//   directives in their header comments.
// - buildProgram(name, variant) / buildProgramAsync(): compile one program as
//   `glibc` (gcc -static), `static-pie` (gcc -static-pie) or `musl`
//   (musl-gcc -static) into .cache/programs/<variant>/<name>, rebuilding only
//   when the source is newer than the binary.
// - runNative(path, opts) / runX64vm(path, opts) (and their *Async twins):
//   run a program and return { stdout: Buffer, stderr: Buffer, status, signal }.
// - compareRuns(): one assertion over all four observable results.
// - loadKnownFailures(): parse tests/corpus-known-failures.txt.
//
// Environment switches:
//   X64VM_SELFTEST=1   runX64vm runs the program natively instead of under
//                      x64vm, which checks the harness itself and that every
//                      program is deterministic (native vs native). In this
//                      mode the known-failure list is ignored.
//   X64VM_BIN=path     use this x64vm launcher instead of bin/x64vm.
//   X64VM_ARGS="..."   extra options passed to x64vm before PROGRAM.
//   X64VM_TIMEOUT=s    per-run timeout in seconds (default 120).
//   X64VM_TODO_TIMEOUT=s  timeout of the x64vm run for known-failure (TODO)
//                      cases (default 30), so that hangs of an incomplete
//                      emulator do not make the suite slow.
//   X64VM_TEST_JOBS=n  how many programs a test file runs at once (default 2).
//   X64VM_ONLY=regex   only register corpus/busybox cases whose name matches.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROGRAMS_DIR = path.join(REPO, 'tests', 'programs');
export const CACHE_DIR = path.join(REPO, '.cache', 'programs');
export const KNOWN_FAILURES_FILE = path.join(REPO, 'tests', 'corpus-known-failures.txt');
export const X64VM_BIN = process.env.X64VM_BIN
  ? path.resolve(process.env.X64VM_BIN)
  : path.join(REPO, 'bin', 'x64vm');
export const SELFTEST = process.env.X64VM_SELFTEST === '1';
export const TIMEOUT_MS = (Number(process.env.X64VM_TIMEOUT) || 120) * 1000;
export const TODO_TIMEOUT_MS = (Number(process.env.X64VM_TODO_TIMEOUT) || 30) * 1000;
export const JOBS = Math.max(1, Number(process.env.X64VM_TEST_JOBS) || 2);
export const ONLY = process.env.X64VM_ONLY ? new RegExp(process.env.X64VM_ONLY) : null;
export const MAX_BUFFER = 256 * 1024 * 1024;
export const IS_X64_HOST = process.arch === 'x64' && process.platform === 'linux';

export const VARIANTS = ['glibc', 'static-pie', 'musl', 'isa'];

/**
 * 'isa' is glibc -static at -O3 for the instruction set CPUID claims (x86-64-v2 with
 * BMI1/2, LZCNT, ADX, MOVBE, PCLMUL, AES): the compiler's vectorized and bit-manipulation
 * code, and glibc's ifunc choices for that CPU, on the same programs. Its flags come after
 * the default -O2, so -O3 wins unless a program's cflags choose an -O.
 */
const ISA_FLAGS = ['-march=x86-64-v2', '-mbmi', '-mbmi2', '-mlzcnt', '-madx', '-mmovbe', '-mpclmul', '-maes'];
const VARIANT_BUILD = {
  glibc: { cc: 'gcc', flags: ['-static'] },
  'static-pie': { cc: 'gcc', flags: ['-static-pie', '-fPIE'] },
  musl: { cc: 'musl-gcc', flags: ['-static'] },
  isa: { cc: 'gcc', flags: ['-static'], late: ['-O3', ...ISA_FLAGS] },
};

// Environment every program (native and emulated) runs with: fixed, small and
// independent of the environment of whoever runs the tests.
export const BASE_ENV = Object.freeze({
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LC_ALL: 'C',
  TZ: 'UTC',
  HOME: '/nonexistent',
});

// ---------------------------------------------------------------------------
// Small utilities

/** Split a string into words the way a shell would for simple quoting:
 *  whitespace separates words, '...' and "..." group, backslash escapes. */
export function shellSplit(s) {
  const words = [];
  let cur = '';
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'") {
      const j = s.indexOf("'", i + 1);
      if (j < 0) throw new Error(`unterminated ' in: ${s}`);
      cur += s.slice(i + 1, j);
      i = j;
      inWord = true;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\' && j + 1 < s.length) j++;
        cur += s[j];
      }
      if (j >= s.length) throw new Error(`unterminated " in: ${s}`);
      i = j;
      inWord = true;
    } else if (c === '\\' && i + 1 < s.length) {
      cur += s[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (inWord) words.push(cur);
  return words;
}

/** Interpret C-style escapes (\n \t \\ \xHH \0) in a header value. */
function unescapeC(s) {
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_, e) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', 0: '\0', '\\': '\\' }[e] ?? e;
  });
}

// ---------------------------------------------------------------------------
// Program headers

/**
 * Parse the directives in a program's leading comment block. Recognised lines
 * (each `// key: value`):
 *   args:       words passed as argv[1..] (shell-style quoting)
 *   stdin:      a file (relative to the repo root) fed as stdin
 *   stdin-text: a line of text fed as stdin (each such line adds value + "\n";
 *               C escapes \n \t \\ \xHH are interpreted)
 *   cflags:     extra compiler flags (replace the default -O2 if they hold -O)
 *   ldflags:    extra linker flags
 *   env:        NAME=value added to the environment (one per line; the value
 *               is the rest of the line)
 *   variants:   comma-separated subset of glibc,static-pie,musl,isa
 *   timeout:    per-run timeout in seconds
 */
export function parseHeader(src, name = '?') {
  const h = {
    args: [], stdin: null, stdinText: null, cflags: [], ldflags: [], env: {},
    variants: VARIANTS.slice(), timeout: null,
  };
  for (const raw of src.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (!line.startsWith('//')) break;
    const m = /^\/\/\s*([a-z-]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    const [, key, val] = m;
    switch (key) {
      case 'args': h.args.push(...shellSplit(val)); break;
      case 'stdin': h.stdin = val.trim(); break;
      case 'stdin-text': h.stdinText = (h.stdinText ?? '') + unescapeC(val) + '\n'; break;
      case 'cflags': h.cflags.push(...shellSplit(val)); break;
      case 'ldflags': h.ldflags.push(...shellSplit(val)); break;
      case 'env': {
        const eq = val.indexOf('=');
        if (eq <= 0) throw new Error(`${name}: bad env directive: ${val}`);
        h.env[val.slice(0, eq).trim()] = val.slice(eq + 1);
        break;
      }
      case 'variants': {
        h.variants = val.split(',').map((v) => v.trim()).filter(Boolean);
        for (const v of h.variants) {
          if (!VARIANTS.includes(v)) throw new Error(`${name}: unknown variant ${v}`);
        }
        break;
      }
      case 'timeout': h.timeout = Number(val) * 1000; break;
      default: break; // free-form comment such as "// note: ..."
    }
  }
  return h;
}

/** All programs: [{ name, src, header }] sorted by name. */
export function listPrograms() {
  return fs.readdirSync(PROGRAMS_DIR)
    .filter((f) => f.endsWith('.c'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -2);
      const src = path.join(PROGRAMS_DIR, f);
      return { name, src, header: parseHeader(fs.readFileSync(src, 'utf8'), name) };
    });
}

export function programInfo(name) {
  const src = path.join(PROGRAMS_DIR, `${name}.c`);
  return { name, src, header: parseHeader(fs.readFileSync(src, 'utf8'), name) };
}

/** The stdin bytes a program's header asks for (empty Buffer if none). */
export function programStdin(header) {
  if (header.stdin) return fs.readFileSync(path.resolve(REPO, header.stdin));
  if (header.stdinText !== null) return Buffer.from(header.stdinText, 'latin1');
  return Buffer.alloc(0);
}

/** Run options (args, stdin, env, timeout) for a program from its header. */
export function programRunOptions(info) {
  return {
    args: info.header.args,
    input: programStdin(info.header),
    env: { ...BASE_ENV, ...info.header.env },
    timeout: info.header.timeout ?? TIMEOUT_MS,
  };
}

// ---------------------------------------------------------------------------
// Compilers

const compilerCache = new Map();

/** null if the variant's compiler works, else a reason string. */
export function variantUnavailable(variant) {
  if (compilerCache.has(variant)) return compilerCache.get(variant);
  let reason = null;
  const cfg = VARIANT_BUILD[variant];
  if (!cfg) reason = `unknown variant ${variant}`;
  else {
    const r = spawnSync(cfg.cc, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) reason = `${cfg.cc} not found: variant ${variant} skipped`;
  }
  compilerCache.set(variant, reason);
  return reason;
}

export function binaryPath(name, variant) {
  return path.join(CACHE_DIR, variant, name);
}

function buildCommand(info, variant, out) {
  const cfg = VARIANT_BUILD[variant];
  const hasOpt = info.header.cflags.some((f) => /^-O/.test(f));
  const args = [
    ...cfg.flags,
    ...(hasOpt ? [] : ['-O2']),
    ...(cfg.late ?? []).filter((f) => !hasOpt || !/^-O/.test(f)),
    '-w', // warnings are not the point here; keep the build output quiet
    ...info.header.cflags,
    '-o', out, info.src,
    ...info.header.ldflags,
    '-lm',
  ];
  return { cc: cfg.cc, args };
}

function needsBuild(src, out) {
  try {
    return fs.statSync(src).mtimeMs > fs.statSync(out).mtimeMs;
  } catch {
    return true;
  }
}

/** Build synchronously; returns the binary path. Throws on failure. */
export function buildProgram(name, variant) {
  const why = variantUnavailable(variant);
  if (why) throw new Error(why);
  const info = programInfo(name);
  const out = binaryPath(name, variant);
  if (!needsBuild(info.src, out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp${process.pid}.${Math.random().toString(36).slice(2)}`;
  const { cc, args } = buildCommand(info, variant, tmp);
  const r = spawnSync(cc, args, { encoding: 'utf8', cwd: REPO });
  if (r.error || r.status !== 0) {
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw new Error(`build of ${name} (${variant}) failed: ${cc} ${args.join(' ')}\n${r.stderr ?? r.error}`);
  }
  fs.renameSync(tmp, out);
  return out;
}

/** Build asynchronously (lets several builds run at once). */
export async function buildProgramAsync(name, variant) {
  const why = variantUnavailable(variant);
  if (why) throw new Error(why);
  const info = programInfo(name);
  const out = binaryPath(name, variant);
  if (!needsBuild(info.src, out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.tmp${process.pid}.${Math.random().toString(36).slice(2)}`;
  const { cc, args } = buildCommand(info, variant, tmp);
  const r = await spawnAsync(cc, args, { cwd: REPO, input: Buffer.alloc(0), timeout: TIMEOUT_MS });
  if (r.status !== 0) {
    try { fs.unlinkSync(tmp); } catch { /* not created */ }
    throw new Error(`build of ${name} (${variant}) failed: ${cc} ${args.join(' ')}\n${r.stderr}`);
  }
  fs.renameSync(tmp, out);
  return out;
}

// ---------------------------------------------------------------------------
// Running

// Every run goes through `sh -c 'ulimit -c 0; exec "$0" "$@"'` so that a
// program that dies by SIGABRT/SIGSEGV never leaves a core file behind. The
// exec keeps the process (and its argv[0], status and signal) the program's.
const NO_CORE = ['-c', 'ulimit -c 0 2>/dev/null; exec "$0" "$@"'];

function nativeCommand(file, args) {
  return { cmd: '/bin/sh', argv: [...NO_CORE, file, ...args] };
}

function x64vmCommand(file, args, extra = []) {
  if (SELFTEST) return nativeCommand(file, args);
  const opts = process.env.X64VM_ARGS ? shellSplit(process.env.X64VM_ARGS) : [];
  return { cmd: '/bin/sh', argv: [...NO_CORE, process.execPath, X64VM_BIN, ...opts, ...extra, file, ...args] };
}

function spawnOptions(opts = {}) {
  return {
    cwd: opts.cwd ?? REPO,
    env: opts.env ?? { ...BASE_ENV },
    input: opts.input === undefined ? Buffer.alloc(0)
      : Buffer.isBuffer(opts.input) ? opts.input : Buffer.from(opts.input),
    timeout: opts.timeout ?? TIMEOUT_MS,
    maxBuffer: MAX_BUFFER,
    killSignal: 'SIGKILL',
  };
}

function normalise(r, timeout) {
  if (r.error && r.error.code === 'ETIMEDOUT') {
    return { stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr ?? Buffer.alloc(0),
      status: null, signal: r.signal, timedOut: true, timeoutMs: timeout };
  }
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal, timedOut: false };
}

/** Run a binary natively. opts: { args, input, env, cwd, timeout }. */
export function runNative(file, opts = {}) {
  const { cmd, argv } = nativeCommand(file, opts.args ?? []);
  const so = spawnOptions(opts);
  return normalise(spawnSync(cmd, argv, so), so.timeout);
}

/** Run a binary under x64vm (natively when X64VM_SELFTEST=1). */
export function runX64vm(file, opts = {}) {
  const { cmd, argv } = x64vmCommand(file, opts.args ?? [], opts.x64vmOptions);
  const so = spawnOptions(opts);
  return normalise(spawnSync(cmd, argv, so), so.timeout);
}

/** Run x64vm with exactly these command-line arguments (no program implied). */
export function runX64vmRaw(argv, opts = {}) {
  const so = spawnOptions(opts);
  return normalise(spawnSync(process.execPath, [X64VM_BIN, ...argv], so), so.timeout);
}

/** Like spawnSync but asynchronous; resolves to { stdout, stderr, status, signal, timedOut }. */
export function spawnAsync(cmd, argv, opts = {}) {
  const so = spawnOptions(opts);
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so that on timeout the
    // whole group (including anything it forked) can be killed.
    const child = spawn(cmd, argv, { cwd: so.cwd, env: so.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const killAll = () => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* gone */ } }
    };
    const out = [];
    const err = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let overflow = false;
    const timer = setTimeout(() => { timedOut = true; killAll(); }, so.timeout);
    child.stdout.on('data', (d) => {
      outLen += d.length;
      if (outLen > so.maxBuffer) { overflow = true; killAll(); } else out.push(d);
    });
    child.stderr.on('data', (d) => {
      errLen += d.length;
      if (errLen > so.maxBuffer) { overflow = true; killAll(); } else err.push(d);
    });
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (overflow) { reject(new Error(`${cmd}: output exceeds ${so.maxBuffer} bytes`)); return; }
      resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(err), status, signal, timedOut,
        timeoutMs: timedOut ? so.timeout : undefined });
    });
    // The program may exit without reading its stdin: ignore EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(so.input);
  });
}

export function runNativeAsync(file, opts = {}) {
  const { cmd, argv } = nativeCommand(file, opts.args ?? []);
  return spawnAsync(cmd, argv, opts);
}

export function runX64vmAsync(file, opts = {}) {
  const { cmd, argv } = x64vmCommand(file, opts.args ?? [], opts.x64vmOptions);
  return spawnAsync(cmd, argv, opts);
}

/** A path for messages: relative to the repo root when inside it. */
export function displayPath(p) {
  const rel = path.relative(REPO, p);
  return rel.startsWith('..') || path.isAbsolute(rel) ? p : rel;
}

/** Whether the emulated side can run at all; null if yes, else why not. */
export function x64vmUnavailable() {
  if (SELFTEST) return null;
  if (!fs.existsSync(X64VM_BIN)) return `${displayPath(X64VM_BIN)} does not exist yet`;
  return null;
}

/** Why native comparisons cannot run on this host, or null. */
export function hostUnsupported() {
  if (!IS_X64_HOST) return `host is ${process.platform}/${process.arch}, not linux/x64: native comparisons skipped`;
  return null;
}

// ---------------------------------------------------------------------------
// Comparison

function showBytes(b, limit = 2000) {
  const s = b.toString('latin1');
  return s.length > limit ? `${s.slice(0, limit)}... (${b.length} bytes)` : s;
}

function firstDiff(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function describe(r) {
  if (r.timedOut) return `timed out${r.timeoutMs ? ` after ${r.timeoutMs / 1000} s` : ''}`;
  return r.signal ? `killed by ${r.signal}` : `exit status ${r.status}`;
}

/** Assert that two runs are indistinguishable; the message says how they differ. */
export function compareRuns(native, emulated, label = '') {
  const problems = [];
  if (native.timedOut) problems.push(`native run ${describe(native)}`);
  if (emulated.timedOut) problems.push(`x64vm run ${describe(emulated)}`);
  if (native.status !== emulated.status || native.signal !== emulated.signal) {
    problems.push(`ending differs: native ${describe(native)}, x64vm ${describe(emulated)}`);
  }
  for (const stream of ['stdout', 'stderr']) {
    const a = native[stream];
    const b = emulated[stream];
    if (!a.equals(b)) {
      const at = firstDiff(a, b);
      const ctx = (x) => JSON.stringify(x.subarray(Math.max(0, at - 40), at + 40).toString('latin1'));
      problems.push(`${stream} differs at byte ${at} (native ${a.length} bytes, x64vm ${b.length} bytes)\n` +
        `  native: ${ctx(a)}\n  x64vm:  ${ctx(b)}`);
    }
  }
  if (problems.length) {
    const head = label ? `${label}: ` : '';
    assert.fail(`${head}${problems.join('\n')}\n--- x64vm stderr ---\n${showBytes(emulated.stderr)}`);
  }
}

// ---------------------------------------------------------------------------
// Known failures

/**
 * Parse tests/corpus-known-failures.txt. Each non-comment line is
 * `NAME VARIANT [reason...]` where NAME is a program name, `busybox`, or `*`
 * and VARIANT is a variant, a busybox case name, or `*`.
 * Returns a function (name, variant) -> reason string | null.
 */
export function loadKnownFailures(file = KNOWN_FAILURES_FILE) {
  const entries = [];
  let text = '';
  try { text = fs.readFileSync(file, 'utf8'); } catch { /* no file: nothing known to fail */ }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [name, variant = '*', ...rest] = line.split(/\s+/);
    entries.push({ name, variant, reason: rest.join(' ') });
  }
  return (name, variant) => {
    if (SELFTEST) return null;
    for (const e of entries) {
      if ((e.name === '*' || e.name === name) && (e.variant === '*' || e.variant === variant)) {
        return e.reason || `known failure (${displayPath(file)}: ${e.name} ${e.variant})`;
      }
    }
    return null;
  };
}

// ---------------------------------------------------------------------------
// A tiny promise pool: run fn over items with at most `jobs` at a time.

export function makeLimiter(jobs = JOBS) {
  let active = 0;
  const queue = [];
  const next = () => {
    if (active >= jobs || queue.length === 0) return;
    active++;
    const { fn, resolve, reject } = queue.shift();
    Promise.resolve().then(fn).then(resolve, reject).finally(() => { active--; next(); });
  };
  return (fn) => new Promise((resolve, reject) => { queue.push({ fn, resolve, reject }); next(); });
}
