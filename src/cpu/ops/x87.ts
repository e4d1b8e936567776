// The x87 FPU: escape opcodes D8-DF with their memory and register forms, FWAIT,
// and FXSAVE/FXRSTOR. 80-bit arithmetic is src/cpu/f80.ts; the register stack,
// status word and exception machinery is x87-core.ts; environment images are
// x87-env.ts; the transcendental instructions are x87-trans.ts.
//
// Every instruction here except the control ones (FN* / FLDCW / FLDENV / FRSTOR,
// which are in x87-env.ts) is a "waiting" instruction: it first delivers #MF for an
// unmasked exception left pending by an earlier one, then records its address in FIP.
// Memory operands are read (and stores probed for writability) before any FPU state
// changes, so a fault leaves the state as it was.

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import {
  F80, f80Status, f80Add, f80Sub, f80Mul, f80Div, f80Sqrt, f80Compare, f80Test, f80RoundInt,
  f80ToI16, f80ToI32, f80ToI64, f80FromI32, f80FromI64, f80FromF64, f80ToF64, f80FromF32, f80ToF32,
  f80FromBcd, f80ToBcd, f80BcdIndefinite, f80Prem, f80Prem1, f80Scale, f80Xtract, f80LoadConst, f80Classify, f80Store,
  f80FromF32Operand, f80FromF64Operand, f80Copy,
  CMP_UNORDERED, FXAM_EMPTY,
} from '../f80.js';
import { X87_FSW, X87_FCW } from '../fpstate.js';
import { CF, PF, ZF, AF, SF as EF_SF, OF } from '../flags.js';
import {
  IE, DE, ZE, OE, UE, PE, C0, C1, C2, C3, FA, FB, FR, FR2, U2,
  rcOf, pcOf, phys, emptyP, emptySt, loadP, loadSt, storeP, storeSt, setTag, setIndefinite,
  pop, push, fwait, noteIP, stackFault, merge, unary,
} from './x87-core.js';
import './x87-env.js';
import './x87-trans.js';

// ---- operand access ---------------------------------------------------------------------

/** Make a store of n bytes at a unable to fault later (faults now if it would). */
function probeWrite(c: Cpu, a: number, n: number): void { c.mem.slowWriteCheck(a, n); }

// ---- the arithmetic operations, numbered as ModRM.reg of D8/DC ------------------------
// 0 add, 1 mul, 4 sub (x - y), 5 subr (y - x), 6 div (x / y), 7 divr (y / x)

function compute(c: Cpu, o: number, x: F80, y: F80, out: F80, den = false): void {
  const rc = rcOf(c), pc = pcOf(c);
  switch (o) {
    case 0: f80Add(x, y, rc, pc, out, den); break;
    case 1: f80Mul(x, y, rc, pc, out, den); break;
    case 4: f80Sub(x, y, rc, pc, out, den); break;
    case 5: f80Sub(y, x, rc, pc, out, den); break;
    case 6: f80Div(x, y, rc, pc, out, den); break;
    default: f80Div(y, x, rc, pc, out, den); break;
  }
}

// ---- unmasked overflow / underflow --------------------------------------------------------
// With OE (UE) unmasked, a result too large (small) for the register is delivered with
// its exponent reduced (increased) by 24576, rounded as usual. The operands are scaled
// by 2^-+24576 between them so that the operation itself lands in range.

const WRAP = 24576;
const SA = new F80(), SB = new F80(), SK = new F80();
const X87_BIAS = 0x3fff;

/** Effective (normalized) biased exponent of a finite nonzero value. */
function effExp(v: F80): number {
  if (v.exp !== 0) return v.exp;
  const z = v.hi !== 0 ? Math.clz32(v.hi) : 32 + Math.clz32(v.lo);
  return 1 - z;
}
function intF80(n: number, o: F80): void {
  if (n === 0) { o.sign = 0; o.exp = 0; o.hi = 0; o.lo = 0; return; }
  const m = Math.abs(n), z = Math.clz32(m);
  o.sign = n < 0 ? 1 : 0; o.exp = X87_BIAS + 31 - z; o.hi = (m << z) >>> 0; o.lo = 0;
}
/** o = v * 2^k exactly (v finite; the caller keeps the result in range). */
function scaleBy(v: F80, k: number, o: F80): void {
  if (k === 0 || (v.exp === 0 && v.hi === 0 && v.lo === 0)) { f80Copy(v, o); return; }
  if (k < 0 && effExp(v) + k < 1) { o.sign = v.sign; o.exp = 0; o.hi = 0; o.lo = 1; return; } // only sticky matters
  intF80(k, SK);
  f80Scale(v, SK, 0, o);
}

