// `x64vm dis FILE`: disassemble the executable sections of an ELF file in the layout of
// `objdump -d` (section headers, <symbol>: labels, address, bytes 7 to a line, text).
// Pure: the caller reads the file and writes the output.

import { Insn } from '../cpu/insn.js';
import { decode } from '../cpu/decoder.js';
import { P_X, type Memory } from '../mem/memory.js';
import '../cpu/isa/index.js';
import { readElf, sortSymbols, SymbolFinder, symAnnot, F_FUNCTION, F_OBJECT, type ElfImage, type Sym, type Section } from './elfsyms.js';
import { insnLength, LenKind, prefixName, type LenInfo } from './x86len.js';
import { formatInsn, type Syntax, type AddrNamer } from './disasm.js';

export interface DisOptions {
  syntax: Syntax;
  start?: number;
  stop?: number;
  symbol?: string;
  /** called for every instruction printed (tests count supported instructions) */
  onInsn?: (d: DisInsn) => void;
}

/** One instruction as the disassembler sees it (for tests and tools). */
export interface DisInsn {
  addr: number;
  len: number;
  text: string;
  /** the ISA table knows the instruction (text comes from the table) */
  supported: boolean;
  /** not in the ISA table, but named by the disassembler itself (extraText) */
  extra?: boolean;
  kind: LenKind;
}

// A 15-byte window the CPU decoder reads from: page 0 executable, nothing else.
const scratch = new Uint8Array(4096);
const perm = new Uint8Array(1);
perm[0] = P_X;
class WindowFault extends Error {}
const windowMem = {
  u8: scratch, perm,
  fault(): never { throw new WindowFault(); },
  check(): boolean { return true; },
} as unknown as Memory;
const insn = new Insn();

/**
 * Decode and format the instruction at data[off] (address pc), never reading at or past
 * data[end]. Returns its length and text.
 */
export function disasmOne(data: Uint8Array, off: number, end: number, pc: number, syntax: Syntax, namer: AddrNamer): DisInsn {
  const li = insnLength(data, off, end);
  const out: DisInsn = { addr: pc, len: li.len, text: '', supported: false, kind: li.kind };
  switch (li.kind) {
    case LenKind.Truncated:
      out.text = li.fwait && prefixName(data[off]) ? prefixName(data[off])! : `.byte 0x${data[off].toString(16)}`;
      return out;
    case LenKind.Prefixes:
      out.text = li.prefixes.map((b) => prefixName(b)).join(' ');
      return out;
    case LenKind.Fwait:
      out.text = [...li.prefixes.map((b) => prefixName(b)), 'fwait'].join(' ');
      out.supported = li.prefixes.length === 0;
      return out;
    case LenKind.Bad:
      out.text = badText(li);
      return out;
  }
  // The table decoder works on a copy in which lock prefixes are neutral segment
  // prefixes: objdump prints "lock" on any instruction, the CPU would raise #UD.
  const n = li.len;
  // merged fwaits (9B) are left out: the table decodes the x87 instruction after them
  let w = 0, skip = 0;
  const vex = li.map >= 16 && li.map < 32;
  for (let k = 0; k < n; k++) {
    const b = data[off + k];
    if (li.fwait && b === 0x9b && off + k < li.opStart) { skip++; continue; }
    // objdump also decodes a VEX instruction after 66/F2/F3/REX (the CPU: #UD) and
    // prints those prefixes as unused: neutral for the table decoder likewise
    const neutral = b === 0xf0 || (vex && (b === 0x66 || b === 0xf2 || b === 0xf3 || (b >= 0x40 && b <= 0x4f)));
    scratch[w++] = neutral && off + k < li.opStart ? 0x2e : b;
  }
  // 66 on a rel32 call/jmp/jcc: objdump reads a rel16 (as AMD CPUs do, "callw"); the
  // table has the rel32 form (Intel CPUs ignore the 66), so the decoder is given the
  // displacement sign-extended to 32 bits
  let widen = 0;
  if (((li.map === 0 && (li.op === 0xe8 || li.op === 0xe9)) || (li.map === 1 && (li.op & 0xf0) === 0x80)) && n - (li.opStart - off) === (li.map === 0 ? 3 : 4)) {
    const ext = data[off + n - 1] & 0x80 ? 0xff : 0;
    scratch[w++] = ext; scratch[w++] = ext;
    widen = 2;
  }
  for (let k = w; k < 16; k++) scratch[k] = 0;
  const ex = extraText(data, off, li, syntax);
  if (ex !== null) { out.text = ex; out.extra = true; return out; }
  try {
    decode(windowMem, 0, insn);
  } catch {
    out.text = unsupportedText(li);
    return out;
  }
  if (insn.len + skip !== n + widen || !insn.def) {
    out.text = unsupportedText(li);
    return out;
  }
  insn.lock = li.prefixes.includes(0xf0);
  if (insn.def.map === 1 && (insn.def.op === 0x1a || insn.def.op === 0x1b) && (insn.mod !== 3 || insn.pfx66 || insn.rep)) {
    out.text = unsupportedText(li); // MPX bound instructions: the table has only the nop forms
    return out;
  }
  if (insn.def.map === 1 && insn.def.op === 0x1c && insn.mod !== 3 && (insn.reg & 7) === 0 && !insn.pfx66 && !insn.rep) {
    out.text = unsupportedText(li); // cldemote: a hint the table runs as a nop
    return out;
  }
  insn.len = n; insn.next = n;
  out.supported = true;
  out.text = formatInsn(insn, li, data, pc, syntax, namer);
  if (insn.def.name === '(invalid)' || /^(fstp1|fstp8|fstp9|fxch4|fxch7)$/.test(insn.def.name) || isX87Alias(insn)) { out.supported = true; out.text = badText(li); }
  return out;
}

