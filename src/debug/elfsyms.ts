// ELF sections, symbols and dynamic relocations for the disassembler, with the symbol
// choices `objdump -d` makes (which symbol names an address, how labels and
// <sym+off> annotations are formed), so `x64vm dis` output can be compared line by line.
// Pure: takes the file's bytes.

export class ElfSymError extends Error {}

export const SHT_SYMTAB = 2, SHT_RELA = 4, SHT_NOBITS = 8, SHT_DYNSYM = 11;
export const SHT_GNU_VERSYM = 0x6fffffff, SHT_GNU_VERDEF = 0x6ffffffd, SHT_GNU_VERNEED = 0x6ffffffe;
export const SHF_ALLOC = 2, SHF_EXECINSTR = 4;
const SHN_UNDEF = 0, SHN_ABS = 0xfff1, SHN_COMMON = 0xfff2;
const STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4, STT_COMMON = 5;
const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;

export interface Section {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

// Symbol flags, named after the properties objdump sorts and filters by.
export const F_LOCAL = 1, F_GLOBAL = 2, F_WEAK = 4, F_FUNCTION = 8, F_OBJECT = 16,
  F_SECTION = 32, F_FILE = 64, F_DEBUGGING = 128, F_SYNTHETIC = 256, F_UNDEF = 512, F_ABS = 1024, F_COMMON = 2048;

export interface Sym {
  name: string;
  /** absolute address */
  value: number;
  size: number;
  flags: number;
  /** name of the section the symbol belongs to ('*ABS*', '*UND*' ...) */
  secName: string;
  /** the section's address (objdump compares symbol values relative to it in one place) */
  secAddr: number;
  /** version text to print after the name ('' none), and whether it takes one '@' */
  version: string;
  hidden: boolean;
}

export interface Reloc { address: number; sym: Sym | null; type: number; addend: number }

export interface ElfImage {
  bytes: Uint8Array;
  type: number;
  sections: Section[];
  /** symbols used for disassembly, after objdump's filtering (synthetic @plt included) */
  syms: Sym[];
  /** dynamic relocations sorted by address */
  dynrels: Reloc[];
  /** code regions to disassemble: executable sections, else executable PT_LOAD segments */
  code: { name: string; addr: number; offset: number; size: number; section: Section | null }[];
}

export function readElf(b: Uint8Array): ElfImage {
  if (b.length < 64 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) throw new ElfSymError('not an ELF file');
  if (b[4] !== 2 || b[5] !== 1) throw new ElfSymError('not a 64-bit little-endian ELF file');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true), u32 = (o: number) => dv.getUint32(o, true);
  const u64 = (o: number) => dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 4294967296;
  const s64 = (o: number) => dv.getUint32(o, true) + dv.getInt32(o + 4, true) * 4294967296;
  if (u16(18) !== 62) throw new ElfSymError('ELF file is not for x86-64');
  const type = u16(16);
  const shoff = u64(40), shentsize = u16(58);
  let shnum = u16(60), shstrndx = u16(62);
  const sections: Section[] = [];
  if (shoff && shentsize >= 64 && shoff + 64 <= b.length) {
    if (shnum === 0) shnum = u32(shoff + 32) >>> 0; // extended numbering
    if (shstrndx === 0xffff) shstrndx = u32(shoff + 40);
    if (shoff + shnum * shentsize > b.length) throw new ElfSymError('truncated section header table');
    for (let k = 0; k < shnum; k++) {
      const o = shoff + k * shentsize;
      sections.push({
        index: k, name: '', type: u32(o + 4), flags: u64(o + 8), addr: u64(o + 16), offset: u64(o + 24),
        size: u64(o + 32), link: u32(o + 40), info: u32(o + 44), entsize: u64(o + 56), nameOff: u32(o),
      } as Section & { nameOff: number });
    }
    const strtab = sections[shstrndx];
    for (const s of sections) s.name = strtab ? cstr(b, strtab.offset + (s as Section & { nameOff: number }).nameOff, strtab.offset + strtab.size) : '';
  }
  const contents = (s: Section): Uint8Array => {
    if (s.type === SHT_NOBITS || s.offset + s.size > b.length) return new Uint8Array(0);
    return b.subarray(s.offset, s.offset + s.size);
  };

