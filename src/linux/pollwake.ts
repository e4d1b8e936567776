// How often data moved through an in-process pipe, for edge-triggered epoll: Linux
// wakes a pipe's readers on every write (and its writers when a read makes room),
// and each wake-up is a new edge even if the pipe was readable all along.

const writes = new WeakMap<object, number>();
const reads = new WeakMap<object, number>();
/** counting starts with the first epoll instance (pipe I/O pays nothing before) */
let counting = false;

export function countWakeups(): void { counting = true; }
export function pipeWritten(pipe: object): void { if (counting) writes.set(pipe, (writes.get(pipe) ?? 0) + 1); }
export function pipeRead(pipe: object): void { if (counting) reads.set(pipe, (reads.get(pipe) ?? 0) + 1); }

/** A count that changes with every wake-up a reader (write = false) or writer of the pipe gets. */
export function wakeups(pipe: object, write: boolean): number {
  return (write ? reads : writes).get(pipe) ?? 0;
}
