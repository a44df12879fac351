/** Calls `visit` on every value, at most `concurrency` calls in flight; rejects with the first failure. */
export async function forEachConcurrently<T>(values: readonly T[], concurrency: number, visit: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < values.length) {
      const value = values[next++] as T;
      await visit(value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, values.length) }, worker));
}
