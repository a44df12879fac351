import type { Container } from '../../src/container';
import { InvalidCursorError } from '../../src/domain/errors';
import { createTestContainer } from '../support/test-container';
import { watchEvent } from '../support/items';

describe('DynamoDbInteractionStore (dynalite)', () => {
  let container: Container;
  beforeAll(async () => {
    ({ container } = await createTestContainer());
    await container.interactions.putInteractions([
      watchEvent('ann', 'alien', 3000),
      watchEvent('ann', 'heat', 1000),
      watchEvent('ann', 'matrix', 2000),
      watchEvent('bob', 'heat', 1500),
    ]);
  });
  afterAll(() => container.close());

  it('lists a history newest first with cursors', async () => {
    const first = await container.interactions.listHistory('ann', { first: 2, after: undefined });
    expect(first.nodes.map(({ node }) => node.itemId)).toEqual(['alien', 'matrix']);
    expect(first.hasNextPage).toBe(true);
    const rest = await container.interactions.listHistory('ann', { first: 2, after: first.nodes[1]?.cursor });
    expect(rest.nodes.map(({ node }) => node.itemId)).toEqual(['heat']);
    expect(rest.hasNextPage).toBe(false);
  });

  it("refuses another user's history cursor", async () => {
    const page = await container.interactions.listHistory('ann', { first: 1, after: undefined });
    await expect(container.interactions.listHistory('bob', { first: 1, after: page.nodes[0]?.cursor })).rejects.toThrow(
      new InvalidCursorError("belongs to another user's history"),
    );
  });

  it('stores an event written twice (and twice in one batch) once', async () => {
    const repeated = watchEvent('cat', 'heat', 5000);
    await container.interactions.putInteractions([repeated, repeated]);
    await container.interactions.putInteractions([repeated]);
    const history = await container.interactions.listHistory('cat', { first: 10, after: undefined });
    expect(history.nodes).toHaveLength(1);
    expect(await container.interactions.countByItem()).toEqual(new Map([['alien', 1], ['heat', 3], ['matrix', 1]]));
  });
});
