import fs from 'node:fs';

/**
 * The calling thread's id as the operating system knows it. Linux schedules and accounts for each thread on its
 * own and shows every thread its own /proc/thread-self; elsewhere (or without /proc) there is no id: null.
 */
export function osThreadId(): number | null {
  try {
    const id = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/** Linux keeps at most this many bytes of a thread's name. */
export const MAX_THREAD_NAME_BYTES = 15;

/**
 * Names the calling thread for the operating system, so `top -H`, `ps -L` and the bench's CPU per thread
 * (test/bench/webhooks.mjs) tell the server's threads apart: all of Node's are called "node" otherwise. Returns
 * whether the name took. Without /proc/thread-self the thread keeps its name, which is no reason to stop a server.
 */
export function nameThread(name: string): boolean {
  // A longer name would be cut short, and two cut alike would read as one thread.
  if (Buffer.byteLength(name) > MAX_THREAD_NAME_BYTES) throw new RangeError(`A thread name is at most ${MAX_THREAD_NAME_BYTES} bytes, not "${name}"`);
  try {
    fs.writeFileSync('/proc/thread-self/comm', name);
    return true;
  } catch {
    return false;
  }
}
