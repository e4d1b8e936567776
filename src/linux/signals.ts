// Signals as Linux does them for x86-64: faults to signals, generation (ignore
// checks, queueing), the pending and blocked sets, dequeue order, default actions,
// handler frames (struct rt_sigframe), rt_sigreturn, syscall restart, the
// alternate stack, interval and POSIX timers, and waiting for a signal.
// The syscalls themselves are in sys/signal.ts.
//
// Frame layout (arch/x86/include/asm/sigframe.h, uapi/asm/sigcontext.h), for a CPU
// without XSAVE (our CPUID claims none), from the handler's rsp upwards:
//   +0    pretcode (sa_restorer)
//   +8    struct ucontext: uc_flags, uc_link, uc_stack (24), uc_mcontext (256), uc_sigmask
//   +312  siginfo (128 bytes; written only with SA_SIGINFO)
//   ...   gap, then the 512-byte FXSAVE image at a 64-byte aligned address

import type { Process } from './process.js';
import type { Cpu } from '../cpu/cpu.js';
import { MemoryFault, P_R, P_W } from '../mem/memory.js';
import { CpuException, EXC_DE, EXC_BP, EXC_UD, EXC_GP, EXC_MF, EXC_XM, EXC_AC, EXC_DB, EXC_OF } from '../cpu/exceptions.js';
import { fxsave, fxrstor, fpuInit } from '../cpu/fpstate.js';
import { DF, AC, TF } from '../cpu/flags.js';
import { sleepMs } from './host.js';

export const SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
  SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
  SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
  SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
  SIGIO = 29, SIGPWR = 30, SIGSYS = 31;
export const NSIG = 64;

export const SIGNAL_NAMES = ['', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS',
  'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT',
  'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ',
  'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS'];

// si_code values
export const SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
export const SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, ILL_ILLOPN = 2, ILL_PRVOPC = 5,
  FPE_INTDIV = 1, FPE_INTOVF = 2, FPE_FLTDIV = 3, FPE_FLTOVF = 4, FPE_FLTUND = 5, FPE_FLTRES = 6,
  FPE_FLTINV = 7, TRAP_BRKPT = 1, TRAP_TRACE = 2;

// sa_flags
export const SA_NOCLDSTOP = 1, SA_NOCLDWAIT = 2, SA_SIGINFO = 4, SA_UNSUPPORTED = 0x400,
  SA_EXPOSE_TAGBITS = 0x800, SA_RESTORER = 0x04000000, SA_ONSTACK = 0x08000000,
  SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;
/** the flag bits the kernel keeps (the rest read back as 0, so programs can probe support) */
export const SA_KNOWN = (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_EXPOSE_TAGBITS | SA_RESTORER |
  SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND) >>> 0;

export const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 0x80000000;
export const MINSIGSTKSZ = 2048;

// the kernel-internal "restart me" results of interrupted syscalls
export const ERESTARTSYS = 512, ERESTARTNOINTR = 513, ERESTARTNOHAND = 514, ERESTART_RESTARTBLOCK = 516;
const EINTR = 4;
const NR_RESTART_SYSCALL = 219;

/** A "registers were set, leave rax alone" syscall result (process.ts NORETURN; kept equal). */
const NORETURN = -0x100000000;

export const SIG_DFL = 0, SIG_IGN = 1;

// struct ucontext offsets (from its start) and the frame
const UC_FLAGS = 0, UC_LINK = 8, UC_STACK = 16, UC_MCONTEXT = 40, UC_SIGMASK = 296, UC_SIZE = 304;
const FRAME_SIZE = 8 + UC_SIZE + 128;
const FXSAVE_SIZE = 512;
const UC_SIGCONTEXT_SS = 2, UC_STRICT_RESTORE_SS = 4;
// struct sigcontext offsets
const SC_R8 = 0, SC_RDI = 64, SC_RSI = 72, SC_RBP = 80, SC_RBX = 88, SC_RDX = 96, SC_RAX = 104, SC_RCX = 112,
  SC_RSP = 120, SC_RIP = 128, SC_EFLAGS = 136, SC_CS = 144, SC_GS = 146, SC_FS = 148, SC_SS = 150, SC_ERR = 152,
  SC_TRAPNO = 160, SC_OLDMASK = 168, SC_CR2 = 176, SC_FPSTATE = 184, SC_SIZE = 256;
const USER_CS = 0x33, USER_DS = 0x2b;
/** the flags a handler may change through the sigcontext (FIX_EFLAGS; RF and TF are not emulated) */
const SIGRETURN_FLAGS = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x800 | DF | AC;

/** What a signal carries into the handler's siginfo. */
export interface SigInfo {
  signo: number;
  code: number;
  errno?: number;
  /** si_addr for faults */
  addr?: number;
  /** kill, sigqueue, SIGCHLD */
  pid?: number;
  uid?: number;
  /** POSIX timers */
  timerid?: number;
  overrun?: number;
  /** si_value (sigqueue, timers) as two 32-bit halves */
  valueLo?: number;
  valueHi?: number;
  /** SIGCHLD */
  status?: number;
  /** trap number and error code for the sigcontext (faults only) */
  trapno?: number;
  err?: number;
  /** the whole 128-byte siginfo as given to rt_sigqueueinfo */
  raw?: Uint8Array;
  /** sent to the process (kill) rather than the thread (tgkill, faults) */
  shared?: boolean;
}

