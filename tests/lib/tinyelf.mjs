// A hand-assembled ELF executable, independent of any compiler or host.

/** A minimal static x86-64 ELF executable: exit(42). 132 bytes. */
export function tinyElf() {
  const base = 0x400000;
  const code = Buffer.from([
    0xbf, 0x2a, 0x00, 0x00, 0x00, // mov edi, 42
    0xb8, 0x3c, 0x00, 0x00, 0x00, // mov eax, 60 (exit)
    0x0f, 0x05, //                   syscall
  ]);
  const ehsize = 64;
  const phsize = 56;
  const total = ehsize + phsize + code.length;
  const b = Buffer.alloc(total);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0); // ELFCLASS64, little-endian, version 1, SysV
  b.writeUInt16LE(2, 16); // e_type ET_EXEC
  b.writeUInt16LE(62, 18); // e_machine EM_X86_64
  b.writeUInt32LE(1, 20); // e_version
  b.writeBigUInt64LE(BigInt(base + ehsize + phsize), 24); // e_entry
  b.writeBigUInt64LE(BigInt(ehsize), 32); // e_phoff
  b.writeBigUInt64LE(0n, 40); // e_shoff
  b.writeUInt32LE(0, 48); // e_flags
  b.writeUInt16LE(ehsize, 52);
  b.writeUInt16LE(phsize, 54);
  b.writeUInt16LE(1, 56); // e_phnum
  b.writeUInt16LE(64, 58); // e_shentsize
  b.writeUInt16LE(0, 60); // e_shnum
  b.writeUInt16LE(0, 62); // e_shstrndx
  const ph = ehsize;
  b.writeUInt32LE(1, ph); // PT_LOAD
  b.writeUInt32LE(5, ph + 4); // PF_R | PF_X
  b.writeBigUInt64LE(0n, ph + 8); // p_offset
  b.writeBigUInt64LE(BigInt(base), ph + 16); // p_vaddr
  b.writeBigUInt64LE(BigInt(base), ph + 24); // p_paddr
  b.writeBigUInt64LE(BigInt(total), ph + 32); // p_filesz
  b.writeBigUInt64LE(BigInt(total), ph + 40); // p_memsz
  b.writeBigUInt64LE(0x1000n, ph + 48); // p_align
  code.copy(b, ehsize + phsize);
  return b;
}
