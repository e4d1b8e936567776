// Compare-and-exchange and exchange-and-add: cmpxchg, xadd, cmpxchg8b, cmpxchg16b.
//
// The interpreter runs one guest thread at a time, so these are atomic by construction
// and `lock` only has to be accepted where the architecture allows it (the decoder
// raises #UD elsewhere). A memory destination is always written, even when the
// comparison fails (with its old value), so a read-only page faults either way, as on
// the hardware. Everything that can fault happens before any register or flag changes.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag } from '../isa/table.js';
import { FlagOp, ZF } from '../flags.js';
import { arith, trunc, readRMW, probeWrite, CMP } from './alu.js';
import { CpuException, EXC_GP, EXC_UD } from '../exceptions.js';
import { RAX, RBX, RCX, RDX } from '../state.js';

const L = DefFlag.Lockable;

// cmpxchg E, G: compare the accumulator with E (flags as cmp acc, E); equal: E = G,
// else the accumulator = E.
const cmpxchg = (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const d = readRMW(c, i, s), dhi = s === 8 ? c.hi : 0;
  const a = c.getReg(RAX, s), ahi = s === 8 ? c.hi : 0;
  const equal = a === d && ahi === dhi;
  if (equal) {
    const v = c.readG(i, s);
    c.writeE(i, s, v, c.hi, true);
  } else if (i.mod !== 3) {
    c.writeE(i, s, d, dhi, true);
  }
  arith(c, CMP, s, a, ahi, d, dhi);
  if (!equal) c.setReg(RAX, s, d, dhi);
};
op('0F B0 /r', 'cmpxchg', 'Eb,Gb', cmpxchg, L);
op('0F B1 /r', 'cmpxchg', 'Ev,Gv', cmpxchg, L);

// xadd E, G: G = old E, E = E + G, flags as add. With the same register as both
// operands the sum is what remains.
const xadd = (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const d = readRMW(c, i, s), dhi = s === 8 ? c.hi : 0;
  const g = c.readG(i, s), ghi = s === 8 ? c.hi : 0;
  let r: number, rhi = 0;
  if (s === 8) {
    const lo = d + g;
    r = lo >>> 0;
    rhi = (dhi + ghi + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  } else r = trunc(d + g, s);
  if (i.mod !== 3) {
    c.writeE(i, s, r, rhi, true);
    c.writeG(i, s, d, dhi);
  } else {
    c.writeG(i, s, d, dhi);
    c.writeE(i, s, r, rhi);
  }
  c.setLazy(FlagOp.Add, s, d, dhi, g, ghi, r, rhi);
};
op('0F C0 /r', 'xadd', 'Eb,Gb', xadd, L);
op('0F C1 /r', 'xadd', 'Ev,Gv', xadd, L);

// cmpxchg8b m64: compare edx:eax with m64; equal: m64 = ecx:ebx, else edx:eax = m64.
// Only ZF changes.
op('0F C7 /1 mem W0', 'cmpxchg8b', 'Mq', (c, i) => {
  const a = c.ea(i);
  const m = c.mem;
  probeWrite(c, a, 8);
  const lo = m.read64(a), hi = m.hi;
  const equal = lo === c.getReg(RAX, 4) && hi === c.getReg(RDX, 4);
  if (equal) m.write64(a, c.getReg(RBX, 4), c.getReg(RCX, 4));
  else m.write64(a, lo, hi);
  c.setArithFlags(ZF, equal ? ZF : 0);
  if (!equal) { c.setReg(RAX, 4, lo, 0); c.setReg(RDX, 4, hi, 0); }
}, L | DefFlag.FixedSize);

// 0F C7 /1 with a register operand is no instruction
op('0F C7 /1 reg', 'cmpxchg8b', 'Mq', () => { throw new CpuException(EXC_UD, 0); }, DefFlag.Branch);

// cmpxchg16b m128: the same on rdx:rax / rcx:rbx; the operand must be 16-byte aligned
// (so it lies within one page and the two 8-byte halves fault together).
op('0F C7 /1 mem W1', 'cmpxchg16b', 'Mdq', (c, i) => {
  const a = c.ea(i);
  if (a & 15) throw new CpuException(EXC_GP, 0);
  const m = c.mem, r = c.r;
  probeWrite(c, a, 16);
  const l0 = m.read64(a), l1 = m.hi, h0 = m.read64(a + 8), h1 = m.hi;
  const equal = l0 === r[2 * RAX] && l1 === r[2 * RAX + 1] && h0 === r[2 * RDX] && h1 === r[2 * RDX + 1];
  if (equal) { m.write64(a, r[2 * RBX], r[2 * RBX + 1]); m.write64(a + 8, r[2 * RCX], r[2 * RCX + 1]); }
  else { m.write64(a, l0, l1); m.write64(a + 8, h0, h1); }
  c.setArithFlags(ZF, equal ? ZF : 0);
  if (!equal) { c.setReg(RAX, 8, l0, l1); c.setReg(RDX, 8, h0, h1); }
}, L | DefFlag.FixedSize);