/** Which signal Linux sends for a CPU exception or memory fault. Moves rip past int3 (a trap). */
export function signalForFault(f: MemoryFault | CpuException, cpu: Cpu): SigInfo {
  const rip = cpu.rip;
  if (f instanceof MemoryFault) {
    // the page-fault error code: 1 present, 2 write, 4 user, 16 instruction fetch
    const page = f.addr < 0x100000000 ? cpu.mem.perm[Math.floor(f.addr / 4096)] : 0;
    // accesses to the kernel half always look like protection faults (Linux hides its page tables)
    const present = (f.mapped && (page & P_R) !== 0) || f.addr >= 0xffff800000000000;
    const err = 4 | (f.access === P_W ? 2 : 0) | (f.access === 4 ? 16 : 0) | (present ? 1 : 0);
    return { signo: SIGSEGV, code: f.mapped ? SEGV_ACCERR : SEGV_MAPERR, addr: f.addr, trapno: 14, err };
  }
  switch (f.vector) {
    case EXC_DE: return { signo: SIGFPE, code: FPE_INTDIV, addr: rip, trapno: 0, err: 0 };
    case EXC_BP:
      // a trap: the handler sees rip after the instruction (int3, or int $3)
      cpu.rip = rip + (cpu.mem.check(rip, 1, P_R) && cpu.mem.u8[rip] === 0xcd ? 2 : 1);
      return { signo: SIGTRAP, code: SI_KERNEL, trapno: 3, err: 0 };
    // only int1 (icebp) raises #DB here (no single-stepping): Linux reports it as a breakpoint
    case EXC_DB: return { signo: SIGTRAP, code: TRAP_BRKPT, trapno: 1, err: 0 };
    case EXC_OF:
      // `int $4` is a trap through the user-accessible overflow gate: rip after it
      cpu.rip = rip + 2;
      return { signo: SIGSEGV, code: SI_KERNEL, trapno: 4, err: 0 };
    case EXC_UD: return { signo: SIGILL, code: ILL_ILLOPN, addr: rip, trapno: 6, err: 0 };
    case EXC_MF: case EXC_XM: return { signo: SIGFPE, code: fpeCode(f.code), addr: rip, trapno: f.vector, err: 0 };
    case EXC_AC: return { signo: SIGBUS, code: BUS_ADRALN, addr: 0, trapno: 17, err: 0 };
    case EXC_GP: default: {
      // `int n` raises #GP with the IDT entry in the error code; int $3 is the breakpoint
      let err = 0;
      if (cpu.mem.check(rip, 2, P_R) && cpu.mem.u8[rip] === 0xcd) {
        const n = cpu.mem.u8[rip + 1];
        if (n === 3) { cpu.rip = rip + 2; return { signo: SIGTRAP, code: SI_KERNEL, trapno: 3, err: 0 }; }
        err = (n << 3) | 2;
      }
      return { signo: SIGSEGV, code: SI_KERNEL, trapno: 13, err };
    }
  }
}

/** si_code for an x87/SSE exception from its status bits (IE, DE, ZE, OE, UE, PE). */
function fpeCode(bits: number): number {
  if (bits & 1) return FPE_FLTINV;
  if (bits & 4) return FPE_FLTDIV;
  if (bits & 8) return FPE_FLTOVF;
  if (bits & 0x12) return FPE_FLTUND; // denormal or underflow, as Linux reports them
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
    default: return Dfl.Term;
  }
}

const SYNCHRONOUS = (1 << (SIGSEGV - 1)) | (1 << (SIGBUS - 1)) | (1 << (SIGILL - 1)) | (1 << (SIGTRAP - 1)) |
  (1 << (SIGFPE - 1)) | (1 << (SIGSYS - 1));
const STOP_MASK = (1 << (SIGSTOP - 1)) | (1 << (SIGTSTP - 1)) | (1 << (SIGTTIN - 1)) | (1 << (SIGTTOU - 1));
/** SIGKILL and SIGSTOP: never blocked, caught or ignored */
export const UNBLOCKABLE = (1 << (SIGKILL - 1)) | (1 << (SIGSTOP - 1));

export interface SigAction { handler: number; flags: number; restorer: number; maskLo: number; maskHi: number }

/** An interval timer: deadline and period in host milliseconds (0 deadline = disarmed). */
interface ITimer { deadline: number; interval: number }

/** A POSIX timer (timer_create). */
export interface PosixTimer {
  id: number;
  clock: number;
  notify: number;
  signo: number;
  valueLo: number;
  valueHi: number;
  deadline: number;
  interval: number;
  /** counts guest CPU time (vtime) instead of host time */
  cpu: boolean;
  /** expirations not delivered because the previous signal was still pending */
  overrun: number;
  /** overrun count reported by timer_getoverrun (of the last delivered signal) */
  lastOverrun: number;
  /** the queued signal, while it is pending */
  queued: SigInfo | null;
}

/** What the host side (the CLI) does to forward host signals: told whenever the guest's need changes. */
export type HostSignalWatch = (sig: number, forward: boolean) => void;

/** Signals a host may send to x64vm that are worth forwarding (Node can listen to these). */
export const FORWARDABLE = [SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM, SIGSTKFLT, SIGCONT,
  SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPWR, SIGSYS];

const bit = (sig: number): number => 1 << ((sig - 1) & 31);

