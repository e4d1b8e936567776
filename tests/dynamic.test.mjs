// Dynamically linked programs: this machine's own glibc programs (coreutils, grep,
// sed, awk, dash; gzip and xz, perl, /usr/bin/python3, sqlite3, bc) and a musl-gcc
// program without -static run under x64vm exactly as they run natively (stdout,
// stderr, exit status); private file mappings as ld.so makes them; a sysroot (-L DIR,
// X64VM_LD_PREFIX) that is not /; the /proc and /sys files x64vm makes up, checked
// by a program against what it knows of itself; x64vm binfmt.
//
// X64VM_DYN_ARGS adds options to the x64vm runs compared with native ones, e.g.
// X64VM_DYN_ARGS=--jit=off node --test tests/dynamic.test.mjs

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// X64VM_BIN: another build of the CLI to test (e.g. a private tsc --outDir while dist/ is being rebuilt)
const X64VM = process.env.X64VM_BIN ?? path.join(REPO, 'bin', 'x64vm');
const SRC = path.join(REPO, 'tests', 'native', 'dynamic');
const CACHE = path.join(REPO, '.cache', 'dynamic');
const HOST_OK = process.arch === 'x64' && process.platform === 'linux';
const NO_HOST = 'needs an x86-64 Linux host to compare with (its own programs are the test subjects)';

/** Absolute path of a program on PATH (symlinks resolved), or null. */
function which(cmd) {
  for (const dir of ['/usr/bin', '/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(':')]) {
    const p = path.join(dir, cmd);
    try { fs.accessSync(p, fs.constants.X_OK); return fs.realpathSync(p); } catch { /* next */ }
  }
  return null;
}

/** Is file a dynamically linked x86-64 ELF program (has PT_INTERP)? */
function isDynamicElf(file) {
  try {
    const b = fs.readFileSync(file);
    if (b.readUInt32BE(0) !== 0x7f454c46 || b[4] !== 2 || b.readUInt16LE(18) !== 0x3e) return false;
    const phoff = Number(b.readBigUInt64LE(0x20)), phentsize = b.readUInt16LE(0x36), phnum = b.readUInt16LE(0x38);
    for (let k = 0; k < phnum; k++) if (b.readUInt32LE(phoff + k * phentsize) === 3) return true;
  } catch { /* not readable */ }
  return false;
}

const ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', HOME: '/nonexistent-home' };

function run(cmd, args, { input = '', env = ENV, cwd = undefined } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env, cwd });
    const out = [], err = [];
    p.stdout.on('data', (d) => out.push(d));
    p.stderr.on('data', (d) => err.push(d));
    p.on('error', reject);
    p.on('close', (status, signal) => resolve({ stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), status, signal }));
    p.stdin.on('error', () => { /* the program may not read its input */ });
    p.stdin.end(input);
  });
}
const vm = (args, opts) => run(process.execPath, [X64VM, ...args], opts);
/** A guest run with the options of X64VM_DYN_ARGS (e.g. "--jit=off") in front. */
const EXTRA = (process.env.X64VM_DYN_ARGS ?? '').split(' ').filter(Boolean);
const vmx = (args, opts) => vm([...EXTRA, ...args], opts);

/** Run prog natively and under x64vm (argv[0] the same full path) and compare everything. */
async function same(t, prog, args, opts = {}) {
  const [n, v] = await Promise.all([run(prog, args, opts), vm([...(opts.vmArgs ?? EXTRA), prog, ...args], opts)]);
  const what = `${path.basename(prog)} ${args.join(' ').slice(0, 80)}`;
  assert.equal(v.stderr, n.stderr, `${what}: stderr differs`);
  assert.equal(v.stdout, n.stdout, `${what}: stdout differs`);
  assert.equal(v.status, n.status, `${what}: exit status differs`);
  assert.equal(v.signal, n.signal, `${what}: signal differs`);
  return n;
}

let tmp;
before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'x64vm-dyn-')); });
after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

