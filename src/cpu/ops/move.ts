// Data movement: mov, movzx/movsx/movsxd, lea, xchg, bswap, push/pop, cmovcc,
// setcc, sign extensions (cbw/cwd family), lahf/sahf, pushf/popf, flag bits.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op, DefFlag, CONDITION_NAMES } from '../isa/table.js';
import { RAX, RDX, RSP, RBP } from '../state.js';
import { CF, PF, AF, ZF, SF, DF } from '../flags.js';
import { trunc, readRMW } from './alu.js';
import { P_W } from '../../mem/memory.js';

// ---- mov ------------------------------------------------------------------------------

const movEG = (c: Cpu, i: Insn): void => { const s = i.opsize; const v = c.readG(i, s); c.writeE(i, s, v, c.hi); };
const movGE = (c: Cpu, i: Insn): void => { const s = i.opsize; const v = c.readE(i, s); c.writeG(i, s, v, c.hi); };
const movEI = (c: Cpu, i: Insn): void => { c.writeE(i, i.opsize, i.imm, i.immHi); };
op('88 /r', 'mov', 'Eb,Gb', movEG);
op('89 /r', 'mov', 'Ev,Gv', movEG);
op('8A /r', 'mov', 'Gb,Eb', movGE);
op('8B /r', 'mov', 'Gv,Ev', movGE);
op('C6 /0', 'mov', 'Eb,Ib', movEI);
op('C7 /0', 'mov', 'Ev,Iz', movEI);
op('B0+r', 'mov', 'Zb,Ib', (c, i) => c.setReg(i.rm8, 1, i.imm, 0));
op('B8+r', 'mov', 'Zv,Iv', (c, i) => c.setReg(i.rm, i.opsize, i.imm, i.immHi));
// moffs forms: the decoder turns the absolute address into a memory operand
op('A0', 'mov', 'AL,Ob', (c, i) => c.setReg(RAX, 1, c.readMem(c.ea(i), 1), 0));
op('A1', 'mov', 'rAX,Ov', (c, i) => { const v = c.readMem(c.ea(i), i.opsize); c.setReg(RAX, i.opsize, v, c.hi); });
op('A2', 'mov', 'Ob,AL', (c, i) => c.writeMem(c.ea(i), 1, c.getReg(RAX, 1), 0));
op('A3', 'mov', 'Ov,rAX', (c, i) => { const v = c.getReg(RAX, i.opsize); c.writeMem(c.ea(i), i.opsize, v, c.hi); });

// segment register moves: user code reads the selectors (fs/gs are 0, cs 0x33, ss 0x2b)
const SELECTORS = [0, 0x33, 0x2b, 0, 0, 0, 0, 0]; // es cs ss ds fs gs
op('8C /r', 'mov', 'Ev,Sw', (c, i) => c.writeE(i, i.mod === 3 ? i.opsize : 2, SELECTORS[i.reg & 7], 0));

// ---- zero and sign extension --------------------------------------------------------

op('0F B6 /r', 'movzx', 'Gv,Eb', (c, i) => c.writeG(i, i.opsize, c.readE(i, 1), 0));
op('0F B7 /r', 'movzx', 'Gv,Ew', (c, i) => c.writeG(i, i.opsize, c.readE(i, 2), 0));
op('0F BE /r', 'movsx', 'Gv,Eb', (c, i) => { const v = (c.readE(i, 1) << 24) >> 24; c.writeG(i, i.opsize, i.opsize === 2 ? v & 0xffff : v >>> 0, v < 0 ? 0xffffffff : 0); });
op('0F BF /r', 'movsx', 'Gv,Ew', (c, i) => { const v = (c.readE(i, 2) << 16) >> 16; c.writeG(i, i.opsize, i.opsize === 2 ? v & 0xffff : v >>> 0, v < 0 ? 0xffffffff : 0); });
// with 66 only 16 bits are read and moved
op('63 /r', 'movsxd', 'Gv,Ed', (c, i) => { const s = i.opsize === 2 ? 2 : 4; const v = c.readE(i, s); c.writeG(i, i.opsize, v, v & 0x80000000 ? 0xffffffff : 0); });

