import { FALLBACK_MIX, type HistoryEntry, type ItemArtefact, type PopularityArtefact } from '../../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../../src/ports/recommender.port';
import { easeRecommender } from '../../../src/recommenders/ease.recommender';
import { internedCount, internId } from '../../../src/recommenders/item-index';
import { SeededRandom } from '../../../src/support/seeded-random';

/*
 * The item-list recommenders sum and explain in one pass when the catalogue is small against
 * the entries summed, in two passes otherwise: both must serve the same list. Checked against
 * a direct computation, with the catalogue grown between the cases (ids are interned per process).
 */

const CATALOGUE = Array.from({ length: 30 }, (_, n) => `c${n}`);
const popularity: PopularityArtefact = { asOf: 0, halfLifeDays: 30, overall: [], byCategory: {}, trending: [] };

function scenario(seed: number): RecommenderRequest {
  const random = new SeededRandom(seed);
  const history: HistoryEntry[] = CATALOGUE.slice(0, 25).map((itemId, n) => ({ itemId, type: 'VIEW', occurredAt: 1000 - n }));
  const artefacts = new Map<string, ItemArtefact>(
    history.map(({ itemId }) => {
      const ids = CATALOGUE.filter((id) => id !== itemId);
      // Mostly positive, some negative (EASE): sums of either sign, explained by the largest weight.
      const weights = ids.map(() => Math.round((random.next() * 1.2 - 0.2) * 1e6) / 1e6);
      return [itemId, { itemId, categories: [], lists: { EASE: { ids, weights } } }];
    }),
  );
  return { userId: 'u1', history, exclude: new Set(['c3']), interests: [], limit: 10, context: {}, inputs: { mix: FALLBACK_MIX, popularity, newArrivals: [], artefacts, user: undefined } };
}

/** The list computed directly: sums, the best 10 above 0 but the excluded, each explained by the first history item with the largest positive weight. */
function expected(request: RecommenderRequest): { itemId: string; because: string | undefined }[] {
  const sums = new Map<string, number>();
  const because = new Map<string, { weight: number; itemId: string }>();
  for (const entry of request.history) {
    const list = request.inputs.artefacts.get(entry.itemId)?.lists.EASE;
    list?.ids.forEach((id, n) => {
      const weight = list.weights[n] ?? 0;
      sums.set(id, (sums.get(id) ?? 0) + weight);
      if (weight > (because.get(id)?.weight ?? 0)) because.set(id, { weight, itemId: entry.itemId });
    });
  }
  return [...sums]
    .filter(([id, sum]) => sum > 0 && !request.exclude.has(id))
    .sort((a, b) => b[1] - a[1])
    .slice(0, request.limit)
    .map(([itemId]) => ({ itemId, because: because.get(itemId)?.itemId }));
}

function served(request: RecommenderRequest): { itemId: string; because: string | undefined }[] {
  return easeRecommender()
    .recommend(request)
    .map((item) => ({ itemId: item.itemId, because: item.reasons[0]?.becauseOf }));
}

describe('an item-list recommender on catalogues of every size', () => {
  it.each([
    ['30 items, 725 entries: explained while summing', 30],
    ['1,000 items: summed densely, explained in a second pass', 1_000],
    ['20,000 items: summed sparsely, explained in a second pass', 20_000],
  ])('serves and explains what the direct computation gives (%s)', (_case, catalogue) => {
    CATALOGUE.forEach(internId);
    for (let n = internedCount(); n < catalogue; n++) internId(`filler${n}`);
    for (let seed = 1; seed <= 20; seed++) {
      const request = scenario(seed);
      const list = served(request);
      expect(list).toHaveLength(10);
      expect(list).toEqual(expected(request));
    }
    expect(internedCount()).toBe(catalogue);
  });
});
