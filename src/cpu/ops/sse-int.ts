// SSE/SSE2 data movement, bitwise logic, shuffles and packed-integer arithmetic
// (the XMM forms only: MMX is not claimed, so the MMX-register encodings are #UD).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { P_W } from '../../mem/memory.js';
import { CpuException, EXC_GP } from '../exceptions.js';
import { MXCSR_MASK } from '../fpstate.js';
import { mulu32, w } from '../int64.js';
import { RDI } from '../state.js';
import {
  xmm, S, R, srcW, srcQ, load128, store128, eaAligned, type XmmViews,
} from './sse-core.js';

/** GPR operand size of Ey/Gy: REX.W selects 64 bits; a 66 prefix does not make it 16. */
const sz = (i: Insn): number => (i.opsize === 8 ? 8 : 4);

type Bin = (x: XmmViews, r: number) => void;

/** A 128-bit binary operation dst(xmm reg) op= src(xmm or aligned m128), source in S. */
function bin(opcode: string, name: string, f: Bin, operands = 'Vx,Wx'): void {
  op(opcode + ' /r', name, operands, (c, i) => { srcW(c, i); f(xmm(c), i.reg); });
}

// ---- full-register moves ---------------------------------------------------------

function movLoad(unaligned: boolean) {
  return (c: Cpu, i: Insn): void => {
    if (i.mod === 3) { const x = c.xmmU32, d = 4 * i.reg, s = 4 * i.rm; x[d] = x[s]; x[d + 1] = x[s + 1]; x[d + 2] = x[s + 2]; x[d + 3] = x[s + 3]; return; }
    const a = unaligned ? c.ea(i) : eaAligned(c, i);
    load128(c, a, c.xmmU32, 4 * i.reg);
  };
}
function movStore(unaligned: boolean) {
  return (c: Cpu, i: Insn): void => {
    if (i.mod === 3) { const x = c.xmmU32, d = 4 * i.rm, s = 4 * i.reg; x[d] = x[s]; x[d + 1] = x[s + 1]; x[d + 2] = x[s + 2]; x[d + 3] = x[s + 3]; return; }
    const a = unaligned ? c.ea(i) : eaAligned(c, i);
    store128(c, a, c.xmmU32, 4 * i.reg);
  };
}
op('NP 0F 10 /r', 'movups', 'Vps,Wps', movLoad(true));
op('66 0F 10 /r', 'movupd', 'Vpd,Wpd', movLoad(true));
op('NP 0F 11 /r', 'movups', 'Wps,Vps', movStore(true));
op('66 0F 11 /r', 'movupd', 'Wpd,Vpd', movStore(true));
op('NP 0F 28 /r', 'movaps', 'Vps,Wps', movLoad(false));
op('66 0F 28 /r', 'movapd', 'Vpd,Wpd', movLoad(false));
op('NP 0F 29 /r', 'movaps', 'Wps,Vps', movStore(false));
op('66 0F 29 /r', 'movapd', 'Wpd,Vpd', movStore(false));
op('66 0F 6F /r', 'movdqa', 'Vx,Wx', movLoad(false));
op('F3 0F 6F /r', 'movdqu', 'Vx,Wx', movLoad(true));
op('66 0F 7F /r', 'movdqa', 'Wx,Vx', movStore(false));
op('F3 0F 7F /r', 'movdqu', 'Wx,Vx', movStore(true));
// non-temporal stores: memory only, alignment required
op('NP 0F 2B /r mem', 'movntps', 'Mps,Vps', movStore(false));
op('66 0F 2B /r mem', 'movntpd', 'Mpd,Vpd', movStore(false));
op('66 0F E7 /r mem', 'movntdq', 'Mx,Vx', movStore(false));
op('NP 0F C3 /r mem', 'movnti', 'My,Gy', (c, i) => { const v = c.readG(i, sz(i)); c.writeMem(c.ea(i), sz(i), v, c.hi); });

// ---- scalar and half moves ----------------------------------------------------------

