// A minimal WebAssembly binary writer: just what the JIT emits (one module per batch
// of regions, functions of type () -> i32 that import the guest memory, and the
// dispatcher that chains them).

export const enum T { I32 = 0x7f, I64 = 0x7e, F32 = 0x7d, F64 = 0x7c, V128 = 0x7b }

/** Opcodes used by the JIT. */
export const enum Op {
  unreachable = 0x00, block = 0x02, loop = 0x03, if_ = 0x04, else_ = 0x05, end = 0x0b,
  br = 0x0c, br_if = 0x0d, br_table = 0x0e, return_ = 0x0f, call_indirect = 0x11,
  drop = 0x1a, select = 0x1b,
  local_get = 0x20, local_set = 0x21, local_tee = 0x22,
  i32_load = 0x28, i64_load = 0x29, i32_load8_u = 0x2d, i32_load16_u = 0x2f,
  i64_load8_u = 0x31, i64_load16_u = 0x33, i64_load32_u = 0x35,
  i32_store = 0x36, i64_store = 0x37, i32_store8 = 0x3a, i32_store16 = 0x3b,
  i64_store8 = 0x3c, i64_store16 = 0x3d, i64_store32 = 0x3e,
  i32_const = 0x41, i64_const = 0x42,
  i32_eqz = 0x45, i32_eq = 0x46, i32_ne = 0x47, i32_lt_s = 0x48, i32_lt_u = 0x49,
  i32_gt_s = 0x4a, i32_gt_u = 0x4b, i32_le_s = 0x4c, i32_le_u = 0x4d, i32_ge_s = 0x4e, i32_ge_u = 0x4f,
  i64_eqz = 0x50, i64_eq = 0x51, i64_ne = 0x52, i64_lt_s = 0x53, i64_lt_u = 0x54,
  i64_gt_s = 0x55, i64_gt_u = 0x56, i64_le_s = 0x57, i64_le_u = 0x58, i64_ge_s = 0x59, i64_ge_u = 0x5a,
  i32_popcnt = 0x69, i32_add = 0x6a, i32_sub = 0x6b, i32_mul = 0x6c,
  i32_and = 0x71, i32_or = 0x72, i32_xor = 0x73, i32_shl = 0x74, i32_shr_s = 0x75, i32_shr_u = 0x76,
  i32_clz = 0x67, i32_ctz = 0x68, i32_rotl = 0x77, i32_rotr = 0x78, i64_clz = 0x79, i64_ctz = 0x7a,
  i64_popcnt = 0x7b, i64_add = 0x7c, i64_sub = 0x7d, i64_mul = 0x7e,
  i64_div_s = 0x7f, i64_div_u = 0x80, i64_rem_s = 0x81, i64_rem_u = 0x82, i64_rotl = 0x89, i64_rotr = 0x8a,
  i64_and = 0x83, i64_or = 0x84, i64_xor = 0x85, i64_shl = 0x86, i64_shr_s = 0x87, i64_shr_u = 0x88,
  i32_wrap_i64 = 0xa7, i64_extend_i32_s = 0xac, i64_extend_i32_u = 0xad,
  f64_convert_i64_u = 0xba,
  i32_extend8_s = 0xc0, i32_extend16_s = 0xc1,
  i64_extend8_s = 0xc2, i64_extend16_s = 0xc3, i64_extend32_s = 0xc4,
}

/** Growable byte buffer with LEB128 helpers. */
export class Bytes {
  buf = new Uint8Array(1024);
  len = 0;
  byte(b: number): void {
    if (this.len === this.buf.length) { const n = new Uint8Array(this.len * 2); n.set(this.buf); this.buf = n; }
    this.buf[this.len++] = b;
  }
  u32(v: number): void {
    v >>>= 0;
    do { let b = v & 0x7f; v >>>= 7; if (v !== 0) b |= 0x80; this.byte(b); } while (v !== 0);
  }
  s32(v: number): void {
    v |= 0;
    for (;;) {
      const b = v & 0x7f; v >>= 7;
      if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) { this.byte(b); return; }
      this.byte(b | 0x80);
    }
  }
  /** signed LEB128 of the 64-bit value hi:lo (two's complement halves) */
  s64(lo: number, hi: number): void {
    lo >>>= 0; hi |= 0;
    for (;;) {
      const b = lo & 0x7f;
      // arithmetic shift right by 7 of the 64-bit value
      lo = ((lo >>> 7) | (hi << 25)) >>> 0; hi >>= 7;
      const done = (hi === 0 && lo === 0 && (b & 0x40) === 0) || (hi === -1 && lo === 0xffffffff && (b & 0x40) !== 0);
      if (done) { this.byte(b); return; }
      this.byte(b | 0x80);
    }
  }
  bytes(a: ArrayLike<number>): void {
    const n = a.length;
    if (this.len + n > this.buf.length) {
      const b = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
      b.set(this.buf.subarray(0, this.len)); this.buf = b;
    }
    if (a instanceof Uint8Array) this.buf.set(a, this.len);
    else for (let k = 0; k < n; k++) this.buf[this.len + k] = a[k];
    this.len += n;
  }
  name(s: string): void { this.u32(s.length); for (let k = 0; k < s.length; k++) this.byte(s.charCodeAt(k)); }
  result(): Uint8Array { return this.buf.subarray(0, this.len); }
}