  // ---- symbols: .symtab, else .dynsym ----
  const symtab = sections.find((s) => s.type === SHT_SYMTAB);
  const dynsymSec = sections.find((s) => s.type === SHT_DYNSYM);
  const versions = dynsymSec ? readVersions(b, sections, dynsymSec) : null;
  const readSyms = (sec: Section, dynamic: boolean): Sym[] => {
    const strs = sections[sec.link];
    const out: Sym[] = [];
    const n = Math.floor(sec.size / 24);
    for (let k = 1; k < n; k++) {
      const o = sec.offset + k * 24;
      if (o + 24 > b.length) break;
      const nameOff = u32(o), info = b[o + 4], shndx = u16(o + 6);
      const value = u64(o + 8), size = u64(o + 16);
      let name = strs ? cstr(b, strs.offset + nameOff, strs.offset + strs.size) : '';
      let flags = 0, secName = '', secAddr = 0;
      const bind = info >> 4, st = info & 15;
      if (shndx === SHN_UNDEF) { flags |= F_UNDEF; secName = '*UND*'; }
      else if (shndx === SHN_ABS) { flags |= F_ABS; secName = '*ABS*'; }
      else if (shndx === SHN_COMMON) { flags |= F_COMMON; secName = '*COM*'; }
      else if (shndx < sections.length) { secName = sections[shndx].name; secAddr = sections[shndx].addr; }
      else { flags |= F_ABS; secName = '*ABS*'; }
      if (bind === STB_LOCAL) flags |= F_LOCAL;
      else if (bind === STB_GLOBAL) { if (shndx !== SHN_UNDEF && shndx !== SHN_COMMON) flags |= F_GLOBAL; }
      else if (bind === STB_WEAK) flags |= F_WEAK;
      // a section symbol has no name of its own: objdump calls it by its section's (<.plt>)
      if (st === STT_SECTION) { flags |= F_SECTION | F_DEBUGGING; if (!name && shndx < sections.length) name = secName; }
      else if (st === STT_FILE) flags |= F_FILE | F_DEBUGGING;
      else if (st === STT_FUNC) flags |= F_FUNCTION;
      else if (st === STT_OBJECT || st === STT_COMMON) flags |= F_OBJECT;
      let version = '', hidden = false;
      if (dynamic && versions) {
        const v = versions.of(k, name, true);
        version = v.text; hidden = v.hidden;
      }
      if (flags & F_UNDEF) hidden = true;
      out.push({ name, value, size, flags, secName, secAddr, version, hidden });
    }
    return out;
  };
  const dynsyms = dynsymSec ? readSyms(dynsymSec, true) : [];
  const base = symtab ? readSyms(symtab, false) : dynsyms;
  const syms = base.filter((s) => {
    if (!s.name) return false;
    if ((s.flags & (F_DEBUGGING | F_SECTION)) && !(s.name.startsWith('.plt') || s.name.startsWith('.got'))) return false;
    return !(s.flags & (F_UNDEF | F_COMMON));
  });

  // ---- dynamic relocations (RELA sections tied to .dynsym) ----
  const dynrels: Reloc[] = [];
  if (dynsymSec) {
    for (const s of sections) {
      if (s.type !== SHT_RELA || sections[s.link] !== dynsymSec) continue;
      const n = Math.floor(s.size / 24);
      for (let k = 0; k < n; k++) {
        const o = s.offset + k * 24;
        if (o + 24 > b.length) break;
        const symIdx = u32(o + 12), rtype = u32(o + 8);
        dynrels.push({ address: u64(o), type: rtype, addend: s64(o + 16), sym: symIdx > 0 && symIdx <= dynsyms.length ? dynsyms[symIdx - 1] : null });
      }
    }
    dynrels.sort((x, y) => x.address - y.address);
  }

  // ---- synthetic name@plt symbols ----
  if ((type === 2 || type === 3) && dynsyms.length > 0 && dynrels.length) syms.push(...pltSymbols(sections, contents, dynrels));

