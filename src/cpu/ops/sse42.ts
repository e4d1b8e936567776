// SSE4.2: the packed string comparisons (pcmpestri/pcmpestrm/pcmpistri/pcmpistrm),
// pcmpgtq and crc32 (CRC-32C, the Castagnoli polynomial).
//
// The string instructions compare the elements of xmm1 ("a", the set, range list or
// needle) with those of xmm2/m128 ("b", the text) as the SDM's "IntRes1" bit vector,
// with each comparison overridden where one side lies past its string's end; the
// overrides depend on the aggregation (SDM vol. 2B, PCMPESTRI, table 4-7).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, ZF, SF, OF, ARITH_FLAGS } from '../flags.js';
import { RAX, RCX, RDX } from '../state.js';
import { xmm, S, srcW } from './sse-core.js';

// ---- pcmpXstrX -------------------------------------------------------------------------

/** The elements of the two operands, widened (signed or unsigned per imm8[1]). */
const EA = new Int32Array(16), EB = new Int32Array(16);

/**
 * An explicit string length: |eax| (|rax| with REX.W), saturated to n elements. The
 * absolute value is taken as an unsigned number, so -2^31 (and -2^63) saturate too.
 */
function explicitLen(c: Cpu, reg: number, wide: boolean, n: number): number {
  const r = c.r, lo = r[2 * reg], hi = r[2 * reg + 1];
  if (!wide) {
    const v = lo | 0;
    const m = v < 0 ? -v : v; // exact in a double, so -2^31 gives 2^31
    return m > n ? n : m;
  }
  if (hi === 0) return lo > n ? n : lo;
  if (hi === 0xffffffff && lo !== 0) {
    const m = 4294967296 - lo; // magnitude of the negative 64-bit value
    return m > n ? n : m;
  }
  return n;
}

/** Implicit length: the index of the first zero element, or n. */
function implicitLen(e: Int32Array, n: number): number {
  for (let k = 0; k < n; k++) if (e[k] === 0) return k;
  return n;
}

/**
 * The comparison shared by the four instructions: fills EA/EB, computes IntRes2, sets
 * the flags (CF: IntRes2 != 0, ZF: b shorter than n, SF: a shorter than n, OF: IntRes2
 * bit 0, AF and PF cleared) and returns IntRes2.
 */
function compareStrings(c: Cpu, i: Insn, explicit: boolean): number {
  srcW(c, i, true); // the string instructions accept unaligned memory
  const imm = i.imm & 0xff;
  const words = (imm & 1) !== 0, signed = (imm & 2) !== 0;
  const n = words ? 8 : 16;
  const v = xmm(c), ra = i.reg;
  if (words) {
    const src = signed ? v.i16 : v.u16, sb = signed ? S.i16 : S.u16;
    for (let k = 0; k < 8; k++) { EA[k] = src[8 * ra + k]; EB[k] = sb[k]; }
  } else {
    const src = signed ? v.i8 : v.u8, sb = signed ? S.i8 : S.u8;
    for (let k = 0; k < 16; k++) { EA[k] = src[16 * ra + k]; EB[k] = sb[k]; }
  }
  let la: number, lb: number;
  if (explicit) {
    const wide = (i.rex & 8) !== 0;
    la = explicitLen(c, RAX, wide, n);
    lb = explicitLen(c, RDX, wide, n);
  } else {
    la = implicitLen(EA, n);
    lb = implicitLen(EB, n);
  }

  let res1 = 0;
  switch ((imm >> 2) & 3) {
    case 0: // equal any: b[j] is one of the valid a[i]
      for (let j = 0; j < lb; j++) {
        const x = EB[j];
        for (let k = 0; k < la; k++) if (EA[k] === x) { res1 |= 1 << j; break; }
      }
      break;
    case 1: // ranges: a[2k] <= b[j] <= a[2k+1] for a valid pair
      for (let j = 0; j < lb; j++) {
        const x = EB[j];
        for (let k = 0; k + 1 < la; k += 2) if (x >= EA[k] && x <= EA[k + 1]) { res1 |= 1 << j; break; }
      }
      break;
    case 2: // equal each: past both ends counts as equal, past one end as different
      for (let j = 0; j < n; j++) {
        const va = j < la, vb = j < lb;
        if (va && vb ? EA[j] === EB[j] : !va && !vb) res1 |= 1 << j;
      }
      break;
    default: // equal ordered: the needle a starts at b[j]; needle elements past a's end
      // or past the register's end match, b ending first does not
      for (let j = 0; j < n; j++) {
        let m = 1;
        for (let k = 0; k < n - j && k < la; k++) {
          if (j + k >= lb || EA[k] !== EB[j + k]) { m = 0; break; }
        }
        res1 |= m << j;
      }
      break;
  }

  const all = words ? 0xff : 0xffff;
  let res2 = res1;
  switch ((imm >> 4) & 3) {
    case 1: res2 = ~res1 & all; break;
    case 3: res2 = (res1 ^ ((1 << lb) - 1)) & all; break; // negate only the valid elements of b
    default: break;
  }
  let fl = 0;
  if (res2 !== 0) fl |= CF;
  if (lb < n) fl |= ZF;
  if (la < n) fl |= SF;
  if (res2 & 1) fl |= OF;
  c.setArithFlags(ARITH_FLAGS, fl);
  return res2;
}

