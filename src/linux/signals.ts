// Signals: turning CPU faults into signals, pending and blocked sets, default
// actions. (Handler frames, sigaction, timers: see sys/signal.ts.)

import type { Process } from './process.js';
import type { Cpu } from '../cpu/cpu.js';
import { MemoryFault } from '../mem/memory.js';
import { CpuException, EXC_DE, EXC_BP, EXC_UD, EXC_GP, EXC_MF, EXC_XM, EXC_AC, EXC_DB } from '../cpu/exceptions.js';

export const SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
  SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
  SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
  SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
  SIGIO = 29, SIGPWR = 30, SIGSYS = 31;

export const SIGNAL_NAMES = ['', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS',
  'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT',
  'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ',
  'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS'];

// si_code values
export const SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6, SI_TIMER = -2;
export const SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, ILL_ILLOPN = 2, ILL_PRVOPC = 5,
  FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
  FPE_FLTINV = 7, TRAP_BRKPT = 1, TRAP_TRACE = 2;

/** What a signal carries into the handler's siginfo. */
export interface SigInfo {
  signo: number;
  code: number;
  /** si_addr for faults */
  addr?: number;
  pid?: number;
  uid?: number;
  /** si_value / timer overrun etc. */
  value?: number;
  /** trap number and error code for the sigcontext */
  trapno?: number;
  err?: number;
}

/** Which signal Linux sends for a CPU exception or memory fault. */
export function signalForFault(f: MemoryFault | CpuException, _cpu: Cpu): SigInfo {
  if (f instanceof MemoryFault) {
    // error code bits as the page-fault handler reports them: 4 user, 2 write, 16 fetch, 1 present
    const err = 4 | (f.access === 2 ? 2 : 0) | (f.access === 4 ? 16 : 0) | (f.mapped ? 1 : 0);
    return { signo: SIGSEGV, code: f.mapped ? SEGV_ACCERR : SEGV_MAPERR, addr: f.addr, trapno: 14, err };
  }
  switch (f.vector) {
    case EXC_DE: return { signo: SIGFPE, code: FPE_INTDIV, trapno: 0 };
    case EXC_BP: return { signo: SIGTRAP, code: SI_KERNEL, trapno: 3 };
    case EXC_DB: return { signo: SIGTRAP, code: TRAP_TRACE, trapno: 1 };
    case EXC_UD: return { signo: SIGILL, code: ILL_ILLOPN, trapno: 6 };
    case EXC_MF: case EXC_XM: return { signo: SIGFPE, code: fpeCode(f.code), trapno: f.vector };
    case EXC_AC: return { signo: SIGBUS, code: BUS_ADRALN, trapno: 17 };
    case EXC_GP: default: return { signo: SIGSEGV, code: SI_KERNEL, addr: 0, trapno: 13 };
  }
}

/** si_code for an x87/SSE exception from its status bits (IE, DE, ZE, OE, UE, PE). */
function fpeCode(bits: number): number {
  if (bits & 1) return FPE_FLTINV;
  if (bits & 4) return FPE_FLTDIV;
  if (bits & 8) return FPE_FLTOVF;
  if (bits & 16) return FPE_FLTUND;
  if (bits & 32) return FPE_FLTRES;
  return 0;
}

export const enum Dfl { Term, Core, Ign, Stop, Cont }
export function defaultAction(sig: number): Dfl {
  switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE: case SIGSEGV:
    case SIGXCPU: case SIGXFSZ: case SIGSYS: return Dfl.Core;
    case SIGCHLD: case SIGURG: case SIGWINCH: return Dfl.Ign;
    case SIGCONT: return Dfl.Cont;
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: return Dfl.Stop;
    default: return sig >= 32 ? Dfl.Term : Dfl.Term;
  }
}

export const SIG_DFL = 0, SIG_IGN = 1;

export interface SigAction { handler: number; flags: number; restorer: number; maskLo: number; maskHi: number }

/** Per-process signal state. */
export class SignalState {
  readonly actions: SigAction[] = [];
  /** blocked mask: bit (sig-1) */
  blockedLo = 0;
  blockedHi = 0;
  /** pending signals with their info, in arrival order */
  pending: SigInfo[] = [];

  constructor(private p: Process) {
    for (let s = 0; s <= 64; s++) this.actions.push({ handler: SIG_DFL, flags: 0, restorer: 0, maskLo: 0, maskHi: 0 });
  }

  isBlocked(sig: number): boolean {
    return sig <= 32 ? (this.blockedLo & (1 << (sig - 1))) !== 0 : (this.blockedHi & (1 << (sig - 33))) !== 0;
  }

  /** A synchronous fault: delivered now; if it is blocked or ignored, the process dies (as Linux forces it). */
  raiseFault(info: SigInfo): void {
    const act = this.actions[info.signo];
    if (this.isBlocked(info.signo) || act.handler === SIG_IGN) {
      act.handler = SIG_DFL;
      if (info.signo <= 32) this.blockedLo &= ~(1 << (info.signo - 1));
    }
    this.deliver(info);
  }

  /** Queue a signal (kill, timers, host signals). */
  queue(info: SigInfo): void {
    if (info.signo < 32 && this.pending.some((q) => q.signo === info.signo)) return; // standard signals do not queue
    this.pending.push(info);
  }

  hasDeliverable(): boolean {
    if (this.pending.length === 0) return false;
    return this.pending.some((q) => !this.isBlocked(q.signo) || q.signo === 9 || q.signo === 19);
  }

  deliverPending(): void {
    for (let k = 0; k < this.pending.length; k++) {
      const q = this.pending[k];
      if (this.isBlocked(q.signo) && q.signo !== 9 && q.signo !== 19) continue;
      this.pending.splice(k, 1);
      this.deliver(q);
      return; // one at a time; the next after the handler frame is set up
    }
  }

  /** Deliver one signal now: default action, ignore, or a handler frame. */
  deliver(info: SigInfo): void {
    const act = this.actions[info.signo];
    if (act.handler === SIG_IGN && info.signo !== 9 && info.signo !== 19) return;
    if (act.handler === SIG_DFL || info.signo === 9 || info.signo === 19) {
      const d = defaultAction(info.signo);
      if (d === Dfl.Ign || d === Dfl.Cont || d === Dfl.Stop) return; // stopping is not emulated
      this.p.exit(0, info.signo);
      return;
    }
    this.setupFrame(info, act);
  }

  /** Build the handler frame: replaced by the full rt_sigframe implementation. */
  setupFrame(info: SigInfo, _act: SigAction): void {
    this.p.exit(0, info.signo);
  }

  /** Called regularly by the run loop with the current time (ms) to fire timers. */
  tick(_now: number): void {}
}
