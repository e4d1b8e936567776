// Full comparison of x64vm dis with objdump -d over every ELF executable and shared
// object in /usr/bin and /usr/lib/x86_64-linux-gnu (or the directories given):
//   npm run build && node tests/disasm-full.mjs [--intel] [-v] [--exclude SUBSTRING] [DIR|FILE ...]
// Prints instructions compared, length disagreements and text disagreements, objdump's
// own artefacts (classified apart, see tests/lib/dis-compare.mjs), the instructions the
// ISA table does not implement, and examples. -v prints a line per file as it goes.

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareFile, haveObjdump, isElfCode } from './lib/dis-compare.mjs';

const args = process.argv.slice(2);
const intel = args.includes('--intel');
const verbose = args.includes('-v');
// --exclude SUBSTRING (repeatable): skip files whose path contains it (a sweep split in parts)
const exclude = [];
for (let k = args.indexOf('--exclude'); k >= 0; k = args.indexOf('--exclude')) exclude.push(...args.splice(k, 2).slice(1));
const roots = args.filter((a) => a !== '--intel' && a !== '-v');
if (!roots.length) roots.push('/usr/bin', '/usr/lib/x86_64-linux-gnu');
if (!haveObjdump()) { console.log('objdump missing or host is not x86-64 Linux: nothing compared'); process.exit(0); }

const files = [];
for (const r of roots) {
  let st;
  try { st = statSync(r); } catch { continue; }
  if (st.isFile()) { files.push(r); continue; }
  for (const name of readdirSync(r).sort()) {
    const f = join(r, name);
    if (exclude.some((x) => f.includes(x))) continue;
    try { if (statSync(f).isFile() && isElfCode(f)) files.push(f); } catch { /* dangling link */ }
  }
}
// the same file reached through several names (links) is compared once
const seen = new Set();
const tot = { files: 0, compared: 0, lenDiff: 0, textDiff: 0, unsupported: 0, layoutDiff: 0, artefacts: 0, errors: 0 };
const names = new Map();
const lenEx = [], textEx = [], artEx = [];
const t0 = Date.now();
for (const f of files) {
  const st = statSync(f);
  const key = `${st.dev}:${st.ino}`;
  if (seen.has(key)) continue;
  seen.add(key);
  let r;
  try { r = compareFile(f, { intel, examples: 3 }); } catch (e) { tot.errors++; console.log(`${f}: error: ${String(e.message).split('\n')[0]}`); continue; }
  tot.files++;
  for (const k of ['compared', 'lenDiff', 'textDiff', 'unsupported', 'layoutDiff', 'artefacts']) tot[k] += r[k];
  for (const e of r.artefactEx) if (artEx.length < 20) artEx.push(`${f} ${e}`);
  for (const [k, v] of r.unsupportedNames) names.set(k, (names.get(k) ?? 0) + v);
  for (const e of r.lenEx) if (lenEx.length < 40) lenEx.push(`${f} ${e}`);
  for (const e of r.layoutEx) if (lenEx.length < 40) lenEx.push(`${f} layout ${e}`);
  for (const e of r.textEx) if (textEx.length < 60) textEx.push(`${f} ${e}`);
  if (verbose) console.log(`file ${f} ${r.compared} ${r.lenDiff} ${r.textDiff} ${r.unsupported} ${r.layoutDiff} ${r.artefacts}`);
  if (r.lenDiff || r.textDiff || r.layoutDiff || r.artefacts) console.log(`${f}: ${r.compared} compared, ${r.lenDiff} length, ${r.textDiff} text, ${r.layoutDiff} layout disagreements, ${r.artefacts} in objdump artefacts`);
}
console.log(`\n${tot.files} files (${tot.errors} errors) in ${Math.round((Date.now() - t0) / 1000)} s, syntax ${intel ? 'intel' : 'att'}`);
console.log(`instructions compared: ${tot.compared}`);
console.log(`length disagreements:  ${tot.lenDiff}`);
console.log(`text disagreements:    ${tot.textDiff} (among ${tot.compared - tot.lenDiff - tot.unsupported} instructions the ISA table decodes)`);
console.log(`not in the ISA table:  ${tot.unsupported} (length compared only)`);
console.log(`layout lines differing: ${tot.layoutDiff}`);
console.log(`objdump artefacts:     ${tot.artefacts} instructions (objdump half-decodes an invalid form, printing "(bad)" as an operand with a length of its own; counted until both agree again)`);
console.log(`most frequent instructions not in the ISA table: ${[...names].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (lenEx.length) console.log('\nlength/layout examples:\n' + lenEx.join('\n'));
if (textEx.length) console.log('\ntext examples:\n' + textEx.join('\n'));
if (artEx.length) console.log('\nobjdump artefact examples:\n' + artEx.join('\n'));
