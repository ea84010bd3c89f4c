// One writer at a time on the write connection: a flush transaction, an audit row and a retention chunk never
// interleave, so an audit row can never be swallowed by (or rolled back with) a sample transaction.
export interface SerialLock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialLock(): SerialLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task, task);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
