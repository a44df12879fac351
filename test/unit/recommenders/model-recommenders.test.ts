import { FALLBACK_MIX, type ItemArtefact, type PopularityArtefact, type UserArtefact } from '../../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../../src/ports/recommender.port';
import { easeRecommender } from '../../../src/recommenders/ease.recommender';
import { internId } from '../../../src/recommenders/item-index';
import { itemKnnRecommender } from '../../../src/recommenders/item-knn.recommender';
import { PopularityRecommender } from '../../../src/recommenders/popularity.recommender';
import { pureSvdRecommender } from '../../../src/recommenders/pure-svd.recommender';
import { rp3BetaRecommender } from '../../../src/recommenders/rp3beta.recommender';
import { UserKnnRecommender } from '../../../src/recommenders/user-knn.recommender';

const popularity: PopularityArtefact = { asOf: 0, halfLifeDays: 30, overall: [{ id: 'hit', score: 10 }, { id: 'alien', score: 5 }], byCategory: { Horror: [{ id: 'alien', score: 5 }] }, trending: [] };
const list = (entries: [string, number][]) => ({ ids: entries.map(([id]) => id), weights: entries.map(([, weight]) => weight) });
const artefact: ItemArtefact = {
  itemId: 'seen',
  categories: [],
  lists: { EASE: list([['e1', 0.8], ['e2', 0.4]]), ITEM_KNN: list([['k1', 0.5]]), PURE_SVD: list([['s1', 2], ['e1', 1]]), RP3_BETA: list([['r1', 0.01]]) },
};

function request(user?: UserArtefact, exclude: string[] = ['seen']): RecommenderRequest {
  return {
    userId: 'u1',
    history: [{ itemId: 'seen', type: 'VIEW', occurredAt: 1 }],
    exclude: new Set(exclude),
    interests: [],
    limit: 10,
    context: {},
    inputs: { mix: FALLBACK_MIX, popularity, newArrivals: [], artefacts: new Map([['seen', artefact]]), user },
  };
}

describe.each([
  ['EASE', easeRecommender(), ['e1', 'e2'], 'EASE'],
  ['item-kNN', itemKnnRecommender(), ['k1'], 'ITEM_KNN'],
  ['PureSVD', pureSvdRecommender(), ['s1', 'e1'], 'LATENT_FACTORS'],
  ['RP3beta', rp3BetaRecommender(), ['r1'], 'RP3_BETA'],
] as const)('the %s recommender', (_name, recommender, expected, source) => {
  it('reads only its own model\'s lists, normalises to the best and explains by the history item', () => {
    const ranked = recommender.recommend(request());
    expect(ranked.map((item) => item.itemId)).toEqual(expected);
    expect(ranked[0]).toEqual({ itemId: expected[0], score: 1, source, reasons: [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'seen', becauseOfType: 'VIEW' }] });
  });

  it('scores given items, 0 for those it does not know, ties in the given order', () => {
    const scored = recommender.score(request(), ['unknown', expected[0]]);
    expect(scored.map((item) => [item.itemId, item.score])).toEqual([
      [expected[0], 1],
      ['unknown', 0],
    ]);
  });
});

describe('the user-kNN recommender', () => {
  const row: UserArtefact = { userId: 'u1', candidates: list([['n1', 3], ['n2', 1.5], ['watched-since', 6]]) };

  it('serves the user\'s row minus what they have seen since, saying people like them have it', () => {
    const ranked = new UserKnnRecommender().recommend(request(row, ['seen', 'watched-since']));
    expect(ranked).toEqual([
      { itemId: 'n1', score: 1, source: 'USER_KNN', reasons: [{ kind: 'SIMILAR_USERS' }] },
      { itemId: 'n2', score: 0.5, source: 'USER_KNN', reasons: [{ kind: 'SIMILAR_USERS' }] },
    ]);
  });

  it('has nothing for a user the model has no row for', () => {
    expect(new UserKnnRecommender().recommend(request(undefined))).toEqual([]);
  });
});

