// Every legacy opcode form against objdump: the one-byte, 0F, 0F 38 and 0F 3A maps, each
// opcode under a set of prefixes (none, 66, F2, F3, REX.W, REX.RB, 67, lock, and some
// pairs), and the table's VEX opcodes (BMI) under every VEX field combination, with
// every ModRM.reg/rm register form and the memory forms mod 0-2 x rm
// {0, 4 (SIB), 5 (rip/disp32)}. The bytes after ModRM are 90 (SIB, displacement and
// immediate alike), so an instruction x64vm measures wrongly runs into NOPs and both
// disassemblers meet again at the next form. Where x64vm's ISA table decodes the
// instruction (or the disassembler names it itself: monitor, mwait ...), its text must
// be objdump's, in AT&T and in Intel syntax; everywhere the boundaries must agree.
// Forms are deduplicated by the bytes the instruction consumes, so opcodes without
// ModRM are probed once per prefix set.
//   npm run build && node tests/disasm-forms.mjs [--intel|--att] [--every N] [--all-prefixes] [-v]
// (--all-prefixes: 45 prefix sets, pairs and triples of 66/67/F0/F2/F3/segments/REX)
// (tests/disasm.test.mjs runs a sample of every 5th opcode in both syntaxes.)

import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const sets = (t) => t.split(',').map((p) => p.trim().split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16)));
// the test's prefix sets; --all-prefixes adds MORE_PREFIX_SETS; X64VM_DIS_PREFIXES="f2 66,3e,..." replaces them
export const PREFIX_SETS = process.env.X64VM_DIS_PREFIXES ? sets(process.env.X64VM_DIS_PREFIXES)
  : [[], [0x66], [0xf2], [0xf3], [0x48], [0x45], [0x67], [0xf0], [0x66, 0xf3], [0xf3, 0x66], [0x66, 0x48], [0xf2, 0x48], [0x2e], [0x64]];
export const MORE_PREFIX_SETS = sets('f2 66,66 f2,67 66,26,36,3e,65,f0 66,66 66,f3 f2,f2 f3,66 4f,41,44,42,67 48,f3 48,66 41,'
  + '40,4f,66 67,67 f2,f3 67,2e 66,66 2e,3e f2,f2 3e,f0 f2,f0 f3,f2 f0,26 48,64 66,65 67,66 f2 48,f3 66 48,66 66 66,f2 f2,f3 f3,2e 3e,f0 f0');
