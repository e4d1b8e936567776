// Text of one decoded instruction in AT&T or Intel syntax, the way GNU objdump prints
// it. Everything about the instruction comes from the ISA table entry the decoder
// chose (insn.def): the name, and the operand codes in SDM opcode-map notation, from
// which sizes, registers and the AT&T suffix rules are derived here.

import { BASE_RIP, type Insn } from '../cpu/insn.js';
import { DefFlag, type OpDef } from '../cpu/isa/table.js';
import { prefixName, type LenInfo } from './x86len.js';

export type Syntax = 'att' | 'intel';

/** Gives the "<sym+off>" text objdump prints after an address ('' for none). */
export type AddrNamer = (addr: number) => string;

const R64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const R32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const R16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const R8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b', 'ah', 'ch', 'dh', 'bh'];
const SEGS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs', '?', '?'];
const SIZE_LETTER: Record<number, string> = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' };
const PTR: Record<number, string> = { 1: 'BYTE PTR ', 2: 'WORD PTR ', 4: 'DWORD PTR ', 8: 'QWORD PTR ', 10: 'TBYTE PTR ', 16: 'XMMWORD PTR ', 32: 'YMMWORD PTR ' };

function hex(v: number): string { return '0x' + v.toString(16); }
/** an unsigned value of `size` bytes from the low/high halves */
function hexSized(lo: number, hi: number, size: number): string {
  if (size === 8) {
    if (hi >>> 0 === 0) return hex(lo >>> 0);
    return '0x' + (hi >>> 0).toString(16) + (lo >>> 0).toString(16).padStart(8, '0');
  }
  const v = size === 4 ? lo >>> 0 : lo & (size === 2 ? 0xffff : 0xff);
  return hex(v);
}

function gpr(n: number, size: number, rex: number): string {
  switch (size) {
    case 8: return R64[n];
    case 4: return R32[n];
    case 2: return R16[n];
    default: return R8[!rex && n >= 4 && n < 8 ? n + 12 : n];
  }
}

/** Size in bytes of a table operand code ('Ev' → opsize, 'Wsd' → 8 ...); 0 if none. */
function operandSize(code: string, i: Insn): number {
  const t = code.replace(/^[A-Z]+/, '');
  switch (t) {
    case 'b': return 1;
    case 'w': return 2;
    case 'd': case 'ss': case 'fs': return 4;
    case 'q': case 'sd': case 'fd': return 8;
    case 'v': return i.opsize;
    case 'y': return i.rex & 8 ? 8 : 4;
    case 'z': return i.opsize === 2 ? 2 : 4;
    case 'x': case 'ps': case 'pd': case 'dq': return 16;
    case 'ft': case 'bcd': return 10;
    default: return 0;
  }
}

interface Ctx {
  i: Insn;
  def: OpDef;
  intel: boolean;
  pc: number;            // address of the instruction
  next: number;          // address after it
  namer: AddrNamer;
  rexUsed: number;       // REX bits the operands consumed (0x40 = REX itself)
  used: Set<string>;     // prefixes consumed: '66', '67', 'seg', 'rep'
  ripTarget: number | null;
  segPrefix: number;     // last segment prefix byte or 0
  bytes: Uint8Array;     // the instruction's bytes
  modrmAt: number;       // index of its ModRM byte in bytes
  fwait: boolean;        // a 9B merged into this x87 instruction
}

function useRex(c: Ctx, bit: number): void {
  if (bit === 0) c.rexUsed |= 0x40;
  else if (c.i.rex & bit) c.rexUsed |= bit | 0x40;
}

function reg(c: Ctx, n: number, size: number): string {
  const name = gpr(n, size, c.i.rex);
  if (size === 1 && c.i.rex && (n & 7) >= 4) useRex(c, 0);
  return c.intel ? name : '%' + name;
}

