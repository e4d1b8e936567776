#!/usr/bin/env node
// Writes dist/x64vm-bundle.js: every module reachable from dist/cli/main.js in one
// classic script, so that bin/x64vm starts without the ESM loader resolving, reading
// and compiling ~80 files one by one, and so that V8 can cache the compiled code of the
// whole CLI in one file (see bin/x64vm).
//
//   node scripts/bundle.mjs          (part of `npm run build`, after tsc)
//
// Each module is turned into CommonJS by the TypeScript compiler (which keeps ESM's
// live bindings: uses of an import read `module_1.name` at the time of use), wrapped in
// a function and registered under its path relative to dist/. Relative requires are
// resolved here, at bundle time; node: builtins go to Node's require.
//
// The first line is a header bin/x64vm reads before trusting the bundle: the size and
// mtime of dist/.tsbuildinfo (and of every source file in dist/, checked when there is
// no build info), and a hash of the rest that names the code cache. A plain `tsc` that
// rewrites dist/ afterwards makes the bundle stale, and bin/x64vm then loads dist/ as
// ES modules as before.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(DIST, 'x64vm-bundle.js');
const ENTRY = 'cli/main.js';

function die(msg) {
  process.stderr.write(`bundle: ${msg}\n`);
  process.exit(1);
}

const ts = createRequire(import.meta.url)('typescript');

const COMPILER_OPTIONS = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  sourceMap: false,
  // a third less to read at every start; the comments are in src/
  removeComments: true,
};

/**
 * Relative module specifiers of a file: its import/export declarations, and import()
 * calls with a literal specifier (modules loaded on demand, such as the disassembler:
 * in the bundle they are defined but run only when first loaded).
 */
function relativeImports(id, text) {
  const sf = ts.createSourceFile(id, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS);
  const out = [];
  for (const st of sf.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) out.push(spec.text);
  }
  const visit = (node) => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (!arg || !ts.isStringLiteral(arg)) die(`${id}: import() of a computed specifier cannot be bundled`);
      if (arg.text.startsWith('.')) out.push(arg.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

// Builtins loaded at first use rather than when the bundle starts: each costs a few ms
// of startup (node:crypto with streams, node:child_process with net ...) that a short
// guest run may not need. fs, path and url are loaded by Node's own startup.
const EAGER_BUILTINS = new Set(['node:fs', 'node:path', 'node:url']);
const lazyBuiltins = new Map(); // name -> its export names (the stand-ins' getters)
const nodeRequire = createRequire(import.meta.url);

const resolveId = (from, spec) => path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));

// Walk the module graph from the entry point (only what the CLI can load).
const order = [];
const seen = new Set([ENTRY]);
const sources = new Map();
for (let i = 0, queue = [ENTRY]; i < queue.length; i++) {
  const id = queue[i];
  const file = path.join(DIST, id);
  let text;
  try { text = fs.readFileSync(file, 'utf8'); } catch { die(`${path.relative(ROOT, file)} is missing (run tsc first)`); }
  sources.set(id, text);
  order.push(id);
  for (const spec of relativeImports(id, text)) {
    const dep = resolveId(id, spec);
    if (!seen.has(dep)) { seen.add(dep); queue.push(dep); }
  }
}

