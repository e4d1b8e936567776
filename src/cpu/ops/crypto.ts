// PCLMULQDQ (carry-less multiplication) and AES-NI (aesenc, aesenclast, aesdec,
// aesdeclast, aesimc, aeskeygenassist).
//
// The AES round functions follow FIPS-197: the S-box is the multiplicative inverse in
// GF(2^8) (modulo x^8 + x^4 + x^3 + x + 1) followed by the affine map, computed here at
// module load. The state is the xmm register's 16 bytes in FIPS-197 input order: byte
// 4c+r is row r of column c.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { S, R, srcW } from './sse-core.js';

// ---- PCLMULQDQ --------------------------------------------------------------------------

/** Carry-less 32x32 -> 64 product of a and b: low half returned, high half in clHi. */
let clHi = 0;
function clmul32(a: number, b: number): number {
  let lo = 0, hi = 0;
  for (let k = 0; k < 32; k++) {
    if ((b >>> k) & 1) {
      lo ^= a << k;
      if (k) hi ^= a >>> (32 - k);
    }
  }
  clHi = hi >>> 0;
  return lo >>> 0;
}

/** imm8 bit 0 picks the quadword of xmm1, bit 4 the quadword of xmm2/m128. */
op('66 0F 3A 44 /r', 'pclmulqdq', 'Vdq,Wdq,Ib', (c: Cpu, i: Insn) => {
  srcW(c, i);
  const x = c.xmmU32, d = 4 * i.reg;
  const ka = d + ((i.imm & 1) ? 2 : 0), kb = (i.imm & 0x10) ? 2 : 0;
  const a0 = x[ka], a1 = x[ka + 1], b0 = S.u32[kb], b1 = S.u32[kb + 1];
  // (a1:a0)(b1:b0) = a1b1 << 64 ^ (a1b0 ^ a0b1) << 32 ^ a0b0
  const p0 = clmul32(a0, b0), p0h = clHi;
  const p3 = clmul32(a1, b1), p3h = clHi;
  const m1 = clmul32(a1, b0), m1h = clHi;
  const m2 = clmul32(a0, b1), m2h = clHi;
  const mid = (m1 ^ m2) >>> 0, midh = (m1h ^ m2h) >>> 0;
  x[d] = p0;
  x[d + 1] = (p0h ^ mid) >>> 0;
  x[d + 2] = (p3 ^ midh) >>> 0;
  x[d + 3] = p3h;
}, 0, 'pclmulqdq');

// ---- AES tables ----------------------------------------------------------------------------

/** Product in GF(2^8) with the AES polynomial. */
function gmul(a: number, b: number): number {
  let p = 0;
  for (let k = 0; k < 8; k++) {
    if (b & 1) p ^= a;
    const carry = a & 0x80;
    a = (a << 1) & 0xff;
    if (carry) a ^= 0x1b;
    b >>= 1;
  }
  return p;
}

const SBOX = new Uint8Array(256), INV_SBOX = new Uint8Array(256);
const M2 = new Uint8Array(256), M3 = new Uint8Array(256);
const M9 = new Uint8Array(256), M11 = new Uint8Array(256), M13 = new Uint8Array(256), M14 = new Uint8Array(256);
// filled at the first AES instruction, not at every start of x64vm (2000 gmul calls)
let tablesReady = false;
function fillTables(): void {
  tablesReady = true;
  // inverses from powers of the generator 3: 3^k ranges over every nonzero element
  const exp = new Uint8Array(256), log = new Uint8Array(256);
  let g = 1;
  for (let k = 0; k < 255; k++) { exp[k] = g; log[g] = k; g = gmul(g, 3); }
  const rotl = (v: number, n: number): number => ((v << n) | (v >> (8 - n))) & 0xff;
  for (let x = 0; x < 256; x++) {
    const inv = x === 0 ? 0 : exp[(255 - log[x]) % 255];
    const s = inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63;
    SBOX[x] = s;
    INV_SBOX[s] = x;
    M2[x] = gmul(x, 2); M3[x] = gmul(x, 3);
    M9[x] = gmul(x, 9); M11[x] = gmul(x, 11); M13[x] = gmul(x, 13); M14[x] = gmul(x, 14);
  }
}

/** ShiftRows as a byte permutation: out[4c+r] = in[SHIFT[4c+r]]; INV_SHIFT undoes it. */
const SHIFT = new Uint8Array(16), INV_SHIFT = new Uint8Array(16);
for (let col = 0; col < 4; col++) {
  for (let row = 0; row < 4; row++) {
    SHIFT[4 * col + row] = 4 * ((col + row) & 3) + row;
    INV_SHIFT[4 * col + row] = 4 * ((col - row) & 3) + row;
  }
}

