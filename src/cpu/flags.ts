// Lazy flags (DESIGN.md decision 5): an arithmetic instruction records what it did
// (operation, size, operands, result) and the six arithmetic flags are computed only
// when something reads them.

export const CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200,
  DF = 0x400, OF = 0x800, AC = 0x40000, ID = 0x200000;
export const ARITH_FLAGS = CF | PF | AF | ZF | SF | OF;

/** What the lazy-flag record describes. */
export const enum FlagOp {
  /** all arithmetic flags are in FL_BITS */
  None = 0,
  /** r = a + b */
  Add = 1,
  /** r = a + b + 1 (adc with carry in) */
  Adc = 2,
  /** r = a - b (also cmp, neg with a = 0) */
  Sub = 3,
  /** r = a - b - 1 (sbb with borrow in) */
  Sbb = 4,
  /** ZF, SF, PF from r; CF, OF, AF taken from FL_BITS (logic ops, shifts, inc/dec ...) */
  Result = 5,
}

/** PF for each low byte value: 1 when the number of set bits is even. */
export const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i, n = 0;
  while (b) { n += b & 1; b >>= 1; }
  PARITY[i] = n & 1 ? 0 : PF;
}

export const SIZE_MASK = [0, 0xff, 0xffff, 0, 0xffffffff, 0, 0, 0, 0xffffffff];
export const SIGN_BIT = [0, 0x80, 0x8000, 0, 0x80000000, 0, 0, 0, 0x80000000];

/** Compute the arithmetic flags from a lazy record held in f (a u32 view) at index o. */
export function computeArith(f: Uint32Array, o: number): number {
  const op = f[o];
  if (op === FlagOp.None) return f[o + 8] & ARITH_FLAGS;
  const size = f[o + 1];
  const rlo = f[o + 6], rhi = f[o + 7];
  let flags = PARITY[rlo & 0xff];
  // result-derived ZF and SF
  if (size === 8) {
    if ((rlo | rhi) === 0) flags |= ZF;
    if (rhi & 0x80000000) flags |= SF;
  } else {
    if (rlo === 0) flags |= ZF;
    if (rlo & SIGN_BIT[size]) flags |= SF;
  }
  if (op === FlagOp.Result) return flags | (f[o + 8] & (CF | OF | AF));
  const alo = f[o + 2], ahi = f[o + 3], blo = f[o + 4], bhi = f[o + 5];
  flags |= (alo ^ blo ^ rlo) & AF;
  // sign of each value at the operand size
  let as: number, bs: number, rs: number;
  if (size === 8) { as = ahi >>> 31; bs = bhi >>> 31; rs = rhi >>> 31; }
  else { const sb = SIGN_BIT[size]; as = (alo & sb) ? 1 : 0; bs = (blo & sb) ? 1 : 0; rs = (rlo & sb) ? 1 : 0; }
  switch (op) {
    case FlagOp.Add:
      if (ult(rlo, rhi, alo, ahi, size)) flags |= CF;
      if (as === bs && rs !== as) flags |= OF;
      break;
    case FlagOp.Adc:
      if (!ult(alo, ahi, rlo, rhi, size)) flags |= CF; // r <= a
      if (as === bs && rs !== as) flags |= OF;
      break;
    case FlagOp.Sub:
      if (ult(alo, ahi, blo, bhi, size)) flags |= CF;
      if (as !== bs && rs !== as) flags |= OF;
      break;
    case FlagOp.Sbb:
      if (!ult(blo, bhi, alo, ahi, size)) flags |= CF; // a <= b
      if (as !== bs && rs !== as) flags |= OF;
      break;
  }
  return flags;
}

/** unsigned a < b for values of the given size (hi halves used only at size 8) */
function ult(alo: number, ahi: number, blo: number, bhi: number, size: number): boolean {
  if (size === 8 && ahi !== bhi) return ahi < bhi;
  return alo < blo;
}
