// The sysroot (-L DIR, or X64VM_LD_PREFIX): a directory holding an x86-64 Linux tree
// (made by debootstrap, or an extracted container image), for hosts whose own
// /lib and /usr are not x86-64. QEMU's rule: an absolute path the guest names is
// looked up inside DIR first, and used from the host when it does not exist there.
//
// Unlike a plain prefix, the lookup follows symbolic links inside the tree: a link
// with an absolute target (/lib64/ld-linux-x86-64.so.2 -> /lib/x86_64-linux-gnu/...,
// /usr/bin/awk -> /etc/alternatives/awk) continues inside DIR, where the host kernel
// would have followed it out of the tree. A final link is left for the host to
// follow (so lstat and readlink see it) unless the host would follow it elsewhere.
// /proc, /sys and /dev always mean the host's: the guest's processes and devices
// are there, and a tree's own copies are empty.
//
// Paths are byte strings (one char per byte), as in path.ts.

import * as fs from 'node:fs';

let root = '';

/** Use host directory dir (absolute, made canonical) as the sysroot; '' for none. */
export function setSysroot(dir: string): void {
  root = dir ? Buffer.from(fs.realpathSync(dir, { encoding: 'buffer' })).toString('latin1').replace(/\/+$/, '') : '';
}

/** The sysroot as a host byte path ('' = none; '/' itself counts as none). */
export function sysroot(): string { return root; }

const HOST_ONLY = /^\/+(proc|sys|dev)(\/|$)/;
const MAX_LINKS = 40;
const B = (s: string): Buffer => Buffer.from(s, 'latin1');

function lstat(h: string): fs.Stats | undefined {
  try { return fs.lstatSync(B(h), { throwIfNoEntry: false }); } catch { return undefined; }
}
function readlink(h: string): string | null {
  try { return fs.readlinkSync(B(h), { encoding: 'buffer' }).toString('latin1'); } catch { return null; }
}
function realpath(h: string): string | null {
  try { return fs.realpathSync.native(B(h), { encoding: 'buffer' }).toString('latin1'); } catch { return null; }
}

/**
 * Walk the components of g inside the root, following links there. Returns the host
 * path, or null if some component does not exist in the tree. With follow=false a
 * final link is not followed.
 */
function walk(g: string, follow: boolean): string | null {
  const pending = g.split('/').reverse();
  const cur: string[] = [];
  let links = 0;
  while (pending.length) {
    const c = pending.pop()!;
    if (c === '' || c === '.') continue;
    if (c === '..') { cur.pop(); continue; }
    const last = pending.every((x) => x === '' || x === '.');
    const at = root + '/' + (cur.length ? cur.join('/') + '/' : '') + c;
    const st = lstat(at);
    if (!st) return null;
    if (st.isSymbolicLink() && (!last || follow)) {
      const t = readlink(at);
      if (t === null || ++links > MAX_LINKS) return null;
      if (t.startsWith('/')) cur.length = 0;
      const parts = t.split('/');
      for (let k = parts.length - 1; k >= 0; k--) pending.push(parts[k]);
      continue;
    }
    if (!last && !st.isDirectory()) return null;
    cur.push(c);
  }
  return root + (cur.length ? '/' + cur.join('/') : '');
}

/** The host path of absolute guest path g inside the sysroot, or null to use g on the host. */
export function inRoot(g: string): string | null {
  if (!root || HOST_ONLY.test(g)) return null;
  const h = walk(g, false);
  if (h === null) return null;
  const slash = g.endsWith('/') && h !== root ? '/' : '';
  if (h === root) return root + '/';
  // a final link the host would follow out of the tree (an absolute target, or one
  // through such a link) is followed here instead
  const st = lstat(h);
  if (st?.isSymbolicLink()) {
    const inside = walk(g, true);
    if (inside === null) return null; // dangling in the tree: QEMU's rule looks on the host
    if (realpath(h) !== inside) return inside + slash;
  }
  return h + slash;
}

/** The guest's name for host path h: inside the sysroot, without its prefix. */
export function outOfRoot(h: string): string {
  if (!root || !h.startsWith(root)) return h;
  if (h.length === root.length) return '/';
  return h.charCodeAt(root.length) === 0x2f ? h.slice(root.length) : h;
}
