// Instruction lengths for every x86-64 encoding, including the many instructions the
// CPU does not implement, so the disassembler never loses its place. It follows the
// decisions GNU objdump makes about prefixes and invalid encodings ("(bad)" covers the
// bytes up to the opcode, a REX followed by another prefix stands alone, at most 14
// prefixes, fwait merges with a following x87 instruction, 66 shortens rel32 branches)
// so that instruction boundaries agree with `objdump -d`. (REX.W wins over 66 there:
// the TLS sequence 66 66 48 E8 is a call rel32.)
//
// This is not a second decoder: it only measures. Operands and names come from the ISA
// table through cpu/decoder.ts.

export enum LenKind {
  /** a valid instruction of len bytes */
  Insn = 0,
  /** an invalid encoding: objdump prints "(bad)" over len bytes */
  Bad = 1,
  /** prefixes that cannot be followed: printed by name */
  Prefixes = 2,
  /** the instruction runs past the end of the region: one byte is printed */
  Truncated = 3,
  /** a lone fwait (9B) with its prefixes */
  Fwait = 4,
}

export interface LenInfo {
  kind: LenKind;
  len: number;
  /** prefix bytes in order (REX included, 9B excluded) */
  prefixes: number[];
  /** offset of the opcode byte (after prefixes, and after 9B when it merges with x87) */
  opStart: number;
  /** 0 one-byte, 1 0F, 2 0F38, 3 0F3A; 16+ VEX/EVEX/XOP maps: 16|m VEX, 32|m EVEX, 48|m XOP */
  map: number;
  op: number;
  /** a 9B merged into the x87 instruction that follows */
  fwait: boolean;
}

// One-byte map, one code per opcode:
//  . none  m ModRM  b Ib  w Iw  z Iz  v Iv  e Iw,Ib  o moffs  j Jb  J Jz  M ModRM+Ib  Z ModRM+Iz
//  X invalid in 64-bit mode  p prefix  T 0F escape  L lea  F/G F6/F7  C/D C6/C7  E FE  H FF
//  P 8F (pop or XOP)  V C4  W C5  K 62 (EVEX)  Q x87
const ONE =
  'mmmmbzXXmmmmbzXT' + 'mmmmbzXXmmmmbzXX' + 'mmmmbzpXmmmmbzpX' + 'mmmmbzpXmmmmbzpX' +
  'pppppppppppppppp' + '................' + 'XXKmppppzZbM....' + 'jjjjjjjjjjjjjjjj' +
  'MZXMmmmmmmmmmLmP' + '..........X.....' + 'oooo....bz......' + 'bbbbbbbbvvvvvvvv' +
  'MMw.VWCDe.w..bX.' + 'mmmmXXX.QQQQQQQQ' + 'jjjjbbbbJJXj....' + 'p.pp..FG......EH';

// 0F map:  m ModRM  M ModRM+Ib  . none  X invalid  J Jz  R ModRM memory only  r register only
//  6 group 6  7 group 7  N 3DNow  A group 15 (AE)  B group 8 (BA)  9 group 9 (C7)
//  c ModRM always a register (mov cr/dr)  1 group 12-14 (71-73)  P popcnt (F3 only)  x 78/79 (vmread/vmwrite, SSE4a)  3 three-byte escape
const TWO =
  '67mmX.....X.Xm.N' + 'mmmRmmmRmmmmmmmm' + 'ccccXXXXmmmmmmmm' + '......X.3X3XXXXX' +
  'mmmmmmmmmmmmmmmm' + 'rmmmmmmmmmmmmmmm' + 'mmmmmmmmmmmmmmmm' + 'M111mmm.xxXXmmmm' +
  'JJJJJJJJJJJJJJJJ' + 'mmmmmmmmmmmmmmmm' + '...mMmXX...mMmAm' + 'mmmmmmmmPmBmmmmm' +
  'mmMRMMM9........' + 'mmmmmmmmmmmmmmmm' + 'mmmmmmmmmmmmmmmm' + 'mmmmmmmmmmmmmmmm';

// 0F 38 / 0F 3A: which opcodes exist, by mandatory prefix (NP, 66, F3, F2).
function opset(spec: string): Uint8Array {
  const t = new Uint8Array(256);
  for (const part of spec.split(/\s+/).filter(Boolean)) {
    const [a, b] = part.split('-').map((h) => parseInt(h, 16));
    for (let k = a; k <= (b ?? a); k++) t[k] = 1;
  }
  return t;
}
const M38 = [
  opset('00-0b 1c-1e c8-cd f0-f1 f5-f6 f9 fc'),
  opset('00-0b 10 14-15 17 1c-1e 20-25 28-2b 30-35 37-41 80-82 cf db-df f0-f1 f5-f6 f8 fc'),
  opset('d8-de f5-f6 f8 fa-fc'),
  opset('f0-f1 f5-f6 f8 fc'),
];
const M3A = [
  opset('0f cc'),
  opset('08-0f 14-17 20-22 40-42 44 60-63 ce-cf df'),
  opset('f0'),
  opset('f0'),
];
// VEX/EVEX map 1 opcodes that take an imm8
const VEX1_IMM = opset('70-73 c2 c4-c6');