/** Is the result (masked form) below the normal range: UE's condition when unmasked. */
function tinyResult(v: F80): boolean { return v.exp === 0 && (v.hi !== 0 || v.lo !== 0); }

/**
 * After an arithmetic operation o (x, y as passed to compute) whose flags are fl: if
 * an unmasked overflow or underflow occurred, replace FR by the wrapped result and
 * return the flags to report.
 */
function rangeFix(c: Cpu, o: number, x: F80, y: F80, den: boolean, fl: number): number {
  const unm = ~c.x87Ctl[X87_FCW] & (OE | UE);
  if (unm === 0 || (fl & (IE | ZE))) return fl;
  if ((unm & UE) && tinyResult(FR)) fl |= UE;
  if (!(fl & unm)) return fl;
  const K = fl & OE ? -WRAP : WRAP;
  let a = x, b = y, op2 = o;
  if (o === 5 || o === 7) { a = y; b = x; op2 = o - 1; }
  const ea = effExp(a);
  if (op2 === 0 || op2 === 4) {
    scaleBy(a, K, SA);
    scaleBy(b, K, SB);
  } else {
    // the whole scale on a where it fits, the rest on b (divided: the other way)
    const k1 = K > 0 ? Math.min(K, 0x7ffe - ea) : Math.max(K, 1 - ea);
    const k2 = K - k1;
    scaleBy(a, k1, SA);
    scaleBy(b, op2 === 1 ? k2 : -k2, SB);
  }
  compute(c, op2, SA, SB, FR, den);
  const f2 = f80Status.flags;
  if (f2 & (OE | UE)) return (fl & ~(PE | C1)) | (f2 & (PE | C1 | OE | UE));
  return (fl & ~(PE | C1)) | (f2 & (PE | C1));
}

const OP_NAMES = ['add', 'mul', 'com', 'comp', 'sub', 'subr', 'div', 'divr'];

/**
 * Convert a memory source operand into FB. kind: 0 m32fp, 1 m64fp, 2 m32int, 3 m16int.
 * Returns whether it was a denormal (reported by the operation when it takes its
 * numeric path); an SNaN source stays signaling in FB.
 */
function memSource(kind: number, lo: number, hi: number): boolean {
  switch (kind) {
    case 0: return f80FromF32Operand(lo, FB);
    case 1: return f80FromF64Operand(lo, hi, FB);
    case 2: f80FromI32(lo | 0, FB); return false;
    default: f80FromI32((lo << 16) >> 16, FB); return false;
  }
}
const KIND_SIZE = [4, 8, 4, 2];

/** D8/DC/DA/DE memory forms of add/mul/sub/subr/div/divr: ST(0) = ST(0) op m. */
function arithMem(o: number, kind: number) {
  const size = KIND_SIZE[kind];
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    const lo = c.readMem(a, size), hi = c.hi;
    noteIP(c, i);
    const p = phys(c, 0);
    if (emptyP(c, p)) {
      if (!stackFault(c, i, a, false)) return;
      setIndefinite(FR);
      storeP(c, p, FR);
      return;
    }
    const den = memSource(kind, lo, hi);
    loadP(c, p, FA);
    compute(c, o, FA, FB, FR, den);
    const fl = rangeFix(c, o, FA, FB, den, f80Status.flags);
    if (merge(c, i, a, fl, false)) storeP(c, p, FR);
  };
}

/** Register forms: dest = dest op src (D8: dest ST(0), src ST(i); DC/DE: the reverse, then DE pops). */
function arithReg(o: number, toSti: boolean, popAfter: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const si = i.rm & 7;
    const pd = phys(c, toSti ? si : 0), ps = phys(c, toSti ? 0 : si);
    if (emptyP(c, pd) || emptyP(c, ps)) {
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, pd, FR);
    } else {
      loadP(c, pd, FA);
      loadP(c, ps, FB);
      compute(c, o, FA, FB, FR);
      const fl = rangeFix(c, o, FA, FB, false, f80Status.flags);
      if (!merge(c, i, -1, fl, false)) return;
      storeP(c, pd, FR);
    }
    if (popAfter) pop(c);
  };
}