/** ecx = the index of the lowest (imm8[6] = 0) or highest set bit of IntRes2, or n if none. */
function strIndex(explicit: boolean) {
  return (c: Cpu, i: Insn): void => {
    const res = compareStrings(c, i, explicit);
    const n = (i.imm & 1) ? 8 : 16;
    let idx = n;
    if (res !== 0) idx = (i.imm & 0x40) ? 31 - Math.clz32(res) : 31 - Math.clz32(res & -res);
    c.setReg(RCX, 4, idx, 0);
  };
}

/** xmm0 = IntRes2 as a bit mask (imm8[6] = 0) or expanded to byte/word masks. */
function strMask(explicit: boolean) {
  return (c: Cpu, i: Insn): void => {
    const res = compareStrings(c, i, explicit);
    const x = c.xmmU32;
    if ((i.imm & 0x40) === 0) {
      x[0] = res; x[1] = 0; x[2] = 0; x[3] = 0;
      return;
    }
    const v = xmm(c);
    if (i.imm & 1) for (let k = 0; k < 8; k++) v.u16[k] = (res >> k) & 1 ? 0xffff : 0;
    else for (let k = 0; k < 16; k++) v.u8[k] = (res >> k) & 1 ? 0xff : 0;
  };
}

// REX.W makes the explicit lengths 64-bit (objdump names those forms with a q suffix);
// on the implicit-length forms it changes nothing.
op('66 0F 3A 60 /r W0', 'pcmpestrm', 'Vdq,Wdq,Ib', strMask(true), 0, 'sse4.2');
op('66 0F 3A 60 /r W1', 'pcmpestrmq', 'Vdq,Wdq,Ib', strMask(true), 0, 'sse4.2');
op('66 0F 3A 61 /r W0', 'pcmpestri', 'Vdq,Wdq,Ib', strIndex(true), 0, 'sse4.2');
op('66 0F 3A 61 /r W1', 'pcmpestriq', 'Vdq,Wdq,Ib', strIndex(true), 0, 'sse4.2');
op('66 0F 3A 62 /r', 'pcmpistrm', 'Vdq,Wdq,Ib', strMask(false), 0, 'sse4.2');
op('66 0F 3A 63 /r', 'pcmpistri', 'Vdq,Wdq,Ib', strIndex(false), 0, 'sse4.2');

// ---- pcmpgtq ----------------------------------------------------------------------------

op('66 0F 38 37 /r', 'pcmpgtq', 'Vx,Wx', (c, i) => {
  srcW(c, i);
  const x = c.xmmU32, s = S.u32, d = 4 * i.reg;
  for (let k = 0; k < 4; k += 2) {
    const ah = x[d + k + 1] | 0, bh = s[k + 1] | 0;
    const gt = ah > bh || (ah === bh && x[d + k] > s[k]);
    const m = gt ? 0xffffffff : 0;
    x[d + k] = m; x[d + k + 1] = m;
  }
}, 0, 'sse4.2');

// ---- crc32 ------------------------------------------------------------------------------

/**
 * CRC-32C one byte at a time, bit-reflected (0x82F63B78 is 0x1EDC6F41 reversed); built
 * at the first crc32 rather than at every start.
 */
let crcTable: Uint32Array | null = null;
function makeCrcTable(): Uint32Array {
  const t = new Uint32Array(256);
  for (let b = 0; b < 256; b++) {
    let r = b;
    for (let k = 0; k < 8; k++) r = (r >>> 1) ^ (r & 1 ? 0x82f63b78 : 0);
    t[b] = r >>> 0;
  }
  return t;
}

/** Feed the low `bytes` bytes of v (little-endian order) into crc. */
function crcBytes(crc: number, v: number, bytes: number): number {
  const table = crcTable ??= makeCrcTable();
  for (let k = 0; k < bytes; k++) {
    crc = table[(crc ^ v) & 0xff] ^ (crc >>> 8);
    v >>>= 8;
  }
  return crc;
}

// The destination is r32, or r64 with REX.W: the crc is its low 32 bits and the result
// is zero-extended either way. The flags are not changed.
op('F2 0F 38 F0 /r', 'crc32', 'Gy,Eb', (c, i) => {
  const v = c.readE(i, 1);
  c.setReg(i.reg, 4, crcBytes(c.r[2 * i.reg], v, 1) >>> 0, 0);
}, 0, 'sse4.2');
op('F2 0F 38 F1 /r', 'crc32', 'Gy,Ev', (c, i) => {
  const s = i.opsize;
  const v = c.readE(i, s), vhi = c.hi;
  let crc = crcBytes(c.r[2 * i.reg], v, s === 8 ? 4 : s);
  if (s === 8) crc = crcBytes(crc, vhi, 4);
  c.setReg(i.reg, 4, crc >>> 0, 0);
}, 0, 'sse4.2');