const T = new Uint8Array(16); // the state between the steps of a round

function mixColumns(t: Uint8Array): void {
  for (let k = 0; k < 16; k += 4) {
    const a = t[k], b = t[k + 1], c = t[k + 2], d = t[k + 3];
    t[k] = M2[a] ^ M3[b] ^ c ^ d;
    t[k + 1] = a ^ M2[b] ^ M3[c] ^ d;
    t[k + 2] = a ^ b ^ M2[c] ^ M3[d];
    t[k + 3] = M3[a] ^ b ^ c ^ M2[d];
  }
}

function invMixColumns(t: Uint8Array): void {
  for (let k = 0; k < 16; k += 4) {
    const a = t[k], b = t[k + 1], c = t[k + 2], d = t[k + 3];
    t[k] = M14[a] ^ M11[b] ^ M13[c] ^ M9[d];
    t[k + 1] = M9[a] ^ M14[b] ^ M11[c] ^ M13[d];
    t[k + 2] = M13[a] ^ M9[b] ^ M14[c] ^ M11[d];
    t[k + 3] = M11[a] ^ M13[b] ^ M9[c] ^ M14[d];
  }
}

/**
 * One round on xmm1 with the round key in xmm2/m128 (aligned): (Inv)ShiftRows and
 * (Inv)SubBytes, then (Inv)MixColumns unless it is the last round, then AddRoundKey.
 */
function aesRound(decrypt: boolean, last: boolean) {
  const box = decrypt ? INV_SBOX : SBOX, perm = decrypt ? INV_SHIFT : SHIFT;
  return (c: Cpu, i: Insn): void => {
    if (!tablesReady) fillTables();
    srcW(c, i);
    const x = c.xmmU8, d = 16 * i.reg, key = S.u8;
    for (let k = 0; k < 16; k++) T[k] = box[x[d + perm[k]]];
    if (!last) { if (decrypt) invMixColumns(T); else mixColumns(T); }
    for (let k = 0; k < 16; k++) x[d + k] = T[k] ^ key[k];
  };
}

op('66 0F 38 DC /r', 'aesenc', 'Vdq,Wdq', aesRound(false, false), 0, 'aes');
op('66 0F 38 DD /r', 'aesenclast', 'Vdq,Wdq', aesRound(false, true), 0, 'aes');
op('66 0F 38 DE /r', 'aesdec', 'Vdq,Wdq', aesRound(true, false), 0, 'aes');
op('66 0F 38 DF /r', 'aesdeclast', 'Vdq,Wdq', aesRound(true, true), 0, 'aes');

// aesimc: InvMixColumns of a round key (for the equivalent inverse cipher)
op('66 0F 38 DB /r', 'aesimc', 'Vdq,Wdq', (c, i) => {
  if (!tablesReady) fillTables();
  srcW(c, i);
  const s = S.u8;
  for (let k = 0; k < 16; k++) T[k] = s[k];
  invMixColumns(T);
  const x = c.xmmU8, d = 16 * i.reg;
  for (let k = 0; k < 16; k++) x[d + k] = T[k];
}, 0, 'aes');

/** SubWord: the S-box on each byte of a 32-bit word. */
function subWord(w: number): number {
  if (!tablesReady) fillTables();
  return (SBOX[w & 0xff] | (SBOX[(w >>> 8) & 0xff] << 8) | (SBOX[(w >>> 16) & 0xff] << 16) | (SBOX[w >>> 24] << 24)) >>> 0;
}

// aeskeygenassist: from dwords 1 and 3 of the source, SubWord and RotWord(SubWord) ^ rcon
op('66 0F 3A DF /r', 'aeskeygenassist', 'Vdq,Wdq,Ib', (c, i) => {
  srcW(c, i);
  const rcon = i.imm & 0xff, s = S.u32, r = R.u32;
  const x1 = subWord(s[1]), x3 = subWord(s[3]);
  r[0] = x1;
  r[1] = (((x1 >>> 8) | (x1 << 24)) ^ rcon) >>> 0;
  r[2] = x3;
  r[3] = (((x3 >>> 8) | (x3 << 24)) ^ rcon) >>> 0;
  const x = c.xmmU32, d = 4 * i.reg;
  x[d] = r[0]; x[d + 1] = r[1]; x[d + 2] = r[2]; x[d + 3] = r[3];
}, 0, 'aes');