op('F3 0F 10 /r', 'movss', 'Vss,Wss', (c, i) => {
  const x = c.xmmU32, d = 4 * i.reg;
  if (i.mod === 3) { x[d] = x[4 * i.rm]; return; }
  const v = c.mem.read32(c.ea(i));
  x[d] = v; x[d + 1] = 0; x[d + 2] = 0; x[d + 3] = 0;
});
op('F3 0F 11 /r', 'movss', 'Wss,Vss', (c, i) => {
  const x = c.xmmU32;
  if (i.mod === 3) { x[4 * i.rm] = x[4 * i.reg]; return; }
  c.mem.write32(c.ea(i), x[4 * i.reg]);
});
op('F2 0F 10 /r', 'movsd', 'Vsd,Wsd', (c, i) => {
  const x = c.xmmU32, d = 4 * i.reg;
  if (i.mod === 3) { const s = 4 * i.rm; x[d] = x[s]; x[d + 1] = x[s + 1]; return; }
  const m = c.mem, lo = m.read64(c.ea(i));
  x[d] = lo; x[d + 1] = m.hi; x[d + 2] = 0; x[d + 3] = 0;
});
op('F2 0F 11 /r', 'movsd', 'Wsd,Vsd', (c, i) => {
  const x = c.xmmU32, s = 4 * i.reg;
  if (i.mod === 3) { const d = 4 * i.rm; x[d] = x[s]; x[d + 1] = x[s + 1]; return; }
  c.mem.write64(c.ea(i), x[s], x[s + 1]);
});

/** Load m64 into the low (k=0) or high (k=2) half of xmm reg. */
function loadHalf(k: number) {
  return (c: Cpu, i: Insn): void => {
    const m = c.mem, lo = m.read64(c.ea(i)), x = c.xmmU32, d = 4 * i.reg + k;
    x[d] = lo; x[d + 1] = m.hi;
  };
}
function storeHalf(k: number) {
  return (c: Cpu, i: Insn): void => {
    const x = c.xmmU32, s = 4 * i.reg + k;
    c.mem.write64(c.ea(i), x[s], x[s + 1]);
  };
}
op('NP 0F 12 /r mem', 'movlps', 'Vq,Mq', loadHalf(0));
op('66 0F 12 /r mem', 'movlpd', 'Vq,Mq', loadHalf(0));
op('NP 0F 13 /r mem', 'movlps', 'Mq,Vq', storeHalf(0));
op('66 0F 13 /r mem', 'movlpd', 'Mq,Vq', storeHalf(0));
op('NP 0F 16 /r mem', 'movhps', 'Vq,Mq', loadHalf(2));
op('66 0F 16 /r mem', 'movhpd', 'Vq,Mq', loadHalf(2));
op('NP 0F 17 /r mem', 'movhps', 'Mq,Vq', storeHalf(2));
op('66 0F 17 /r mem', 'movhpd', 'Mq,Vq', storeHalf(2));
op('NP 0F 12 /r reg', 'movhlps', 'Vq,Uq', (c, i) => {
  const x = c.xmmU32, d = 4 * i.reg, s = 4 * i.rm;
  x[d] = x[s + 2]; x[d + 1] = x[s + 3];
});
op('NP 0F 16 /r reg', 'movlhps', 'Vq,Uq', (c, i) => {
  const x = c.xmmU32, d = 4 * i.reg, s = 4 * i.rm;
  x[d + 2] = x[s]; x[d + 3] = x[s + 1];
});

