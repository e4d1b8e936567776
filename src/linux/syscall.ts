// The system call table: numbers to handlers, with the argument kinds that --strace
// uses to print a call the way strace does.

import type { Process } from './process.js';

/** Argument kinds for tracing: d int, u unsigned, x hex, p pointer, s string, b buffer (length in the next argument), o octal mode, f flags-as-hex. */
export type ArgKind = 'd' | 'u' | 'x' | 'p' | 's' | 'b' | 'o' | 'f' | '-';

/** A handler receives the six argument registers in `a` (lo/hi pairs via the helpers) and returns the result or -errno. */
export type SyscallFn = (p: Process, a: SyscallArgs) => number | Promise<number>;

export interface SyscallDef {
  nr: number;
  name: string;
  args: ArgKind[];
  fn: SyscallFn;
  /** the result is a pointer (print it in hex) */
  retPtr?: boolean;
}

export const syscalls: (SyscallDef | undefined)[] = [];

export function defineSyscall(nr: number, name: string, args: string, fn: SyscallFn, retPtr = false): void {
  syscalls[nr] = { nr, name, args: (args ? args.split(',') : []) as ArgKind[], fn, retPtr };
}

/** The six argument registers: rdi, rsi, rdx, r10, r8, r9 as lo/hi halves. */
export class SyscallArgs {
  readonly lo = new Uint32Array(6);
  readonly hi = new Uint32Array(6);
  /** as a 32-bit signed int (C int arguments) */
  int(n: number): number { return this.lo[n] | 0; }
  /** as an unsigned 32-bit number */
  u32(n: number): number { return this.lo[n]; }
  /** as an unsigned 64-bit number (exact below 2^53) */
  u64(n: number): number { return this.hi[n] * 4294967296 + this.lo[n]; }
  /** as a signed 64-bit number (exact for |v| below 2^53) */
  s64(n: number): number {
    const hi = this.hi[n];
    if (hi & 0x80000000) return -((~hi >>> 0) * 4294967296 + (~this.lo[n] >>> 0) + 1);
    return hi * 4294967296 + this.lo[n];
  }
  /** as a guest pointer: -1 when it cannot be a valid address (above 4 GiB) */
  ptr(n: number): number { return this.hi[n] === 0 ? this.lo[n] : -1; }
}

