// x86-64 instruction decoder: prefixes, REX, the opcode maps, ModRM/SIB/displacement
// and immediates, driven by the ISA table (isa/table.ts).

import { Insn, BASE_RIP } from './insn.js';
import { defs, DefFlag, type OpDef } from './isa/table.js';
import { Memory, P_X } from '../mem/memory.js';
import { CpuException, EXC_UD, EXC_GP } from './exceptions.js';

let lookup: (OpDef[] | undefined)[] | null = null;
let vexLookup: (OpDef[] | undefined)[] | null = null;

/** Forms by map * 256 + opcode byte: legacy forms, or VEX forms when vex. */
function buildLookup(vex: boolean): (OpDef[] | undefined)[] {
  const t: (OpDef[] | undefined)[] = new Array(4 * 256);
  for (const d of defs) {
    if (d.vex !== vex) continue;
    const k = d.map * 256 + d.op;
    (t[k] ??= []).push(d);
  }
  return t;
}

/** VEX.pp -> the implied prefix it stands for */
const VEX_PP = [0, 0x66, 0xf3, 0xf2];

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

/**
 * Decode the instruction at addr into insn. Faults (MemoryFault on fetch, CpuException
 * #UD for an unknown opcode) are thrown.
 */
export function decode(mem: Memory, addr: number, insn: Insn): void {
  const table = (lookup ??= buildLookup(false));
  const u8 = mem.u8, perm = mem.perm;
  let p = addr;
  const fetch = (): number => {
    if (p - addr >= 15) throw new CpuException(EXC_GP, 0); // longer than 15 bytes
    if ((perm[p >>> 12] & P_X) === 0) mem.fault(p, P_X);
    return u8[p++];
  };

  // Legacy prefixes in any order; a REX counts only when it is the last prefix
  // (a legacy prefix after it discards it).
  let has66 = false, addr32 = false, lastRep = 0, lock = false, seg = 0, rex = 0;
  let b: number;
  for (;;) {
    b = fetch();
    if (b >= 0x40 && b <= 0x4f) { rex = b; continue; }
    if (b === 0x66) has66 = true;
    else if (b === 0x67) addr32 = true;
    else if (b === 0xf2 || b === 0xf3) lastRep = b;
    else if (b === 0xf0) lock = true;
    else if (b === 0x64) seg = 4;
    else if (b === 0x65) seg = 5;
    else if (b === 0x2e || b === 0x36 || b === 0x3e || b === 0x26) { /* null segments in 64-bit mode */ }
    else break;
    rex = 0;
  }

  let map = 0, def: OpDef | undefined, modrm = -1, rexW = false, vex = false, vexL = 0, vexV = 0;
  if (b === 0xc4 || b === 0xc5) {
    // VEX (C4 three bytes, C5 two; always VEX in 64-bit mode). R, X, B and vvvv are
    // stored inverted. A 66, F2, F3, REX or LOCK prefix before it is #UD (a REX that a
    // later segment prefix discarded does not count).
    vex = true;
    const bad = has66 || lastRep !== 0 || lock || rex !== 0;
    const p1 = fetch();
    let p2 = p1;
    rex = 0x40 | (p1 & 0x80 ? 0 : 4);
    if (b === 0xc4) {
      rex |= (p1 & 0x40 ? 0 : 2) | (p1 & 0x20 ? 0 : 1);
      map = p1 & 0x1f;
      p2 = fetch();
      if (p2 & 0x80) rex |= 8;
    } else map = 1;
    vexV = (~p2 >> 3) & 15;
    vexL = (p2 >> 2) & 1;
    const pp = VEX_PP[p2 & 3];
    b = fetch();
    // Invalid by definition (not an instruction x64vm lacks): #UD without the
    // "unsupported instruction" diagnostic
    if (bad || map < 1 || map > 3) throw new CpuException(EXC_UD, 0);
    const vcands = (vexLookup ??= buildLookup(true))[map * 256 + b];
    if (!vcands) undefinedOpcode(mem, addr, p - addr); // AVX and the rest: not implemented
    modrm = fetch();
    const mod = modrm >> 6, regField = (modrm >> 3) & 7;
    rexW = (rex & 8) !== 0;
    for (const d of vcands) {
      if (d.pfx !== pp) continue;
      if (d.reg >= 0 && d.reg !== regField) continue;
      if (d.mod === 1 && mod === 3) continue;
      if (d.mod === 2 && mod !== 3) continue;
      if (d.w >= 0 && d.w !== (rexW ? 1 : 0)) continue;
      if (d.vexL >= 0 && d.vexL !== vexL) continue;
      // vvvv names no operand: it must be 1111b
      if (d.vvvv < 0 && vexV !== 0) continue;
      def = d;
      break;
    }
    // an opcode of the table's VEX forms with fields no form accepts (VEX.L = 1, an
    // unassigned pp or ModRM.reg, vvvv where the form has none): invalid
    if (!def) throw new CpuException(EXC_UD, 0);
  } else {
    if (b === 0x0f) {
      map = 1; b = fetch();
      if (b === 0x38) { map = 2; b = fetch(); }
      else if (b === 0x3a) { map = 3; b = fetch(); }
    }
    const cands = table[map * 256 + b];
    if (!cands) undefinedOpcode(mem, addr, p - addr + 1);

    rexW = (rex & 8) !== 0;
    if (cands[0].modrm) modrm = fetch();
    const mod = modrm >> 6, regField = (modrm >> 3) & 7, rmField = modrm & 7;

    // An F2/F3 form of this opcode wins over the unprefixed one (tzcnt over bsf, popcnt,
    // crc32 ...); otherwise forms without a mandatory prefix come before the 66/NP ones.
    for (let pass = lastRep ? 0 : 1; pass < 3 && !def; pass++) {
      for (const d of cands) {
        if (pass === 0 ? d.pfx !== lastRep : pass === 1 ? d.pfx !== -1 : d.pfx === -1 || d.pfx === 0xf2 || d.pfx === 0xf3) continue;
        if (d.pfx === 0 && (has66 || lastRep)) continue;
        if (d.pfx === 0x66 && (!has66 || lastRep)) continue;
        if ((d.pfx === 0xf2 || d.pfx === 0xf3) && lastRep !== d.pfx) continue;
        if (d.modrm) {
          if (d.reg >= 0 && d.reg !== regField) continue;
          if (d.mod === 1 && mod === 3) continue;
          if (d.mod === 2 && mod !== 3) continue;
          if (d.rm >= 0 && d.rm !== rmField) continue;
        }
        if (d.w >= 0 && d.w !== (rexW ? 1 : 0)) continue;
        def = d;
        break;
      }
    }
    if (!def) undefinedOpcode(mem, addr, p - addr);
    // lock is #UD except on a lockable instruction with a memory destination
    if (lock && (!(def.flags & DefFlag.Lockable) || mod === 3 || modrm < 0)) throw new CpuException(EXC_UD, 0);
  }
  const mod = modrm >> 6, regField = (modrm >> 3) & 7, rmField = modrm & 7;
  const mandatory = def.pfx > 0 && !vex;

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
  if (def.size === 'b') insn.opsize = 1;
  else if (def.flags & DefFlag.F64) insn.opsize = 8;
  else if (def.flags & DefFlag.D64) insn.opsize = op16 && !rexW ? 2 : 8; // REX.W wins over 66
  else if (def.size === 'v') insn.opsize = rexW ? 8 : op16 ? 2 : 4;
  else insn.opsize = rexW ? 8 : 4;

  insn.base = -1; insn.index = -1; insn.scale = 1; insn.disp = 0;
  insn.imm = 0; insn.immHi = 0; insn.imm2 = 0;
  if (modrm >= 0) {
    insn.mod = mod;
    insn.reg = regField | ((rex & 4) << 1);
    insn.rm = rmField | ((rex & 1) << 3);
    if (mod !== 3) {
      let base = rmField | ((rex & 1) << 3);
      if (rmField === 4) {
        const sib = fetch();
        const idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
        insn.index = idx === 4 ? -1 : idx;
        insn.scale = 1 << (sib >> 6);
        base = (sib & 7) | ((rex & 1) << 3);
        if ((sib & 7) === 5 && mod === 0) base = -1;
      } else if (rmField === 5 && mod === 0) {
        base = BASE_RIP;
      }
      insn.base = base;
      if (mod === 1) { insn.disp = (fetch() << 24) >> 24; }
      else if (mod === 2 || base === -1 || base === BASE_RIP) {
        insn.disp = (fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24));
      }
    }
  } else {
    insn.mod = 3;
    insn.reg = 0;
    // +r opcodes: the register is in the low three opcode bits
    insn.rm = (b & 7) | ((rex & 1) << 3);
  }
  insn.reg8 = byteReg(insn.reg, rex);
  insn.rm8 = byteReg(insn.rm, rex);

  // immediates
  const imms = def.imms;
  for (let k = 0; k < imms.length; k++) {
    const kind = imms[k];
    let v = 0, hi = 0;
    switch (kind) {
      case 'Ib': case 'Jb':
        v = (fetch() << 24) >> 24; hi = v < 0 ? -1 : 0; break;
      case 'Iw':
        v = fetch() | (fetch() << 8); break;
      case 'Iz': case 'Jz':
        if (insn.opsize === 2 && kind === 'Iz') { v = ((fetch() | (fetch() << 8)) << 16) >> 16; }
        else v = fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24);
        hi = v < 0 ? -1 : 0; break;
      case 'Iv':
        if (insn.opsize === 2) v = fetch() | (fetch() << 8);
        else {
          v = fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24);
          if (insn.opsize === 8) hi = fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24);
        }
        break;
      case 'Ob': case 'Ov': {
        // moffs: an absolute address of the address size
        const lo = (fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24)) >>> 0;
        const ahi = addr32 ? 0 : (fetch() | (fetch() << 8) | (fetch() << 16) | (fetch() << 24)) >>> 0;
        insn.mod = 0; insn.base = -1; insn.index = -1; insn.disp = ahi * 4294967296 + lo;
        continue;
      }
    }
    if (k === 0) { insn.imm = v; insn.immHi = hi >>> 0; } else insn.imm2 = v;
  }
  insn.len = p - addr;
  insn.next = addr + insn.len;
}

function byteReg(r: number, rex: number): number {
  return !rex && r >= 4 && r < 8 ? 16 + r - 4 : r;
}