/** Per-process signal state. */
export class SignalState {
  readonly actions: SigAction[] = [];
  /** blocked mask: bit (sig-1) of lo for 1..32, bit (sig-33) of hi for 33..64 */
  blockedLo = 0;
  blockedHi = 0;
  /** while rt_sigtimedwait waits: the signals it unblocked (they are never "ignored" meanwhile) */
  realBlockedLo = 0;
  realBlockedHi = 0;
  /** pending signals, in arrival order (dequeue picks by number) */
  pending: SigInfo[] = [];

  /** mask saved by rt_sigsuspend, restored after the handler (through the frame) or when none runs */
  savedLo = 0;
  savedHi = 0;
  restoreMask = false;

  /** the alternate signal stack */
  ssSp = 0;
  ssSize = 0;
  ssFlags = 0;

  /** the syscall that returned -ERESTART*: its number (orig_rax) and code, -1 if none */
  restartNr = -1;
  restartCode = 0;
  /** what restart_syscall continues (nanosleep with its remaining time) */
  restartFn: (() => number | Promise<number>) | null = null;

  /** last fault, as current->thread keeps it for every later sigcontext */
  trapNr = 0;
  errCode = 0;
  cr2 = 0;

  /** ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF (virtual ones in guest-running ms) */
  readonly itimers: ITimer[] = [{ deadline: 0, interval: 0 }, { deadline: 0, interval: 0 }, { deadline: 0, interval: 0 }];
  readonly timers = new Map<number, PosixTimer>();
  /** guest running time in ms (approximated by wall time outside of waits) */
  vtime = 0;
  private lastTick = -1;
  private waiting = false;
  /** the earliest host-time deadline of any armed timer */
  private nextDeadline = Infinity;
  /** ends the current waitUntil wait early (anything that may satisfy its condition calls it) */
  wake: (() => void) | null = null;

  hostWatch: HostSignalWatch | null = null;
  private forwarded = new Set<number>();
  /** some listener is no longer needed (removed lazily, see syncHost) */
  private hostDirty = false;
  private lastHostSync = 0;

  constructor(private p: Process) {
    for (let s = 0; s <= NSIG; s++) this.actions.push({ handler: SIG_DFL, flags: 0, restorer: 0, maskLo: 0, maskHi: 0 });
  }

  // ---- sets -------------------------------------------------------------------------------

  isBlocked(sig: number): boolean {
    return sig <= 32 ? (this.blockedLo & bit(sig)) !== 0 : (this.blockedHi & bit(sig)) !== 0;
  }

  private isRealBlocked(sig: number): boolean {
    return sig <= 32 ? (this.realBlockedLo & bit(sig)) !== 0 : (this.realBlockedHi & bit(sig)) !== 0;
  }

  /** Set the blocked mask (SIGKILL and SIGSTOP stay unblocked). */
  setBlocked(lo: number, hi: number): void {
    this.blockedLo = (lo & ~UNBLOCKABLE) >>> 0;
    this.blockedHi = hi >>> 0;
    this.updateHost();
  }

  /** Is the handler such that a signal sent now would be dropped (sig_ignored)? */
  private ignored(sig: number): boolean {
    if (this.isBlocked(sig) || this.isRealBlocked(sig)) return false;
    const h = this.actions[sig].handler;
    if (h === SIG_IGN) return sig !== SIGKILL && sig !== SIGSTOP;
    return h === SIG_DFL && (sig === SIGCHLD || sig === SIGURG || sig === SIGWINCH || sig === SIGCONT);
  }

  // ---- generation -------------------------------------------------------------------------

  /** Send a signal to the process (kill, timers, host signals, SIGPIPE). */
  send(info: SigInfo, shared = true): void {
    const sig = info.signo;
    if (sig < 1 || sig > NSIG) return;
    info.shared = shared;
    // stop and continue signals cancel each other's pending instances
    if (sig <= 32 && (bit(sig) & STOP_MASK)) this.pending = this.pending.filter((q) => q.signo !== SIGCONT);
    else if (sig === SIGCONT) this.pending = this.pending.filter((q) => q.signo > 32 || !(bit(q.signo) & STOP_MASK));
    if (this.ignored(sig)) return;
    // standard signals do not queue: one pending instance per target
    if (sig < 32 && this.pending.some((q) => q.signo === sig && q.shared === shared)) return;
    this.pending.push(info);
    this.wake?.();
  }

  /** Old name for send (callers in other modules). */
  queue(info: SigInfo): void { this.send(info); }

  /** force_sig: unblock the signal and undo SIG_IGN, then send it to the thread. */
  force(info: SigInfo): void {
    const sig = info.signo, act = this.actions[sig];
    const blocked = this.isBlocked(sig);
    if (blocked || act.handler === SIG_IGN) {
      act.handler = SIG_DFL;
      if (blocked) {
        if (sig <= 32) this.blockedLo = (this.blockedLo & ~bit(sig)) >>> 0;
        else this.blockedHi = (this.blockedHi & ~bit(sig)) >>> 0;
      }
      this.updateHost();
    }
    this.send(info, false);
  }

  /** A synchronous fault: recorded for the sigcontext, forced, and delivered at once. */
  raiseFault(info: SigInfo): void {
    this.trapNr = info.trapno ?? 0;
    this.errCode = info.err ?? 0;
    if (info.trapno === 14) this.cr2 = info.addr ?? 0;
    this.force(info);
    this.deliverAll();
  }

