// What a differential tester ran, for the conformance report (report.mjs): one JSON
// line per test unit (a stub, a fault stub, ...) with the inputs on which the hardware
// and x64vm were compared and how many of those differed. The report maps each unit to
// the ISA table's forms by decoding the unit's machine code. Written on every run:
// it costs one small file.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONF_DIR = path.join(REPO, '.cache', 'conformance');

/**
 * units: [{ unit, name, inputs, mismatches }]; `unit` names the code (e.g. the symbol
 * of the stub); `meta` says where that code is (binary path and how to find a unit).
 */
export function recordUnits(file, meta, units) {
  fs.mkdirSync(CONF_DIR, { recursive: true });
  const lines = [JSON.stringify({ meta })];
  for (const u of units) lines.push(JSON.stringify(u));
  const out = path.join(CONF_DIR, file);
  fs.writeFileSync(`${out}.${process.pid}.tmp`, lines.join('\n') + '\n');
  fs.renameSync(`${out}.${process.pid}.tmp`, out);
}

/**
 * Units of a 'name' tester whose programs start each output line with the instruction's
 * name: per first word, the lines compared (native stdout) and how many differ (x64vm).
 */
export function unitsByFirstWord(nativeStdout, vmStdout) {
  const a = nativeStdout.toString('latin1').split('\n'), b = vmStdout.toString('latin1').split('\n');
  const units = new Map();
  for (let k = 0; k < a.length; k++) {
    if (!a[k]) continue;
    const w = a[k].split(' ')[0];
    const u = units.get(w) ?? units.set(w, { unit: w, name: w, inputs: 0, mismatches: 0 }).get(w);
    u.inputs++;
    if (a[k] !== b[k]) u.mismatches++;
  }
  return [...units.values()];
}
