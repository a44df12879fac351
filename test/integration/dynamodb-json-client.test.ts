import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Container } from '../../src/container';
import { DynamoDbJsonClient, DynamoDbServiceError } from '../../src/adapters/dynamodb/dynamodb-json-client';
import { INTERACTIONS_BY_TIME_INDEX } from '../../src/adapters/dynamodb/table-names';
import { DependencyUnavailableError } from '../../src/domain/errors';
import { createTestContainer } from '../support/test-container';
import { testDynamoDbEndpoint } from '../support/test-env';
import { startThrottlingProxy } from '../support/throttling-proxy';

const credentials = () => Promise.resolve({ accessKeyId: 'local', secretAccessKey: 'local' });
const client = (endpoint: string, settings: { requestTimeoutMs?: number; maxAttempts?: number } = {}) =>
  new DynamoDbJsonClient({ region: 'us-east-1', endpoint, requestTimeoutMs: settings.requestTimeoutMs ?? 5000, connectTimeoutMs: 500, maxAttempts: settings.maxAttempts ?? 3, credentials });

describe('DynamoDbJsonClient (dynalite)', () => {
  let container: Container;
  let json: DynamoDbJsonClient;
  beforeAll(async () => {
    ({ container } = await createTestContainer());
    json = client(testDynamoDbEndpoint());
  });
  afterAll(() => {
    json.close();
    container.close();
  });

  const row = { listId: 'l-1', userId: 'u1', generatedAt: 1_700_000_000_123, ratio: 0.25, flag: true, none: null, gone: undefined, tags: ['a', 'b'], context: { device: 'ios', nested: { n: -3 } } };

  it('writes a row the document client reads back as written (undefined left out), and reads it back the same', async () => {
    await json.putItem({ TableName: container.tables.recommendationLists, Item: row });
    const viaSdk = await container.dynamoDb.doc.send(new GetCommand({ TableName: container.tables.recommendationLists, Key: { listId: 'l-1' } }));
    const stored = Object.fromEntries(Object.entries(row).filter(([name]) => name !== 'gone'));
    expect(viaSdk.Item).toEqual(stored);
    const read = await json.batchGetItem({ RequestItems: { [container.tables.recommendationLists]: { Keys: [{ listId: 'l-1' }, { listId: 'absent' }] } } });
    expect(read.Responses[container.tables.recommendationLists]).toEqual([stored]);
    expect(read.UnprocessedKeys).toEqual({});
  });

  it('names a refused condition by its DynamoDB error type, and does not retry it', async () => {
    const calls: string[] = [];
    const stop = json.onCall((operation) => calls.push(operation));
    const put = json.putItem({ TableName: container.tables.recommendationLists, Item: row, ConditionExpression: 'attribute_not_exists(listId)' });
    await expect(put).rejects.toBeInstanceOf(DynamoDbServiceError);
    await expect(put).rejects.toMatchObject({ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } });
    stop();
    expect(calls).toEqual(['PutItem']);
  });

  it('queries one page newest first, projected, limited', async () => {
    const table = container.tables.interactions;
    for (let n = 0; n < 5; n++) {
      await json.putItem({ TableName: table, Item: { userId: 'q', eventId: `e${n}`, itemId: `i${n}`, type: 'VIEW', eventType: 'view', occurredAt: 1000 + n } });
    }
    const rows = await json.query({
      TableName: table,
      IndexName: INTERACTIONS_BY_TIME_INDEX,
      KeyConditionExpression: '#u = :u',
      ExpressionAttributeValues: { ':u': 'q' },
      ProjectionExpression: '#i, #t',
      ExpressionAttributeNames: { '#u': 'userId', '#i': 'itemId', '#t': 'occurredAt' },
      ScanIndexForward: false,
      Limit: 3,
    });
    expect(rows).toEqual([
      { itemId: 'i4', occurredAt: 1004 },
      { itemId: 'i3', occurredAt: 1003 },
      { itemId: 'i2', occurredAt: 1002 },
    ]);
  });

  it('sends the reads made in one turn as one BatchGetItem, and each caller gets the rows of its own keys', async () => {
    const { recommendationLists: lists, users, userHistory } = container.tables;
    await json.putItem({ TableName: users, Item: { userId: 'u-batch', attributes: { country: 'NZ' } } });
    await json.putItem({ TableName: users, Item: { userId: 'u-other', attributes: { country: 'FR' } } });
    await json.putItem({ TableName: userHistory, Item: { userId: 'u-batch', entries: '{"s":[],"e":[]}', truncated: false, version: 1 } });
    const operations: string[] = [];
    const stop = json.onCall((operation) => operations.push(operation));
    const [user, history, sameTable, other, again] = await Promise.all([
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-batch' }] } } }),
      json.batchGetItem({ RequestItems: { [userHistory]: { Keys: [{ userId: 'u-batch' }, { userId: 'nobody' }] } } }),
      json.batchGetItem({ RequestItems: { [lists]: { Keys: [{ listId: 'l-1' }] } } }),
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-other' }, { userId: 'nobody' }] } } }),
      // A key another caller of the turn asks for too: read once, its row given to both.
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-batch' }] } } }),
    ]);
    stop();
    expect(operations).toEqual(['BatchGetItem']);
    expect(user).toEqual({ Responses: { [users]: [{ userId: 'u-batch', attributes: { country: 'NZ' } }] }, UnprocessedKeys: {} });
    expect(history.Responses).toEqual({ [userHistory]: [{ userId: 'u-batch', entries: '{"s":[],"e":[]}', truncated: false, version: 1 }] });
    expect(Object.keys(sameTable.Responses)).toEqual([lists]);
    expect(other).toEqual({ Responses: { [users]: [{ userId: 'u-other', attributes: { country: 'FR' } }] }, UnprocessedKeys: {} });
    expect(again).toEqual(user);
  });

  it('reads a table under another projection, or one without the key attributes, in a call of its own', async () => {
    const { users } = container.tables;
    const keyless = { ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': 'attributes' } };
    const operations: string[] = [];
    const stop = json.onCall((operation) => operations.push(operation));
    const [whole, projected] = await Promise.all([
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-batch' }] } } }),
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-other' }], ProjectionExpression: '#u, #a', ExpressionAttributeNames: { '#u': 'userId', '#a': 'attributes' } } } }),
    ]);
    // Rows without their key cannot be told apart: the second of the same projection goes alone too.
    const [first, second] = await Promise.all([
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-batch' }], ...keyless } } }),
      json.batchGetItem({ RequestItems: { [users]: { Keys: [{ userId: 'u-other' }], ...keyless } } }),
    ]);
    stop();
    expect(operations).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
    expect(whole.Responses[users]).toEqual([{ userId: 'u-batch', attributes: { country: 'NZ' } }]);
    expect(projected.Responses[users]).toEqual([{ userId: 'u-other', attributes: { country: 'FR' } }]);
    expect(first.Responses[users]).toEqual([{ attributes: { country: 'NZ' } }]);
    expect(second.Responses[users]).toEqual([{ attributes: { country: 'FR' } }]);
  });

  it('stores the new items put in one turn with one BatchWriteItem; alone, a put of a key that exists is refused', async () => {
    const table = container.tables.recommendationLists;
    const operations: string[] = [];
    const stop = json.onCall((operation) => operations.push(operation));
    const ids = ['shared-1', 'shared-2', 'shared-3'];
    await Promise.all(ids.map((listId, index) => json.putNewItem({ TableName: table, KeyNames: ['listId'], Item: { listId, userId: `u${index}`, generatedAt: index } })));
    expect(operations).toEqual(['BatchWriteItem']);
    const read = await json.batchGetItem({ RequestItems: { [table]: { Keys: ids.map((listId) => ({ listId })) } } });
    expect(read.Responses[table]?.map((row) => [row['listId'], row['userId'], row['generatedAt']]).sort()).toEqual([['shared-1', 'u0', 0], ['shared-2', 'u1', 1], ['shared-3', 'u2', 2]]);
    operations.length = 0;
    await expect(json.putNewItem({ TableName: table, KeyNames: ['listId'], Item: { listId: 'shared-1', userId: 'someone else' } })).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    stop();
    expect(operations).toEqual(['PutItem']);
  });

  it('writes the other puts of a refused BatchWriteItem on their own: one bad item fails alone', async () => {
    const table = container.tables.recommendationLists;
    const operations: string[] = [];
    const stop = json.onCall((operation) => operations.push(operation));
    const [good, bad, alsoGood] = await Promise.allSettled([
      json.putNewItem({ TableName: table, KeyNames: ['listId'], Item: { listId: 'alone-1', userId: 'u1' } }),
      // An empty string as a key value is refused by DynamoDB (ValidationException).
      json.putNewItem({ TableName: table, KeyNames: ['listId'], Item: { listId: '', userId: 'u2' } }),
      json.putNewItem({ TableName: table, KeyNames: ['listId'], Item: { listId: 'alone-3', userId: 'u3' } }),
    ]);
    stop();
    expect(good).toEqual({ status: 'fulfilled', value: undefined });
    expect(alsoGood).toEqual({ status: 'fulfilled', value: undefined });
    expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'ValidationException' } });
    expect(operations).toEqual(['BatchWriteItem', 'PutItem', 'PutItem', 'PutItem']);
    const read = await json.batchGetItem({ RequestItems: { [table]: { Keys: [{ listId: 'alone-1' }, { listId: 'alone-3' }] } } });
    expect(read.Responses[table]?.map((row) => row['userId']).sort()).toEqual(['u1', 'u3']);
  });

  it('answers each caller on its own when DynamoDB refuses a shared BatchGetItem: one bad request fails alone', async () => {
    const operations: string[] = [];
    const stop = json.onCall((operation) => operations.push(operation));
    const [good, bad] = await Promise.allSettled([
      json.batchGetItem({ RequestItems: { [container.tables.users]: { Keys: [{ userId: 'u-batch' }] } } }),
      json.batchGetItem({ RequestItems: { 'no-such-table': { Keys: [{ userId: 'u' }] } } }),
    ]);
    stop();
    expect(good).toEqual({ status: 'fulfilled', value: { Responses: { [container.tables.users]: [{ userId: 'u-batch', attributes: { country: 'NZ' } }] }, UnprocessedKeys: {} } });
    expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'ResourceNotFoundException' } });
    expect(operations).toEqual(['BatchGetItem', 'BatchGetItem', 'BatchGetItem']);
  });

  it('names a missing table (ResourceNotFoundException) and an invalid request, without retrying', async () => {
    await expect(json.query({ TableName: 'no-such-table', KeyConditionExpression: '#u = :u', ExpressionAttributeValues: { ':u': 'x' }, ProjectionExpression: '#u', ExpressionAttributeNames: { '#u': 'userId' } })).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    await expect(json.putItem({ TableName: container.tables.recommendationLists, Item: { userId: 'no key' } })).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('refuses a number DynamoDB cannot store, naming the attribute', async () => {
    await expect(json.putItem({ TableName: container.tables.recommendationLists, Item: { listId: 'nan', context: { score: Number.NaN } } })).rejects.toThrow('context.score: NaN cannot be stored');
  });

  it('retries throttling answered on the wire, and gives up with DependencyUnavailableError when it lasts', async () => {
    const proxy = await startThrottlingProxy(testDynamoDbEndpoint);
    const throttledClient = client(proxy.endpoint);
    try {
      proxy.throttleNext = 2;
      const read = await throttledClient.batchGetItem({ RequestItems: { [container.tables.recommendationLists]: { Keys: [{ listId: 'l-1' }] } } });
      expect(read.Responses[container.tables.recommendationLists]).toHaveLength(1);
      expect(proxy.throttled).toBe(2);
      proxy.throttleNext = Infinity;
      proxy.throttled = 0;
      const failed = throttledClient.batchGetItem({ RequestItems: { [container.tables.recommendationLists]: { Keys: [{ listId: 'l-1' }] } } });
      await expect(failed).rejects.toBeInstanceOf(DependencyUnavailableError);
      await expect(failed).rejects.toThrow('DynamoDB BatchGetItem failed after retries: ProvisionedThroughputExceededException');
      expect(proxy.throttled).toBe(3);
    } finally {
      throttledClient.close();
      await proxy.close();
    }
  });

  it('gives up on an endpoint that refuses connections after its attempts, quickly', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = client(`http://127.0.0.1:${port}`);
    const started = Date.now();
    await expect(refused.query({ TableName: 't', KeyConditionExpression: '#u = :u', ExpressionAttributeValues: { ':u': 'x' }, ProjectionExpression: '#u', ExpressionAttributeNames: { '#u': 'userId' } })).rejects.toThrow(
      /DynamoDB Query failed after retries: .*ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    refused.close();
  });

  it('times out a request that gets no answer (TimeoutError), each attempt', async () => {
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const slow = client(`http://127.0.0.1:${port}`, { requestTimeoutMs: 100, maxAttempts: 2 });
    try {
      await expect(slow.putItem({ TableName: 't', Item: { listId: 'x' } })).rejects.toThrow('DynamoDB PutItem failed after retries: TimeoutError: no answer within 100 ms');
    } finally {
      slow.close();
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
