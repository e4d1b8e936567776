// The /proc and /sys files x64vm makes up, because the host's would describe node,
// not the guest: /proc/self/{maps,cmdline,environ,auxv,stat,statm,status,comm},
// /proc/cpuinfo (the CPU that CPUID describes), /proc/meminfo and
// /sys/devices/system/cpu/{online,possible,present}. /proc/<pid> with the guest's own
// pid (x64vm's) and /proc/thread-self mean /proc/self. Each open takes a snapshot of
// the content, as the kernel's seq_file does at the first read. The other /proc files
// (and /dev) are the host's.

import * as fs from 'node:fs';
import * as os from 'node:os';
import type { Process } from './process.js';
import { NUM_PAGES, P_R, P_W, P_X, P_MAPPED } from '../mem/memory.js';
import { cpuid } from '../cpu/cpuid.js';
import { guestAbs, fromText, toText } from './path.js';

const SELF = new RegExp(`^/proc/(?:self|thread-self|${process.pid}|${process.pid}/task/${process.pid})/([a-z_]+)$`);

type Gen = (p: Process) => string | Uint8Array;

const PER_PROCESS: Record<string, Gen> = {
  maps: (p) => maps(p),
  cmdline: (p) => region(p, 0),
  environ: (p) => region(p, 2),
  auxv: (p) => auxv(p),
  stat: (p) => stat(p),
  statm: (p) => statm(p),
  status: (p) => status(p),
  comm: (p) => comm(p) + '\n',
};

const GLOBAL: Record<string, Gen> = {
  '/proc/cpuinfo': () => cpuinfo(),
  '/proc/meminfo': () => meminfo(),
  '/sys/devices/system/cpu/online': () => cpuRange(),
  '/sys/devices/system/cpu/possible': () => cpuRange(),
  '/sys/devices/system/cpu/present': () => cpuRange(),
};

/** Is g (an absolute guest path, one char per byte) a file x64vm makes up? */
export function isProcFile(g: string): boolean {
  if (g.charCodeAt(1) !== 0x70 && g.charCodeAt(1) !== 0x73) return false; // neither /proc nor /sys
  if (GLOBAL[g]) return true;
  const m = SELF.exec(g);
  return m !== null && PER_PROCESS[m[1]] !== undefined;
}

/** The content of the made-up file at guest path g, or null if x64vm does not make it up. */
export function procFile(p: Process, g: string): Uint8Array | null {
  if (g.charCodeAt(1) !== 0x70 && g.charCodeAt(1) !== 0x73) return null;
  let gen: Gen | undefined = GLOBAL[g];
  if (!gen) {
    const m = SELF.exec(g);
    if (m) gen = PER_PROCESS[m[1]];
  }
  if (!gen) return null;
  const out = gen(p);
  return typeof out === 'string' ? Buffer.from(out, 'latin1') : out;
}

// ---- the address space --------------------------------------------------------------------

/** cmdline (k = 0) and environ (k = 2): the memory of the argument or environment strings, as Linux reads it. */
function region(p: Process, k: number): Uint8Array {
  const r = p.argEnvRange;
  const start = r[k], end = r[k + 1];
  if (!(end > start) || !p.mem.check(start, end - start, P_R)) return new Uint8Array(0);
  return p.mem.u8.slice(start, end);
}

function auxv(p: Process): Uint8Array {
  const out = Buffer.alloc(16 * p.auxv.length);
  p.auxv.forEach(([key, val], n) => {
    out.writeUInt32LE(key >>> 0, 16 * n); out.writeUInt32LE(Math.floor(key / 4294967296), 16 * n + 4);
    out.writeUInt32LE(val >>> 0, 16 * n + 8); out.writeUInt32LE(Math.floor(val / 4294967296), 16 * n + 12);
  });
  return out;
}

interface Area { start: number; end: number; prot: number; offset: number; path: string; name: string }

/**
 * The mappings as the kernel lists them: runs of pages with one protection inside one
 * mapping, adjacent anonymous mappings merged, the brk area named [heap].
 */