function memOperand(c: Ctx, size: number, noPtr = false): string {
  const i = c.i;
  const intel = c.intel;
  const b = c.bytes;
  const a32 = i.addr32;
  const names = a32 ? R32 : R64;
  let q = c.modrmAt;
  const modrm = b[q++];
  const mod = modrm >> 6, rm = modrm & 7;
  let seg = '';
  if (i.seg === 4 || i.seg === 5) { seg = SEGS[i.seg]; c.used.add('seg'); }
  useRex(c, 1);
  let havebase = true, base = rm, vindex = 0, scale = 0, hasIndex = false, riprel = false;
  const hasSib = rm === 4;
  if (hasSib) {
    const sib = b[q++];
    useRex(c, 2);
    vindex = ((sib >> 3) & 7) | (i.rex & 2 ? 8 : 0);
    hasIndex = vindex !== 4;
    scale = sib >> 6;
    base = sib & 7;
  }
  const rbase = base | (i.rex & 1 ? 8 : 0);
  let disp = 0; // as a signed number; 64-bit values beyond 2^53 do not arise from disp32
  if (mod === 0) {
    if (base === 5) {
      havebase = false;
      if (!hasSib) riprel = true;
      disp = b[q] | (b[q + 1] << 8) | (b[q + 2] << 16) | (b[q + 3] << 24);
    }
  } else if (mod === 1) disp = (b[q] << 24) >> 24;
  else disp = b[q] | (b[q + 1] << 8) | (b[q + 2] << 16) | (b[q + 3] << 24);
  let needindex = false, needaddr32 = false, unsignedDisp = false;
  if (hasSib && !havebase && !hasIndex) {
    if (a32) { disp >>>= 0; needindex = true; unsignedDisp = true; }
    needaddr32 = true;
  }
  const havedisp = havebase || needindex || (hasSib && (hasIndex || scale !== 0));
  const dispText = (d: number): string => (d < 0 ? '-' + hex(-d) : hex(d));
  const valueText = (d: number): string => (unsignedDisp || d >= 0 ? hex(d) : '0x' + BigInt.asUintN(64, BigInt(d)).toString(16));
  let out = '';
  if (!intel && (mod !== 0 || base === 5)) {
    out += havedisp || riprel ? dispText(disp) : valueText(disp);
    if (riprel) out += a32 ? '(%eip)' : '(%rip)';
  }
  // objdump does not wrap an eip-relative target to 32 bits either
  if (riprel) c.ripTarget = c.next + disp;
  if (havebase || hasIndex || needindex || needaddr32 || riprel) c.used.add('67');
  if (havedisp || (intel && riprel)) {
    out += intel ? '[' : '(';
    if (intel && riprel) out += a32 ? 'eip' : 'rip';
    if (havebase) out += (intel ? '' : '%') + names[rbase];
    if (hasSib && (scale !== 0 || needindex || hasIndex || (havebase && base !== 4))) {
      if (!intel || havebase) out += intel ? '+' : ',';
      out += (intel ? '' : '%') + (hasIndex ? names[vindex] : a32 ? 'eiz' : 'riz');
      out += (intel ? '*' : ',') + (1 << scale);
    }
    if (intel && (disp || mod !== 0 || base === 5)) {
      let d = disp;
      if (!havedisp || d >= 0) out += '+';
      else if (mod !== 1) { out += '-'; d = -d; }
      out += havedisp ? dispText(d) : valueText(d);
    }
    out += intel ? ']' : ')';
  } else if (intel && (mod !== 0 || base === 5)) {
    out += (seg ? '' : 'ds:') + valueText(disp);
  }
  if (intel) return (noPtr ? '' : PTR[size] ?? '') + (seg ? seg + ':' : '') + out;
  return (seg ? '%' + seg + ':' : '') + out;
}

