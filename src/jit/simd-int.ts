// Packed-integer SSE2 in JIT regions (the XMM forms, 66-prefixed): compares, min/max,
// add/sub (wrapping and saturating), averages, unpacks, byte and element shifts by an
// immediate, pmovmskb. These are what glibc's string functions run (strlen, strchr,
// memcmp, memchr ... in their SSE2 versions). Every one maps onto one WebAssembly SIMD
// operation (or a shuffle) with the same lane semantics, so results are exact; none
// touches the arithmetic flags or MXCSR. XMM registers are the SSE generator's v128
// locals (sse.ts, SseCtx), so the two modules share one view of the registers inside a
// region. A 128-bit memory operand must be 16-byte aligned in legacy SSE: a misaligned
// one leaves the region so the interpreter raises the #GP.

import type { Insn } from '../cpu/insn.js';
import { Op, T } from './wasm.js';
import { FlagOp } from '../cpu/flags.js';
import { SseCtx, type SseHost } from './sse.js';

/** WebAssembly SIMD opcodes (after the 0xFD prefix) used here. */
const enum V {
  load = 0x00, const_ = 0x0c, shuffle = 0x0d, swizzle = 0x0e, and = 0x4e,
  i8x16_abs = 0x60, i16x8_abs = 0x80, i32x4_abs = 0xa0,
  i8x16_eq = 0x23, i8x16_gt_s = 0x27, i16x8_eq = 0x2d, i16x8_gt_s = 0x31, i32x4_eq = 0x37, i32x4_gt_s = 0x3b,
  i8x16_bitmask = 0x64,
  i8x16_add = 0x6e, i8x16_add_sat_s = 0x6f, i8x16_add_sat_u = 0x70,
  i8x16_sub = 0x71, i8x16_sub_sat_s = 0x72, i8x16_sub_sat_u = 0x73,
  i8x16_min_u = 0x77, i8x16_max_u = 0x79, i8x16_avgr_u = 0x7b,
  i16x8_shl = 0x8b, i16x8_shr_s = 0x8c, i16x8_shr_u = 0x8d,
  i16x8_add = 0x8e, i16x8_add_sat_s = 0x8f, i16x8_add_sat_u = 0x90,
  i16x8_sub = 0x91, i16x8_sub_sat_s = 0x92, i16x8_sub_sat_u = 0x93,
  i16x8_min_s = 0x96, i16x8_max_s = 0x98, i16x8_avgr_u = 0x9b,
  i32x4_shl = 0xab, i32x4_shr_s = 0xac, i32x4_shr_u = 0xad,
  i64x2_shl = 0xcb, i64x2_shr_u = 0xcd,
}

const enum F { Bin = 1, Unpack, Pmovmskb, ShiftImm, ByteShift, Pshufb, Palignr, Abs, Pcmpistri }

const ABS: Record<string, V> = { pabsb: V.i8x16_abs, pabsw: V.i16x8_abs, pabsd: V.i32x4_abs };

/** two-operand lane operations: name -> wasm op (the destination is the first operand) */
const BIN: Record<string, V> = {
  pcmpeqb: V.i8x16_eq, pcmpeqw: V.i16x8_eq, pcmpeqd: V.i32x4_eq,
  pcmpgtb: V.i8x16_gt_s, pcmpgtw: V.i16x8_gt_s, pcmpgtd: V.i32x4_gt_s,
  pminub: V.i8x16_min_u, pmaxub: V.i8x16_max_u, pminsw: V.i16x8_min_s, pmaxsw: V.i16x8_max_s,
  paddb: V.i8x16_add, paddw: V.i16x8_add, psubb: V.i8x16_sub, psubw: V.i16x8_sub,
  paddsb: V.i8x16_add_sat_s, paddsw: V.i16x8_add_sat_s, paddusb: V.i8x16_add_sat_u, paddusw: V.i16x8_add_sat_u,
  psubsb: V.i8x16_sub_sat_s, psubsw: V.i16x8_sub_sat_s, psubusb: V.i8x16_sub_sat_u, psubusw: V.i16x8_sub_sat_u,
  pavgb: V.i8x16_avgr_u, pavgw: V.i16x8_avgr_u,
};

/** unpacks: element size in bytes and whether the high halves are interleaved */
const UNPACK: Record<string, [number, boolean]> = {
  punpcklbw: [1, false], punpcklwd: [2, false], punpckldq: [4, false], punpcklqdq: [8, false],
  punpckhbw: [1, true], punpckhwd: [2, true], punpckhdq: [4, true], punpckhqdq: [8, true],
};

