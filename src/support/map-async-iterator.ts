/**
 * Maps each value of an async iterator, passing `return()` through, so that a consumer that
 * stops (a client unsubscribing) ends the source at once. With `onError`, a value whose
 * mapping fails is reported and skipped, and the iterator waits for the next one instead of
 * ending (a live feed whose push failed tries again at the next trigger).
 */
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => Promise<U>, onError?: (error: unknown) => void): AsyncIterableIterator<U> {
  const iterator: AsyncIterableIterator<U> = {
    next: async () => {
      for (;;) {
        const result = await source.next();
        if (result.done) return { done: true, value: undefined };
        try {
          return { done: false, value: await map(result.value) };
        } catch (error) {
          if (!onError) throw error;
          onError(error);
        }
      }
    },
    return: async () => {
      await source.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