const parts = [];
for (const id of order) {
  // import.meta.url has no CommonJS equivalent: each module gets its own file URL
  const src = sources.get(id).replaceAll('import.meta.url', '__x64vm_url()');
  const r = ts.transpileModule(src, { compilerOptions: COMPILER_OPTIONS, fileName: id, reportDiagnostics: true });
  const errs = (r.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errs.length) die(`${id}: ${ts.flattenDiagnosticMessageText(errs[0].messageText, ' ')}`);
  let body = r.outputText.replace(/^\/\/# sourceMappingURL=.*$/m, '');
  body = body.replace(/\brequire\((["'])(\.[^"']*)\1\)/g, (_, _q, spec) => {
    const dep = resolveId(id, spec);
    if (!sources.has(dep)) die(`${id}: require of ${spec} not found in the module graph`);
    return `__x64vm_load(${JSON.stringify(dep)})`;
  });
  body = body.replace(/\brequire\((["'])(node:[^"']*)\1\)/g, (call, _q, name) => {
    if (EAGER_BUILTINS.has(name)) return call;
    if (!lazyBuiltins.has(name)) lazyBuiltins.set(name, Object.getOwnPropertyNames(nodeRequire(name)));
    return `__x64vm_lazy(${JSON.stringify(name)})`;
  });
  if (/\bimport\.meta\b|\bimport\(/.test(body)) die(`${id}: import.meta or import() left after conversion`);
  parts.push(`${JSON.stringify(id)}: function (exports, require, __x64vm_load, __x64vm_url, __x64vm_lazy) {\n${body}\n},\n`);
}

const files = order.map((id) => {
  const st = fs.statSync(path.join(DIST, id));
  return [id, st.size, st.mtimeMs];
});
// tsc (incremental, tsconfig.json) rewrites dist/.tsbuildinfo whenever it changes an
// output: bin/x64vm checks that one file instead of every module's (~1.5 ms a start)
const info = fs.statSync(path.join(DIST, '.tsbuildinfo'), { throwIfNoEntry: false });
const stamp = info ? [info.size, info.mtimeMs] : null;
// The bundle is the source of a function expression: bin/x64vm calls it with Node's
// require and the dist/ directory, and gets the entry module's exports back.
const body = `(function (__x64vm_require, __x64vm_dist) {
'use strict';
const defs = {
${parts.join('')}};
const done = Object.create(null);
// A stand-in for a builtin module: a getter per export loads the module on first use
// and turns every property into a plain value (TypeScript's __importStar and named
// imports both read the properties only when the code uses them).
const lazyNames = ${JSON.stringify(Object.fromEntries(lazyBuiltins))};
const lazies = Object.create(null);
function lazy(name) {
  let o = lazies[name];
  if (o !== undefined) return o;
  o = lazies[name] = {};
  const load = () => {
    const mod = __x64vm_require(name);
    for (const k of lazyNames[name]) {
      // the module's own getters (crypto.webcrypto ...) stay getters: reading them loads more
      const d = Object.getOwnPropertyDescriptor(mod, k);
      if (d && !('value' in d)) Object.defineProperty(o, k, { get: () => mod[k], enumerable: true, configurable: true });
      else Object.defineProperty(o, k, { value: mod[k], writable: true, enumerable: true, configurable: true });
    }
    return mod;
  };
  for (const k of lazyNames[name])
    Object.defineProperty(o, k, { get: () => load()[k], enumerable: true, configurable: true });
  return o;
}
const url = (id) => () => __x64vm_require('node:url').pathToFileURL(__x64vm_require('node:path').join(__x64vm_dist, id)).href;
function load(id) {
  const have = done[id];
  if (have !== undefined) return have.exports;
  const m = { exports: {} };
  done[id] = m;
  defs[id].call(undefined, m.exports, __x64vm_require, load, url(id), lazy);
  return m.exports;
}
return load(${JSON.stringify(ENTRY)});
})`;

// the content hash names the bundle's V8 code cache (V8 itself checks only the length)
const hash = createHash('sha1').update(body).digest('hex').slice(0, 20);
// ascii: bin/x64vm may then read the bundle as latin1, which skips UTF-8 decoding (~0.6 ms)
const ascii = !/[^\x00-\x7f]/.test(body) && files.every(([id]) => !/[^\x00-\x7f]/.test(id));
const header = `//x64vm-bundle ${JSON.stringify({ entry: ENTRY, hash, ascii, stamp, files })}\n`;

const tmp = `${OUT}.${process.pid}.tmp`;
fs.writeFileSync(tmp, header + body);
fs.renameSync(tmp, OUT);

// code caches of earlier bundles (bin/x64vm names them x64vm-HASH-...) are of no more use
const CODECACHE = path.join(ROOT, '.cache', 'codecache');
for (const f of fs.existsSync(CODECACHE) ? fs.readdirSync(CODECACHE) : [])
  if (f.startsWith('x64vm-') && !f.startsWith(`x64vm-${hash}-`)) fs.rmSync(path.join(CODECACHE, f), { force: true });
process.stdout.write(`bundle: ${path.relative(ROOT, OUT)}: ${order.length} modules, ${(header.length + body.length) >> 10} KiB\n`);
