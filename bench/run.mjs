#!/usr/bin/env node
// x64vm benchmark harness: builds the C programs in bench/programs/ with
// `gcc -O2 -static` into .cache/bench/, runs each natively, under qemu-x86_64
// (when installed) and under x64vm (`node bin/x64vm`) in both tiers: the JIT
// (--jit=on) and the interpreter alone (--jit=off, at a reduced scale since it is
// slow), checks that every run prints the same output as the native run, and
// prints a table of wall times and ratios, their geometric means and the startup.
//
//   node bench/run.mjs [--scale F] [--interp-scale F | --no-interp] [--only a,b]
//                      [--runs N] [--timeout S] [--x64vm-args "..."] [--json FILE]
//
// Node standard library only. See bench/README.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH, '..');
const CACHE = path.join(ROOT, '.cache', 'bench');
const GEN_DIR = path.join(CACHE, 'gen');
const REF_DIR = path.join(CACHE, 'ref');
// X64VM (environment) may point at another x64vm entry script, e.g. in another checkout.
const X64VM = process.env.X64VM ? path.resolve(process.env.X64VM) : path.join(ROOT, 'bin', 'x64vm');

// How a program's argv[1] follows --scale, so that the *work* scales by F:
//   linear: size * F;  cbrt: size * F^(1/3) (O(n^3) work);
//   fib: n + log_phi(F) (O(phi^n) work);  fixed: not scaled (startup/warm-up).
const PROGRAMS = [
  { name: 'sieve', size: 20000000, scaling: 'linear' },
  { name: 'nbody', size: 2000000, scaling: 'linear' },
  { name: 'xorshift', size: 100000000, scaling: 'linear' },
  { name: 'fib', size: 36, scaling: 'fib' },
  { name: 'strings', size: 3000000, scaling: 'linear' },
  { name: 'qsort', size: 2000000, scaling: 'linear' },
  { name: 'matmul', size: 500, scaling: 'cbrt' },
  { name: 'manyfuncs', size: 1, scaling: 'fixed', generated: 'gen-manyfuncs.mjs' },
  { name: 'hello', size: 1, scaling: 'fixed', startup: true },
];
// Startup-sized measurements (hello, the node floor) are cheap and noisy:
// they always take the minimum of at least this many runs.
const STARTUP_MIN_RUNS = 5;
const DEFAULT_INTERP_SCALE = 0.05;

const USAGE = `usage: node bench/run.mjs [options]     (or: npm run bench -- [options])

  --scale F           multiply every default size by F (default 1) for the native,
                      qemu and x64vm JIT runs. fib scales n so that its work scales
                      by F, matmul scales N by F^(1/3); hello and manyfuncs are never
                      scaled.
  --interp-scale F    the scale of the interpreter runs (x64vm --jit=off), default
                      ${DEFAULT_INTERP_SCALE}: the interpreter is too slow for scale 1. qemu also runs
                      at this scale, for the interpreter/qemu ratio.
  --no-interp         leave the interpreter out
  --only a,b          run only these programs (${PROGRAMS.map((p) => p.name).join(', ')})
  --runs N            run each program N times per engine, report the minimum (default 1)
  --timeout S         per-run time limit in seconds (default 120); a run over it
                      shows as '>S s'
  --x64vm-args "..."  extra arguments for x64vm (both tiers), before the program
  --json FILE         also write the results as JSON to FILE
  --help              this text

Environment: CC (default gcc; x86_64-linux-gnu-gcc on other hosts), QEMU
(default qemu-x86_64), X64VM (x64vm entry script, default bin/x64vm).`;

// ---------------------------------------------------------------- options

function splitArgs(s) {
  // Minimal shell-like word splitting: whitespace, '...' and "..." quoting.
  const out = [];
  let cur = '', inWord = false, quote = null;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch; inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) { out.push(cur); cur = ''; inWord = false; }
    } else {
      cur += ch; inWord = true;
    }
  }
  if (inWord) out.push(cur);
  return out;
}

