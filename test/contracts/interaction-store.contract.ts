import { InvalidCursorError } from '../../src/domain/errors';
import type { InteractionStore, InteractionStoreWriter } from '../../src/ports/interaction-store.port';
import { watchEvent } from '../support/items';

/** What every interaction store adapter promises (src/ports/interaction-store.port.ts): read side and write side. */
export function interactionStoreContract(adapter: string, create: () => Promise<InteractionStore & InteractionStoreWriter>): void {
  describe(`InteractionStore contract: ${adapter}`, () => {
    let store: InteractionStore & InteractionStoreWriter;
    beforeAll(async () => {
      store = await create();
      await store.putInteractions([watchEvent('ann', 'alien', 3000), watchEvent('ann', 'heat', 1000), watchEvent('ann', 'matrix', 2000), watchEvent('bob', 'heat', 1500, { sessionId: 'visit-1' })]);
    });

    it('lists a history newest first with cursors', async () => {
      const first = await store.listHistory('ann', { first: 2, after: undefined });
      expect(first.nodes.map(({ node }) => node.itemId)).toEqual(['alien', 'matrix']);
      expect(first.hasNextPage).toBe(true);
      const rest = await store.listHistory('ann', { first: 2, after: first.nodes[1]?.cursor });
      expect(rest.nodes.map(({ node }) => node.itemId)).toEqual(['heat']);
      expect(rest.hasNextPage).toBe(false);
    });

    it("refuses another user's history cursor", async () => {
      const page = await store.listHistory('ann', { first: 1, after: undefined });
      await expect(store.listHistory('bob', { first: 1, after: page.nodes[0]?.cursor })).rejects.toThrow(new InvalidCursorError("belongs to another user's history"));
    });

    it("reads a user's newest interactions in one call, with their sessions", async () => {
      expect(await store.recentInteractions('ann', 2)).toEqual([
        { itemId: 'alien', type: 'WATCH', occurredAt: 3000 },
        { itemId: 'matrix', type: 'WATCH', occurredAt: 2000 },
      ]);
      expect(await store.recentInteractions('bob', 10)).toEqual([{ itemId: 'heat', type: 'WATCH', occurredAt: 1500, sessionId: 'visit-1' }]);
    });

    it('stores an event written twice (and twice in one batch) once', async () => {
      const repeated = watchEvent('cat', 'heat', 5000);
      await store.putInteractions([repeated, repeated]);
      await store.putInteractions([repeated]);
      const history = await store.listHistory('cat', { first: 10, after: undefined });
      expect(history.nodes).toHaveLength(1);
      expect(await store.countByItem()).toEqual(new Map([['alien', 1], ['heat', 3], ['matrix', 1]]));
      expect(await store.count()).toBe(5);
    });
  });
}
