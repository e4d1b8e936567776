// One guest process: its address space, CPU, file descriptors and signal state,
// and the loop that runs the CPU and services what stops it (syscalls, faults).

import * as fs from 'node:fs';
import { Cpu, Stop } from '../cpu/cpu.js';
import { Memory, MemoryFault, P_R, P_W, P_X, P_MAPPED, NUM_PAGES } from '../mem/memory.js';
import { CpuException } from '../cpu/exceptions.js';
import { RAX, RDI, RSI, RDX, R10, R8, R9, RCX, R11 } from '../cpu/state.js';
import { syscalls, SyscallArgs, SYSCALL_NAMES } from './syscall.js';
import { ENOSYS } from './errno.js';
import { FdTable } from './fdtable.js';
import { SignalState, signalForFault, SIGNAL_NAMES, ERESTARTSYS, ERESTART_RESTARTBLOCK } from './signals.js';
import { formatSyscall, formatResult } from './strace.js';
import type { Host } from './host.js';
import { VmaList } from './vma.js';
import { hostAbs, fromText, toText } from './path.js';
import { adoptSharedMaps, flushSharedMaps } from './sharedmap.js';
import { Threads, PARK } from './threads.js';

/**
 * The umask x64vm was started with, which the guest inherits as a native program
 * would. Linux shows it in /proc/self/status; process.umask() reads it by setting
 * and restoring it, so it is only the fallback.
 */
function hostUmask(): number {
  try {
    const m = /^Umask:\s*([0-7]+)/m.exec(fs.readFileSync('/proc/self/status', 'latin1'));
    if (m) return parseInt(m[1], 8) & 0o777;
  } catch { /* no /proc */ }
  try { return process.umask() & 0o777; } catch { return 0o022; }
}

/** A syscall handler result meaning "registers were set by the handler; do not touch rax". */
export const NORETURN = -0x100000000;

export const STACK_TOP = 0xf0000000;
export const STACK_SIZE = 8 * 1024 * 1024;
/** mmap placements go down from here */
export const MMAP_TOP = STACK_TOP - STACK_SIZE - 0x10000000;

export interface ExitStatus { code: number; signal: number }

export class Process {
  readonly mem = new Memory();
  readonly cpu = new Cpu(this.mem);
  readonly fds: FdTable;
  readonly sig: SignalState;
  readonly args = new SyscallArgs();
  readonly host: Host;

  brkStart = 0;
  brkCur = 0;
  /** next candidate for a top-down mmap placement */
  mmapHint = MMAP_TOP;
  cwd: string;
  umask = hostUmask();
  exePath = '';
  argv: string[] = [];
  auxv: [number, number][] = [];
  /** the strings of argv and envp on the initial stack, and that stack's start: [argStart, argEnd, envStart, envEnd, startStack] (/proc/self/cmdline, environ, stat) */
  argEnvRange: number[] = [0, 0, 0, 0, 0];
  strace = false;
  exited: ExitStatus | null = null;
  /** syscall numbers already reported as unsupported */
  private reported = new Set<number>();
  tidAddress = 0;
  /** the guest's threads once it made one (src/linux/threads.ts); null: just one */
  threads: Threads | null = null;
  /** the rseq area registered with rseq(2) (area 0: none); a fork inherits it, execve drops it */
  rseq = { area: 0, len: 0, sig: 0 };
  /** message naming the last unknown opcode that faulted */
  undefinedOpcode = '';
  readonly vmas = new VmaList();

  constructor(host: Host) {
    this.host = host;
    this.cwd = host.cwd();
    this.fds = new FdTable(host);
    this.sig = new SignalState(this);
  }

  /** Run the guest until it exits; resolves with its status. */
  async run(): Promise<ExitStatus> {
    const cpu = this.cpu, sig = this.sig;
    // a forked child goes on sharing its parent's MAP_SHARED file mappings
    adoptSharedMaps(this);
    let lastYield = this.host.now();
    for (;;) {
      const stop = cpu.run(sig.sliceBudget());
      if (stop === Stop.Syscall) {
        const wait = this.syscall();
        if (wait !== undefined) await wait; // a blocking syscall (sleep, pause, ...) waits on the event loop
      } else if (stop === Stop.Fault) {
        const f = cpu.fault!;
        cpu.fault = null;
        this.undefinedOpcode = f instanceof CpuException && f.bytes.length > 0 && !(f.bytes[0] === 0x0f && f.bytes[1] === 0x0b)
          ? `x64vm: unsupported instruction at 0x${cpu.rip.toString(16)}: ${f.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ')}\n` : '';
        sig.raiseFault(signalForFault(f, cpu));
      }
      if (this.threads !== null) {
        const w = this.threads.schedule(stop === Stop.Budget);
        if (w !== undefined) await w;
      }
      // timers fire and host signals come in between slices, also for syscall-heavy guests
      const now = this.host.now();
      if (now - lastYield > 20) {
        lastYield = now;
        await this.host.yieldToEvents();
      }
      sig.tick(now);
      if (!this.exited && (sig.restartNr >= 0 || sig.hasDeliverable())) sig.deliverAll();
      if (this.exited) return this.finish(this.exited);
    }
  }