// ---- comparisons ---------------------------------------------------------------------------

/** C3 C2 C0 for a comparison result (C1 cleared). */
const CMP_CC = [C0, C3, 0, C3 | C2 | C0];
/** ZF PF CF for fcomi. */
const CMP_EFL = [CF, ZF, 0, ZF | PF | CF];

function setCC(c: Cpu, bits: number): void {
  const k = c.x87Ctl;
  k[X87_FSW] = (k[X87_FSW] & ~(C0 | C1 | C2 | C3)) | bits;
}

/**
 * Compare FA with FB (operands already loaded, or `empty`), set the condition codes
 * (or EFLAGS) and pop `pops` times. An unmasked invalid operation still reports
 * "unordered" but does not pop. fcomi and friends leave C1 alone unless they fault.
 */
function compareFinish(c: Cpu, i: Insn, ea: number, empty: boolean, quiet: boolean, eflags: boolean, pops: number, den = false): void {
  let r: number, ok: boolean;
  if (empty) {
    ok = stackFault(c, i, ea, false);
    r = CMP_UNORDERED;
  } else {
    r = f80Compare(FA, FB, quiet, den);
    const fl = f80Status.flags;
    if (eflags) {
      const c1 = c.x87Ctl[X87_FSW] & C1;
      ok = merge(c, i, ea, fl, false);
      c.x87Ctl[X87_FSW] |= c1;
    } else {
      ok = merge(c, i, ea, fl, false);
    }
  }
  if (eflags) c.setArithFlags(CF | PF | AF | ZF | EF_SF | OF, CMP_EFL[r]);
  else setCC(c, CMP_CC[r]);
  if (!ok) return;
  while (pops-- > 0) pop(c);
}

function comMem(kind: number, pops: number) {
  const size = KIND_SIZE[kind];
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    const lo = c.readMem(a, size), hi = c.hi;
    noteIP(c, i);
    const empty = emptySt(c, 0);
    let den = false;
    if (!empty) {
      den = memSource(kind, lo, hi);
      loadSt(c, 0, FA);
    }
    compareFinish(c, i, a, empty, false, false, pops, den);
  };
}

function comReg(quiet: boolean, eflags: boolean, pops: number, fixedOne = false) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const si = fixedOne ? 1 : i.rm & 7;
    const empty = emptySt(c, 0) || emptySt(c, si);
    if (!empty) {
      loadSt(c, 0, FA);
      loadSt(c, si, FB);
    }
    compareFinish(c, i, -1, empty, quiet, eflags, pops);
  };
}

// ---- D8 / DC / DA / DE: arithmetic ----------------------------------------------------------

for (let o = 0; o < 8; o++) {
  const n = OP_NAMES[o];
  if (o === 2 || o === 3) {
    const pops = o - 2;
    op(`D8 /${o} mem`, `f${n}`, 'Mfs', comMem(0, pops));
    op(`DC /${o} mem`, `f${n}`, 'Mfd', comMem(1, pops));
    op(`DA /${o} mem`, `fi${n}`, 'Md', comMem(2, pops));
    op(`DE /${o} mem`, `fi${n}`, 'Mw', comMem(3, pops));
    op(`D8 /${o} reg`, `f${n}`, 'STi', comReg(false, false, pops));
    // DC D0+i / DC D8+i / DE D0+i: aliases of fcom / fcomp that the processors accept
    op(`DC /${o} reg`, `f${n}`, 'STi', comReg(false, false, pops));
    continue;
  }
  op(`D8 /${o} mem`, `f${n}`, 'Mfs', arithMem(o, 0));
  op(`DC /${o} mem`, `f${n}`, 'Mfd', arithMem(o, 1));
  op(`DA /${o} mem`, `fi${n}`, 'Md', arithMem(o, 2));
  op(`DE /${o} mem`, `fi${n}`, 'Mw', arithMem(o, 3));
  op(`D8 /${o} reg`, `f${n}`, 'ST,STi', arithReg(o, false, false));
  // DC/DE register forms: the sub/subr and div/divr encodings are swapped (DC E8+i is
  // fsub st(i),st: st(i) = st(i) - st)
  const oR = o >= 4 ? o ^ 1 : o;
  op(`DC /${o} reg`, `f${OP_NAMES[oR]}`, 'STi,ST', arithReg(oR, true, false));
  op(`DE /${o} reg`, `f${OP_NAMES[oR]}p`, 'STi,ST', arithReg(oR, true, true));
}
op('DE /2 reg', 'fcomp', 'STi', comReg(false, false, 1));
op('DE D9', 'fcompp', '', comReg(false, false, 2, true));
op('DA E9', 'fucompp', '', comReg(true, false, 2, true));
op('DD /4 reg', 'fucom', 'STi', comReg(true, false, 0));
op('DD /5 reg', 'fucomp', 'STi', comReg(true, false, 1));
op('DB /5 reg', 'fucomi', 'ST,STi', comReg(true, true, 0));
op('DB /6 reg', 'fcomi', 'ST,STi', comReg(false, true, 0));
op('DF /5 reg', 'fucomip', 'ST,STi', comReg(true, true, 1));
op('DF /6 reg', 'fcomip', 'ST,STi', comReg(false, true, 1));

