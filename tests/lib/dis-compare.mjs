// Compare `x64vm dis` with `objdump -d` on ELF files: instruction boundaries and text.
// Used by tests/disasm.test.mjs (a sample) and tests/disasm-full.mjs (everything).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { disassembleElf } from '../../dist/debug/dis-command.js';

export function haveObjdump() {
  if (process.arch !== 'x64' || process.platform !== 'linux') return false;
  try { execFileSync('objdump', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

/**
 * Parse objdump -d style text into instruction records {addr, len, text} plus the
 * non-instruction lines (headers, labels, "...") in order, for an exact layout check.
 */
export function parseDis(out) {
  const insns = [];
  const other = [];
  let cur = null;
  for (const line of out.split('\n')) {
    const m = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )*)\s*(?:\t(.*))?$/.exec(line);
    if (m && m[2]) {
      const n = m[2].trim().split(' ').length;
      if (m[3] !== undefined) { cur = { addr: parseInt(m[1], 16), len: n, text: m[3] }; insns.push(cur); }
      else if (cur) cur.len += n;
      continue;
    }
    cur = null;
    other.push(line);
  }
  return { insns, other };
}

export function objdumpText(file, intel = false) {
  return execFileSync('objdump', intel ? ['-d', '-M', 'intel', file] : ['-d', file], { maxBuffer: 1 << 30, encoding: 'latin1' });
}

/** x64vm's disassembly of file; returns the text and the set of addresses the ISA table decoded. */
export function x64vmText(file, intel = false) {
  const bytes = readFileSync(file);
  const parts = [];
  const supported = new Set();
  disassembleElf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file, {
    syntax: intel ? 'intel' : 'att',
    onInsn: (d) => { if (d.supported) supported.add(d.addr); },
  }, (s) => parts.push(s));
  return { text: parts.join(''), supported };
}

/**
 * Compare one file. Returns counts and a few examples of each kind of disagreement.
 *  compared: instructions objdump printed; lenDiff: boundaries that disagree;
 *  textDiff: supported instructions whose text differs; unsupported: instructions the
 *  ISA table does not implement (only their length is compared); layoutDiff: header,
 *  label and "..." lines that differ.
 */
export function compareFile(file, { intel = false, limit = Infinity, examples = 5 } = {}) {
  const od = parseDis(objdumpText(file, intel));
  const mine = x64vmText(file, intel);
  const me = parseDis(mine.text);
  const byAddr = new Map();
  for (const r of me.insns) byAddr.set(r.addr, r);
  const res = { file, compared: 0, lenDiff: 0, textDiff: 0, unsupported: 0, layoutDiff: 0, lenEx: [], textEx: [], unsupportedNames: new Map() };
  let n = 0;
  for (const r of od.insns) {
    if (n++ >= limit) break;
    res.compared++;
    const m = byAddr.get(r.addr);
    if (!m || m.len !== r.len) {
      res.lenDiff++;
      if (res.lenEx.length < examples) res.lenEx.push(`${r.addr.toString(16)}: objdump ${r.len} '${r.text}' x64vm ${m ? m.len + " '" + m.text + "'" : 'none'}`);
      continue;
    }
    if (!mine.supported.has(r.addr)) {
      res.unsupported++;
      const nm = r.text.split(/\s+/).filter((w) => !/^(lock|rep|repz|repnz|data16|cs|ds|es|ss|fs|gs|rex.*|bnd|notrack|addr32|\{.*\})$/.test(w))[0] ?? r.text;
      res.unsupportedNames.set(nm, (res.unsupportedNames.get(nm) ?? 0) + 1);
      continue;
    }
    if (m.text !== r.text) {
      res.textDiff++;
      if (res.textEx.length < examples) res.textEx.push(`${r.addr.toString(16)}: objdump '${r.text}' x64vm '${m.text}'`);
    }
  }
  if (limit === Infinity) {
    const a = od.other.join('\n'), b = me.other.join('\n');
    if (a !== b) {
      const x = od.other, y = me.other;
      for (let k = 0; k < Math.max(x.length, y.length); k++) if (x[k] !== y[k]) res.layoutDiff++;
    }
  }
  return res;
}
