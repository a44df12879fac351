import { DynamoDbItemCatalog } from '../../src/adapters/dynamodb/dynamodb-item-catalog';
import type { Container } from '../../src/container';
import { InvalidCursorError } from '../../src/domain/errors';
import { createTestContainer } from '../support/test-container';
import { itemRecord } from '../support/items';

describe('DynamoDbItemCatalog (dynalite)', () => {
  let container: Container;
  beforeAll(async () => {
    ({ container } = await createTestContainer());
    await container.catalog.putItems([
      itemRecord('alien', { title: 'Alien', categories: ['Horror', 'Sci-Fi'], createdAt: Date.UTC(1979, 0, 1) }),
      itemRecord('aliens', { title: 'Aliens', categories: ['Action', 'Sci-Fi'], createdAt: Date.UTC(1986, 0, 1) }),
      itemRecord('heat', { title: 'Heat', categories: ['Crime'], createdAt: Date.UTC(1995, 0, 1), attributes: { year: '1995' } }),
      itemRecord('matrix', { title: 'The Matrix', categories: ['Action', 'Sci-Fi'], createdAt: Date.UTC(1999, 0, 1) }),
      itemRecord('shining', { title: 'The Shining', categories: ['Horror'], createdAt: Date.UTC(1980, 0, 1) }),
    ]);
  });
  afterAll(() => container.close());

  it('gets items by id, aligned with the ids, null for unknown ones', async () => {
    const items = await container.catalog.getItems(['heat', 'nope', 'alien']);
    expect(items.map((item) => (item && !(item instanceof Error) ? item.title : item))).toEqual(['Heat', null, 'Alien']);
    expect(items[0]).toEqual({ id: 'heat', title: 'Heat', categories: ['Crime'], attributes: { year: '1995' }, createdAt: Date.UTC(1995, 0, 1), popularity: 0 });
  });

  it('lists newest first, page by page, without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await container.catalog.listItems({ categories: undefined, search: undefined }, { first: 2, after });
      seen.push(...page.nodes.map(({ node }) => node.id));
      after = page.hasNextPage ? page.nodes.at(-1)?.cursor : undefined;
      pages++;
    } while (after);
    expect(seen).toEqual(['matrix', 'heat', 'aliens', 'shining', 'alien']);
    expect(pages).toBe(3);
  });

  it('filters by any of the categories and by part of the title, across pages', async () => {
    const horrorOrCrime = await container.catalog.listItems({ categories: ['Horror', 'Crime'], search: undefined }, { first: 10, after: undefined });
    expect(horrorOrCrime.nodes.map(({ node }) => node.id)).toEqual(['heat', 'shining', 'alien']);
    const first = await container.catalog.listItems({ categories: ['Sci-Fi'], search: 'ALIEN' }, { first: 1, after: undefined });
    expect(first.nodes.map(({ node }) => node.id)).toEqual(['aliens']);
    expect(first.hasNextPage).toBe(true);
    const second = await container.catalog.listItems({ categories: ['Sci-Fi'], search: 'alien' }, { first: 1, after: first.nodes[0]?.cursor });
    expect(second.nodes.map(({ node }) => node.id)).toEqual(['alien']);
    expect(second.hasNextPage).toBe(false);
  });

  it('stops a filtered page at its read budget and continues from there', async () => {
    const catalog = new DynamoDbItemCatalog(container.dynamoDb.doc, container.tables.items, { filteredReadBudget: 3 });
    const filter = { categories: undefined, search: 'shining' };
    const first = await catalog.listItems(filter, { first: 10, after: undefined });
    // matrix, heat and aliens were read; none matches.
    expect(first.nodes).toEqual([]);
    expect(first.hasNextPage).toBe(true);
    const second = await catalog.listItems(filter, { first: 10, after: first.endCursor });
    expect(second.nodes.map(({ node }) => node.id)).toEqual(['shining']);
    expect(second.hasNextPage).toBe(false);
  });

  it('refuses a cursor it did not issue', async () => {
    await expect(container.catalog.listItems({ categories: undefined, search: undefined }, { first: 1, after: 'eyJ2IjoxfQ' })).rejects.toThrow(InvalidCursorError);
  });

  it('sets popularity from counts and keeps it when an item is imported again', async () => {
    const changed = await container.catalog.setPopularity(new Map([['heat', 7], ['alien', 3]]));
    expect(changed).toBe(2);
    expect(await container.catalog.setPopularity(new Map([['heat', 7], ['alien', 3]]))).toBe(0);
    await container.catalog.putItems([itemRecord('heat', { title: 'Heat (director\'s cut)', categories: ['Crime'], createdAt: Date.UTC(1995, 0, 1) })]);
    const [heat] = await container.catalog.getItems(['heat']);
    expect(heat).toEqual(expect.objectContaining({ title: "Heat (director's cut)", popularity: 7 }));
    expect(await container.catalog.count()).toBe(5);
  });
});