op('D9 E4', 'ftst', '', (c, i) => {
  fwait(c);
  noteIP(c, i);
  const empty = emptySt(c, 0);
  if (empty) { compareFinish(c, i, -1, true, false, false, 0); return; }
  loadSt(c, 0, FA);
  const r = f80Test(FA);
  merge(c, i, -1, f80Status.flags, false);
  setCC(c, CMP_CC[r]);
});

op('D9 E5', 'fxam', '', (c, i) => {
  fwait(c);
  noteIP(c, i);
  loadSt(c, 0, FA);
  const cls = emptySt(c, 0) ? FXAM_EMPTY | (FA.sign ? C1 : 0) : f80Classify(FA);
  setCC(c, cls);
});

// ---- loads ---------------------------------------------------------------------------------

/**
 * Push FR, whose conversion produced flags fl, unless the stack is full (overflow:
 * the masked response pushes the indefinite) or an unmasked exception forbids it.
 */
function pushResult(c: Cpu, i: Insn, ea: number, fl: number): void {
  if (!emptySt(c, 7)) {
    if (!stackFault(c, i, ea, true)) return;
    setIndefinite(FR);
    push(c, FR);
    return;
  }
  // a denormal source is reported, but the load happens even with DE unmasked
  if (!merge(c, i, ea, fl & ~DE, false)) return;
  if (fl & DE) merge(c, i, ea, DE | (c.x87Ctl[X87_FSW] & C1), false);
  push(c, FR);
}

op('D9 /0 mem', 'fld', 'Mfs', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const v = c.readMem(a, 4);
  noteIP(c, i);
  f80FromF32(v, FR);
  pushResult(c, i, a, f80Status.flags);
});
op('DD /0 mem', 'fld', 'Mfd', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const lo = c.readMem(a, 8), hi = c.hi;
  noteIP(c, i);
  f80FromF64(lo, hi, FR);
  pushResult(c, i, a, f80Status.flags);
});
op('DB /5 mem', 'fld', 'Mft', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const lo = c.mem.read64(a), hi = c.mem.hi, se = c.mem.read16(a + 8);
  noteIP(c, i);
  FR.lo = lo; FR.hi = hi; FR.sign = se >>> 15; FR.exp = se & 0x7fff;
  pushResult(c, i, a, 0);
});
op('DF /0 mem', 'fild', 'Mw', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const v = c.readMem(a, 2);
  noteIP(c, i);
  f80FromI32((v << 16) >> 16, FR);
  pushResult(c, i, a, 0);
});
op('DB /0 mem', 'fild', 'Md', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const v = c.readMem(a, 4);
  noteIP(c, i);
  f80FromI32(v | 0, FR);
  pushResult(c, i, a, 0);
});
op('DF /5 mem', 'fild', 'Mq', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const lo = c.readMem(a, 8), hi = c.hi;
  noteIP(c, i);
  f80FromI64(lo, hi, FR);
  pushResult(c, i, a, 0);
});
op('DF /4 mem', 'fbld', 'Mbcd', (c, i) => {
  fwait(c);
  const a = c.ea(i);
  const m = c.mem;
  if (!m.check(a, 10, 1)) m.faultRange(a, 10, 1);
  noteIP(c, i);
  f80FromBcd(m.u8, a, FR);
  pushResult(c, i, a, 0);
});
op('D9 /0 reg', 'fld', 'STi', (c, i) => {
  fwait(c);
  noteIP(c, i);
  const si = i.rm & 7;
  if (emptySt(c, si)) {
    if (!stackFault(c, i, -1, false)) return;
    setIndefinite(FR);
    push(c, FR);
    return;
  }
  loadSt(c, si, FR);
  pushResult(c, i, -1, 0);
});

