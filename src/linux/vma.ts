// The list of mappings (start, end, backing file) beside the page permission map:
// the page map says what may be accessed; this says what each range is, for
// /proc/self/maps and for madvise on anonymous memory.

export interface Vma { start: number; end: number; path: string; offset: number }

export class VmaList {
  readonly list: Vma[] = [];

  /** Record [start, start+len) as mapped from path at offset ('' = anonymous), replacing what overlapped. */
  add(start: number, len: number, path: string, offset: number): void {
    this.remove(start, len);
    const v: Vma = { start, end: start + len, path, offset };
    let k = 0;
    while (k < this.list.length && this.list[k].start < start) k++;
    this.list.splice(k, 0, v);
  }

  /** Forget [start, start+len), splitting mappings that straddle its ends. */
  remove(start: number, len: number): void {
    const end = start + len;
    const out: Vma[] = [];
    for (const v of this.list) {
      if (v.end <= start || v.start >= end) { out.push(v); continue; }
      if (v.start < start) out.push({ ...v, end: start });
      if (v.end > end) out.push({ ...v, start: end, offset: v.offset + (end - v.start) });
    }
    this.list.length = 0;
    this.list.push(...out);
  }

  find(addr: number): Vma | undefined {
    return this.list.find((v) => addr >= v.start && addr < v.end);
  }
}