  // ---- code regions ----
  const code: ElfImage['code'] = [];
  for (const s of sections) {
    if ((s.flags & SHF_EXECINSTR) && s.type !== SHT_NOBITS && s.size > 0) code.push({ name: s.name, addr: s.addr, offset: s.offset, size: s.size, section: s });
  }
  if (!sections.length) {
    const phoff = u64(32), phentsize = u16(54), phnum = u16(56);
    for (let k = 0; k < phnum; k++) {
      const o = phoff + k * phentsize;
      if (o + 56 > b.length) break;
      if (u32(o) !== 1 || !(u32(o + 4) & 1)) continue;
      const off = u64(o + 8), filesz = u64(o + 32);
      if (filesz === 0 || off + filesz > b.length) continue;
      code.push({ name: `segment${k}`, addr: u64(o + 16), offset: off, size: filesz, section: null });
    }
  }
  return { bytes: b, type, sections, syms, dynrels, code };
}

function cstr(b: Uint8Array, start: number, end: number): string {
  let e = start;
  const lim = Math.min(end, b.length);
  while (e < lim && b[e] !== 0) e++;
  let s = '';
  for (let k = start; k < e; k++) s += String.fromCharCode(b[k]);
  // symbol names are UTF-8 (C++ and Rust symbols may hold non-ASCII)
  if (/[\x80-\xff]/.test(s)) s = new TextDecoder().decode(b.subarray(start, e));
  return s;
}

/** GNU symbol versioning: the text objdump prints after a dynamic symbol's name. */
function readVersions(b: Uint8Array, sections: Section[], dynsym: Section) {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => dv.getUint16(o, true), u32 = (o: number) => dv.getUint32(o, true);
  const versym = sections.find((s) => s.type === SHT_GNU_VERSYM);
  const verdef = sections.find((s) => s.type === SHT_GNU_VERDEF);
  const verneed = sections.find((s) => s.type === SHT_GNU_VERNEED);
  if (!versym || (!verdef && !verneed)) return null;
  if (Math.floor(versym.size / 2) !== Math.floor(dynsym.size / 24)) return null;
  const defs: { flags: number; name: string }[] = []; // index k = version k+1
  if (verdef) {
    const strs = sections[verdef.link];
    let o = verdef.offset;
    for (let n = 0; n < verdef.info && o + 20 <= b.length; n++) {
      const flags = u16(o + 2), ndx = u16(o + 4), aux = u32(o + 12), next = u32(o + 16);
      const name = strs && aux ? cstr(b, strs.offset + u32(o + aux), strs.offset + strs.size) : '';
      defs[ndx - 1] = { flags, name };
      if (!next) break;
      o += next;
    }
    for (let k = 0; k < defs.length; k++) defs[k] ??= { flags: 0, name: '' };
  }
  const needs = new Map<number, string>();
  if (verneed) {
    const strs = sections[verneed.link];
    let o = verneed.offset;
    for (let n = 0; n < verneed.info && o + 16 <= b.length; n++) {
      const cnt = u16(o + 2);
      let a = o + u32(o + 8);
      for (let j = 0; j < cnt && a + 16 <= b.length; j++) {
        const other = u16(a + 6);
        if (!needs.has(other)) needs.set(other, strs ? cstr(b, strs.offset + u32(a + 8), strs.offset + strs.size) : '');
        const nx = u32(a + 12);
        if (!nx) break;
        a += nx;
      }
      const next = u32(o + 12);
      if (!next) break;
      o += next;
    }
  }
  return {
    of(k: number, symName: string, baseP: boolean): { text: string; hidden: boolean } {
      const raw = u16(versym.offset + 2 * k);
      let hidden = (raw & 0x8000) !== 0;
      const v = raw & 0x7fff;
      if (v === 0) return { text: '', hidden };
      if (v === 1 && (v > defs.length || (defs[0].flags & 1))) return { text: baseP ? 'Base' : '', hidden };
      if (v <= defs.length) {
        const nm = defs[v - 1].name;
        return { text: baseP || !nm || nm !== symName ? nm : '', hidden };
      }
      const nm = needs.get(v);
      if (nm === undefined) return { text: '<corrupt>', hidden };
      hidden = true;
      return { text: nm, hidden };
    },
  };
}

