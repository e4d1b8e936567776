// x87 control instructions: FLDCW/FNSTCW, FNSTSW, FNCLEX, FNINIT, the environment and
// state images of FNSTENV/FLDENV and FNSAVE/FRSTOR, and FXSAVE/FXRSTOR.
//
// Images are what this processor writes in 64-bit mode: the 28-byte protected-mode
// environment (the 14-byte one with a 66 prefix), whose unused upper halves read as
// ffff; FCS and FDS are deprecated and stored as 0. The tag word an image shows is
// computed from the registers' contents (only "empty" is kept from a loaded one).
// None of these is a waiting instruction except FLDCW, FLDENV and FRSTOR.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CpuException, EXC_GP } from '../exceptions.js';
import { P_R } from '../../mem/memory.js';
import { X87_FCW, X87_FSW, X87_FTW, X87_FOP, fpuInit, fxsave, fxrstor } from '../fpstate.js';
import { RAX } from '../state.js';
import { FA, ES, BUSY, EXC, SF, loadP, tagOfF80, fwait, fixES } from './x87-core.js';

/** What FLDCW keeps of a control word: bit 6 reads as 1, bits 13-15 as 0. */
export function cleanFCW(v: number): number { return (v & 0x1f3f) | 0x40; }

/** The full tag word: empty stays empty, the others classified from the contents. */
export function fullTag(c: Cpu): number {
  const t = c.x87Ctl[X87_FTW];
  let r = 0;
  for (let p = 0; p < 8; p++) {
    let v = 3;
    if (((t >>> (2 * p)) & 3) !== 3) { loadP(c, p, FA); v = tagOfF80(FA); }
    r |= v << (2 * p);
  }
  return r;
}

/** Rebuild the tag word from an image's: empty where it says 11, else from the contents. */
function loadTag(c: Cpu, img: number): void {
  let r = 0;
  for (let p = 0; p < 8; p++) {
    let v = 3;
    if (((img >>> (2 * p)) & 3) !== 3) { loadP(c, p, FA); v = tagOfF80(FA); }
    r |= v << (2 * p);
  }
  c.x87Ctl[X87_FTW] = r;
}

function readable(c: Cpu, a: number, n: number): void {
  if (!c.mem.check(a, n, P_R)) c.mem.faultRange(a, n, P_R);
}

/** Environment image at a: 28 bytes, or 14 with `short` (66 prefix). */
function storeEnv(c: Cpu, a: number, short: boolean): void {
  const dv = c.mem.dv, k = c.x87Ctl;
  if (short) {
    dv.setUint16(a, k[X87_FCW], true);
    dv.setUint16(a + 2, k[X87_FSW], true);
    dv.setUint16(a + 4, fullTag(c), true);
    dv.setUint16(a + 6, k[4], true);
    dv.setUint16(a + 8, 0, true);
    dv.setUint16(a + 10, k[6], true);
    dv.setUint16(a + 12, 0, true);
    return;
  }
  dv.setUint32(a, (k[X87_FCW] | 0xffff0000) >>> 0, true);
  dv.setUint32(a + 4, (k[X87_FSW] | 0xffff0000) >>> 0, true);
  dv.setUint32(a + 8, (fullTag(c) | 0xffff0000) >>> 0, true);
  dv.setUint32(a + 12, k[4], true);
  dv.setUint32(a + 16, (k[X87_FOP] & 0x7ff) << 16, true);
  dv.setUint32(a + 20, k[6], true);
  dv.setUint32(a + 24, 0xffff0000, true);
}

function loadEnv(c: Cpu, a: number, short: boolean): void {
  const dv = c.mem.dv, k = c.x87Ctl;
  if (short) {
    k[X87_FCW] = cleanFCW(dv.getUint16(a, true));
    k[X87_FSW] = dv.getUint16(a + 2, true);
    loadTag(c, dv.getUint16(a + 4, true));
    k[4] = dv.getUint16(a + 6, true); k[5] = 0;
    k[6] = dv.getUint16(a + 10, true); k[7] = 0;
    k[X87_FOP] = 0;
  } else {
    k[X87_FCW] = cleanFCW(dv.getUint16(a, true));
    k[X87_FSW] = dv.getUint16(a + 4, true);
    loadTag(c, dv.getUint16(a + 8, true));
    k[4] = dv.getUint32(a + 12, true); k[5] = 0;
    k[X87_FOP] = (dv.getUint32(a + 16, true) >>> 16) & 0x7ff;
    k[6] = dv.getUint32(a + 20, true); k[7] = 0;
  }
  fixES(c);
}

