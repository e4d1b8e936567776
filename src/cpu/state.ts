// The architectural state of one x86-64 CPU, at fixed offsets of one buffer.
//
// DESIGN.md decision 1: the interpreter (through typed-array views) and JIT code
// (through wasm loads and stores) read the same bytes, so every field has a fixed
// byte offset here. The block lives in the first 64 KiB of guest memory, which
// Linux never maps for user programs: guest accesses there fault by the page map.

export const STATE_BASE = 0x1000;

// Byte offsets inside the state block.
export const OFF_GPR = 0x000; // 16 x 8 bytes, little-endian (lo u32, hi u32)
export const OFF_RIP = 0x080; // 8 bytes
export const OFF_FLAGS = 0x090; // lazy-flag record, 16 x u32 (see flags.ts)
export const OFF_SEG = 0x0d0; // fs base, gs base: 2 x 8 bytes
export const OFF_MXCSR = 0x0e0; // u32
export const OFF_XMM = 0x100; // 16 x 16 bytes
export const OFF_X87 = 0x200; // 8 x 16 bytes: physical x87 registers, 80-bit in each slot
export const OFF_X87CTL = 0x280; // fcw, fsw, ftw(abridged bits), top, fop, fip, fdp (u32 each)
export const OFF_SCRATCH = 0x300; // 256 bytes of scratch for multi-word results
export const STATE_SIZE = 0x400;

// GPR numbers in encoding order.
export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

export const GPR_NAMES64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi',
  'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

// Indices (in u32 units) of the lazy-flag record, relative to OFF_FLAGS.
export const FL_OP = 0;      // which operation last set the arithmetic flags (FlagOp)
export const FL_SIZE = 1;    // its operand size in bytes
export const FL_A_LO = 2, FL_A_HI = 3; // first operand (destination before the op)
export const FL_B_LO = 4, FL_B_HI = 5; // second operand
export const FL_R_LO = 6, FL_R_HI = 7; // result
export const FL_BITS = 8;    // materialised flag bits (CF/OF/AF for FlagOp.Result; all for None)
export const FL_SYS = 9;     // non-arithmetic bits: DF, IF, TF, AC, ID ...
