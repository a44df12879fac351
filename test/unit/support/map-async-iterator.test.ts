import { mapAsyncIterator } from '../../../src/support/map-async-iterator';

async function* numbers(): AsyncGenerator<number> {
  yield 1;
  yield 2;
  yield 3;
}

describe('mapAsyncIterator', () => {
  it('ends with the error of a failed mapping when no onError is given', async () => {
    const mapped = mapAsyncIterator(numbers(), async (n) => {
      if (n === 2) throw new Error('push failed');
      return n * 10;
    });
    expect(await mapped.next()).toEqual({ done: false, value: 10 });
    await expect(mapped.next()).rejects.toThrow('push failed');
  });

  it('with onError reports a failed mapping, skips it and goes on with the next value', async () => {
    const reported: unknown[] = [];
    const mapped = mapAsyncIterator(
      numbers(),
      async (n) => {
        if (n === 2) throw new Error('push failed');
        return n * 10;
      },
      (error) => reported.push((error as Error).message),
    );
    const values: number[] = [];
    for await (const value of mapped) values.push(value);
    expect(values).toEqual([10, 30]);
    expect(reported).toEqual(['push failed']);
  });
});