// movd / movq between general registers (or memory) and xmm
op('66 0F 6E /r W0', 'movd', 'Vd,Ed', (c, i) => {
  const v = c.readE(i, 4), x = c.xmmU32, d = 4 * i.reg;
  x[d] = v; x[d + 1] = 0; x[d + 2] = 0; x[d + 3] = 0;
});
op('66 0F 6E /r W1', 'movq', 'Vq,Eq', (c, i) => {
  const v = c.readE(i, 8), x = c.xmmU32, d = 4 * i.reg;
  x[d] = v; x[d + 1] = c.hi; x[d + 2] = 0; x[d + 3] = 0;
});
op('66 0F 7E /r W0', 'movd', 'Ed,Vd', (c, i) => { c.writeE(i, 4, c.xmmU32[4 * i.reg], 0); });
op('66 0F 7E /r W1', 'movq', 'Eq,Vq', (c, i) => { const x = c.xmmU32, s = 4 * i.reg; c.writeE(i, 8, x[s], x[s + 1]); });
op('F3 0F 7E /r', 'movq', 'Vq,Wq', (c, i) => {
  srcQ(c, i);
  const x = c.xmmU32, d = 4 * i.reg, s = S.u32;
  x[d] = s[0]; x[d + 1] = s[1]; x[d + 2] = 0; x[d + 3] = 0;
});
op('66 0F D6 /r', 'movq', 'Wq,Vq', (c, i) => {
  const x = c.xmmU32, s = 4 * i.reg;
  if (i.mod === 3) { const d = 4 * i.rm; x[d] = x[s]; x[d + 1] = x[s + 1]; x[d + 2] = 0; x[d + 3] = 0; return; }
  c.mem.write64(c.ea(i), x[s], x[s + 1]);
});

// ---- MXCSR ------------------------------------------------------------------------------

op('NP 0F AE /2 mem', 'ldmxcsr', 'Md', (c, i) => {
  const v = c.mem.read32(c.ea(i));
  if (v & ~MXCSR_MASK) throw new CpuException(EXC_GP, 0);
  c.mxcsrView[0] = v;
});
op('NP 0F AE /3 mem', 'stmxcsr', 'Md', (c, i) => { c.mem.write32(c.ea(i), c.mxcsrView[0]); });

// The fences ignore ModRM.rm: control.ts has the canonical E8/F0/F8 encodings, these
// are the other seven of each that the hardware accepts too.
const fence = (): void => {};
op('NP 0F AE /5 reg', 'lfence', '', fence);
op('NP 0F AE /6 reg', 'mfence', '', fence);
op('NP 0F AE /7 reg', 'sfence', '', fence);

// ---- masks --------------------------------------------------------------------------------

/** The top bits of the four bytes of w as a 4-bit mask (one multiply gathers them without carries). */
const byteSigns = (w: number): number => (Math.imul((w & 0x80808080) >>> 7, 0x204081) >>> 21) & 0xf;
op('66 0F D7 /r reg', 'pmovmskb', 'Gd,Ux', (c, i) => {
  const x = c.xmmU32, o = 4 * i.rm;
  c.setReg(i.reg, 4, byteSigns(x[o]) | (byteSigns(x[o + 1]) << 4) | (byteSigns(x[o + 2]) << 8) | (byteSigns(x[o + 3]) << 12), 0);
});
op('NP 0F 50 /r reg', 'movmskps', 'Gd,Ups', (c, i) => {
  const x = c.xmmU32, o = 4 * i.rm;
  c.setReg(i.reg, 4, (x[o] >>> 31) | ((x[o + 1] >>> 31) << 1) | ((x[o + 2] >>> 31) << 2) | ((x[o + 3] >>> 31) << 3), 0);
});
op('66 0F 50 /r reg', 'movmskpd', 'Gd,Upd', (c, i) => {
  const x = c.xmmU32, o = 4 * i.rm;
  c.setReg(i.reg, 4, (x[o + 1] >>> 31) | ((x[o + 3] >>> 31) << 1), 0);
});
op('66 0F F7 /r reg', 'maskmovdqu', 'Vx,Ux', (c, i) => {
  // an implicit store of the selected bytes to [rdi]; check them all before writing any
  let a = c.getReg(RDI, 8);
  if (i.addr32) a >>>= 0;
  else if (c.hi !== 0) a = c.wideAddress(a, c.hi);
  if (i.seg !== 0) {
    const s = i.seg === 4 ? 0 : 2;
    a = c.wideAddress(a + c.seg[s], c.seg[s + 1]);
  }
  const b = c.xmmU8, v = 16 * i.reg, m = 16 * i.rm, mem = c.mem;
  for (let k = 0; k < 16; k++) if (b[m + k] & 0x80 && !mem.check(a + k, 1, P_W)) mem.fault(a + k, P_W);
  for (let k = 0; k < 16; k++) if (b[m + k] & 0x80) mem.write8(a + k, b[v + k]);
});