  private finish(st: ExitStatus): ExitStatus {
    // stores through MAP_SHARED file mappings reach the files, whatever ended the process
    flushSharedMaps(this);
    if (this.strace) {
      this.host.writeErr(st.signal ? `+++ killed by ${SIGNAL_NAMES[st.signal] ?? st.signal} +++\n` : `+++ exited with ${st.code} +++\n`);
    }
    return st;
  }

  /** Run the syscall the CPU stopped at; a promise when its handler blocks. */
  private syscall(): Promise<void> | undefined {
    const cpu = this.cpu, r = cpu.r, a = this.args;
    const nr = r[2 * RAX + 1] === 0 ? r[2 * RAX] : -1;
    const regs = [RDI, RSI, RDX, R10, R8, R9];
    for (let k = 0; k < 6; k++) { a.lo[k] = r[2 * regs[k]]; a.hi[k] = r[2 * regs[k] + 1]; }
    // the syscall instruction clobbers rcx (return rip) and r11 (rflags)
    r[2 * RCX] = cpu.rip >>> 0; r[2 * RCX + 1] = Math.floor(cpu.rip / 4294967296);
    r[2 * R11] = cpu.getFlags() & 0x3c7fd7; r[2 * R11 + 1] = 0;
    if (this.threads !== null) {
      const res = this.threads.intercept(nr);
      if (res !== undefined) {
        if (this.strace) this.host.writeErr(`${SYSCALL_NAMES[nr]}(...) = ${res === PARK ? '?' : res}\n`);
        if (res !== PARK) this.syscallDone(nr, res);
        return undefined;
      }
    }
    const def = nr >= 0 ? syscalls[nr] : undefined;
    if (!def) {
      const name = SYSCALL_NAMES[nr] ?? 'unknown';
      if (this.strace) this.host.writeErr(`${name === 'unknown' ? 'syscall_' + nr : name}(...) = -1 ENOSYS (unsupported by x64vm)\n`);
      else if (!this.reported.has(nr) && this.host.verboseUnsupported) {
        this.reported.add(nr);
        this.host.writeErr(`x64vm: unsupported syscall ${nr} (${name}), returned ENOSYS\n`);
      }
      this.syscallDone(nr, -ENOSYS);
      return undefined;
    }
    const pre = this.strace ? formatSyscall(this, def, a) : '';
    const out = def.fn(this, a);
    if (typeof out === 'number') {
      if (this.strace) this.host.writeErr(pre + (out === NORETURN || out === PARK ? ' = ?' : formatResult(def, out)) + '\n');
      this.syscallDone(nr, out);
      return undefined;
    }
    return out.then((res) => {
      if (this.strace) this.host.writeErr(pre + (res === NORETURN ? ' = ?' : formatResult(def, res)) + '\n');
      this.syscallDone(nr, res);
    });
  }

  syscallDone(nr: number, res: number): void {
    if (res === NORETURN || res === PARK) return;
    const r = this.cpu.r;
    r[2 * RAX] = res >>> 0;
    r[2 * RAX + 1] = res < 0 ? 0xffffffff : Math.floor(res / 4294967296);
    // -ERESTARTSYS etc.: signal delivery decides between -EINTR and running the syscall again
    if (res <= -ERESTARTSYS && res >= -ERESTART_RESTARTBLOCK) this.sig.syscallInterrupted(nr, -res);
  }

  /** End the process: exit status or death by signal. */
  exit(code: number, signal = 0): void {
    // an instruction x64vm does not know killed the program: say which
    if (signal === 4 && this.undefinedOpcode) this.host.writeErr(this.undefinedOpcode);
    if (this.exited) return;
    this.exited = { code: code & 0xff, signal };
  }

  // ---- address space management (used by mm syscalls and the loader) --------------

  /** Find a free, page-aligned range of len bytes, top-down from the hint. Returns -1 if none. */
  findFree(len: number, below = this.mmapHint): number {
    const pages = Math.ceil(len / 4096);
    const perm = this.mem.perm;
    let top = Math.min(Math.floor(below / 4096), NUM_PAGES);
    const lowest = 0x10; // never hand out the first 64 KiB
    while (top - pages >= lowest) {
      let ok = true, p = top - 1;
      for (; p >= top - pages; p--) if (perm[p] & P_MAPPED) { ok = false; break; }
      if (ok) return (top - pages) * 4096;
      top = p; // restart below the page in use
    }
    return -1;
  }

  /** Where the ELF interpreter named by PT_INTERP is found on the host: through the path translator (a sysroot first). */
  resolveInterp(interp: string): string {
    const h = hostAbs(this, fromText(interp));
    return typeof h === 'number' ? interp : toText(h);
  }

  noteMapping(start: number, len: number, path: string, offset: number): void { this.vmas.add(start, len, path, offset); }
  forgetMapping(start: number, len: number): void { this.vmas.remove(start, len); }
  isAnonPage(page: number): boolean { const v = this.vmas.find(page * 4096); return !v || v.path === ''; }

  /** Map pages with protection (P_R/P_W/P_X bits), zero-filled. */
  mapAnon(addr: number, len: number, prot: number): void {
    const end = Math.ceil((addr + len) / 4096) * 4096;
    this.mem.unmap(addr, end - addr);
    this.mem.u8.fill(0, addr, end);
    this.mem.protect(addr, end - addr, prot & (P_R | P_W | P_X));
  }
}

export { MemoryFault, CpuException };
