// MMX: the packed-integer instructions on mm0-mm7 (the NP 0F forms), with the SSE
// and SSE2 additions that work on mm registers. The element kernels are shared with
// the XMM forms (simd-int.ts); conversions between mm and xmm are in mmx-cvt.ts.
//
// mm n is the low 64 bits of x87 physical register n (not ST(n)). As on the
// hardware, every MMX instruction first delivers a pending unmasked x87 exception
// (#MF), then switches the x87 unit to MMX operation: TOP = 0 and no register empty.
// A write to mm n also sets bits 64-79 of the register to ones, which the x87 unit
// then sees as a NaN; EMMS marks every register empty again (and sets TOP to 0). The tag word is kept
// in its full form (x87-core.ts): a register the switch makes non-empty is
// classified from its contents, which is what FNSTENV reports.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { P_W } from '../../mem/memory.js';
import { X87_FSW, X87_FTW, tagOf } from '../fpstate.js';
import { S, viewsOf, type XmmViews } from './sse-core.js';
import { fwait, TOP_MASK } from './x87-core.js';
import * as K from './simd-int.js';

// ---- the register file ---------------------------------------------------------------------

// views of the x87 register area (register n at bytes 16n..16n+9), made once per state buffer
let mKey: Uint8Array | null = null;
let mViews: XmmViews = viewsOf(new ArrayBuffer(128), 0, 128);
/** The MMX registers: mm n is u32[4n], u32[4n+1] (u16[8n..8n+3], u8[16n..16n+7]). */
export function mm(c: Cpu): XmmViews {
  if (c.x87U8 !== mKey) {
    mKey = c.x87U8;
    mViews = viewsOf(c.x87U8.buffer, c.x87U8.byteOffset, 128);
  }
  return mViews;
}

/** Switch to MMX operation (after everything that can fault has been read): TOP = 0, no register empty. */
export function enter(c: Cpu): void {
  const k = c.x87Ctl;
  k[X87_FSW] &= ~TOP_MASK;
  const t = k[X87_FTW];
  if ((t & (t >>> 1) & 0x5555) === 0) return; // none empty: the common case after the first one
  let r = 0;
  for (let p = 0; p < 8; p++) {
    const v = (t >>> (2 * p)) & 3;
    r |= (v === 3 ? tagOf(c.x87U8, 16 * p) : v) << (2 * p);
  }
  k[X87_FTW] = r;
}

/** Mark mm n written: bits 64-79 all ones, a special value (tag 2) to the x87 unit. */
export function written(c: Cpu, n: number): void {
  const b = c.x87U8, o = 16 * n + 8, k = c.x87Ctl;
  b[o] = 0xff; b[o + 1] = 0xff;
  k[X87_FTW] = (k[X87_FTW] & ~(3 << (2 * n))) | (2 << (2 * n));
}

/** Write (lo, hi) to mm n, with the switch to MMX operation. */
export function setMM(c: Cpu, n: number, lo: number, hi: number): void {
  enter(c);
  const u = mm(c).u32;
  u[4 * n] = lo; u[4 * n + 1] = hi;
  written(c, n);
}

/** Load the Q operand (mm register by ModRM.rm, REX.B ignored, or m64) into S.u32[0..1]. */
export function srcQ(c: Cpu, i: Insn): void {
  const s = S.u32;
  if (i.mod === 3) {
    const u = mm(c).u32, o = 4 * (i.rm & 7);
    s[0] = u[o]; s[1] = u[o + 1];
  } else {
    const m = c.mem;
    s[0] = m.read64(c.ea(i)); s[1] = m.hi;
  }
}

// ---- moves ---------------------------------------------------------------------------------

op('NP 0F 6E /r W0', 'movd', 'Pd,Ed', (c, i) => { fwait(c); const v = c.readE(i, 4); setMM(c, i.reg & 7, v, 0); });
op('NP 0F 6E /r W1', 'movq', 'Pq,Eq', (c, i) => { fwait(c); const v = c.readE(i, 8); setMM(c, i.reg & 7, v, c.hi); });
// A store that faults leaves TOP = 0 but the tags as they were (as the hardware does).
op('NP 0F 7E /r W0', 'movd', 'Ed,Pd', (c, i) => {
  fwait(c);
  c.x87Ctl[X87_FSW] &= ~TOP_MASK;
  c.writeE(i, 4, mm(c).u32[4 * (i.reg & 7)], 0);
  enter(c);
});
op('NP 0F 7E /r W1', 'movq', 'Eq,Pq', (c, i) => {
  fwait(c);
  const u = mm(c).u32, o = 4 * (i.reg & 7);
  c.x87Ctl[X87_FSW] &= ~TOP_MASK;
  c.writeE(i, 8, u[o], u[o + 1]);
  enter(c);
});
op('NP 0F 6F /r', 'movq', 'Pq,Qq', (c, i) => { fwait(c); srcQ(c, i); setMM(c, i.reg & 7, S.u32[0], S.u32[1]); });
function storeQ(c: Cpu, i: Insn): void {
  fwait(c);
  const u = mm(c).u32, o = 4 * (i.reg & 7);
  if (i.mod === 3) { setMM(c, i.rm & 7, u[o], u[o + 1]); return; }
  const a = c.ea(i);
  c.x87Ctl[X87_FSW] &= ~TOP_MASK;
  c.mem.write64(a, u[o], u[o + 1]);
  enter(c);
}
op('NP 0F 7F /r', 'movq', 'Qq,Pq', storeQ);
op('NP 0F E7 /r mem', 'movntq', 'Mq,Pq', storeQ);

