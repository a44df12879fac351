import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { batchPutRows } from '../../src/adapters/dynamodb/batch-write';
import { CursorCodec } from '../../src/adapters/dynamodb/dynamodb-cursor';
import { DynamoDbInteractionStore } from '../../src/adapters/dynamodb/dynamodb-interaction-store';
import { ensureTables } from '../../src/adapters/dynamodb/table-definitions';
import { tableNames, type TableNames } from '../../src/adapters/dynamodb/table-names';
import { watchEvent } from '../support/items';
import { countCommands, testClients } from '../support/test-container';

/** The compact history row (user-history) beside the interaction log, on dynalite. */
const clients = testClients();
const counter = countCommands(clients);
let tables: TableNames;
let store: DynamoDbInteractionStore;

const storedRow = async (userId: string) => (await clients.doc.send(new GetCommand({ TableName: tables.userHistory, Key: { userId }, ConsistentRead: true }))).Item;

beforeAll(async () => {
  tables = tableNames(`history${Math.random().toString(36).slice(2, 8)}-`);
  await ensureTables(clients.client, tables);
  store = new DynamoDbInteractionStore(clients, tables, new CursorCodec(), { maxEntries: 5, maxBytes: 300_000 });
});
afterAll(() => clients.close());

describe('user history row', () => {
  it('answers a list from one read of its row once the user has one', async () => {
    await store.putInteractions([watchEvent('ann', 'alien', 3000), watchEvent('ann', 'heat', 1000, { sessionId: 'visit-1' })]);
    counter.reset();
    expect(await store.recentInteractions('ann', 1000)).toEqual([
      { itemId: 'alien', type: 'WATCH', occurredAt: 3000 },
      { itemId: 'heat', type: 'WATCH', occurredAt: 1000, sessionId: 'visit-1' },
    ]);
    expect(counter.total()).toBe(1);
    expect(counter.count('BatchGetItemCommand')).toBe(1);
  });

  it('reads a user whose events are only in the log (written before the row existed) from the log, then writes the row', async () => {
    await batchPutRows(clients.doc, tables.interactions, [
      { userId: 'old', eventId: 'e1', itemId: 'alien', type: 'VIEW', eventType: 'view', occurredAt: 10 },
      { userId: 'old', eventId: 'e2', itemId: 'heat', type: 'LIKE', eventType: 'like', occurredAt: 20 },
    ]);
    expect(await store.recentInteractions('old', 10)).toEqual([
      { itemId: 'heat', type: 'LIKE', occurredAt: 20 },
      { itemId: 'alien', type: 'VIEW', occurredAt: 10 },
    ]);
    expect(await storedRow('old')).toMatchObject({ version: 1, truncated: false });
    counter.reset();
    expect(await store.recentInteractions('old', 10)).toHaveLength(2);
    expect(counter.total()).toBe(1);
  });

  it('builds a missing row from the whole log when the first write after it lands', async () => {
    await batchPutRows(clients.doc, tables.interactions, [{ userId: 'gap', eventId: 'e1', itemId: 'alien', type: 'VIEW', eventType: 'view', occurredAt: 10 }]);
    await store.putInteractions([watchEvent('gap', 'heat', 30)]);
    expect((await store.recentInteractions('gap', 10)).map((entry) => entry.itemId)).toEqual(['heat', 'alien']);
  });

  it('writes nothing for an event the row already holds', async () => {
    const event = watchEvent('cat', 'heat', 50);
    await store.putInteractions([event]);
    await store.putInteractions([event, event]);
    expect(await storedRow('cat')).toMatchObject({ version: 1 });
    expect(await store.recentInteractions('cat', 10)).toHaveLength(1);
  });

  it('keeps every event of many writers of one user at once', async () => {
    const events = Array.from({ length: 5 }, (_, index) => watchEvent('dan', `item-${index}`, 100 + index));
    await Promise.all(events.map((event) => store.putInteractions([event])));
    expect((await store.recentInteractions('dan', 5)).map((entry) => entry.itemId)).toEqual(['item-4', 'item-3', 'item-2', 'item-1', 'item-0']);
    expect(Number((await storedRow('dan'))?.['version'])).toBeGreaterThanOrEqual(1);
  });

  it('serves the newest entries from a truncated row, and reads the log for more than it holds', async () => {
    await store.putInteractions(Array.from({ length: 8 }, (_, index) => watchEvent('eve', `item-${index}`, 1000 + index)));
    expect(await storedRow('eve')).toMatchObject({ truncated: true });
    counter.reset();
    expect((await store.recentInteractions('eve', 3)).map((entry) => entry.itemId)).toEqual(['item-7', 'item-6', 'item-5']);
    expect(counter.total()).toBe(1);
    expect((await store.recentInteractions('eve', 8)).map((entry) => entry.itemId)).toEqual(['item-7', 'item-6', 'item-5', 'item-4', 'item-3', 'item-2', 'item-1', 'item-0']);
    expect(counter.count('QueryCommand')).toBe(1);
  });

  it('reads the log for a row it cannot decode, and the next write rebuilds the row', async () => {
    await store.putInteractions([watchEvent('zoe', 'alien', 10)]);
    await clients.doc.send(new PutCommand({ TableName: tables.userHistory, Item: { userId: 'zoe', entries: 'not json', truncated: false, version: 4 } }));
    expect((await store.recentInteractions('zoe', 10)).map((entry) => entry.itemId)).toEqual(['alien']);
    await store.putInteractions([watchEvent('zoe', 'heat', 20)]);
    expect(await storedRow('zoe')).toMatchObject({ version: 5, truncated: false });
    counter.reset();
    expect((await store.recentInteractions('zoe', 10)).map((entry) => entry.itemId)).toEqual(['heat', 'alien']);
    expect(counter.total()).toBe(1);
  });

  it('writes an empty row for a user with no history, so the next list reads only it', async () => {
    expect(await store.recentInteractions('new', 10)).toEqual([]);
    counter.reset();
    expect(await store.recentInteractions('new', 10)).toEqual([]);
    expect(counter.total()).toBe(1);
  });
});
