// Process identity, limits and lifetime: exit, the get*id family, uname,
// arch_prctl, set_tid_address, set_robust_list, rseq, prlimit64, getrandom,
// sysinfo, sched_*, umask, getrusage, times, prctl.

import * as os from 'node:os';
import { hostRandomFill } from '../hostrandom.js';
import { defineSyscall } from '../syscall.js';
import { NORETURN } from '../process.js';
import { EINVAL, EFAULT, EPERM, ESRCH, EBUSY } from '../errno.js';
import { P_W, P_R } from '../../mem/memory.js';

// exit ends the calling thread; the last one to go ends the process
defineSyscall(60, 'exit', 'd', (p, a) => { if (p.threads === null || !p.threads.exitThread()) p.exit(a.int(0)); return NORETURN; });
defineSyscall(231, 'exit_group', 'd', (p, a) => { p.exit(a.int(0)); return NORETURN; });

const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
const gid = typeof process.getgid === 'function' ? process.getgid() : 0;
const euid = typeof process.geteuid === 'function' ? process.geteuid() : uid;
const egid = typeof process.getegid === 'function' ? process.getegid() : gid;

defineSyscall(39, 'getpid', '', () => process.pid);
defineSyscall(186, 'gettid', '', (p) => (p.threads !== null ? p.threads.cur.tid : process.pid));
defineSyscall(110, 'getppid', '', () => process.ppid);
defineSyscall(102, 'getuid', '', () => uid);
defineSyscall(104, 'getgid', '', () => gid);
defineSyscall(107, 'geteuid', '', () => euid);
defineSyscall(108, 'getegid', '', () => egid);
defineSyscall(111, 'getpgrp', '', () => process.pid);
defineSyscall(121, 'getpgid', 'd', () => process.pid);
defineSyscall(124, 'getsid', 'd', () => process.pid);
defineSyscall(109, 'setpgid', 'd,d', () => 0);
defineSyscall(112, 'setsid', '', () => -EPERM);
defineSyscall(118, 'getresuid', 'p,p,p', (p, a) => {
  for (let k = 0; k < 3; k++) { const ptr = a.ptr(k); if (!p.mem.check(ptr, 4, P_W)) return -EFAULT; p.mem.dv.setUint32(ptr, k === 1 ? euid : uid, true); }
  return 0;
});
defineSyscall(120, 'getresgid', 'p,p,p', (p, a) => {
  for (let k = 0; k < 3; k++) { const ptr = a.ptr(k); if (!p.mem.check(ptr, 4, P_W)) return -EFAULT; p.mem.dv.setUint32(ptr, k === 1 ? egid : gid, true); }
  return 0;
});
defineSyscall(115, 'getgroups', 'd,p', (p, a) => {
  const n = a.int(0);
  if (n < 0) return -EINVAL;
  if (n === 0) return 1;
  const ptr = a.ptr(1);
  if (!p.mem.check(ptr, 4, P_W)) return -EFAULT;
  p.mem.dv.setUint32(ptr, gid, true);
  return 1;
});
for (const [nr, name] of [[105, 'setuid'], [106, 'setgid'], [113, 'setreuid'], [114, 'setregid'], [117, 'setresuid'], [119, 'setresgid'], [122, 'setfsuid'], [123, 'setfsgid']] as const) {
  defineSyscall(nr, name, 'd,d,d', (_p, a) => (a.int(0) === uid || a.int(0) === -1 || uid === 0 ? 0 : -EPERM));
}

// ---- uname --------------------------------------------------------------------------
defineSyscall(63, 'uname', 'p', (p, a) => {
  const ptr = a.ptr(0);
  if (!p.mem.check(ptr, 390, P_W)) return -EFAULT;
  const fields = ['Linux', os.hostname(), os.release().replace(/[^\x20-\x7e]/g, ''), '#1 SMP x64vm', 'x86_64', '(none)'];
  p.mem.u8.fill(0, ptr, ptr + 390);
  fields.forEach((v, k) => p.mem.u8.set(new TextEncoder().encode(v.slice(0, 64)), ptr + 65 * k));
  return 0;
});