// emms also sets TOP to 0 (the hardware does, though the SDM mentions only the tags)
op('NP 0F 77', 'emms', '', (c) => { fwait(c); c.x87Ctl[X87_FSW] &= ~TOP_MASK; c.x87Ctl[X87_FTW] = 0xffff; });

// between mm and xmm registers
op('F3 0F D6 /r reg', 'movq2dq', 'Vdq,Nq', (c, i) => {
  fwait(c);
  const u = mm(c).u32, s = 4 * (i.rm & 7), x = c.xmmU32, d = 4 * i.reg;
  x[d] = u[s]; x[d + 1] = u[s + 1]; x[d + 2] = 0; x[d + 3] = 0;
  enter(c);
});
op('F2 0F D6 /r reg', 'movdq2q', 'Pq,Uq', (c, i) => {
  fwait(c);
  const x = c.xmmU32, s = 4 * i.rm;
  setMM(c, i.reg & 7, x[s], x[s + 1]);
});

// ---- packed arithmetic, logic, compares, packs and unpacks ------------------------------------

const PACKED: [string, string, K.Lanes][] = [
  ...K.PACKED_INT,
  ['DB', 'pand', K.and], ['DF', 'pandn', K.andn], ['EB', 'por', K.or], ['EF', 'pxor', K.xor],
];
for (const [opc, name, f] of PACKED) {
  // the low unpacks use only the low half of the source: from memory they read 32 bits (m32)
  const low = /^punpckl/.test(name);
  op(`NP 0F ${opc} /r`, name, low ? 'Pq,Qd' : 'Pq,Qq', (c, i) => {
    fwait(c);
    if (low && i.mod !== 3) S.u32[0] = c.mem.read32(c.ea(i));
    else srcQ(c, i);
    enter(c);
    const r = i.reg & 7;
    f(mm(c), r, 8);
    written(c, r);
  });
}

// ---- shifts ------------------------------------------------------------------------------------

for (const [opc, size, kind] of K.SHIFT_BY_OPERAND) {
  op(`NP 0F ${opc} /r`, K.shiftName(size, kind), 'Pq,Qq', (c, i) => {
    fwait(c);
    srcQ(c, i);
    enter(c);
    const r = i.reg & 7;
    K.shiftLanes(mm(c), r, size, kind, K.countOfS(), 8);
    written(c, r);
  });
}
for (const [opc, ext, size, kind] of K.SHIFT_BY_IMM) {
  op(`NP 0F ${opc} /${ext} reg`, K.shiftName(size, kind), 'Nq,Ib', (c, i) => {
    fwait(c);
    enter(c);
    const r = i.rm & 7;
    K.shiftLanes(mm(c), r, size, kind, i.imm & 0xff, 8);
    written(c, r);
  });
}

// ---- shuffles, inserts, extracts, masks (the SSE additions) ----------------------------------

op('NP 0F 70 /r', 'pshufw', 'Pq,Qq,Ib', (c, i) => {
  fwait(c);
  srcQ(c, i);
  enter(c);
  const s = S.u16, r = i.reg & 7, d = mm(c).u16, o = 8 * r, m = i.imm;
  const w0 = s[m & 3], w1 = s[(m >> 2) & 3], w2 = s[(m >> 4) & 3], w3 = s[(m >> 6) & 3];
  d[o] = w0; d[o + 1] = w1; d[o + 2] = w2; d[o + 3] = w3;
  written(c, r);
});
op('NP 0F C5 /r reg', 'pextrw', 'Gd,Nq,Ib', (c, i) => {
  fwait(c);
  enter(c);
  c.setReg(i.reg, 4, mm(c).u16[8 * (i.rm & 7) + (i.imm & 3)], 0);
});
op('NP 0F C4 /r', 'pinsrw', 'Pq,Ry/Mw,Ib', (c, i) => {
  fwait(c);
  const v = i.mod === 3 ? c.getReg(i.rm, 4) : c.mem.read16(c.ea(i));
  enter(c);
  const r = i.reg & 7;
  mm(c).u16[8 * r + (i.imm & 3)] = v;
  written(c, r);
});
op('NP 0F D7 /r reg', 'pmovmskb', 'Gd,Nq', (c, i) => {
  fwait(c);
  enter(c);
  const u = mm(c).u32, o = 4 * (i.rm & 7);
  c.setReg(i.reg, 4, K.byteSigns(u[o]) | (K.byteSigns(u[o + 1]) << 4), 0);
});
op('NP 0F F7 /r reg', 'maskmovq', 'Pq,Nq', (c, i) => {
  fwait(c);
  // An implicit store of the selected bytes to [rdi]. The hardware switches to MMX
  // operation first, and faults for any of the eight bytes, selected or not.
  const a = K.rdiTarget(c, i);
  enter(c);
  const b = mm(c).u8, v = 16 * (i.reg & 7), m = 16 * (i.rm & 7), mem = c.mem;
  if (!mem.check(a, 8, P_W)) for (let k = 0; k < 8; k++) if (!mem.check(a + k, 1, P_W)) mem.fault(a + k, P_W);
  for (let k = 0; k < 8; k++) if (b[m + k] & 0x80) mem.write8(a + k, b[v + k]);
});