  /** A host signal arrived at x64vm. */
  sendHost(sig: number): void {
    this.send({ signo: sig, code: SI_KERNEL });
  }

  // ---- dequeue and delivery ---------------------------------------------------------------

  hasDeliverable(): boolean {
    const q = this.pending;
    if (q.length === 0) return false;
    for (let k = 0; k < q.length; k++) if (!this.isBlocked(q[k].signo)) return true;
    return false;
  }

  /**
   * Remove and return the next signal not in the mask: thread-directed before process-wide,
   * synchronous faults first, then the lowest number; queued real-time signals in order.
   */
  dequeue(maskLo: number, maskHi: number): SigInfo | null {
    let best = -1, bestKey = Infinity;
    const q = this.pending;
    for (let k = 0; k < q.length; k++) {
      const s = q[k].signo;
      if (s <= 32 ? (maskLo & bit(s)) : (maskHi & bit(s))) continue;
      const key = (q[k].shared ? 1000 : 0) + (s <= 32 && (SYNCHRONOUS & bit(s)) ? 0 : 100) + s;
      if (key < bestKey) { bestKey = key; best = k; }
    }
    if (best < 0) return null;
    const info = q[best];
    q.splice(best, 1);
    for (const t of this.timers.values()) {
      if (t.queued === info) { t.queued = null; t.lastOverrun = t.overrun; t.overrun = 0; info.overrun = t.lastOverrun; }
    }
    return info;
  }

  /** Is any signal in the set pending (blocked or not)? */
  pendingIn(lo: number, hi: number): boolean {
    for (const q of this.pending) if (q.signo <= 32 ? (lo & bit(q.signo)) : (hi & bit(q.signo))) return true;
    return false;
  }

  /**
   * Deliver what is pending and unblocked, as the kernel does on the way back to user
   * mode: ignored signals are dropped, default actions run, each handler gets a frame
   * (later ones on top of earlier ones). Then an interrupted syscall is restarted if no
   * handler ran, and a mask saved by sigsuspend is put back.
   */
  deliverAll(): void {
    let handled = false;
    for (;;) {
      if (this.p.exited) return;
      const info = this.dequeue(this.blockedLo, this.blockedHi);
      if (!info) break;
      const sig = info.signo, act = this.actions[sig];
      if (act.handler === SIG_IGN && sig !== SIGKILL && sig !== SIGSTOP) continue;
      if (act.handler === SIG_DFL || sig === SIGKILL || sig === SIGSTOP) {
        const d = defaultAction(sig);
        if (d === Dfl.Ign || d === Dfl.Cont) continue;
        if (this.p.strace) this.p.host.writeErr(`--- ${describeSiginfo(info)} ---\n`);
        if (d === Dfl.Stop) { this.stopSelf(sig); continue; }
        this.p.exit(0, sig);
        return;
      }
      const ka: SigAction = { ...act };
      if (act.flags & SA_RESETHAND) act.handler = SIG_DFL;
      if (this.p.strace) this.p.host.writeErr(`--- ${describeSiginfo(info)} ---\n`);
      this.handleSignal(info, ka);
      handled = true;
    }
    if (!handled && this.restartNr >= 0) {
      const cpu = this.p.cpu;
      switch (this.restartCode) {
        case ERESTARTNOHAND: case ERESTARTSYS: case ERESTARTNOINTR:
          this.setRax(this.restartNr); cpu.rip -= 2; break;
        case ERESTART_RESTARTBLOCK:
          this.setRax(NR_RESTART_SYSCALL); cpu.rip -= 2; break;
      }
    }
    this.restartNr = -1;
    if (this.restoreMask) { this.restoreMask = false; this.setBlocked(this.savedLo, this.savedHi); }
  }

  /** Stopping is done for real: x64vm stops itself with the signal (the shell's job control sees it). */
  private stopSelf(sig: number): void {
    if (typeof process === 'undefined' || typeof process.kill !== 'function') return;
    if (this.forwarded.delete(sig)) this.hostWatch?.(sig, false);
    try { process.kill(process.pid, SIGNAL_NAMES[sig] as NodeJS.Signals); } catch { /* cannot stop: go on */ }
    this.updateHost();
  }

  private setRax(v: number): void {
    const r = this.p.cpu.r;
    r[0] = v >>> 0; r[1] = v < 0 ? 0xffffffff : 0;
  }

