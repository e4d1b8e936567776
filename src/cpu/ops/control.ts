// Control transfer and system instructions: jmp, jcc, call, ret, loop/jrcxz,
// syscall, cpuid, rdtsc/rdtscp, int3, ud2, hlt, nop and endbr forms.

import { Stop, canonicalHigh, type Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag, CONDITION_NAMES } from '../isa/table.js';
import { RAX, RBX, RCX, RDX, RSP } from '../state.js';
import { CpuException, EXC_BP, EXC_GP, EXC_OF, EXC_UD } from '../exceptions.js';
import { cpuid } from '../cpuid.js';

const B = DefFlag.Branch;

/** rip-relative target of a Jb/Jz operand */
function relTarget(i: Insn): number { return i.next + i.imm; }

op('EB', 'jmp', 'Jb', (c, i) => { c.rip = relTarget(i); }, B | DefFlag.F64);
op('E9', 'jmp', 'Jz', (c, i) => { c.rip = relTarget(i); }, B | DefFlag.F64);
/**
 * A near branch to a non-canonical address raises #GP at the branch itself, before it
 * pushes or pops anything (Linux: SIGSEGV, SI_KERNEL, si_addr 0, rip at the branch).
 * A canonical target outside our window is taken and faults when fetched.
 */
function checkTarget(hi: number): void {
  if (!canonicalHigh(hi)) throw new CpuException(EXC_GP, 0);
}

op('FF /4', 'jmp', 'Ev', (c, i) => { const v = c.readE(i, 8), hi = c.hi; checkTarget(hi); c.jumpTo(v, hi); }, B | DefFlag.F64);

for (let cc = 0; cc < 16; cc++) {
  const jcc = (c: Cpu, i: Insn): void => { if (c.cond(cc)) c.rip = relTarget(i); };
  op((0x70 + cc).toString(16).toUpperCase(), 'j' + CONDITION_NAMES[cc], 'Jb', jcc, B | DefFlag.F64);
  op('0F ' + (0x80 + cc).toString(16).toUpperCase(), 'j' + CONDITION_NAMES[cc], 'Jz', jcc, B | DefFlag.F64);
}

op('E8', 'call', 'Jz', (c, i) => { c.push64(i.next, 0); c.rip = relTarget(i); }, B | DefFlag.F64);
op('FF /2', 'call', 'Ev', (c, i) => {
  const v = c.readE(i, 8), hi = c.hi;
  checkTarget(hi);
  c.push64(i.next, 0);
  c.jumpTo(v, hi);
}, B | DefFlag.F64);
/** Pop the return address (its upper half in c.hi); rsp stays where it was when it is non-canonical. */
function popTarget(c: Cpu): number {
  const sp = c.getReg(RSP, 8), sphi = c.hi;
  const v = c.pop64();
  if (!canonicalHigh(c.hi)) { c.setReg(RSP, 8, sp, sphi); throw new CpuException(EXC_GP, 0); }
  return v;
}
op('C3', 'ret', '', (c) => { const v = popTarget(c); c.jumpTo(v, c.hi); }, B | DefFlag.F64);
op('C2', 'ret', 'Iw', (c, i) => {
  const v = popTarget(c), hi = c.hi;
  const sp = c.getReg(4, 8) + (i.imm & 0xffff);
  c.setReg(4, 8, sp >>> 0, sp > 0xffffffff ? (c.hi + 1) >>> 0 : c.hi);
  c.jumpTo(v, hi);
}, B | DefFlag.F64);

