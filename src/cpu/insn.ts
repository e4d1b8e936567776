// A decoded instruction. Decoded once per basic block and cached (DESIGN.md
// decision 4); every field is filled in by the decoder so the object has one shape.

import type { Cpu } from './cpu.js';
import type { OpDef } from './isa/table.js';

export type Exec = (c: Cpu, i: Insn) => void;

/** Register number used for RIP-relative addressing in Insn.base. */
export const BASE_RIP = 16;

export class Insn {
  exec: Exec = undefined as unknown as Exec;
  def: OpDef | null = null;
  addr = 0;      // guest address of the first byte
  len = 0;
  next = 0;      // addr + len
  opsize = 4;    // operand size in bytes: 1, 2, 4 or 8
  addr32 = false; // 0x67 prefix: 32-bit address computation
  rex = 0;       // the REX byte (0 if none); for a VEX encoding 0x40 | its W, R, X, B bits
  vex = false;   // VEX-encoded (C4/C5)
  vexL = 0; vexV = 0; // VEX.L and VEX.vvvv (register number, un-inverted) when VEX-encoded
  mod = 3;       // ModRM.mod; 3 means the E operand is a register
  reg = 0;       // ModRM.reg with REX.R (0-15), or an opcode extension
  rm = 0;        // ModRM.rm with REX.B (register form), or the register of +r opcodes
  reg8 = 0;      // byte-register index for reg (16-19 = AH, CH, DH, BH)
  rm8 = 0;       // byte-register index for rm
  base = -1;     // memory operand: base register, BASE_RIP, or -1
  index = -1;    // memory operand: index register or -1
  scale = 1;     // 1, 2, 4 or 8
  disp = 0;      // signed displacement
  seg = 0;       // 0 none, 4 = FS, 5 = GS (segment register numbers)
  imm = 0;       // first immediate, sign-extended to 32 bits where the ISA says so
  immHi = 0;     // upper 32 bits of a 64-bit immediate (or of the sign extension)
  imm2 = 0;      // second immediate (enter)
  rep = 0;       // 0, 0xF2 or 0xF3 when acting as a repeat prefix
  lock = false;
  pfx66 = false; // operand-size prefix present
}

/** A run of instructions ending at a control transfer, cached by start address. */
export class Block {
  /** how many instructions still run; set to 0 when the block is invalidated */
  n: number;
  constructor(public readonly start: number, public readonly insns: Insn[], public readonly end: number) {
    this.n = insns.length;
  }
  /** entries counted for tiering */
  hits = 0;
  /** the compiled region starting here (src/jit): undefined = not tried, null = cannot compile */
  region: { readonly slot: number } | null | undefined = undefined;
}
