// ELF64 parsing and validation. Pure: takes bytes, returns a description or throws
// ElfError with the one-line message the user sees.

export class ElfError extends Error {}

export const ET_EXEC = 2, ET_DYN = 3;
export const PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_PHDR = 6, PT_TLS = 7, PT_GNU_STACK = 0x6474e551;
export const PF_X = 1, PF_W = 2, PF_R = 4;

export interface ProgramHeader {
  type: number; flags: number;
  offset: number; vaddr: number; filesz: number; memsz: number; align: number;
}

export interface ElfInfo {
  type: number;
  entry: number;
  phoff: number; phentsize: number; phnum: number;
  phdrs: ProgramHeader[];
  interp: string | null;
  execStack: boolean;
}

const MACHINES: Record<number, string> = {
  3: 'i386', 8: 'mips', 20: 'powerpc', 21: 'powerpc64', 22: 's390', 40: 'arm', 42: 'superh',
  43: 'sparc64', 50: 'ia64', 183: 'aarch64', 243: 'riscv', 258: 'loongarch', 247: 'bpf',
};

export function parseElf(b: Uint8Array): ElfInfo {
  if (b.length < 4 || b[0] !== 0x7f || b[1] !== 0x45 || b[2] !== 0x4c || b[3] !== 0x46) throw new ElfError('not an ELF file');
  if (b.length < 64) throw new ElfError('truncated ELF file');
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const cls = b[4], data = b[5];
  const machine = data === 2 ? dv.getUint16(18, false) : dv.getUint16(18, true);
  if (cls === 1) throw new ElfError(machine === 3 || machine === 62 ? '32-bit ELF, not x86-64' : `32-bit ELF for ${MACHINES[machine] ?? 'machine ' + machine}, not x86-64`);
  if (cls !== 2) throw new ElfError('not an ELF file');
  if (machine !== 62) throw new ElfError(`ELF for ${MACHINES[machine] ?? 'machine ' + machine}, not x86-64`);
  if (data !== 1) throw new ElfError('big-endian ELF, not x86-64');
  const type = dv.getUint16(16, true);
  if (type !== ET_EXEC && type !== ET_DYN) throw new ElfError(type === 1 ? 'relocatable object file, not an executable' : type === 4 ? 'core dump, not an executable' : 'not an executable ELF file');
  const u64 = (o: number) => dv.getUint32(o, true) + dv.getUint32(o + 4, true) * 4294967296;
  const entry = u64(24), phoff = u64(32);
  const phentsize = dv.getUint16(54, true), phnum = dv.getUint16(56, true);
  if (phentsize < 56 && phnum > 0) throw new ElfError('bad ELF program header size');
  if (phoff + phnum * phentsize > b.length) throw new ElfError('truncated ELF file');
  const phdrs: ProgramHeader[] = [];
  let interp: string | null = null, execStack = false;
  for (let k = 0; k < phnum; k++) {
    const o = phoff + k * phentsize;
    const ph: ProgramHeader = {
      type: dv.getUint32(o, true), flags: dv.getUint32(o + 4, true),
      offset: u64(o + 8), vaddr: u64(o + 16), filesz: u64(o + 32), memsz: u64(o + 40), align: u64(o + 48),
    };
    phdrs.push(ph);
    if (ph.type === PT_LOAD || ph.type === PT_INTERP) {
      if (ph.offset + ph.filesz > b.length) throw new ElfError('truncated ELF file');
      if (ph.type === PT_LOAD && ph.filesz > ph.memsz) throw new ElfError('bad ELF segment (file size above memory size)');
    }
    if (ph.type === PT_INTERP) {
      let end = ph.offset;
      while (end < ph.offset + ph.filesz && b[end] !== 0) end++;
      interp = new TextDecoder().decode(b.subarray(ph.offset, end));
    }
    if (ph.type === PT_GNU_STACK) execStack = (ph.flags & PF_X) !== 0;
  }
  if (!phdrs.some((p) => p.type === PT_LOAD)) throw new ElfError('ELF file has nothing to load');
  return { type, entry, phoff, phentsize, phnum, phdrs, interp, execStack };
}