/** objdump's names for mnemonics that differ from the table's, by syntax */
function mnemonic(c: Ctx, ops: string[]): string {
  const { i, def, intel } = c;
  let n = def.name;
  if (c.fwait && /^fn(stcw|stsw|clex|init|stenv|save)$/.test(n)) return 'f' + n.slice(2);
  switch (n) {
    case 'movzx': case 'movsx': {
      if (intel) return n;
      const src = def.operands[1].endsWith('b') ? 'b' : 'w';
      return (n === 'movzx' ? 'movz' : 'movs') + src + SIZE_LETTER[i.opsize];
    }
    case 'movsxd': return !intel && (i.rex & 8) ? 'movslq' : 'movsxd';
    case 'cbw': if (!(i.rex & 8)) c.used.add('66'); return intel ? ['', '', 'cbw', '', 'cwde', '', '', '', 'cdqe'][i.opsize] : ['', '', 'cbtw', '', 'cwtl', '', '', '', 'cltq'][i.opsize];
    case 'cwd': if (!(i.rex & 8)) c.used.add('66'); return intel ? ['', '', 'cwd', '', 'cdq', '', '', '', 'cqo'][i.opsize] : ['', '', 'cwtd', '', 'cltd', '', '', '', 'cqto'][i.opsize];
    case 'sal': return 'shl';
    case 'prefetch': return ['prefetchnta', 'prefetcht0', 'prefetcht1', 'prefetcht2', 'nop', 'nop', 'nop', 'nop'][i.reg & 7];
    case 'prefetchw': return ['prefetch', 'prefetchw', 'prefetchwt1', 'prefetch', 'prefetch', 'prefetch', 'prefetch', 'prefetch'][i.reg & 7];
    case '(invalid)': return '(bad)';
    case 'cmpps': case 'cmppd': case 'cmpss': case 'cmpsd':
      if ((i.imm & 0xff) < 8) {
        ops.pop(); // the predicate becomes part of the name
        return 'cmp' + ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord'][i.imm & 7] + n.slice(3);
      }
      break;
    case 'pclmulqdq': {
      // the four quadword selections have names of their own
      const sel = i.imm & 0xff;
      if (sel === 0x00 || sel === 0x01 || sel === 0x10 || sel === 0x11) {
        ops.pop();
        return `pclmul${sel & 1 ? 'h' : 'l'}q${sel & 0x10 ? 'h' : 'l'}qdq`;
      }
      break;
    }
    case 'crc32':
      // AT&T: the source size as a suffix when the source is in memory
      if (!intel && i.mod !== 3) return n + SIZE_LETTER[def.op === 0xf0 ? 1 : i.opsize];
      break;
    case 'nop':
      // F3 0F 1E /1 with a register: rdssp (a nop while shadow stacks are off)
      if (def.map === 1 && def.op === 0x1e && i.rep === 0xf3 && i.mod === 3 && (i.reg & 7) === 1) {
        c.used.add('rep');
        useRex(c, 8);
        ops[0] = reg(c, i.rm, i.rex & 8 ? 8 : 4);
        return i.rex & 8 ? 'rdsspq' : 'rdsspd';
      }
      break;
    case 'fndisi': case 'fneni': return n + '(8087 only)';
    case 'fnsetpm': return n + '(287 only)';
    case 'jrcxz': if (i.addr32) { c.used.add('67'); return 'jecxz'; } break;
    case 'loop': case 'loope': case 'loopne': if (i.addr32 && !intel) { c.used.add('67'); return n + 'l'; } break;
    case 'mov':
      if (def.map === 0 && def.op >= 0xb8 && def.op <= 0xbf && i.opsize === 8) return 'movabs';
      if (def.map === 0 && def.op >= 0xa0 && def.op <= 0xa3 && !i.addr32) return 'movabs';
      break;
    case 'xchg':
      if (def.map === 0 && def.op === 0x90 && !(i.rex & 1)) {
        // 66 makes it an xchg (of rax with REX.W) and is then consumed; pause leaves it
        if (i.rep === 0xf3) { c.used.add('rep'); c.used.delete('66'); c.rexUsed &= ~8; ops.length = 0; return 'pause'; }
        if (!i.pfx66) { ops.length = 0; c.rexUsed &= ~8; return 'nop'; }
        c.used.add('66');
      }
      if (def.map === 0 && def.op === 0x90 && i.pfx66) c.used.add('66'); // xchg with r8 too
      break;
  }
  if (!intel && (def.op === 0xdc || def.op === 0xde) && def.map === 0 && i.mod === 3) {
    // AT&T (SysV) assemblers swap sub/subr and div/divr in these register forms
    const m = /^f(sub|div)(r?)(p?)$/.exec(n);
    if (m) n = `f${m[1]}${m[2] ? '' : 'r'}${m[3]}`;
  }
  void ops;
  return n;
}

/**
 * Format one instruction. `li` is the length information for the same bytes (its
 * prefix list drives the printing of unused prefixes).
 */