function build(name, cc, extra = []) {
  const out = path.join(CACHE, `${name}-${cc}`);
  const src = path.join(SRC, `${name}.c`);
  if (fs.existsSync(out) && fs.statSync(src).mtimeMs <= fs.statSync(out).mtimeMs) return out;
  fs.mkdirSync(CACHE, { recursive: true });
  const r = spawnSync(cc, ['-O1', '-Wall', '-Wno-format-truncation', '-o', out, src, ...extra], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cc} ${name}.c failed:\n${r.stderr}`);
  return out;
}
const haveCc = (cc) => spawnSync(cc, ['--version'], { stdio: 'ignore' }).status === 0;

// ---- the distribution's own programs ---------------------------------------------------------

const TEXT = 'pear 3\napple 10\nFig 7\nbanana 2\napple 1\n\ncherry 10\nzebra -4\n';

/** A program of this machine, dynamically linked; or a reason to skip. */
function prog(t, name) {
  if (!HOST_OK) { t.skip(NO_HOST); return null; }
  const p = which(name);
  if (!p) { t.skip(`${name} is not installed`); return null; }
  if (!isDynamicElf(p)) { t.skip(`${p} is not a dynamically linked x86-64 program`); return null; }
  return p;
}

describe('distribution programs (glibc, dynamically linked)', { concurrency: 2 }, () => {
  test('ls -l of a fixed tree (TZ=UTC, LC_ALL=C)', async (t) => {
    const ls = prog(t, 'ls');
    if (!ls) return;
    const d = path.join(tmp, 'tree');
    fs.mkdirSync(path.join(d, 'sub', 'deeper'), { recursive: true });
    fs.writeFileSync(path.join(d, 'a.txt'), 'hello\n');
    fs.writeFileSync(path.join(d, 'big.bin'), Buffer.alloc(70000, 7));
    fs.writeFileSync(path.join(d, 'sub', 'x'), '');
    fs.writeFileSync(path.join(d, 'exec.sh'), '#!/bin/sh\n', { mode: 0o755 });
    fs.symlinkSync('a.txt', path.join(d, 'link'));
    const when = [new Date('2021-03-04T05:06:07Z'), new Date('1999-12-31T23:59:59Z'), new Date('2020-02-29T12:00:00Z')];
    const names = ['a.txt', 'big.bin', 'sub/x', 'exec.sh', 'sub/deeper', 'sub', '.'];
    names.forEach((n, k) => fs.utimesSync(path.join(d, n), when[k % 3], when[k % 3]));
    fs.lutimesSync(path.join(d, 'link'), when[1], when[1]);
    await same(t, ls, ['-l', d]);
    await same(t, ls, ['-la', '--full-time', path.join(d, 'sub')]);
    await same(t, ls, ['-lR', d]);
  });

  test('cat, and cat of a missing file (stderr, exit status 1)', async (t) => {
    const cat = prog(t, 'cat');
    if (!cat) return;
    const f = path.join(tmp, 'cat.txt');
    fs.writeFileSync(f, TEXT);
    await same(t, cat, [f, f]);
    await same(t, cat, ['-n', '-'], { input: TEXT });
    const r = await same(t, cat, [f, path.join(tmp, 'missing'), f]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /missing: No such file or directory/);
  });

  test('sha256sum', async (t) => {
    const p = prog(t, 'sha256sum');
    if (!p) return;
    const f = path.join(tmp, 'sum.bin');
    fs.writeFileSync(f, Buffer.from(Array.from({ length: 100000 }, (_, k) => (k * 2654435761) >>> 24)));
    await same(t, p, [f]);
    await same(t, p, ['-'], { input: TEXT });
  });

  test('sort', async (t) => {
    const p = prog(t, 'sort');
    if (!p) return;
    await same(t, p, [], { input: TEXT });
    await same(t, p, ['-k2,2n', '-r'], { input: TEXT });
    await same(t, p, ['-u', '-f'], { input: TEXT });
  });

  test('grep', async (t) => {
    const p = prog(t, 'grep');
    if (!p) return;
    await same(t, p, ['-n', 'apple'], { input: TEXT });
    await same(t, p, ['-E', '-c', '^[a-f].* [0-9]$'], { input: TEXT });
    const r = await same(t, p, ['-q', 'nothing-like-this'], { input: TEXT });
    assert.equal(r.status, 1);
  });

  test('sed', async (t) => {
    const p = prog(t, 'sed');
    if (!p) return;
    await same(t, p, ['-e', 's/\\([a-z]*\\) \\([0-9-]*\\)/\\2:\\1/', '-e', '/^$/d', '-e', '3q'], { input: TEXT });
    await same(t, p, ['-n', '$=;/an/p'], { input: TEXT });
  });

  test('awk (mawk or gawk, whichever awk is)', async (t) => {
    const p = prog(t, 'awk');
    if (!p) return;
    await same(t, p, ['{ s += $2; n[$1]++ } END { printf "%d %.3f\\n", s, s / NR; for (k in n) c++; print c }'], { input: TEXT });
    await same(t, p, ['-F', ' ', 'length($1) > 4 { print toupper($1), $2 * 1.5 }'], { input: TEXT });
  });

  test('date -u -d @0, and a fixed time in a TZ', async (t) => {
    const p = prog(t, 'date');
    if (!p) return;
    await same(t, p, ['-u', '-d', '@0']);
    await same(t, p, ['-d', '@1000000000', '+%Y-%m-%d %H:%M:%S %Z %s']);
  });

  test('dash: a pipeline, command substitution, fork and exec of other dynamic programs', async (t) => {
    const sh = prog(t, 'dash');
    if (!sh) return;
    const script = 'echo $((6 * 7)); printf "%s\\n" b a c | sort -r | tr a-z A-Z; x=$(echo sub); echo "$x"; cat /nonexistent; echo "status $?"';
    await same(t, sh, ['-c', script]);
  });
});

// ---- bigger programs of the distribution: compressors, interpreters, a database, bc ----------
//
// Each runs natively and under x64vm with the same input; stdout, stderr and the exit
// status must be equal. The compressors also cross over: what the guest compressed
// decompresses natively to the input, and the other way round.

/** same(), with binary stdout kept as bytes; returns the native run with `bytes`. */
async function sameBytes(t, prog, args, opts = {}) {
  const [n, v] = await Promise.all([run(prog, args, opts), vmx([prog, ...args], opts)]);
  const what = `${path.basename(prog)} ${args.join(' ').slice(0, 80)}`;
  assert.equal(v.stderr, n.stderr, `${what}: stderr differs`);
  assert.equal(v.stdout.length, n.stdout.length, `${what}: stdout length differs`);
  assert.ok(v.stdout === n.stdout, `${what}: stdout differs (first at byte ${[...n.stdout].findIndex((c, k) => c !== v.stdout[k])})`);
  assert.equal(v.status, n.status, `${what}: exit status differs`);
  assert.equal(v.signal, n.signal, `${what}: signal differs`);
  return { ...n, bytes: Buffer.from(n.stdout, 'latin1'), vmBytes: Buffer.from(v.stdout, 'latin1') };
}

/** About 140 KB of text with repeats (compressible) and numbers (not quite). */
function corpusText() {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'x64vm', 'emulator', 'page', 'block', 'region', 'syscall', 'mmap', 'futex'];
  let s = 12345;
  const out = [];
  for (let k = 0; k < 20000; k++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(words[s % words.length] + (s % 7 === 0 ? '\n' : ' ') + (s % 13 === 0 ? String(s) : ''));
  }
  return Buffer.from(out.join(''), 'latin1');
}

describe('distribution programs: compressors, interpreters, sqlite3, bc', { concurrency: 2 }, () => {
  test('gzip: guest compresses (bytes equal to native), native decompresses; and the reverse; a corrupt stream', async (t) => {
    const gzip = prog(t, 'gzip');
    if (!gzip) return;
    const data = corpusText();
    const c = await sameBytes(t, gzip, ['-c', '-n', '-6'], { input: data });
    assert.ok(c.vmBytes.length < data.length / 2, `compressed to ${c.vmBytes.length} bytes`);
    assert.ok(zlib.gunzipSync(c.vmBytes).equals(data), 'the guest\'s .gz does not decompress to the input');
    const native9 = spawnSync(gzip, ['-c', '-n', '-9'], { input: data, maxBuffer: 1 << 26 }).stdout;
    const d = await sameBytes(t, gzip, ['-d', '-c'], { input: native9 });
    assert.ok(d.vmBytes.equals(data), 'the guest did not decompress the native .gz to the input');
    // a flipped byte in the middle: the CRC (or the inflate) catches it
    const bad = Buffer.from(native9);
    bad[bad.length >> 1] ^= 0x55;
    const e = await sameBytes(t, gzip, ['-d', '-c'], { input: bad });
    assert.notEqual(e.status, 0);
    assert.match(e.stderr, /gzip: stdin: /);
  });

  test('xz round trip: guest compresses (bytes equal to native) and native decompresses; native compresses, guest decompresses', async (t) => {
    const xz = prog(t, 'xz');
    if (!xz) return;
    const data = corpusText();
    const c = await sameBytes(t, xz, ['-c', '-T1', '-3'], { input: data });
    const back = spawnSync(xz, ['-d', '-c'], { input: c.vmBytes, maxBuffer: 1 << 26 });
    assert.equal(back.status, 0, String(back.stderr));
    assert.ok(back.stdout.equals(data), 'native xz -d of the guest\'s stream is not the input');
    const nativeXz = spawnSync(xz, ['-c', '-T1', '-6', '--check=sha256'], { input: data, maxBuffer: 1 << 26 }).stdout;
    const d = await sameBytes(t, xz, ['-d', '-c'], { input: nativeXz });
    assert.ok(d.vmBytes.equals(data), 'the guest did not decompress the native .xz to the input');
    const e = await sameBytes(t, xz, ['-d', '-c'], { input: nativeXz.subarray(0, nativeXz.length - 20) });
    assert.equal(e.status, 1);
    assert.match(e.stderr, /xz: \(stdin\): Unexpected end of input/);
  });

  test('perl one-liners: regexes, sprintf with floats, sort, hashes, pack/unpack, here-docs, warn and exit status', async (t) => {
    const perl = prog(t, 'perl');
    if (!perl) return;
    const TEXT2 = 'pear 3\napple 10\nFig 7\nbanana 2\n';
    await same(t, perl, ['-e', `my $t = <STDIN>; $t .= $_ while <STDIN>;
      while ($t =~ /^(\\w+) (\\d+)$/mg) { printf "%-8s|%5.2f|%e|%x|%s\\n", ucfirst lc $1, $2 / 3, $2 * 1e10 / 7, $2 * 255, $2 ** 0.5 }
      (my $u = $t) =~ s/(\\d+)/<@{[$1 * 2]}>/g; print $u; print scalar(() = $t =~ /a/g), " ", join("/", $t =~ /(\\w)(\\w)\\b/g), "\\n";
      print join(",", map { sprintf "%.3g", sqrt($_) } 1 .. 12), "\\n";
      printf "%.15g %.17g %g %s %s %.0f %.2e\\n", 0.1 + 0.2, 1 / 3, 9**9**9, 2 ** 64, -17 / 4, 2.5, 6.02214076e23;
      print join(" ", "Hello World" =~ tr/a-z//, lc("ÀB"), sprintf("%vd", "1.22.333"), substr("abcdef", -3, 2), index("hello", "l"), rindex("hello", "l")), "\\n";
      my %h; $h{$_ % 17}{len} += length($_ x 3), push @{$h{$_ % 17}{l}}, $_ for 1 .. 5000;
      for my $k (sort { $h{$b}{len} <=> $h{$a}{len} || $a <=> $b } keys %h) { print "$k: $h{$k}{len} ", scalar @{$h{$k}{l}}, " @{$h{$k}{l}}[0..2]\\n" }
      my @w = sort { lc($a) cmp lc($b) or $a cmp $b } qw(zeta Alpha beta alpha Gamma delta); print "@w\\n";
      print join(" ", reverse sort { $a <=> $b } map { ($_ * 7919) % 1000 } 1 .. 20), "\\n";
      my %c; $c{$_}++ for split //, "mississippi"; print join(",", map { "$_=$c{$_}" } sort keys %c), " ", exists $c{z} ? 1 : 0, " ", scalar(%c) ? "nonempty" : "", "\\n"`], { input: TEXT2 });
    const r = await same(t, perl, ['-e', `my $p = pack("NnCa4A6Z*w/a*q<d>", 0xdeadbeef, 65535, 7, "ab", "cd", "zed", "counted", -5, 3.25);
      print unpack("H*", $p), "\\n"; my @f = unpack("NnCa4A6Z*w/a*q<d>", $p); print join("|", @f), "\\n";
      print join(",", unpack("(A2)*", "aabbccd")), " ", unpack("%32C*", "checksum me"), " ", join(":", unpack("b8 B8", "\\x05\\xa0")), "\\n";
      my $s = <<"END"; print $s, length $s, "\\n";
here-doc line one, @{[ 6 * 7 ]}
  indented: \${\\ join "-", map { $_ ** 2 } 1 .. 5 }
END
      print <<~EOT;
        squiggly $0 \${\\ scalar localtime(0) } \${\\ scalar gmtime(1e9) }
          keeps relative indent
        EOT
      warn "a warning\\n"; exit 4`]);
    assert.equal(r.status, 4);
    assert.equal(r.stderr, 'a warning\n');
  });

  test('python3 (/usr/bin/python3): json round trip, hashlib, re, decimal at 50 digits, a class, a traceback', async (t) => {
    if (!HOST_OK) return t.skip(NO_HOST);
    // the distribution's interpreter, not a version manager's shim found first on PATH
    if (!fs.existsSync('/usr/bin/python3')) return t.skip('/usr/bin/python3 is not installed');
    const py = fs.realpathSync('/usr/bin/python3');
    if (!isDynamicElf(py)) return t.skip(`${py} is not a dynamically linked x86-64 program`);
    const env = { ...ENV, PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' };
    const script = path.join(SRC, 'py_checks.py');
    const n = await same(t, py, [script], { env });
    assert.equal(n.status, 1);
    assert.match(n.stderr, /^to stderr\nTraceback \(most recent call last\):\n.*\n    print\(accts\[0\]\.balance.*\nZeroDivisionError: division by zero\n$/s);
    assert.match(n.stdout, /^0\.14285714285714285714285714285714285714285714285714 1\.4142135623730950488016887242096980785696718753769 /m);
  });

  test('sqlite3: 30000 rows from a recursive CTE, GROUP BY / ORDER BY, an index, joins, errors', async (t) => {
    const sq = prog(t, 'sqlite3');
    if (!sq) return;
    const sql = fs.readFileSync(path.join(SRC, 'sqlite_checks.sql'));
    const r = await same(t, sq, [':memory:'], { input: sql });
    assert.match(r.stdout, /^30000\|1440024\|/m);
    assert.match(r.stdout, /USING COVERING INDEX t_grp/);
    assert.match(r.stderr, /no such table: nosuchtable/);
  });

  test('bc -l: pi to 200 digits (scale=200; 4*a(1)), and a division by zero', async (t) => {
    const bc = prog(t, 'bc');
    if (!bc) return;
    const r = await same(t, bc, ['-l'], { input: 'scale=200; 4*a(1)\n' });
    assert.match(r.stdout, /^3\.14159265358979323846264338327950288419716939937510/);
    assert.equal(r.stdout.replace(/\\\n/g, '').trim().length, 202);
    await same(t, bc, ['-l'], { input: 'scale=30; e(1); l(10); s(1)^2 + c(1)^2; 2^100; 1/0\nsqrt(2)\n' });
  });
});