function die(msg) {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

function parseOptions(argv) {
  const opt = { scale: 1, interpScale: DEFAULT_INTERP_SCALE, only: null, runs: 1, timeout: 120, x64vmArgs: [], json: null };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i], val;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) { val = a.slice(eq + 1); a = a.slice(0, eq); }
    const need = () => {
      if (val !== undefined) return val;
      if (i + 1 >= argv.length) die(`${a} needs a value`);
      return argv[++i];
    };
    const num = (v, what) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) die(`${what} must be a positive number, got '${v}'`);
      return n;
    };
    switch (a) {
      case '--scale': opt.scale = num(need(), '--scale'); break;
      case '--interp-scale': opt.interpScale = num(need(), '--interp-scale'); break;
      case '--no-interp': opt.interpScale = null; break;
      case '--runs': opt.runs = Math.max(1, Math.floor(num(need(), '--runs'))); break;
      case '--timeout': opt.timeout = num(need(), '--timeout'); break;
      case '--x64vm-args': opt.x64vmArgs = splitArgs(need()); break;
      case '--json': opt.json = path.resolve(need()); break;
      case '--only': {
        opt.only = need().split(',').map((s) => s.trim()).filter(Boolean);
        const unknown = opt.only.filter((n) => !PROGRAMS.some((p) => p.name === n));
        if (unknown.length) die(`unknown program(s): ${unknown.join(', ')}; known: ${PROGRAMS.map((p) => p.name).join(', ')}`);
        break;
      }
      case '-h': case '--help': console.log(USAGE); process.exit(0);
      default: die(`unknown option '${argv[i]}'\n${USAGE}`);
    }
  }
  return opt;
}

function scaledSize(prog, scale) {
  switch (prog.scaling) {
    case 'fixed': return prog.size;
    case 'linear': return Math.max(1, Math.round(prog.size * scale));
    case 'cbrt': return Math.max(1, Math.round(prog.size * Math.cbrt(scale)));
    case 'fib': return Math.max(1, Math.round(prog.size + Math.log(scale) / Math.log((1 + Math.sqrt(5)) / 2)));
    default: throw new Error(`bad scaling ${prog.scaling}`);
  }
}

// ---------------------------------------------------------------- helpers

function commandWorks(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 20000 });
  if (r.error || r.status !== 0) return null;
  return (r.stdout.toString().split('\n')[0] || '').trim() || cmd;
}

const mtime = (f) => { try { return fs.statSync(f).mtimeMs; } catch { return -1; } };
const log = (s) => process.stderr.write(s + '\n');
const firstLine = (buf, max = 200) => {
  const s = (buf ? buf.toString() : '').split('\n').map((l) => l.trim()).filter(Boolean);
  const l = s.length ? s[0] : '';
  return l.length > max ? l.slice(0, max) + '...' : l;
};

// ---------------------------------------------------------------- building

async function ensureGenerated(prog) {
  const script = path.join(BENCH, prog.generated);
  const header = path.join(GEN_DIR, `${prog.name}.gen.h`);
  if (mtime(header) < mtime(script)) {
    const mod = await import(pathToFileURL(script).href);
    fs.mkdirSync(GEN_DIR, { recursive: true });
    fs.writeFileSync(header + '.tmp', mod.generate());
    fs.renameSync(header + '.tmp', header);
    log(`generated ${path.relative(ROOT, header)}`);
  }
  return [script, header];
}