function areas(p: Process): Area[] {
  const perm = p.mem.perm, list = p.vmas.list;
  const heapEnd = Math.ceil(p.brkCur / 4096) * 4096;
  const out: Area[] = [];
  let vi = 0;
  for (let pg = 0x10; pg < NUM_PAGES;) {
    const bits = perm[pg] & (P_MAPPED | P_R | P_W | P_X);
    if (!(bits & P_MAPPED)) { pg++; continue; }
    const addr = pg * 4096;
    while (vi < list.length && list[vi].end <= addr) vi++;
    const v = vi < list.length && list[vi].start <= addr ? list[vi] : null;
    let limit: number, path = '', name = '', offset = 0;
    if (v) {
      limit = v.end;
      if (v.path.startsWith('[')) name = v.path;
      else if (v.path) { path = v.path; offset = v.offset + (addr - v.start); }
      // the kernel shows neighbouring anonymous mappings with one protection as one
      for (let k = vi + 1; !path && !name && k < list.length && list[k].start === limit && list[k].path === ''; k++) limit = list[k].end;
    } else {
      limit = vi < list.length ? list[vi].start : NUM_PAGES * 4096;
      if (addr >= p.brkStart && addr < heapEnd) { name = '[heap]'; limit = Math.min(limit, heapEnd); }
      else if (p.brkStart > addr) limit = Math.min(limit, p.brkStart);
    }
    let e = pg + 1;
    while (e * 4096 < limit && (perm[e] & (P_MAPPED | P_R | P_W | P_X)) === bits) e++;
    const prev = out[out.length - 1];
    if (prev && prev.end === addr && prev.prot === bits && !path && !prev.path && name === prev.name) prev.end = e * 4096;
    else out.push({ start: addr, end: e * 4096, prot: bits, offset, path, name });
    pg = e;
  }
  return out;
}

const fileIds = new Map<string, { shown: string; major: number; minor: number; ino: bigint }>();
/** The canonical name (as the guest sees it), device numbers and inode of a mapped file. */
function fileId(p: Process, path: string): { shown: string; major: number; minor: number; ino: bigint } {
  let id = fileIds.get(path);
  if (id) return id;
  let real = path, major = 0, minor = 0, ino = 0n;
  try {
    real = fs.realpathSync(path);
    const st = fs.statSync(real, { bigint: true });
    major = Number((st.dev >> 8n) & 0xfffn) | Number((st.dev >> 32n) & ~0xfffn);
    minor = Number(st.dev & 0xffn) | Number((st.dev >> 12n) & ~0xffn);
    ino = st.ino;
  } catch { /* gone: show the name as recorded */ }
  id = { shown: toText(guestAbs(p, fromText(real))), major, minor, ino };
  fileIds.set(path, id);
  return id;
}

const hex = (v: number, w: number): string => v.toString(16).padStart(w, '0');

function maps(p: Process): string {
  let s = '';
  for (const a of areas(p)) {
    const prot = (a.prot & P_R ? 'r' : '-') + (a.prot & P_W ? 'w' : '-') + (a.prot & P_X ? 'x' : '-') + 'p';
    let line: string;
    let name = a.name;
    if (a.path) {
      const id = fileId(p, a.path);
      line = `${hex(a.start, 8)}-${hex(a.end, 8)} ${prot} ${hex(a.offset, 8)} ${hex(id.major, 2)}:${hex(id.minor, 2)} ${id.ino} `;
      name = id.shown;
    } else line = `${hex(a.start, 8)}-${hex(a.end, 8)} ${prot} 00000000 00:00 0 `;
    // the name starts in column 73, as the kernel pads it (one space after the inode otherwise)
    if (name) line = line.padEnd(73, ' ') + name;
    s += line + '\n';
  }
  return s;
}

interface Sizes { total: number; exe: number; lib: number; data: number; stack: number; startCode: number; endCode: number }
function sizes(p: Process): Sizes {
  const z: Sizes = { total: 0, exe: 0, lib: 0, data: 0, stack: 0, startCode: 0, endCode: 0 };
  for (const a of areas(p)) {
    const n = a.end - a.start;
    z.total += n;
    if (a.name === '[stack]') z.stack += n;
    else if (a.path && a.path === p.exePath) {
      if (a.prot & P_X) { z.exe += n; if (!z.startCode) z.startCode = a.start; z.endCode = a.end; }
    } else if (a.path && (a.prot & P_X)) z.lib += n;
    else if (!a.path && (a.prot & P_W)) z.data += n;
  }
  return z;
}

// ---- the process ------------------------------------------------------------------------------