// ---- bitwise logic ---------------------------------------------------------------------------

const and: Bin = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; d[o] &= s[0]; d[o + 1] &= s[1]; d[o + 2] &= s[2]; d[o + 3] &= s[3]; };
const andn: Bin = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; d[o] = ~d[o] & s[0]; d[o + 1] = ~d[o + 1] & s[1]; d[o + 2] = ~d[o + 2] & s[2]; d[o + 3] = ~d[o + 3] & s[3]; };
const or: Bin = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; d[o] |= s[0]; d[o + 1] |= s[1]; d[o + 2] |= s[2]; d[o + 3] |= s[3]; };
const xor: Bin = (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; d[o] ^= s[0]; d[o + 1] ^= s[1]; d[o + 2] ^= s[2]; d[o + 3] ^= s[3]; };
bin('NP 0F 54', 'andps', and, 'Vps,Wps'); bin('66 0F 54', 'andpd', and, 'Vpd,Wpd'); bin('66 0F DB', 'pand', and);
bin('NP 0F 55', 'andnps', andn, 'Vps,Wps'); bin('66 0F 55', 'andnpd', andn, 'Vpd,Wpd'); bin('66 0F DF', 'pandn', andn);
bin('NP 0F 56', 'orps', or, 'Vps,Wps'); bin('66 0F 56', 'orpd', or, 'Vpd,Wpd'); bin('66 0F EB', 'por', or);
bin('NP 0F 57', 'xorps', xor, 'Vps,Wps'); bin('66 0F 57', 'xorpd', xor, 'Vpd,Wpd'); bin('66 0F EF', 'pxor', xor);

// ---- packed integer arithmetic -------------------------------------------------------------

const sat8s = (v: number): number => (v < -128 ? -128 : v > 127 ? 127 : v);
const sat8u = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : v);
const sat16s = (v: number): number => (v < -32768 ? -32768 : v > 32767 ? 32767 : v);
const sat16u = (v: number): number => (v < 0 ? 0 : v > 65535 ? 65535 : v);