// ---- thread and TLS setup -----------------------------------------------------------
const ARCH_SET_GS = 0x1001, ARCH_SET_FS = 0x1002, ARCH_GET_FS = 0x1003, ARCH_GET_GS = 0x1004,
  ARCH_GET_CPUID = 0x1011, ARCH_SET_CPUID = 0x1012;
defineSyscall(158, 'arch_prctl', 'x,p', (p, a) => {
  const code = a.int(0), seg = p.cpu.seg;
  switch (code) {
    case ARCH_SET_FS: seg[0] = a.lo[1]; seg[1] = a.hi[1]; return 0;
    case ARCH_SET_GS: seg[2] = a.lo[1]; seg[3] = a.hi[1]; return 0;
    case ARCH_GET_FS: case ARCH_GET_GS: {
      const ptr = a.ptr(1), o = code === ARCH_GET_FS ? 0 : 2;
      if (!p.mem.check(ptr, 8, P_W)) return -EFAULT;
      p.mem.dv.setUint32(ptr, seg[o], true); p.mem.dv.setUint32(ptr + 4, seg[o + 1], true);
      return 0;
    }
    case ARCH_GET_CPUID: return 1;
    case ARCH_SET_CPUID: return 0;
  }
  return -EINVAL;
});
defineSyscall(218, 'set_tid_address', 'p', (p, a) => { p.tidAddress = a.ptr(0); return p.threads !== null ? p.threads.cur.tid : process.pid; });
defineSyscall(273, 'set_robust_list', 'p,u', (_p, a) => (a.u64(1) !== 24 ? -EINVAL : 0));
// rseq: the registration is kept and the area's cpu fields say CPU 0 (x64vm runs one
// CPU). A guest's restartable sequences are never preempted mid-way here, so nothing
// ever needs restarting; glibc reads sched_getcpu from this area once registered.
const RSEQ_FLAG_UNREGISTER = 1, RSEQ_CPU_ID_UNINITIALIZED = 0xffffffff;
defineSyscall(334, 'rseq', 'p,u,x,x', (p, a) => {
  const ptr = a.ptr(0), len = a.u32(1), flags = a.int(2), sig = a.u32(3);
  if (flags & RSEQ_FLAG_UNREGISTER) {
    if (flags & ~RSEQ_FLAG_UNREGISTER) return -EINVAL;
    const r = p.rseq;
    if (r.area === 0 || ptr !== r.area || len !== r.len) return -EINVAL;
    if (sig !== r.sig) return -EPERM;
    if (p.mem.check(ptr, 8, P_W)) { p.mem.dv.setUint32(ptr, 0, true); p.mem.dv.setUint32(ptr + 4, RSEQ_CPU_ID_UNINITIALIZED, true); }
    p.rseq = { area: 0, len: 0, sig: 0 };
    return 0;
  }
  const r = p.rseq;
  if (r.area !== 0) {
    if (ptr !== r.area || len !== r.len) return -EINVAL;
    return sig !== r.sig ? -EPERM : -EBUSY;
  }
  if (flags !== 0 || ptr < 0 || ptr % 32 !== 0 || len < 32) return -EINVAL;
  if (!p.mem.check(ptr, 32, P_W)) return -EFAULT;
  const dv = p.mem.dv;
  p.mem.noteWrite(ptr, 32);
  dv.setUint32(ptr, 0, true);      // cpu_id_start
  dv.setUint32(ptr + 4, 0, true);  // cpu_id
  dv.setUint32(ptr + 20, 0, true); // node_id
  dv.setUint32(ptr + 24, 0, true); // mm_cid
  p.rseq = { area: ptr, len, sig };
  return 0;
});

