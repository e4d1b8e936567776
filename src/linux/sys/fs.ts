// The file-system syscalls, one module per group. Paths go through ../path.ts.
import './fs-open.js';
import './fs-fdops.js';
import './fs-path.js';
export {};