/** x87 register forms the CPU accepts as aliases but objdump calls (bad) */
function isX87Alias(i: Insn): boolean {
  const d = i.def!;
  if (d.map !== 0 || i.mod !== 3) return false;
  const r = i.reg & 7;
  return (d.op === 0xdc && (r === 2 || r === 3)) || (d.op === 0xde && r === 2);
}

function badText(li: LenInfo): string {
  const names: string[] = [];
  let lastRep = -1;
  li.prefixes.forEach((b, k) => { if (b === 0xf2 || b === 0xf3 || b === 0x66) lastRep = k; });
  li.prefixes.forEach((b, k) => {
    // a mandatory-prefix slot of the 0F maps takes the last 66/F2/F3
    if (k === lastRep && li.map >= 1 && li.map <= 3) return;
    names.push(prefixName(b)!);
  });
  names.push('(bad)');
  return names.join(' ');
}

/**
 * Text of the few instructions outside the ISA table the disassembler names itself:
 * monitor/mwait and monitorx/mwaitx (their register operands are implicit: AT&T lists
 * them, with eax for rax under 67, Intel prints none) and mcommit. null for any other.
 */
function extraText(data: Uint8Array, off: number, li: LenInfo, syntax: Syntax): string | null {
  if (li.kind !== LenKind.Insn || li.map !== 1 || li.op !== 0x01) return null;
  const m = data[li.opStart + 2];
  const pf = li.prefixes;
  const last = (f: (b: number) => boolean): number => { for (let k = pf.length - 1; k >= 0; k--) if (f(pf[k])) return k; return -1; };
  const lastRep = last((b) => b === 0xf2 || b === 0xf3);
  const a32 = last((b) => b === 0x67);
  const att = syntax === 'att';
  let name: string, ops = '', used = -1;
  switch (m) {
    case 0xc8: case 0xfa:
      if (m === 0xfa && lastRep >= 0 && pf[lastRep] === 0xf3) { name = 'mcommit'; used = lastRep; break; }
      name = m === 0xc8 ? 'monitor' : 'monitorx';
      if (att) { ops = `%${a32 >= 0 ? 'eax' : 'rax'},%ecx,%edx`; used = a32; }
      break;
    case 0xc9: name = 'mwait'; if (att) ops = '%eax,%ecx'; break;
    case 0xfb: name = 'mwaitx'; if (att) ops = '%eax,%ecx,%ebx'; break;
    default: return null;
  }
  let head = '';
  pf.forEach((b, k) => { if (k !== used) head += prefixName(b) + ' '; });
  head += name;
  return ops ? head + ' '.repeat(Math.max(1, 7 - head.length)) + ops : head;
}

/** An instruction the length table knows but the ISA table does not implement. */
function unsupportedText(li: LenInfo): string {
  void li;
  return '(bad)';
}

function pad16(a: number): string { return a.toString(16).padStart(16, '0'); }

/** Disassemble a whole ELF image in objdump -d layout; `write` receives the text. */
export function disassembleElf(bytes: Uint8Array, fileName: string, opts: DisOptions, write: (s: string) => void): void {
  const img = readElf(bytes);
  write(`\n${fileName}:     file format elf64-x86-64\n\n`);
  for (const region of img.code) disassembleRegion(img, region, opts, write);
}

