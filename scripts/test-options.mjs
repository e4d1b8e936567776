// Preloaded into every test process (`node --test --import ./scripts/test-options.mjs`,
// see package.json) so that X64VM_OPTIONS and X64VM_JIT_STRICT=1 reach every x64vm the
// tests start.
//
// x64vm reads extra options from $X64VM_OPTIONS (src/cli/main.ts), and its forked
// children inherit them. But most tests give the programs they start a fixed, small
// environment (tests/lib/build.mjs BASE_ENV), which would drop the variable. This hook
// wraps child_process so that a child that is an x64vm run and gets an explicit
// environment also gets X64VM_OPTIONS. Native runs are left alone: a native program
// that prints its environment must print the same as the guest, which does not see
// the variable.
//
// An x64vm run is a child whose command or an argument is the x64vm launcher
// (a path ending in /x64vm or /x64vm-binfmt, or $X64VM_BIN), a shell command line that
// names it, or a child given X64VM_BIN in its environment (tests that start x64vm from
// a shell script: tests/fs.test.mjs).
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';
import { promisify } from 'node:util';

const OPTIONS = process.env.X64VM_OPTIONS;

const LAUNCHER = /(^|\/)x64vm(-binfmt)?$/;
const IN_COMMAND_LINE = /(^|[\s/'"])x64vm(-binfmt)?(?=[\s'"]|$)|\$\{?X64VM_BIN\b/;

function isX64vmRun(file, args, env) {
  const words = [file, ...(Array.isArray(args) ? args : [])];
  for (const w of words) {
    if (typeof w !== 'string') continue;
    if (LAUNCHER.test(w) || (process.env.X64VM_BIN && w === process.env.X64VM_BIN) || IN_COMMAND_LINE.test(w)) return true;
  }
  return !!env && Object.prototype.hasOwnProperty.call(env, 'X64VM_BIN');
}

/**
 * options with X64VM_OPTIONS and X64VM_JIT_STRICT=1 (a region that fails to compile
 * ends x64vm with an internal error, instead of running interpreted unseen) added to
 * an explicit environment of an x64vm run.
 */
function withOptions(file, args, options) {
  if (!options || typeof options !== 'object' || !options.env) return options;
  if (!isX64vmRun(file, args, options.env)) return options;
  const env = { ...options.env };
  if (OPTIONS && env.X64VM_OPTIONS === undefined) env.X64VM_OPTIONS = OPTIONS;
  if (env.X64VM_JIT_STRICT === undefined) env.X64VM_JIT_STRICT = '1';
  return { ...options, env };
}

// child_process functions as (file, args?, options?, ...rest): find the options object
function fileArgsWrapper(orig) {
  return function (file, ...rest) {
    const i = Array.isArray(rest[0]) ? 1 : 0;
    const args = i === 1 ? rest[0] : [];
    if (rest[i] && typeof rest[i] === 'object') rest[i] = withOptions(file, args, rest[i]);
    return orig.call(this, file, ...rest);
  };
}

// exec/execSync take one shell command line
function commandWrapper(orig) {
  return function (command, ...rest) {
    if (rest[0] && typeof rest[0] === 'object') rest[0] = withOptions(command, [], rest[0]);
    return orig.call(this, command, ...rest);
  };
}

function wrap(name, wrapper) {
  const orig = childProcess[name];
  const w = wrapper(orig);
  // util.promisify(execFile) resolves to { stdout, stderr } through this hook
  if (orig[promisify.custom]) w[promisify.custom] = wrapper(orig[promisify.custom]);
  childProcess[name] = w;
}

for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork']) wrap(name, fileArgsWrapper);
for (const name of ['exec', 'execSync']) wrap(name, commandWrapper);
// `import { spawn } from 'node:child_process'` in the test files sees the wrappers
syncBuiltinESMExports();
