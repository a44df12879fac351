import { FALLBACK_MIX, type ItemArtefact, type PopularityArtefact, type UserArtefact } from '../../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../../src/ports/recommender.port';
import { easeRecommender } from '../../../src/recommenders/ease.recommender';
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
