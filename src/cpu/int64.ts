// 64-bit and 128-bit integer helpers on unsigned 32-bit halves (DESIGN.md decision 2:
// no BigInt on hot paths). Results are left in the exported `w` words.

/** result words, least significant first */
export const w = new Uint32Array(4);

/** Unsigned 32 x 32 -> 64: low half in w[0], high half in w[1]. */
export function mulu32(a: number, b: number): void {
  a >>>= 0; b >>>= 0;
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p01 = a0 * b1, p10 = a1 * b0;
  const t = a0 * b0 + (p01 & 0xffff) * 65536 + (p10 & 0xffff) * 65536;
  w[0] = t >>> 0;
  w[1] = a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(t / 4294967296);
}

/** Unsigned 64 x 64 -> 128 into w[0..3]. */
export function mulu64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulu32(alo, blo); const ll0 = w[0], ll1 = w[1];
  mulu32(alo, bhi); const lh0 = w[0], lh1 = w[1];
  mulu32(ahi, blo); const hl0 = w[0], hl1 = w[1];
  mulu32(ahi, bhi); const hh0 = w[0], hh1 = w[1];
  const m = ll1 + lh0 + hl0; // < 3 * 2^32
  const c1 = Math.floor(m / 4294967296);
  const h = hh0 + lh1 + hl1 + c1;
  const c2 = Math.floor(h / 4294967296);
  w[0] = ll0;
  w[1] = m >>> 0;
  w[2] = h >>> 0;
  w[3] = (hh1 + c2) >>> 0;
}

/** Signed 64 x 64 -> 128 into w[0..3]. */
export function muls64(alo: number, ahi: number, blo: number, bhi: number): void {
  mulu64(alo, ahi, blo, bhi);
  // correct the high half: subtract b<<64 if a < 0, and a<<64 if b < 0
  if (ahi & 0x80000000) sub128hi(blo >>> 0, bhi >>> 0);
  if (bhi & 0x80000000) sub128hi(alo >>> 0, ahi >>> 0);
}

function sub128hi(lo: number, hi: number): void {
  let x = w[2] - lo;
  const borrow = x < 0 ? 1 : 0;
  w[2] = x >>> 0;
  x = w[3] - hi - borrow;
  w[3] = x >>> 0;
}

/** Signed 32 x 32 -> 64 into w[0..1]. */
export function muls32(a: number, b: number): void {
  mulu32(a, b);
  let hi = w[1];
  if (a & 0x80000000) hi -= b >>> 0;
  if (b & 0x80000000) hi -= a >>> 0;
  w[1] = hi >>> 0;
}

export function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

export function toBigSigned(lo: number, hi: number): bigint {
  return BigInt.asIntN(64, toBig(lo, hi));
}

/** 64-bit value of a bigint (two's complement) into w[0], w[1]. */
export function fromBig(v: bigint): void {
  const u = BigInt.asUintN(64, v);
  w[0] = Number(u & 0xffffffffn);
  w[1] = Number(u >> 32n);
}

/** Negate the 64-bit value lo/hi into w[0], w[1]. */
export function neg64(lo: number, hi: number): void {
  lo >>>= 0; hi >>>= 0;
  const nlo = (-lo) >>> 0;
  w[0] = nlo;
  w[1] = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
}
