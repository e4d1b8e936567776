// x64vm [options] PROGRAM [ARGS...]

import { Process } from '../linux/process.js';
import { NodeHost } from '../linux/host.js';
import { execProgram, ExecError } from '../linux/exec.js';
import { resumeFork } from '../linux/snapshot.js';
import { SIGNAL_NAMES } from '../linux/signals.js';
import '../cpu/isa/index.js';
import { readFileSync, writeFileSync, writeSync, statSync, type Stats } from 'node:fs';
// the disassembler (x64vm dis) is loaded only when used: its modules build tables at load
import type { DisOptions } from '../debug/dis-command.js';
import '../linux/sys/index.js';
import { setSysroot, sysroot } from '../linux/sysroot.js';
import { binfmtCommand } from './binfmt.js';
import { jitConfig, jitConfigFromEnv, jitConfigToEnv, attachJit, statsReport } from '../jit/jit.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// After the JIT drops its code cache (too many modules), a full GC frees their code
// spaces at once; V8 gives scripts the gc function only with --expose-gc, which a new
// context picks up.
jitConfig.collect = () => {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
};
// X64VM_JIT_DUMP=DIR: each region's module as DIR/region-<entry>.wasm, to read with wasm2wat
const JIT_DUMP = process.env.X64VM_JIT_DUMP;
if (JIT_DUMP) jitConfig.dump = (name, bytes) => writeFileSync(`${JIT_DUMP}/${name}`, bytes);

const VERSION = '0.1.0';

const USAGE = `usage: x64vm [options] PROGRAM [ARGS...]
       x64vm dis FILE [--syntax att|intel] [--start ADDR] [--stop ADDR] [--symbol NAME]
       x64vm binfmt [--install | --uninstall]
Run an x86-64 Linux program, disassemble an ELF file (dis) as objdump -d does, or
print (install) the binfmt_misc registration that runs x86-64 programs through x64vm.

options:
  -h, --help          show this help and exit
  --version           print the version and exit
  --strace            print each system call with its arguments and result on stderr
  -E VAR=VALUE        set VAR in the guest's environment
  -U VAR              remove VAR from the guest's environment
  -0 ARGV0            pass ARGV0 as argv[0] instead of PROGRAM
  -L DIR              sysroot: absolute paths (the program, its ELF interpreter and
                      libraries, every file it opens) are looked up in DIR first,
                      then on the host (default: $X64VM_LD_PREFIX)
  --jit=on|off        compile hot code to WebAssembly (default: on)
  --jit-threshold=N   compile a block after it ran N times (default 50)
  --stats             print instruction counts and JIT statistics on stderr at exit

environment:
  X64VM_OPTIONS       options read before the command line's (which win), e.g.
                      X64VM_OPTIONS=--jit=off; forked children keep them, the guest's
                      environment does not have the variable
  X64VM_LD_PREFIX     the default for -L
`;

function fail(msg: string, status: number): never {
  process.stderr.write(`x64vm: ${msg}\n`);
  process.exit(status);
}

export async function main(args: string[]): Promise<void> {
  jitConfig.strict = process.env.X64VM_JIT_STRICT === '1';
  // the child of a guest fork (sys/fork.ts): not an option users give
  if (args[0] === '--x64vm-resume' && args.length === 2) {
    jitConfigFromEnv(process.env.X64VM_JIT);
    if (process.env.X64VM_LD_PREFIX) useSysroot(process.env.X64VM_LD_PREFIX, 'X64VM_LD_PREFIX');
    return runGuest(resumeFork(new NodeHost(), Number(args[1])));
  }
  if (args[0] === 'dis') return disCommand(args.slice(1));
  if (args[0] === 'binfmt') {
    process.exitCode = binfmtCommand(args.slice(1), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    return;
  }
  const o: RunOptions = { strace: false, argv0: null, root: null, env: new Map() };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) o.env.set(k, v);
  // meant for x64vm alone: guest programs that print their environment do not see them
  o.env.delete('X64VM_OPTIONS');
  o.env.delete('X64VM_JIT_STRICT');
  // bin/x64vm's #! line hides NODE_EXTRA_CA_CERTS from node (parsing it slows every
  // start) in X64VM_NODE_EXTRA_CA_CERTS, empty when it was unset
  const certs = o.env.get('X64VM_NODE_EXTRA_CA_CERTS');
  if (certs !== undefined) {
    o.env.delete('X64VM_NODE_EXTRA_CA_CERTS');
    if (certs !== '') o.env.set('NODE_EXTRA_CA_CERTS', certs);
  }
  const fromEnv = (process.env.X64VM_OPTIONS ?? '').split(/\s+/).filter((w) => w !== '');
  if (fromEnv.length) {
    const end = parseOptions(fromEnv, o, 'X64VM_OPTIONS: ');
    if (end < 0) return;
    if (end < fromEnv.length) fail(`X64VM_OPTIONS: '${fromEnv[end]}' is not an option`, 2);
  }
  const k = parseOptions(args, o, '');
  if (k < 0) return;
  const { strace, argv0, root, env } = o;
  if (k >= args.length) { process.stderr.write(USAGE); process.exit(2); }
  const file = args[k];
  const guestArgv = [argv0 ?? file, ...args.slice(k + 1)];
  // -L wins over the environment; forked children (sys/fork.ts) get it through the environment
  if (root !== null) useSysroot(root, '-L');
  else if (process.env.X64VM_LD_PREFIX) useSysroot(process.env.X64VM_LD_PREFIX, 'X64VM_LD_PREFIX');

  // forked children (sys/fork.ts) inherit the environment of x64vm, not its options
  // (always set: a child left without it would run with the default settings)
  process.env.X64VM_JIT = jitConfigToEnv();
  const host = new NodeHost();
  const proc = new Process(host);
  proc.strace = strace;
  try {
    execProgram(proc, { file, argv: guestArgv, env: [...env].map(([n, v]) => `${n}=${v}`) });
  } catch (e) {
    if (e instanceof ExecError) fail(`${file}: ${e.message}`, e.status);
    throw e;
  }
  await runGuest(proc);
}