/**
 * objdump's verdict on the VEX encodings of the general-register opcodes (BMI1, BMI2:
 * 0F38 F0-F7, 0F3A F0): each exists only with VEX.L = 0 and its own pp (and ModRM.reg
 * for F3, vvvv = 1111b for rorx); anything else there is "(bad)" up to the opcode.
 * Other VEX opcodes (AVX) are taken as valid. `at` is the byte after C4/C5.
 */
function vexGprValid(buf: Uint8Array, at: number, c4: boolean, map: number, opb: number, modAt: number, need: (q: number) => void): boolean {
  if (opb < 0xf0 || opb > 0xf7 || (map !== 2 && map !== 3)) return true;
  const last = buf[c4 ? at + 1 : at];
  const pp = last & 3, L = (last >> 2) & 1, vvvv = (~last >> 3) & 15;
  if (map === 3) return opb !== 0xf0 || (pp === 3 && L === 0 && vvvv === 0);
  if (L !== 0) return false;
  switch (opb) {
    case 0xf2: return pp === 0; // andn
    case 0xf3: { need(modAt); const r = (buf[modAt] >> 3) & 7; return pp === 0 && r >= 1 && r <= 3; } // blsr, blsmsk, blsi
    case 0xf5: return pp !== 1; // bzhi, pext, pdep
    case 0xf6: return pp === 3; // mulx
    case 0xf7: return true; // bextr, shlx, sarx, shrx
    default: return false;
  }
}

const PREFIX = new Uint8Array(256);
for (const b of [0xf3, 0xf2, 0xf0, 0x2e, 0x36, 0x3e, 0x26, 0x64, 0x65, 0x66, 0x67]) PREFIX[b] = 1;

class Trunc extends Error {}
const TRUNC = new Trunc();

/**
 * Measure the instruction at buf[off], not reading at or past `end`.
 */
