// Random bytes from the host (AT_RANDOM, getrandom). /dev/urandom rather than
// node:crypto, whose loading (with the stream modules it pulls in) costs milliseconds
// of startup to every guest run; node:crypto is the fallback where there is no
// /dev/urandom.

import { openSync, readSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Fill buf with random bytes. */
export function hostRandomFill(buf: Uint8Array): void {
  let fd = -1;
  try {
    fd = openSync('/dev/urandom', 'r');
    for (let off = 0; off < buf.length;) {
      const n = readSync(fd, buf, off, buf.length - off, null);
      if (n <= 0) throw new Error('short read');
      off += n;
    }
  } catch {
    (createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto')).randomFillSync(buf);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}