interface RunOptions { strace: boolean; argv0: string | null; root: string | null; env: Map<string, string> }

/**
 * Apply the options at the start of words to o (jitConfig for the JIT's). Returns the
 * index of the first word that is not an option (PROGRAM), or -1 after --help or
 * --version. `from` prefixes errors ('X64VM_OPTIONS: ' for the environment's words).
 */
function parseOptions(words: string[], o: RunOptions, from: string): number {
  let k = 0;
  for (; k < words.length; k++) {
    const a = words[k];
    if (a === '--') return k + 1;
    if (!a.startsWith('-') || a === '-') break;
    const need = (): string => {
      if (k + 1 >= words.length) { process.stderr.write(`x64vm: ${from}option ${a} needs an argument\n${USAGE}`); process.exit(2); }
      return words[++k];
    };
    if (a === '-h' || a === '--help') { process.stdout.write(USAGE); return -1; }
    else if (a === '--version') { process.stdout.write(`x64vm ${VERSION}\n`); return -1; }
    else if (a === '--strace') o.strace = true;
    else if (a === '-E') { const kv = need(); const eq = kv.indexOf('='); if (eq <= 0) fail(`${from}-E wants VAR=VALUE, got '${kv}'`, 2); o.env.set(kv.slice(0, eq), kv.slice(eq + 1)); }
    else if (a.startsWith('-E') && a.includes('=')) { const kv = a.slice(2); o.env.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)); }
    else if (a === '-U') o.env.delete(need());
    else if (a === '-0') o.argv0 = need();
    else if (a === '-L') o.root = need();
    else if (a === '--jit=on' || a === '--jit=off') jitConfig.enabled = a === '--jit=on';
    else if (a.startsWith('--jit-threshold=')) {
      const v = a.slice('--jit-threshold='.length);
      if (!/^[0-9]+$/.test(v)) fail(`${from}--jit-threshold wants a number, got '${v}'`, 2);
      jitConfig.threshold = Number(v);
    }
    else if (a === '--stats') jitConfig.stats = true;
    else { process.stderr.write(`x64vm: ${from}unknown option ${a}\n${USAGE}`); process.exit(2); }
  }
  return k;
}

/** Make dir the sysroot (sysroot.ts), or end with a one-line error. */
function useSysroot(dir: string, from: string): void {
  let st: Stats;
  try { st = statSync(dir); } catch { fail(`${from} ${dir}: No such file or directory`, 2); }
  if (!st.isDirectory()) fail(`${from} ${dir}: Not a directory`, 2);
  setSysroot(dir);
  const r = sysroot();
  if (r) process.env.X64VM_LD_PREFIX = r; else delete process.env.X64VM_LD_PREFIX;
}

/** Run the guest to its end, and end x64vm the way the guest ended. */
async function runGuest(proc: Process): Promise<void> {
  forwardHostSignals(proc);
  const now = (): number => proc.host.now();
  attachJit(proc.cpu, now);
  const t0 = now();
  const st = await proc.run();
  if (jitConfig.stats) process.stderr.write(statsReport(proc.cpu, now() - t0));
  if (st.signal) dieBySignal(st.signal);
  process.exitCode = st.code;
}

