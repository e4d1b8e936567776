// Compare x64vm's instruction lengths and text with the iced-x86 package (its GAS
// formatter for AT&T, its Intel formatter for Intel syntax) on random byte strings.
// Used by tests/disasm.test.mjs.

import iced from 'iced-x86';
import { insnLength, LenKind } from '../../dist/debug/x86len.js';
import { disasmOne } from '../../dist/debug/dis-command.js';

const { Decoder, DecoderOptions, Formatter, FormatterSyntax, Code, MemorySizeOptions } = iced;

/** xorshift32: reproducible random bytes */
export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

function makeFormatter(intel = false) {
  const f = new Formatter(intel ? FormatterSyntax.Intel : FormatterSyntax.Gas);
  if (intel) {
    // objdump's Intel style: 0x numbers, upper-case size keywords always shown
    f.hexPrefix = '0x';
    f.hexSuffix = '';
    f.addLeadingZeroToHexNumbers = false;
    f.uppercaseKeywords = true;
    f.memorySizeOptions = MemorySizeOptions.Always;
    f.displacementLeadingZeros = false;
  }
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

// The same for objdump -M intel against iced's Intel formatter.
const big = (h) => BigInt.asUintN(64, BigInt(h));
export const INTEL_MASKS = [
  ['spacing: objdump pads the mnemonic to 7 columns, iced uses one space', (t) => t.replace(/\s+/g, ' ').trim()],
  ['objdump adds "# target" after rip-relative operands', (t) => t.replace(/ # .*$/, '')],
  ['prefix spellings: objdump data16/addr32/repz/rex.*, iced rep/repe/repne/hint-*; prefixes compared by the length check', (t) => t.replace(/^((?:data16|addr32|rex(?:\.[WRXB]+)?|repz|repnz|repe|repne|rep|lock|bnd|notrack|xacquire|xrelease|hint-not-taken|hint-taken|[cdefgs]s) )+/, '')],
  ['string instructions: objdump names them without size and prints all operands with segments', (t) => t.replace(/^(movs|cmps|stos|lods|scas|ins|outs)[bwdq]?( .*)?$/, '$1')],
  ['objdump writes the shift count 1 as 1, iced as 0x1', (t) => t.replace(/^(rol|ror|rcl|rcr|shl|sal|shr|sar) (.*),0x1$/, '$1 $2,1')],
  ['sal and shl are one instruction (objdump: shl)', (t) => t.replace(/^sal /, 'shl ')],
  ['64-bit immediates: objdump movabs, iced mov', (t) => t.replace(/^movabs /, 'mov ')],
  ['absolute addresses: objdump SIZE PTR ds:0x.., iced SIZE PTR [0x..]', (t) => t.replace(/(PTR (?:[fg]s:)?)(?:[cdes]s:)?(0x[0-9a-f]+)(?=,|$)/, '$1[$2]')],
  ['FPU environment operands: iced FPUSTATE.. PTR, objdump the w/s-suffixed mnemonic with 66', (t) => t.replace(/FPU\w+ PTR /, '').replace(/^(fnsave|frstor|fnstenv|fldenv|fsave|fstenv)w /, '$1 ')],
  ['objdump writes a scale of 1 and an empty riz index, iced omits them', (t) => t.replace(/\+riz\*\d/, '').replace(/\*1(?=[\]+-])/, '')],
  ['pushf/popf: iced pushfq/popfq', (t) => t.replace(/^(push|pop)f[qwd]?$/, '$1f')],
  ['x87: iced prints the implicit st operand', (t) => t.replace(/^(f\w+) st,(?!st)/, '$1 ').replace(/^(f\w+) (.*),st$/, '$1 $2').replace(/^(f\w+) st,st\(1\)$/, '$1').replace(/^fxch st\(1\)$/, 'fxch')],
  ['displacements: objdump prints a negative rip/eip displacement modulo 2^64', (t) => t.replace(/\[([re]ip)([+-])(0x[0-9a-f]+)\]/, (m, r, sg, h) => `[${r}+0x${(sg === '-' ? BigInt.asUintN(64, -BigInt(h)) : BigInt(h)).toString(16)}]`)],
  ['segment overrides: objdump prints cs/ds/es/ss as prefixes, iced inside the operand (and objdump ds: on xlat and absolute operands)', (t) => t.replace(/\b[cdes]s:(?=\[|0x)/g, '')],
  ['objdump writes a zero displacement when the encoding has one', (t) => t.replace(/\+0x0\]/g, ']')],
  ['no base register, scaled riz/eiz: iced prints the absolute address', (t) => t.replace(/\[[re]iz\*\d([+-]0x[0-9a-f]+)\]/, (m, d) => `[0x${BigInt.asUintN(64, d[0] === '-' ? -BigInt(d.slice(1)) : BigInt(d.slice(1))).toString(16)}]`).replace(/\+[re]iz\*\d/, '')],
  ['16-bit push/ret/leave: objdump pushw/retw/leavew, iced data16 push ...', (t) => t.replace(/^(push|ret|leave|pop)w\b/, '$1')],
  ['x87 register forms: iced names st(0) as an operand objdump leaves implicit', (t) => t.replace(/^(f\w+) st,(st\(\d\))$/, '$1 $2').replace(/^(f\w+) st\(1\)(,st)?$/, '$1')],
  ['enter with 66: objdump enterw, iced data16 enter', (t) => t.replace(/^enterw /, 'enter ')],
  ['numbers: iced may print an immediate sign-extended to 64 bits differently', (t) => t.replace(/(^|[ ,])0x([0-9a-f]+)(?=$|,)/g, (m, p, h) => p + '0x' + big('0x' + h).toString(16))],
  ['cbw family', (t) => t.replace(/^cwtl$/, 'cwde')],
  ['0F 0D /3-7: objdump prints prefetch, iced prefetchw/prefetch_reserved', (t) => t.replace(/^(prefetchw?|prefetch_reserved) /, 'prefetch ')],
  ['hint nops 0F 19-1F: iced prints the ModRM.reg register as a second operand', (t) => t.replace(/^nop (\w+ PTR \[[^\]]*\]|\w+),\w+$/, 'nop $1')],
  ['imul with two equal registers: iced prints the two-operand alias', (t) => t.replace(/^imul (\w+),\1,(\w+)$/, 'imul $1,$2')],
  ['objdump annotates the 8087/287-only x87 control instructions', (t) => t.replace(/\((8087|287) only\)/, '')],
  ['90 with REX: objdump prints nop, iced xchg rax,rax', (t) => t.replace(/^xchg (\w+),\1$/, 'nop')],
];

export function normalize(t, intel = false) {
  for (const [, fn] of intel ? INTEL_MASKS : TEXT_MASKS) t = fn(t);
  return t;
}

/**
 * Decode `count` random 15-byte strings with both. Returns counts:
 *  valid: strings iced decodes; lenDiff: x64vm's length differs; lenMasked: differs for a
 *  known reason (listed in reasons); supported: instructions the ISA table decodes;
 *  textSame/textMasked/textDiff.
 */
export function compareIced(count, seed = 1, examples = 10, intel = false) {
  const r = rng(seed);
  const f = makeFormatter(intel);
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
    const mine = disasmOne(buf, 0, 15, 0, intel ? 'intel' : 'att', () => '');
    if (mine.supported) {
      res.supported++;
      const theirs = f.format(ins);
      const why = textReason(buf, normalize(mine.text, intel), normalize(theirs, intel));
      if (theirs === mine.text) res.textSame++;
      else if (normalize(theirs, intel) === normalize(mine.text, intel)) res.textMasked++;
      else if (why) { res.textMasked++; mask(why); }
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
  if (/\(bad\)/.test(mine) && /^(rep |repne |[a-z0-9.]+ )*(fcom|fcomp|fstp|fstpnce|fxch)\b/.test(theirs))
    return 'x87 register aliases (DC D0-DF, DE D0-D7, D9 D8-DF, DD C8-CF, DF C8-DF): binutils 2.40 prints (bad), iced decodes them';
  if (/^(rex\S* )*push|^(rex\S* )*pop/.test(mine) && bytes[0] === 0x66 && (bytes[1] & 0xf8) === 0x48)
    return 'push/pop with 66 and REX.W: objdump keeps the 16-bit size, iced (and the CPU) use 64 bits';
  if (/^movs(xd|lq)/.test(mine) && bytes.includes(0x66)) return 'movsxd with 66: objdump prints a 32-bit source register, iced a 16-bit one';
  if (/^(in|out) /.test(theirs) && bytes[0] === 0x66 && (bytes[1] & 0xf8) === 0x48) return 'in/out with 66 and REX.W: objdump uses the 16-bit size, iced 32 bits';
  if (/^pause$/.test(theirs)) return 'F3 REX.B 90: iced prints pause, objdump xchg with r8';
  let p = 0;
  while (p < 14 && (bytes[p] === 0x66 || bytes[p] === 0x67 || bytes[p] === 0xf2 || bytes[p] === 0xf3 || bytes[p] === 0xf0 || (bytes[p] & 0xf0) === 0x40 || [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65].includes(bytes[p]))) p++;
  const addr = /0x[0-9a-f]{5,}/.exec(mine)?.[0];
  if (bytes[p] >= 0xa0 && bytes[p] <= 0xa3 && addr && theirs.includes(addr)) return 'moffs: objdump movabs al,ds:0x.. (Intel), iced mov al,BYTE PTR [0x..]';
  if (bytes[p] === 0xff && bytes.subarray(0, p).includes(0x66) && /^(call|jmp)\b/.test(theirs)) return 'call/jmp Ev with 66: objdump a 16-bit operand (AMD), iced 64 bits (Intel)';
  if (/^prefetchit[01] /.test(theirs) && /^nop/.test(mine)) return '0F 18 /6 /7: binutils 2.40 names prefetchit0/1 only with a rip-relative operand';
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