// PLT entry layouts the GNU linker writes for x86-64, which objdump recognises to name
// PLT entries name@plt. Bytes that vary (GOT offsets, indices) are compared only up
// to gotOff, as objdump does.
interface PltLayout { entry: number[]; size: number; gotOff: number; insnSize: number }
const LAZY_PLT0 = [0xff, 0x35, 8, 0, 0, 0, 0xff, 0x25, 16, 0, 0, 0, 0x0f, 0x1f, 0x40, 0x00];
const LAZY_BND_PLT0 = [0xff, 0x35, 8, 0, 0, 0, 0xf2, 0xff, 0x25, 16, 0, 0, 0, 0x0f, 0x1f, 0];
const LAZY: PltLayout = { entry: [0xff, 0x25, 0, 0, 0, 0, 0x68, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0], size: 16, gotOff: 2, insnSize: 6 };
const LAZY_BND: PltLayout = { entry: [0x68, 0, 0, 0, 0, 0xf2, 0xe9, 0, 0, 0, 0, 0x0f, 0x1f, 0x44, 0, 0], size: 16, gotOff: 3, insnSize: 7 };
const LAZY_IBT: PltLayout = { entry: [0xf3, 0x0f, 0x1e, 0xfa, 0x68, 0, 0, 0, 0, 0xf2, 0xe9, 0, 0, 0, 0, 0x90], size: 16, gotOff: 7, insnSize: 11 };
const X32_LAZY_IBT: PltLayout = { entry: [0xf3, 0x0f, 0x1e, 0xfa, 0x68, 0, 0, 0, 0, 0xe9, 0, 0, 0, 0, 0x66, 0x90], size: 16, gotOff: 6, insnSize: 10 };
const NON_LAZY: PltLayout = { entry: [0xff, 0x25, 0, 0, 0, 0, 0x66, 0x90], size: 8, gotOff: 2, insnSize: 6 };
const NON_LAZY_BND: PltLayout = { entry: [0xf2, 0xff, 0x25, 0, 0, 0, 0, 0x90], size: 8, gotOff: 3, insnSize: 7 };
const NON_LAZY_IBT: PltLayout = { entry: [0xf3, 0x0f, 0x1e, 0xfa, 0xf2, 0xff, 0x25, 0, 0, 0, 0, 0x0f, 0x1f, 0x44, 0, 0], size: 16, gotOff: 7, insnSize: 11 };
const X32_NON_LAZY_IBT: PltLayout = { entry: [0xf3, 0x0f, 0x1e, 0xfa, 0xff, 0x25, 0, 0, 0, 0, 0x66, 0x0f, 0x1f, 0x44, 0, 0], size: 16, gotOff: 6, insnSize: 10 };

function same(data: Uint8Array, at: number, tmpl: number[], n: number): boolean {
  if (at + n > data.length) return false;
  for (let k = 0; k < n; k++) if (data[at + k] !== tmpl[k]) return false;
  return true;
}

const R_X86_64_GLOB_DAT = 6, R_X86_64_JUMP_SLOT = 7, R_X86_64_IRELATIVE = 37;