/** shifts by an immediate (66 0F 71/72/73 /2 /4 /6): element bits, wasm op, arithmetic */
const SHIFT: Record<string, [number, V, boolean]> = {
  psrlw: [16, V.i16x8_shr_u, false], psraw: [16, V.i16x8_shr_s, true], psllw: [16, V.i16x8_shl, false],
  psrld: [32, V.i32x4_shr_u, false], psrad: [32, V.i32x4_shr_s, true], pslld: [32, V.i32x4_shl, false],
  psrlq: [64, V.i64x2_shr_u, false], psllq: [64, V.i64x2_shl, false],
};

function form(i: Insn): F | 0 {
  const d = i.def!;
  if (d.pfx !== 0x66) return 0;
  const n = d.name;
  // SSSE3 (0F 38, 0F 3A maps)
  if (d.map === 2) return n === 'pshufb' ? F.Pshufb : n in ABS ? F.Abs : 0;
  if (d.map === 3) {
    if (n === 'palignr') return F.Palignr;
    // SSE4.2 pcmpistri on bytes, "equal each", lowest index (strcmp): any polarity
    if (n === 'pcmpistri' && (i.imm & 0x4d) === 0x08) return F.Pcmpistri;
    return 0;
  }
  if (d.map !== 1) return 0;
  if (n in BIN) return F.Bin;
  if (n in UNPACK) return F.Unpack;
  if (n === 'pmovmskb') return i.mod === 3 ? F.Pmovmskb : 0;
  if ((d.op === 0x71 || d.op === 0x72 || d.op === 0x73) && i.mod === 3) {
    if (n === 'pslldq' || n === 'psrldq') return F.ByteShift;
    if (n in SHIFT) return F.ShiftImm;
  }
  return 0;
}

const DBG_OFF = !!process.env.X64VM_JIT_NO_SIMD_INT;

/** 0: not compiled here; 1: compiled here; 2: compiled here and writes the arithmetic flags. */
export function classifySimdInt(i: Insn): 0 | 1 | 2 {
  if (i.lock || DBG_OFF) return 0;
  const fm = form(i);
  return fm === 0 ? 0 : fm === F.Pcmpistri ? 2 : 1;
}

/** Can it leave the region (a memory operand: permission or alignment)? */
export function simdIntMayExit(i: Insn): boolean { return i.mod !== 3; }

function vop(g: SseHost, o: V): void { g.f.code.byte(0xfd); g.f.code.u32(o); }
function shuffle(g: SseHost, lanes: number[]): void {
  vop(g, V.shuffle);
  for (const l of lanes) g.f.code.byte(l);
}
function zero(g: SseHost): void {
  vop(g, V.const_);
  for (let k = 0; k < 16; k++) g.f.code.byte(0);
}

/** push the 128-bit source operand (xmm rm or aligned memory) */
function src(g: SseHost, c: SseCtx, i: Insn): void {
  const f = g.f;
  if (i.mod === 3) { f.get(c.x(i.rm)); return; }
  g.memOperand(i, 16, false);
  f.get(g.a32).i32(15).op(Op.i32_and);
  f.block(Op.if_); g.depth++;
  g.exitConst(i.addr, g.remaining);
  f.op(Op.end); g.depth--;
  f.get(g.a32); vop(g, V.load); f.code.u32(0); f.code.u32(0);
}

/** push the 16-bit mask of the zero bytes of the v128 on the stack */
function zeroMask(g: SseHost): void {
  zero(g); vop(g, V.i8x16_eq); vop(g, V.i8x16_bitmask);
}

