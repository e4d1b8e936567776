// The guest address space: one WebAssembly.Memory whose offsets are guest virtual
// addresses (DESIGN.md decision 3), plus a page-granular permission map.
//
// Everything the guest can touch lives below 4 GiB, so a guest address is a plain
// number in [0, 2^32). A 64-bit address with non-zero upper half is never mapped.

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const NUM_PAGES = 1 << 20;

// Permission map bits, one byte per 4 KiB page.
export const P_R = 1;
export const P_W = 2;
export const P_X = 4;
export const P_CODE = 8;    // decoded or compiled code depends on this page
export const P_MAPPED = 16; // the page belongs to a mapping (PROT_NONE pages have only this bit)

/**
 * The permission map lives inside guest memory, in the top 1 MiB of the 4 GiB window,
 * so JIT code can check accesses inline with one load. Its own pages have no
 * permissions (the guest cannot touch it), and mmap never places anything at or above
 * GUEST_LIMIT.
 */
export const PERM_BASE = 0x100000000 - NUM_PAGES;
export const GUEST_LIMIT = PERM_BASE;

/** A guest memory access that the page map refuses. Becomes SIGSEGV in the guest. */
export class MemoryFault {
  constructor(
    /** guest address that faulted */
    public readonly addr: number,
    /** P_R, P_W or P_X: what was attempted */
    public readonly access: number,
    /** true when the page was mapped (SEGV_ACCERR) rather than unmapped (SEGV_MAPERR) */
    public readonly mapped: boolean,
  ) {}
}

export type CodeWriteListener = (page: number) => void;

export class Memory {
  readonly wasm: WebAssembly.Memory;
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly u8: Uint8Array;
  readonly dv: DataView;
  /** one byte per page (P_* bits): a view of the map at PERM_BASE inside the wasm memory */
  readonly perm: Uint8Array;
  /** upper half of the last 64-bit read */
  hi = 0;
  /** called when a write hits a page marked P_CODE (before the write is performed) */
  onCodeWrite: CodeWriteListener = () => {};

  constructor() {
    let wasm: WebAssembly.Memory;
    try {
      wasm = new WebAssembly.Memory({ initial: 65536, maximum: 65536, shared: true } as WebAssembly.MemoryDescriptor);
    } catch {
      // Hosts without shared memory (a browser that is not cross-origin isolated).
      wasm = new WebAssembly.Memory({ initial: 65536, maximum: 65536 });
    }
    this.wasm = wasm;
    this.buffer = wasm.buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
    this.perm = new Uint8Array(this.buffer, PERM_BASE, NUM_PAGES);
  }

  // ---- permission map -------------------------------------------------------