const CONST_NAMES = ['fld1', 'fldl2t', 'fldl2e', 'fldpi', 'fldlg2', 'fldln2', 'fldz'];
for (let k = 0; k < 7; k++) {
  op(`D9 ${(0xe8 + k).toString(16).toUpperCase()}`, CONST_NAMES[k], '', (c, i) => {
    fwait(c);
    noteIP(c, i);
    f80LoadConst(k, rcOf(c), FR);
    pushResult(c, i, -1, 0);
  });
}

// ---- stores --------------------------------------------------------------------------------

// A store to memory computes its value and flags first. An unmasked exception that
// abandons it (stack underflow, invalid, denormal, overflow, underflow; not precision)
// leaves memory alone, not even checked: an unwritable destination does not fault, and
// #MF comes at the next x87 instruction. Otherwise the write is checked before any x87
// state changes, so a page fault leaves the x87 state as it was (measured on this CPU:
// tests/jit-fuzz.test.mjs, x87 mode with faults).

/** Would merging flags fl abandon a store to memory (an unmasked IE, DE, ZE, OE or UE)? */
function storeAbandoned(c: Cpu, fl: number): boolean {
  return (fl & (IE | DE | ZE | OE | UE) & ~c.x87Ctl[X87_FCW]) !== 0;
}

/**
 * The first half of a store of ST(0) to memory at a (n bytes): FA = ST(0), or, for an
 * empty ST(0) with IE masked, the caller's indefinite (returns false). Returns null
 * when the store is over: an abandoned one, its exception recorded, memory untouched.
 * `convert` fills the caller's value from FA and returns its flags. The 10-byte stores
 * (n = 10) are written here from c.scratch, checked as they are written (store10); the
 * others are checked here and written by the caller.
 */
function storeBegin(c: Cpu, i: Insn, a: number, n: number, convert: () => number): boolean | null {
  const empty = emptySt(c, 0);
  let fl = 0;
  if (empty) {
    if (!(c.x87Ctl[X87_FCW] & IE)) { noteIP(c, i); stackFault(c, i, a, false); return null; }
  } else {
    loadSt(c, 0, FA);
    fl = convert();
    if (storeAbandoned(c, fl)) { noteIP(c, i); merge(c, i, a, fl, true); return null; }
  }
  if (n === 10) store10(c, a, c.scratch); else probeWrite(c, a, n);
  noteIP(c, i);
  if (empty) stackFault(c, i, a, false); else merge(c, i, a, fl, true);
  return !empty;
}

/**
 * The flags of a conversion to single or double: with UE unmasked, a tiny result raises
 * UE even when it is exact (and the store is abandoned), as in the arithmetic.
 */
function tinyFlags(c: Cpu): number {
  const fl = f80Status.flags;
  return f80Status.tiny && !(c.x87Ctl[X87_FCW] & UE) ? fl | UE : fl;
}

function fstF32(popAfter: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    let v = 0xffc00000;
    if (storeBegin(c, i, a, 4, () => { v = f80ToF32(FA, rcOf(c)); return tinyFlags(c); }) === null) return;
    c.mem.dv.setUint32(a, v, true);
    if (popAfter) pop(c);
  };
}
function fstF64(popAfter: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    U2[0] = 0; U2[1] = 0xfff80000;
    if (storeBegin(c, i, a, 8, () => { f80ToF64(FA, rcOf(c), U2); return tinyFlags(c); }) === null) return;
    c.mem.dv.setUint32(a, U2[0], true);
    c.mem.dv.setUint32(a + 4, U2[1], true);
    if (popAfter) pop(c);
  };
}
op('D9 /2 mem', 'fst', 'Mfs', fstF32(false));
op('D9 /3 mem', 'fstp', 'Mfs', fstF32(true));
op('DD /2 mem', 'fst', 'Mfd', fstF64(false));
op('DD /3 mem', 'fstp', 'Mfd', fstF64(true));
/**
 * The 10-byte stores (fstp m80, fbstp) write 8 bytes then 2, each checked: a store
 * crossing into an unwritable page leaves its first 8 bytes written when they fit
 * before the boundary, as on the hardware. The x87 state changes only after both.
 */
