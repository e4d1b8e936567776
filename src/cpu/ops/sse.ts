// SSE and SSE2: every family registers its forms with op() on import.
import './sse-int.js';