op('98', 'cbw', 'rAX', (c, i) => {
  const s = i.opsize;
  if (s === 2) c.setReg(RAX, 2, ((c.getReg(RAX, 1) << 24) >> 24) & 0xffff, 0);
  else if (s === 4) c.setReg(RAX, 4, ((c.getReg(RAX, 2) << 16) >> 16) >>> 0, 0);
  else { const v = c.getReg(RAX, 4); c.setReg(RAX, 8, v, v & 0x80000000 ? 0xffffffff : 0); }
});
op('99', 'cwd', 'rAX', (c, i) => {
  const s = i.opsize;
  const neg = (c.getReg(RAX, s === 8 ? 4 : s) & (s === 2 ? 0x8000 : 0x80000000)) !== 0;
  if (s === 8) { c.getReg(RAX, 8); const neg64 = (c.hi & 0x80000000) !== 0; c.setReg(RDX, 8, neg64 ? 0xffffffff : 0, neg64 ? 0xffffffff : 0); }
  else c.setReg(RDX, s, neg ? 0xffffffff : 0, 0);
});

// ---- lea ------------------------------------------------------------------------------

op('8D /r mem', 'lea', 'Gv,M', (c, i) => {
  // lea computes the address arithmetic without the 4 GiB check
  let lo = i.disp, hi = 0; // a negative lo borrows from hi through the floor below
  const r = c.r;
  if (i.base >= 0) {
    if (i.base === 16) lo += i.next;
    else { lo += r[2 * i.base]; hi += r[2 * i.base + 1]; }
  }
  if (i.index >= 0) { lo += r[2 * i.index] * i.scale; hi += r[2 * i.index + 1] * i.scale; }
  const s = i.opsize;
  if (i.addr32 || s !== 8) c.writeG(i, s, trunc(lo, s === 8 ? 4 : s), 0);
  else {
    const carry = Math.floor(lo / 4294967296);
    c.writeG(i, 8, lo >>> 0, (hi + carry) >>> 0);
  }
});

// ---- exchange -------------------------------------------------------------------------

const xchgEG = (c: Cpu, i: Insn): void => {
  const s = i.opsize;
  const a = readRMW(c, i, s), ahi = c.hi;
  const b = c.readG(i, s), bhi = c.hi;
  c.writeE(i, s, b, bhi, true);
  c.writeG(i, s, a, ahi);
};
op('86 /r', 'xchg', 'Eb,Gb', xchgEG, DefFlag.Lockable);
op('87 /r', 'xchg', 'Ev,Gv', xchgEG, DefFlag.Lockable);
op('90+r', 'xchg', 'Zv,rAX', (c, i) => {
  const s = i.opsize;
  if (i.rm === 0) return; // 90 is nop: it does not zero-extend rax as xchg eax,eax would
  const a = c.getReg(RAX, s), ahi = c.hi;
  const b = c.getReg(i.rm, s), bhi = c.hi;
  c.setReg(RAX, s, b, bhi); c.setReg(i.rm, s, a, ahi);
});

op('0F C8+r', 'bswap', 'Zv', (c, i) => {
  const s = i.opsize;
  const sw = (v: number) => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
  if (s === 8) { const lo = c.getReg(i.rm, 8), hi = c.hi; c.setReg(i.rm, 8, sw(hi), sw(lo)); }
  else if (s === 4) c.setReg(i.rm, 4, sw(c.getReg(i.rm, 4)), 0);
  else c.setReg(i.rm, 2, 0, 0); // bswap r16 is undefined; hardware gives zero
});

// ---- stack ----------------------------------------------------------------------------

op('50+r', 'push', 'Zv', (c, i) => { const v = c.getReg(i.rm, i.opsize); c.push(i.opsize, v, c.hi); }, DefFlag.D64);
op('58+r', 'pop', 'Zv', (c, i) => { const v = c.pop(i.opsize); c.setReg(i.rm, i.opsize, v, c.hi); }, DefFlag.D64);
op('68', 'push', 'Iz', (c, i) => c.push(i.opsize, i.imm, i.immHi), DefFlag.D64);
op('6A', 'push', 'Ib', (c, i) => c.push(i.opsize, i.imm, i.immHi), DefFlag.D64);
op('FF /6', 'push', 'Ev', (c, i) => { const v = c.readE(i, i.opsize); c.push(i.opsize, v, c.hi); }, DefFlag.D64);
op('8F /0', 'pop', 'Ev', (c, i) => {
  // the address is computed after rsp is incremented (pop [rsp] reads the new rsp);
  // if the store faults, rsp is as before
  const s = i.opsize, r = c.r;
  const sp = r[2 * RSP], sphi = r[2 * RSP + 1];
  const v = c.pop(s), hi = c.hi;
  try { c.writeE(i, s, v, hi); } catch (e) { r[2 * RSP] = sp; r[2 * RSP + 1] = sphi; throw e; }
}, DefFlag.D64);