describe('file mappings (how ld.so loads libraries)', () => {
  test('private mmap of a file: bytes at an offset, zeroed page tails, MAP_FIXED over dirty memory, copy on write, errors, a big file', async (t) => {
    if (!HOST_OK) return t.skip(NO_HOST);
    if (!haveCc('gcc')) return t.skip('gcc is not installed');
    const exe = build('mmap_file', 'gcc');
    const big = fs.realpathSync(process.execPath); // tens of megabytes
    const [n, v] = await Promise.all([run(exe, [path.join(tmp, 'mf-native.dat'), big]), vmx([exe, path.join(tmp, 'mf-vm.dat'), big])]);
    assert.equal(n.status, 0, n.stderr);
    assert.equal(v.stderr, n.stderr);
    assert.equal(v.stdout, n.stdout);
    assert.equal(v.status, 0);
    assert.match(n.stdout, /^big: ok equal 1$/m);
  });
});

describe('musl, dynamically linked', () => {
  test('a musl-gcc program without -static (ld-musl maps libc.so)', async (t) => {
    if (!HOST_OK) return t.skip(NO_HOST);
    if (!haveCc('musl-gcc')) return t.skip('musl-gcc is not installed');
    const exe = build('libc_mix', 'musl-gcc');
    if (!isDynamicElf(exe)) return t.skip('musl-gcc made a static program here');
    const r = await same(t, exe, ['word', path.join(tmp, 'musl-out.txt')]);
    assert.equal(r.status, 7);
    assert.match(r.stdout, /read back: line 42/);
  });
});