  /** Run a handler: syscall restart rules, the frame, then the mask and altstack updates. */
  private handleSignal(info: SigInfo, ka: SigAction): void {
    const cpu = this.p.cpu;
    if (this.restartNr >= 0) {
      const c = this.restartCode;
      if (c === ERESTART_RESTARTBLOCK || c === ERESTARTNOHAND || (c === ERESTARTSYS && !(ka.flags & SA_RESTART))) {
        this.setRax(-EINTR);
      } else if (c === ERESTARTSYS || c === ERESTARTNOINTR) {
        this.setRax(this.restartNr); cpu.rip -= 2;
      }
      this.restartNr = -1;
    }
    if (!this.setupFrame(info, ka)) {
      // the frame could not be written: SIGSEGV, fatal if it was SIGSEGV that failed
      if (info.signo === SIGSEGV) { this.p.exit(0, SIGSEGV); return; }
      this.force({ signo: SIGSEGV, code: SI_KERNEL });
      return;
    }
    // the handler starts with DF clear and a fresh FPU/SSE state
    const f = cpu.getFlags();
    cpu.setFlags(f & ~(DF | TF), DF | TF);
    fpuInit(cpu);
    cpu.mxcsrView[0] = 0x1f80;
    cpu.xmmU8.fill(0);
    cpu.x87U8.fill(0);
    // signal_delivered: the frame holds the mask to restore; block sa_mask and the signal
    this.restoreMask = false;
    let lo = this.blockedLo | ka.maskLo, hi = this.blockedHi | ka.maskHi;
    if (!(ka.flags & SA_NODEFER)) { if (info.signo <= 32) lo |= bit(info.signo); else hi |= bit(info.signo); }
    this.setBlocked(lo, hi);
    if (this.ssFlags & SS_AUTODISARM) { this.ssSp = 0; this.ssSize = 0; this.ssFlags = 0; }
  }

  // ---- the alternate stack ------------------------------------------------------------------

  /** Is sp on the alternate stack (on_sig_stack)? Never with SS_AUTODISARM. */
  onSigStack(sp: number): boolean {
    if (this.ssFlags & SS_AUTODISARM) return false;
    return this.onSigStackRaw(sp);
  }

  private onSigStackRaw(sp: number): boolean {
    return sp > this.ssSp && sp - this.ssSp <= this.ssSize;
  }

  /** sas_ss_flags(sp) */
  ssFlagsAt(sp: number): number {
    if (!this.ssSize) return SS_DISABLE;
    return this.onSigStack(sp) ? SS_ONSTACK : 0;
  }

  /** do_sigaltstack with a new stack; returns 0 or -errno. */
  setAltStack(sp: number, ssSp: number, flags: number, size: number): number {
    if (this.onSigStack(sp)) return -1; // EPERM
    const mode = (flags & ~SS_AUTODISARM) >>> 0;
    if (mode !== SS_DISABLE && mode !== SS_ONSTACK && mode !== 0) return -22; // EINVAL
    if (this.ssSp === ssSp && this.ssSize === size && this.ssFlags === (flags >>> 0)) return 0;
    if (mode === SS_DISABLE) { size = 0; ssSp = 0; }
    else if (size < MINSIGSTKSZ) return -12; // ENOMEM
    this.ssSp = ssSp; this.ssSize = size; this.ssFlags = flags >>> 0;
    return 0;
  }

  // ---- the frame ----------------------------------------------------------------------------

  private rsp(): number {
    const r = this.p.cpu.r;
    return r[9] * 4294967296 + r[8];
  }