async function build(prog, cc) {
  const src = path.join(BENCH, 'programs', `${prog.name}.c`);
  const out = path.join(CACHE, prog.name);
  if (!fs.existsSync(src)) throw new Error(`missing source ${src}`);
  const deps = [src];
  if (prog.generated) deps.push(...(await ensureGenerated(prog)));
  const newest = Math.max(...deps.map(mtime));
  if (mtime(out) >= newest) return out;
  if (!cc) {
    if (fs.existsSync(out)) return out;        // prebuilt binary, no x86-64 compiler here
    throw new Error(`cannot build ${prog.name}: no x86-64 C compiler (set CC, e.g. CC=x86_64-linux-gnu-gcc) and no prebuilt ${path.relative(ROOT, out)}`);
  }
  const args = ['-O2', '-static', '-o', out + '.tmp', src, '-I', GEN_DIR, '-lm'];
  log(`building: ${cc} ${args.map((a) => path.isAbsolute(a) ? path.relative(ROOT, a) : a).join(' ')}`);
  const r = spawnSync(cc, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) throw new Error(`compiling ${prog.name} failed${r.error ? ': ' + r.error.message : ''}`);
  fs.renameSync(out + '.tmp', out);
  // Reference outputs belong to the old binary.
  for (const f of fs.existsSync(REF_DIR) ? fs.readdirSync(REF_DIR) : [])
    if (f.startsWith(prog.name + '-')) fs.rmSync(path.join(REF_DIR, f), { force: true });
  return out;
}

// ---------------------------------------------------------------- running

function runOnce(cmd, args, timeoutS, env = process.env) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: Math.round(timeoutS * 1000),
    killSignal: 'SIGKILL',
    maxBuffer: 64 << 20,
  });
  const time = Number(process.hrtime.bigint() - t0) / 1e9;
  const stderr = r.stderr;
  if (r.error) {
    if (r.error.code === 'ETIMEDOUT') return { status: 'timeout', time };
    return { status: 'fail', time, detail: r.error.message, stderr };
  }
  if (r.signal) return { status: 'fail', time, detail: `killed by ${r.signal}`, stderr };
  if (r.status !== 0) return { status: 'fail', time, detail: `exit status ${r.status}`, stderr };
  return { status: 'ok', time, stdout: r.stdout, stderr };
}

// Runs up to `runs` times; keeps the fastest successful run, stops at the
// first failure or timeout.
function measure(cmd, args, runs, timeoutS, env) {
  let best = null;
  for (let i = 0; i < runs; i++) {
    const r = runOnce(cmd, args, timeoutS, env);
    if (r.status !== 'ok') return r;
    if (i > 0 && !r.stdout.equals(best.stdout))
      return { status: 'fail', time: r.time, detail: 'output differs between runs' };
    if (!best || r.time < best.time) best = r;
  }
  return best;
}

function describeMismatch(got, want, wantName) {
  const g = got.toString().split('\n'), w = want.toString().split('\n');
  for (let i = 0; i < Math.max(g.length, w.length); i++)
    if (g[i] !== w[i]) {
      const cut = (s) => s === undefined ? '<end of output>' : JSON.stringify(s.length > 100 ? s.slice(0, 100) + '...' : s);
      return `output differs from ${wantName} at line ${i + 1}: got ${cut(g[i])}, expected ${cut(w[i])}`;
    }
  return `output differs from ${wantName}`;
}

// ---------------------------------------------------------------- formatting

const fmtTime = (t) => t >= 100 ? t.toFixed(1) : t >= 10 ? t.toFixed(2) : t.toFixed(3);
const fmtRatio = (r) => r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2);
const fmtMs = (t) => `${(t * 1000).toFixed(1)} ms`;

function cellText(cell, timeoutS) {
  if (!cell) return '-';
  switch (cell.status) {
    case 'ok': return fmtTime(cell.time) + (cell.unverified ? '*' : '');
    case 'timeout': return `>${timeoutS} s`;
    case 'fail': return 'FAIL';
    case 'unavailable': return 'n/a';
    default: return '-';
  }
}

// x64vm time / other time; a lower bound ('>N') when x64vm timed out.
function ratio(x, other, timeoutS) {
  if (!x || !other || other.status !== 'ok') return null;
  if (x.status === 'ok') return { value: x.time / other.time, text: fmtRatio(x.time / other.time) };
  if (x.status === 'timeout') return { lowerBound: timeoutS / other.time, text: '>' + fmtRatio(timeoutS / other.time) };
  return null;
}

function geomean(values) {
  if (!values.length) return null;
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}

function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])).join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

// ---------------------------------------------------------------- main

