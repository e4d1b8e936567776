// The instruction set as data (DESIGN.md "One table for the ISA").
//
// Each entry is written the way the Intel SDM opcode maps write it:
//   op('01 /r', 'add', 'Ev,Gv', exec)          one-byte map, ModRM
//   op('80 /0', 'add', 'Eb,Ib', exec)          opcode extension in ModRM.reg
//   op('66 0F 58 /r', 'addpd', 'Vpd,Wpd', ...) mandatory prefix, 0F map
//   op('50+r', 'push', 'Zv', exec, D64)        register in the low opcode bits
//   op('0F 01 D0', 'xgetbv', '', ...)          ModRM byte fixed
// Modifiers after the opcode: '/0'-'/7' or '/r', 'mem' / 'reg' (ModRM.mod),
// 'W0' / 'W1' (REX.W), 'NP' (no 66/F2/F3 prefix allowed).
//
// VEX-encoded forms are written as the SDM writes them, a dotted VEX field first:
//   op('VEX.LZ.0F38.W0 F2 /r', 'andn', 'Gy,By,Ey', exec)
//   op('VEX.LZ.F2.0F3A.W0 F0 /r ib', 'rorx', 'Gy,Ey,Ib', exec)
// VEX.<L>.<pp>.<map>.<W>: L is LZ/L0/128 (VEX.L must be 0), L1/256, or LIG (ignored);
// pp is the implied prefix (66, F3, F2; absent = none); map is 0F, 0F38 or 0F3A; W is
// W0, W1 or WIG (absent = WIG). VEX.W takes the place of REX.W for operand sizes
// ('y' operands: W0 32 bits, W1 64). The operand 'B' names a general register in
// VEX.vvvv ('By'), 'H' an XMM register there; a form without such an operand requires
// vvvv = 1111b (else #UD). 'ib' after the ModRM spec restates an Ib operand.
// VEX forms live in their own decoder lookup (def.vex): a legacy opcode of the same
// map and byte can never be chosen for a VEX encoding, nor the reverse.
// The decoder, the disassembler and diagnostics all read this one table.

import type { Exec } from '../insn.js';

export const enum DefFlag {
  /** default operand size 64 in long mode (push, pop, call/jmp indirect ...): 66 gives 16 */
  D64 = 1,
  /** operand size is always 64 (near branches): 66 and REX.W ignored */
  F64 = 2,
  /** lock prefix allowed (memory destination) */
  Lockable = 4,
  /** ends a basic block: control transfer, syscall, or anything the kernel must see */
  Branch = 8,
  /** operand size is fixed by the operands; 66 does not change it */
  FixedSize = 16,
}

export interface OpDef {
  map: number;      // 0 one-byte, 1 = 0F, 2 = 0F 38, 3 = 0F 3A
  op: number;       // opcode byte
  pfx: number;      // mandatory prefix 0x66/0xF3/0xF2, 0 = none allowed ('NP'), -1 = not a mandatory-prefix form
  reg: number;      // required ModRM.reg, or -1
  mod: number;      // 0 any, 1 memory only, 2 register only
  rm: number;       // required ModRM.rm (with mod 3), or -1
  w: number;        // required REX.W: -1 any, 0 or 1
  modrm: boolean;   // a ModRM byte follows the opcode
  name: string;
  operands: string[];
  exec: Exec;
  flags: number;
  /** operand size class: 'b' byte, 'v' 16/32/64 (66 and REX.W), 'fixed' (32, or 64 with REX.W: also the SDM's 'y' operands, which 66 does not shrink) */
  size: 'b' | 'v' | 'fixed';
  /** immediate operands in order ('Ib', 'Iz', 'Jb', 'Ov' ...) */
  imms: string[];
  /** the same as numbers for the decoder (IMM_* below; 0 = none) */
  imm0: number;
  imm1: number;
  feature: string;
  /** VEX-encoded: then pfx is the implied prefix of VEX.pp (0 = none), w is VEX.W */
  vex: boolean;
  /** required VEX.L (0 or 1), -1 ignored; -1 for legacy forms */
  vexL: number;
  /** index of the operand held in VEX.vvvv ('B..' or 'H..'), -1 none */
  vvvv: number;
  /** the opcode as written in the table (diagnostics, reports) */
  opcode: string;
}