/** Emit the code of i (classifySimdInt(i) is not 0); need: its flags are read later. */
export function genSimdInt(g: SseHost, i: Insn, need: boolean): void {
  const c = g.sse ?? (g.sse = new SseCtx(g));
  const f = g.f, d = i.def!, n = d.name;
  switch (form(i)) {
    case F.Bin: {
      // read the source first: a memory check may leave the region
      src(g, c, i); f.set(c.vb);
      f.get(c.x(i.reg)).get(c.vb); vop(g, BIN[n]);
      c.setX(i.reg);
      return;
    }
    case F.Unpack: {
      const [size, high] = UNPACK[n];
      src(g, c, i); f.set(c.vb);
      f.get(c.x(i.reg)).get(c.vb);
      const lanes: number[] = [];
      const base = high ? 8 : 0;
      for (let e = 0; e < 8 / size; e++) {
        for (let b = 0; b < size; b++) lanes.push(base + e * size + b);
        for (let b = 0; b < size; b++) lanes.push(16 + base + e * size + b);
      }
      shuffle(g, lanes);
      c.setX(i.reg);
      return;
    }
    case F.Abs:
      src(g, c, i); vop(g, ABS[n]);
      c.setX(i.reg);
      return;
    case F.Pshufb: {
      // a selector byte with bit 7 set gives 0: keep bits 7 and 0-3, so swizzle sees >= 16 for those
      src(g, c, i); f.set(c.vb);
      f.get(c.x(i.reg)).get(c.vb);
      vop(g, V.const_); for (let k = 0; k < 16; k++) f.code.byte(0x8f);
      vop(g, V.and); vop(g, V.swizzle);
      c.setX(i.reg);
      return;
    }
    case F.Palignr: {
      // bytes imm.. of the 32-byte value dst:src (src low), zeros beyond it
      const cnt = i.imm & 0xff;
      src(g, c, i); f.set(c.vb);
      if (cnt >= 32) { zero(g); c.setX(i.reg); return; }
      if (cnt < 16) f.get(c.vb).get(c.x(i.reg)); else { f.get(c.x(i.reg)); zero(g); }
      const lanes: number[] = [];
      for (let k = 0; k < 16; k++) lanes.push(cnt < 16 ? k + cnt : k + cnt - 16);
      shuffle(g, lanes);
      c.setX(i.reg);
      return;
    }
    case F.Pcmpistri: {
      // IntRes1[j] = a[j] == b[j] where both are inside their strings, 1 past both ends, 0 past one
      if (i.mod === 3) f.get(c.x(i.rm));
      else { g.memOperand(i, 16, false); f.get(g.a32); vop(g, V.load); f.code.u32(0); f.code.u32(0); } // unaligned is fine
      f.set(c.vb);
      const la = f.local(T.I32), lb = f.local(T.I32), va = f.local(T.I32), vb = f.local(T.I32), r = f.local(T.I32);
      f.get(c.x(i.reg)); zeroMask(g); f.i32(0x10000).op(Op.i32_or).op(Op.i32_ctz).set(la);
      f.get(c.vb); zeroMask(g); f.i32(0x10000).op(Op.i32_or).op(Op.i32_ctz).set(lb);
      f.i32(1).get(la).op(Op.i32_shl).i32(1).op(Op.i32_sub).set(va);
      f.i32(1).get(lb).op(Op.i32_shl).i32(1).op(Op.i32_sub).set(vb);
      f.get(c.x(i.reg)).get(c.vb); vop(g, V.i8x16_eq); vop(g, V.i8x16_bitmask);
      f.get(va).op(Op.i32_and).get(vb).op(Op.i32_and);
      f.get(va).get(vb).op(Op.i32_or).i32(0xffff).op(Op.i32_xor).op(Op.i32_or);
      const pol = (i.imm >> 4) & 3;
      if (pol === 1) f.i32(0xffff).op(Op.i32_xor);
      else if (pol === 3) f.get(vb).op(Op.i32_xor);
      f.set(r);
      f.get(r).i32(0x10000).op(Op.i32_or).op(Op.i32_ctz).op(Op.i64_extend_i32_u);
      g.writeReg(1, 4);
      if (need) {
        // CF: IntRes2 != 0, ZF: b ends inside, SF: a ends inside, OF: IntRes2 bit 0
        f.get(r).op(Op.i32_eqz).op(Op.i32_eqz);
        f.get(lb).i32(16).op(Op.i32_lt_u).i32(6).op(Op.i32_shl).op(Op.i32_or);
        f.get(la).i32(16).op(Op.i32_lt_u).i32(7).op(Op.i32_shl).op(Op.i32_or);
        f.get(r).i32(1).op(Op.i32_and).i32(11).op(Op.i32_shl).op(Op.i32_or);
        f.set(g.c1);
      }
      g.setFlags(need, FlagOp.None, 4, null, false);
      return;
    }
    case F.Pmovmskb:
      f.get(c.x(i.rm)); vop(g, V.i8x16_bitmask);
      f.op(Op.i64_extend_i32_u);
      g.writeReg(i.reg, 8);
      return;
    case F.ShiftImm: {
      const [bits, o, arith] = SHIFT[n];
      const cnt = i.imm & 0xff;
      if (cnt >= bits && !arith) { zero(g); c.setX(i.rm); return; }
      f.get(c.x(i.rm)).i32(cnt >= bits ? bits - 1 : cnt); vop(g, o);
      c.setX(i.rm);
      return;
    }
    case F.ByteShift: {
      const cnt = Math.min(i.imm & 0xff, 16);
      const left = n === 'pslldq';
      // shuffle(zero, x): lane indices 0..15 pick zero bytes, 16..31 the register
      zero(g); f.get(c.x(i.rm));
      const lanes: number[] = [];
      for (let k = 0; k < 16; k++) {
        const from = left ? k - cnt : k + cnt;
        lanes.push(from >= 0 && from < 16 ? 16 + from : 0);
      }
      shuffle(g, lanes);
      c.setX(i.rm);
      return;
    }
  }
}