const SKIP1 = new Set([0x0f, 0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

function modrms() {
  const out = [];
  for (let reg = 0; reg < 8; reg++) {
    for (let rm = 0; rm < 8; rm++) out.push(0xc0 | (reg << 3) | rm);
    for (const mod of [0, 1, 2]) for (const rm of [0, 4, 5]) out.push((mod << 6) | (reg << 3) | rm);
  }
  return out;
}

/**
 * The probe's byte string and the offsets of its forms. `every` takes every Nth
 * opcode of each map (a sample); `insnLength` is x64vm's length decoder.
 */
export function formBytes(insnLength, every = 1, prefixSets = PREFIX_SETS) {
  const bytes = [];
  const starts = [];
  const seen = new Set();
  const tail = new Array(15).fill(0x90);
  const add = (pfx, head) => {
    for (const m of modrms()) {
      const buf = Uint8Array.from([...pfx, ...head, m, ...tail]);
      const li = insnLength(buf, 0, buf.length);
      // a (bad) or a lone prefix is measured without its ModRM: the key includes what
      // objdump's verdicts depend on (ModRM.mod register/memory and reg; all of it for
      // the register forms of 0F 01 and 0F AE)
      const wholeModrm = head[0] === 0x0f && (head[1] === 0x01 || head[1] === 0xae) && m >= 0xc0;
      const key = li.kind === 0 ? Array.from(buf.subarray(0, li.len)).join(',') : [...pfx, ...head, wholeModrm ? m : m & 0xf8 | (m >= 0xc0 ? 0 : 8)].join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      starts.push(bytes.length);
      // after a (bad) or a lone prefix objdump goes on with the next byte: the whole
      // form and its NOPs follow, so the next form starts on a boundary again
      const n = li.kind === 0 ? li.len : buf.length;
      for (let k = 0; k < n; k++) bytes.push(buf[k]);
    }
  };
  let n = 0;
  for (const pfx of prefixSets) {
    n = 0;
    for (let op = 0; op < 256; op++) if (!SKIP1.has(op) && !(op >= 0x40 && op <= 0x4f) && n++ % every === 0) add(pfx, [op]);
    n = 0;
    for (let op = 0; op < 256; op++) if (op !== 0x38 && op !== 0x3a && n++ % every === 0) add(pfx, [0x0f, op]);
    n = 0;
    for (let op = 0; op < 256; op++) if (n++ % every === 0) add(pfx, [0x0f, 0x38, op]);
    n = 0;
    for (let op = 0; op < 256; op++) if (n++ % every === 0) add(pfx, [0x0f, 0x3a, op]);
  }
  // the VEX forms of the ISA table (BMI1/BMI2: 0F38 F2-F7, 0F3A F0) under every pp, L
  // and W, REX-like bits all clear or all set, vvvv 0, 5 and 15
  n = 0;
  for (const [map, op] of [[2, 0xf2], [2, 0xf3], [2, 0xf4], [2, 0xf5], [2, 0xf6], [2, 0xf7], [3, 0xf0]]) {
    if (n++ % every !== 0) continue;
    for (const rxb of [0xe0, 0x00]) for (let w = 0; w < 2; w++) for (const v of [0xf, 0xa, 0x0]) for (let l = 0; l < 2; l++) for (let pp = 0; pp < 4; pp++) {
      add([], [0xc4, rxb | map, (w << 7) | (v << 3) | (l << 2) | pp, op]);
    }
  }
  return { bytes: Uint8Array.from(bytes), starts };
}

function objdumpRecords(bytes, intel) {
  const dir = join(root, '.cache', 'disasm');
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, `forms.${process.pid}.bin`);
  writeFileSync(bin, bytes);
  let od;
  try {
    od = execFileSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', ...(intel ? ['-M', 'intel'] : []), bin], { encoding: 'latin1', maxBuffer: 1 << 30 });
  } finally { rmSync(bin, { force: true }); }
  const recs = new Map();
  let last = null;
  for (const line of od.split('\n')) {
    const m = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*(?:\t(.*))?$/.exec(line);
    if (!m) continue;
    const n = m[2].length / 3;
    if (m[3] === undefined) { if (last) last.len += n; continue; }
    last = { len: n, text: m[3] };
    recs.set(parseInt(m[1], 16), last);
  }
  return recs;
}

/**
 * Compare the probe in one syntax. Returns counts and examples: forms, lenDiff (objdump
 * has no instruction of x64vm's length at the form's start), supported (the ISA table
 * decoded it), textDiff, outside (objdump names an instruction the table does not
 * decode: text not compared), with outside names counted.
 */
export async function compareForms({ intel = false, every = 1, examples = 30, prefixSets = PREFIX_SETS } = {}) {
  const { insnLength } = await import('../dist/debug/x86len.js');
  const { disasmOne } = await import('../dist/debug/dis-command.js');
  const { isArtefact } = await import('./lib/dis-compare.mjs');
  const { bytes, starts } = formBytes(insnLength, every, prefixSets);
  const theirs = objdumpRecords(bytes, intel);
  const res = { forms: starts.length, lenDiff: 0, artefacts: 0, supported: 0, textDiff: 0, outside: 0, lenEx: [], textEx: [], outsideNames: new Map() };
  const hex = (s, n) => Array.from(bytes.subarray(s, s + n), (b) => b.toString(16).padStart(2, '0')).join(' ');
  // A form whose boundary differs is probed again alone, followed by NOPs: the forms
  // after it in the first pass may only have been run into (objdump resumes after its
  // own idea of the length)
  const again = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k];
    const end = k + 1 < starts.length ? starts[k + 1] : bytes.length;
    const o = theirs.get(s);
    const m = disasmOne(bytes, s, bytes.length, s, intel ? 'intel' : 'att', () => '');
    if (!o || o.len !== m.len || (m.kind === 0 && end - s !== m.len)) {
      again.push(s);
      continue;
    }
    if (!m.supported && !m.extra) {
      if (!/^((repz|repnz|data16|addr32|lock|rex\S*|[cdefgs]s|bnd|notrack) )*\(bad\)$/.test(o.text)) {
        res.outside++;
        const nm = o.text.split(/\s+/).filter((w) => !/^(lock|rep|repz|repnz|data16|addr32|cs|ds|es|ss|fs|gs|rex.*|bnd|notrack)$/.test(w))[0] ?? o.text;
        res.outsideNames.set(nm, (res.outsideNames.get(nm) ?? 0) + 1);
      }
      continue;
    }
    res.supported++;
    if (o.text !== m.text) {
      res.textDiff++;
      if (res.textEx.length < examples) res.textEx.push(`${hex(s, m.len)}: objdump '${o.text}' x64vm '${m.text}'`);
    }
  }
  if (again.length) {
    const pad = 15;
    const alone = new Uint8Array(again.length * 30 + pad);
    const at = [];
    let w = 0;
    for (const s of again) {
      const m = disasmOne(bytes, s, bytes.length, s, 'att', () => '');
      const n = m.kind === 0 ? m.len : Math.min(15, bytes.length - s);
      at.push([w, s, n]);
      alone.set(bytes.subarray(s, s + n), w);
      w += n;
      alone.fill(0x90, w, w + pad);
      w += pad;
    }
    const buf = alone.subarray(0, w);
    const recs = objdumpRecords(buf, intel);
    for (const [w0, s, n] of at) {
      const o = recs.get(w0);
      const m = disasmOne(buf, w0, buf.length, w0, intel ? 'intel' : 'att', () => '');
      if (o && o.len === m.len) {
        // the same boundary: compared as in the first pass
        if (!m.supported && !m.extra) continue;
        res.supported++;
        if (o.text !== m.text) { res.textDiff++; if (res.textEx.length < examples) res.textEx.push(`${hex(s, m.len)}: objdump '${o.text}' x64vm '${m.text}'`); }
        continue;
      }
      if (o && isArtefact(o.text)) { res.artefacts++; continue; }
      res.lenDiff++;
      if (res.lenEx.length < examples) res.lenEx.push(`${hex(s, Math.max(n, m.len, o?.len ?? 0))}: objdump ${o ? `${o.len} '${o.text}'` : 'none'} x64vm ${m.len} '${m.text}'`);
    }
  }
  return res;
}

export function summary(r, intel) {
  return `${intel ? 'intel' : 'att'}: ${r.forms} forms, ${r.lenDiff} length disagreements (${r.artefacts} objdump artefacts apart), ${r.supported} with text compared (decoded by the ISA table or named by x64vm), ${r.textDiff} text disagreements, ${r.outside} named by objdump outside the table`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const k = args.indexOf('--every');
  const every = k >= 0 ? Number(args[k + 1]) : 1;
  const syntaxes = args.includes('--intel') ? [true] : args.includes('--att') ? [false] : [false, true];
  for (const intel of syntaxes) {
    const prefixSets = args.includes('--all-prefixes') ? [...PREFIX_SETS, ...MORE_PREFIX_SETS] : PREFIX_SETS;
    const r = await compareForms({ intel, every, examples: args.includes('-v') ? Infinity : 30, prefixSets });
    console.log(summary(r, intel));
    if (r.lenEx.length) console.log('length:\n  ' + r.lenEx.join('\n  '));
    if (r.textEx.length) console.log('text:\n  ' + r.textEx.join('\n  '));
    console.log('outside the table: ' + [...r.outsideNames].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([n, c]) => `${n} ${c}`).join(', '));
  }
}
