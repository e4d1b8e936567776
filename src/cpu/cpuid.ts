// CPUID: one consistent CPU (DESIGN.md "CPUID"). Claim only what is implemented:
// glibc and musl choose string and math routines from these bits.

const VENDOR = 'GenuineIntel';
const BRAND = 'x64vm virtual CPU (x86-64-v2 baseline)'.padEnd(48, '\0');

function str4(s: string, at: number): number {
  return (s.charCodeAt(at) | (s.charCodeAt(at + 1) << 8) | (s.charCodeAt(at + 2) << 16) | (s.charCodeAt(at + 3) << 24)) >>> 0;
}

/** Feature bits of leaf 1 and 0x80000001, grown as instructions are implemented. */
export const features = {
  // leaf 1 edx: fpu, tsc, cx8, cmov, mmx, fxsr, sse, sse2
  leaf1Edx: (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26),
  // leaf 1 ecx: cx16 (13), popcnt (23); SSE3+ when implemented
  leaf1Ecx: (1 << 13) | (1 << 23)
    // pclmulqdq (1), sse4.2 (20), movbe (22), aes (25), rdrand (30)
    | (1 << 1) | (1 << 20) | (1 << 22) | (1 << 25) | (1 << 30)
    // sse3 (0), ssse3 (9), sse4.1 (19); not monitor (3): monitor/mwait are #UD in user mode
    | (1 << 0) | (1 << 9) | (1 << 19),
  // 0x80000001 edx: syscall, nx, rdtscp, lm
  ext1Edx: (1 << 11) | (1 << 20) | (1 << 27) | (1 << 29),
  // 0x80000001 ecx: lahf/sahf (0), lzcnt (5, "abm")
  ext1Ecx: (1 << 0) | (1 << 5),
  // leaf 7 ebx: bmi1 (3), bmi2 (8), adx (19)
  leaf7Ebx: (1 << 3) | (1 << 8) | (1 << 19)
    | (1 << 18), // rdseed
};

const out = new Uint32Array(4);

export function cpuid(leaf: number, sub: number): Uint32Array {
  out.fill(0);
  switch (leaf) {
    case 0:
      out[0] = 0xd; out[1] = str4(VENDOR, 0); out[3] = str4(VENDOR, 4); out[2] = str4(VENDOR, 8);
      break;
    case 1:
      out[0] = 0x000906ea; // family 6 model 0x9e stepping 10
      out[1] = (0 << 24) | (1 << 16) | (8 << 8); // apic id 0, 1 logical cpu, clflush 64 bytes
      out[2] = features.leaf1Ecx;
      out[3] = features.leaf1Edx;
      break;
    case 7:
      if (sub === 0) out[1] = features.leaf7Ebx;
      break;
    case 0x80000000: out[0] = 0x80000008; break;
    case 0x80000001: out[2] = features.ext1Ecx; out[3] = features.ext1Edx; break;
    case 0x80000002: case 0x80000003: case 0x80000004: {
      const o = (leaf - 0x80000002) * 16;
      for (let k = 0; k < 4; k++) out[k] = str4(BRAND, o + 4 * k);
      break;
    }
    case 0x80000006: out[2] = (256 << 16) | (8 << 12) | 64; break; // 256 KiB L2, 64-byte lines
    case 0x80000008: out[0] = 0x3027; break; // 39-bit physical, 48-bit virtual
    case 4:
      // deterministic cache parameters: one level-1 data cache of 32 KiB
      if (sub === 0) { out[0] = 0x121; out[1] = (7 << 22) | (0 << 12) | 63; out[2] = 63; }
      break;
    default: break;
  }
  return out;
}
