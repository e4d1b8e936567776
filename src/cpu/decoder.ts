// x86-64 instruction decoder: prefixes, REX, the opcode maps, ModRM/SIB/displacement
// and immediates, driven by the ISA table (isa/table.ts).

import { Insn, BASE_RIP } from './insn.js';
import { defs, DefFlag, IMM_B, IMM_W, IMM_Z, IMM_JZ, IMM_V, IMM_O, type OpDef } from './isa/table.js';
import { Memory, P_X } from '../mem/memory.js';
import { CpuException, EXC_UD, EXC_GP } from './exceptions.js';

// Most code is decoded once and run a few times (startup code, a program's cold paths),
// so the decoder is written to be cheap before V8 optimises it too: no closures or
// allocation per instruction, one pass over an opcode's forms in priority order, and
// the fetch check folded into one comparison per byte (`end` below).

/** Forms of one opcode (map * 256 + byte), in the order the decoder tries them. */
interface Forms {
  /** whether a ModRM byte follows: as the opcode's first-defined form says */
  modrm: boolean;
  list: OpDef[];
}

let lookup: (Forms | undefined)[] | null = null;
let vexLookup: (Forms | undefined)[] | null = null;

/**
 * Forms by map * 256 + opcode byte: legacy forms, or VEX forms when vex. An F2/F3 form
 * wins over the unprefixed one (tzcnt over bsf, popcnt, crc32 ...); otherwise forms
 * without a mandatory prefix come before the 66/NP ones; within each group, table order.
 */
function buildLookup(vex: boolean): (Forms | undefined)[] {
  const t: (Forms | undefined)[] = new Array(4 * 256).fill(undefined);
  // one pass per priority group rather than a sort: this runs at every start, cold
  for (let rank = vex ? 2 : 0; rank < 3; rank++) {
    for (let k = 0; k < defs.length; k++) {
      const d = defs[k];
      if (d.vex !== vex) continue;
      const pfx = d.pfx;
      if (!vex && (pfx === 0xf2 || pfx === 0xf3 ? 0 : pfx === -1 ? 1 : 2) !== rank) continue;
      const key = d.map * 256 + d.op;
      let f = t[key];
      if (f === undefined) t[key] = f = { modrm: false, list: [] };
      f.list.push(d);
    }
  }
  // whether a ModRM byte follows is as the opcode's first-defined form says
  for (let k = defs.length - 1; k >= 0; k--) {
    const d = defs[k];
    if (d.vex === vex) t[d.map * 256 + d.op]!.modrm = d.modrm;
  }
  return t;
}

/** VEX.pp -> the implied prefix it stands for */
const VEX_PP = [0, 0x66, 0xf3, 0xf2];

// prefix bytes: what each one is (0 = not a prefix)
const PFX_REX = 1, PFX_66 = 2, PFX_67 = 3, PFX_REP = 4, PFX_LOCK = 5, PFX_FS = 6, PFX_GS = 7, PFX_NULLSEG = 8;
const PREFIX = new Uint8Array(256);
PREFIX.fill(PFX_REX, 0x40, 0x50);
PREFIX[0x66] = PFX_66; PREFIX[0x67] = PFX_67; PREFIX[0xf2] = PFX_REP; PREFIX[0xf3] = PFX_REP;
PREFIX[0xf0] = PFX_LOCK; PREFIX[0x64] = PFX_FS; PREFIX[0x65] = PFX_GS;
PREFIX[0x2e] = PFX_NULLSEG; PREFIX[0x36] = PFX_NULLSEG; PREFIX[0x3e] = PFX_NULLSEG; PREFIX[0x26] = PFX_NULLSEG;

/** Raised for bytes that are not an instruction we implement: becomes #UD (SIGILL). */
function undefinedOpcode(mem: Memory, addr: number, len: number): never {
  const bytes: number[] = [];
  for (let k = 0; k < Math.max(len, 1) && k < 15; k++) {
    const a = addr + k;
    if (!mem.check(a, 1, P_X)) break;
    bytes.push(mem.u8[a]);
  }
  throw new CpuException(EXC_UD, 0, bytes);
}