describe('the popularity recommender', () => {
  it('serves what is popular, minus what was seen, and scores given items by popularity', () => {
    const recommender = new PopularityRecommender();
    expect(recommender.recommend(request(undefined, ['hit'])).map((item) => [item.itemId, item.reasons[0]?.kind])).toEqual([['alien', 'POPULAR']]);
    expect(recommender.score(request(), ['nobody', 'alien', 'hit']).map((item) => [item.itemId, item.score])).toEqual([
      ['hit', 1],
      ['alien', 0.5],
      ['nobody', 0],
    ]);
  });
});

describe('an item-list recommender over many history items', () => {
  // Sums, exclusions, the best-contributing history item and the cut at `count`, against a plain Map-based reference.
  let state = 7;
  const random = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0), state / 2 ** 32);
  const history = Array.from({ length: 40 }, (_, n) => ({ itemId: `h${n}`, type: 'VIEW' as const, occurredAt: 1000 - n }));
  const artefacts = new Map<string, ItemArtefact>(
    history.map((entry) => {
      const ids = [...new Set(Array.from({ length: 30 }, () => `c${Math.floor(random() ** 2 * 120)}`))];
      const weights = ids.map(() => Math.round((random() * 2 - 0.4) * 1e6) / 1e6);
      return [entry.itemId, { itemId: entry.itemId, categories: [], lists: { EASE: { ids, weights } } }];
    }),
  );
  const excluded = ['c0', 'c3', 'h1'];
  const manyRequest: RecommenderRequest = { ...request(), history, exclude: new Set(excluded), inputs: { ...request().inputs, artefacts } };

  function reference(count: number): { itemId: string; score: number; because: string }[] {
    const sums = new Map<string, { sum: number; best: number; because: string }>();
    for (const entry of history) {
      const list = artefacts.get(entry.itemId)?.lists.EASE;
      list?.ids.forEach((id, n) => {
        if (excluded.includes(id)) return;
        const weight = list.weights[n] ?? 0;
        const at = sums.get(id) ?? { sum: 0, best: 0, because: '' };
        at.sum += weight;
        if (weight > at.best) Object.assign(at, { best: weight, because: entry.itemId });
        sums.set(id, at);
      });
    }
    const ranked = [...sums].filter(([, at]) => at.sum > 0).sort((a, b) => b[1].sum - a[1].sum).slice(0, count);
    const best = ranked[0]?.[1].sum ?? 1;
    return ranked.map(([itemId, at]) => ({ itemId, score: at.sum / best, because: at.because }));
  }

  const served = (recommender: ReturnType<typeof easeRecommender>, count: number) =>
    recommender.recommend({ ...manyRequest, limit: count }).map((item) => ({ itemId: item.itemId, score: item.score, because: item.reasons[0]?.becauseOf }));

  it('ranks as the reference does when most of the catalogue is touched (dense sums) and when little of it is (sparse sums)', () => {
    const recommender = easeRecommender();
    for (const count of [1, 5, 25, 500]) {
      const expected = reference(count);
      expect(expected.length).toBeGreaterThan(0);
      const dense = served(recommender, count);
      expect(dense.map(({ itemId, because }) => [itemId, because])).toEqual(expected.map(({ itemId, because }) => [itemId, because]));
      dense.forEach((item, n) => expect(item.score).toBeCloseTo(expected[n]?.score ?? -1, 9));
    }
    // A catalogue far larger than the entries summed: the sparse path.
    for (let n = 0; n < 50_000; n++) internId(`catalogue-${n}`);
    for (const count of [1, 5, 25, 500]) {
      const expected = reference(count);
      const sparse = served(recommender, count);
      expect(sparse.map(({ itemId, because }) => [itemId, because])).toEqual(expected.map(({ itemId, because }) => [itemId, because]));
      sparse.forEach((item, n) => expect(item.score).toBeCloseTo(expected[n]?.score ?? -1, 9));
    }
  });
});
