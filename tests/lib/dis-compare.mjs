// Compare `x64vm dis` with `objdump -d` on ELF files: instruction boundaries and text.
// Used by tests/disasm.test.mjs (a sample) and tests/disasm-full.mjs (everything).

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, openSync, readSync, closeSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const LINE = /^ *([0-9a-f]+):\t((?:[0-9a-f]{2} )*)\s*(?:\t(.*))?$/;

/** Turns text chunks into records: {addr, len, text} instructions and {other} lines. */
class RecordParser {
  constructor(emit) { this.emit = emit; this.rest = ''; this.cur = null; }
  push(chunk) {
    const lines = (this.rest + chunk).split('\n');
    this.rest = lines.pop();
    for (const l of lines) this.line(l);
  }
  line(line) {
    const m = LINE.exec(line);
    if (m && m[2]) {
      const n = (m[2].length) / 3;
      if (m[3] !== undefined) { this.flush(); this.cur = { addr: parseInt(m[1], 16), len: n, text: m[3] }; }
      else if (this.cur) this.cur.len += n;
      return;
    }
    this.flush();
    this.emit({ other: line });
  }
  flush() { if (this.cur) { const c = this.cur; this.cur = null; this.emit(c); } }
  end() { if (this.rest) this.line(this.rest); this.rest = ''; this.flush(); }
}

/** Reads objdump's output from a file, synchronously, record by record. */
class FileRecords {
  constructor(path) {
    this.fd = openSync(path, 'r');
    this.buf = Buffer.alloc(1 << 20);
    this.queue = [];
    this.parser = new RecordParser((r) => this.queue.push(r));
    this.eof = false;
    this.head = 0;
  }
  peek() {
    while (this.head >= this.queue.length && !this.eof) {
      this.queue = []; this.head = 0;
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      if (n === 0) { this.eof = true; this.parser.end(); closeSync(this.fd); }
      else this.parser.push(this.buf.toString('latin1', 0, n));
    }
    return this.head < this.queue.length ? this.queue[this.head] : null;
  }
  next() { const r = this.peek(); if (r) this.head++; return r; }
}

/**
 * Compare one file. Returns counts and a few examples of each kind of disagreement.
 *  compared: instructions objdump printed; lenDiff: objdump instructions x64vm does not
 *  have at the same address with the same length; textDiff: instructions the ISA table
 *  decoded whose text differs; unsupported: instructions the ISA table does not
 *  implement (only their length is compared); layoutDiff: header, label and "..." lines
 *  that differ. Streams both outputs, so memory stays small for any file size.
 */