export function formatInsn(i: Insn, li: LenInfo, bytes: Uint8Array, pc: number, syntax: Syntax, namer: AddrNamer): string {
  const def = i.def!;
  const intel = syntax === 'intel';
  // VEX: C4 xx xx op ModRM or C5 xx op ModRM
  const modrmAt = li.opStart + (i.vex ? (bytes[li.opStart] === 0xc4 ? 4 : 3) : def.map === 0 ? 1 : def.map === 1 ? 2 : 3);
  const c: Ctx = { i, def, intel, pc, next: pc + i.len, namer, rexUsed: 0, used: new Set(), ripTarget: null, segPrefix: 0, bytes, modrmAt, fwait: li.fwait };
  for (const b of li.prefixes) if (b === 0x2e || b === 0x36 || b === 0x3e || b === 0x26 || b === 0x64 || b === 0x65) c.segPrefix = b;
  const flags = def.flags;
  const codes = def.operands;
  const ops: string[] = []; // Intel order
  let regOperand = false;   // a register operand fixes the size (no AT&T suffix)
  let memSize = 0;          // size of an E memory operand
  let hasMem = false;
  let target: number | null = null;
  let ptrNeeded = false;
  const x = (n: number): string => (intel ? 'xmm' + n : '%xmm' + n);
  const mmx = (n: number): string => (intel ? 'mm' + n : '%mm' + n);
  const name = def.name;
  const imm = (size: number, signExt: boolean): string => {
    let lo = i.imm, hi = i.immHi;
    if (!signExt) { lo = size === 1 ? lo & 0xff : size === 2 ? lo & 0xffff : lo; if (size < 8) hi = 0; }
    const t = hexSized(lo, hi, size);
    return intel ? t : '$' + t;
  };
  const opsz = i.opsize;
  const isVSized = def.size === 'v';
  if (isVSized && !(flags & (DefFlag.F64)) && !(i.rex & 8)) c.used.add('66');
  if (def.pfx === 0x66 && !i.vex) c.used.add('66');
  if (isVSized && !(flags & (DefFlag.D64 | DefFlag.F64))) useRex(c, 8);
  if (def.w >= 0) useRex(c, 8);
  // 'y' operands (32 or 64 bits by REX.W; 66 does not shrink them) make REX.W meaningful
  if (def.operands.some((o) => /^[A-Z][a-z]*y$/.test(o))) useRex(c, 8);

  // objdump sizes ud0/ud1 by 66 and REX.W (the table's Gd,Ed: the CPU faults anyway)
  const udSized = name === 'ud0' || name === 'ud1';
  if (udSized) { useRex(c, 8); if (i.pfx66 && !(i.rex & 8)) c.used.add('66'); }
  for (let k = 0; k < codes.length; k++) {
    const code = codes[k];
    const size = udSized ? (i.rex & 8 ? 8 : i.pfx66 ? 2 : 4) : operandSize(code, i);
    const kind = code[0];
    switch (code) {
      case 'AL': ops.push(reg(c, 0, 1)); regOperand = true; continue;
      case 'CL': ops.push(reg(c, 1, 1)); continue;
      case 'AX': ops.push(reg(c, 0, 2)); regOperand = true; continue;
      case 'rAX': ops.push(reg(c, 0, opsz)); regOperand = true; continue;
      case 'eAX': ops.push(reg(c, 0, 4)); regOperand = true; continue;
      case '1': ops.push(intel ? '1' : ''); continue;
      case 'ST': ops.push(intel ? 'st' : '%st'); continue;
      case 'STi': ops.push(intel ? `st(${i.rm & 7})` : `%st(${i.rm & 7})`); continue;
      case 'Ry/Mw': case 'Rd/Mw': case 'Rd/Mb': {
        if (i.mod === 3) { useRex(c, 1); ops.push(reg(c, i.rm, 4)); regOperand = true; }
        else { hasMem = true; ops.push(memOperand(c, code.endsWith('b') ? 1 : 2)); }
        continue;
      }
      case '<XMM0>': ops.push(x(0)); continue;
    }
    switch (kind) {
      case 'E': case 'M': case 'R': case 'W': case 'U': case 'Q': case 'N': {
        // MMX registers ignore REX.B (objdump then shows an unused rex.B)
        if (i.mod === 3 && (kind === 'Q' || kind === 'N')) { ops.push(mmx(i.rm & 7)); continue; }
        if (i.mod === 3 || code === 'Rd') {
          useRex(c, 1);
          if (kind === 'W' || kind === 'U') ops.push(x(i.rm));
          else ops.push(reg(c, i.rm, code === 'Rd' ? 8 : size || opsz));
          if (kind === 'E' || kind === 'R') regOperand = true;
        } else {
          hasMem = true;
          if (kind === 'E') memSize = size;
          let ms = size;
          if (code === 'M') ms = 0;
          if (code === 'Mdq') ms = 16;
          ops.push(memOperand(c, ms, code === 'M' || code === 'Me' || code === 'Ms'));
          ptrNeeded = true;
        }
        continue;
      }
      case 'G': {
        useRex(c, 4);
        // objdump: a mask extracted into a 64-bit register with REX.W
        let gs = size || opsz;
        if ((name === 'movmskps' || name === 'movmskpd' || name === 'pmovmskb') && (i.rex & 8)) { gs = 8; useRex(c, 8); }
        ops.push(reg(c, i.reg, gs)); regOperand = true; continue;
      }
      case 'B': ops.push(reg(c, i.vexV, size || opsz)); regOperand = true; continue; // VEX.vvvv
      case 'H': ops.push(x(i.vexV)); regOperand = true; continue;
      case 'Z': useRex(c, 1); ops.push(reg(c, i.rm, code === 'Zb' ? 1 : opsz)); regOperand = true; continue;
      case 'V': useRex(c, 4); ops.push(x(i.reg)); regOperand = true; continue;
      case 'P': ops.push(mmx(i.reg & 7)); regOperand = true; continue;
      case 'S': ops.push(intel ? SEGS[i.reg & 7] : '%' + SEGS[i.reg & 7]); regOperand = true; continue;
      case 'C': useRex(c, 4); ops.push(intel ? 'cr' + i.reg : '%cr' + i.reg); continue;
      case 'D': useRex(c, 4); ops.push(intel ? 'dr' + i.reg : '%db' + i.reg); continue;
      case 'I': {
        if (code === 'Ib') {
          const signed = def.map === 0 && (def.op === 0x83 || def.op === 0x6a || def.op === 0x6b);
          ops.push(imm(signed ? (def.op === 0x6a ? (opsz === 2 ? 2 : 8) : opsz) : 1, signed));
          if (k === 1 && codes.length === 2 && name === 'enter') { /* handled below */ }
        } else if (code === 'Iw') ops.push(imm(2, false));
        else if (code === 'Iz') ops.push(imm(opsz === 8 ? 8 : opsz === 2 ? 2 : 4, true));
        else ops.push(imm(opsz, false));
        continue;
      }
      case 'J': {
        target = c.next + i.imm;
        // a rel16 branch (66 without REX.W, see dis-command.ts) wraps within 64 KiB as objdump shows it
        if (code === 'Jz' && i.pfx66 && !(i.rex & 8)) {
          target &= 0xffff;
          if (def.map === 1) c.used.add('66');
        }
        ops.push('');
        continue;
      }
      case 'O': {
        hasMem = true;
        let seg = '';
        if (i.seg === 4 || i.seg === 5) { seg = SEGS[i.seg]; c.used.add('seg'); }
        const at = li.opStart + 1;
        let t = '';
        for (let k = i.addr32 ? 3 : 7; k >= 0; k--) t += bytes[at + k].toString(16).padStart(2, '0');
        t = '0x' + (t.replace(/^0+/, '') || '0');
        ops.push(intel ? `${seg || 'ds'}:${t}` : `${seg ? '%' + seg + ':' : ''}${t}`);
        continue;
      }
      case 'X': case 'Y': {
        // string operands: rsi with a segment, rdi with es
        const si = i.addr32 ? 'esi' : 'rsi', di = i.addr32 ? 'edi' : 'rdi';
        if (i.addr32) c.used.add('67');
        let seg = 'ds';
        if (kind === 'X') { c.used.add('anyseg'); if (i.seg === 4 || i.seg === 5) seg = SEGS[i.seg]; }
        const sz = size;
        if (kind === 'X') ops.push(intel ? `${PTR[sz]}${seg}:[${si}]` : `%${seg}:(%${si})`);
        else ops.push(intel ? `${PTR[sz]}es:[${di}]` : `%es:(%${di})`);
        memSize = sz; hasMem = true;
        continue;
      }
    }
    ops.push('?' + code);
  }

  // objdump reads 66 on call/jmp Ev as a 16-bit operand (AMD); this CPU ignores it
  if ((name === 'call' || name === 'jmp') && codes[0] === 'Ev' && i.pfx66 && !(i.rex & 8)) {
    c.used.add('66');
    if (i.mod === 3) ops[0] = reg(c, i.rm, 2);
    else { ops[0] = memOperand(c, 2); memSize = 2; }
  }
  // objdump sizes the prefetch operands (Intel BYTE PTR) and the 0F 18 /4-7 hint nops
  // (by 66 and REX.W, consumed; F2/F3 select /6 and /7 and are consumed too)
  let hintNop = 0;
  if (i.mod !== 3 && def.map === 1 && (def.op === 0x18 || def.op === 0x0d) && ops.length === 1) {
    const r = i.reg & 7;
    if (def.op === 0x18 && r >= 4) {
      hintNop = i.rex & 8 ? 8 : i.pfx66 ? 2 : 4;
      useRex(c, 8);
      if (i.pfx66 && !(i.rex & 8)) c.used.add('66');
      if (i.rep && r >= 6) c.used.add('rep');
      if (r >= 6 && i.mod === 0 && (i.rm & 7) === 5 && !i.rep && !i.pfx66) { hintNop = -1; c.rexUsed &= ~8; }
    }
    if (intel) ops[0] = memOperand(c, hintNop > 0 ? hintNop : 1);
  }
  if (intel && name === 'clflush') ops[0] = memOperand(c, 1);
  if (intel && name === 'cmpxchg16b') ops[0] = 'OWORD PTR ' + ops[0].replace(/^XMMWORD PTR /, '');
  if (i.pfx66 && (i.rex & 8) && prefixTable66(i, def, intel, hintNop)) c.used.add('66');
  // with F3 (0F 1C: or F2) the hint nops 0F 1C/1E leave a 66 unconsumed (it still sizes the operand)
  if (def.map === 1 && ((def.op === 0x1c && i.rep) || (def.op === 0x1e && i.rep === 0xf3)) && i.pfx66 && !(i.rex & 8)) c.used.delete('66');
  // mov Sw to memory stores 16 bits whatever 66 and REX.W say: objdump prints them as unused
  if (def.map === 0 && def.op === 0x8c && i.mod !== 3) {
    ops[0] = memOperand(c, 2);
    c.rexUsed &= ~8;
    c.used.delete('66');
  }

  // ---- mnemonic and AT&T suffix ----
  let mn = mnemonic(c, ops);
  if (hintNop > 0 && !intel) mn = 'nop' + SIZE_LETTER[hintNop];
  else if (hintNop < 0) mn = (i.reg & 7) === 7 ? 'prefetchit0' : 'prefetchit1';
  // forms objdump names after a prefix the table treats as a plain repeat/size prefix
  if (/^f(n?stenv|ldenv|rstor|n?save)$/.test(mn) && i.pfx66) { mn += intel ? 'w' : 's'; c.used.add('66'); }
  if ((name === 'rdrand' || name === 'rdseed') && i.rep === 0xf3) {
    mn = name === 'rdrand' ? 'senduipi' : 'rdpid';
    ops[0] = reg(c, i.rm, 8);
    c.used.add('rep'); c.used.delete('66'); c.rexUsed &= ~8;
  }
  if (name === 'wbinvd' && i.rep === 0xf3) { mn = 'wbnoinvd'; c.used.add('rep'); }
  if (name === 'clflush' && i.pfx66) { mn = 'clflushopt'; c.used.add('66'); }
  if (name === 'movq2dq' && i.pfx66) { useRex(c, 1); ops[1] = x(i.rm); c.used.add('66'); }
  if (name === 'movdq2q' && i.pfx66) { useRex(c, 4); ops[0] = x(i.reg); c.used.add('66'); }
  const op0 = def.op, map = def.map;
  if (!intel) {
    if (name === 'push' || name === 'pop' || ((name === 'call' || name === 'jmp') && codes[0] === 'Ev')) {
      if ((opsz === 2 || memSize === 2) && !(codes[0][0] === 'Z' || (codes[0][0] === 'E' && i.mod === 3))) mn += 'w';
    } else if (name === 'ret' || name === 'leave' || name === 'pushf' || name === 'popf') {
      if (i.pfx66 && !(i.rex & 8)) { mn += 'w'; c.used.add('66'); } // REX.W wins: data16 rex.W ret
    } else if ((name === 'call' || name === 'jmp') && codes[0] === 'Jz' && i.pfx66) {
      // with REX.W the 66 is unused (a rel32 branch): objdump prints data16 rex.W call
      if (!(i.rex & 8)) { mn += 'w'; c.used.add('66'); }
    } else if (name === 'enter' && i.pfx66 && !(i.rex & 8)) {
      mn += 'w'; c.used.add('66');
    } else if (name === 'movs' || name === 'cmps') {
      mn += SIZE_LETTER[memSize];
    } else if (name === 'cvtsi2ss' || name === 'cvtsi2sd') {
      if (i.mod !== 3) mn += SIZE_LETTER[memSize];
      useRex(c, 8);
    } else if (/^set/.test(name) || name === 'movzx' || name === 'movsx' || name === 'movsxd') {
      /* never */
    } else if (!regOperand && memSize && codes.some((o) => o[0] === 'E')) {
      mn += SIZE_LETTER[memSize];
    } else if (def.map === 0 && op0 >= 0xd8 && op0 <= 0xdf && i.mod !== 3) {
      mn += x87Suffix(codes[0] ?? '', name);
    }
  } else {
    if ((name === 'push' || name === 'pop') && codes[0][0] !== 'Z' && codes[0][0] !== 'E' && opsz === 2) mn += 'w';
    if ((name === 'ret' || name === 'leave' || name === 'pushf' || name === 'popf') && i.pfx66 && !(i.rex & 8)) { mn += 'w'; c.used.add('66'); }
    if ((name === 'call' || name === 'jmp') && codes[0] === 'Jz' && i.pfx66 && !(i.rex & 8)) { mn += 'w'; c.used.add('66'); }
    if (name === 'enter' && i.pfx66 && !(i.rex & 8)) { mn += 'w'; c.used.add('66'); }
    // (objdump's Intel syntax gives movs/cmps no size suffix: the operands carry the size)
  }
  if (i.pfx66 && !(i.rex & 8) && (name === 'push' || name === 'pop')) c.used.add('66');
  if (isVSized && (flags & DefFlag.D64) && (name === 'push' || name === 'pop' || name === 'call' || name === 'jmp')) {
    if (opsz === 2) c.used.add('66');
  }
  void ptrNeeded; void map;

  // operands that objdump writes differently
  if (name === 'in' || name === 'out' || name === 'ins' || name === 'outs') {
    const o16 = i.pfx66 && !(i.rex & 8);
    const sz = (op0 & 1) ? (o16 ? 2 : 4) : 1;
    if (o16 && (op0 & 1)) c.used.add('66');
    const acc = reg(c, 0, sz);
    const dx = intel ? 'dx' : '(%dx)';
    if (op0 === 0xec || op0 === 0xed) { ops.length = 0; ops.push(acc, intel ? 'dx' : '(%dx)'); }
    else if (op0 === 0xee || op0 === 0xef) { ops.length = 0; ops.push(intel ? 'dx' : '(%dx)', acc); }
    else if (op0 === 0x6c || op0 === 0x6d) {
      const di = i.addr32 ? 'edi' : 'rdi';
      if (i.addr32) c.used.add('67');
      ops.length = 0; ops.push(intel ? `${PTR[sz]}es:[${di}]` : `%es:(%${di})`, dx); if (!intel) mn += SIZE_LETTER[sz];
    } else if (op0 === 0x6e || op0 === 0x6f) {
      const si = i.addr32 ? 'esi' : 'rsi';
      if (i.addr32) c.used.add('67');
      c.used.add('anyseg');
      const sg = i.seg === 4 || i.seg === 5 ? SEGS[i.seg] : 'ds';
      ops.length = 0; ops.push(dx, intel ? `${PTR[sz]}${sg}:[${si}]` : `%${sg}:(%${si})`); if (!intel) mn += SIZE_LETTER[sz];
    }
    else if (op0 === 0xe5 || op0 === 0xe7) { const k = op0 === 0xe5 ? 0 : 1; ops[k] = reg(c, 0, sz); }
  }
  if (name === 'cbw' || name === 'cwd') ops.length = 0;
  if (name === 'xlat') {
    const sg = i.seg === 4 || i.seg === 5 ? SEGS[i.seg] : 'ds';
    c.used.add('anyseg');
    const rb = i.addr32 ? 'ebx' : 'rbx';
    if (i.addr32) c.used.add('67');
    ops.length = 0; ops.push(intel ? `BYTE PTR ${sg}:[${rb}]` : `%${sg}:(%${rb})`);
  }
  if (name === 'enter') ops.splice(0, 2, imm(2, false), intel ? hex(i.imm2 & 0xff) : '$' + hex(i.imm2 & 0xff));
  if (name === 'ud0' || name === 'ud1') { /* objdump: reg operand first in Intel, memory first in AT&T */ }

  // ---- prefixes ----
  const pre: string[] = [];
  const pf = li.prefixes;
  let lastRep = -1, last66 = -1, last67 = -1, lastSeg = -1, lastRex = -1;
  let activeSeg = -1;
  pf.forEach((b, k) => {
    if (b === 0x64 || b === 0x65) activeSeg = k;
    if (b === 0xf2 || b === 0xf3) lastRep = k;
    else if (b === 0x66) last66 = k;
    else if (b === 0x67) last67 = k;
    else if (b >= 0x40 && b <= 0x4f) lastRex = k;
    else if (b !== 0xf0) lastSeg = k;
  });
  const isString = def.map === 0 && ((op0 >= 0xa4 && op0 <= 0xa7) || (op0 >= 0xaa && op0 <= 0xaf) || (op0 >= 0x6c && op0 <= 0x6f));
  // bnd applies to call, ret, jmp and jcc, not to jrcxz (repnz jrcxz)
  const branchy = (name === 'call' || name === 'ret' || name === 'jmp' || /^j/.test(name)) && name !== 'jrcxz' && (flags & DefFlag.F64);
  const names: (string | null)[] = pf.map((b) => prefixName(b));
  if (lastRep >= 0) {
    const b = pf[lastRep];
    if ((def.pfx === b && !i.vex) || c.used.has('rep')) names[lastRep] = null;
    else if (isString) names[lastRep] = b === 0xf3 && !(op0 === 0xa6 || op0 === 0xa7 || op0 === 0xae || op0 === 0xaf) ? 'rep' : b === 0xf3 ? 'repz' : 'repnz';
    else if (b === 0xf2 && branchy) names[lastRep] = 'bnd';
    else if (((i.lock && (def.flags & DefFlag.Lockable)) || (name === 'xchg' && def.op !== 0x90)) && i.mod !== 3) names[lastRep] = b === 0xf2 ? 'xacquire' : 'xrelease';
    else if (b === 0xf3 && name === 'mov' && i.mod !== 3 && def.map === 0 && (def.op === 0x88 || def.op === 0x89 || def.op === 0xc6 || def.op === 0xc7)) names[lastRep] = 'xrelease';
    // objdump keeps the last F2 and the last F3 apart: the other one before the last
    // is named by the same rules (rep repnz lods, bnd repz jmp, xacquire xrelease xchg)
    const other = pf.lastIndexOf(pf[lastRep] === 0xf3 ? 0xf2 : 0xf3, lastRep);
    if (other >= 0) {
      const ob = pf[other];
      if (isString && ob === 0xf3) names[other] = op0 === 0xa6 || op0 === 0xa7 || op0 === 0xae || op0 === 0xaf ? 'repz' : 'rep';
      else if (ob === 0xf2 && branchy) names[other] = 'bnd';
      else if (((i.lock && (def.flags & DefFlag.Lockable)) || (name === 'xchg' && def.op !== 0x90)) && i.mod !== 3) names[other] = ob === 0xf2 ? 'xacquire' : 'xrelease';
    }
  }
  if (last66 >= 0 && c.used.has('66')) names[last66] = null;
  if (last67 >= 0 && c.used.has('67') && !codes.some((o) => o[0] === 'O')) names[last67] = null;
  if (lastSeg >= 0) {
    const b = pf[lastSeg];
    if ((activeSeg >= 0 && c.used.has('seg')) || c.used.has('anyseg')) names[lastSeg] = null;
    else if (b === 0x3e && def.map === 0 && def.op === 0xff && (name === 'call' || name === 'jmp')) names[lastSeg] = 'notrack';
    else if (!intel && /^(j|loop)/.test(name) && name !== 'jmp' && codes[0]?.[0] === 'J') {
      // AT&T branch hints: one of cs (not taken) or ds (taken) among the prefixes; the
      // last segment prefix, whichever it is, is then consumed (Intel syntax prints no hints)
      const cs = pf.includes(0x2e), ds = pf.includes(0x3e);
      if (cs !== ds) { names[lastSeg] = null; mn += cs ? ',pn' : ',pt'; }
    }
  }
  // before a VEX prefix a REX is never used (objdump prints it: rex.W andn ...)
  if (lastRex >= 0 && !i.vex && ((i.rex ^ c.rexUsed) & 0x4f) === 0) names[lastRex] = null;
  for (const nm of names) if (nm) pre.push(nm);

  // ---- operands in syntax order ----
  let list = ops.filter((o) => o !== '' || target !== null);
  if (!intel) list = list.slice().reverse();
  if (name === 'enter' && !intel) list = list.slice().reverse();
  if (!intel && (name === 'call' || name === 'jmp') && codes[0] === 'Ev') list = list.map((o) => '*' + o);
  let text = list.map((o) => (o === '' && target !== null ? addrText(target, namer) : o)).filter((o) => o !== '').join(',');
  if (codes.length === 2 && codes[1] === '1' && !intel) text = list.filter((o) => o !== '').join(',');

  const head = pre.map((p) => p + ' ').join('') + mn;
  let line = head;
  // objdump pads the 0F 18 /6 /7 hint nops as if no prefix names preceded them (unless
  // a 66, F2 or F3 selected the form)
  const padTo = hintNop > 0 && (i.reg & 7) >= 6 && !i.pfx66 && !i.rep ? head.length - mn.length + 7 : 7;
  if (text) line += ' '.repeat(Math.max(1, padTo - head.length)) + text;
  if (c.ripTarget !== null) line += '        # ' + addrText(c.ripTarget, namer);
  return line;
}

