// CPU exceptions raised by instructions. The CPU knows nothing of Linux: the kernel
// layer turns these (and MemoryFault) into signals.

export const EXC_DE = 0;  // divide error
export const EXC_DB = 1;  // debug (single step)
export const EXC_BP = 3;  // int3
export const EXC_OF = 4;  // overflow trap: `int $4` (the #OF gate is open to user mode)
export const EXC_UD = 6;  // invalid opcode
export const EXC_NM = 7;
export const EXC_GP = 13; // general protection (privileged instruction, non-canonical address, misaligned SSE)
export const EXC_MF = 16; // x87 floating-point error
export const EXC_AC = 17;
export const EXC_XM = 19; // SIMD floating-point exception

export class CpuException {
  constructor(
    public readonly vector: number,
    /** extra information: for #XM/#MF the exception bits; for int n the vector */
    public readonly code = 0,
    /** for #UD: the bytes of the offending instruction, for the diagnostic */
    public readonly bytes: number[] = [],
  ) {}
}