function store10(c: Cpu, a: number, b: Uint8Array): void {
  const m = c.mem;
  m.write64(a, (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0, (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0);
  m.write16(a + 8, b[8] | (b[9] << 8));
}

/**
 * fstp m80 and fbstp: `convert` fills c.scratch from FA and returns its flags; what an
 * empty ST(0) stores with IE masked (`indefinite`) is put there first.
 */
function store10Op(convert: (c: Cpu) => number, indefinite: (buf: Uint8Array) => void) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    indefinite(c.scratch);
    if (storeBegin(c, i, a, 10, () => convert(c)) === null) return;
    pop(c);
  };
}
op('DB /7 mem', 'fstp', 'Mft', store10Op(
  (c) => { f80Store(FA, c.scratch, 0); return 0; },
  (buf) => { setIndefinite(FA); f80Store(FA, buf, 0); }));
op('DF /6 mem', 'fbstp', 'Mbcd', store10Op(
  (c) => { f80ToBcd(FA, rcOf(c), c.scratch, 0); return f80Status.flags; },
  (buf) => f80BcdIndefinite(buf, 0)));

/** fist/fistp/fisttp: size 2, 4 or 8; rc -1 = the control word's rounding, 3 = truncate. */
function fistM(size: number, popAfter: boolean, trunc: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    const a = c.ea(i);
    let lo = size === 2 ? 0x8000 : size === 4 ? 0x80000000 : 0, hi = 0x80000000;
    const begun = storeBegin(c, i, a, size, () => {
      const rc = trunc ? 3 : rcOf(c);
      if (size === 2) lo = f80ToI16(FA, rc);
      else if (size === 4) lo = f80ToI32(FA, rc);
      else { f80ToI64(FA, rc, U2); lo = U2[0]; hi = U2[1]; }
      return f80Status.flags;
    });
    if (begun === null) return;
    const dv = c.mem.dv;
    if (size === 2) dv.setUint16(a, lo, true);
    else if (size === 4) dv.setUint32(a, lo, true);
    else { dv.setUint32(a, lo, true); dv.setUint32(a + 4, hi, true); }
    if (popAfter) pop(c);
  };
}
op('DF /2 mem', 'fist', 'Mw', fistM(2, false, false));
op('DF /3 mem', 'fistp', 'Mw', fistM(2, true, false));
op('DB /2 mem', 'fist', 'Md', fistM(4, false, false));
op('DB /3 mem', 'fistp', 'Md', fistM(4, true, false));
op('DF /7 mem', 'fistp', 'Mq', fistM(8, true, false));
op('DF /1 mem', 'fisttp', 'Mw', fistM(2, true, true));
op('DB /1 mem', 'fisttp', 'Md', fistM(4, true, true));
op('DD /1 mem', 'fisttp', 'Mq', fistM(8, true, true));

function fstReg(popAfter: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const di = i.rm & 7;
    if (emptySt(c, 0)) {
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FA);
    } else {
      loadSt(c, 0, FA);
      c.x87Ctl[X87_FSW] &= ~C1;
    }
    storeSt(c, di, FA);
    if (popAfter) pop(c);
  };
}
op('DD /2 reg', 'fst', 'STi', fstReg(false));
op('DD /3 reg', 'fstp', 'STi', fstReg(true));
// D9 D8+i: an fstp that never faults; it copies the register whatever its tag
op('D9 /3 reg', 'fstp1', 'STi', (c, i) => {
  fwait(c);
  noteIP(c, i);
  c.x87Ctl[X87_FSW] &= ~C1;
  if (!emptySt(c, 0)) {
    loadSt(c, 0, FA);
    storeSt(c, i.rm & 7, FA);
  }
  pop(c);
});
op('DF /2 reg', 'fstp8', 'STi', fstReg(true));
op('DF /3 reg', 'fstp9', 'STi', fstReg(true));

// ---- register stack manipulation -------------------------------------------------------------

