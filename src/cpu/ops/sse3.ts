// SSE3: the alternating and horizontal float arithmetic, the duplicating moves and lddqu.
// (fisttp is with the x87 instructions, x87.ts. monitor/mwait fault with #UD in ring 3
// on this CPU, so they are left out and CPUID does not claim MONITOR.)
//
// The arithmetic goes lane by lane through sse-fp.ts (NaN, rounding, DAZ/FTZ and the
// flags as for addps); results are built in R and written after end() has decided that
// no unmasked exception traps.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { S, R, srcW, srcQ, load128 } from './sse-core.js';
import { begin, end, arith32, arith64, HI, ADD, SUB } from './sse-fp.js';

const FEATURE = 'sse3';

function put(c: Cpu, n: number): void {
  const x = c.xmmU32, t = R.u32, o = 4 * n;
  x[o] = t[0]; x[o + 1] = t[1]; x[o + 2] = t[2]; x[o + 3] = t[3];
}

// ---- alternating add/subtract: even lanes subtract, odd lanes add ---------------------------

op('F2 0F D0 /r', 'addsubps', 'Vps,Wps', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, t = R.u32;
  t[0] = arith32(SUB, x[o], s[0]); t[1] = arith32(ADD, x[o + 1], s[1]);
  t[2] = arith32(SUB, x[o + 2], s[2]); t[3] = arith32(ADD, x[o + 3], s[3]);
  end(c); put(c, i.reg);
}, 0, FEATURE);
op('66 0F D0 /r', 'addsubpd', 'Vpd,Wpd', (c, i) => {
  srcW(c, i); begin(c);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32, t = R.u32;
  t[0] = arith64(SUB, x[o], x[o + 1], s[0], s[1]); t[1] = HI[0];
  t[2] = arith64(ADD, x[o + 2], x[o + 3], s[2], s[3]); t[3] = HI[0];
  end(c); put(c, i.reg);
}, 0, FEATURE);

// ---- horizontal: adjacent pairs of the destination, then of the source ----------------------

function hps(k: number) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i); begin(c);
    const x = c.xmmU32, o = 4 * i.reg, s = S.u32, t = R.u32;
    t[0] = arith32(k, x[o], x[o + 1]); t[1] = arith32(k, x[o + 2], x[o + 3]);
    t[2] = arith32(k, s[0], s[1]); t[3] = arith32(k, s[2], s[3]);
    end(c); put(c, i.reg);
  };
}
function hpd(k: number) {
  return (c: Cpu, i: Insn): void => {
    srcW(c, i); begin(c);
    const x = c.xmmU32, o = 4 * i.reg, s = S.u32, t = R.u32;
    t[0] = arith64(k, x[o], x[o + 1], x[o + 2], x[o + 3]); t[1] = HI[0];
    t[2] = arith64(k, s[0], s[1], s[2], s[3]); t[3] = HI[0];
    end(c); put(c, i.reg);
  };
}
op('F2 0F 7C /r', 'haddps', 'Vps,Wps', hps(ADD), 0, FEATURE);
op('F2 0F 7D /r', 'hsubps', 'Vps,Wps', hps(SUB), 0, FEATURE);
op('66 0F 7C /r', 'haddpd', 'Vpd,Wpd', hpd(ADD), 0, FEATURE);
op('66 0F 7D /r', 'hsubpd', 'Vpd,Wpd', hpd(SUB), 0, FEATURE);

// ---- duplicating moves and the unaligned load ---------------------------------------------------

// movddup reads only 64 bits from memory (no alignment rule)
op('F2 0F 12 /r', 'movddup', 'Vx,Wsd', (c, i) => {
  srcQ(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  x[o] = s[0]; x[o + 1] = s[1]; x[o + 2] = s[0]; x[o + 3] = s[1];
}, 0, FEATURE);
op('F3 0F 12 /r', 'movsldup', 'Vx,Wx', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  x[o] = s[0]; x[o + 1] = s[0]; x[o + 2] = s[2]; x[o + 3] = s[2];
}, 0, FEATURE);
op('F3 0F 16 /r', 'movshdup', 'Vx,Wx', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s = S.u32;
  x[o] = s[1]; x[o + 1] = s[1]; x[o + 2] = s[3]; x[o + 3] = s[3];
}, 0, FEATURE);
op('F2 0F F0 /r mem', 'lddqu', 'Vx,M', (c, i) => { load128(c, c.ea(i), c.xmmU32, 4 * i.reg); }, 0, FEATURE);
