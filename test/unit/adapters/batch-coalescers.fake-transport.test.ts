import type { WireRow } from '../../../src/adapters/dynamodb/attribute-values';
import { BatchGetCoalescer } from '../../../src/adapters/dynamodb/batch-get-coalescer';
import { BatchPutCoalescer, type NewItemPut, type PutTransport } from '../../../src/adapters/dynamodb/batch-put-coalescer';
import type { BatchGetRequest, BatchGetResult } from '../../../src/adapters/dynamodb/dynamodb-json-client';
import { DependencyUnavailableError } from '../../../src/domain/errors';

// Fake transports: dynalite never leaves keys or items unprocessed, which is what these inject.

describe('BatchGetCoalescer (fake transport: keys left unprocessed)', () => {
  it('gives each caller of a shared call the unprocessed keys of its own keys only', async () => {
    const sent: BatchGetRequest[] = [];
    const reads = new BatchGetCoalescer((request) => {
      sent.push(request);
      const result: BatchGetResult = { Responses: { users: [{ userId: 'a', name: 'A' }] }, UnprocessedKeys: { users: { Keys: [{ userId: 'b' }] } } };
      return Promise.resolve(result);
    });
    const [a, b] = await Promise.all([reads.read({ RequestItems: { users: { Keys: [{ userId: 'a' }] } } }), reads.read({ RequestItems: { users: { Keys: [{ userId: 'b' }] } } })]);
    expect(sent).toEqual([{ RequestItems: { users: { Keys: [{ userId: 'a' }, { userId: 'b' }] } } }]);
    expect(a).toEqual({ Responses: { users: [{ userId: 'a', name: 'A' }] }, UnprocessedKeys: {} });
    expect(b).toEqual({ Responses: { users: [] }, UnprocessedKeys: { users: { Keys: [{ userId: 'b' }] } } });
  });

  it('sends a request past 100 keys in all on its own', async () => {
    const sent: number[] = [];
    const reads = new BatchGetCoalescer((request) => {
      sent.push(Object.values(request.RequestItems).reduce((sum, { Keys }) => sum + Keys.length, 0));
      return Promise.resolve({ Responses: {}, UnprocessedKeys: {} });
    });
    const keys = (prefix: string, count: number) => Array.from({ length: count }, (_, n) => ({ userId: `${prefix}${n}` }));
    await Promise.all([reads.read({ RequestItems: { users: { Keys: keys('a', 60) } } }), reads.read({ RequestItems: { users: { Keys: keys('b', 41) } } }), reads.read({ RequestItems: { users: { Keys: keys('c', 40) } } })]);
    expect(sent.sort((x, y) => x - y)).toEqual([41, 100]);
  });
});

describe('BatchPutCoalescer (fake transport: items left unprocessed, DynamoDB unavailable)', () => {
  const put = (id: string): NewItemPut => ({ TableName: 'lists', KeyNames: ['listId'], Item: { listId: { S: id }, userId: { S: `user of ${id}` } } });

  function transport(unprocessedPerCall: readonly (readonly string[])[]): PutTransport & { readonly batches: string[][]; readonly alone: string[] } {
    const batches: string[][] = [];
    const alone: string[] = [];
    return {
      batches,
      alone,
      putNewItem: (one) => {
        alone.push(String((one.Item['listId'] as { S: string }).S));
        return Promise.resolve();
      },
      batchWriteItem: (requestItems) => {
        const ids = (requestItems['lists'] ?? []).map((item: WireRow) => (item['listId'] as { S: string }).S);
        const left = new Set(unprocessedPerCall[batches.length] ?? []);
        batches.push(ids);
        return Promise.resolve({ lists: (requestItems['lists'] ?? []).filter((item: WireRow) => left.has((item['listId'] as { S: string }).S)) });
      },
    };
  }

  it('retries what a BatchWriteItem left unprocessed, and settles each put when its own item is written', async () => {
    const fake = transport([['b'], []]);
    const writes = new BatchPutCoalescer(fake, 3);
    await Promise.all(['a', 'b', 'c'].map((id) => writes.put(put(id))));
    expect(fake.batches).toEqual([['a', 'b', 'c'], ['b']]);
    expect(fake.alone).toEqual([]);
  });

  it('fails only the puts still unprocessed after its attempts, with DependencyUnavailableError', async () => {
    const fake = transport([['b'], ['b'], ['b']]);
    const writes = new BatchPutCoalescer(fake, 3);
    const settled = await Promise.allSettled(['a', 'b', 'c'].map((id) => writes.put(put(id))));
    expect(settled.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]).toMatchObject({ reason: expect.any(DependencyUnavailableError) });
    expect(fake.batches).toEqual([['a', 'b', 'c'], ['b'], ['b']]);
  });

  it('fails every put of a call DynamoDB is unavailable for, without sending them again', async () => {
    const unavailable = new DependencyUnavailableError('dynamodb', 'down');
    const alone: string[] = [];
    const writes = new BatchPutCoalescer({ putNewItem: () => (alone.push('one'), Promise.resolve()), batchWriteItem: () => Promise.reject(unavailable) }, 3);
    const settled = await Promise.allSettled(['a', 'b'].map((id) => writes.put(put(id))));
    expect(settled).toEqual([
      { status: 'rejected', reason: unavailable },
      { status: 'rejected', reason: unavailable },
    ]);
    expect(alone).toEqual([]);
  });

  it('puts a key the pending call already holds, and a put alone in its turn, with PutItem', async () => {
    const fake = transport([]);
    const writes = new BatchPutCoalescer(fake, 3);
    await Promise.all([writes.put(put('a')), writes.put(put('a')), writes.put(put('b'))]);
    expect(fake.alone).toEqual(['a']);
    expect(fake.batches).toEqual([['a', 'b']]);
    await writes.put(put('c'));
    expect(fake.alone).toEqual(['a', 'c']);
    expect(fake.batches).toHaveLength(1);
  });
});