// Immediate kinds as the decoder reads them
export const IMM_B = 1, IMM_W = 2, IMM_Z = 3, IMM_JZ = 4, IMM_V = 5, IMM_O = 6;
const IMM_CODE: Record<string, number> = { Ib: IMM_B, Jb: IMM_B, Iw: IMM_W, Iz: IMM_Z, Jz: IMM_JZ, Iv: IMM_V, Ob: IMM_O, Ov: IMM_O };

const MODRM_OPERAND = /^[EGMRVWUNPQSCDH]/;
const IMM_OPERAND = /^(I[bwvz]|J[bz]|O[bv])$/;

export const defs: OpDef[] = [];

/** What an operand list says about a form; ~2000 forms share ~150 lists, so they are parsed once. */
interface OperandInfo {
  ops: string[];
  imms: string[];
  imm0: number;
  imm1: number;
  /** an operand is encoded in ModRM */
  modrm: boolean;
  /** an operand of size v or z, or a register named rAX ...: operand size 16/32/64 */
  vSized: boolean;
  /** the first operand is a byte */
  bSized: boolean;
}
const operandInfos = new Map<string, OperandInfo>();

function operandInfo(operands: string): OperandInfo {
  let info = operandInfos.get(operands);
  if (info !== undefined) return info;
  const ops = operands ? operands.split(',').map((s) => s.trim()) : [];
  const imms = ops.filter((o) => IMM_OPERAND.test(o));
  info = {
    ops, imms, imm0: IMM_CODE[imms[0]] ?? 0, imm1: IMM_CODE[imms[1]] ?? 0,
    modrm: ops.some((o) => MODRM_OPERAND.test(o)),
    vSized: ops.some((o) => /^[A-Z][a-z]*[vz]$/.test(o) || /^r[A-Z0-9]+$/.test(o)),
    bSized: ops.length > 0 && /^([A-Z]b|AL|CL|DL|BL|AH|CH|DH|BH|Zb)$/.test(ops[0]),
  };
  operandInfos.set(operands, info);
  return info;
}

// value of an upper-case hex digit by character code, -1 for any other character
const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let c = 0; c < 16; c++) HEX_DIGIT['0123456789ABCDEF'.charCodeAt(c)] = c;

