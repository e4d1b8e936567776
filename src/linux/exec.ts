// Start a program in a Process: read and check the executable (an ELF file, or a
// `#!` script whose interpreter is run instead), map it, build the initial stack
// and registers. Used by the CLI for the first program and by execve(2) on a live
// process: everything that can fail is checked by prepareExec before the old
// address space is given up (Linux's point of no return).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { hostRandomFill } from './hostrandom.js';
import type { Process } from './process.js';
import { STACK_TOP, STACK_SIZE, MMAP_TOP } from './process.js';
import { parseElf, ElfError, ElfInfo, ET_DYN, PT_LOAD } from '../elf/elf.js';
import {
  loadElf, buildStack, PIE_BASE, INTERP_BASE, AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE, AT_FLAGS, AT_ENTRY,
  AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_HWCAP, AT_HWCAP2, AT_CLKTCK, AT_MINSIGSTKSZ, AT_EXECFN, pageDown, pageUp,
} from '../elf/loader.js';
import { P_R, P_W, P_X } from '../mem/memory.js';
import { mappedRuns } from './snapshot.js';
import { RSP, RDX } from '../cpu/state.js';
import { IF } from '../cpu/flags.js';
import { fpuInit } from '../cpu/fpstate.js';
import { features } from '../cpu/cpuid.js';
import { hostAbs, fromBytes, toBuffer } from './path.js';
import { sysroot } from './sysroot.js';

const ENOENT = 2, E2BIG = 7, ENOEXEC = 8, EACCES = 13, ENOTDIR = 20, ELOOP = 40, ENAMETOOLONG = 36, ELIBBAD = 80;

/**
 * A problem with the program file: the CLI reports `x64vm: PATH: message` with
 * `status`; execve returns `-errno` to the guest.
 */
export class ExecError extends Error {
  constructor(message: string, public readonly status: number, public readonly errno = ENOEXEC) { super(message); }
}

/** A path for the host's fs calls: a JS string, or bytes (guest paths are byte strings). */
export type HostPath = string | Buffer;

function fsError(e: unknown): ExecError {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT': return new ExecError('No such file or directory', 127, ENOENT);
    case 'ENOTDIR': return new ExecError('Not a directory', 127, ENOTDIR);
    case 'EACCES': case 'EPERM': return new ExecError('Permission denied', 126, EACCES);
    case 'ELOOP': return new ExecError('Too many levels of symbolic links', 126, ELOOP);
    case 'ENAMETOOLONG': return new ExecError('File name too long', 126, ENAMETOOLONG);
  }
  return new ExecError((e as Error).message, 126, EACCES);
}

/**
 * Read an executable. With checkExec (execve), the file must be a regular file
 * with execute permission, as Linux requires; the CLI reads what it is given.
 */
export function readProgram(file: HostPath, checkExec = false): Uint8Array {
  let st: fs.Stats;
  try { st = fs.statSync(file); } catch (e) { throw fsError(e); }
  if (st.isDirectory()) throw new ExecError('Is a directory', 126, EACCES);
  if (checkExec) {
    if (!st.isFile()) throw new ExecError('Permission denied', 126, EACCES);
    try { fs.accessSync(file, fs.constants.X_OK); } catch (e) { throw fsError(e); }
  }
  try { return fs.readFileSync(file); } catch (e) { throw fsError(e); }
}

export interface ExecOptions {
  file: string;
  argv: (string | Uint8Array)[];
  env: (string | Uint8Array)[];
}

/** Everything execve needs, read and checked, before the old program is discarded. */
export interface ExecImage {
  /** host path of the ELF file that runs (the interpreter of a script) */
  file: HostPath;
  image: Uint8Array;
  info: ElfInfo;
  interp: { name: string; file: string; image: Uint8Array; info: ElfInfo } | null;
  /** argv, with a script's interpreter (and its argument) in front */
  argv: Uint8Array[];
}

export interface PrepareOptions {
  /** enforce execve's rules (regular file, execute permission); the CLI is lenient */
  checkExec: boolean;
  /** a guest path (a `#!` interpreter) to a host path, or -errno */
  resolve: (guestPath: Uint8Array) => HostPath | number;
  /** how the ELF interpreter named by PT_INTERP is found on the host */
  resolveInterp: (interp: string) => string;
}

const enc = new TextEncoder();
const bytes = (s: string | Uint8Array): Uint8Array => (typeof s === 'string' ? enc.encode(s) : s);

/** Linux reads this much of a file to recognise it (BINPRM_BUF_SIZE). */
const BINPRM_BUF = 256;
/** how many `#!` interpreters may be chained (Linux: 4 levels of binfmt recursion) */
const MAX_SCRIPT_DEPTH = 4;

/**
 * The interpreter line of a `#!` script: [interpreter, optional argument], or null
 * if the file is not a script. Throws ENOEXEC for an empty or truncated interpreter.
 */