function fxch(c: Cpu, i: Insn): void {
  fwait(c);
  noteIP(c, i);
  const p0 = phys(c, 0), pi = phys(c, i.rm & 7);
  const e0 = emptyP(c, p0), ei = emptyP(c, pi);
  if (e0 || ei) {
    if (!stackFault(c, i, -1, false)) return;
    setIndefinite(FR);
    if (e0) storeP(c, p0, FR);
    if (ei) storeP(c, pi, FR);
  } else {
    c.x87Ctl[X87_FSW] &= ~C1;
  }
  loadP(c, p0, FA);
  loadP(c, pi, FB);
  storeP(c, p0, FB);
  storeP(c, pi, FA);
}
op('D9 /1 reg', 'fxch', 'STi', fxch);
op('DD /1 reg', 'fxch4', 'STi', fxch);
op('DF /1 reg', 'fxch7', 'STi', fxch);

op('DD /0 reg', 'ffree', 'STi', (c, i) => {
  fwait(c);
  noteIP(c, i);
  setTag(c, phys(c, i.rm & 7), 3);
  c.x87Ctl[X87_FSW] &= ~C1;
});
op('DF /0 reg', 'ffreep', 'STi', (c, i) => {
  fwait(c);
  noteIP(c, i);
  setTag(c, phys(c, i.rm & 7), 3);
  c.x87Ctl[X87_FSW] &= ~C1;
  pop(c);
});
op('D9 F6', 'fdecstp', '', (c, i) => {
  fwait(c);
  noteIP(c, i);
  const k = c.x87Ctl, sw = k[X87_FSW];
  k[X87_FSW] = (sw & ~(0x3800 | C1)) | ((((sw >>> 11) + 7) & 7) << 11);
});
op('D9 F7', 'fincstp', '', (c, i) => {
  fwait(c);
  noteIP(c, i);
  const k = c.x87Ctl, sw = k[X87_FSW];
  k[X87_FSW] = (sw & ~(0x3800 | C1)) | ((((sw >>> 11) + 1) & 7) << 11);
});
op('D9 D0', 'fnop', '', (c, i) => { fwait(c); noteIP(c, i); });
// 8087/287 leftovers (feni, fdisi, fsetpm): non-waiting, they do nothing at all
op('DB E0', 'fneni', '', () => {});
op('DB E1', 'fndisi', '', () => {});
op('DB E4', 'fnsetpm', '', () => {});

const FCMOV_CC = [2, 4, 6, 10]; // b, e, be, u as cond() numbers
const FCMOV_NAMES = ['b', 'e', 'be', 'u'];
for (let k = 0; k < 4; k++) {
  for (let neg = 0; neg < 2; neg++) {
    const cc = FCMOV_CC[k] + neg;
    op(`${neg ? 'DB' : 'DA'} /${k} reg`, `fcmov${neg ? 'n' : ''}${FCMOV_NAMES[k]}`, 'ST,STi', (c, i) => {
      fwait(c);
      noteIP(c, i);
      const si = i.rm & 7;
      if (emptySt(c, 0) || emptySt(c, si)) {
        if (!stackFault(c, i, -1, false)) return;
        setIndefinite(FR);
        storeSt(c, 0, FR);
        return;
      }
      if (c.cond(cc)) {
        loadSt(c, si, FA);
        storeSt(c, 0, FA);
      }
    });
  }
}

// ---- one-operand arithmetic on ST(0) -----------------------------------------------------------

op('D9 E0', 'fchs', '', unary(() => { FR.sign = FA.sign ^ 1; FR.exp = FA.exp; FR.hi = FA.hi; FR.lo = FA.lo; f80Status.flags = 0; }));
op('D9 E1', 'fabs', '', unary(() => { FR.sign = 0; FR.exp = FA.exp; FR.hi = FA.hi; FR.lo = FA.lo; f80Status.flags = 0; }));
op('D9 FA', 'fsqrt', '', unary((c) => f80Sqrt(FA, rcOf(c), pcOf(c), FR)));
op('D9 FC', 'frndint', '', unary((c) => f80RoundInt(FA, rcOf(c), FR)));

/**
 * ST(0) = fn(ST(0), ST(1)); both must be valid. With ccBits (fprem, fprem1) the
 * quotient bits go to C0 C3 C1 and C2 tells an incomplete reduction; a NaN result or
 * a fault clears C2 and leaves C0 and C3.
 */
