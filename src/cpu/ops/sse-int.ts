// SSE/SSE2 data movement, bitwise logic, shuffles and packed-integer arithmetic
// (the XMM forms; the MMX-register forms are in mmx.ts, sharing the element kernels of simd-int.ts).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { P_W } from '../../mem/memory.js';
import { CpuException, EXC_GP } from '../exceptions.js';
import { MXCSR_MASK } from '../fpstate.js';
import {
  xmm, S, srcW, srcQ, load128, store128, eaAligned,
} from './sse-core.js';
import * as K from './simd-int.js';

/** GPR operand size of Ey/Gy: REX.W selects 64 bits; a 66 prefix does not make it 16. */
const sz = (i: Insn): number => (i.opsize === 8 ? 8 : 4);

/** A 128-bit binary operation dst(xmm reg) op= src(xmm or aligned m128), source in S (kernels in simd-int.ts). */
function bin(opcode: string, name: string, f: K.Lanes, operands = 'Vx,Wx'): void {
  op(opcode + ' /r', name, operands, (c, i) => { srcW(c, i); f(xmm(c), i.reg, 16); });
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

const byteSigns = K.byteSigns;
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
  const a = K.rdiTarget(c, i);
  const b = c.xmmU8, v = 16 * i.reg, m = 16 * i.rm, mem = c.mem;
  for (let k = 0; k < 16; k++) if (b[m + k] & 0x80 && !mem.check(a + k, 1, P_W)) mem.fault(a + k, P_W);
  for (let k = 0; k < 16; k++) if (b[m + k] & 0x80) mem.write8(a + k, b[v + k]);
});

// ---- bitwise logic ---------------------------------------------------------------------------

bin('NP 0F 54', 'andps', K.and, 'Vps,Wps'); bin('66 0F 54', 'andpd', K.and, 'Vpd,Wpd'); bin('66 0F DB', 'pand', K.and);
bin('NP 0F 55', 'andnps', K.andn, 'Vps,Wps'); bin('66 0F 55', 'andnpd', K.andn, 'Vpd,Wpd'); bin('66 0F DF', 'pandn', K.andn);
bin('NP 0F 56', 'orps', K.or, 'Vps,Wps'); bin('66 0F 56', 'orpd', K.or, 'Vpd,Wpd'); bin('66 0F EB', 'por', K.or);
bin('NP 0F 57', 'xorps', K.xor, 'Vps,Wps'); bin('66 0F 57', 'xorpd', K.xor, 'Vpd,Wpd'); bin('66 0F EF', 'pxor', K.xor);

// ---- packed integer arithmetic, compares, packs and unpacks ------------------------------------
// (the element kernels are shared with the MMX forms: simd-int.ts)

const PACKED: [string, string, K.Lanes][] = [
  ...K.PACKED_INT,
  ['6C', 'punpcklqdq', K.unpack(8, 0)], ['6D', 'punpckhqdq', K.unpack(8, 1)],
];
for (const [opc, name, f] of PACKED) bin(`66 0F ${opc}`, name, f);
bin('NP 0F 14', 'unpcklps', K.unpack(4, 0), 'Vps,Wps');
bin('NP 0F 15', 'unpckhps', K.unpack(4, 1), 'Vps,Wps');
bin('66 0F 14', 'unpcklpd', K.unpack(8, 0), 'Vpd,Wpd');
bin('66 0F 15', 'unpckhpd', K.unpack(8, 1), 'Vpd,Wpd');

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

// by an xmm/m128 count (the low 64 bits), and by an immediate
for (const [opc, size, kind] of K.SHIFT_BY_OPERAND) {
  op(`66 0F ${opc} /r`, K.shiftName(size, kind), 'Vx,Wx', (c, i) => {
    srcW(c, i);
    K.shiftLanes(xmm(c), i.reg, size, kind, K.countOfS(), 16);
  });
}
for (const [opc, ext, size, kind] of K.SHIFT_BY_IMM) {
  op(`66 0F ${opc} /${ext} reg`, K.shiftName(size, kind), 'Ux,Ib', (c, i) => { K.shiftLanes(xmm(c), i.rm, size, kind, i.imm & 0xff, 16); });
}
op('66 0F 73 /3 reg', 'psrldq', 'Ux,Ib', (c, i) => {
  const b = c.xmmU8, o = 16 * i.rm, n = i.imm & 0xff;
  for (let k = 0; k < 16; k++) b[o + k] = k + n < 16 ? b[o + k + n] : 0;
});
op('66 0F 73 /7 reg', 'pslldq', 'Ux,Ib', (c, i) => {
  const b = c.xmmU8, o = 16 * i.rm, n = i.imm & 0xff;
  for (let k = 15; k >= 0; k--) b[o + k] = k >= n ? b[o + k - n] : 0;
});