// ---- /proc and /sys ---------------------------------------------------------------------------

describe('/proc and /sys made up for the guest', () => {
  let exe = null;
  const get = (t) => {
    if (!HOST_OK) { t.skip(NO_HOST); return null; }
    if (!haveCc('gcc')) { t.skip('gcc is not installed'); return null; }
    exe ??= build('procself', 'gcc');
    return exe;
  };

  test('cmdline, environ, auxv, stat, status, statm, maps, cpuinfo, online, meminfo: checks by the program itself', async (t) => {
    const p = get(t);
    if (!p) return;
    const args = ['checks', 'two words', '', 'x'];
    const [n, v] = await Promise.all([run(p, args), vm([p, ...args])]);
    assert.equal(n.status, 0, `native run: ${n.stdout}${n.stderr}`);
    assert.equal(v.stdout, n.stdout, `x64vm: ${v.stderr}`);
    assert.equal(v.status, 0);
  });

  test('/proc/cpuinfo lists exactly the features CPUID reports', async (t) => {
    const p = get(t);
    if (!p) return;
    const [n, v] = await Promise.all([run(p, ['cpuflags']), vm([p, 'cpuflags'])]);
    const sets = (out) => {
      const [a, b] = out.trim().split('\n').map((l) => l.replace(/^\w+: ?/, '').split(' ').filter(Boolean));
      return { cpuid: a, cpuinfo: b };
    };
    const nv = sets(n.stdout), vv = sets(v.stdout);
    // the kernel adds flags of its own (constant_tsc, ...); every CPUID one is there
    for (const f of nv.cpuid) assert.ok(nv.cpuinfo.includes(f), `native cpuinfo lacks ${f}`);
    assert.deepEqual(vv.cpuinfo, vv.cpuid);
    for (const f of ['fpu', 'cx8', 'cmov', 'mmx', 'fxsr', 'sse', 'sse2', 'syscall', 'lm']) assert.ok(vv.cpuid.includes(f), `x64vm's CPUID lacks ${f}`);
  });

  test('/proc/self/maps of cat: the program, ld.so, libc, [heap], [stack] in the kernel format', async (t) => {
    const cat = prog(t, 'cat');
    if (!cat) return;
    const r = await vm([cat, '/proc/self/maps']);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const re = /^([0-9a-f]{8,})-([0-9a-f]{8,}) ([r-][w-][x-][ps]) ([0-9a-f]{8}) ([0-9a-f]{2}):([0-9a-f]{2}) (\d+) {1}( {0,}(\S.*))?$/;
    let prevEnd = 0n;
    for (const l of lines) {
      const m = re.exec(l);
      assert.ok(m, `bad line: '${l}'`);
      if (m[9]) assert.equal(l.indexOf(m[9]), 73, `name not in column 73: '${l}'`);
      const s = BigInt('0x' + m[1]), e = BigInt('0x' + m[2]);
      assert.ok(s < e && s >= prevEnd, `not ascending: '${l}'`);
      prevEnd = e;
    }
    const named = (re2, perms) => lines.some((l) => re2.test(l) && (!perms || l.includes(` ${perms} `)));
    assert.ok(named(new RegExp(` ${cat.replace(/[/.]/g, '\\$&')}$`), 'r-xp'), 'the program code');
    assert.ok(named(/\/ld-linux-x86-64\.so\.2$/, 'r-xp'), 'ld.so');
    assert.ok(named(/\/libc\.so\.6$/, 'r-xp'), 'libc');
    assert.ok(named(/ \[heap\]$/, 'rw-p'), '[heap]');
    assert.ok(named(/ \[stack\]$/, 'rw-p'), '[stack]');
    // the same shape as the kernel's own lines for the same program
    const n = await run(cat, ['/proc/self/maps']);
    for (const l of n.stdout.trimEnd().split('\n')) if (!/\[(vvar|vdso|vsyscall)\]/.test(l)) assert.ok(re.test(l), `the regex rejects a kernel line: '${l}'`);
  });
});

