// Regenerates src/debug/vex-valid.ts: which VEX, EVEX and XOP encodings GNU objdump
// decodes and which it calls "(bad)" (then it stops after the opcode byte and resumes
// at the ModRM byte). x86len.ts needs this to keep instruction boundaries equal to
// objdump's in data that sits in code sections and happens to start with C4/C5, 62 or
// 8F. The verdicts are measured: one binary holds every map x opcode x combination of
// the fields below, each followed by NOPs so objdump resynchronises.
//   VEX  (C4): pp, L, W, ModRM register/memory, vvvv 1111b or 0000b, x ModRM.reg 0-7
//   EVEX (62): pp, L'L, W, EVEX.b, ModRM register/memory, vvvv 1111b or 0000b (ModRM.reg 0-7 only for the
//              group opcodes listed in EVEX_GROUPS); R/X/B/R' = 0, V' = 0, no mask, no z
//              (gathers/scatters, EVEX_VSIB: mask k1 and a SIB byte in the memory form)
//   XOP  (8F): L, W, ModRM register/memory, vvvv 1111b or 0000b, x ModRM.reg 0-7; pp = 0 (else always bad)
//
//   node tests/disasm-vex-table.mjs            (needs objdump; writes the .ts file)

import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.cache', 'disasm');
mkdirSync(tmp, { recursive: true });
const PAD = 16;

// EVEX gathers, scatters and their prefetches exist only with a mask register and a
// VSIB memory operand: probed with k1 and a SIB byte (objdump rejects them without)
export const EVEX_VSIB = new Set([0x290, 0x291, 0x292, 0x293, 0x2a0, 0x2a1, 0x2a2, 0x2a3, 0x2c6, 0x2c7]);
export const EVEX_GROUPS = new Set([0x171, 0x172, 0x173, 0x2c6, 0x2c7]);
// bit `V` of a combination: vvvv (and EVEX.V') name a register (vvvv = 0000b) instead
// of being unused (1111b): forms without a vvvv operand are (bad) then
export const KINDS = {
  vex: { maps: [1, 2, 3], combos: 64, opLen: 4, regs: () => 8,
    // combo: pp | L << 2 | W << 3 | (mod == 3) << 4 | V << 5
    enc: (map, op, c, reg) => [0xc4, 0xe0 | map, (((c >> 3) & 1) << 7) | ((c >> 5) & 1 ? 0 : 0xf << 3) | (((c >> 2) & 1) << 2) | (c & 3), op, ((c >> 4) & 1 ? 0xc0 : 0) | (reg << 3)] },
  evex: { maps: [1, 2, 3, 5, 6], combos: 256, opLen: 5, regs: (map, op) => (EVEX_GROUPS.has((map << 8) | op) ? 8 : 1),
    // combo: pp | W << 2 | L'L << 3 | b << 5 | (mod == 3) << 6 | V << 7
    enc: (map, op, c, reg) => {
      const vsib = EVEX_VSIB.has((map << 8) | op) && !((c >> 6) & 1);
      return [0x62, 0xf0 | map, (((c >> 2) & 1) << 7) | ((c >> 7) & 1 ? 0 : 0xf << 3) | 4 | (c & 3), (((c >> 3) & 3) << 5) | (((c >> 5) & 1) << 4) | 8 | (vsib ? 1 : 0), op,
        ((c >> 6) & 1 ? 0xc0 : 0) | (reg << 3) | (vsib ? 4 : 0), ...(vsib ? [0x08] : [])];
    } },
  // the legacy 0F, 0F 38 and 0F 3A maps under each mandatory-prefix slot (combo: NP/66/F3/F2
  // | (mod == 3) << 2); 0F 01 and 0F AE with a register depend on ModRM.rm too (kind
  // fixed); not 0F 0F (3DNow!), nor the escapes 0F 38 and 0F 3A themselves
  legacy: { maps: [1, 2, 3], combos: 8, opLen: (c, map) => ((c & 3) ? 3 : 2) + (map > 1 ? 1 : 0), regs: () => 8,
    skip: (map, op) => map === 1 && (op === 0x0f || op === 0x38 || op === 0x3a),
    enc: (map, op, c, reg) => [...[[], [0x66], [0xf3], [0xf2]][c & 3], 0x0f, ...(map === 2 ? [0x38] : map === 3 ? [0x3a] : []), op, ((c >> 2) & 1 ? 0xc0 : 0) | (reg << 3)] },
  // 0F 01 and 0F AE with a register ModRM, one entry per ModRM byte ("map" is the 0F
  // opcode, "opcode" the ModRM byte), combo = mandatory-prefix slot; objdump's (bad)
  // spans the prefixes and 0F xx, and it resumes at the ModRM byte
  fixed: { maps: [0x01, 0xae], combos: 4, opLen: (c) => (c ? 3 : 2), regs: () => 1, skip: (map, op) => op < 0xc0,
    enc: (map, op, c) => [...[[], [0x66], [0xf3], [0xf2]][c], 0x0f, map, op] },
  xop: { maps: [8, 9, 10], combos: 16, opLen: 4, regs: () => 8,
    // combo: L | W << 1 | (mod == 3) << 2 | V << 3
    enc: (map, op, c, reg) => [0x8f, 0xe0 | map, (((c >> 1) & 1) << 7) | ((c >> 3) & 1 ? 0 : 0xf << 3) | ((c & 1) << 2), op, ((c >> 2) & 1 ? 0xc0 : 0) | (reg << 3)] },
};

