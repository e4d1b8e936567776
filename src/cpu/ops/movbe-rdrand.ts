// MOVBE (byte-swapping loads and stores) and RDRAND/RDSEED.
//
// Both opcodes share their space with other forms: F2 0F 38 F0/F1 is crc32 (the
// decoder prefers the F2 form), and with F3 the bytes are invalid (#UD on the hardware),
// as are F2/F3 0F C7 /6 and F2 0F C7 /7 (F3 0F C7 /7 is rdpid, not implemented).

import type { Cpu } from '../cpu.js';
import type { Insn } from '../insn.js';
import { op } from '../isa/table.js';
import { CF, ARITH_FLAGS } from '../flags.js';
import { CpuException, EXC_UD } from '../exceptions.js';

function bswap32(v: number): number {
  return (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;
}

function noRepPrefix(i: Insn): void {
  if (i.rep !== 0) throw new CpuException(EXC_UD, 0);
}

// ---- movbe: memory only (the register forms are #UD) --------------------------------------

op('0F 38 F0 /r mem', 'movbe', 'Gv,Mv', (c: Cpu, i: Insn) => {
  noRepPrefix(i);
  const s = i.opsize;
  const a = c.ea(i);
  if (s === 2) { const v = c.mem.read16(a); c.setReg(i.reg, 2, ((v & 0xff) << 8) | (v >>> 8), 0); return; }
  if (s === 4) { c.setReg(i.reg, 4, bswap32(c.mem.read32(a)), 0); return; }
  const lo = c.mem.read64(a), hi = c.mem.hi;
  c.setReg(i.reg, 8, bswap32(hi), bswap32(lo));
}, 0, 'movbe');

op('0F 38 F1 /r mem', 'movbe', 'Mv,Gv', (c: Cpu, i: Insn) => {
  noRepPrefix(i);
  const s = i.opsize;
  const v = c.getReg(i.reg, s), vhi = c.hi;
  const a = c.ea(i);
  if (s === 2) c.mem.write16(a, ((v & 0xff) << 8) | ((v >>> 8) & 0xff));
  else if (s === 4) c.mem.write32(a, bswap32(v));
  else c.mem.write64(a, bswap32(vhi), bswap32(v));
}, 0, 'movbe');

// ---- rdrand / rdseed ------------------------------------------------------------------------

/**
 * Random words from the host's cryptographic source (globalThis.crypto, in Node and in
 * browsers), fetched a buffer at a time. Both instructions draw from it: the hardware's
 * distinction (a DRBG output vs. fresh entropy) has no observable counterpart here.
 */
const POOL = new Uint32Array(256);
let poolAt = POOL.length;

function random32(): number {
  if (poolAt === POOL.length) {
    globalThis.crypto.getRandomValues(POOL);
    poolAt = 0;
  }
  return POOL[poolAt++];
}

/** Write a random value of the operand size to the register; CF=1 (success), OF SF ZF AF PF = 0. */
function rdrand(c: Cpu, i: Insn): void {
  noRepPrefix(i);
  const s = i.opsize;
  const lo = random32();
  c.setReg(i.rm, s, lo, s === 8 ? random32() : 0);
  c.setArithFlags(ARITH_FLAGS, CF);
}

op('0F C7 /6 reg', 'rdrand', 'Rv', rdrand, 0, 'rdrand');
op('0F C7 /7 reg', 'rdseed', 'Rv', rdrand, 0, 'rdseed');