/**
 * Host signals sent to x64vm go to the guest when it catches, ignores or blocks them
 * (SignalState.updateHost says which); otherwise x64vm has the default action too, so
 * e.g. SIGINT ends it at once even in the middle of a blocking host call.
 */
function forwardHostSignals(proc: Process): void {
  const listeners = new Map<number, () => void>();
  // Node starts its inspector on SIGUSR1: give the signal its default action back
  resetToDefault('SIGUSR1');
  proc.sig.hostWatch = (sig, forward) => {
    const name = SIGNAL_NAMES[sig] as NodeJS.Signals;
    const old = listeners.get(sig);
    if (forward && !old) {
      const fn = (): void => proc.sig.sendHost(sig);
      try { process.on(name, fn); listeners.set(sig, fn); } catch { /* Node cannot listen for it */ }
    } else if (!forward && old) {
      listeners.delete(sig);
      process.removeListener(name, old);
    }
  };
  proc.sig.updateHost();
}

/** Make the host's action for a signal SIG_DFL (Node restores the default when the last listener goes). */
function resetToDefault(name: NodeJS.Signals): void {
  try {
    const noop = (): void => {};
    process.on(name, noop);
    process.removeAllListeners(name);
  } catch { /* SIGKILL, SIGSTOP: always default */ }
}

/** End x64vm by the same signal that ended the guest, so the parent sees the same status. */
function dieBySignal(sig: number): void {
  const name = SIGNAL_NAMES[sig] as NodeJS.Signals | undefined;
  if (name || sig > 31) {
    if (name) resetToDefault(name);
    // real-time signals have no names in Node, and Node never catches them
    try { process.kill(process.pid, name ?? sig); } catch { /* fall through */ }
    // another thread may take the signal: give it a moment to end the process
    const cell = new Int32Array(new SharedArrayBuffer(4));
    for (let k = 0; k < 20; k++) Atomics.wait(cell, 0, 0, 50);
  }
  // the signal did not end us: report as a shell would
  process.exit(128 + sig);
}

/** x64vm dis FILE [--syntax att|intel] [--start ADDR] [--stop ADDR] [--symbol NAME] */
async function disCommand(args: string[]): Promise<void> {
  const opts: DisOptions = { syntax: 'att' };
  let file: string | null = null;
  const num = (opt: string, v: string | undefined): number => {
    if (v === undefined) fail(`dis: option ${opt} needs an argument`, 2);
    const n = Number(v);
    if (!/^(0x[0-9a-f]+|[0-9]+)$/i.test(v) || !Number.isSafeInteger(n)) fail(`dis: bad address '${v}' for ${opt}`, 2);
    return n;
  };
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const eq = a.indexOf('=');
    const [opt, inline] = a.startsWith('--') && eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const val = (): string | undefined => inline ?? args[++k];
    if (opt === '--syntax' || opt === '-M') {
      const v = val();
      if (v !== 'att' && v !== 'intel') fail(`dis: --syntax wants att or intel, got '${v ?? ''}'`, 2);
      opts.syntax = v;
    } else if (opt === '--start' || opt === '--start-address') opts.start = num(opt, val());
    else if (opt === '--stop' || opt === '--stop-address') opts.stop = num(opt, val());
    else if (opt === '--symbol' || opt === '--disassemble') { const v = val(); if (v === undefined) fail(`dis: option ${opt} needs an argument`, 2); opts.symbol = v; }
    else if (opt === '-h' || opt === '--help') { process.stdout.write(USAGE); return; }
    else if (a.startsWith('-') && a !== '-') fail(`dis: unknown option ${a}`, 2);
    else if (file === null) file = a;
    else fail('dis: one FILE only', 2);
  }
  if (file === null) fail('dis: no FILE given', 2);
  let bytes: Uint8Array;
  try { bytes = readFileSync(file); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    fail(`${file}: ${code === 'ENOENT' ? 'No such file or directory' : code === 'EISDIR' ? 'Is a directory' : code === 'EACCES' ? 'Permission denied' : String((e as Error).message)}`, 1);
  }
  const { disassembleElf } = await import('../debug/dis-command.js');
  const { ElfSymError } = await import('../debug/elfsyms.js');
  try {
    disassembleElf(bytes, file, opts, (s) => { writeOut(s); });
  } catch (e) {
    if (e instanceof ElfSymError) fail(`${file}: ${e.message}`, 1);
    throw e;
  }
}

/** Synchronous stdout writes that survive EPIPE (dis output is often piped into head). */
function writeOut(s: string): void {
  try {
    let buf = Buffer.from(s);
    while (buf.length) {
      try {
        const n = writeSync(1, buf);
        buf = buf.subarray(n);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        throw e;
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    throw e;
  }
}