// ---- sysroot --------------------------------------------------------------------------------------

describe('sysroot (-L DIR, X64VM_LD_PREFIX)', () => {
  let root, other, hostFile, cat, readlinkProg, sh;

  /** Copy a file to the same path inside dir. */
  const put = (dir, file, data = fs.readFileSync(file), mode = fs.statSync(file).mode) => {
    const to = path.join(dir, file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.writeFileSync(to, data, { mode });
  };
  /** The libraries ldd names for a program. */
  const libsOf = (p) => {
    const r = spawnSync('ldd', [p], { encoding: 'utf8' });
    if (r.status !== 0) return null;
    return [...r.stdout.matchAll(/(\/\S+) \(0x/g)].map((m) => m[1]);
  };

  const setup = (t) => {
    if (!HOST_OK) { t.skip(NO_HOST); return false; }
    if (root) return true;
    cat = which('cat'); readlinkProg = which('readlink'); sh = which('dash');
    if (!cat || !readlinkProg || !isDynamicElf(cat) || !isDynamicElf(readlinkProg)) { t.skip('cat or readlink missing or not dynamic'); return false; }
    const libs = [...new Set([...(libsOf(cat) ?? []), ...(libsOf(readlinkProg) ?? [])])];
    if (!libs.some((l) => /libc\.so/.test(l))) { t.skip('ldd cannot list the libraries'); return false; }
    root = path.join(tmp, 'sysroot');
    other = path.join(tmp, 'other-root');
    // a merged-/usr tree like Debian's: /lib -> usr/lib, and /lib64/ld-linux-x86-64.so.2 an
    // absolute link that must be followed inside the tree
    fs.mkdirSync(path.join(root, 'usr', 'lib', 'x86_64-linux-gnu'), { recursive: true });
    fs.symlinkSync('usr/lib', path.join(root, 'lib'));
    fs.mkdirSync(path.join(root, 'lib64'));
    for (const l of libs) {
      const real = fs.realpathSync(l);
      put(root, path.join('/usr/lib/x86_64-linux-gnu', path.basename(real)), fs.readFileSync(real), 0o755);
      if (path.basename(l) !== path.basename(real)) {
        fs.symlinkSync(path.basename(real), path.join(root, 'usr/lib/x86_64-linux-gnu', path.basename(l)));
      }
    }
    fs.symlinkSync('/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', path.join(root, 'lib64', 'ld-linux-x86-64.so.2'));
    put(root, cat);
    put(root, '/opt/only-here/cat2', fs.readFileSync(cat), 0o755);
    put(root, '/opt/only-here/readlink', fs.readFileSync(readlinkProg), 0o755);
    hostFile = path.join(tmp, 'marker.txt');
    fs.writeFileSync(hostFile, 'the host copy\n');
    put(root, hostFile, 'the sysroot copy\n', 0o644);
    put(other, hostFile, 'the other root copy\n', 0o644);
    return true;
  };

  test('the program, ld.so and libc come from DIR; files found there win over the host', async (t) => {
    if (!setup(t)) return;
    const r = await vm(['-L', root, cat, hostFile, '/proc/self/maps']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.startsWith('the sysroot copy\n'), r.stdout.slice(0, 200));
    const ino = (f) => String(fs.statSync(path.join(root, f)).ino);
    const line = (re) => r.stdout.split('\n').find((l) => re.test(l)) ?? '';
    // the guest sees its own names (no DIR prefix), with the inodes of the files in DIR
    const libcLine = line(/libc\.so\.6$/);
    assert.match(libcLine, / \/usr\/lib\/x86_64-linux-gnu\/libc\.so\.6$/);
    assert.ok(libcLine.includes(` ${ino('usr/lib/x86_64-linux-gnu/libc.so.6')} `), libcLine);
    const ldLine = line(/ld-linux-x86-64\.so\.2$/);
    assert.ok(ldLine.includes(` ${ino('usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2')} `), ldLine);
    assert.ok(line(new RegExp(`${cat}$`)).includes(` ${ino(cat.slice(1))} `), 'the program from DIR');
    assert.ok(!r.stdout.includes(root), 'no host path of the sysroot shows');
  });

  test('a program only in DIR runs; /proc/self/exe is its guest path; host-only files are reachable', async (t) => {
    if (!setup(t)) return;
    const onlyHost = path.join(tmp, 'host-only.txt');
    fs.writeFileSync(onlyHost, 'only on the host\n');
    const r = await vm(['-L', root, '/opt/only-here/cat2', onlyHost]);
    assert.equal(r.stdout, 'only on the host\n', r.stderr);
    const e = await vm(['-L', root, '/opt/only-here/readlink', '/proc/self/exe']);
    assert.equal(e.stdout, '/opt/only-here/readlink\n', e.stderr);
    const natively = await run('/opt/only-here/cat2', [onlyHost]).catch((err) => ({ status: err.code }));
    assert.notEqual(natively.status, 0, 'the host has no /opt/only-here/cat2');
  });

  test('-L takes precedence over X64VM_LD_PREFIX, which applies without -L', async (t) => {
    if (!setup(t)) return;
    const env = { ...ENV, X64VM_LD_PREFIX: other };
    const a = await vm(['-L', root, cat, hostFile], { env });
    assert.equal(a.stdout, 'the sysroot copy\n', a.stderr);
    const b = await vm([cat, hostFile], { env });
    assert.equal(b.stdout, 'the other root copy\n', b.stderr);
    const c = await vm([cat, hostFile]);
    assert.equal(c.stdout, 'the host copy\n', c.stderr);
  });

  test('forked and exec\'d children keep the sysroot', async (t) => {
    if (!setup(t)) return;
    if (!sh || !isDynamicElf(sh)) return t.skip('dash missing or not dynamic');
    const r = await vm(['-L', root, sh, '-c', `/opt/only-here/cat2 ${hostFile}; /opt/only-here/readlink /proc/self/exe; cat ${hostFile}`]);
    assert.equal(r.stdout, 'the sysroot copy\n/opt/only-here/readlink\nthe sysroot copy\n', r.stderr);
  });

  test('a missing DIR is a one-line error', async (t) => {
    if (!HOST_OK) return t.skip(NO_HOST);
    const r = await vm(['-L', path.join(tmp, 'no-such-dir'), '/bin/true']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^x64vm: -L .*no-such-dir: No such file or directory\n$/);
  });
});

// ---- binfmt_misc ------------------------------------------------------------------------------------

describe('x64vm binfmt', () => {
  test('prints the registration: QEMU\'s x86_64 magic and mask, the interpreter, flag P', async () => {
    const r = await vm(['binfmt']);
    assert.equal(r.status, 0, r.stderr);
    const m = /^:x64vm:M::(\S+):(\S+):(\/\S+):([A-Z]*)\n$/.exec(r.stdout);
    assert.ok(m, r.stdout);
    assert.equal(m[1], '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00');
    assert.equal(m[2], '\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff');
    // the interpreter beside the CLI that printed the line (another build: its own bin/)
    if (process.env.X64VM_BIN === undefined) {
      assert.equal(m[3], path.join(REPO, 'bin', 'x64vm-binfmt'));
      fs.accessSync(m[3], fs.constants.X_OK);
    } else assert.match(m[3], /\/bin\/x64vm-binfmt$/);
    assert.equal(m[4], 'P');
    // the magic under the mask matches a real x86-64 ELF header (executable and PIE)
    const bytes = (s) => Buffer.from(s.replace(/\\x([0-9a-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    const magic = bytes(m[1]), mask = bytes(m[2]);
    for (const f of [process.execPath, which('ls')].filter(Boolean)) {
      const head = fs.readFileSync(f).subarray(0, magic.length);
      if (process.arch !== 'x64') continue;
      // the kernel's test (binfmt_misc.c): the bits the mask selects agree
      for (let k = 0; k < magic.length; k++) assert.equal((head[k] ^ magic[k]) & mask[k], 0, `${f} byte ${k}`);
    }
  });

  test('--install refuses on an x86-64 host', async (t) => {
    if (process.arch !== 'x64') return t.skip('only an x86-64 host refuses');
    const r = await vm(['binfmt', '--install']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^x64vm: binfmt: this host runs x86-64 programs itself/);
  });

  test('the interpreter passes argv[0] as the kernel gives it (flag P)', async (t) => {
    const sh = prog(t, 'dash');
    if (!sh) return;
    const r = await run(process.execPath, [path.join(REPO, 'bin', 'x64vm-binfmt'), sh, 'my-shell', '-c', 'echo "$0" "$1"', 'zero', 'one']);
    assert.equal(r.stdout, 'zero one\n', r.stderr);
    const r2 = await run(process.execPath, [path.join(REPO, 'bin', 'x64vm-binfmt'), which('readlink'), 'argv0-name', '/proc/self/cmdline']);
    assert.equal(r2.status, 1, 'readlink of a non-link fails');
    assert.match(r2.stderr, /^$/);
    const r3 = await run(process.execPath, [path.join(REPO, 'bin', 'x64vm-binfmt'), which('cat'), 'argv0-name', '/proc/self/cmdline']);
    assert.equal(r3.stdout, 'argv0-name\0/proc/self/cmdline\0');
  });
});