// ---- limits -------------------------------------------------------------------------
const RLIM_INFINITY = -1;
/** [soft, hard] per resource, as a fresh Linux login shell has them */
const rlimits: [number, number][] = [
  [RLIM_INFINITY, RLIM_INFINITY], // CPU
  [RLIM_INFINITY, RLIM_INFINITY], // FSIZE
  [RLIM_INFINITY, RLIM_INFINITY], // DATA
  [8 * 1024 * 1024, RLIM_INFINITY], // STACK
  [0, RLIM_INFINITY],             // CORE
  [RLIM_INFINITY, RLIM_INFINITY], // RSS
  [63704, 63704],                 // NPROC
  [1024, 1048576],                // NOFILE
  [8 * 1024 * 1024, 8 * 1024 * 1024], // MEMLOCK
  [RLIM_INFINITY, RLIM_INFINITY], // AS
  [RLIM_INFINITY, RLIM_INFINITY], // LOCKS
  [63704, 63704],                 // SIGPENDING
  [819200, 819200],               // MSGQUEUE
  [0, 0],                         // NICE
  [0, 0],                         // RTPRIO
  [RLIM_INFINITY, RLIM_INFINITY], // RTTIME
];
function putRlim(p: import('../process.js').Process, ptr: number, r: [number, number]): boolean {
  if (!p.mem.check(ptr, 16, P_W)) return false;
  for (let k = 0; k < 2; k++) {
    const v = r[k];
    p.mem.dv.setUint32(ptr + 8 * k, v < 0 ? 0xffffffff : v >>> 0, true);
    p.mem.dv.setUint32(ptr + 8 * k + 4, v < 0 ? 0xffffffff : Math.floor(v / 4294967296), true);
  }
  return true;
}
function getRlim(p: import('../process.js').Process, ptr: number): [number, number] | null {
  if (!p.mem.check(ptr, 16, P_R)) return null;
  const rd = (o: number) => { const lo = p.mem.dv.getUint32(o, true), hi = p.mem.dv.getUint32(o + 4, true); return hi === 0xffffffff && lo === 0xffffffff ? -1 : hi * 4294967296 + lo; };
  return [rd(ptr), rd(ptr + 8)];
}
defineSyscall(302, 'prlimit64', 'd,d,p,p', (p, a) => {
  const pid = a.int(0), res = a.int(1);
  if (pid !== 0 && pid !== process.pid) return -ESRCH;
  if (res < 0 || res >= rlimits.length) return -EINVAL;
  const newPtr = a.ptr(2), oldPtr = a.ptr(3);
  if (oldPtr !== 0 && !putRlim(p, oldPtr, rlimits[res])) return -EFAULT;
  if (newPtr !== 0) {
    const v = getRlim(p, newPtr);
    if (!v) return -EFAULT;
    rlimits[res] = v;
  }
  return 0;
});
defineSyscall(97, 'getrlimit', 'd,p', (p, a) => {
  const res = a.int(0);
  if (res < 0 || res >= rlimits.length) return -EINVAL;
  return putRlim(p, a.ptr(1), rlimits[res]) ? 0 : -EFAULT;
});
defineSyscall(160, 'setrlimit', 'd,p', (p, a) => {
  const res = a.int(0);
  if (res < 0 || res >= rlimits.length) return -EINVAL;
  const v = getRlim(p, a.ptr(1));
  if (!v) return -EFAULT;
  rlimits[res] = v;
  return 0;
});

// ---- randomness, system information ----------------------------------------------------
defineSyscall(318, 'getrandom', 'p,u,x', (p, a) => {
  const ptr = a.ptr(0), len = Math.min(a.u64(1), 33554431);
  const v = p.mem.view(ptr, len, P_W);
  if (!v) return -EFAULT;
  p.mem.noteWrite(ptr, len);
  const tmp = new Uint8Array(len);
  hostRandomFill(tmp);
  v.set(tmp);
  return len;
});

