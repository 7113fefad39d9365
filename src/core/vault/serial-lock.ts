/**
 * One-at-a-time execution for read-modify-write operations on the vault session: each operation
 * starts only after the previous one settled, so two writers (the popup and the backup page at
 * once) never both read the same state and lose one update. A failed operation does not block
 * the next one.
 */
export type SerialLock = <T>(op: () => Promise<T>) => Promise<T>;

export function createSerialLock(): SerialLock {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = chain.then(op);
    chain = run.catch(() => undefined);
    return run;
  };
}
