import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_THREAD_NAME_BYTES, nameThread, osThreadId } from '@/lib/server/os-thread';

const linux = fs.existsSync('/proc/thread-self');

describe.runIf(linux)('naming the calling thread (Linux)', () => {
  const original = fs.readFileSync('/proc/thread-self/comm', 'utf8').trim();
  afterEach(() => {
    fs.writeFileSync('/proc/thread-self/comm', original);
  });

  it('names this thread, and only this thread, as the process lists its threads', () => {
    expect(nameThread('sb-test')).toBe(true);
    const id = osThreadId();
    expect(id).not.toBeNull();
    const names = fs.readdirSync(`/proc/${process.pid}/task`).map((task) => [Number(task), fs.readFileSync(`/proc/${process.pid}/task/${task}/comm`, 'utf8').trim()]);
    expect(names.filter(([, name]) => name === 'sb-test')).toEqual([[id, 'sb-test']]);
  });

  it('takes a name of exactly the longest length Linux keeps', () => {
    const name = 'x'.repeat(MAX_THREAD_NAME_BYTES);
    expect(nameThread(name)).toBe(true);
    expect(fs.readFileSync('/proc/thread-self/comm', 'utf8').trim()).toBe(name);
  });
});

describe('thread names', () => {
  it('refuses a name Linux would cut short, counting bytes rather than characters', () => {
    expect(() => nameThread('x'.repeat(MAX_THREAD_NAME_BYTES + 1))).toThrow(RangeError);
    // Eight characters, sixteen bytes.
    expect(() => nameThread('é'.repeat(8))).toThrow(RangeError);
  });
});
