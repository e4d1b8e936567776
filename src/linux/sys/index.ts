// Loads every syscall family into the table.
import './io.js';
import './mm.js';
import './proc.js';
import './time.js';
import './fs.js';
import './signal.js';
import './fork.js';
import './poll.js';
import './futex.js';