op('C9', 'leave', '', (c, i) => {
  const s = i.opsize;
  const r = c.r;
  const bp = c.getReg(RBP, 8), bphi = c.hi;
  const oldSp = r[2 * RSP], oldSpHi = r[2 * RSP + 1];
  c.setReg(RSP, 8, bp, bphi);
  try {
    const v = c.pop(s);
    c.setReg(RBP, s, v, c.hi);
  } catch (e) { r[2 * RSP] = oldSp; r[2 * RSP + 1] = oldSpHi; throw e; }
}, DefFlag.D64);

/** The address rbp - off of an outer frame pointer copied by enter (faults outside the window). */
function outerFrame(c: Cpu, bp: number, bphi: number, off: number): number {
  const a = bp - off;
  return bphi === 0 && a >= 0 ? a : c.wideAddress(a, bphi);
}

op('C8', 'enter', 'Iw,Ib', (c, i) => {
  const s = i.opsize;
  const size = i.imm & 0xffff, level = i.imm2 & 0x1f;
  const bp = c.getReg(RBP, 8), bphi = c.hi;
  const sp = c.getReg(RSP, 8), sphi = c.hi;
  // Everything that can fault first: the pushes, the outer frame pointers copied, and
  // the new stack top, which the processor probes for writing.
  const pushed = s * (1 + (level > 0 ? level : 0));
  const top = sp - pushed - size;
  if (sphi !== 0 || top < 0) c.wideAddress(top, sphi);
  if (!c.mem.check(top, 1, P_W)) c.mem.fault(top, P_W);
  if (!c.mem.check(sp - pushed, pushed, P_W)) c.mem.fault(sp - pushed, P_W);
  for (let k = 1; k < level; k++) c.readMem(outerFrame(c, bp, bphi, k * s), s);
  c.push(s, bp, bphi);
  const frame = c.getReg(RSP, 8), frameHi = c.hi;
  for (let k = 1; k < level; k++) {
    const v = c.readMem(outerFrame(c, bp, bphi, k * s), s);
    c.push(s, v, c.hi);
  }
  if (level > 0) c.push(s, frame, frameHi);
  if (s === 8) c.setReg(RBP, 8, frame, frameHi); else c.setReg(RBP, 2, frame, 0);
  c.setReg(RSP, 8, top, 0);
}, DefFlag.D64);

// ---- cmovcc and setcc ------------------------------------------------------------------

for (let cc = 0; cc < 16; cc++) {
  const hex = (b: number) => (b + cc).toString(16).toUpperCase();
  op(`0F ${hex(0x40)} /r`, 'cmov' + CONDITION_NAMES[cc], 'Gv,Ev', (c, i) => {
    const s = i.opsize;
    const v = c.readE(i, s), hi = c.hi; // the source is read (and may fault) either way
    if (c.cond(cc)) c.writeG(i, s, v, hi);
    else if (s === 4) c.setReg(i.reg, 4, c.getReg(i.reg, 4), 0); // 32-bit cmov always zero-extends
  });
  op(`0F ${hex(0x90)} /r`, 'set' + CONDITION_NAMES[cc], 'Eb', (c, i) => c.writeE(i, 1, c.cond(cc) ? 1 : 0, 0));
}

// ---- flags ----------------------------------------------------------------------------

op('9F', 'lahf', '', (c) => c.setReg(16, 1, c.getFlags() & 0xff, 0));
op('9E', 'sahf', '', (c) => c.setArithFlags(CF | PF | AF | ZF | SF, c.getReg(16, 1)));
op('9C', 'pushf', '', (c, i) => c.push(i.opsize, c.getFlags() & 0x00fcffff, 0), DefFlag.D64);
op('9D', 'popf', '', (c, i) => {
  const v = c.pop(i.opsize);
  // the 16-bit form leaves the flags above bit 15 (AC, ID) alone
  if (i.opsize === 2) c.setFlags(v, DF | 0x100); else c.setFlags(v);
}, DefFlag.D64);
op('F5', 'cmc', '', (c) => c.setArithFlags(CF, c.getCF() ^ 1));
op('F8', 'clc', '', (c) => c.setArithFlags(CF, 0));
op('F9', 'stc', '', (c) => c.setArithFlags(CF, CF));
op('FC', 'cld', '', (c) => { c.f[9] &= ~DF; });
op('FD', 'std', '', (c) => { c.f[9] |= DF; });
