// Start a program in a Process: read and check the ELF, map it, build the initial
// stack and registers.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as crypto from 'node:crypto';
import type { Process } from './process.js';
import { STACK_TOP, STACK_SIZE } from './process.js';
import { parseElf, ElfError } from '../elf/elf.js';
import {
  loadElf, buildStack, INTERP_BASE, AT_PHDR, AT_PHENT, AT_PHNUM, AT_PAGESZ, AT_BASE, AT_FLAGS, AT_ENTRY,
  AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_HWCAP, AT_HWCAP2, AT_CLKTCK, AT_MINSIGSTKSZ,
} from '../elf/loader.js';
import { P_R, P_W, P_X } from '../mem/memory.js';
import { RSP, RDX } from '../cpu/state.js';
import { features } from '../cpu/cpuid.js';

/** A problem with the program file, reported as `x64vm: PATH: message` with this exit status. */
export class ExecError extends Error {
  constructor(message: string, public readonly status: number) { super(message); }
}

export function readProgram(file: string): Uint8Array {
  let st: fs.Stats;
  try { st = fs.statSync(file); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ExecError('No such file or directory', 127);
    if (code === 'EACCES') throw new ExecError('Permission denied', 126);
    throw new ExecError((e as Error).message, 126);
  }
  if (st.isDirectory()) throw new ExecError('Is a directory', 126);
  try { return fs.readFileSync(file); } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES') throw new ExecError('Permission denied', 126);
    throw new ExecError((e as Error).message, 126);
  }
}

export interface ExecOptions {
  file: string;
  argv: string[];
  env: string[];
}

export function execProgram(p: Process, opts: ExecOptions): void {
  const image = readProgram(opts.file);
  let info;
  try { info = parseElf(image); } catch (e) {
    if (e instanceof ElfError) throw new ExecError(e.message, 126);
    throw e;
  }
  const mem = p.mem;
  const main = loadElf(mem, image, info);
  p.noteMapping(main.start, Math.ceil(main.end / 4096) * 4096 - main.start, path.resolve(opts.file), 0);
  let entry = main.entry, interpBase = 0;
  if (info.interp) {
    let interpImage: Uint8Array;
    try { interpImage = readProgram(p.resolveInterp(info.interp)); } catch (e) {
      if (e instanceof ExecError) throw new ExecError(`cannot load ELF interpreter ${info.interp}: ${e.message}`, 126);
      throw e;
    }
    let ii;
    try { ii = parseElf(interpImage); } catch (e) {
      if (e instanceof ElfError) throw new ExecError(`ELF interpreter ${info.interp}: ${e.message}`, 126);
      throw e;
    }
    const li = loadElf(mem, interpImage, ii, INTERP_BASE);
    p.noteMapping(li.start, Math.ceil(li.end / 4096) * 4096 - li.start, info.interp, 0);
    interpBase = li.base;
    entry = li.entry;
  }
  p.brkStart = p.brkCur = Math.ceil(main.end / 4096) * 4096;

  // the stack, non-executable unless PT_GNU_STACK asks otherwise
  const stackBottom = STACK_TOP - STACK_SIZE;
  mem.protect(stackBottom, STACK_SIZE, P_R | P_W | (info.execStack ? P_X : 0));
  p.noteMapping(stackBottom, STACK_SIZE, '[stack]', 0);
  const enc = new TextEncoder();
  const uid = process.getuid?.() ?? 0, gid = process.getgid?.() ?? 0;
  const random = new Uint8Array(16);
  crypto.randomFillSync(random);
  const { rsp, auxv } = buildStack(mem, STACK_TOP, {
    argv: opts.argv.map((s) => enc.encode(s)),
    envp: opts.env.map((s) => enc.encode(s)),
    execfn: enc.encode(opts.file),
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
  p.exePath = path.resolve(opts.file);
  p.argv = opts.argv;
  const cpu = p.cpu;
  cpu.r.fill(0);
  cpu.r[2 * RSP] = rsp;
  cpu.r[2 * RDX] = 0; // no function for atexit from a dynamic linker
  cpu.rip = entry;
}
