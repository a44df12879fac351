import type { RecommendationList } from '../../src/domain/recommendation';
import type { RecommendationListStore } from '../../src/ports/recommendation-list-store.port';

/** What every RecommendationListStore adapter promises (src/ports/recommendation-list-store.port.ts). */
export function recommendationListStoreContract(adapter: string, create: () => Promise<RecommendationListStore>): void {
  describe(`RecommendationListStore contract: ${adapter}`, () => {
    const list = (id: string, userId: string | undefined): RecommendationList => ({
      id,
      userId,
      strategyRequested: 'AUTO',
      strategyServed: 'BASELINE',
      fallbackReason: 'TIMEOUT',
      modelVersion: 'v1',
      generatedAt: Date.now(),
      items: [
        { itemId: 'i1', rank: 1, score: 0.9, source: 'EASE' },
        { itemId: 'i2', rank: 2, score: 0.5, source: 'POPULARITY' },
      ],
      context: { device: 'tv' },
      personalizeRecommendationId: undefined,
      experiment: { experimentId: 'x1', variant: 'B' },
    });

    it('reads back every field of a saved list, aligned with the ids asked, null for an unknown one', async () => {
      const store = await create();
      const mine = list('list-1', 'u1');
      const anonymous = list('list-2', undefined);
      await store.save(mine);
      await store.save(anonymous);
      expect(await store.getLists(['list-2', 'nope', 'list-1'])).toEqual([anonymous, null, mine]);
    });

    it('refuses to write a list id twice', async () => {
      const store = await create();
      await store.save(list('once', 'u1'));
      await expect(store.save(list('once', 'u2'))).rejects.toThrow();
      expect((await store.getLists(['once']))[0]).toEqual(expect.objectContaining({ userId: 'u1' }));
    });
  });
}