export function insnLength(buf: Uint8Array, off: number, end: number): LenInfo {
  const prefixes: number[] = [];
  let p = off, rex = 0, has66 = false, has67 = false, lastRep = 0, sawPrefix = false, fwaitAt = -1;
  const info: LenInfo = { kind: LenKind.Insn, len: 0, prefixes, opStart: off, map: 0, op: 0, fwait: false };
  const done = (kind: LenKind, q: number): LenInfo => { info.kind = kind; info.len = q - off; return info; };
  // ---- prefixes (at most 14; a REX must be last) ----
  let count = 0, tooMany = true;
  while (count < 14) {
    if (p >= end) return truncated(info, off, sawPrefix || fwaitAt >= 0 || rex !== 0);
    const b = buf[p];
    let newRex = 0;
    if (b >= 0x40 && b <= 0x4f) newRex = b;
    else if (PREFIX[b]) {
      sawPrefix = true;
      if (b === 0x66) has66 = true;
      else if (b === 0x67) has67 = true;
      else if (b === 0xf2 || b === 0xf3) lastRep = b;
    } else if (b === 0x9b) {
      if (sawPrefix || rex) {
        // the fwait ends the instruction; a REX before it stands alone
        if (rex) return done(LenKind.Prefixes, off + prefixes.length);
        return done(LenKind.Fwait, p + 1);
      }
      fwaitAt = prefixes.length;
    } else { tooMany = false; break; }
    if (rex) return done(LenKind.Prefixes, off + prefixes.length); // REX followed by a prefix
    if (b !== 0x9b) prefixes.push(b);
    rex = newRex;
    p++; count++;
  }
  if (tooMany) return done(LenKind.Prefixes, off + prefixes.length);
  info.opStart = p;
  try {
    const need = (q: number): void => { if (q >= end) throw TRUNC; };
    need(p);
    let b = buf[p];
    if (fwaitAt >= 0 && (b < 0xd8 || b > 0xdf)) {
      // fwait and the prefixes before it form one instruction
      info.kind = LenKind.Fwait; info.len = fwaitAt + 1; info.prefixes.length = fwaitAt;
      return info;
    }
    if (fwaitAt >= 0) info.fwait = true;
    const rexW = (rex & 8) !== 0;
    const osize = rexW ? 8 : has66 ? 2 : 4;
    // ModRM, SIB and displacement starting at q; returns the offset after them
    const modrmEnd = (q: number): number => {
      need(q);
      const m = buf[q++], mod = m >> 6, rm = m & 7;
      if (mod === 3) return q;
      if (rm === 4) {
        need(q);
        const sib = buf[q++];
        if (mod === 0 && (sib & 7) === 5) q += 4;
      } else if (mod === 0 && rm === 5) q += 4;
      if (mod === 1) q += 1;
      else if (mod === 2) q += 4;
      return q;
    };
    const finish = (q: number): LenInfo => { need(q - 1); return done(LenKind.Insn, q); };
    const bad = (q: number): LenInfo => done(LenKind.Bad, q);
    p++;
    info.op = b;
    if (b !== 0x0f) {
      const c = ONE[b];
      const modAt = p;
      const mod = (): number => { need(modAt); return buf[modAt] >> 6; };
      const reg = (): number => { need(modAt); return (buf[modAt] >> 3) & 7; };
      switch (c) {
        case '.': return finish(p);
        case 'm': case 'Q': return finish(modrmEnd(p));
        case 'b': case 'j': return finish(p + 1);
        case 'w': return finish(p + 2);
        case 'e': return finish(p + 3);
        case 'z': return finish(p + (osize === 2 ? 2 : 4));
        case 'J': return finish(p + (has66 && !rexW ? 2 : 4));
        case 'v': return finish(p + osize);
        case 'o': return finish(p + (has67 ? 4 : 8));
        case 'M': return finish(modrmEnd(p) + 1);
        case 'Z': return finish(modrmEnd(p) + (osize === 2 ? 2 : 4));
        case 'X': return bad(p);
        case 'L': return mod() === 3 ? bad(p) : finish(modrmEnd(p));
        case 'F': { const r = reg(); return finish(modrmEnd(p) + (r < 2 ? 1 : 0)); }
        case 'G': { const r = reg(); return finish(modrmEnd(p) + (r < 2 ? (osize === 2 ? 2 : 4) : 0)); }
        case 'C': { need(modAt); const m = buf[modAt]; if (m === 0xf8) return finish(p + 2); return reg() === 0 ? finish(modrmEnd(p) + 1) : bad(p); }
        case 'D': { need(modAt); const m = buf[modAt]; if (m === 0xf8) return finish(p + 1 + (osize === 2 ? 2 : 4)); return reg() === 0 ? finish(modrmEnd(p) + (osize === 2 ? 2 : 4)) : bad(p); }
        case 'E': return reg() < 2 ? finish(modrmEnd(p)) : bad(p);
        case 'H': { const r = reg(); if (r === 7 || ((r === 3 || r === 5) && mod() === 3)) return bad(p); return finish(modrmEnd(p)); }
        case 'P': {
          const r = reg();
          if (r === 0) return finish(modrmEnd(p));
          if (r !== 1 && r !== 5) return bad(p);
          // XOP: 8F RXB.mmmmm W.vvvv.L.pp opcode ModRM
          need(p + 2);
          const mm = buf[p] & 0x1f;
          if (mm < 8 || mm > 10) return bad(p);
          const pp = buf[p + 1] & 3;
          const opb = buf[p + 2];
          info.map = 48 | mm; info.op = opb;
          const q = p + 3;
          if (pp) return bad(q);
          const imm = mm === 8 ? 1 : mm === 10 ? 4 : 0;
          return finish(modrmEnd(q) + imm);
        }
        case 'V': case 'W': {
          // VEX (always a prefix in 64-bit mode)
          let map = 1, q = p;
          if (c === 'V') {
            need(p + 1);
            map = buf[p] & 0x1f;
            if (map < 1 || map > 3) return bad(p);
            q = p + 2;
          } else q = p + 1;
          need(q);
          const opb = buf[q++];
          info.map = 16 | map; info.op = opb;
          if (map === 1 && opb === 0x77) return finish(q);
          if (!vexGprValid(buf, p, c === 'V', map, opb, q, need)) return bad(q);
          const imm = map === 3 || (map === 1 && VEX1_IMM[opb]) ? 1 : 0;
          return finish(modrmEnd(q) + imm);
        }
        case 'K': {
          need(p + 4);
          const p0 = buf[p], p1 = buf[p + 1], p2 = buf[p + 2];
          const map = p0 & 0xf;
          if (!(map === 1 || map === 2 || map === 3 || map === 5 || map === 6)) return bad(p);
          if (!(p1 & 4)) return bad(p + 1);
          const opb = buf[p + 3];
          info.map = 32 | map; info.op = opb;
          const q = p + 4;
          need(q);
          const modrm = buf[q];
          if (((p2 >> 5) & 3) === 3 && !((modrm >> 6) === 3 && (p2 & 0x10))) return bad(q);
          const imm = map === 3 || (map === 1 && VEX1_IMM[opb]) ? 1 : 0;
          return finish(modrmEnd(q) + imm);
        }
        default: return bad(p);
      }
    }
    // ---- 0F maps ----
    need(p);
    b = buf[p++];
    info.map = 1; info.op = b;
    const c = TWO[b];
    const modAt = p;
    const mod = (): number => { need(modAt); return buf[modAt] >> 6; };
    const reg = (): number => { need(modAt); return (buf[modAt] >> 3) & 7; };
    switch (c) {
      case '.': return finish(p);
      case 'm': return finish(modrmEnd(p));
      case 'M': return finish(modrmEnd(p) + 1);
      case 'J': return finish(p + (has66 && !rexW ? 2 : 4));
      case 'X': return bad(p);
      case 'R': return mod() === 3 ? bad(p) : finish(modrmEnd(p));
      case 'r': return mod() !== 3 ? bad(p) : finish(modrmEnd(p));
      case 'c': need(p); return finish(p + 1); // mov to/from control and debug registers: ModRM.mod is ignored
      case '6': return reg() >= 6 ? bad(p) : finish(modrmEnd(p));
      case '7': return finish(modrmEnd(p));
      case 'N': return finish(modrmEnd(p) + 1);
      case 'A': return finish(modrmEnd(p));
      case 'B': return reg() < 4 ? bad(p) : finish(modrmEnd(p) + 1);
      case '9': return finish(modrmEnd(p));
      case '1': {
        if (mod() !== 3) return bad(p);
        return finish(modrmEnd(p) + 1);
      }
      case 'P': return lastRep === 0xf3 ? finish(modrmEnd(p)) : bad(p);
      case 'x': {
        // 66 0F 78 /0 ib ib extrq, F2 0F 78/79 insertq (SSE4a); else vmread/vmwrite
        if (b === 0x78 && has66 && !lastRep) return reg() === 0 && mod() === 3 ? finish(modrmEnd(p) + 2) : bad(p);
        if (lastRep === 0xf2) return mod() === 3 ? finish(modrmEnd(p) + (b === 0x78 ? 2 : 0)) : bad(p);
        if (has66 || lastRep) return b === 0x79 && has66 && !lastRep && mod() === 3 ? finish(modrmEnd(p)) : bad(p);
        return finish(modrmEnd(p));
      }
      case '3': {
        need(p);
        const opb = buf[p++];
        info.map = b === 0x38 ? 2 : 3; info.op = opb;
        need(p); // objdump reads the ModRM byte along with the opcode
        const set = b === 0x38 ? M38 : M3A;
        const cls = lastRep === 0xf3 ? 2 : lastRep === 0xf2 ? 3 : has66 ? 1 : 0;
        let ok = set[cls][opb] === 1;
        if (!ok && cls >= 2 && has66 && set[1][opb]) ok = false;
        if (!ok) return bad(p);
        return finish(modrmEnd(p) + (b === 0x3a ? 1 : 0));
      }
      default: return bad(p);
    }
  } catch (e) {
    if (e === TRUNC) return truncated(info, off, sawPrefix || fwaitAt >= 0 || rex !== 0);
    throw e;
  }
}