  /** Set protection bits (P_R|P_W|P_X) on whole pages [addr, addr+len), marking them mapped. */
  protect(addr: number, len: number, prot: number): void {
    const first = Math.floor(addr / PAGE_SIZE), last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) {
      const old = this.perm[p];
      if (old & P_CODE) this.onCodeWrite(p);
      this.perm[p] = (prot & (P_R | P_W | P_X)) | P_MAPPED | (this.perm[p] & P_CODE);
    }
  }

  /** Remove pages from the address space. */
  unmap(addr: number, len: number): void {
    const first = Math.floor(addr / PAGE_SIZE), last = Math.floor((addr + len - 1) / PAGE_SIZE);
    for (let p = first; p <= last; p++) {
      if (this.perm[p] & P_CODE) this.onCodeWrite(p);
      this.perm[p] = 0;
    }
  }

  isMapped(page: number): boolean { return (this.perm[page] & P_MAPPED) !== 0; }

  /** Are all pages of [addr, addr+len) mapped with at least `need`? */
  check(addr: number, len: number, need: number): boolean {
    if (len === 0) return true;
    if (addr < 0 || addr + len > 0x100000000) return false;
    const first = addr >>> PAGE_SHIFT, last = (addr + len - 1) >>> PAGE_SHIFT;
    for (let p = first; p <= last; p++) if ((this.perm[p] & need) !== need) return false;
    return true;
  }

  fault(addr: number, access: number): never {
    // an address at or above 4 GiB (an instruction fetch after a jump there) is reported
    // whole: it is outside the window, so never mapped
    const inWindow = addr >= 0 && addr < 0x100000000;
    const a = addr >= 0 ? addr : addr >>> 0;
    throw new MemoryFault(a, access, inWindow && (this.perm[a >>> PAGE_SHIFT] & P_MAPPED) !== 0);
  }

  // ---- checked guest accesses (the interpreter's path) -----------------------
  // A page-crossing access checks both pages. Addresses are numbers in [0, 2^32).

  read8(a: number): number {
    if ((this.perm[a >>> 12] & P_R) === 0) this.fault(a, P_R);
    return this.u8[a];
  }
  read16(a: number): number {
    if ((this.perm[a >>> 12] & P_R) === 0 || ((a & 0xfff) === 0xfff && (this.perm[(a + 1) >>> 12] & P_R) === 0)) this.faultRange(a, 2, P_R);
    return this.dv.getUint16(a, true);
  }
  read32(a: number): number {
    if ((this.perm[a >>> 12] & P_R) === 0 || ((a & 0xfff) > 0xffc && (this.perm[(a + 3) >>> 12] & P_R) === 0)) this.faultRange(a, 4, P_R);
    return this.dv.getUint32(a, true);
  }
  /** returns the low half; the high half is left in this.hi */
  read64(a: number): number {
    if ((this.perm[a >>> 12] & P_R) === 0 || ((a & 0xfff) > 0xff8 && (this.perm[(a + 7) >>> 12] & P_R) === 0)) this.faultRange(a, 8, P_R);
    this.hi = this.dv.getUint32(a + 4, true);
    return this.dv.getUint32(a, true);
  }

  write8(a: number, v: number): void {
    const p = this.perm[a >>> 12];
    if ((p & (P_W | P_CODE)) !== P_W) this.slowWriteCheck(a, 1);
    this.u8[a] = v;
  }
  write16(a: number, v: number): void {
    if ((this.perm[a >>> 12] & (P_W | P_CODE)) !== P_W || (a & 0xfff) === 0xfff) this.slowWriteCheck(a, 2);
    this.dv.setUint16(a, v, true);
  }
  write32(a: number, v: number): void {
    if ((this.perm[a >>> 12] & (P_W | P_CODE)) !== P_W || (a & 0xfff) > 0xffc) this.slowWriteCheck(a, 4);
    this.dv.setUint32(a, v, true);
  }
  write64(a: number, lo: number, hi: number): void {
    if ((this.perm[a >>> 12] & (P_W | P_CODE)) !== P_W || (a & 0xfff) > 0xff8) this.slowWriteCheck(a, 8);
    this.dv.setUint32(a, lo, true);
    this.dv.setUint32(a + 4, hi, true);
  }

  /** Check a write of len bytes at a: faults, or notifies code invalidation. */
  slowWriteCheck(a: number, len: number): void {
    if (a + len > 0x100000000) this.fault(a + len > 0x100000000 && a < 0x100000000 ? Math.max(a, 0) : a, P_W);
    const first = a >>> 12, last = (a + len - 1) >>> 12;
    for (let p = first; p <= last; p++) {
      if ((this.perm[p] & P_W) === 0) this.fault(p === first ? a : p << 12 >>> 0, P_W);
    }
    for (let p = first; p <= last; p++) {
      if (this.perm[p] & P_CODE) this.onCodeWrite(p);
    }
  }

  faultRange(a: number, len: number, access: number): never {
    const first = a >>> 12, last = (a + len - 1) >>> 12;
    for (let p = first; p <= last; p++) {
      if ((this.perm[p] & access) === 0) this.fault(p === first ? a : (p << 12) >>> 0, access);
    }
    this.fault(a, access);
  }

  // ---- bulk access for the kernel (syscalls): checked, in bytes --------------

  /** Guest bytes [a, a+len) as a view, or null if not all readable. */
  view(a: number, len: number, need = P_R): Uint8Array | null {
    if (!this.check(a, len, need)) return null;
    return this.u8.subarray(a, a + len);
  }

  /** Write host bytes into guest memory (checked), returns false on a fault. */
  writeBytes(a: number, data: Uint8Array): boolean {
    if (!this.check(a, data.length, P_W)) return false;
    this.noteWrite(a, data.length);
    this.u8.set(data, a);
    return true;
  }

  /** Tell code-invalidation about a bulk write the kernel makes. */
  noteWrite(a: number, len: number): void {
    if (len <= 0) return;
    const first = a >>> 12, last = (a + len - 1) >>> 12;
    for (let p = first; p <= last; p++) if (this.perm[p] & P_CODE) this.onCodeWrite(p);
  }

  /** Read a NUL-terminated string, at most max bytes; null if it runs into unreadable memory. */
  readCString(a: number, max = 4096): Uint8Array | null {
    let end = a;
    const limit = Math.min(a + max, 0x100000000);
    while (end < limit) {
      if ((this.perm[end >>> 12] & P_R) === 0) return null;
      // scan the rest of this page at native speed
      const pageEnd = Math.min(((end >>> 12) + 1) * PAGE_SIZE, limit);
      const idx = this.u8.subarray(end, pageEnd).indexOf(0);
      if (idx >= 0) return this.u8.slice(a, end + idx);
      end = pageEnd;
    }
    return null;
  }
}