// loop family: count in rcx (ecx with 67)
function decCount(c: Cpu, i: Insn): boolean {
  if (i.addr32) { const v = (c.getReg(RCX, 4) - 1) >>> 0; c.setReg(RCX, 4, v, 0); return v !== 0; }
  const lo = c.getReg(RCX, 8), hi = c.hi;
  const nlo = (lo - 1) >>> 0, nhi = lo === 0 ? (hi - 1) >>> 0 : hi;
  c.setReg(RCX, 8, nlo, nhi);
  return (nlo | nhi) !== 0;
}
op('E2', 'loop', 'Jb', (c, i) => { if (decCount(c, i)) c.rip = relTarget(i); }, B | DefFlag.F64);
op('E1', 'loope', 'Jb', (c, i) => { if (decCount(c, i) && c.cond(4)) c.rip = relTarget(i); }, B | DefFlag.F64);
op('E0', 'loopne', 'Jb', (c, i) => { if (decCount(c, i) && c.cond(5)) c.rip = relTarget(i); }, B | DefFlag.F64);
op('E3', 'jrcxz', 'Jb', (c, i) => {
  const zero = i.addr32 ? c.getReg(RCX, 4) === 0 : (c.getReg(RCX, 8) | c.hi) === 0;
  if (zero) c.rip = relTarget(i);
}, B | DefFlag.F64);

// ---- system ----------------------------------------------------------------------

op('0F 05', 'syscall', '', (c) => { c.stop = Stop.Syscall; }, B);
op('CC', 'int3', '', () => { throw new CpuException(EXC_BP); }, B);
op('CD', 'int', 'Ib', (_c, i) => {
  // int n from user mode: #GP (Linux: SIGSEGV) through a gate of privilege 0; the
  // breakpoint and overflow gates are open to user mode, so `int 3` traps like int3
  // and `int 4` raises the overflow trap
  if ((i.imm & 0xff) === 3) throw new CpuException(EXC_BP);
  if ((i.imm & 0xff) === 4) throw new CpuException(EXC_OF);
  throw new CpuException(EXC_GP, i.imm & 0xff);
}, B);
op('0F 0B', 'ud2', '', () => { throw new CpuException(EXC_UD, 0, [0x0f, 0x0b]); }, B);
op('F4', 'hlt', '', () => { throw new CpuException(EXC_GP); }, B);
op('FA', 'cli', '', () => { throw new CpuException(EXC_GP); }, B);
op('FB', 'sti', '', () => { throw new CpuException(EXC_GP); }, B);

op('0F A2', 'cpuid', '', (c) => {
  const leaf = c.getReg(RAX, 4), sub = c.getReg(RCX, 4);
  const r = cpuid(leaf, sub);
  c.setReg(RAX, 4, r[0], 0); c.setReg(RBX, 4, r[1], 0); c.setReg(RCX, 4, r[2], 0); c.setReg(RDX, 4, r[3], 0);
});

/**
 * A time-stamp counter: nanoseconds since the first read scaled to a nominal 3 GHz,
 * monotonic. (Started at the first rdtsc, not when this module loads: the first use of
 * `performance` loads node:perf_hooks, a few ms of every start.)
 */
let tscStart = -1;
function tsc(c: Cpu): void {
  const now = typeof performance !== 'undefined' ? performance.now() : Date.now();
  if (tscStart < 0) tscStart = now;
  const ms = now - tscStart;
  const t = Math.floor(ms * 3e6) + c.icount;
  c.setReg(RAX, 4, t >>> 0, 0);
  c.setReg(RDX, 4, Math.floor(t / 4294967296) >>> 0, 0);
}
op('0F 31', 'rdtsc', '', (c) => tsc(c));
op('0F 01 F9', 'rdtscp', '', (c) => { tsc(c); c.setReg(RCX, 4, 0, 0); });

// ---- nops -----------------------------------------------------------------------
const nop = (): void => {};
op('0F 1F /r', 'nop', 'Ev', nop);
op('F3 0F 1E FA', 'endbr64', '', nop);
op('F3 0F 1E FB', 'endbr32', '', nop);
op('0F 1E /r', 'nop', 'Ev', nop);
op('0F 18 /r mem', 'prefetch', 'M', nop); // prefetchnta/t0/t1/t2
op('0F 0D /r mem', 'prefetchw', 'M', nop);
op('0F AE /7 mem', 'clflush', 'M', nop);
op('NP 0F AE F8', 'sfence', '', nop);
op('NP 0F AE E8', 'lfence', '', nop);
op('NP 0F AE F0', 'mfence', '', nop);