/** The command name: the last part of the path execve was given, 15 bytes at most. */
function comm(p: Process): string {
  const at = p.auxv.find(([k]) => k === 31)?.[1] ?? 0; // AT_EXECFN
  const s = at ? p.mem.readCString(at, 4096) : null;
  let name = s ? Buffer.from(s).toString('latin1') : p.exePath;
  name = name.slice(name.lastIndexOf('/') + 1);
  return name.slice(0, 15);
}

function sigMasks(p: Process): { blk: string; ign: string; cgt: string; pnd: string } {
  const s = p.sig;
  let ign = 0n, cgt = 0n, pnd = 0n;
  s.actions.forEach((a, sig) => {
    if (!a || sig < 1) return;
    if (a.handler === 1) ign |= 1n << BigInt(sig - 1);
    else if (a.handler > 1) cgt |= 1n << BigInt(sig - 1);
  });
  for (const q of s.pending) pnd |= 1n << BigInt(q.signo - 1);
  const blk = (BigInt(s.blockedHi >>> 0) << 32n) | BigInt(s.blockedLo >>> 0);
  const h = (v: bigint): string => v.toString(16).padStart(16, '0');
  return { blk: h(blk), ign: h(ign), cgt: h(cgt), pnd: h(pnd) };
}

function ticks(): [number, number] {
  const u = process.cpuUsage();
  return [Math.floor(u.user / 10000), Math.floor(u.system / 10000)];
}

/** Fields of the host's own /proc/self/stat that say nothing about the guest's memory (pgrp, session, tty ...). */
function hostStat(): string[] | null {
  try {
    const s = fs.readFileSync('/proc/self/stat', 'latin1');
    return s.slice(s.lastIndexOf(')') + 2).trim().split(' ');
  } catch { return null; }
}

function stat(p: Process): string {
  const z = sizes(p), [ut, st] = ticks(), h = hostStat(), sig = sigMasks(p), r = p.argEnvRange;
  // fields 3.. of the host's line, for the terminal and the start time
  const host = (k: number, dflt: string): string => (h && h[k - 3] !== undefined ? h[k - 3] : dflt);
  const pid = String(process.pid), dec = (hx: string): string => BigInt('0x' + hx).toString();
  const f: string[] = [
    pid, `(${comm(p)})`, 'R', String(process.ppid), pid, pid, host(7, '0'), host(8, '-1'), '4194304',
    '0', '0', '0', '0', String(ut), String(st), '0', '0', '20', '0', '1', '0', host(22, '0'),
    String(z.total), String(z.total / 4096), '18446744073709551615', String(z.startCode), String(z.endCode), String(r[4]),
    '0', '0', dec(sig.pnd), dec(sig.blk), dec(sig.ign), dec(sig.cgt), '0', '0', '0', '17', '0', '0', '0', '0', '0', '0',
    '0', '0', String(p.brkStart), String(r[0]), String(r[1]), String(r[2]), String(r[3]), '0',
  ];
  return f.join(' ') + '\n';
}

function statm(p: Process): string {
  const z = sizes(p), pages = z.total / 4096;
  return `${pages} ${pages} 0 ${z.exe / 4096} 0 ${(z.data + z.stack) / 4096} 0\n`;
}

