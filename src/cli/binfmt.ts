// x64vm binfmt [--install | --uninstall]: the kernel's binfmt_misc registration that
// makes the host run x86-64 ELF programs through x64vm (./prog instead of
// x64vm ./prog), for hosts whose CPU is not x86-64.
//
// The line is QEMU's for x86_64 (qemu-binfmt-conf.sh): the ELF identification of
// a 64-bit little-endian file for machine 0x3e (EM_X86_64), executable or shared
// object (e_type 2 or 3, hence the 0xfe in the mask), any OS/ABI byte.
//
// Flags: only P (preserve argv[0]): the kernel then runs the interpreter as
// `interp /full/path/prog argv0 args...`, and bin/x64vm-binfmt hands argv0 to the
// guest (x64vm -0 argv0 /full/path/prog args...), so multi-call programs such as
// busybox see the name they were run by. Not F (fix binary): qemu-user-static uses it
// so that its static interpreter, opened once at registration, also works inside
// chroots and containers that do not contain it; x64vm's interpreter is a node
// script, and node (and the script's own #! line) would still be looked up at run
// time inside the chroot, so F would only pin a file that cannot run alone. Not C/O
// (credentials, open binary): C would run x64vm with the privileges of set-user-ID
// programs, and x64vm cannot use the descriptor O passes.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'x64vm';
const MAGIC = '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x3e\\x00';
const MASK = '\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff';
const FLAGS = 'P';
const DIR = '/proc/sys/fs/binfmt_misc';

/** The interpreter the kernel runs: bin/x64vm-binfmt of this installation. */
export function binfmtInterpreter(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'x64vm-binfmt');
}

/** The line to write to /proc/sys/fs/binfmt_misc/register. */
export function binfmtLine(): string {
  return `:${NAME}:M::${MAGIC}:${MASK}:${binfmtInterpreter()}:${FLAGS}`;
}

/** x64vm binfmt [--install | --uninstall | --force]; returns the exit status. */
export function binfmtCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let install = false, uninstall = false, force = false;
  for (const a of args) {
    if (a === '--install') install = true;
    else if (a === '--uninstall') uninstall = true;
    else if (a === '--force') force = true;
    else if (a === '-h' || a === '--help') {
      out('usage: x64vm binfmt [--install | --uninstall] [--force]\n' +
        'Print the binfmt_misc registration that runs x86-64 ELF programs through x64vm,\n' +
        `or write it to ${DIR}/register (as root). Never on an x86-64 host.\n`);
      return 0;
    } else { err(`x64vm: binfmt: unknown option ${a}\n`); return 2; }
  }
  if (install && uninstall) { err('x64vm: binfmt: --install or --uninstall, not both\n'); return 2; }
  if (!install && !uninstall) { out(binfmtLine() + '\n'); return 0; }
  if (uninstall) {
    try { fs.writeFileSync(`${DIR}/${NAME}`, '-1'); } catch (e) { return fail(e, err, 'remove the registration'); }
    out(`x64vm: binfmt: ${NAME} unregistered\n`);
    return 0;
  }
  // On an x86-64 host the kernel would send every native program (node included)
  // through x64vm: the system would stop working.
  if (process.arch === 'x64' && !force) {
    err('x64vm: binfmt: this host runs x86-64 programs itself; registering x64vm for them would route every program through the emulator (--force to do it anyway)\n');
    return 1;
  }
  if (!fs.existsSync(`${DIR}/register`)) {
    err(`x64vm: binfmt: ${DIR} is not mounted (mount -t binfmt_misc binfmt_misc ${DIR})\n`);
    return 1;
  }
  if (!fs.existsSync(binfmtInterpreter())) {
    err(`x64vm: binfmt: interpreter ${binfmtInterpreter()} is missing\n`);
    return 1;
  }
  try {
    // a registration under the same name is replaced
    if (fs.existsSync(`${DIR}/${NAME}`)) fs.writeFileSync(`${DIR}/${NAME}`, '-1');
    fs.writeFileSync(`${DIR}/register`, binfmtLine());
  } catch (e) { return fail(e, err, 'register'); }
  out(`x64vm: binfmt: registered ${NAME} (${DIR}/${NAME})\n`);
  return 0;
}

function fail(e: unknown, err: (s: string) => void, what: string): number {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied (run as root)'
    : code === 'ENOENT' ? 'not registered' : code === 'EEXIST' ? 'already registered' : (e as Error).message;
  err(`x64vm: binfmt: cannot ${what}: ${why}\n`);
  return 1;
}
