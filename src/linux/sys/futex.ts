// futex(2). With guest threads (src/linux/threads.ts) a wait parks the calling thread
// and a wake unparks waiters on the same word (memory is never shared between
// processes, so private and shared futexes are the same). Before the first thread
// exists glibc still calls it (pthread_once, locks once marked contended, and ENOSYS
// is fatal to glibc): a wake finds nobody, and a wait ends by its timeout or a signal.

import { defineSyscall } from '../syscall.js';
import type { Process } from '../process.js';
import { EAGAIN, EFAULT, EINVAL, EINTR, ENOSYS, ETIMEDOUT } from '../errno.js';
import { ERESTARTSYS } from '../signals.js';
import { P_R, P_W } from '../../mem/memory.js';
import { readTimespecMs, clockNow } from './time.js';
import type { Threads } from '../threads.js';

const FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
  FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
const FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1;

/** Wait with no one to wake us: until the deadline (host ms; Infinity: none) or a signal. */
async function waitAlone(p: Process, deadline: number): Promise<number> {
  const signalled = await p.sig.waitUntil(deadline, () => p.sig.hasDeliverable());
  if (!signalled) return -ETIMEDOUT;
  // without a timeout Linux restarts the wait after a handler with SA_RESTART
  return deadline === Infinity ? -ERESTARTSYS : -EINTR;
}

defineSyscall(202, 'futex', 'p,x,x,p,p,x', (p, a) => {
  const addr = a.ptr(0), opw = a.int(1), val = a.int(2), val3 = a.int(5);
  const cmd = opw & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  if ((opw & FUTEX_CLOCK_REALTIME) && cmd !== FUTEX_WAIT_BITSET && cmd !== FUTEX_WAIT) return -ENOSYS;
  switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: {
      if (cmd === FUTEX_WAIT_BITSET && val3 === 0) return -EINVAL;
      let deadline = Infinity;
      const tp = a.ptr(3);
      if (tp !== 0) {
        const ms = readTimespecMs(p, tp);
        if (ms === null) return -EFAULT;
        if (Number.isNaN(ms)) return -EINVAL;
        if (cmd === FUTEX_WAIT_BITSET) {
          // an absolute time on CLOCK_MONOTONIC (or CLOCK_REALTIME when asked)
          const t = clockNow((opw & FUTEX_CLOCK_REALTIME) ? CLOCK_REALTIME : CLOCK_MONOTONIC)!;
          deadline = p.host.now() + ms - (t[0] * 1000 + t[1] / 1e6);
        } else deadline = p.host.now() + ms;
      }
      if (addr & 3) return -EINVAL;
      if (!p.mem.check(addr, 4, P_R)) return -EFAULT;
      if (p.mem.dv.getInt32(addr, true) !== val) return -EAGAIN;
      const th: Threads | null = p.threads;
      if (th !== null) {
        return th.park(202, addr, cmd === FUTEX_WAIT_BITSET ? val3 : -1, deadline, -ETIMEDOUT,
          deadline === Infinity ? -ERESTARTSYS : -EINTR);
      }
      return waitAlone(p, deadline);
    }
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET: {
      if (cmd === FUTEX_WAKE_BITSET && val3 === 0) return -EINVAL;
      if (addr & 3) return -EINVAL;
      if (!p.mem.check(addr, 4, P_R)) return -EFAULT;
      return p.threads !== null ? p.threads.wake(addr, val, cmd === FUTEX_WAKE_BITSET ? val3 : -1) : 0;
    }
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: {
      if (addr & 3 || a.ptr(4) & 3) return -EINVAL;
      if (!p.mem.check(addr, 4, P_R)) return -EFAULT;
      if (cmd === FUTEX_CMP_REQUEUE && p.mem.dv.getInt32(addr, true) !== val3) return -EAGAIN;
      if (p.threads === null) return 0;
      // val: how many to wake; the timeout argument: how many to move to uaddr2
      const woken = p.threads.wake(addr, val, -1);
      const moved = p.threads.requeue(addr, a.ptr(4), a.lo[3] | 0);
      return cmd === FUTEX_CMP_REQUEUE ? woken + moved : woken;
    }
    case FUTEX_WAKE_OP: {
      // *uaddr2 = *uaddr2 OP oparg, atomically; then wake (nobody waits)
      const a2 = a.ptr(4);
      if (addr & 3 || a2 & 3) return -EINVAL;
      if (!p.mem.check(a2, 4, P_R | P_W)) return -EFAULT;
      const op = (val3 >>> 28) & 7, shift = (val3 >>> 28) & 8;
      let arg = (val3 << 8) >> 20; // bits 12-23, signed
      if (shift) arg = 1 << (arg & 31);
      const old = p.mem.dv.getInt32(a2, true);
      let nv: number;
      switch (op) {
        case 0: nv = arg; break;
        case 1: nv = old + arg; break;
        case 2: nv = old | arg; break;
        case 3: nv = old & ~arg; break;
        case 4: nv = old ^ arg; break;
        default: return -ENOSYS;
      }
      p.mem.write32(a2, nv >>> 0);
      if (p.threads === null) return 0;
      let woken = p.threads.wake(addr, val, -1);
      const cmp = (val3 >>> 24) & 15, carg = (val3 << 20) >> 20;
      let hit: boolean;
      switch (cmp) {
        case 0: hit = old === carg; break;
        case 1: hit = old !== carg; break;
        case 2: hit = old < carg; break;
        case 3: hit = old <= carg; break;
        case 4: hit = old > carg; break;
        case 5: hit = old >= carg; break;
        default: hit = false;
      }
      if (hit) woken += p.threads.wake(a2, a.lo[3] | 0, -1);
      return woken;
    }
    default:
      // the priority-inheritance operations (and anything newer) are not provided
      return -ENOSYS;
  }
});
