// Compare x64vm's instruction lengths and AT&T text with the iced-x86 package (its GAS
// formatter) on random byte strings. Used by tests/disasm.test.mjs and disasm-full.mjs.

import iced from 'iced-x86';
import { insnLength, LenKind } from '../../dist/debug/x86len.js';
import { disasmOne } from '../../dist/debug/dis-command.js';

const { Decoder, DecoderOptions, Formatter, FormatterSyntax, Code } = iced;

/** xorshift32: reproducible random bytes */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

function makeFormatter() {
  const f = new Formatter(FormatterSyntax.Gas);
  f.uppercaseHex = false;
  f.smallHexNumbersInDecimal = false;
  f.branchLeadingZeros = false;
  f.showBranchSize = false;
  f.ripRelativeAddresses = true;
  f.spaceAfterOperandSeparator = false;
  f.showUselessPrefixes = true;
  f.signedImmediateOperands = false;
  f.signedMemoryDisplacements = true;
  return f;
}

// Formatter-style differences between GNU objdump (which x64vm follows) and iced's GAS
// formatter that say nothing about correctness. Each is applied to both texts.
export const TEXT_MASKS = [
  ['spacing: objdump pads the mnemonic to 7 columns, iced uses one space', (t) => t.replace(/\s+/g, ' ').trim()],
  ['objdump adds "# target" after rip-relative operands', (t) => t.replace(/ # .*$/, '')],
  ['objdump writes a zero displacement as 0x0( when the encoding has one; iced drops it', (t) => t.replace(/(^|[ ,*:])0x0\(/g, '$1(')],
  ['iced adds size suffixes (callq, pushq, retq ...) objdump 2.40 no longer prints', (t) => t.replace(/^((?:[A-Za-z0-9.]+ )*?)(call|jmp|push|pop|ret|lret|iret|enter|leave|pushf|popf|sysret|sysexit|lcall|ljmp|movs|cmps|lods|stos|scas|ins|outs)[qlwb]?\b/, '$1$2')],
  ['prefix spellings: objdump data16/addr32/repz/rex.*, iced o16/a32/repe/rex', (t) => t.replace(/\b(data16|o16|addr32|a32|addr64|data32|rex(\.[WRXB]+)?|repz|repe|repnz|repne|rep|ds|cs|ss|es|bnd|notrack|xacquire|xrelease|lock|fs|gs|hnt|ht|\{[a-z0-9]+\}) /g, '')],
  ['string instructions: objdump prints the implicit operands', (t) => t.replace(/^(movs|cmps|lods|stos|scas|ins|outs)[bwlqd]? .*$/, '$1')],
  ['objdump prints the x87 top of stack %st(0) as %st in some forms', (t) => t.replace(/%st\(0\)/g, '%st')],
  ['numbers: iced may sign an immediate or print an absolute address without leading 0x0', (t) => t.replace(/\$0x[0-9a-f]+/g, (m) => '$0x' + BigInt(m.slice(1)).toString(16)).replace(/(^| |,)0x([0-9a-f]+)(?=$|,|\()/g, (_m, p, h) => p + '0x' + BigInt('0x' + h).toString(16))],
  ['objdump names the shift-by-one forms without the $1 operand for sal/shl/sar...', (t) => t.replace(/^(rol|ror|rcl|rcr|shl|sal|shr|sar)([bwlq]?) \$0x1,/, '$1$2 ')],
  ['iced omits a scale of 1 and an empty %riz index', (t) => t.replace(/(-?0x[0-9a-f]+)\(,%riz,\d\)/, (m, d) => d.startsWith('-') ? '0x' + BigInt.asUintN(64, -BigInt(d.slice(1))).toString(16) : d).replace(/,%[re]iz,\d\)/g, ')').replace(/,\)/g, ')').replace(/,1\)/g, ')')],
  ['in/out port: objdump writes (%dx), iced %dx', (t) => t.replace(/\(%dx\)/g, '%dx')],
  ['segment overrides without effect in 64-bit mode: objdump prints them as prefixes, iced inside the operand', (t) => t.replace(/%(cs|ds|es|ss):/g, '')],
  ['90 with REX.W/R/X: objdump prints nop, iced xchg %rax,%rax', (t) => t.replace(/^xchg %rax,%rax$/, 'nop')],
  ['debug registers: objdump names them %db0-7, iced %dr0-7', (t) => t.replace(/%db(\d)/g, '%dr$1')],
  ['hint nops 0F 19-1F: iced prints the ModRM.reg register as a second operand', (t) => t.replace(/^nop[lwq]? %\w+,(.*)$/, 'nop $1').replace(/^nop[lwq] /, 'nop ')],
  ['imul with two equal registers: iced prints the two-operand alias', (t) => t.replace(/^imul (\$\w+),(%\w+),\2$/, 'imul $1,$2')],
  ['0F 0D /3: objdump prints prefetch, iced prefetchw', (t) => t.replace(/^prefetchw? /, 'prefetch ')],
  ['objdump annotates the 8087/287-only x87 control instructions', (t) => t.replace(/\((8087|287) only\)/, '')],
  ['x87 forms with an implicit operand: iced omits st(1)/st, objdump prints them', (t) => t.replace(/^(f\w+p?) %st,%st\(1\)$/, '$1').replace(/^(fcomp?|fucomp?) %st\(1\)$/, '$1')],
  ['no base register, scaled %riz: iced prints the absolute address', (t) => t.replace(/(-?0x[0-9a-f]+)\(,%riz,\d\)/, (m, d) => d.startsWith('-') ? '0x' + BigInt.asUintN(64, -BigInt(d.slice(1))).toString(16) : d)],
  ['branch hints on loop/jrcxz: objdump appends ,pt/,pn, iced prints the ds/cs prefix', (t) => t.replace(/^(loop\w*|j\w+),p[tn] /, '$1 ')],
  ['fxch without operand: iced omits the implicit %st(1)', (t) => t.replace(/^fxch %st\(1\)$/, 'fxch')],
  ['sal and shl are one instruction (objdump: shl)', (t) => t.replace(/^sal/, 'shl')],
  ['cbw family: AT&T names (cltq ...) vs Intel-like aliases', (t) => t.replace(/^cdqe$/, 'cltq').replace(/^cwde$/, 'cwtl').replace(/^cbw$/, 'cbtw').replace(/^cqo$/, 'cqto').replace(/^cdq$/, 'cltd').replace(/^cwd$/, 'cwtd')],
  ['movabs: iced omits the abs marker on 64-bit moves', (t) => t.replace(/^movabs/, 'mov')],
  ['movsx/movzx AT&T spellings', (t) => t.replace(/^movsxd/, 'movslq').replace(/^movslq (%e\w+|%r\d+d),(%e\w+|%r\d+d)$/, 'movsxd $1,$2')],
  ['mnemonic suffixes on memory operands differ in the two formatters', (t) => t.replace(/^([a-z0-9]+?)([bwlqst]|ll)? (\S+)$/, (m, a, b, rest) => (/\(|^0x|^%[a-z]s:/.test(rest) && /^(inc|dec|not|neg|mul|imul|div|idiv|nop|set\w+|f\w+|push|pop)/.test(a + (b ?? '')) ? a.replace(/^(fi?\w+?)$/, '$1') + ' ' + rest : m))],
];

export function normalize(t) {
  for (const [, fn] of TEXT_MASKS) t = fn(t);
  return t;
}

/**
 * Decode `count` random 15-byte strings with both. Returns counts:
 *  valid: strings iced decodes; lenDiff: x64vm's length differs; lenMasked: differs for a
 *  known reason (listed in reasons); supported: instructions the ISA table decodes;
 *  textSame/textMasked/textDiff.
 */
export function compareIced(count, seed = 1, examples = 10) {
  const r = rng(seed);
  const f = makeFormatter();
  const buf = new Uint8Array(15);
  const res = { tried: count, valid: 0, lenSame: 0, lenDiff: 0, lenMasked: 0, supported: 0, textSame: 0, textMasked: 0, textDiff: 0, lenEx: [], textEx: [], reasons: new Map() };
  const mask = (why) => res.reasons.set(why, (res.reasons.get(why) ?? 0) + 1);
  for (let n = 0; n < count; n++) {
    for (let k = 0; k < 15; k++) buf[k] = r() & 255;
    // bias towards real-looking code: prefixes and common opcodes are as likely as random bytes
    if ((r() & 3) === 0) buf[0] = [0x48, 0x66, 0x0f, 0xf3, 0xf2, 0x4c, 0x41, 0xc5, 0xc4][r() % 9];
    const d = new Decoder(64, buf, DecoderOptions.None);
    const ins = d.decode();
    if (ins.code === Code.INVALID) { ins.free(); d.free(); continue; }
    res.valid++;
    const ilen = ins.length;
    const li = insnLength(buf, 0, 15);
    const hexs = Array.from(buf.subarray(0, Math.max(ilen, li.len)), (b) => b.toString(16).padStart(2, '0')).join(' ');
    let ok = li.len === ilen && li.kind === LenKind.Insn;
    if (!ok) {
      const why = lengthReason(buf, li, ilen);
      if (why) { res.lenMasked++; mask(why); }
      else {
        res.lenDiff++;
        if (res.lenEx.length < examples) res.lenEx.push(`${hexs}: iced ${ilen} '${f.format(ins)}' x64vm ${li.len} kind ${li.kind}`);
      }
      ins.free(); d.free();
      continue;
    }
    res.lenSame++;
    const mine = disasmOne(buf, 0, 15, 0, 'att', () => '');
    if (mine.supported) {
      res.supported++;
      const theirs = f.format(ins);
      if (theirs === mine.text) res.textSame++;
      else if (normalize(theirs) === normalize(mine.text)) res.textMasked++;
      else if (textReason(buf, normalize(mine.text), normalize(theirs))) { res.textMasked++; mask(textReason(buf, normalize(mine.text), normalize(theirs))); }
      else {
        res.textDiff++;
        if (res.textEx.length < examples) res.textEx.push(`${hexs}: iced '${theirs}' x64vm '${mine.text}'`);
      }
    }
    ins.free(); d.free();
  }
  f.free();
  return res;
}

/** Known, explained reasons why a length may differ from iced's. */
/** Known, explained reasons why the text may differ beyond formatter style. */
export function textReason(bytes, mine, theirs) {
  if (/\(bad\)/.test(mine) && /^(rep |repne |[a-z0-9.]+ )*(fcom|fcomp|fstp|fxch)\b/.test(theirs))
    return 'x87 register aliases (DC D0-DF, DE D0-D7, D9 D8-DF, DD C8-CF, DF C8-DF): binutils 2.40 prints (bad), iced decodes them';
  if (/^(rex\S* )*push|^(rex\S* )*pop/.test(mine) && bytes[0] === 0x66 && (bytes[1] & 0xf8) === 0x48)
    return 'push/pop with 66 and REX.W: objdump keeps the 16-bit size, iced (and the CPU) use 64 bits';
  if (/^movs(xd|lq)/.test(mine) && bytes.includes(0x66)) return 'movsxd with 66: objdump prints a 32-bit source register, iced a 16-bit one';
  if (/^(in|out) /.test(theirs) && bytes[0] === 0x66 && (bytes[1] & 0xf8) === 0x48) return 'in/out with 66 and REX.W: objdump uses the 16-bit size, iced 32 bits';
  if (/^pause$/.test(theirs)) return 'F3 REX.B 90: iced prints pause, objdump xchg with r8';
  return null;
}

function lengthReason(buf, li, ilen) {
  let p = 0;
  let has66 = false;
  while (p < 15 && (buf[p] === 0x66 || buf[p] === 0x67 || buf[p] === 0xf2 || buf[p] === 0xf3 || buf[p] === 0xf0 || (buf[p] & 0xf0) === 0x40 || buf[p] === 0x2e || buf[p] === 0x3e || buf[p] === 0x26 || buf[p] === 0x36 || buf[p] === 0x64 || buf[p] === 0x65)) {
    if (buf[p] === 0x66) has66 = true;
    p++;
  }
  const op = buf[p], op2 = buf[p + 1];
  if (has66 && (op === 0xe8 || op === 0xe9 || (op === 0x0f && op2 >= 0x80 && op2 <= 0x8f)))
    return '66 on a rel32 branch: objdump decodes rel16 (AMD), iced rel32 (Intel)';
  if (li.kind === LenKind.Prefixes) return 'a REX prefix followed by another prefix: objdump prints the REX alone';
  if (li.kind === LenKind.Fwait || li.fwait) return 'objdump merges fwait (9B) with the x87 instruction that follows';
  if (li.kind === LenKind.Bad) return 'binutils 2.40 rejects this encoding (objdump prints (bad)); x64vm follows objdump';
  if (op === 0x0f && op2 === 0x0f) return '3DNow!';
  void ilen;
  return null;
}