op('D9 /5 mem', 'fldcw', 'Mw', (c, i) => {
  fwait(c);
  const v = c.readMem(c.ea(i), 2);
  c.x87Ctl[X87_FCW] = cleanFCW(v);
  fixES(c);
});
op('D9 /7 mem', 'fnstcw', 'Mw', (c, i) => { c.writeMem(c.ea(i), 2, c.x87Ctl[X87_FCW], 0); });
op('DD /7 mem', 'fnstsw', 'Mw', (c, i) => { c.writeMem(c.ea(i), 2, c.x87Ctl[X87_FSW], 0); });
op('DF E0', 'fnstsw', 'AX', (c) => { c.setReg(RAX, 2, c.x87Ctl[X87_FSW], 0); });
op('DB E2', 'fnclex', '', (c) => { c.x87Ctl[X87_FSW] &= ~(EXC | SF | ES | BUSY); });
op('DB E3', 'fninit', '', (c) => { fpuInit(c); });

op('D9 /6 mem', 'fnstenv', 'Me', (c, i) => {
  const a = c.ea(i), short = i.pfx66;
  c.mem.slowWriteCheck(a, short ? 14 : 28);
  storeEnv(c, a, short);
  // then all exceptions are masked
  c.x87Ctl[X87_FCW] |= EXC;
  fixES(c);
});
op('D9 /4 mem', 'fldenv', 'Me', (c, i) => {
  fwait(c);
  const a = c.ea(i), short = i.pfx66;
  readable(c, a, short ? 14 : 28);
  loadEnv(c, a, short);
});
op('DD /6 mem', 'fnsave', 'Ms', (c, i) => {
  const a = c.ea(i), short = i.pfx66;
  const n = short ? 14 : 28;
  c.mem.slowWriteCheck(a, n + 80);
  storeEnv(c, a, short);
  const u8 = c.mem.u8, top = (c.x87Ctl[X87_FSW] >>> 11) & 7;
  for (let k = 0; k < 8; k++) {
    const p = (top + k) & 7;
    u8.set(c.x87U8.subarray(16 * p, 16 * p + 10), a + n + 10 * k);
  }
  fpuInit(c);
});
op('DD /4 mem', 'frstor', 'Ms', (c, i) => {
  fwait(c);
  const a = c.ea(i), short = i.pfx66;
  const n = short ? 14 : 28;
  readable(c, a, n + 80);
  const u8 = c.mem.u8, dv = c.mem.dv;
  const top = ((short ? dv.getUint16(a + 2, true) : dv.getUint16(a + 4, true)) >>> 11) & 7;
  for (let k = 0; k < 8; k++) {
    const p = (top + k) & 7;
    c.x87U8.set(u8.subarray(a + n + 10 * k, a + n + 10 * k + 10), 16 * p);
  }
  loadEnv(c, a, short);
});

// FXSAVE / FXRSTOR: 512 bytes, 16-byte aligned; REX.W selects the 64-bit pointer format.
function fxArea(c: Cpu, i: Insn): number {
  const a = c.ea(i);
  if (a & 15) throw new CpuException(EXC_GP, 0);
  return a;
}
function fxsaveOp(wide: boolean) {
  return (c: Cpu, i: Insn): void => {
    const a = fxArea(c, i);
    c.mem.slowWriteCheck(a, 512);
    fxsave(c, a, wide, true);
  };
}
function fxrstorOp(wide: boolean) {
  return (c: Cpu, i: Insn): void => {
    const a = fxArea(c, i);
    readable(c, a, 512);
    if (!fxrstor(c, a, wide)) throw new CpuException(EXC_GP, 0);
  };
}
op('NP 0F AE /0 mem W0', 'fxsave', 'M', fxsaveOp(false));
op('NP 0F AE /0 mem W1', 'fxsave64', 'M', fxsaveOp(true));
op('NP 0F AE /1 mem W0', 'fxrstor', 'M', fxrstorOp(false));
op('NP 0F AE /1 mem W1', 'fxrstor64', 'M', fxrstorOp(true));