  /** Build the rt_sigframe and point the CPU at the handler. False if the stack is unusable. */
  private setupFrame(info: SigInfo, ka: SigAction): boolean {
    const cpu = this.p.cpu, mem = this.p.mem, dv = mem.dv, r = cpu.r;
    // x86-64 always uses a restorer (libc's __restore_rt); without one the kernel gives up
    if (!(ka.flags & SA_RESTORER)) return false;
    const regsSp = this.rsp();
    const nested = this.onSigStack(regsSp);
    let entering = false;
    let sp = regsSp - 128; // the red zone
    if ((ka.flags & SA_ONSTACK) && this.ssFlagsAt(sp) === 0) {
      sp = this.ssSp + this.ssSize;
      entering = true;
    }
    const fp = Math.floor((sp - FXSAVE_SIZE) / 64) * 64;
    const frame = Math.floor((fp - FRAME_SIZE) / 16) * 16 - 8;
    if ((nested || entering) && !this.onSigStackRaw(frame)) return false;
    if (frame < 0 || fp + FXSAVE_SIZE > 0x100000000) return false;
    if (!mem.check(frame, FRAME_SIZE, P_W) || !mem.check(fp, FXSAVE_SIZE, P_W)) return false;

    fxsave(cpu, fp);
    mem.noteWrite(frame, FRAME_SIZE);
    const set = this.restoreMask ? [this.savedLo, this.savedHi] : [this.blockedLo, this.blockedHi];
    const put64 = (a: number, lo: number, hi: number): void => { dv.setUint32(a, lo, true); dv.setUint32(a + 4, hi, true); };
    const putNum = (a: number, n: number): void => put64(a, n >>> 0, Math.floor(n / 4294967296) >>> 0);
    const uc = frame + 8;
    putNum(frame, ka.restorer);
    putNum(uc + UC_FLAGS, UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
    putNum(uc + UC_LINK, 0);
    putNum(uc + UC_STACK, this.ssSp);
    dv.setUint32(uc + UC_STACK + 8, this.ssFlags, true);
    dv.setUint32(uc + UC_STACK + 12, 0, true);
    putNum(uc + UC_STACK + 16, this.ssSize);
    const sc = uc + UC_MCONTEXT;
    mem.u8.fill(0, sc, sc + SC_SIZE);
    for (let n = 0; n < 8; n++) put64(sc + SC_R8 + 8 * n, r[2 * (8 + n)], r[2 * (8 + n) + 1]);
    put64(sc + SC_RDI, r[14], r[15]);
    put64(sc + SC_RSI, r[12], r[13]);
    put64(sc + SC_RBP, r[10], r[11]);
    put64(sc + SC_RBX, r[6], r[7]);
    put64(sc + SC_RDX, r[4], r[5]);
    put64(sc + SC_RAX, r[0], r[1]);
    put64(sc + SC_RCX, r[2], r[3]);
    put64(sc + SC_RSP, r[8], r[9]);
    putNum(sc + SC_RIP, cpu.rip);
    putNum(sc + SC_EFLAGS, cpu.getFlags());
    dv.setUint16(sc + SC_CS, USER_CS, true);
    dv.setUint16(sc + SC_GS, 0, true);
    dv.setUint16(sc + SC_FS, 0, true);
    dv.setUint16(sc + SC_SS, USER_DS, true);
    putNum(sc + SC_ERR, this.errCode);
    putNum(sc + SC_TRAPNO, this.trapNr);
    put64(sc + SC_OLDMASK, set[0], set[1]);
    putNum(sc + SC_CR2, this.cr2);
    putNum(sc + SC_FPSTATE, fp);
    put64(uc + UC_SIGMASK, set[0], set[1]);
    const si = uc + UC_SIZE;
    if (ka.flags & SA_SIGINFO) this.writeSiginfo(si, info);

    // registers for the handler: handler(sig, &info, &uc), rax 0 for varargs-style handlers
    const setReg = (n: number, v: number): void => { r[2 * n] = v >>> 0; r[2 * n + 1] = Math.floor(v / 4294967296) >>> 0; };
    setReg(7, info.signo);
    setReg(6, si);
    setReg(2, uc);
    setReg(0, 0);
    setReg(4, frame);
    cpu.rip = ka.handler;
    return true;
  }

  /** Write a 128-byte siginfo at a (writable, checked by the caller). */
  writeSiginfo(a: number, info: SigInfo): void {
    const mem = this.p.mem, dv = mem.dv;
    mem.noteWrite(a, 128);
    if (info.raw) { mem.u8.set(info.raw, a); return; }
    mem.u8.fill(0, a, a + 128);
    dv.setInt32(a, info.signo, true);
    dv.setInt32(a + 4, info.errno ?? 0, true);
    dv.setInt32(a + 8, info.code, true);
    if (info.addr !== undefined) {
      dv.setUint32(a + 16, info.addr >>> 0, true);
      dv.setUint32(a + 20, Math.floor(info.addr / 4294967296) >>> 0, true);
      return;
    }
    if (info.pid !== undefined) dv.setInt32(a + 16, info.pid, true);
    if (info.uid !== undefined) dv.setUint32(a + 20, info.uid >>> 0, true);
    if (info.timerid !== undefined) dv.setInt32(a + 16, info.timerid, true);
    if (info.overrun !== undefined) dv.setInt32(a + 20, info.overrun, true);
    if (info.valueLo !== undefined) { dv.setUint32(a + 24, info.valueLo >>> 0, true); dv.setUint32(a + 28, (info.valueHi ?? 0) >>> 0, true); }
    if (info.status !== undefined) dv.setInt32(a + 24, info.status, true);
  }

  /** rt_sigreturn: restore everything from the frame at rsp-8. Returns NORETURN. */
  sigreturn(): number {
    const cpu = this.p.cpu, mem = this.p.mem, dv = mem.dv, r = cpu.r;
    this.restartFn = null;
    this.restartNr = -1;
    const entrySp = this.rsp();
    const frame = entrySp - 8;
    const uc = frame + 8, sc = uc + UC_MCONTEXT;
    if (frame < 0 || !mem.check(frame, 8 + UC_SIZE, P_R)) return this.badFrame();
    this.setBlocked(dv.getUint32(uc + UC_SIGMASK, true), dv.getUint32(uc + UC_SIGMASK + 4, true));
    const get = (o: number, n: number): void => { r[2 * n] = dv.getUint32(sc + o, true); r[2 * n + 1] = dv.getUint32(sc + o + 4, true); };
    for (let n = 0; n < 8; n++) get(SC_R8 + 8 * n, 8 + n);
    get(SC_RDI, 7); get(SC_RSI, 6); get(SC_RBP, 5); get(SC_RBX, 3); get(SC_RDX, 2); get(SC_RAX, 0);
    get(SC_RCX, 1); get(SC_RSP, 4);
    cpu.rip = dv.getUint32(sc + SC_RIP, true) + dv.getUint32(sc + SC_RIP + 4, true) * 4294967296;
    const fl = dv.getUint32(sc + SC_EFLAGS, true);
    cpu.setFlags((cpu.getFlags() & ~SIGRETURN_FLAGS) | (fl & SIGRETURN_FLAGS), DF | AC);
    const fpLo = dv.getUint32(sc + SC_FPSTATE, true), fpHi = dv.getUint32(sc + SC_FPSTATE + 4, true);
    if (fpLo === 0 && fpHi === 0) {
      fpuInit(cpu); cpu.mxcsrView[0] = 0x1f80; cpu.xmmU8.fill(0); cpu.x87U8.fill(0);
    } else {
      if (fpHi !== 0 || (fpLo & 15) || !mem.check(fpLo, FXSAVE_SIZE, P_R)) return this.badFrame();
      if (!fxrstor(cpu, fpLo)) return this.badFrame();
    }
    // the altstack as the frame says; refused (silently) when the handler's stack is on
    // the current one: Linux checks the stack pointer the handler returned with
    const ssSp = dv.getUint32(uc + UC_STACK, true) + dv.getUint32(uc + UC_STACK + 4, true) * 4294967296;
    const ssFlags = dv.getUint32(uc + UC_STACK + 8, true);
    const ssSize = dv.getUint32(uc + UC_STACK + 16, true) + dv.getUint32(uc + UC_STACK + 20, true) * 4294967296;
    this.setAltStack(entrySp, ssSp, ssFlags, ssSize);
    return NORETURN;
  }

  private badFrame(): number {
    this.force({ signo: SIGSEGV, code: SI_KERNEL });
    return NORETURN;
  }

  /** A syscall returned -ERESTART*: remember it for the delivery that follows. */
  syscallInterrupted(nr: number, code: number): void {
    this.restartNr = nr;
    this.restartCode = code;
  }

  /** execve: caught signals go back to SIG_DFL, the altstack goes; mask, pending and timers stay. */
  onExec(): void {
    for (let s = 1; s <= NSIG; s++) {
      const a = this.actions[s];
      if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
      a.flags = 0; a.restorer = 0; a.maskLo = 0; a.maskHi = 0;
    }
    this.ssSp = 0; this.ssSize = 0; this.ssFlags = 0;
    for (const t of this.timers.values()) this.timers.delete(t.id);
    this.updateHost();
  }

  // ---- host signal forwarding ---------------------------------------------------------------

  /**
   * Tell the host which signals must be caught and forwarded: those the guest catches,
   * ignores or blocks. With the default action and unblocked, the host's own default
   * does the same thing, at once, even while x64vm is busy. Listeners are added at once
   * (a blocked or caught signal must never kill x64vm) but removed lazily, at most every
   * 20 ms and before waits: a forwarded signal with the default action still ends x64vm
   * the right way, and code like raise() blocks and unblocks everything each time.
   */
  updateHost(): void { this.syncHost(false); }

  private syncHost(remove: boolean): void {
    const w = this.hostWatch;
    if (!w) return;
    this.hostDirty = false;
    for (const sig of FORWARDABLE) {
      const want = this.actions[sig].handler !== SIG_DFL || this.isBlocked(sig) || this.isRealBlocked(sig);
      if (want === this.forwarded.has(sig)) continue;
      if (want) { this.forwarded.add(sig); w(sig, true); }
      else if (remove) { this.forwarded.delete(sig); w(sig, false); }
      else this.hostDirty = true;
    }
    if (remove) this.lastHostSync = this.p.host.now();
  }

  // ---- timers -----------------------------------------------------------------------------

  /** How many blocks the CPU runs between checks: shorter slices while a timer is armed, for its precision. */
  sliceBudget(): number {
    return this.nextDeadline === Infinity ? 20000 : 2000;
  }

  /** Recompute the earliest deadline of the real-time timers. */
  rearm(): void {
    let d = this.itimers[0].deadline || Infinity;
    for (const t of this.timers.values()) {
      if (t.deadline && t.cpu) d = -Infinity;
      else if (t.deadline && t.deadline < d) d = t.deadline;
    }
    // CPU-time timers: checked on every tick while any is armed
    if (this.itimers[1].deadline || this.itimers[2].deadline) d = -Infinity;
    this.nextDeadline = d;
  }

  /** Called regularly by the run loop (and during waits) with the host time in ms, to fire timers. */
  tick(now: number): void {
    if (!this.waiting && this.lastTick >= 0) this.vtime += now - this.lastTick;
    this.lastTick = now;
    if (this.hostDirty && now - this.lastHostSync > 20) this.syncHost(true);
    if (now < this.nextDeadline) return;
    const it = this.itimers;
    if (it[0].deadline && now >= it[0].deadline) {
      it[0].deadline = it[0].interval ? advance(it[0].deadline, it[0].interval, now) : 0;
      this.send({ signo: SIGALRM, code: SI_KERNEL });
    }
    for (let k = 1; k <= 2; k++) {
      if (it[k].deadline && this.vtime >= it[k].deadline) {
        it[k].deadline = it[k].interval ? advance(it[k].deadline, it[k].interval, this.vtime) : 0;
        this.send({ signo: k === 1 ? SIGVTALRM : SIGPROF, code: SI_KERNEL });
      }
    }
    for (const t of this.timers.values()) {
      const clock = t.cpu ? this.vtime : now;
      if (!t.deadline || clock < t.deadline) continue;
      let n = 1;
      if (t.interval) {
        const next = advance(t.deadline, t.interval, clock);
        n = Math.round((next - t.deadline) / t.interval);
        t.deadline = next;
      } else t.deadline = 0;
      this.fireTimer(t, n);
    }
    this.rearm();
  }

  private fireTimer(t: PosixTimer, expirations: number): void {
    if (t.notify === 1) return; // SIGEV_NONE
    if (t.queued && this.pending.includes(t.queued)) { t.overrun += expirations; return; }
    t.overrun += expirations - 1;
    const info: SigInfo = { signo: t.signo, code: SI_TIMER, timerid: t.id, overrun: 0, valueLo: t.valueLo, valueHi: t.valueHi };
    const before = this.pending.length;
    this.send(info);
    t.queued = this.pending.length > before ? info : null;
  }

  /** ms left on an interval timer (0 = disarmed), and its interval. */
  itimerLeft(which: number, now: number): [number, number] {
    const t = this.itimers[which];
    if (!t.deadline) return [0, t.interval];
    const clock = which === 0 ? now : this.vtime;
    return [Math.max(t.deadline - clock, 0.001), t.interval];
  }

  setItimer(which: number, valueMs: number, intervalMs: number, now: number): void {
    const t = this.itimers[which];
    t.deadline = valueMs > 0 ? (which === 0 ? now : this.vtime) + valueMs : 0;
    t.interval = valueMs > 0 ? intervalMs : 0;
    this.rearm();
  }

  // ---- waiting ------------------------------------------------------------------------------

  /**
   * Wait until done() is true or the host clock reaches deadline (Infinity: no limit),
   * firing timers meanwhile and letting host signals in. Resolves to done().
   * Short waits block the thread (precise); longer ones go through the event loop.
   */
  async waitUntil(deadline: number, done: () => boolean): Promise<boolean> {
    const host = this.p.host;
    if (this.hostDirty) this.syncHost(true);
    this.waiting = true;
    try {
      for (;;) {
        const now = host.now();
        this.tick(now);
        if (done()) return true;
        if (this.p.exited) return false;
        if (now >= deadline) return false;
        const until = Math.min(deadline, this.nextDeadline === -Infinity ? now + 10 : this.nextDeadline);
        const wait = until - now;
        if (wait <= 2) { sleepMs(Math.max(wait, 0.05)); continue; }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => { this.wake = null; resolve(); }, Math.min(wait - 1, 0x7fffffff));
          this.wake = () => { this.wake = null; clearTimeout(timer); resolve(); };
        });
      }
    } finally {
      this.waiting = false;
      this.lastTick = host.now();
    }
  }

  /** Sleep until the deadline or a deliverable signal. Returns the ms left (0 if it completed). */
  async sleepUntil(deadline: number): Promise<number> {
    const got = await this.waitUntil(deadline, () => this.hasDeliverable());
    return got ? Math.max(deadline - this.p.host.now(), 0) : 0;
  }
}