/**
 * 66 selects a column of objdump's prefix tables for these opcodes, so it is consumed
 * even where REX.W makes the operand 64 bits: bsf, bsr, movbe, the hint nops 0F 1C/1E
 * and 0F 18 /6 /7, rdrand/rdseed, movsxd from a register (from memory too in Intel syntax).
 */
function prefixTable66(i: Insn, def: OpDef, intel: boolean, hintNop: number): boolean {
  // an F2/F3 column (tzcnt, lzcnt, crc32, the hint nops under a repeat prefix) leaves it
  if (def.pfx === 0xf2 || def.pfx === 0xf3) return false;
  if (def.map === 1 && ((def.op === 0x1c && i.rep) || (def.op === 0x1e && i.rep === 0xf3))) return false;
  switch (def.map) {
    case 0: return def.op === 0x63 && (i.mod === 3 || intel);
    case 1:
      if (def.op === 0xc7) return i.mod === 3;
      return def.op === 0xbc || def.op === 0xbd || def.op === 0x1c || def.op === 0x1e || (hintNop > 0 && (i.reg & 7) >= 6 && !i.rep);
    case 2: return def.op === 0xf0 || def.op === 0xf1;
    default: return false;
  }
}

function addrText(a: number, namer: AddrNamer): string {
  const n = namer(a);
  const h = a >= 0 ? a.toString(16) : BigInt.asUintN(64, BigInt(a)).toString(16);
  return n ? `${h} ${n}` : '0x' + h;
}

function x87Suffix(code: string, name: string): string {
  if (/^(fldcw|fnstcw|fnstsw|fstcw|fstsw|fnstenv|fldenv|fnsave|frstor|fbld|fbstp|fxsave|fxrstor)/.test(name)) return '';
  if (name.startsWith('fi')) return code === 'Mw' ? 's' : code === 'Md' ? 'l' : code === 'Mq' ? 'll' : '';
  switch (code) {
    case 'Mfs': return 's';
    case 'Mfd': return 'l';
    case 'Mft': return 't';
    default: return '';
  }
}