function truncated(info: LenInfo, off: number, hadPrefix: boolean): LenInfo {
  info.kind = LenKind.Truncated;
  info.len = 1;
  info.opStart = off;
  info.fwait = hadPrefix; // reused: whether the first byte is printed as a prefix name
  return info;
}

const REX_NAMES = ['rex', 'rex.B', 'rex.X', 'rex.XB', 'rex.R', 'rex.RB', 'rex.RX', 'rex.RXB',
  'rex.W', 'rex.WB', 'rex.WX', 'rex.WXB', 'rex.WR', 'rex.WRB', 'rex.WRX', 'rex.WRXB'];

/** objdump's name for a prefix byte, or null */
export function prefixName(b: number): string | null {
  if (b >= 0x40 && b <= 0x4f) return REX_NAMES[b - 0x40];
  switch (b) {
    case 0xf3: return 'repz';
    case 0xf2: return 'repnz';
    case 0xf0: return 'lock';
    case 0x2e: return 'cs';
    case 0x36: return 'ss';
    case 0x3e: return 'ds';
    case 0x26: return 'es';
    case 0x64: return 'fs';
    case 0x65: return 'gs';
    case 0x66: return 'data16';
    case 0x67: return 'addr32';
    case 0x9b: return 'fwait';
    default: return null;
  }
}