/** The value of two upper-case hex digits at s[k], or -1. */
function hexByte(s: string, k: number): number {
  const hi = HEX_DIGIT[s.charCodeAt(k)] ?? -1, lo = HEX_DIGIT[s.charCodeAt(k + 1)] ?? -1;
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

/** A token that is an opcode byte: two hex digits, optionally '+r'. */
const isOpcodeToken = (t: string | undefined): boolean =>
  t !== undefined && hexByte(t, 0) >= 0 && (t.length === 2 || (t.length === 4 && t[2] === '+' && t[3] === 'r'));

/** Define one instruction form (or eight for a '+r' opcode). */
export function op(opcode: string, name: string, operands: string, exec: Exec, flags = 0, feature = ''): void {
  // this runs ~1000 times at every start: plain string tests, no regular expressions
  const text = opcode.trim();
  const toks = text.split(' ');
  if (toks.includes('')) throw new Error(`isa table: use single spaces in '${opcode}'`);
  if (toks[0].startsWith('VEX.')) { vexOp(text, toks, name, operands, exec, flags, feature); return; }
  let pfx = -1, map = 0, k = 0;
  if (toks[k] === '66' || toks[k] === 'F3' || toks[k] === 'F2') {
    if (toks[k + 1] === '0F') { pfx = hexByte(toks[k], 0); k++; }
  }
  if (toks[k] === 'NP') { pfx = 0; k++; }
  if (toks[k] === '0F') {
    k++; map = 1;
    if (toks[k] === '38' && isOpcodeToken(toks[k + 1])) { map = 2; k++; }
    else if (toks[k] === '3A' && isOpcodeToken(toks[k + 1])) { map = 3; k++; }
  }
  const opTok = toks[k++];
  if (!isOpcodeToken(opTok)) throw new Error(`isa table: bad opcode byte ${opTok} in ${opcode}`);
  const plusR = opTok.length === 4;
  const byte = hexByte(opTok, 0);
  let reg = -1, mod = 0, rm = -1, w = -1, modrm = false;
  for (; k < toks.length; k++) {
    const t = toks[k];
    if (t === '/r') modrm = true;
    else if (t.length === 2 && t[0] === '/' && t[1] >= '0' && t[1] <= '7') { modrm = true; reg = t.charCodeAt(1) - 48; }
    else if (t === 'mem') mod = 1;
    else if (t === 'reg') mod = 2;
    else if (t === 'W0') w = 0;
    else if (t === 'W1') w = 1;
    else if (t === 'NP') pfx = 0;
    else if (t.length === 2 && hexByte(t, 0) >= 0) {
      // a fixed ModRM byte such as 0F 01 D0
      const m = hexByte(t, 0);
      modrm = true; mod = 2; reg = (m >> 3) & 7; rm = m & 7;
    } else throw new Error(`isa table: bad token ${t} in ${opcode}`);
  }
  const info = operandInfo(operands);
  if (info.modrm) modrm = true;
  if (info.imms.length > 2) throw new Error(`isa table: more than two immediates in ${opcode}`);
  let size: OpDef['size'] = 'fixed';
  if ((flags & (DefFlag.D64 | DefFlag.F64)) || info.vSized) size = 'v';
  else if (info.bSized) size = 'b';
  if (flags & DefFlag.FixedSize) size = 'fixed';
  for (let r = 0; r < (plusR ? 8 : 1); r++) {
    defs.push({ map, op: byte + r, pfx, reg, mod, rm, w, modrm, name, operands: info.ops, exec, flags, size,
      imms: info.imms, imm0: info.imm0, imm1: info.imm1, feature, vex: false, vexL: -1, vvvv: -1, opcode: text });
  }
}

/** A VEX form: 'VEX.<L>.<pp>.<map>.<W> <opcode> <ModRM spec> [ib]'. */
function vexOp(opcode: string, toks: string[], name: string, operands: string, exec: Exec, flags: number, feature: string): void {
  const bad = (why: string): never => { throw new Error(`isa table: ${why} in ${opcode}`); };
  let vexL = -2, pfx = 0, map = 0, w = -1;
  for (const f of toks[0].split('.').slice(1)) {
    if (f === 'LZ' || f === 'L0' || f === '128') vexL = 0;
    else if (f === 'L1' || f === '256') vexL = 1;
    else if (f === 'LIG') vexL = -1;
    else if (f === '66' || f === 'F3' || f === 'F2') pfx = parseInt(f, 16);
    else if (f === '0F') map = 1;
    else if (f === '0F38') map = 2;
    else if (f === '0F3A') map = 3;
    else if (f === 'W0') w = 0;
    else if (f === 'W1') w = 1;
    else if (f === 'WIG') w = -1;
    else bad(`bad VEX field ${f}`);
  }
  if (vexL === -2) bad('no VEX.L field');
  if (!map) bad('no opcode map');
  if (toks.length < 2 || !/^[0-9A-F]{2}$/.test(toks[1])) bad('bad opcode byte');
  const byte = parseInt(toks[1], 16);
  let reg = -1, mod = 0, ib = false;
  for (const t of toks.slice(2)) {
    if (t === '/r') { /* ModRM with a register operand */ }
    else if (/^\/[0-7]$/.test(t)) reg = +t[1];
    else if (t === 'mem') mod = 1;
    else if (t === 'reg') mod = 2;
    else if (t === 'ib') ib = true;
    else bad(`bad token ${t}`);
  }
  const { ops, imms, imm0, imm1 } = operandInfo(operands);
  if (ib !== imms.includes('Ib')) bad('ib and the Ib operand disagree');
  const vvvv = ops.findIndex((o) => /^[BH][a-z]*$/.test(o));
  const size: OpDef['size'] = ops.some((o) => /^[A-Z][a-z]*v$/.test(o)) ? 'v' : 'fixed';
  defs.push({ map, op: byte, pfx, reg, mod, rm: -1, w, modrm: true, name, operands: ops, exec, flags, size, imms,
    imm0, imm1, feature,
    vex: true, vexL, vvvv, opcode: opcode.trim() });
}

/** Define eight forms for one opcode whose low bits select a condition code (jcc, setcc, cmovcc). */
export const CONDITION_NAMES = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