/** One function body under construction. */
export class Func {
  code = new Bytes();
  private locals: T[] = [];
  constructor(private readonly nparams = 0) {}
  local(t: T): number { this.locals.push(t); return this.nparams + this.locals.length - 1; }
  op(o: Op): this { this.code.byte(o); return this; }
  get(l: number): this { this.code.byte(Op.local_get); this.code.u32(l); return this; }
  set(l: number): this { this.code.byte(Op.local_set); this.code.u32(l); return this; }
  tee(l: number): this { this.code.byte(Op.local_tee); this.code.u32(l); return this; }
  i32(v: number): this { this.code.byte(Op.i32_const); this.code.s32(v); return this; }
  i64(lo: number, hi: number): this { this.code.byte(Op.i64_const); this.code.s64(lo, hi); return this; }
  /** a load or store with alignment hint 0 and a constant offset */
  mem(o: Op, offset: number): this { this.code.byte(o); this.code.u32(0); this.code.u32(offset); return this; }
  block(o: Op.block | Op.loop | Op.if_, type = 0x40): this { this.code.byte(o); this.code.byte(type); return this; }
  br(o: Op.br | Op.br_if, depth: number): this { this.code.byte(o); this.code.u32(depth); return this; }
  brTable(targets: number[], dflt: number): this {
    this.code.byte(Op.br_table); this.code.u32(targets.length);
    for (const t of targets) this.code.u32(t);
    this.code.u32(dflt); return this;
  }
  /** the body as it goes into the code section */
  body(): Uint8Array {
    const b = new Bytes();
    // locals grouped by runs of one type
    const groups: [number, T][] = [];
    for (const t of this.locals) {
      const g = groups[groups.length - 1];
      if (g && g[1] === t) g[0]++; else groups.push([1, t]);
    }
    b.u32(groups.length);
    for (const [n, t] of groups) { b.u32(n); b.byte(t); }
    b.bytes(this.code.result());
    b.byte(Op.end);
    const out = new Bytes();
    out.u32(b.len);
    out.bytes(b.result());
    return out.result();
  }
}

function section(m: Bytes, id: number, content: Bytes): void {
  m.byte(id); m.u32(content.len); m.bytes(content.result());
}

function memImport(m: Bytes, shared: boolean): void {
  m.name('env'); m.name('mem'); m.byte(0x02);
  m.byte(shared ? 0x03 : 0x01); m.u32(65536); m.u32(65536);
}

/**
 * A module of compiled regions: functions f0..fn-1 of type () -> i32 (each returns the
 * instructions it retired and leaves the next rip in memory), importing env.mem (shared
 * or not, 65536 pages). The JIT stores them into the dispatcher's table from JS: a
 * module importing that table would cost V8 work proportional to the table (and to the
 * other instances sharing it) at every instantiation, growth and store.
 */
export function buildModule(funcs: Func[], shared: boolean): Uint8Array {
  const m = new Bytes();
  m.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const types = new Bytes();
  types.u32(1); types.byte(0x60); types.u32(0); types.u32(1); types.byte(T.I32);
  section(m, 1, types);
  const imports = new Bytes();
  imports.u32(1); memImport(imports, shared);
  section(m, 2, imports);
  const fsec = new Bytes();
  fsec.u32(funcs.length); for (let k = 0; k < funcs.length; k++) fsec.u32(0);
  section(m, 3, fsec);
  const exp = new Bytes();
  exp.u32(funcs.length);
  for (let k = 0; k < funcs.length; k++) { exp.name('f' + k); exp.byte(0x00); exp.u32(k); }
  section(m, 7, exp);
  const code = new Bytes();
  code.u32(funcs.length);
  for (const f of funcs) code.bytes(f.body());
  section(m, 10, code);
  return m.result();
}

/**
 * The dispatcher: owns a growable funcref table of regions (type 0, () -> i32) and
 * exports it as "table" with one function "run" of type (i32 slot) -> i32, whose
 * body the caller writes (type index 0 is the region type for call_indirect).
 */
