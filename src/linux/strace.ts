// --strace output: each syscall with decoded arguments and its result.

import type { Process } from './process.js';
import type { SyscallDef, SyscallArgs } from './syscall.js';
import { errnoName } from './errno.js';

function quote(bytes: Uint8Array, max = 32): string {
  let s = '"';
  const n = Math.min(bytes.length, max);
  for (let k = 0; k < n; k++) {
    const c = bytes[k];
    if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c === 10) s += '\\n';
    else if (c === 9) s += '\\t';
    else if (c === 13) s += '\\r';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else s += '\\' + c.toString(8);
  }
  s += '"';
  if (bytes.length > max) s += '...';
  return s;
}

export function formatSyscall(p: Process, def: SyscallDef, a: SyscallArgs): string {
  const parts: string[] = [];
  for (let k = 0; k < def.args.length; k++) {
    const kind = def.args[k];
    switch (kind) {
      case 'd': parts.push(String(a.s64(k) >= -0x80000000 && a.s64(k) < 0x100000000 ? (a.hi[k] === 0 || a.hi[k] === 0xffffffff ? a.int(k) : a.s64(k)) : a.s64(k))); break;
      case 'u': parts.push(String(a.u64(k))); break;
      case 'o': parts.push('0' + a.lo[k].toString(8)); break;
      case 'x': case 'f': parts.push('0x' + a.u64(k).toString(16)); break;
      case 'p': parts.push(a.u64(k) === 0 ? 'NULL' : '0x' + a.u64(k).toString(16)); break;
      case 's': {
        const ptr = a.ptr(k);
        const s = ptr > 0 ? p.mem.readCString(ptr, 4096) : null;
        parts.push(s ? quote(s, 256) : '0x' + a.u64(k).toString(16));
        break;
      }
      case 'b': {
        const ptr = a.ptr(k), len = Math.min(a.lo[k + 1], 32);
        const v = ptr >= 0 ? p.mem.view(ptr, Math.min(len, 32)) : null;
        parts.push(v ? quote(v, 32) + (a.lo[k + 1] > 32 ? '...' : '') : '0x' + a.u64(k).toString(16));
        break;
      }
      default: parts.push('0x' + a.u64(k).toString(16));
    }
  }
  return `${def.name}(${parts.join(', ')})`;
}

export function formatResult(def: SyscallDef, res: number): string {
  if (res < 0 && res > -4096) return ` = -1 ${errnoName(-res)}`;
  if (def.retPtr) return ` = 0x${res.toString(16)}`;
  return ` = ${res}`;
}
