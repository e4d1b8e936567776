// Integer instructions of 64-bit mode not covered elsewhere: xlat, the deliberate
// invalid opcodes (ud0/ud1), int1, and the one-byte opcodes that 64-bit mode removed.

import { Stop, type Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag } from '../isa/table.js';
import { CpuException, EXC_UD, EXC_DB, EXC_GP } from '../exceptions.js';
import { RAX, RBX } from '../state.js';

// xlat: al = [rbx + zero-extended al] (ebx with 0x67; REX.W changes nothing)
op('D7', 'xlat', '', (c: Cpu, i: Insn) => {
  const r = c.r;
  const al = r[2 * RAX] & 0xff;
  let a = r[2 * RBX] + al, hi = i.addr32 ? 0 : r[2 * RBX + 1];
  if (i.addr32) a >>>= 0;
  if (i.seg !== 0) { const s = i.seg === 4 ? 0 : 2; a += c.seg[s]; hi += c.seg[s + 1]; }
  if (hi !== 0 || a > 0xffffffff) a = c.wideAddress(a, hi);
  c.setReg(RAX, 1, c.mem.read8(a), 0);
}, DefFlag.FixedSize);

// Raised without the instruction bytes: these are invalid by definition, not opcodes
// x64vm lacks, so no "unsupported instruction" diagnostic.
const invalid = (): void => { throw new CpuException(EXC_UD, 0); };
op('0F FF /r', 'ud0', 'Gd,Ed', invalid, DefFlag.Branch);
op('0F B9 /r', 'ud1', 'Gd,Ed', invalid, DefFlag.Branch);
// push/pop of segment registers, BCD adjustments, pusha/popa, bound, the 82 alias of
// group 1, into, aam/aad, salc: all #UD in 64-bit mode (62, C4, C5 became prefixes)
for (const b of ['06', '07', '0E', '16', '17', '1E', '1F', '27', '2F', '37', '3F', '60', '61', '82', '9A', 'CE', 'D4', 'D5', 'D6', 'EA']) {
  op(b, '(invalid)', '', invalid, DefFlag.Branch);
}

// int1 (icebp): a debug trap (Linux: SIGTRAP). A trap reports the address after the
// instruction, so instead of throwing (which rewinds rip) the run loop is stopped with
// rip already past it.
op('F1', 'int1', '', (c: Cpu) => { c.fault = new CpuException(EXC_DB); c.stop = Stop.Fault; }, DefFlag.Branch);

// I/O and system instructions: #GP at user privilege (Linux: SIGSEGV). in/out through dx
// are written without operands: 'DX' would read as a ModRM operand in the table syntax.
const privileged = (): void => { throw new CpuException(EXC_GP, 0); };
const P = DefFlag.Branch;
op('E4', 'in', 'AL,Ib', privileged, P);
op('E5', 'in', 'eAX,Ib', privileged, P | DefFlag.FixedSize);
op('E6', 'out', 'Ib,AL', privileged, P);
op('E7', 'out', 'Ib,eAX', privileged, P | DefFlag.FixedSize);
op('EC', 'in', '', privileged, P);
op('ED', 'in', '', privileged, P);
op('EE', 'out', '', privileged, P);
op('EF', 'out', '', privileged, P);
op('6C', 'ins', '', privileged, P);
op('6D', 'ins', '', privileged, P);
op('6E', 'outs', '', privileged, P);
op('6F', 'outs', '', privileged, P);
op('0F 06', 'clts', '', privileged, P);
op('0F 08', 'invd', '', privileged, P);
op('0F 09', 'wbinvd', '', privileged, P);
op('0F 30', 'wrmsr', '', privileged, P);
op('0F 32', 'rdmsr', '', privileged, P);
op('0F 20 /r', 'mov', 'Rd,Cd', privileged, P);
op('0F 21 /r', 'mov', 'Rd,Dd', privileged, P);
op('0F 22 /r', 'mov', 'Cd,Rd', privileged, P);
op('0F 23 /r', 'mov', 'Dd,Rd', privileged, P);

// The rest of the hint-NOP space (0F 18 /r register forms, 0F 19-0F 1D, and the register
// form of 0F 0D): no-ops that never touch memory, as on processors without the features
// once planned there (MPX bndldx/bndstx in 0F 1A/1B).
const hint = (): void => {};
op('0F 18 /r reg', 'nop', 'Ev', hint);
for (const b of ['19', '1A', '1B', '1C', '1D']) op(`0F ${b} /r`, 'nop', 'Ev', hint);
op('0F 0D /r reg', 'nop', 'Ev', hint);
