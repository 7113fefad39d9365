import { describe, expect, it } from 'vitest';
import { createSerialLock } from './serial-lock';

/** A store whose reads and writes take time, like chrome.storage plus AES-GCM. */
function slowStore() {
  let value: string[] = [];
  const tick = () => new Promise((r) => setTimeout(r, 5));
  return {
    read: async () => (await tick(), [...value]),
    write: async (next: string[]) => (await tick(), (value = next)),
    get value() {
      return value;
    },
  };
}

describe('the session lock', () => {
  it('two writers at once lose no update', async () => {
    const store = slowStore();
    const exclusive = createSerialLock();
    const add = (item: string) => exclusive(async () => store.write([...(await store.read()), item]));
    await Promise.all([add('from the popup'), add('from the backup page'), add('a third')]);
    expect(store.value.sort()).toEqual(['a third', 'from the backup page', 'from the popup']);
  });

  it('without it the same writers lose updates (the test can tell)', async () => {
    const store = slowStore();
    const add = async (item: string) => store.write([...(await store.read()), item]);
    await Promise.all([add('from the popup'), add('from the backup page')]);
    expect(store.value).toHaveLength(1);
  });

  it('a failed operation does not block the next, and keeps its own error', async () => {
    const exclusive = createSerialLock();
    const failed = exclusive(async () => {
      throw new Error('quota');
    });
    await expect(failed).rejects.toThrow('quota');
    expect(await exclusive(async () => 'next ran')).toBe('next ran');
  });
});
