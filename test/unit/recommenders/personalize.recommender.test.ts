import type { WeightedIds } from '../../../src/domain/model-artefacts';
import { PersonalizeUnavailableError, type PersonalizeList, type PersonalizeRecommender, type PersonalizeRequest } from '../../../src/ports/personalize.port';
import { PersonalizeListRecommender } from '../../../src/recommenders/personalize.recommender';

/** Personalize's strategy on fake ports (to choose each answer and outage; the local Personalize is exercised by the integration suites). */
describe('the Personalize recommender (fake Personalize ports)', () => {
  const asked: PersonalizeRequest[] = [];
  const answer: PersonalizeList = {
    recommendationId: 'RID-1',
    items: [
      { itemId: 'a', score: 0.9, reasons: [] },
      { itemId: 'seen', score: 0.8, reasons: [] },
      { itemId: 'b', score: 0.7, reasons: ['Exploration', 'Promoted item'] },
    ],
  };
  const campaign = (filters: { unseen: boolean; categories: boolean }, outcome: () => Promise<PersonalizeList>): PersonalizeRecommender => ({
    filtering: () => filters,
    recommend: (request) => {
      asked.push(request);
      return outcome();
    },
  });
  const similar: Record<string, WeightedIds> = { a: { ids: ['x', 'h2', 'h1'], weights: [0.5, 0.4, 0.3] } };
  const models = { similarItems: (_version: string, ids: readonly string[]) => Promise.resolve(ids.map((id) => similar[id] ?? null)) };
  const request = { userId: 'u1', limit: 10, excludeSeen: true, categories: [] as string[], context: { device: 'tv' } };

  beforeEach(() => asked.splice(0));

  it('asks for room to drop what the user saw and what other categories hold, where no Personalize filter does it; anonymous viewers as one cold-start user', async () => {
    const unfiltered = new PersonalizeListRecommender({ models, recommender: campaign({ unseen: false, categories: false }, () => Promise.resolve(answer)) });
    const filtered = new PersonalizeListRecommender({ models, recommender: campaign({ unseen: true, categories: true }, () => Promise.resolve(answer)) });
    await unfiltered.recommend(request);
    await unfiltered.recommend({ ...request, categories: ['Drama'] });
    await filtered.recommend({ ...request, categories: ['Drama'] });
    await unfiltered.recommend({ ...request, userId: undefined, excludeSeen: false });
    expect(asked.map((entry) => [entry.userId, entry.numResults])).toEqual([
      ['u1', 30],
      ['u1', 50],
      ['u1', 10],
      ['anonymous', 10],
    ]);
    expect(unfiltered.serves).toEqual({ lists: true, ranking: false });
  });

  it("answers an outage with its reason (the list's fallback reason) and lets anything else through", async () => {
    const down = new PersonalizeListRecommender({ models, recommender: campaign({ unseen: true, categories: true }, () => Promise.reject(new PersonalizeUnavailableError('THROTTLED', 'slow down'))) });
    const outcome = await down.recommend(request);
    expect(outcome instanceof PersonalizeUnavailableError ? outcome.reason : outcome).toBe('THROTTLED');
    const broken = new PersonalizeListRecommender({ models, recommender: campaign({ unseen: true, categories: true }, () => Promise.reject(new TypeError('a bug'))) });
    await expect(broken.recommend(request)).rejects.toThrow('a bug');
  });

  it("ranks its answer minus the excluded items, explained by the user's most similar history item, a promotion said first", async () => {
    const recommender = new PersonalizeListRecommender({ models });
    const history = [
      { itemId: 'h1', type: 'WATCH' as const, occurredAt: 2 },
      { itemId: 'h2', type: 'LIKE' as const, occurredAt: 1 },
    ];
    const ranked = await recommender.ranked(answer, { modelVersion: 'v1', exclude: new Set(['seen']), history });
    expect(ranked).toEqual([
      { itemId: 'a', score: 0.9, source: 'PERSONALIZE', reasons: [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'h2', becauseOfType: 'LIKE' }] },
      { itemId: 'b', score: 0.7, source: 'PERSONALIZE', reasons: [{ kind: 'PROMOTED' }, { kind: 'EXPLORATION' }] },
    ]);
  });
});