function binary01(fn: (c: Cpu) => void, ccBits: boolean) {
  return (c: Cpu, i: Insn): void => {
    fwait(c);
    noteIP(c, i);
    const p0 = phys(c, 0), p1 = phys(c, 1);
    if (ccBits) c.x87Ctl[X87_FSW] &= ~C2;
    if (emptyP(c, p0) || emptyP(c, p1)) {
      if (!stackFault(c, i, -1, false)) return;
      setIndefinite(FR);
      storeP(c, p0, FR);
      return;
    }
    loadP(c, p0, FA);
    loadP(c, p1, FB);
    fn(c);
    const fl = f80Status.flags;
    const nan = ccBits && (FR.exp === 0x7fff && (FR.hi & 0x7fffffff || FR.lo) || (fl & IE) !== 0);
    if (!merge(c, i, -1, nan ? fl & ~(C0 | C2 | C3) : fl, false)) return;
    storeP(c, p0, FR);
    if (ccBits && !nan) {
      const k = c.x87Ctl;
      k[X87_FSW] = (k[X87_FSW] & ~(C0 | C2 | C3)) | (fl & (C0 | C2 | C3));
    }
  };
}
op('D9 FD', 'fscale', '', binary01((c) => {
  const rc = rcOf(c);
  f80Scale(FA, FB, rc, FR);
  let fl = f80Status.flags;
  const unm = ~c.x87Ctl[X87_FCW] & (OE | UE);
  // (scaling by +-0 leaves even a tiny operand as it is, without underflow)
  if (unm === 0 || (fl & (IE | ZE)) || (FB.exp === 0 && FB.hi === 0 && FB.lo === 0)) return;
  if ((unm & UE) && tinyResult(FR)) fl |= UE;
  if (!(fl & unm)) return;
  // unmasked: the wrapped result, or an infinity / zero when even that is out of range
  const over = (fl & OE) !== 0;
  f80RoundInt(FB, 3, SB);
  intF80(over ? -WRAP : WRAP, SK);
  f80Add(SB, SK, 0, 3, SB);
  f80Scale(FA, SB, rc, FR);
  const f2 = f80Status.flags;
  fl &= ~(PE | C1);
  if (f2 & (over ? OE : UE)) {
    FR.exp = over ? 0x7fff : 0; FR.hi = over ? 0x80000000 : 0; FR.lo = 0;
    fl |= over ? PE | C1 : PE;
  } else {
    fl |= f2 & (PE | C1);
  }
  f80Status.flags = fl;
}, false));
/** fprem/fprem1 results are exact: an unmasked underflow only rebiases a tiny one. */
function premWrap(c: Cpu): void {
  const f = f80Status.flags;
  // (x mod infinity is x as it is, even tiny with underflow unmasked)
  if ((c.x87Ctl[X87_FCW] & UE) || !tinyResult(FR) || FB.exp === 0x7fff) return;
  const e = effExp(FR);
  scaleBy(FR, 1 - e, FR);
  FR.exp = e + WRAP;
  f80Status.flags = (f & ~PE) | UE;
}
op('D9 F8', 'fprem', '', binary01((c) => { f80Prem(FA, FB, FR); premWrap(c); }, true));
op('D9 F5', 'fprem1', '', binary01((c) => { f80Prem1(FA, FB, FR); premWrap(c); }, true));

op('D9 F4', 'fxtract', '', (c, i) => {
  fwait(c);
  noteIP(c, i);
  const p0 = phys(c, 0);
  if (emptyP(c, p0)) {
    if (!stackFault(c, i, -1, false)) return;
    setIndefinite(FR);
    storeP(c, p0, FR);
    push(c, FR);
    return;
  }
  if (!emptySt(c, 7)) {
    if (!stackFault(c, i, -1, true)) return;
    setIndefinite(FR);
    storeP(c, p0, FR);
    push(c, FR);
    return;
  }
  loadP(c, p0, FA);
  f80Xtract(FA, FR, FR2);
  if (!merge(c, i, -1, f80Status.flags, false)) return;
  storeP(c, p0, FR2);
  push(c, FR);
});

// ---- FWAIT ------------------------------------------------------------------------------------

op('9B', 'fwait', '', (c) => fwait(c));
