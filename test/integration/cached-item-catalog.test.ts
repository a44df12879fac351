import { CachedItemCatalog } from '../../src/adapters/cached-item-catalog';
import { DynamoDbItemCatalog } from '../../src/adapters/dynamodb/dynamodb-item-catalog';
import { ensureTables } from '../../src/adapters/dynamodb/table-definitions';
import { tableNames } from '../../src/adapters/dynamodb/table-names';
import type { Item } from '../../src/domain/item';
import { itemRecord } from '../support/items';
import { countCommands, testClients, type CommandCounter } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const titles = (items: readonly (Item | null | Error)[]) => items.map((item) => (item instanceof Error ? 'error' : (item?.title ?? null)));

/** The item cache over the DynamoDB catalogue on dynalite, BatchGetItem calls counted; a clock of the test's own. */
describe('CachedItemCatalog (dynalite)', () => {
  const clients = testClients();
  const commands: CommandCounter = countCommands(clients);
  const tables = tableNames(testEnvironment()['TABLE_PREFIX'] ?? '');
  const stored = new DynamoDbItemCatalog(clients.doc, tables.items);
  let now = 1_000_000;
  const cached = (ttlMs = 60_000, capacity = 100) => new CachedItemCatalog(stored, { ttlMs, capacity, now: () => now });
  /** Fails every DynamoDB call while set (a fault dynalite cannot produce on demand). */
  let failing = false;
  clients.client.middlewareStack.add(
    (next) => async (args) => {
      if (failing) throw Object.assign(new Error('injected'), { name: 'InternalServerError', $metadata: { httpStatusCode: 500 } });
      return next(args);
    },
    { step: 'initialize', name: 'injectFailure' },
  );

  beforeAll(async () => {
    await ensureTables(clients.client, tables);
    await stored.putItems([itemRecord('alien', { title: 'Alien' }), itemRecord('heat', { title: 'Heat' })]);
  });
  afterAll(() => clients.close());
  beforeEach(() => commands.reset());

  it('reads an item once and serves it from memory until it expires', async () => {
    const catalog = cached();
    expect(titles(await catalog.getItems(['alien', 'heat']))).toEqual(['Alien', 'Heat']);
    expect(titles(await catalog.getItems(['heat', 'alien', 'heat']))).toEqual(['Heat', 'Alien', 'Heat']);
    expect(commands.count('BatchGetItemCommand')).toBe(1);
    now += 60_001;
    expect(titles(await catalog.getItems(['alien']))).toEqual(['Alien']);
    expect(commands.count('BatchGetItemCommand')).toBe(2);
  });

  it('reads only the ids it does not hold', async () => {
    const catalog = cached();
    await catalog.getItems(['alien']);
    commands.reset();
    expect(titles(await catalog.getItems(['alien', 'heat', 'nope']))).toEqual(['Alien', 'Heat', null]);
    expect(commands.count('BatchGetItemCommand')).toBe(1);
    // An id not found is asked again: an item imported meanwhile shows at once.
    await stored.putItems([itemRecord('nope', { title: 'Now there' })]);
    expect(titles(await catalog.getItems(['nope']))).toEqual(['Now there']);
  });

  it('replaces what it kept when an item is written through it', async () => {
    const catalog = cached();
    await catalog.getItems(['heat']);
    await catalog.putItems([itemRecord('heat', { title: 'Heat (1995)' })]);
    expect(titles(await catalog.getItems(['heat']))).toEqual(['Heat (1995)']);
    await catalog.putItems([itemRecord('heat', { title: 'Heat' })]);
  });

  it('serves a write by another process after the time to live, not before', async () => {
    const catalog = cached(10_000);
    await catalog.getItems(['alien']);
    await stored.putItems([itemRecord('alien', { title: 'Alien (director’s cut)' })]);
    expect(titles(await catalog.getItems(['alien']))).toEqual(['Alien']);
    now += 10_001;
    expect(titles(await catalog.getItems(['alien']))).toEqual(['Alien (director’s cut)']);
    await stored.putItems([itemRecord('alien', { title: 'Alien' })]);
  });

  it('keeps no failed read (a failure injected at the SDK middleware), and forgets everything when popularity is rebuilt', async () => {
    const catalog = cached();
    failing = true;
    try {
      await expect(catalog.getItems(['alien'])).rejects.toThrow();
    } finally {
      failing = false;
    }
    expect(titles(await catalog.getItems(['alien']))).toEqual(['Alien']);
    await catalog.setPopularity(new Map([['alien', 7]]));
    commands.reset();
    const [alien] = await catalog.getItems(['alien']);
    expect(commands.count('BatchGetItemCommand')).toBe(1);
    expect(alien instanceof Error ? undefined : alien?.popularity).toBe(7);
  });

  it('reads through every time when switched off (ITEM_CACHE_SECONDS=0), and holds at most its capacity', async () => {
    const off = cached(0);
    await off.getItems(['alien']);
    await off.getItems(['alien']);
    expect(commands.count('BatchGetItemCommand')).toBe(2);
    commands.reset();
    const small = cached(60_000, 1);
    await small.getItems(['alien']);
    await small.getItems(['heat']);
    await small.getItems(['alien']);
    expect(commands.count('BatchGetItemCommand')).toBe(3);
  });
});