function pltSymbols(sections: Section[], contents: (s: Section) => Uint8Array, relocs: Reloc[]): Sym[] {
  const out: Sym[] = [];
  const used = new Set<Reloc>();
  const byAddr = new Map<number, Reloc>();
  for (const r of relocs) if (!byAddr.has(r.address)) byAddr.set(r.address, r);
  const kinds: [string, 'unknown' | 'nonlazy' | 'second'][] = [['.plt', 'unknown'], ['.plt.got', 'nonlazy'], ['.plt.sec', 'second'], ['.plt.bnd', 'second']];
  for (const [name, initial] of kinds) {
    const sec = sections.find((s) => s.name === name);
    if (!sec || sec.size === 0) continue;
    const data = contents(sec);
    let kind: string = 'unknown';
    let lazy: PltLayout = LAZY, nonLazy: PltLayout = NON_LAZY;
    if (initial === 'unknown' && sec.size >= 32) {
      if (same(data, 0, LAZY_PLT0, 2) && data[6] === 0xff && data[7] === 0x25) {
        if (same(data, X32_LAZY_IBT.size, X32_LAZY_IBT.entry, X32_LAZY_IBT.gotOff)) { kind = 'lazy+second'; lazy = X32_LAZY_IBT; }
        else kind = 'lazy';
      } else if (same(data, 0, LAZY_BND_PLT0, 2) && data[6] === 0xf2 && data[7] === 0xff && data[8] === 0x25) {
        kind = 'lazy+second';
        lazy = same(data, LAZY_IBT.size, LAZY_IBT.entry, LAZY_IBT.gotOff) ? LAZY_IBT : LAZY_BND;
      }
    }
    if ((kind === 'unknown' && (initial === 'unknown' || initial === 'nonlazy')) && sec.size >= NON_LAZY.size) {
      if (same(data, 0, NON_LAZY.entry, NON_LAZY.gotOff)) kind = 'nonlazy';
    }
    if (kind === 'unknown' && (initial === 'unknown' || initial === 'second' || initial === 'nonlazy')) {
      // objdump tries the second-PLT layouts whenever the section is still unrecognised
      if (sec.size >= NON_LAZY_BND.size && same(data, 0, NON_LAZY_BND.entry, NON_LAZY_BND.gotOff)) { kind = 'second'; nonLazy = NON_LAZY_BND; }
      else if (sec.size >= NON_LAZY_IBT.size && same(data, 0, NON_LAZY_IBT.entry, NON_LAZY_IBT.gotOff)) { kind = 'second'; nonLazy = NON_LAZY_IBT; }
      else if (sec.size >= X32_NON_LAZY_IBT.size && same(data, 0, X32_NON_LAZY_IBT.entry, X32_NON_LAZY_IBT.gotOff)) { kind = 'second'; nonLazy = X32_NON_LAZY_IBT; }
    }
    if (kind === 'unknown') continue;
    if (kind === 'lazy+second') continue; // its entries are named through the second PLT
    const layout = kind === 'lazy' ? lazy : nonLazy;
    let k = kind === 'lazy' ? 1 : 0;
    const n = Math.floor(sec.size / layout.size);
    for (; k < n; k++) {
      const off = k * layout.size;
      if (off + layout.gotOff + 4 > data.length) break;
      const rel32 = data[off + layout.gotOff] | (data[off + layout.gotOff + 1] << 8) | (data[off + layout.gotOff + 2] << 16) | (data[off + layout.gotOff + 3] << 24);
      const got = sec.addr + off + rel32 + layout.insnSize;
      const r = byAddr.get(got);
      if (!r || used.has(r) || (r.type !== R_X86_64_JUMP_SLOT && r.type !== R_X86_64_GLOB_DAT && r.type !== R_X86_64_IRELATIVE)) continue;
      used.add(r);
      const base = r.sym;
      let nm = base ? base.name : '*ABS*';
      if (r.addend !== 0) nm += '+0x' + BigInt.asUintN(64, BigInt(r.addend)).toString(16);
      let flags = base ? base.flags & ~(F_SECTION | F_UNDEF) : 0;
      if (!(flags & F_LOCAL)) flags |= F_GLOBAL;
      flags |= F_SYNTHETIC;
      out.push({ name: nm + '@plt', value: sec.addr + off, size: 0, flags, secName: sec.name, secAddr: sec.addr, version: '', hidden: false });
    }
  }
  return out;
}

// ---- objdump's symbol choice -------------------------------------------------------

function isFileSym(s: Sym): boolean {
  const n = s.name, l = n.length;
  return (s.flags & F_FILE) !== 0 || (l > 2 && n[l - 2] === '.' && (n[l - 1] === 'o' || n[l - 1] === 'a'));
}