bin('66 0F FC', 'paddb', (x, r) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] += s[k]; });
bin('66 0F FD', 'paddw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] += s[k]; });
bin('66 0F FE', 'paddd', (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < 4; k++) d[o + k] += s[k]; });
bin('66 0F D4', 'paddq', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k += 2) {
    const lo = d[o + k] + s[k];
    d[o + k] = lo; d[o + k + 1] = d[o + k + 1] + s[k + 1] + (lo > 0xffffffff ? 1 : 0);
  }
});
bin('66 0F F8', 'psubb', (x, r) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] -= s[k]; });
bin('66 0F F9', 'psubw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] -= s[k]; });
bin('66 0F FA', 'psubd', (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < 4; k++) d[o + k] -= s[k]; });
bin('66 0F FB', 'psubq', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k += 2) {
    const lo = d[o + k] - s[k];
    d[o + k] = lo; d[o + k + 1] = d[o + k + 1] - s[k + 1] - (lo < 0 ? 1 : 0);
  }
});
bin('66 0F EC', 'paddsb', (x, r) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = sat8s(d[o + k] + s[k]); });
bin('66 0F ED', 'paddsw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = sat16s(d[o + k] + s[k]); });
bin('66 0F DC', 'paddusb', (x, r) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = sat8u(d[o + k] + s[k]); });
bin('66 0F DD', 'paddusw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = sat16u(d[o + k] + s[k]); });
bin('66 0F E8', 'psubsb', (x, r) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = sat8s(d[o + k] - s[k]); });
bin('66 0F E9', 'psubsw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = sat16s(d[o + k] - s[k]); });
bin('66 0F D8', 'psubusb', (x, r) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = sat8u(d[o + k] - s[k]); });
bin('66 0F D9', 'psubusw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = sat16u(d[o + k] - s[k]); });

bin('66 0F D5', 'pmullw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = Math.imul(d[o + k], s[k]); });
bin('66 0F E5', 'pmulhw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = (d[o + k] * s[k]) >> 16; });
bin('66 0F E4', 'pmulhuw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = (d[o + k] * s[k]) / 65536; });
bin('66 0F F4', 'pmuludq', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  mulu32(d[o], s[0]); d[o] = w[0]; d[o + 1] = w[1];
  mulu32(d[o + 2], s[2]); d[o + 2] = w[0]; d[o + 3] = w[1];
});
bin('66 0F F5', 'pmaddwd', (x, r) => {
  const d = x.i16, s = S.i16, o = 8 * r, d32 = x.i32, o32 = 4 * r;
  for (let k = 0; k < 4; k++) d32[o32 + k] = d[o + 2 * k] * s[2 * k] + d[o + 2 * k + 1] * s[2 * k + 1];
});
bin('66 0F F6', 'psadbw', (x, r) => {
  const d = x.u8, s = S.u8, o = 16 * r, d32 = x.u32;
  for (let h = 0; h < 2; h++) {
    let sum = 0;
    for (let k = 8 * h; k < 8 * h + 8; k++) sum += Math.abs(d[o + k] - s[k]);
    d32[4 * r + 2 * h] = sum; d32[4 * r + 2 * h + 1] = 0;
  }
});
bin('66 0F E0', 'pavgb', (x, r) => { const d = x.u8, s = S.u8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = (d[o + k] + s[k] + 1) >> 1; });
bin('66 0F E3', 'pavgw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = (d[o + k] + s[k] + 1) >> 1; });
// Byte-wise operations of the string routines work on four bytes per 32-bit word (SWAR).
const H = 0x80808080;
/** 0xff in each byte where the unsigned byte of a is below that of b. */
function bytesBelow(a: number, b: number): number {
  const diff = ((a | H) - (b & ~H)) ^ ((a ^ ~b) & H); // byte-wise a - b without borrows between bytes
  const borrow = ((~a & b) | (~(a ^ b) & diff)) & H;
  return Math.imul(borrow >>> 7, 0xff);
}
bin('66 0F DA', 'pminub', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k++) { const a = d[o + k], b = s[k], m = bytesBelow(a, b); d[o + k] = (a & m) | (b & ~m); }
});
bin('66 0F DE', 'pmaxub', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  for (let k = 0; k < 4; k++) { const a = d[o + k], b = s[k], m = bytesBelow(a, b); d[o + k] = (b & m) | (a & ~m); }
});
bin('66 0F EA', 'pminsw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) if (s[k] < d[o + k]) d[o + k] = s[k]; });
bin('66 0F EE', 'pmaxsw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) if (s[k] > d[o + k]) d[o + k] = s[k]; });

// comparisons: all ones where true
/** 0xff in each byte where a and b are equal. */
function bytesEqual(a: number, b: number): number {
  const v = a ^ b;
  const nonzero = ((v & 0x7f7f7f7f) + 0x7f7f7f7f) | v; // top bit of each byte: byte != 0
  return Math.imul((~nonzero & H) >>> 7, 0xff);
}
bin('66 0F 74', 'pcmpeqb', (x, r) => {
  const d = x.u32, s = S.u32, o = 4 * r;
  d[o] = bytesEqual(d[o], s[0]); d[o + 1] = bytesEqual(d[o + 1], s[1]);
  d[o + 2] = bytesEqual(d[o + 2], s[2]); d[o + 3] = bytesEqual(d[o + 3], s[3]);
});
bin('66 0F 75', 'pcmpeqw', (x, r) => { const d = x.u16, s = S.u16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = d[o + k] === s[k] ? 0xffff : 0; });
bin('66 0F 76', 'pcmpeqd', (x, r) => { const d = x.u32, s = S.u32, o = 4 * r; for (let k = 0; k < 4; k++) d[o + k] = d[o + k] === s[k] ? 0xffffffff : 0; });
bin('66 0F 64', 'pcmpgtb', (x, r) => { const d = x.i8, s = S.i8, o = 16 * r; for (let k = 0; k < 16; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; });
bin('66 0F 65', 'pcmpgtw', (x, r) => { const d = x.i16, s = S.i16, o = 8 * r; for (let k = 0; k < 8; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; });
bin('66 0F 66', 'pcmpgtd', (x, r) => { const d = x.i32, s = S.i32, o = 4 * r; for (let k = 0; k < 4; k++) d[o + k] = d[o + k] > s[k] ? -1 : 0; });

// ---- packs and unpacks ---------------------------------------------------------------------

function copyR(x: XmmViews, r: number): void {
  const d = x.u32, t = R.u32, o = 4 * r;
  d[o] = t[0]; d[o + 1] = t[1]; d[o + 2] = t[2]; d[o + 3] = t[3];
}

bin('66 0F 63', 'packsswb', (x, r) => {
  const d = x.i16, s = S.i16, o = 8 * r, t = R.i8;
  for (let k = 0; k < 8; k++) { t[k] = sat8s(d[o + k]); t[8 + k] = sat8s(s[k]); }
  copyR(x, r);
});
bin('66 0F 67', 'packuswb', (x, r) => {
  const d = x.i16, s = S.i16, o = 8 * r, t = R.u8;
  for (let k = 0; k < 8; k++) { t[k] = sat8u(d[o + k]); t[8 + k] = sat8u(s[k]); }
  copyR(x, r);
});
bin('66 0F 6B', 'packssdw', (x, r) => {
  const d = x.i32, s = S.i32, o = 4 * r, t = R.i16;
  for (let k = 0; k < 4; k++) { t[k] = sat16s(d[o + k]); t[4 + k] = sat16s(s[k]); }
  copyR(x, r);
});

/** Interleave elements of `size` bytes from the low (half 0) or high (half 1) halves of dst and src. */
function unpack(size: number, half: number): Bin {
  return (x, r) => {
    const n = 8 / size; // elements per half
    if (size === 8) {
      const d = x.u32, s = S.u32, o = 4 * r, h = 2 * half;
      const a0 = d[o + h], a1 = d[o + h + 1];
      d[o] = a0; d[o + 1] = a1; d[o + 2] = s[h]; d[o + 3] = s[h + 1];
      return;
    }
    const dv = size === 1 ? x.u8 : size === 2 ? x.u16 : x.u32;
    const sv = size === 1 ? S.u8 : size === 2 ? S.u16 : S.u32;
    const tv = size === 1 ? R.u8 : size === 2 ? R.u16 : R.u32;
    const o = r * 2 * n, h = half * n;
    for (let k = 0; k < n; k++) { tv[2 * k] = dv[o + h + k]; tv[2 * k + 1] = sv[h + k]; }
    for (let k = 0; k < 2 * n; k++) dv[o + k] = tv[k];
  };
}
bin('66 0F 60', 'punpcklbw', unpack(1, 0));
bin('66 0F 61', 'punpcklwd', unpack(2, 0));
bin('66 0F 62', 'punpckldq', unpack(4, 0));
bin('66 0F 6C', 'punpcklqdq', unpack(8, 0));
bin('66 0F 68', 'punpckhbw', unpack(1, 1));
bin('66 0F 69', 'punpckhwd', unpack(2, 1));
bin('66 0F 6A', 'punpckhdq', unpack(4, 1));
bin('66 0F 6D', 'punpckhqdq', unpack(8, 1));
bin('NP 0F 14', 'unpcklps', unpack(4, 0), 'Vps,Wps');
bin('NP 0F 15', 'unpckhps', unpack(4, 1), 'Vps,Wps');
bin('66 0F 14', 'unpcklpd', unpack(8, 0), 'Vpd,Wpd');
bin('66 0F 15', 'unpckhpd', unpack(8, 1), 'Vpd,Wpd');

// ---- shuffles and inserts --------------------------------------------------------------------

op('66 0F 70 /r', 'pshufd', 'Vx,Wx,Ib', (c, i) => {
  srcW(c, i);
  const s = S.u32, d = c.xmmU32, o = 4 * i.reg, m = i.imm;
  d[o] = s[m & 3]; d[o + 1] = s[(m >> 2) & 3]; d[o + 2] = s[(m >> 4) & 3]; d[o + 3] = s[(m >> 6) & 3];
});
op('F2 0F 70 /r', 'pshuflw', 'Vx,Wx,Ib', (c, i) => {
  srcW(c, i);
  const s = S.u16, d = c.xmmU16, o = 8 * i.reg, m = i.imm;
  d[o] = s[m & 3]; d[o + 1] = s[(m >> 2) & 3]; d[o + 2] = s[(m >> 4) & 3]; d[o + 3] = s[(m >> 6) & 3];
  for (let k = 4; k < 8; k++) d[o + k] = s[k];
});
op('F3 0F 70 /r', 'pshufhw', 'Vx,Wx,Ib', (c, i) => {
  srcW(c, i);
  const s = S.u16, d = c.xmmU16, o = 8 * i.reg, m = i.imm;
  for (let k = 0; k < 4; k++) d[o + k] = s[k];
  d[o + 4] = s[4 + (m & 3)]; d[o + 5] = s[4 + ((m >> 2) & 3)]; d[o + 6] = s[4 + ((m >> 4) & 3)]; d[o + 7] = s[4 + ((m >> 6) & 3)];
});
op('NP 0F C6 /r', 'shufps', 'Vps,Wps,Ib', (c, i) => {
  srcW(c, i);
  const s = S.u32, d = c.xmmU32, o = 4 * i.reg, m = i.imm;
  const a0 = d[o + (m & 3)], a1 = d[o + ((m >> 2) & 3)];
  d[o] = a0; d[o + 1] = a1; d[o + 2] = s[(m >> 4) & 3]; d[o + 3] = s[(m >> 6) & 3];
});
op('66 0F C6 /r', 'shufpd', 'Vpd,Wpd,Ib', (c, i) => {
  srcW(c, i);
  const s = S.u32, d = c.xmmU32, o = 4 * i.reg, m = i.imm;
  const h = o + 2 * (m & 1), a0 = d[h], a1 = d[h + 1];
  const g = 2 * ((m >> 1) & 1);
  d[o] = a0; d[o + 1] = a1; d[o + 2] = s[g]; d[o + 3] = s[g + 1];
});
op('66 0F C5 /r reg', 'pextrw', 'Gd,Ux,Ib', (c, i) => { c.setReg(i.reg, 4, c.xmmU16[8 * i.rm + (i.imm & 7)], 0); });
op('66 0F C4 /r', 'pinsrw', 'Vx,Ry/Mw,Ib', (c, i) => {
  const v = i.mod === 3 ? c.getReg(i.rm, 4) : c.mem.read16(c.ea(i));
  c.xmmU16[8 * i.reg + (i.imm & 7)] = v;
});

// ---- shifts ------------------------------------------------------------------------------------

/** Shift every element of `size` bytes of xmm register r by n bits (left, logical right or arithmetic right). */
function shiftLanes(x: XmmViews, r: number, size: number, kind: number, n: number): void {
  const bits = size * 8;
  if (size === 8) {
    const d = x.u32, o = 4 * r;
    for (let k = 0; k < 4; k += 2) {
      let lo = d[o + k], hi = d[o + k + 1];
      if (n >= 64) { lo = 0; hi = 0; }
      else if (n >= 32) { if (kind === 0) { hi = lo << (n - 32); lo = 0; } else { lo = hi >>> (n - 32); hi = 0; } }
      else if (n > 0) {
        if (kind === 0) { hi = (hi << n) | (lo >>> (32 - n)); lo <<= n; }
        else { lo = (lo >>> n) | (hi << (32 - n)); hi >>>= n; }
      }
      d[o + k] = lo; d[o + k + 1] = hi;
    }
    return;
  }
  const cnt = n >= bits ? (kind === 2 ? bits - 1 : -1) : n;
  const lanes = 16 / size;
  if (size === 2) {
    if (kind === 2) { const d = x.i16, o = 8 * r; for (let k = 0; k < lanes; k++) d[o + k] >>= cnt; return; }
    const d = x.u16, o = 8 * r;
    if (cnt < 0) { for (let k = 0; k < lanes; k++) d[o + k] = 0; return; }
    if (kind === 0) for (let k = 0; k < lanes; k++) d[o + k] <<= cnt;
    else for (let k = 0; k < lanes; k++) d[o + k] >>>= cnt;
    return;
  }
  if (kind === 2) { const d = x.i32, o = 4 * r; for (let k = 0; k < lanes; k++) d[o + k] >>= cnt; return; }
  const d = x.u32, o = 4 * r;
  if (cnt < 0) { for (let k = 0; k < lanes; k++) d[o + k] = 0; return; }
  if (kind === 0) for (let k = 0; k < lanes; k++) d[o + k] <<= cnt;
  else for (let k = 0; k < lanes; k++) d[o + k] >>>= cnt;
}

const SHIFT_NAMES = [['psllw', 'pslld', 'psllq'], ['psrlw', 'psrld', 'psrlq'], ['psraw', 'psrad', '']];
// by an xmm/m128 count (the low 64 bits), and by an immediate
const SHIFT_XMM: [string, number, number][] = [
  ['F1', 2, 0], ['F2', 4, 0], ['F3', 8, 0], ['D1', 2, 1], ['D2', 4, 1], ['D3', 8, 1], ['E1', 2, 2], ['E2', 4, 2],
];
for (const [opc, size, kind] of SHIFT_XMM) {
  const name = SHIFT_NAMES[kind][size === 2 ? 0 : size === 4 ? 1 : 2];
  op(`66 0F ${opc} /r`, name, 'Vx,Wx', (c, i) => {
    srcW(c, i);
    const n = S.u32[1] !== 0 || S.u32[0] > 255 ? 255 : S.u32[0];
    shiftLanes(xmm(c), i.reg, size, kind, n);
  });
}
const SHIFT_IMM: [string, number, number, number][] = [
  ['71', 6, 2, 0], ['72', 6, 4, 0], ['73', 6, 8, 0], ['71', 2, 2, 1], ['72', 2, 4, 1], ['73', 2, 8, 1], ['71', 4, 2, 2], ['72', 4, 4, 2],
];
for (const [opc, ext, size, kind] of SHIFT_IMM) {
  const name = SHIFT_NAMES[kind][size === 2 ? 0 : size === 4 ? 1 : 2];
  op(`66 0F ${opc} /${ext} reg`, name, 'Ux,Ib', (c, i) => { shiftLanes(xmm(c), i.rm, size, kind, i.imm & 0xff); });
}
op('66 0F 73 /3 reg', 'psrldq', 'Ux,Ib', (c, i) => {
  const b = c.xmmU8, o = 16 * i.rm, n = i.imm & 0xff;
  for (let k = 0; k < 16; k++) b[o + k] = k + n < 16 ? b[o + k + n] : 0;
});
op('66 0F 73 /7 reg', 'pslldq', 'Ux,Ib', (c, i) => {
  const b = c.xmmU8, o = 16 * i.rm, n = i.imm & 0xff;
  for (let k = 15; k >= 0; k--) b[o + k] = k >= n ? b[o + k - n] : 0;
});