/** The fetch of byte p of the instruction at addr failed: too long (#GP) or not executable. */
function fetchFault(mem: Memory, addr: number, p: number): never {
  if (p - addr >= 15) throw new CpuException(EXC_GP, 0);
  mem.fault(p, P_X);
}

/**
 * Decode the instruction at addr into insn. Faults (MemoryFault on fetch, CpuException
 * #UD for an unknown opcode) are thrown.
 */
export function decode(mem: Memory, addr: number, insn: Insn): void {
  const u8 = mem.u8, perm = mem.perm;
  // Bytes below `end` can be fetched: at most 15 (longer is #GP), and only as far as
  // the pages are executable; fetching at `end` raises the right fault.
  let end = addr;
  if (addr >= 0 && addr < 0x100000000 && (perm[addr >>> 12] & P_X) !== 0) {
    end = addr + 15;
    const pageEnd = ((addr >>> 12) + 1) * 4096;
    if (end > pageEnd && (perm[(addr >>> 12) + 1] & P_X) === 0) end = pageEnd;
  }
  let p = addr;

  // Legacy prefixes in any order; a REX counts only when it is the last prefix
  // (a legacy prefix after it discards it).
  let has66 = false, addr32 = false, lastRep = 0, lock = false, seg = 0, rex = 0;
  let b: number;
  for (;;) {
    if (p >= end) fetchFault(mem, addr, p);
    b = u8[p++];
    const kind = PREFIX[b];
    if (kind === 0) break;
    if (kind === PFX_REX) { rex = b; continue; }
    if (kind === PFX_66) has66 = true;
    else if (kind === PFX_67) addr32 = true;
    else if (kind === PFX_REP) lastRep = b;
    else if (kind === PFX_LOCK) lock = true;
    else if (kind === PFX_FS) seg = 4;
    else if (kind === PFX_GS) seg = 5;
    // else a null segment in 64-bit mode
    rex = 0;
  }

  let map = 0, def: OpDef | undefined, modrm = -1, vex = false, vexL = 0, vexV = 0;
  if (b === 0xc4 || b === 0xc5) {
    // VEX (C4 three bytes, C5 two; always VEX in 64-bit mode). R, X, B and vvvv are
    // stored inverted. A 66, F2, F3, REX or LOCK prefix before it is #UD (a REX that a
    // later segment prefix discarded does not count).
    vex = true;
    const bad = has66 || lastRep !== 0 || lock || rex !== 0;
    if (p >= end) fetchFault(mem, addr, p);
    const p1 = u8[p++];
    let p2 = p1;
    rex = 0x40 | (p1 & 0x80 ? 0 : 4);
    if (b === 0xc4) {
      rex |= (p1 & 0x40 ? 0 : 2) | (p1 & 0x20 ? 0 : 1);
      map = p1 & 0x1f;
      if (p >= end) fetchFault(mem, addr, p);
      p2 = u8[p++];
      if (p2 & 0x80) rex |= 8;
    } else map = 1;
    vexV = (~p2 >> 3) & 15;
    vexL = (p2 >> 2) & 1;
    const pp = VEX_PP[p2 & 3];
    if (p >= end) fetchFault(mem, addr, p);
    b = u8[p++];
    // Invalid by definition (not an instruction x64vm lacks): #UD without the
    // "unsupported instruction" diagnostic
    if (bad || map < 1 || map > 3) throw new CpuException(EXC_UD, 0);
    const vforms = (vexLookup ??= buildLookup(true))[map * 256 + b];
    if (vforms === undefined) undefinedOpcode(mem, addr, p - addr); // AVX and the rest: not implemented
    if (p >= end) fetchFault(mem, addr, p);
    modrm = u8[p++];
    const mod = modrm >> 6, regField = (modrm >> 3) & 7, w = (rex >> 3) & 1;
    const list = vforms.list;
    for (let k = 0; k < list.length; k++) {
      const d = list[k];
      if (d.pfx !== pp) continue;
      if (d.reg >= 0 && d.reg !== regField) continue;
      if (d.mod === 1 && mod === 3) continue;
      if (d.mod === 2 && mod !== 3) continue;
      if (d.w >= 0 && d.w !== w) continue;
      if (d.vexL >= 0 && d.vexL !== vexL) continue;
      // vvvv names no operand: it must be 1111b
      if (d.vvvv < 0 && vexV !== 0) continue;
      def = d;
      break;
    }
    // an opcode of the table's VEX forms with fields no form accepts (VEX.L = 1, an
    // unassigned pp or ModRM.reg, vvvv where the form has none): invalid
    if (def === undefined) throw new CpuException(EXC_UD, 0);
  } else {
    if (b === 0x0f) {
      map = 1;
      if (p >= end) fetchFault(mem, addr, p);
      b = u8[p++];
      if (b === 0x38 || b === 0x3a) {
        map = b === 0x38 ? 2 : 3;
        if (p >= end) fetchFault(mem, addr, p);
        b = u8[p++];
      }
    }
    const forms = (lookup ??= buildLookup(false))[map * 256 + b];
    if (forms === undefined) undefinedOpcode(mem, addr, p - addr + 1);

    const w = (rex >> 3) & 1;
    if (forms.modrm) {
      if (p >= end) fetchFault(mem, addr, p);
      modrm = u8[p++];
    }
    const mod = modrm >> 6, regField = (modrm >> 3) & 7, rmField = modrm & 7;
    const list = forms.list;
    for (let k = 0; k < list.length; k++) {
      const d = list[k];
      const pfx = d.pfx;
      if (pfx !== -1) {
        if (pfx === 0) { if (has66 || lastRep !== 0) continue; }
        else if (pfx === 0x66) { if (!has66 || lastRep !== 0) continue; }
        else if (lastRep !== pfx) continue;
      }
      if (d.modrm) {
        if (d.reg >= 0 && d.reg !== regField) continue;
        if (d.mod === 1 && mod === 3) continue;
        if (d.mod === 2 && mod !== 3) continue;
        if (d.rm >= 0 && d.rm !== rmField) continue;
      }
      if (d.w >= 0 && d.w !== w) continue;
      def = d;
      break;
    }
    if (def === undefined) undefinedOpcode(mem, addr, p - addr);
    // lock is #UD except on a lockable instruction with a memory destination
    if (lock && ((def.flags & DefFlag.Lockable) === 0 || mod === 3 || modrm < 0)) throw new CpuException(EXC_UD, 0);
  }
  const mod = modrm >> 6, regField = (modrm >> 3) & 7, rmField = modrm & 7;
  const mandatory = def.pfx > 0 && !vex;
  const rexW = (rex & 8) !== 0;

  insn.def = def;
  insn.exec = def.exec;
  insn.addr = addr;
  insn.rex = rex;
  insn.vex = vex;
  insn.vexL = vexL;
  insn.vexV = vexV;
  insn.lock = lock;
  insn.addr32 = addr32;
  insn.seg = seg;
  insn.pfx66 = has66;
  insn.rep = mandatory && def.pfx !== 0x66 ? 0 : lastRep;
  const op16 = has66 && !(mandatory && def.pfx === 0x66);
  let opsize: number;
  if (def.size === 'b') opsize = 1;
  else if (def.flags & DefFlag.F64) opsize = 8;
  else if (def.flags & DefFlag.D64) opsize = op16 && !rexW ? 2 : 8; // REX.W wins over 66
  else if (def.size === 'v') opsize = rexW ? 8 : op16 ? 2 : 4;
  else opsize = rexW ? 8 : 4;
  insn.opsize = opsize;

  let base = -1, index = -1, scale = 1, disp = 0, reg = 0, rm: number;
  if (modrm >= 0) {
    reg = regField | ((rex & 4) << 1);
    rm = rmField | ((rex & 1) << 3);
    if (mod !== 3) {
      base = rm;
      if (rmField === 4) {
        if (p >= end) fetchFault(mem, addr, p);
        const sib = u8[p++];
        const idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
        if (idx !== 4) index = idx;
        scale = 1 << (sib >> 6);
        base = (sib & 7) | ((rex & 1) << 3);
        if ((sib & 7) === 5 && mod === 0) base = -1;
      } else if (rmField === 5 && mod === 0) {
        base = BASE_RIP;
      }
      if (mod === 1) {
        if (p >= end) fetchFault(mem, addr, p);
        disp = (u8[p++] << 24) >> 24;
      } else if (mod === 2 || base === -1 || base === BASE_RIP) {
        if (p + 4 > end) fetchFault(mem, addr, end);
        disp = u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24);
        p += 4;
      }
    }
    insn.mod = mod;
  } else {
    insn.mod = 3;
    // +r opcodes: the register is in the low three opcode bits
    rm = (b & 7) | ((rex & 1) << 3);
  }
  insn.reg = reg;
  insn.rm = rm;
  // byte registers: without REX, 4-7 are AH, CH, DH, BH (16-19)
  insn.reg8 = rex === 0 && reg >= 4 && reg < 8 ? reg + 12 : reg;
  insn.rm8 = rex === 0 && rm >= 4 && rm < 8 ? rm + 12 : rm;

  // immediates
  let imm = 0, immHi = 0, imm2 = 0;
  for (let k = 0, kind = def.imm0; kind !== 0; kind = k === 0 ? def.imm1 : 0, k++) {
    let v = 0, hi = 0;
    switch (kind) {
      case IMM_B:
        if (p >= end) fetchFault(mem, addr, p);
        v = (u8[p++] << 24) >> 24; hi = v >> 31;
        break;
      case IMM_W:
        if (p + 2 > end) fetchFault(mem, addr, end);
        v = u8[p] | (u8[p + 1] << 8); p += 2;
        break;
      case IMM_Z: case IMM_JZ:
        if (opsize === 2 && kind === IMM_Z) {
          if (p + 2 > end) fetchFault(mem, addr, end);
          v = ((u8[p] | (u8[p + 1] << 8)) << 16) >> 16; p += 2;
        } else {
          if (p + 4 > end) fetchFault(mem, addr, end);
          v = u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24); p += 4;
        }
        hi = v >> 31;
        break;
      case IMM_V:
        if (opsize === 2) {
          if (p + 2 > end) fetchFault(mem, addr, end);
          v = u8[p] | (u8[p + 1] << 8); p += 2;
        } else {
          if (p + 4 > end) fetchFault(mem, addr, end);
          v = u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24); p += 4;
          if (opsize === 8) {
            if (p + 4 > end) fetchFault(mem, addr, end);
            hi = u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24); p += 4;
          }
        }
        break;
      case IMM_O: {
        // moffs: an absolute address of the address size
        const n = addr32 ? 4 : 8;
        if (p + n > end) fetchFault(mem, addr, end);
        const lo = (u8[p] | (u8[p + 1] << 8) | (u8[p + 2] << 16) | (u8[p + 3] << 24)) >>> 0;
        const ahi = addr32 ? 0 : (u8[p + 4] | (u8[p + 5] << 8) | (u8[p + 6] << 16) | (u8[p + 7] << 24)) >>> 0;
        p += n;
        insn.mod = 0; base = -1; index = -1; disp = ahi * 4294967296 + lo;
        continue;
      }
    }
    if (k === 0) { imm = v; immHi = hi >>> 0; } else imm2 = v;
  }
  insn.base = base; insn.index = index; insn.scale = scale; insn.disp = disp;
  insn.imm = imm; insn.immHi = immHi; insn.imm2 = imm2;
  insn.len = p - addr;
  insn.next = p;
}
