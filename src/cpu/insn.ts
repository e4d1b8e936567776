// A decoded instruction. Decoded once per basic block and cached (DESIGN.md
// decision 4); every field is filled in by the decoder so the object has one shape.

import type { Cpu } from './cpu.js';
import type { OpDef } from './isa/table.js';

export type Exec = (c: Cpu, i: Insn) => void;

/** Register number used for RIP-relative addressing in Insn.base. */
export const BASE_RIP = 16;

export class Insn {
  // Declared here and set in the constructor rather than with field initialisers, which
  // V8 runs as a separate function per object: a cold program allocates thousands.
  declare exec: Exec;
  declare def: OpDef | null;
  declare addr: number;      // guest address of the first byte
  declare len: number;
  declare next: number;      // addr + len
  declare opsize: number;    // operand size in bytes: 1, 2, 4 or 8
  declare addr32: boolean;   // 0x67 prefix: 32-bit address computation
  declare rex: number;       // the REX byte (0 if none); for a VEX encoding 0x40 | its W, R, X, B bits
  declare vex: boolean;      // VEX-encoded (C4/C5)
  declare vexL: number;      // VEX.L when VEX-encoded
  declare vexV: number;      // VEX.vvvv (register number, un-inverted) when VEX-encoded
  declare mod: number;       // ModRM.mod; 3 means the E operand is a register
  declare reg: number;       // ModRM.reg with REX.R (0-15), or an opcode extension
  declare rm: number;        // ModRM.rm with REX.B (register form), or the register of +r opcodes
  declare reg8: number;      // byte-register index for reg (16-19 = AH, CH, DH, BH)
  declare rm8: number;       // byte-register index for rm
  declare base: number;      // memory operand: base register, BASE_RIP, or -1
  declare index: number;     // memory operand: index register or -1
  declare scale: number;     // 1, 2, 4 or 8
  declare disp: number;      // signed displacement
  declare seg: number;       // 0 none, 4 = FS, 5 = GS (segment register numbers)
  declare imm: number;       // first immediate, sign-extended to 32 bits where the ISA says so
  declare immHi: number;     // upper 32 bits of a 64-bit immediate (or of the sign extension)
  declare imm2: number;      // second immediate (enter)
  declare rep: number;       // 0, 0xF2 or 0xF3 when acting as a repeat prefix
  declare lock: boolean;
  declare pfx66: boolean;    // operand-size prefix present

  constructor() {
    this.exec = undefined as unknown as Exec;
    this.def = null;
    this.addr = 0;
    this.len = 0;
    this.next = 0;
    this.opsize = 4;
    this.addr32 = false;
    this.rex = 0;
    this.vex = false;
    this.vexL = 0;
    this.vexV = 0;
    this.mod = 3;
    this.reg = 0;
    this.rm = 0;
    this.reg8 = 0;
    this.rm8 = 0;
    this.base = -1;
    this.index = -1;
    this.scale = 1;
    this.disp = 0;
    this.seg = 0;
    this.imm = 0;
    this.immHi = 0;
    this.imm2 = 0;
    this.rep = 0;
    this.lock = false;
    this.pfx66 = false;
  }
}

/** A run of instructions ending at a control transfer, cached by start address. */
export class Block {
  // fields set in the constructor, not by initialisers or parameter properties (see Insn)
  declare readonly start: number;
  declare readonly insns: Insn[];
  declare readonly end: number;
  /** how many instructions still run; set to 0 when the block is invalidated */
  declare n: number;
  /** entries counted for tiering */
  declare hits: number;
  /** the compiled region starting here (src/jit): undefined = not tried, null = cannot compile */
  declare region: { readonly slot: number } | null | undefined;
  constructor(start: number, insns: Insn[], end: number) {
    this.start = start;
    this.insns = insns;
    this.end = end;
    this.n = insns.length;
    this.hits = 0;
    this.region = undefined;
  }
}