function probe(kind) {
  const K = KINDS[kind];
  const cases = new Map(); // key -> [[offsets by reg] by combo]
  const bytes = [];
  const lens = new Map(); // offset -> bytes objdump's (bad) spans when invalid
  for (const map of K.maps) for (let op = 0; op < 256; op++) {
    if (K.skip?.(map, op)) continue;
    const per = [];
    for (let c = 0; c < K.combos; c++) {
      const offs = [];
      for (let reg = 0; reg < K.regs(map, op); reg++) {
        offs.push(bytes.length);
        lens.set(bytes.length, typeof K.opLen === 'function' ? K.opLen(c, map) : K.opLen);
        bytes.push(...K.enc(map, op, c, reg));
        for (let k = 0; k < PAD; k++) bytes.push(0x90);
      }
      per.push(offs);
    }
    cases.set((map << 8) | op, per);
  }
  const bin = join(tmp, `vex-probe-${kind}.${process.pid}.bin`);
  writeFileSync(bin, Buffer.from(bytes));
  let out;
  try { out = execFileSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', bin], { encoding: 'latin1', maxBuffer: 1 << 30 }); } finally { rmSync(bin, { force: true }); }
  const bad = new Set(), starts = new Set();
  for (const line of out.split('\n')) {
    const m = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t(.*)$/.exec(line);
    if (!m) continue;
    const off = parseInt(m[1], 16);
    starts.add(off);
    // "(bad)", possibly after the names of prefixes it did not take as mandatory ("repz (bad)")
    if (/^((repz|repnz|data16|lock|addr32|rex\S*) )*\(bad\)/.test(m[3].trim()) && m[2].trim().split(' ').length === lens.get(off)) bad.add(off);
  }
  const entries = [];
  let nBad = 0, n = 0;
  for (const [key, per] of cases) {
    const masks = per.map((offs) => {
      let m = 0;
      offs.forEach((off, reg) => {
        n++;
        if (!starts.has(off)) throw new Error(`${kind}: objdump did not resynchronise before ${off.toString(16)}`);
        if (bad.has(off)) { m |= 1 << reg; nBad++; }
      });
      return offs.length === 1 && m ? 0xff : m;
    });
    if (masks.every((m) => m === 0)) continue;
    if (masks.every((m) => m === 0xff)) { entries.push(`  [0x${key.toString(16)}, -1],`); continue; }
    if (masks.every((m) => m === 0 || m === 0xff)) {
      const words = [];
      for (let w = 0; w < K.combos; w += 32) {
        let v = 0;
        for (let c = w; c < Math.min(w + 32, K.combos); c++) if (masks[c]) v += 2 ** (c - w);
        words.push('0x' + v.toString(16));
      }
      entries.push(`  [0x${key.toString(16)}, ${words.length === 1 ? words[0] : `[${words.join(', ')}]`}],`);
    } else entries.push(`  [0x${key.toString(16)}, { reg: [${masks.map((m) => '0x' + m.toString(16)).join(', ')}] }],`);
  }
  console.log(`${kind}: ${n} encodings probed, ${nBad} (bad); ${entries.length} opcodes with (bad) encodings`);
  return entries;
}

/** The probe bytes of one kind (optionally only some ModRM.reg values, every n-th opcode), for tests. */
export function probeBytes(kind, regs = null, every = 1) {
  const K = KINDS[kind];
  const bytes = [];
  for (const map of K.maps) for (let op = 0; op < 256; op++) {
    if (K.skip?.(map, op) || (op + map) % every !== 0) continue;
    for (let c = 0; c < K.combos; c++) for (let reg = 0; reg < K.regs(map, op); reg++) {
      if (regs && K.regs(map, op) === 8 && !regs.includes(reg)) continue;
      bytes.push(...K.enc(map, op, c, reg));
      for (let k = 0; k < PAD; k++) bytes.push(0x90);
    }
  }
  return bytes;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const tables = Object.fromEntries(Object.keys(KINDS).map((k) => [k, probe(k)]));
  const ts = `// Generated by tests/disasm-vex-table.mjs from GNU objdump's behaviour: do not edit.
  // Which VEX, EVEX and XOP encodings objdump prints as "(bad)" (stopping after the
  // opcode byte). Key: map << 8 | opcode; encodings not listed are decoded by objdump.
  // Value: -1 (always bad), a bit mask over the field combination (bad for every
  // ModRM.reg) as one number or 32-bit words, or { reg: per-combination masks over
  // ModRM.reg }. V: vvvv (and EVEX.V') name a register instead of being 1111b.
  //   VEX  combo = pp | L << 2 | W << 3 | (ModRM.mod == 3) << 4 | V << 5
  //   EVEX combo = pp | W << 2 | L'L << 3 | EVEX.b << 5 | (ModRM.mod == 3) << 6 | V << 7
  //   XOP  combo = L | W << 1 | (ModRM.mod == 3) << 2 | V << 3
  export type BadSet = number | readonly number[] | { readonly reg: readonly number[] };

  export const VEX_BAD: ReadonlyMap<number, BadSet> = new Map<number, BadSet>([
  ${tables.vex.join('\n')}
  ]);

  export const EVEX_BAD: ReadonlyMap<number, BadSet> = new Map<number, BadSet>([
  ${tables.evex.join('\n')}
  ]);

  // legacy 0F (key 0x1xx), 0F 38 (0x2xx) and 0F 3A (0x3xx) maps, combo = mandatory-prefix
  // slot (NP 0, 66 1, F3 2, F2 3) | (ModRM.mod == 3) << 2: objdump's (bad) spans the
  // prefixes and the opcode bytes
  export const LEGACY0F_BAD: ReadonlyMap<number, BadSet> = new Map<number, BadSet>([
  ${tables.legacy.join('\n')}
  ]);

  // 0F 01 and 0F AE with a register ModRM: key 0F opcode << 8 | ModRM, combo = mandatory-
  // prefix slot: objdump's (bad) spans the prefixes and 0F xx
  export const FIXED0F_BAD: ReadonlyMap<number, BadSet> = new Map<number, BadSet>([
  ${tables.fixed.join('\n')}
  ]);

  export const XOP_BAD: ReadonlyMap<number, BadSet> = new Map<number, BadSet>([
  ${tables.xop.join('\n')}
  ]);

  /** Is the encoding with this combination and ModRM.reg one objdump calls (bad)? */
  export function isBad(set: BadSet | undefined, combo: number, reg: number): boolean {
    if (set === undefined) return false;
    if (set === -1) return true;
    if (typeof set === 'number') return ((set >>> combo) & 1) === 1;
    if ('reg' in set) return ((set.reg[combo] >> reg) & 1) === 1;
    return ((set[combo >> 5] >>> (combo & 31)) & 1) === 1;
  }
  `;
  writeFileSync(join(root, 'src', 'debug', 'vex-valid.ts'), ts);
}