function scriptInterpreter(image: Uint8Array): [Uint8Array, Uint8Array | null] | null {
  if (image.length < 2 || image[0] !== 0x23 || image[1] !== 0x21) return null;
  const end = Math.min(image.length, BINPRM_BUF);
  let nl = image.subarray(0, end).indexOf(0x0a);
  const truncated = nl < 0;
  if (nl < 0) nl = end;
  const line = image.subarray(2, nl);
  const isSpace = (c: number): boolean => c === 0x20 || c === 0x09;
  let a = 0;
  while (a < line.length && isSpace(line[a])) a++;
  let b = a;
  while (b < line.length && !isSpace(line[b]) && line[b] !== 0) b++;
  if (a === b) throw new ExecError('no interpreter in #! line', 126, ENOEXEC);
  if (truncated && b === line.length) throw new ExecError('#! line too long', 126, ENOEXEC);
  const name = line.slice(a, b);
  let c = b;
  while (c < line.length && isSpace(line[c])) c++;
  let d = line.length;
  const nul = line.subarray(c).indexOf(0);
  if (nul >= 0) d = c + nul;
  while (d > c && isSpace(line[d - 1])) d--;
  return [name, d > c ? line.slice(c, d) : null];
}

/** Would loadElf accept the segments (inside the address space x64vm provides)? */
function checkLoadable(info: ElfInfo, dynBase: number): void {
  const loads = info.phdrs.filter((p) => p.type === PT_LOAD);
  const base = info.type === ET_DYN ? dynBase - pageDown(Math.min(...loads.map((p) => p.vaddr))) : 0;
  for (const ph of loads) {
    const lo = pageDown(ph.vaddr + base), hi = pageUp(ph.vaddr + base + ph.memsz);
    if (hi > 0x100000000 || lo < 0x10000) throw new ElfError(`segment at 0x${(ph.vaddr + base).toString(16)} is outside the address space x64vm provides`);
  }
}

/**
 * Read and check the program at host path `file` (`name` is the path as the
 * caller gave it: a script's interpreter gets it as an argument), following
 * `#!` interpreters. Throws ExecError.
 */
export function prepareExec(file: HostPath, name: Uint8Array, argv: Uint8Array[], opts: PrepareOptions, depth = 0): ExecImage {
  const image = readProgram(file, opts.checkExec);
  const script = scriptInterpreter(image);
  if (script) {
    if (depth >= MAX_SCRIPT_DEPTH) throw new ExecError('too many levels of #! interpreters', 126, ELOOP);
    const [interp, arg] = script;
    const host = opts.resolve(interp);
    if (typeof host === 'number') throw new ExecError(`${Buffer.from(interp).toString()}: cannot resolve interpreter`, 127, -host);
    // the interpreter gets the script's path (as it was given) in place of argv[0]
    const next = [interp, ...(arg ? [arg] : []), name, ...argv.slice(1)];
    try {
      return prepareExec(host, interp, next, opts, depth + 1);
    } catch (e) {
      if (e instanceof ExecError && depth === 0 && !opts.checkExec) {
        throw new ExecError(`interpreter ${Buffer.from(interp).toString()}: ${e.message}`, e.status, e.errno);
      }
      throw e;
    }
  }
  let info: ElfInfo;
  try {
    info = parseElf(image);
    checkLoadable(info, PIE_BASE);
  } catch (e) {
    if (e instanceof ElfError) throw new ExecError(e.message, 126, ENOEXEC);
    throw e;
  }
  let interp: ExecImage['interp'] = null;
  if (info.interp) {
    let interpImage: Uint8Array;
    const interpFile = opts.resolveInterp(info.interp);
    try { interpImage = readProgram(interpFile); } catch (e) {
      if (e instanceof ExecError) {
        // the usual first sight of a host that is not x86-64: the program needs an x86-64 tree
        const hint = e.errno === ENOENT && !sysroot() ? ' (x86-64 libraries elsewhere? give their tree with -L DIR)' : '';
        throw new ExecError(`cannot load ELF interpreter ${info.interp}: ${e.message}${hint}`, 126, e.errno);
      }
      throw e;
    }
    let ii: ElfInfo;
    try {
      ii = parseElf(interpImage);
      checkLoadable(ii, INTERP_BASE);
    } catch (e) {
      if (e instanceof ElfError) throw new ExecError(`ELF interpreter ${info.interp}: ${e.message}`, 126, ELIBBAD);
      throw e;
    }
    interp = { name: info.interp, file: interpFile, image: interpImage, info: ii };
  }
  return { file, image, info, interp, argv };
}

/** Linux's limit on the total size of argv and envp strings (with a default 8 MiB stack). */
export const ARG_MAX = 2 * 1024 * 1024;

/**
 * Map a prepared program into an empty address space and set up its stack and
 * registers. `execfn` is the path as the caller named it (AT_EXECFN).
 */