defineSyscall(99, 'sysinfo', 'p', (p, a) => {
  const ptr = a.ptr(0);
  if (!p.mem.check(ptr, 112, P_W)) return -EFAULT;
  const dv = p.mem.dv;
  p.mem.u8.fill(0, ptr, ptr + 112);
  const put64 = (o: number, v: number) => { dv.setUint32(ptr + o, v >>> 0, true); dv.setUint32(ptr + o + 4, Math.floor(v / 4294967296), true); };
  put64(0, Math.floor(os.uptime()));
  const load = os.loadavg();
  for (let k = 0; k < 3; k++) put64(8 + 8 * k, Math.floor(load[k] * 65536));
  put64(32, os.totalmem()); put64(40, os.freemem());
  dv.setUint16(ptr + 80, 1, true); // procs
  dv.setUint32(ptr + 104, 1, true); // mem_unit
  return 0;
});

defineSyscall(204, 'sched_getaffinity', 'd,u,p', (p, a) => {
  const len = a.u64(1), ptr = a.ptr(2);
  if (len < 8 || len % 8 !== 0) return -EINVAL;
  const n = Math.min(len, 128);
  if (!p.mem.check(ptr, n, P_W)) return -EFAULT;
  p.mem.u8.fill(0, ptr, ptr + n);
  const cpus = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  for (let c = 0; c < cpus && c < n * 8; c++) p.mem.u8[ptr + (c >> 3)] |= 1 << (c & 7);
  return n;
});
defineSyscall(203, 'sched_setaffinity', 'd,u,p', () => 0);
defineSyscall(24, 'sched_yield', '', () => 0);
defineSyscall(309, 'getcpu', 'p,p,p', (p, a) => {
  for (let k = 0; k < 2; k++) { const ptr = a.ptr(k); if (ptr) { if (!p.mem.check(ptr, 4, P_W)) return -EFAULT; p.mem.dv.setUint32(ptr, 0, true); } }
  return 0;
});
defineSyscall(95, 'umask', 'o', (p, a) => { const old = p.umask; p.umask = a.int(0) & 0o777; return old; });
defineSyscall(140, 'getpriority', 'd,d', () => 20);
defineSyscall(141, 'setpriority', 'd,d,d', () => 0);

defineSyscall(98, 'getrusage', 'd,p', (p, a) => {
  const ptr = a.ptr(1);
  if (!p.mem.check(ptr, 144, P_W)) return -EFAULT;
  p.mem.u8.fill(0, ptr, ptr + 144);
  const u = process.cpuUsage(), dv = p.mem.dv;
  const put = (o: number, us: number) => { dv.setUint32(ptr + o, Math.floor(us / 1e6), true); dv.setUint32(ptr + o + 8, us % 1e6, true); };
  put(0, u.user); put(16, u.system);
  dv.setUint32(ptr + 32, Math.floor(process.memoryUsage().rss / 1024), true);
  return 0;
});

defineSyscall(100, 'times', 'p', (p, a) => {
  const ptr = a.ptr(0);
  const u = process.cpuUsage();
  if (ptr !== 0) {
    if (!p.mem.check(ptr, 32, P_W)) return -EFAULT;
    p.mem.u8.fill(0, ptr, ptr + 32);
    p.mem.dv.setUint32(ptr, Math.floor(u.user / 1e4), true);
    p.mem.dv.setUint32(ptr + 8, Math.floor(u.system / 1e4), true);
  }
  return Math.floor(performance.now() / 10) + 100000;
});

const PR_SET_NAME = 15, PR_GET_NAME = 16, PR_SET_PDEATHSIG = 1, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4;
let threadName = new Uint8Array(16);
defineSyscall(157, 'prctl', 'd,x,x,x,x', (p, a) => {
  switch (a.int(0)) {
    case PR_SET_NAME: { const s = p.mem.readCString(a.ptr(1), 16); if (!s) return -EFAULT; threadName = new Uint8Array(16); threadName.set(s.subarray(0, 15)); return 0; }
    case PR_GET_NAME: return p.mem.writeBytes(a.ptr(1), threadName) ? 0 : -EFAULT;
    case PR_SET_PDEATHSIG: case PR_SET_DUMPABLE: return 0;
    case PR_GET_DUMPABLE: return 1;
  }
  return -EINVAL;
});