export function compareFile(file, { intel = false, limit = Infinity, examples = 5, tmp = join(tmpdir(), `x64vm-dis-${process.pid}.txt`) } = {}) {
  const fd = openSync(tmp, 'w');
  try {
    const r = spawnSync('objdump', intel ? ['-d', '-M', 'intel', file] : ['-d', file], { stdio: ['ignore', fd, 'pipe'] });
    if (r.status !== 0) throw new Error(`objdump failed on ${file}: ${String(r.stderr).trim().split('\n')[0]}`);
  } finally { closeSync(fd); }
  const od = new FileRecords(tmp);
  const res = { file, compared: 0, lenDiff: 0, textDiff: 0, unsupported: 0, layoutDiff: 0, artefacts: 0, lenEx: [], textEx: [], layoutEx: [], artefactEx: [], unsupportedNames: new Map() };
  const unsupported = new Set();
  // outside the ISA table but named by the disassembler itself (monitor, mwait ...): text compared too
  const extra = new Set();
  // objdump's own artefact: an invalid form it half-decodes, printing "(bad)" as an
  // operand with a length of its own ("montmul (bad)", "vpextrw $0xf9,(bad),%eax",
  // "xcrypt-ofb (bad)"); the instructions until both agree again belong to it. Counted
  // apart (res.artefacts), not as length disagreements.
  let inArtefact = false;
  const lenMiss = (o, m) => {
    res.compared++;
    if (isArtefact(o.text)) inArtefact = true;
    if (inArtefact) {
      res.artefacts++;
      if (res.artefactEx.length < examples) res.artefactEx.push(`${o.addr.toString(16)}: objdump ${o.len} '${o.text}' x64vm ${m ? m.len + " '" + m.text + "'" : 'none'}`);
      return;
    }
    res.lenDiff++;
    if (res.lenEx.length < examples) res.lenEx.push(`${o.addr.toString(16)}: objdump ${o.len} '${o.text}' x64vm ${m ? m.len + " '" + m.text + "'" : 'none'}`);
  };
  let stopped = false;
  const mine = (rec) => {
    if (stopped) return;
    if (rec.other !== undefined) {
      let o;
      while ((o = od.peek()) && o.other === undefined) { od.next(); lenMiss(o, null); }
      od.next();
      if (!o || o.other !== rec.other) {
        res.layoutDiff++;
        if (res.layoutEx.length < examples) res.layoutEx.push(`objdump '${o ? o.other : '<end>'}' x64vm '${rec.other}'`);
      }
      return;
    }
    let o;
    while ((o = od.peek()) && o.other === undefined && o.addr < rec.addr) { od.next(); lenMiss(o, null); }
    if (!o || o.other !== undefined || o.addr !== rec.addr) return;
    od.next();
    if (o.len !== rec.len) { lenMiss(o, rec); return; }
    inArtefact = false;
    res.compared++;
    if (res.compared >= limit) stopped = true;
    if (unsupported.has(rec.addr)) {
      unsupported.delete(rec.addr);
      res.unsupported++;
      const nm = o.text.split(/\s+/).filter((w) => !/^(lock|rep|repz|repnz|data16|cs|ds|es|ss|fs|gs|rex.*|bnd|notrack|addr32|\{.*\})$/.test(w))[0] ?? o.text;
      res.unsupportedNames.set(nm, (res.unsupportedNames.get(nm) ?? 0) + 1);
      if (!extra.delete(rec.addr)) return;
    }
    if (o.text !== rec.text) {
      res.textDiff++;
      if (res.textEx.length < examples) res.textEx.push(`${o.addr.toString(16)}: objdump '${o.text}' x64vm '${rec.text}'`);
    }
  };
  const parser = new RecordParser(mine);
  const bytes = readFileSync(file);
  disassembleElf(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), file, {
    syntax: intel ? 'intel' : 'att',
    onInsn: (d) => { if (!d.supported) unsupported.add(d.addr); if (d.extra) extra.add(d.addr); },
  }, (s) => { if (!stopped) parser.push(s); });
  parser.end();
  if (!stopped) {
    let o;
    while ((o = od.next())) {
      if (o.other === undefined) lenMiss(o, null);
      else if (o.other !== '') { res.layoutDiff++; if (res.layoutEx.length < examples) res.layoutEx.push(`objdump '${o.other}' x64vm <end>`); }
    }
  }
  try { unlinkSync(tmp); } catch { /* gone */ }
  return res;
}

/**
 * objdump half-decoded an invalid form: "(bad)" stands as an operand ("montmul (bad)",
 * "vpextrw $0xf9,(bad),%eax"), not as the whole instruction after prefix names
 * ("repz (bad)" is a plain (bad) whose length must agree).
 */
export function isArtefact(text) {
  return text.includes('(bad)') && !/^((repz|repnz|rep|data16|lock|addr32|rex\S*|[cdefgs]s|bnd|notrack|fwait) )*\(bad\)$/.test(text.trim());
}

/** Is this an ELF executable or shared object (what x64vm dis reads)? */
export function isElfCode(file) {
  try {
    const fd = openSync(file, 'r');
    const b = Buffer.alloc(20);
    const n = readSync(fd, b, 0, 20, 0);
    closeSync(fd);
    return n === 20 && b.readUInt32BE(0) === 0x7f454c46 && b[4] === 2 && b[5] === 1 && b.readUInt16LE(18) === 62 && (b.readUInt16LE(16) === 2 || b.readUInt16LE(16) === 3);
  } catch { return false; }
}