export function startExec(p: Process, img: ExecImage, env: Uint8Array[], execfn: Uint8Array): void {
  const mem = p.mem, info = img.info;
  const main = loadElf(mem, img.image, info);
  const real = realPath(img.file);
  p.noteMapping(main.start, Math.ceil(main.end / 4096) * 4096 - main.start, real, 0);
  let entry = main.entry, interpBase = 0;
  if (img.interp) {
    const li = loadElf(mem, img.interp.image, img.interp.info, INTERP_BASE);
    p.noteMapping(li.start, Math.ceil(li.end / 4096) * 4096 - li.start, realPath(img.interp.file), 0);
    interpBase = li.base;
    entry = li.entry;
  }
  p.brkStart = p.brkCur = Math.ceil(main.end / 4096) * 4096;
  p.mmapHint = MMAP_TOP;

  // the stack, non-executable unless PT_GNU_STACK asks otherwise
  const stackBottom = STACK_TOP - STACK_SIZE;
  mem.protect(stackBottom, STACK_SIZE, P_R | P_W | (info.execStack ? P_X : 0));
  p.noteMapping(stackBottom, STACK_SIZE, '[stack]', 0);
  const uid = process.getuid?.() ?? 0, gid = process.getgid?.() ?? 0;
  const random = new Uint8Array(16);
  hostRandomFill(random);
  const { rsp, auxv } = buildStack(mem, STACK_TOP, {
    argv: img.argv,
    envp: env,
    execfn,
    random,
    auxv: [
      [AT_HWCAP, features.leaf1Edx], [AT_PAGESZ, 4096], [AT_CLKTCK, 100],
      [AT_PHDR, main.phdr], [AT_PHENT, main.phent], [AT_PHNUM, main.phnum],
      [AT_BASE, interpBase], [AT_FLAGS, 0], [AT_ENTRY, main.entry],
      [AT_UID, uid], [AT_EUID, process.geteuid?.() ?? uid], [AT_GID, gid], [AT_EGID, process.getegid?.() ?? gid],
      [AT_SECURE, 0], [AT_HWCAP2, 0], [AT_MINSIGSTKSZ, 2048],
    ],
  });
  p.auxv = auxv;
  let envLen = 0, argLen = 0;
  for (const e of env) envLen += e.length + 1;
  for (const a of img.argv) argLen += a.length + 1;
  const envEnd = auxv.find(([k]) => k === AT_EXECFN)![1];
  p.argEnvRange = [envEnd - envLen - argLen, envEnd - envLen, envEnd - envLen, envEnd, rsp];
  p.exePath = real;
  p.argv = img.argv.map((a) => Buffer.from(a).toString('utf8'));
  const cpu = p.cpu;
  // a fresh register file: general registers zero, flags, segment bases and FPU/SSE state reset
  cpu.r.fill(0);
  cpu.f.fill(0);
  cpu.f[9] = IF; // FL_SYS
  cpu.seg.fill(0);
  cpu.xmmU8.fill(0);
  cpu.x87U8.fill(0);
  fpuInit(cpu);
  cpu.mxcsrView[0] = 0x1f80;
  cpu.r[2 * RSP] = rsp;
  cpu.r[2 * RDX] = 0; // no function for atexit from a dynamic linker
  cpu.rip = entry;
}

/** The resolved absolute path of the running executable (what /proc/self/exe shows). */
function realPath(file: HostPath): string {
  try { return fs.realpathSync(file, { encoding: 'buffer' }).toString('utf8'); } catch {
    return path.resolve(typeof file === 'string' ? file : file.toString('utf8'));
  }
}

/** Discard the whole address space (execve after its point of no return). */
export function clearAddressSpace(p: Process): void {
  const mem = p.mem;
  // zero what was mapped, so that the new program finds fresh memory everywhere
  for (const [first, count] of mappedRuns(mem.perm)) {
    mem.u8.fill(0, first * 4096, (first + count) * 4096);
    mem.unmap(first * 4096, count * 4096);
  }
  p.cpu.flushCodeCache();
  p.vmas.list.length = 0;
  p.brkStart = p.brkCur = 0;
  p.mmapHint = MMAP_TOP;
}

/** A path the CLI was given, or a `#!` interpreter: absolute ones through the path translator (a sysroot first). */
function cliPath(p: Process, g: Uint8Array): HostPath {
  if (g[0] !== 0x2f) return Buffer.from(g);
  const h = hostAbs(p, fromBytes(g));
  return typeof h === 'number' ? Buffer.from(g) : toBuffer(h);
}

/** The CLI's start of the first program. Throws ExecError. */
export function execProgram(p: Process, opts: ExecOptions): void {
  const img = prepareExec(cliPath(p, enc.encode(opts.file)), enc.encode(opts.file), opts.argv.map(bytes), {
    checkExec: false,
    resolve: (g) => cliPath(p, g),
    resolveInterp: (i) => p.resolveInterp(i),
  });
  let total = 0;
  for (const a of img.argv) total += a.length + 1;
  const env = opts.env.map(bytes);
  for (const e of env) total += e.length + 1;
  if (total > ARG_MAX) throw new ExecError('Argument list too long', 126, E2BIG);
  startExec(p, img, env, enc.encode(opts.file));
}