function status(p: Process): string {
  const z = sizes(p), sig = sigMasks(p), kb = (n: number): string => `${String(n / 1024).padStart(8)} kB`;
  const uid = process.getuid?.() ?? 0, gid = process.getgid?.() ?? 0;
  const euid = process.geteuid?.() ?? uid, egid = process.getegid?.() ?? gid;
  const n = cpuCount();
  const lines = [
    `Name:\t${comm(p)}`, `Umask:\t${p.umask.toString(8).padStart(4, '0')}`, 'State:\tR (running)',
    `Tgid:\t${process.pid}`, 'Ngid:\t0', `Pid:\t${process.pid}`, `PPid:\t${process.ppid}`, 'TracerPid:\t0',
    `Uid:\t${uid}\t${euid}\t${euid}\t${euid}`, `Gid:\t${gid}\t${egid}\t${egid}\t${egid}`,
    'FDSize:\t256', 'Groups:\t', `NStgid:\t${process.pid}`, `NSpid:\t${process.pid}`, `NSpgid:\t${process.pid}`, `NSsid:\t${process.pid}`,
    `VmPeak:\t${kb(z.total)}`, `VmSize:\t${kb(z.total)}`, `VmLck:\t${kb(0)}`, `VmPin:\t${kb(0)}`,
    `VmHWM:\t${kb(z.total)}`, `VmRSS:\t${kb(z.total)}`, `RssAnon:\t${kb(z.data + z.stack)}`,
    `RssFile:\t${kb(z.total - z.data - z.stack)}`, `RssShmem:\t${kb(0)}`, `VmData:\t${kb(z.data)}`,
    `VmStk:\t${kb(z.stack)}`, `VmExe:\t${kb(z.exe)}`, `VmLib:\t${kb(z.lib)}`, `VmPTE:\t${kb(0)}`, `VmSwap:\t${kb(0)}`,
    'HugetlbPages:\t       0 kB', 'CoreDumping:\t0', 'THP_enabled:\t1', 'Threads:\t1', `SigQ:\t${p.sig.pending.length}/63429`,
    `SigPnd:\t${sig.pnd}`, 'ShdPnd:\t0000000000000000', `SigBlk:\t${sig.blk}`, `SigIgn:\t${sig.ign}`, `SigCgt:\t${sig.cgt}`,
    'CapInh:\t0000000000000000', `CapPrm:\t${euid === 0 ? '000001ffffffffff' : '0000000000000000'}`,
    `CapEff:\t${euid === 0 ? '000001ffffffffff' : '0000000000000000'}`, 'CapBnd:\t000001ffffffffff', 'CapAmb:\t0000000000000000',
    'NoNewPrivs:\t0', 'Seccomp:\t0', 'Seccomp_filters:\t0',
    `Cpus_allowed:\t${((1n << BigInt(n)) - 1n).toString(16)}`, `Cpus_allowed_list:\t${cpuRange().trim()}`,
    'Mems_allowed:\t00000001', 'Mems_allowed_list:\t0', 'voluntary_ctxt_switches:\t0', 'nonvoluntary_ctxt_switches:\t0',
  ];
  return lines.join('\n') + '\n';
}

// ---- the machine -------------------------------------------------------------------------------

/** As many CPUs as sched_getaffinity reports (each its own package: CPUID says one logical CPU per package). */
function cpuCount(): number { return Math.max(1, os.availableParallelism?.() ?? os.cpus().length); }
function cpuRange(): string { const n = cpuCount(); return (n === 1 ? '0' : `0-${n - 1}`) + '\n'; }

// Linux's names for CPUID feature bits (arch/x86/include/asm/cpufeatures.h); '' = not shown
const LEAF1_EDX = ['fpu', 'vme', 'de', 'pse', 'tsc', 'msr', 'pae', 'mce', 'cx8', 'apic', '', 'sep', 'mtrr', 'pge', 'mca', 'cmov',
  'pat', 'pse36', 'pn', 'clflush', '', 'dts', 'acpi', 'mmx', 'fxsr', 'sse', 'sse2', 'ss', 'ht', 'tm', 'ia64', 'pbe'];
const LEAF1_ECX = ['pni', 'pclmulqdq', 'dtes64', 'monitor', 'ds_cpl', 'vmx', 'smx', 'est', 'tm2', 'ssse3', 'cid', 'sdbg', 'fma',
  'cx16', 'xtpr', 'pdcm', '', 'pcid', 'dca', 'sse4_1', 'sse4_2', 'x2apic', 'movbe', 'popcnt', 'tsc_deadline_timer', 'aes',
  'xsave', '', 'avx', 'f16c', 'rdrand', 'hypervisor'];
const EXT1_EDX = ['', '', '', '', '', '', '', '', '', '', '', 'syscall', '', '', '', '', '', '', '', 'mp', 'nx', '', 'mmxext', '',
  '', 'fxsr_opt', 'pdpe1gb', 'rdtscp', '', 'lm', '3dnowext', '3dnow'];
const EXT1_ECX = ['lahf_lm', 'cmp_legacy', 'svm', 'extapic', 'cr8_legacy', 'abm', 'sse4a', 'misalignsse', '3dnowprefetch', 'osvw',
  'ibs', 'xop', 'skinit', 'wdt', '', 'lwp', 'fma4', 'tce', '', 'nodeid_msr', '', 'tbm', 'topoext', 'perfctr_core', 'perfctr_nb', '',
  'bpext', 'ptsc', 'perfctr_llc', 'mwaitx', '', ''];
const LEAF7_EBX = ['fsgsbase', 'tsc_adjust', 'sgx', 'bmi1', 'hle', 'avx2', '', 'smep', 'bmi2', 'erms', 'invpcid', 'rtm', 'cqm', '',
  'mpx', 'rdt_a', 'avx512f', 'avx512dq', 'rdseed', 'adx', 'smap', 'avx512ifma', '', 'clflushopt', 'clwb', 'intel_pt', 'avx512pf',
  'avx512er', 'avx512cd', 'sha_ni', 'avx512bw', 'avx512vl'];