/** Linux syscall names for the numbers we do not implement, for messages. */
export const SYSCALL_NAMES: Record<number, string> = {
  0: 'read', 1: 'write', 2: 'open', 3: 'close', 4: 'stat', 5: 'fstat', 6: 'lstat', 7: 'poll', 8: 'lseek',
  9: 'mmap', 10: 'mprotect', 11: 'munmap', 12: 'brk', 13: 'rt_sigaction', 14: 'rt_sigprocmask',
  15: 'rt_sigreturn', 16: 'ioctl', 17: 'pread64', 18: 'pwrite64', 19: 'readv', 20: 'writev', 21: 'access',
  22: 'pipe', 23: 'select', 24: 'sched_yield', 25: 'mremap', 26: 'msync', 27: 'mincore', 28: 'madvise',
  29: 'shmget', 30: 'shmat', 31: 'shmctl', 32: 'dup', 33: 'dup2', 34: 'pause', 35: 'nanosleep',
  36: 'getitimer', 37: 'alarm', 38: 'setitimer', 39: 'getpid', 40: 'sendfile', 41: 'socket', 42: 'connect',
  43: 'accept', 44: 'sendto', 45: 'recvfrom', 46: 'sendmsg', 47: 'recvmsg', 48: 'shutdown', 49: 'bind',
  50: 'listen', 51: 'getsockname', 52: 'getpeername', 53: 'socketpair', 54: 'setsockopt', 55: 'getsockopt',
  56: 'clone', 57: 'fork', 58: 'vfork', 59: 'execve', 60: 'exit', 61: 'wait4', 62: 'kill', 63: 'uname',
  64: 'semget', 65: 'semop', 66: 'semctl', 67: 'shmdt', 68: 'msgget', 69: 'msgsnd', 70: 'msgrcv',
  71: 'msgctl', 72: 'fcntl', 73: 'flock', 74: 'fsync', 75: 'fdatasync', 76: 'truncate', 77: 'ftruncate',
  78: 'getdents', 79: 'getcwd', 80: 'chdir', 81: 'fchdir', 82: 'rename', 83: 'mkdir', 84: 'rmdir',
  85: 'creat', 86: 'link', 87: 'unlink', 88: 'symlink', 89: 'readlink', 90: 'chmod', 91: 'fchmod',
  92: 'chown', 93: 'fchown', 94: 'lchown', 95: 'umask', 96: 'gettimeofday', 97: 'getrlimit',
  98: 'getrusage', 99: 'sysinfo', 100: 'times', 101: 'ptrace', 102: 'getuid', 103: 'syslog',
  104: 'getgid', 105: 'setuid', 106: 'setgid', 107: 'geteuid', 108: 'getegid', 109: 'setpgid',
  110: 'getppid', 111: 'getpgrp', 112: 'setsid', 113: 'setreuid', 114: 'setregid', 115: 'getgroups',
  116: 'setgroups', 117: 'setresuid', 118: 'getresuid', 119: 'setresgid', 120: 'getresgid',
  121: 'getpgid', 122: 'setfsuid', 123: 'setfsgid', 124: 'getsid', 125: 'capget', 126: 'capset',
  127: 'rt_sigpending', 128: 'rt_sigtimedwait', 129: 'rt_sigqueueinfo', 130: 'rt_sigsuspend',
  131: 'sigaltstack', 132: 'utime', 133: 'mknod', 135: 'personality', 137: 'statfs', 138: 'fstatfs',
  140: 'getpriority', 141: 'setpriority', 149: 'mlock', 150: 'munlock', 157: 'prctl', 158: 'arch_prctl',
  160: 'setrlimit', 161: 'chroot', 162: 'sync', 186: 'gettid', 200: 'tkill', 201: 'time', 202: 'futex',
  203: 'sched_setaffinity', 204: 'sched_getaffinity', 213: 'epoll_create', 217: 'getdents64',
  218: 'set_tid_address', 221: 'fadvise64', 222: 'timer_create', 228: 'clock_gettime',
  229: 'clock_getres', 230: 'clock_nanosleep', 231: 'exit_group', 232: 'epoll_wait', 233: 'epoll_ctl',
  234: 'tgkill', 235: 'utimes', 247: 'waitid', 257: 'openat', 258: 'mkdirat', 259: 'mknodat',
  260: 'fchownat', 261: 'futimesat', 262: 'newfstatat', 263: 'unlinkat', 264: 'renameat', 265: 'linkat',
  266: 'symlinkat', 267: 'readlinkat', 268: 'fchmodat', 269: 'faccessat', 270: 'pselect6', 271: 'ppoll',
  273: 'set_robust_list', 274: 'get_robust_list', 275: 'splice', 280: 'utimensat', 281: 'epoll_pwait',
  283: 'timerfd_create', 284: 'eventfd', 285: 'fallocate', 288: 'accept4', 290: 'eventfd2',
  291: 'epoll_create1', 292: 'dup3', 293: 'pipe2', 294: 'inotify_init1', 295: 'preadv', 296: 'pwritev',
  302: 'prlimit64', 306: 'syncfs', 309: 'getcpu', 316: 'renameat2', 317: 'seccomp', 318: 'getrandom',
  319: 'memfd_create', 322: 'execveat', 324: 'membarrier', 326: 'copy_file_range', 327: 'preadv2',
  328: 'pwritev2', 332: 'statx', 334: 'rseq', 424: 'pidfd_send_signal', 434: 'pidfd_open', 435: 'clone3',
  436: 'close_range', 437: 'openat2', 439: 'faccessat2', 441: 'epoll_pwait2', 452: 'fchmodat2',
};