function disassembleRegion(img: ElfImage, region: ElfImage['code'][number], opts: DisOptions, write: (s: string) => void): void {
  const data = img.bytes.subarray(region.offset, region.offset + region.size);
  const secInfo = { name: region.name, addr: region.addr, size: region.size };
  const datasize = region.size;
  let addrOff = opts.start === undefined || opts.start < region.addr ? 0 : opts.start - region.addr;
  let stopOff = datasize;
  if (opts.stop !== undefined) stopOff = opts.stop < region.addr ? 0 : Math.min(opts.stop - region.addr, datasize);
  if (addrOff >= stopOff) return;
  const sorted = sortSymbols(img.syms, region.name);
  const finder = new SymbolFinder(sorted, secInfo, img.dynrels, img.type === 1);
  const execOrDyn = img.type === 2 || img.type === 3;
  // a target below 0 is an address near 2^64 for objdump: past every symbol
  const namer: AddrNamer = sorted.length === 0 ? () => '' : (a) => symAnnot(finder.find(a < 0 ? Number.MAX_SAFE_INTEGER : a, false)[0], a, secInfo, execOrDyn);

  write(`\nDisassembly of section ${region.name}:\n`);
  let [sym, place] = finder.find(region.addr + addrOff, true);
  // address column width: leading zeros dropped in groups of four (objdump)
  const endHex = pad16(region.addr + region.size);
  let skip = 0;
  while (endHex[skip] === '0') skip++;
  if (skip === 16 && region.addr !== 0) skip = 0;
  if (skip) skip = (skip - 1) & ~3;
  const addrCol = (a: number): string => {
    const s = pad16(a).slice(skip);
    let k = 0;
    while (k < s.length - 1 && s[k] === '0') k++;
    return ' '.repeat(k) + s.slice(k);
  };

  let doPrint = opts.symbol === undefined;
  let loopUntil: 'stop' | 'function' | 'next' = 'stop';
  while (addrOff < stopOff) {
    const addr = region.addr + addrOff;
    if (sym && opts.symbol !== undefined) {
      if (doPrint) {
        if (loopUntil === 'function' && (sym.flags & F_FUNCTION)) doPrint = false;
        else if (loopUntil === 'next') doPrint = false;
      } else if (sym.name === opts.symbol) {
        doPrint = true;
        if (sym.flags & F_FUNCTION) {
          if (sym.size > 0) { stopOff = Math.min(addrOff + sym.size, datasize); loopUntil = 'stop'; }
          else loopUntil = 'function';
        } else loopUntil = 'next';
      }
    }
    if (doPrint) write(`\n${pad16(addr)} ${symAnnot(sym, addr, secInfo, execOrDyn)}:\n`);
    let nextsym: Sym | null;
    if (sym && sym.value > addr) nextsym = sym;
    else if (!sym) nextsym = null;
    else {
      while (place < sorted.length && !(sorted[place].secName === region.name && sorted[place].value > sym.value)) place++;
      nextsym = place >= sorted.length ? null : sorted[place];
    }
    let nextStop: number;
    if (sym && sym.value > addr) nextStop = sym.value - region.addr;
    else if (!nextsym) nextStop = stopOff;
    else nextStop = nextsym.value - region.addr;
    if (nextStop > stopOff || nextStop <= addrOff) nextStop = stopOff;
    const insns = !sym || sym.secName !== region.name || sym.value > addr || !(sym.flags & F_OBJECT)
      || sym.name.includes('gnu_compiled') || sym.name.includes('gcc2_compiled') || (sym.flags & F_FUNCTION) !== 0;
    if (doPrint) disassembleBytes(data, region.addr, addrOff, nextStop, insns, opts, namer, addrCol, write);
    addrOff = nextStop;
    sym = nextsym;
  }
  void ({} as Section);
}

function disassembleBytes(data: Uint8Array, base: number, start: number, stop: number, insns: boolean, opts: DisOptions,
  namer: AddrNamer, addrCol: (a: number) => string, write: (s: string) => void): void {
  let off = start;
  let out = '';
  const flush = (): void => { if (out.length > 1 << 16) { write(out); out = ''; } };
  while (off < stop) {
    // runs of zero bytes: "..." (objdump skips 8 or more, or 1-2 at the very end)
    let z = 0;
    while (off + z < stop && data[off + z] === 0) z++;
    if (z >= 8 || (off + z === stop && z < 3 && z > 0)) {
      if (off + z !== stop) z &= ~3;
      out += '\t...\n';
      off += z;
      flush();
      continue;
    }
    const addr = base + off;
    if (!insns) {
      const n = Math.min(16, stop - off);
      let line = addrCol(addr) + ':\t';
      let asc = '';
      for (let k = 0; k < 16; k++) {
        if (k < n) {
          const b = data[off + k];
          line += b.toString(16).padStart(2, '0') + ' ';
          asc += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
        } else line += '   ';
      }
      out += line + '    ' + asc + '\n';
      off += n;
      flush();
      continue;
    }
    const d = disasmOne(data, off, stop, addr, opts.syntax, namer);
    opts.onInsn?.(d);
    let line = addrCol(addr) + ':\t';
    const n = d.len;
    const first = Math.min(n, 7);
    for (let k = 0; k < 7; k++) line += k < first ? data[off + k].toString(16).padStart(2, '0') + ' ' : '   ';
    line += '\t' + d.text;
    for (let pb = 7; pb < n; pb += 7) {
      line += '\n' + addrCol(addr + pb) + ':\t';
      for (let k = pb; k < Math.min(n, pb + 7); k++) line += data[off + k].toString(16).padStart(2, '0') + ' ';
    }
    out += line + '\n';
    off += n;
    flush();
  }
  if (out) write(out);
}

/** Disassemble raw bytes at `base` (no symbols): for tests and random-byte comparisons. */
export function disassembleRaw(data: Uint8Array, base: number, syntax: Syntax): DisInsn[] {
  const res: DisInsn[] = [];
  let off = 0;
  while (off < data.length) {
    const d = disasmOne(data, off, data.length, base + off, syntax, () => '');
    res.push(d);
    off += d.len;
  }
  return res;
}
