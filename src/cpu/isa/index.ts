// Loads every instruction family into the ISA table. Each module registers its
// forms with op(); the order here does not matter.
import '../ops/alu.js';
import '../ops/move.js';
import '../ops/control.js';
import '../ops/shift.js';
import '../ops/bits.js';
import '../ops/string.js';
import '../ops/atomic.js';
import '../ops/misc.js';
import '../ops/sse.js';
import '../ops/x87.js';
import '../ops/mmx.js';
import '../ops/mmx-cvt.js';
import '../ops/bmi.js';
import '../ops/sse3.js';
import '../ops/ssse3.js';
import '../ops/sse41.js';
import '../ops/sse42.js';
import '../ops/crypto.js';
import '../ops/movbe-rdrand.js';

export { defs } from './table.js';