/** The next deadline of a periodic timer after now (missed periods are skipped). */
function advance(deadline: number, interval: number, now: number): number {
  if (interval <= 0) return 0;
  const n = Math.floor((now - deadline) / interval) + 1;
  return deadline + n * interval;
}

/** Name of a signal number: SIGSEGV, SIGRT_3, 70. */
export function signalName(sig: number): string {
  if (sig >= 1 && sig < 32) return SIGNAL_NAMES[sig];
  if (sig >= 32 && sig <= NSIG) return `SIGRT_${sig - 32}`;
  return String(sig);
}

const CODE_NAMES: Record<number, string> = { [SI_USER]: 'SI_USER', [SI_KERNEL]: 'SI_KERNEL', [SI_QUEUE]: 'SI_QUEUE',
  [SI_TIMER]: 'SI_TIMER', [SI_TKILL]: 'SI_TKILL', [-3]: 'SI_MESGQ', [-4]: 'SI_ASYNCIO', [-5]: 'SI_SIGIO' };
const FAULT_CODES: Record<number, string[]> = {
  [SIGSEGV]: ['', 'SEGV_MAPERR', 'SEGV_ACCERR'],
  [SIGBUS]: ['', 'BUS_ADRALN', 'BUS_ADRERR', 'BUS_OBJERR'],
  [SIGILL]: ['', 'ILL_ILLOPC', 'ILL_ILLOPN', 'ILL_ILLADR', 'ILL_ILLTRP', 'ILL_PRVOPC', 'ILL_PRVREG', 'ILL_COPROC', 'ILL_BADSTK'],
  [SIGFPE]: ['', 'FPE_INTDIV', 'FPE_INTOVF', 'FPE_FLTDIV', 'FPE_FLTOVF', 'FPE_FLTUND', 'FPE_FLTRES', 'FPE_FLTINV', 'FPE_FLTSUB'],
  [SIGTRAP]: ['', 'TRAP_BRKPT', 'TRAP_TRACE'],
  [SIGCHLD]: ['', 'CLD_EXITED', 'CLD_KILLED', 'CLD_DUMPED', 'CLD_TRAPPED', 'CLD_STOPPED', 'CLD_CONTINUED'],
};