export function buildDispatcher(run: Func, shared: boolean): Uint8Array {
  const m = new Bytes();
  m.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const types = new Bytes();
  types.u32(2);
  types.byte(0x60); types.u32(0); types.u32(1); types.byte(T.I32);
  types.byte(0x60); types.u32(1); types.byte(T.I32); types.u32(1); types.byte(T.I32);
  section(m, 1, types);
  const imports = new Bytes();
  imports.u32(1); memImport(imports, shared);
  section(m, 2, imports);
  const fsec = new Bytes();
  fsec.u32(1); fsec.u32(1);
  section(m, 3, fsec);
  const tsec = new Bytes();
  tsec.u32(1); tsec.byte(0x70); tsec.byte(0x00); tsec.u32(64);
  section(m, 4, tsec);
  const exp = new Bytes();
  exp.u32(2);
  exp.name('run'); exp.byte(0x00); exp.u32(0);
  exp.name('table'); exp.byte(0x01); exp.u32(0);
  section(m, 7, exp);
  const code = new Bytes();
  code.u32(1); code.bytes(run.body());
  section(m, 10, code);
  return m.result();
}

/** Floating-point opcodes (one byte, like Op; used by sse.ts). */
export const enum FOp {
  f32_load = 0x2a, f64_load = 0x2b, f32_store = 0x38, f64_store = 0x39,
  f32_const = 0x43, f64_const = 0x44,
  f32_eq = 0x5b, f32_ne = 0x5c, f32_lt = 0x5d, f32_gt = 0x5e, f32_le = 0x5f, f32_ge = 0x60,
  f64_eq = 0x61, f64_ne = 0x62, f64_lt = 0x63, f64_gt = 0x64, f64_le = 0x65, f64_ge = 0x66,
  f32_abs = 0x8b, f32_neg = 0x8c, f32_trunc = 0x8f, f32_nearest = 0x90, f32_sqrt = 0x91,
  f32_add = 0x92, f32_sub = 0x93, f32_mul = 0x94, f32_div = 0x95,
  f64_abs = 0x99, f64_neg = 0x9a, f64_trunc = 0x9d, f64_nearest = 0x9e, f64_sqrt = 0x9f,
  f64_add = 0xa0, f64_sub = 0xa1, f64_mul = 0xa2, f64_div = 0xa3,
  i32_trunc_f32_s = 0xa8, i32_trunc_f64_s = 0xaa, i64_trunc_f32_s = 0xae, i64_trunc_f64_s = 0xb0,
  f32_convert_i32_s = 0xb2, f32_convert_i64_s = 0xb4, f32_demote_f64 = 0xb6,
  f64_convert_i32_s = 0xb7, f64_convert_i64_s = 0xb9, f64_promote_f32 = 0xbb,
  i32_reinterpret_f32 = 0xbc, i64_reinterpret_f64 = 0xbd, f32_reinterpret_i32 = 0xbe, f64_reinterpret_i64 = 0xbf,
}

/** SIMD opcodes: emitted as the 0xFD prefix followed by this number (LEB128). */
export const enum VOp {
  v128_load = 0x00, v128_store = 0x0b, v128_const = 0x0c, i8x16_shuffle = 0x0d,
  i32x4_splat = 0x11, i64x2_splat = 0x12, f32x4_splat = 0x13, f64x2_splat = 0x14,
  i32x4_extract_lane = 0x1b, i32x4_replace_lane = 0x1c, i64x2_extract_lane = 0x1d, i64x2_replace_lane = 0x1e,
  f32x4_extract_lane = 0x1f, f32x4_replace_lane = 0x20, f64x2_extract_lane = 0x21, f64x2_replace_lane = 0x22,
  i8x16_eq = 0x23, i16x8_eq = 0x2d, i32x4_eq = 0x37,
  f32x4_eq = 0x41, f32x4_ne = 0x42, f32x4_lt = 0x43, f32x4_gt = 0x44, f32x4_le = 0x45, f32x4_ge = 0x46,
  f64x2_eq = 0x47, f64x2_ne = 0x48, f64x2_lt = 0x49, f64x2_gt = 0x4a, f64x2_le = 0x4b, f64x2_ge = 0x4c,
  v128_not = 0x4d, v128_and = 0x4e, v128_andnot = 0x4f, v128_or = 0x50, v128_xor = 0x51,
  v128_bitselect = 0x52, v128_any_true = 0x53,
  v128_load32_zero = 0x5c, v128_load64_zero = 0x5d,
  i8x16_add = 0x6e, i8x16_sub = 0x71, i16x8_add = 0x8e, i16x8_sub = 0x91,
  i32x4_all_true = 0xa3, i32x4_add = 0xae, i32x4_sub = 0xb1,
  i64x2_all_true = 0xc3, i64x2_add = 0xce, i64x2_sub = 0xd1,
  f32x4_abs = 0xe0, f32x4_neg = 0xe1, f32x4_sqrt = 0xe3, f32x4_add = 0xe4, f32x4_sub = 0xe5,
  f32x4_mul = 0xe6, f32x4_div = 0xe7,
  f64x2_abs = 0xec, f64x2_neg = 0xed, f64x2_sqrt = 0xef, f64x2_add = 0xf0, f64x2_sub = 0xf1,
  f64x2_mul = 0xf2, f64x2_div = 0xf3,
}