/** objdump's ordering of symbols for one section being disassembled. */
export function sortSymbols(syms: Sym[], secName: string): Sym[] {
  const cmpFlag = (a: Sym, b: Sym, f: number, firstIfSet: boolean): number => {
    const x = (a.flags & f) !== 0, y = (b.flags & f) !== 0;
    if (x === y) return 0;
    return x === firstIfSet ? -1 : 1;
  };
  return syms.slice().sort((a, b) => {
    if (a.value !== b.value) return a.value > b.value ? 1 : -1;
    const as = a.secName === secName, bs = b.secName === secName;
    if (as !== bs) return as ? -1 : 1;
    const ag = a.name.includes('gnu_compiled') || a.name.includes('gcc2_compiled');
    const bg = b.name.includes('gnu_compiled') || b.name.includes('gcc2_compiled');
    if (ag !== bg) return ag ? 1 : -1;
    const af = isFileSym(a), bf = isFileSym(b);
    if (af !== bf) return af ? 1 : -1;
    let c;
    if ((c = cmpFlag(a, b, F_DEBUGGING, false))) return c;
    if ((c = cmpFlag(a, b, F_SECTION, false))) return c;
    if ((c = cmpFlag(a, b, F_FUNCTION, true))) return c;
    if ((c = cmpFlag(a, b, F_OBJECT, true))) return c;
    if ((c = cmpFlag(a, b, F_LOCAL, false))) return c;
    if ((c = cmpFlag(a, b, F_GLOBAL, true))) return c;
    const asz = a.flags & (F_SECTION | F_SYNTHETIC) ? 0 : a.size, bsz = b.flags & (F_SECTION | F_SYNTHETIC) ? 0 : b.size;
    if (asz !== bsz) return asz > bsz ? -1 : 1;
    if ((a.name[0] === '.') !== (b.name[0] === '.')) return a.name[0] === '.' ? 1 : -1;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** Finds the symbol objdump would name an address by, within one section's ordering. */
export class SymbolFinder {
  constructor(readonly sorted: Sym[], readonly section: { name: string; addr: number; size: number }, readonly dynrels: Reloc[], readonly relocatable: boolean) {
    this.relByAddr = new Map();
    for (const r of dynrels) {
      if (r.sym && !(r.sym.flags & F_ABS) && !this.relByAddr.has(r.address)) this.relByAddr.set(r.address, r.sym);
    }
  }
  private relByAddr: Map<number, Sym>;

  /** returns [symbol or null, index in sorted] */
  find(vma: number, requireSec: boolean): [Sym | null, number] {
    const ss = this.sorted, n = ss.length;
    if (n < 1) return [null, 0];
    let min = 0, max = n;
    while (min + 1 < max) {
      const mid = (min + max) >> 1;
      const v = ss[mid].value;
      if (v > vma) max = mid;
      else if (v < vma) min = mid;
      else { min = mid; break; }
    }
    let place = min;
    while (place > 0 && ss[place].value === ss[place - 1].value) place--;
    for (let k = place; k < max && ss[k].value === ss[place].value; k++) {
      if (ss[k].secName === this.section.name) return [ss[k], k];
    }
    const sec = this.section;
    const wantSection = requireSec || (this.relocatable && vma >= sec.addr && vma < sec.addr + sec.size);
    const ok = (k: number) => !wantSection || ss[k].secName === sec.name;
    if (!ok(place)) {
      let newplace = n;
      for (let i = min - 1; i >= 0; i--) {
        if (ok(i)) {
          if (newplace === n) newplace = i;
          if (ss[i].value !== ss[newplace].value) break;
          newplace = i;
        }
      }
      if (newplace !== n) place = newplace;
      else {
        for (let i = place + 1; i < n; i++) if (ok(i)) { place = i; break; }
      }
      if (!ok(place)) return [null, place];
    }
    const s = ss[place];
    // objdump compares the section-relative value with the address here
    if (!wantSection && s.value - (s.flags & F_ABS ? 0 : s.secAddr) !== vma && this.dynrels.length
      && this.dynrels[0].address <= vma && this.dynrels[this.dynrels.length - 1].address >= vma && !(s.flags & F_SYNTHETIC)) {
      const r = this.relByAddr.get(vma);
      if (r) return [r, place];
    }
    return [s, place];
  }
}

export function symName(s: Sym): string {
  return s.version ? s.name + (s.hidden ? '@' : '@@') + s.version : s.name;
}

/** `<sym+0x10>` as objdump prints it after an address. */
export function symAnnot(s: Sym | null, vma: number, section: { name: string; addr: number }, execOrDyn: boolean): string {
  if (!s) {
    const d = vma - section.addr;
    return `<${section.name}${d < 0 ? '-0x' + (-d).toString(16) : d > 0 ? '+0x' + d.toString(16) : ''}>`;
  }
  let t = '<' + symName(s);
  if (s.value === vma) { /* exact */ }
  else if (execOrDyn && (s.flags & F_UNDEF)) { /* undefined symbols have no value */ }
  else if (s.value > vma && vma >= 0) t += '-0x' + hex64(s.value - vma);
  // (vma < 0 stands for 2^64 + vma, above every symbol: hex64 of the difference wraps)
  else t += '+0x' + hex64(vma - s.value);
  return t + '>';
}

function hex64(v: number): string {
  return v >= 0 ? v.toString(16) : BigInt.asUintN(64, BigInt(v)).toString(16);
}
