// Conversions between packed int32 in an mm register (or m64) and packed floats in
// an xmm register: cvtpi2ps/cvtpi2pd, cvt(t)ps2pi, cvt(t)pd2pi. They round and raise
// exceptions by MXCSR like their xmm-only relatives (sse-float.ts); an mm operand
// switches the x87 unit to MMX operation (mmx.ts).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { S, srcW, srcQ as srcXmmQ } from './sse-core.js';
import { begin, end, cvtInt, cvtToInt, f32, f64, isNaN32, isNaN64, HI, DAZ } from './sse-fp.js';
import { fwait } from './x87-core.js';
import { enter, mm, written, srcQ } from './mmx.js';

/** DAZ for a conversion source: a denormal float32 reads as zero (and raises nothing). */
function daz32(c: Cpu, b: number): number {
  return (c.mxcsrView[0] & DAZ) && (b & 0x7f800000) === 0 ? b & 0x80000000 : b;
}

// Order of events, as the hardware shows: a pending x87 exception (#MF), the memory
// operand (#PF, #GP), the switch to MMX operation, then SIMD exceptions (#XM). With a
// memory source, cvtpi2ps/cvtpi2pd touch no mm register and leave the x87 unit alone.

// int32 pair -> two floats in the low half of the xmm register (the high half is kept)
op('NP 0F 2A /r', 'cvtpi2ps', 'Vps,Qq', (c, i) => {
  if (i.mod === 3) { fwait(c); srcQ(c, i); enter(c); } else srcQ(c, i);
  begin(c);
  const t0 = cvtInt(S.u32[0], 0, false, false), t1 = cvtInt(S.u32[1], 0, false, false);
  end(c);
  const x = c.xmmU32, o = 4 * i.reg;
  x[o] = t0; x[o + 1] = t1;
});
// int32 pair -> two doubles (always exact)
op('66 0F 2A /r', 'cvtpi2pd', 'Vpd,Qq', (c, i) => {
  if (i.mod === 3) { fwait(c); srcQ(c, i); enter(c); } else srcQ(c, i);
  const x = c.xmmU32, o = 4 * i.reg, s0 = S.u32[0], s1 = S.u32[1];
  x[o] = cvtInt(s0, 0, false, true); x[o + 1] = HI[0];
  x[o + 2] = cvtInt(s1, 0, false, true); x[o + 3] = HI[0];
});

function ps2pi(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    srcXmmQ(c, i);
    enter(c);
    begin(c);
    const b0 = daz32(c, S.u32[0]), b1 = daz32(c, S.u32[1]);
    const t0 = cvtToInt(f32(b0), isNaN32(b0), false, truncate), t1 = cvtToInt(f32(b1), isNaN32(b1), false, truncate);
    end(c);
    const u = mm(c).u32, r = i.reg & 7;
    u[4 * r] = t0; u[4 * r + 1] = t1;
    written(c, r);
  };
}
op('NP 0F 2D /r', 'cvtps2pi', 'Pq,Wq', ps2pi(false));
op('NP 0F 2C /r', 'cvttps2pi', 'Pq,Wq', ps2pi(true));

function pd2pi(truncate: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    srcW(c, i);
    enter(c);
    begin(c);
    const daz = (c.mxcsrView[0] & DAZ) !== 0, s = S.u32;
    let t0 = 0, t1 = 0;
    for (let k = 0; k < 2; k++) {
      let lo = s[2 * k], hi = s[2 * k + 1];
      if (daz && (hi & 0x7ff00000) === 0) { lo = 0; hi &= 0x80000000; }
      const v = cvtToInt(f64(lo, hi), isNaN64(lo, hi), false, truncate);
      if (k === 0) t0 = v; else t1 = v;
    }
    end(c);
    const u = mm(c).u32, r = i.reg & 7;
    u[4 * r] = t0; u[4 * r + 1] = t1;
    written(c, r);
  };
}
op('66 0F 2D /r', 'cvtpd2pi', 'Pq,Wpd', pd2pi(false));
op('66 0F 2C /r', 'cvttpd2pi', 'Pq,Wpd', pd2pi(true));