/** A siginfo the way strace prints it: SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10}. */
export function describeSiginfo(info: SigInfo): string {
  const name = signalName(info.signo);
  let code = CODE_NAMES[info.code];
  if (info.code > 0 && info.code < 0x80) code = FAULT_CODES[info.signo]?.[info.code] ?? String(info.code);
  const parts = [`si_signo=${name}`, `si_code=${code ?? info.code}`];
  if (info.raw) {
    const dv = new DataView(info.raw.buffer);
    parts.push(`si_pid=${dv.getInt32(16, true)}`, `si_uid=${dv.getUint32(20, true)}`, `si_int=${dv.getInt32(24, true)}`);
  } else if (info.addr !== undefined) parts.push(`si_addr=0x${info.addr.toString(16)}`);
  else {
    if (info.timerid !== undefined) parts.push(`si_timerid=${info.timerid}`, `si_overrun=${info.overrun ?? 0}`);
    if (info.pid !== undefined) parts.push(`si_pid=${info.pid}`, `si_uid=${info.uid ?? 0}`);
    if (info.status !== undefined) parts.push(`si_status=${info.status}`);
    if (info.valueLo !== undefined) parts.push(`si_int=${info.valueLo | 0}`);
  }
  return `${name} {${parts.join(', ')}}`;
}