async function main() {
  const opt = parseOptions(process.argv.slice(2));
  const programs = PROGRAMS.filter((p) => !opt.only || opt.only.includes(p.name));
  // X64VM_BENCH_FOREIGN_HOST=1 pretends to be a non-x86-64 host (to test that path).
  const hostIsX64Linux = process.arch === 'x64' && process.platform === 'linux' && !process.env.X64VM_BENCH_FOREIGN_HOST;
  const interp = opt.interpScale !== null;
  const notes = [];

  if (!hostIsX64Linux)
    notes.push(`NOTE: this host is ${process.platform}/${process.arch}, not x86-64 Linux: ` +
      'the native and qemu columns are skipped (x64vm results are checked against cached native outputs when present).');

  const ccName = process.env.CC || (hostIsX64Linux ? 'gcc' : 'x86_64-linux-gnu-gcc');
  const ccVersion = commandWorks(ccName);
  const cc = ccVersion ? ccName : null;

  const qemuName = process.env.QEMU || 'qemu-x86_64';
  const qemuVersion = hostIsX64Linux ? commandWorks(qemuName) : null;
  if (hostIsX64Linux && !qemuVersion)
    notes.push(`NOTE: ${qemuName} not found; qemu column empty (install it with: apt-get install qemu-user).`);
  const x64vmPresent = fs.existsSync(X64VM);
  if (!x64vmPresent) notes.push(`NOTE: ${path.relative(ROOT, X64VM)} does not exist yet; x64vm columns show FAIL.`);
  if (process.env.X64VM_OPTIONS)
    notes.push(`NOTE: X64VM_OPTIONS=${process.env.X64VM_OPTIONS} applies to every x64vm run (--jit=on/off on the command line still wins).`);

  for (const n of notes) log(n);

  // Build.
  fs.mkdirSync(CACHE, { recursive: true });
  const binaries = new Map();
  for (const p of programs) {
    try { binaries.set(p.name, await build(p, cc)); }
    catch (e) { die(e.message); }
  }

  // Engines: key, command, and whether it runs at the interpreter's scale.
  // x64vm as users start it: the launcher itself (bin/x64vm's first lines exec node with
  // its V8 flags), or through node where it cannot be executed
  const direct = process.platform !== 'win32' && (() => { try { fs.accessSync(X64VM, fs.constants.X_OK); return true; } catch { return false; } })();
  const x64vmCmd = (tier) => (bin, args) => direct
    ? [X64VM, [...opt.x64vmArgs, tier, bin, ...args]]
    : [process.execPath, [X64VM, ...opt.x64vmArgs, tier, bin, ...args]];
  const engines = [];
  if (hostIsX64Linux) {
    engines.push({ key: 'native', cmd: (bin, args) => [bin, args] });
    engines.push({ key: 'qemu', available: !!qemuVersion, cmd: (bin, args) => [qemuName, [bin, ...args]] });
  }
  engines.push({ key: 'jit', x64vm: true, cmd: x64vmCmd('--jit=on') });
  if (interp) {
    // at the interpreter's scale: the native run gives the reference output, qemu the ratio
    if (hostIsX64Linux) {
      engines.push({ key: 'native@i', small: true, cmd: (bin, args) => [bin, args] });
      engines.push({ key: 'qemu@i', small: true, available: !!qemuVersion, cmd: (bin, args) => [qemuName, [bin, ...args]] });
    }
    engines.push({ key: 'interp', small: true, x64vm: true, cmd: x64vmCmd('--jit=off') });
  }

  // The floor: what starting node alone costs.
  const floorRuns = Math.max(opt.runs, STARTUP_MIN_RUNS);
  const floorEnv = measure(process.execPath, ['-e', '0'], floorRuns, opt.timeout);
  // NODE_EXTRA_CA_CERTS makes node parse certificates at every start (40-60 ms here with
  // OpenSSL 3); bin/x64vm's launcher hides it from node, so the floor is node without it
  const certs = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const floor = certs ? measure(process.execPath, ['-e', '0'], floorRuns, opt.timeout, { ...process.env, NODE_EXTRA_CA_CERTS: undefined }) : floorEnv;
  if (certs && floorEnv.status === 'ok') log(`node -e 0 with this NODE_EXTRA_CA_CERTS: ${fmtMs(floorEnv.time)}`);
  log(`node -e 0 (floor): ${floor.status === 'ok' ? fmtMs(floor.time) : floor.status} (min of ${floorRuns})`);

  log(`scale ${opt.scale}, interpreter ${interp ? `at scale ${opt.interpScale}` : 'not run'}, runs ${opt.runs}, timeout ${opt.timeout} s` +
    (opt.x64vmArgs.length ? `, x64vm args: ${opt.x64vmArgs.join(' ')}` : ''));

  const refs = new Map(); // "name-size" -> { out, source }
  const reference = (p, size) => {
    const key = `${p.name}-${size}`;
    if (!refs.has(key)) {
      const file = path.join(REF_DIR, `${key}.out`);
      refs.set(key, fs.existsSync(file) ? { out: fs.readFileSync(file), source: 'cached native output' } : null);
    }
    return refs.get(key);
  };

  const results = [];
  let idx = 0;
  for (const p of programs) {
    idx++;
    const size = scaledSize(p, opt.scale);
    const isize = interp ? scaledSize(p, opt.interpScale) : null;
    const bin = binaries.get(p.name);
    const runs = p.startup ? Math.max(opt.runs, STARTUP_MIN_RUNS) : opt.runs;
    const row = { name: p.name, size, isize, runs, cells: {} };

    for (const e of engines) {
      const sz = e.small ? isize : size;
      // at the same size, the interpreter's native and qemu runs are the main ones
      if (e.small && sz === size && (e.key === 'native@i' || e.key === 'qemu@i')) { row.cells[e.key] = row.cells[e.key.slice(0, -2)]; continue; }
      if (e.available === false) { row.cells[e.key] = { status: 'unavailable' }; continue; }
      if (e.x64vm && !x64vmPresent) { row.cells[e.key] = { status: 'fail', detail: `${path.relative(ROOT, X64VM)} not found` }; continue; }
      const [cmd, argv] = e.cmd(bin, [String(sz)]);
      const r = measure(cmd, argv, runs, opt.timeout);
      if (e.key.startsWith('native') && r.status === 'ok') {
        refs.set(`${p.name}-${sz}`, { out: r.stdout, source: 'native output' });
        fs.mkdirSync(REF_DIR, { recursive: true });
        fs.writeFileSync(path.join(REF_DIR, `${p.name}-${sz}.out`), r.stdout);
      }
      if (r.status === 'ok' && !e.key.startsWith('native')) {
        const ref = reference(p, sz);
        if (!ref) r.unverified = true;
        else if (!r.stdout.equals(ref.out)) {
          r.status = 'fail';
          r.detail = describeMismatch(r.stdout, ref.out, ref.source);
        }
      }
      row.cells[e.key] = r;
    }
    const ref = reference(p, size);
    row.output = ref ? firstLine(ref.out) : (row.cells.jit?.stdout ? firstLine(row.cells.jit.stdout) : null);
    row.jitOverNative = ratio(row.cells.jit, row.cells.native, opt.timeout);
    row.jitOverQemu = ratio(row.cells.jit, row.cells.qemu, opt.timeout);
    row.interpOverQemu = interp ? ratio(row.cells.interp, row.cells['qemu@i'], opt.timeout) : null;
    results.push(row);
    log(`[${idx}/${programs.length}] ${p.name} ${size}${interp ? ` (interpreter ${isize})` : ''}: ` +
      engines.map((e) => `${e.key} ${cellText(row.cells[e.key], opt.timeout)}`).join(' | '));
  }

  // ------------------------------------------------------------ report
  console.log('');
  console.log(`x64vm benchmarks: scale ${opt.scale}, min of ${opt.runs} run(s)` +
    ` (hello: min of ${Math.max(opt.runs, STARTUP_MIN_RUNS)}), timeout ${opt.timeout} s` +
    (opt.x64vmArgs.length ? `, x64vm args: ${opt.x64vmArgs.join(' ')}` : '') +
    `; wall time in seconds`);
  console.log(interp
    ? `x64vm JIT: --jit=on at scale ${opt.scale}; x64vm interpreter: --jit=off at the REDUCED scale ${opt.interpScale}` +
      ` (column 'i-size'), compared with qemu at that same size ('qemu@i s')`
    : 'x64vm JIT: --jit=on; the interpreter (--jit=off) was not run (--no-interp)');
  for (const n of notes) console.log(n);
  console.log('');

  const headers = ['program', 'size'];
  if (hostIsX64Linux) headers.push('native s', 'qemu s');
  headers.push('JIT s');
  if (hostIsX64Linux) headers.push('JIT/native', 'JIT/qemu');
  if (interp) {
    headers.push('i-size');
    if (hostIsX64Linux) headers.push('qemu@i s');
    headers.push('interp s');
    if (hostIsX64Linux) headers.push('interp/qemu');
  }
  const rows = results.map((r) => {
    const cells = [r.name, r.size];
    if (hostIsX64Linux) cells.push(cellText(r.cells.native, opt.timeout), cellText(r.cells.qemu, opt.timeout));
    cells.push(cellText(r.cells.jit, opt.timeout));
    if (hostIsX64Linux) cells.push(r.jitOverNative ? r.jitOverNative.text : '-', r.jitOverQemu ? r.jitOverQemu.text : '-');
    if (interp) {
      cells.push(r.isize);
      if (hostIsX64Linux) cells.push(cellText(r.cells['qemu@i'], opt.timeout));
      cells.push(cellText(r.cells.interp, opt.timeout));
      if (hostIsX64Linux) cells.push(r.interpOverQemu ? r.interpOverQemu.text : '-');
    }
    return cells;
  });
  printTable(headers, rows);

  // hello measures startup, which has its own line and target below; the geometric
  // means are over the programs that measure running code (the kernels and manyfuncs)
  const kernels = results.filter((r) => !PROGRAMS.find((p) => p.name === r.name)?.startup);
  const gm = (field) => {
    const vals = kernels.map((r) => r[field]?.value).filter((v) => v !== undefined);
    return { value: geomean(vals), n: vals.length };
  };
  const gJitNative = gm('jitOverNative'), gJitQemu = gm('jitOverQemu'), gInterpQemu = gm('interpOverQemu');
  console.log('');
  if (hostIsX64Linux) {
    const g = ({ value, n }) => value === null ? '- (no program has both times)' : `${fmtRatio(value)}  (over ${n} of ${kernels.length} programs; hello is on the startup line)`;
    console.log(`geomean x64vm JIT/native:         ${g(gJitNative)}`);
    console.log(`geomean x64vm JIT/qemu:           ${g(gJitQemu)}`);
    if (interp) console.log(`geomean x64vm interpreter/qemu:   ${g(gInterpQemu)}  (at scale ${opt.interpScale})`);
  }

  // Startup: hello world against the node floor.
  const hello = results.find((r) => r.name === 'hello');
  const startup = { nodeFloor: floor.status === 'ok' ? floor.time : null };
  console.log('');
  if (hello) {
    const ms = (c) => c && c.status === 'ok' ? fmtMs(c.time) : cellText(c, opt.timeout);
    const keys = engines.filter((e) => !e.key.endsWith('@i')).map((e) => e.key);
    for (const k of keys) startup[`hello_${k}`] = hello.cells[k]?.status === 'ok' ? hello.cells[k].time : null;
    const x = hello.cells.jit;
    const above = x && x.status === 'ok' && floor.status === 'ok' ? x.time - floor.time : null;
    startup.x64vmAboveFloor = above;
    if (certs && floorEnv.status === 'ok')
      console.log(`(NODE_EXTRA_CA_CERTS is set: node -e 0 takes ${fmtMs(floorEnv.time)} with it; the floor below is node without it, as bin/x64vm starts node)`);
    console.log(`startup: node -e 0 ${floor.status === 'ok' ? fmtMs(floor.time) : 'FAIL'}; hello world: ` +
      keys.map((k) => `${k === 'jit' ? 'x64vm' : k === 'interp' ? 'x64vm --jit=off' : k} ${ms(hello.cells[k])}`).join(', ') +
      `; x64vm above node: ${above === null ? '-' : fmtMs(above)}`);
  } else {
    console.log(`startup: node -e 0 ${floor.status === 'ok' ? fmtMs(floor.time) : 'FAIL'} (hello not run)`);
  }

  // Details of failures, grouped when several programs fail the same way.
  const groups = new Map();
  for (const r of results)
    for (const e of engines) {
      const c = r.cells[e.key];
      if (!c || (c.status !== 'fail' && c.status !== 'timeout')) continue;
      if (e.key.endsWith('@i') && c === r.cells[e.key.slice(0, -2)]) continue;
      let text;
      if (c.status === 'timeout') text = `exceeded the ${opt.timeout} s timeout`;
      else {
        const err = firstLine(c.stderr);
        text = `${c.detail || 'failed'}${err ? ` -- stderr: ${err}` : ''}`;
      }
      const key = `${e.key}\0${text}`;
      if (!groups.has(key)) groups.set(key, { engine: e.key, text, names: [] });
      groups.get(key).names.push(r.name);
    }
  const problems = [...groups.values()].map((g) => `${g.engine} ${g.names.join(', ')}: ${g.text}`);
  if (results.some((r) => Object.values(r.cells).some((c) => c && c.unverified)))
    problems.push('* output not verified: no native reference output for this program and size');
  if (problems.length) {
    console.log('');
    console.log('notes:');
    for (const p of problems) console.log(`  ${p}`);
  }

  if (opt.json) {
    const cellJson = (c) => c && {
      status: c.status,
      time: c.status === 'ok' ? c.time : null,
      ...(c.detail ? { detail: c.detail } : {}),
      ...(c.status === 'fail' && firstLine(c.stderr) ? { stderr: firstLine(c.stderr, 1000) } : {}),
      ...(c.unverified ? { unverified: true } : {}),
    };
    const ratioJson = (name, r) => ({
      [name]: r?.value ?? null,
      ...(r?.lowerBound ? { [`${name}AtLeast`]: r.lowerBound } : {}),
    });
    const out = {
      date: new Date().toISOString(),
      host: {
        arch: process.arch, platform: process.platform, cpu: os.cpus()[0]?.model ?? null,
        node: process.version, cc: ccVersion, qemu: qemuVersion,
      },
      options: { scale: opt.scale, interpScale: opt.interpScale, only: opt.only, runs: opt.runs, timeout: opt.timeout, x64vmArgs: opt.x64vmArgs },
      programs: results.map((r) => ({
        name: r.name, size: r.size, interpSize: r.isize, runs: r.runs, output: r.output,
        native: cellJson(r.cells.native) ?? null,
        qemu: cellJson(r.cells.qemu) ?? null,
        jit: cellJson(r.cells.jit) ?? null,
        ...(interp ? { qemuAtInterpSize: cellJson(r.cells['qemu@i']) ?? null, interp: cellJson(r.cells.interp) ?? null } : {}),
        ...ratioJson('jitOverNative', r.jitOverNative),
        ...ratioJson('jitOverQemu', r.jitOverQemu),
        ...(interp ? ratioJson('interpOverQemu', r.interpOverQemu) : {}),
      })),
      geomean: {
        jitOverNative: gJitNative.value, jitOverNativePrograms: gJitNative.n,
        jitOverQemu: gJitQemu.value, jitOverQemuPrograms: gJitQemu.n,
        ...(interp ? { interpOverQemu: gInterpQemu.value, interpOverQemuPrograms: gInterpQemu.n } : {}),
      },
      startup,
    };
    fs.mkdirSync(path.dirname(opt.json), { recursive: true });
    fs.writeFileSync(opt.json, JSON.stringify(out, null, 2) + '\n');
    log(`wrote ${opt.json}`);
  }
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack || e}\n`);
  process.exit(1);
});
