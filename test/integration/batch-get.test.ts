import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetRows } from '../../src/adapters/dynamodb/batch-get';
import { batchPutRows } from '../../src/adapters/dynamodb/batch-write';
import type { Container } from '../../src/container';
import { DependencyUnavailableError } from '../../src/domain/errors';
import { createTestContainer, type CommandCounter } from '../support/test-container';

describe('batchGetRows (dynalite)', () => {
  let container: Container;
  let commands: CommandCounter;
  let doc: DynamoDBDocumentClient;
  beforeAll(async () => {
    ({ container, commands } = await createTestContainer());
    doc = container.dynamoDb.doc;
    // 120 rows of 60 KB: 100 of them are more than the 1 MB a BatchGetItem answers with.
    const padding = 'x'.repeat(60_000);
    await batchPutRows(doc, container.tables.users, Array.from({ length: 120 }, (_, n) => ({ userId: `big-${n}`, padding })), 4);
  });
  afterAll(() => container.close());
  beforeEach(() => commands.reset());

  it.each(['document client', 'JSON client'])('reads 100 keys a call and retries what DynamoDB left unprocessed (%s)', async (through) => {
    const keys = Array.from({ length: 120 }, (_, n) => `big-${n}`);
    const source = through === 'JSON client' ? container.dynamoDb.json : doc;
    const rows = await batchGetRows(source, container.tables.users, 'userId', [...keys, 'missing']);
    expect([...rows.values()].filter((row) => row && !(row instanceof Error))).toHaveLength(120);
    expect(rows.get('big-7')).toEqual({ userId: 'big-7', padding: 'x'.repeat(60_000) });
    expect(rows.get('missing')).toBeNull();
    // Two chunks (100 + 21 keys); dynalite's 1 MB answer limit forced at least one retry.
    expect(commands.count('BatchGetItemCommand')).toBeGreaterThan(2);
  });

  it('decodes only the projected attributes when given a projection', async () => {
    const projection = { ProjectionExpression: '#id', ExpressionAttributeNames: { '#id': 'userId' } };
    for (const source of [doc, container.dynamoDb.json]) {
      const rows = await batchGetRows(source, container.tables.users, 'userId', ['big-3'], { projection });
      expect(rows.get('big-3')).toEqual({ userId: 'big-3' });
    }
  });

  it('answers a per-key error when keys stay unprocessed (fault injected at the SDK middleware)', async () => {
    // dynalite answers every key at last, so the fault is injected: each answer is rewritten to leave key "big-1" unprocessed.
    container.dynamoDb.client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        // Outside the document client's unmarshalling, rows are plain objects.
        const output = result.output as { Responses?: Record<string, { userId?: string }[]>; UnprocessedKeys?: Record<string, unknown> };
        const table = container.tables.users;
        output.Responses = { [table]: (output.Responses?.[table] ?? []).filter((row) => row.userId !== 'big-1') };
        output.UnprocessedKeys = { [table]: { Keys: [{ userId: 'big-1' }] } };
        return result;
      },
      { step: 'initialize', name: 'leaveOneKeyUnprocessed' },
    );
    try {
      const rows = await batchGetRows(doc, container.tables.users, 'userId', ['big-0', 'big-1'], { policy: { maxAttempts: 3, baseDelayMs: 1 } });
      expect(rows.get('big-0')).toEqual(expect.objectContaining({ userId: 'big-0' }));
      const failed = rows.get('big-1');
      expect(failed).toBeInstanceOf(DependencyUnavailableError);
      expect((failed as Error).message).toContain('"big-1" stayed unprocessed after 3 BatchGetItem attempts');
      expect(commands.count('BatchGetItemCommand')).toBe(3);
    } finally {
      container.dynamoDb.client.middlewareStack.remove('leaveOneKeyUnprocessed');
    }
  });
});