/** The flags line: the name of every feature bit CPUID reports, in the kernel's order. */
export function cpuFlags(): string[] {
  const l1 = cpuid(1, 0), edx1 = l1[3], ecx1 = l1[2];
  const e1 = cpuid(0x80000001, 0), edxE = e1[3], ecxE = e1[2];
  const ebx7 = cpuid(7, 0)[1];
  const out: string[] = [];
  const add = (names: string[], bits: number): void => {
    for (let b = 0; b < 32; b++) if ((bits >>> b) & 1 && names[b]) out.push(names[b]);
  };
  add(LEAF1_EDX, edx1); add(EXT1_EDX, edxE); add(LEAF1_ECX, ecx1); add(EXT1_ECX, ecxE); add(LEAF7_EBX, ebx7);
  return out;
}

function cpuinfo(): string {
  const l1 = Array.from(cpuid(1, 0)), maxLeaf = cpuid(0, 0)[0];
  let brand = '';
  for (let leaf = 0x80000002; leaf <= 0x80000004; leaf++) {
    for (const w of cpuid(leaf, 0)) brand += String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24);
  }
  brand = brand.replace(/\0+$/, '').trim();
  const v = cpuid(0, 0);
  const vendor = [v[1], v[3], v[2]].map((w) => String.fromCharCode(w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24)).join('');
  const eax = l1[0];
  let family = (eax >>> 8) & 0xf, model = (eax >>> 4) & 0xf;
  if (family === 0xf) family += (eax >>> 20) & 0xff;
  if (family === 6 || family >= 0xf) model += ((eax >>> 16) & 0xf) << 4;
  const l2 = cpuid(0x80000006, 0)[2] >>> 16;
  const addr = cpuid(0x80000008, 0)[0];
  const clflush = ((l1[1] >>> 8) & 0xff) * 8;
  const flags = cpuFlags().join(' ');
  const n = cpuCount();
  let s = '';
  for (let k = 0; k < n; k++) {
    s += [
      `processor\t: ${k}`, `vendor_id\t: ${vendor}`, `cpu family\t: ${family}`, `model\t\t: ${model}`, `model name\t: ${brand}`,
      `stepping\t: ${eax & 0xf}`, 'cpu MHz\t\t: 3000.000', `cache size\t: ${l2} KB`, `physical id\t: ${k}`, 'siblings\t: 1',
      'core id\t\t: 0', 'cpu cores\t: 1', `apicid\t\t: ${k}`, `initial apicid\t: ${k}`, 'fpu\t\t: yes', 'fpu_exception\t: yes',
      `cpuid level\t: ${maxLeaf}`, 'wp\t\t: yes', `flags\t\t: ${flags}`, 'bugs\t\t:', 'bogomips\t: 6000.00',
      `clflush size\t: ${clflush}`, `cache_alignment\t: ${clflush}`,
      `address sizes\t: ${addr & 0xff} bits physical, ${(addr >>> 8) & 0xff} bits virtual`, 'power management:', '', '',
    ].join('\n');
  }
  return s.replace(/\n\n$/, '\n');
}

function meminfo(): string {
  // the host's memory, but no more than the 4 GiB a guest can address (free in proportion)
  const host = os.totalmem(), total = Math.min(host, 4 * 1024 ** 3), free = Math.floor(os.freemem() * (total / host));
  const kb = (name: string, v: number): string => `${(name + ':').padEnd(16)}${String(Math.floor(v / 1024)).padStart(8)} kB\n`;
  return kb('MemTotal', total) + kb('MemFree', free) + kb('MemAvailable', free) + kb('Buffers', 0) + kb('Cached', 0) +
    kb('SwapCached', 0) + kb('Active', total - free) + kb('Inactive', 0) + kb('SwapTotal', 0) + kb('SwapFree', 0) +
    kb('Dirty', 0) + kb('Writeback', 0) + kb('AnonPages', total - free) + kb('Mapped', 0) + kb('Shmem', 0) +
    kb('Slab', 0) + kb('CommitLimit', total) + kb('Committed_AS', total - free) + kb('VmallocTotal', 0) + kb('VmallocUsed', 0);
}
