import { FALLBACK_MIX, type HistoryEntry, type ItemArtefact, type NewArrival, type PopularityArtefact, type ServedMix, type UserArtefact } from '../../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../../src/ports/recommender.port';
import { LITTLE_HISTORY } from '../../../src/recommenders/list-completion';
import { ServedMixRecommender } from '../../../src/recommenders/served-mix.recommender';

const served = new ServedMixRecommender();

const popularity: PopularityArtefact = {
  asOf: 0,
  halfLifeDays: 30,
  overall: [
    { id: 'blockbuster', score: 100 },
    { id: 'hit', score: 80 },
    { id: 'alien', score: 60 },
    { id: 'scream', score: 10 },
  ],
  byCategory: { Horror: [{ id: 'alien', score: 60 }, { id: 'scream', score: 10 }] },
  trending: ['hit'],
};

function artefact(itemId: string, ease: [string, number][], knn: [string, number][] = [], categories: string[] = []): ItemArtefact {
  return {
    itemId,
    categories,
    lists: { EASE: { ids: ease.map(([id]) => id), weights: ease.map(([, weight]) => weight) }, ITEM_KNN: { ids: knn.map(([id]) => id), weights: knn.map(([, weight]) => weight) } },
  };
}

interface Question {
  history: readonly HistoryEntry[];
  artefacts: ReadonlyMap<string, ItemArtefact>;
  newArrivals: readonly NewArrival[];
  interests: readonly string[];
  exclude: ReadonlySet<string>;
  candidates: number;
  mix: ServedMix;
  user: UserArtefact;
}

function request(overrides: Partial<Question>): RecommenderRequest {
  const { history = [], artefacts = new Map(), newArrivals = [], interests = [], exclude = new Set(), candidates = 10, mix = FALLBACK_MIX, user } = overrides;
  return { userId: 'u1', history, exclude, interests, limit: candidates, context: {}, inputs: { mix, popularity, newArrivals, artefacts, user } };
}

function rankBaseline(question: RecommenderRequest) {
  return served.recommend(question);
}

describe('ServedMixRecommender.recommend', () => {
  const history = ['alien', 'heat', 'ronin', 'thing', 'jaws'].map((itemId, n) => ({ itemId, type: 'WATCH' as const, occurredAt: 100 - n }));
  const artefacts = new Map([
    ['alien', artefact('alien', [['aliens', 0.9], ['predator', 0.2]], [], ['Horror', 'Sci-Fi'])],
    ['heat', artefact('heat', [['ronin', 0.8], ['predator', 0.3]], [['collateral', 0.7]], ['Crime'])],
  ]);

  it('ranks the neighbours of the history and explains each by the history item that contributed most', () => {
    const ranked = rankBaseline(request({ history, artefacts, exclude: new Set(history.map((entry) => entry.itemId)) }));
    // aliens: EASE 0.9/0.9 = 1; collateral: kNN 0.6 · 0.7/0.7 = 0.6; predator: EASE (0.2 + 0.3)/0.9 ≈ 0.56.
    expect(ranked.slice(0, 3).map((item) => item.itemId)).toEqual(['aliens', 'collateral', 'predator']);
    expect(ranked[0]?.reasons).toEqual([{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'alien', becauseOfType: 'WATCH' }]);
    expect(ranked[1]).toEqual(expect.objectContaining({ source: 'ITEM_KNN', reasons: [expect.objectContaining({ becauseOf: 'heat' })] }));
    // predator: 0.2 from Alien, 0.3 from Heat — Heat contributed most.
    expect(ranked[2]).toEqual(expect.objectContaining({ source: 'EASE', reasons: [expect.objectContaining({ becauseOf: 'heat' })] }));
  });

  it('never names an item outside the history, and never returns an excluded item', () => {
    const ranked = rankBaseline(request({ history, artefacts, exclude: new Set(history.map((entry) => entry.itemId)) }));
    const inHistory = new Set(history.map((entry) => entry.itemId));
    for (const item of ranked) {
      expect(inHistory.has(item.itemId)).toBe(false);
      for (const reason of item.reasons) if (reason.becauseOf) expect(inHistory.has(reason.becauseOf)).toBe(true);
    }
    expect(ranked.map((item) => item.itemId)).not.toContain('ronin');
  });

  it('answers a user without history from popularity, saying popular or trending', () => {
    const ranked = rankBaseline(request({ candidates: 3 }));
    expect(ranked.map((item) => [item.itemId, item.source, item.reasons[0]?.kind])).toEqual([
      ['blockbuster', 'POPULARITY', 'POPULAR'],
      ['hit', 'POPULARITY', 'TRENDING'],
      ['alien', 'POPULARITY', 'POPULAR'],
    ]);
  });

  it('puts stated interests first for a new user', () => {
    const ranked = rankBaseline(request({ interests: ['Horror'], candidates: 3 }));
    expect(ranked.map((item) => [item.itemId, item.reasons[0]])).toEqual([
      ['alien', { kind: 'MATCHES_INTERESTS', category: 'Horror' }],
      ['scream', { kind: 'MATCHES_INTERESTS', category: 'Horror' }],
      ['blockbuster', { kind: 'POPULAR' }],
    ]);
  });

  it('slips a new arrival in the user\'s categories into the list when the mix says so for everyone', () => {
    const ranked = rankBaseline(
      request({
        history,
        artefacts,
        exclude: new Set(history.map((entry) => entry.itemId)),
        newArrivals: [{ id: 'new-horror', createdAt: 1, categories: ['Horror'] }, { id: 'new-musical', createdAt: 2, categories: ['Musical'] }],
        candidates: 5,
        mix: { weights: FALLBACK_MIX.weights, newArrivals: 'ALL' },
      }),
    );
    expect(ranked[2]).toEqual(expect.objectContaining({ itemId: 'new-horror', source: 'NEW_ARRIVALS', reasons: [{ kind: 'NEW_ARRIVAL', category: 'Horror' }] }));
    expect(ranked.map((item) => item.itemId)).not.toContain('new-musical');
    expect(ranked).toHaveLength(5);
  });

  it.each([
    ['NONE', 1, false],
    ['NONE', history.length, false],
    ['LITTLE_HISTORY', 1, true],
    ['LITTLE_HISTORY', history.length, history.length < LITTLE_HISTORY],
    ['ALL', history.length, true],
  ] as const)('gives a new arrival a place by the policy %s (history of %d): %s', (newArrivals, length, placed) => {
    const ranked = rankBaseline(
      request({
        history: history.slice(0, length),
        artefacts,
        exclude: new Set(history.map((entry) => entry.itemId)),
        newArrivals: [{ id: 'new-horror', createdAt: 1, categories: ['Horror'] }],
        candidates: 5,
        mix: { weights: FALLBACK_MIX.weights, newArrivals },
      }),
    );
    expect(ranked.map((item) => item.itemId).includes('new-horror')).toBe(placed);
  });
});

describe('ServedMixRecommender.score', () => {
  const history = [{ itemId: 'alien', type: 'WATCH' as const, occurredAt: 1 }];
  const artefacts = new Map([['alien', artefact('alien', [['aliens', 0.9], ['predator', 0.3]], [['predator', 0.5]])]]);

  it('orders the given items by the baseline score, popularity breaking the rest, ties in the given order', () => {
    const ranked = served.score(request({ history, artefacts }), ['unknown-1', 'predator', 'hit', 'aliens', 'unknown-2']);
    expect(ranked.map((item) => item.itemId)).toEqual(['aliens', 'predator', 'hit', 'unknown-1', 'unknown-2']);
    expect(ranked[0]?.reasons).toEqual([{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'alien', becauseOfType: 'WATCH' }]);
    expect(ranked[2]).toEqual(expect.objectContaining({ source: 'POPULARITY', reasons: [{ kind: 'POPULAR' }] }));
    expect(ranked[3]).toEqual(expect.objectContaining({ score: 0, reasons: [] }));
  });
});

describe('the blend of models', () => {
  const history = [{ itemId: 'alien', type: 'WATCH' as const, occurredAt: 2 }, { itemId: 'heat', type: 'WATCH' as const, occurredAt: 1 }];
  const artefacts = new Map([
    ['alien', artefact('alien', [['aliens', 0.9], ['jaws', 0.5]])],
    ['heat', artefact('heat', [['jaws', -0.45], ['ronin', 0.3]])],
  ]);
  const exclude = new Set(['alien', 'heat']);

  it('lets a negative EASE weight lower an item another history item supports', () => {
    // jaws: 0.5 from Alien − 0.45 from Heat = 0.05, below ronin's 0.3.
    const ranked = rankBaseline(request({ history, artefacts, exclude, candidates: 3, mix: { weights: { ease: 1, knn: 0, popularity: 0 }, newArrivals: 'NONE' } }));
    expect(ranked.map((item) => item.itemId)).toEqual(['aliens', 'ronin', 'jaws']);
    expect(ranked[2]?.score).toBeCloseTo(0.05 / 0.9, 6);
  });

  it('adds user-kNN\'s row by its weight, explains an item also linked to the history by that history item, and says "people like you" otherwise', () => {
    const user: UserArtefact = { userId: 'u1', candidates: { ids: ['predator', 'ronin', 'alien'], weights: [2, 1, 5] } };
    const ranked = rankBaseline(request({ history, artefacts, exclude, candidates: 4, user, mix: { weights: { ease: 1, knn: 0, userKnn: 2, popularity: 0 }, newArrivals: 'NONE' } }));
    // predator: user-kNN 2 · 2/2 = 2; ronin: EASE 0.3/0.9 + user-kNN 2 · 1/2 ≈ 1.33; aliens: EASE 1. Alien is seen: never returned.
    expect(ranked.map((item) => item.itemId)).toEqual(['predator', 'ronin', 'aliens', 'jaws']);
    expect(ranked[0]).toEqual(expect.objectContaining({ source: 'USER_KNN', reasons: [{ kind: 'SIMILAR_USERS' }] }));
    expect(ranked[1]).toEqual(expect.objectContaining({ source: 'USER_KNN', reasons: [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'heat', becauseOfType: 'WATCH' }] }));
  });

  it('does not run a model the mix weighs 0, and serves a user the model has no row for from the other models', () => {
    const ranked = rankBaseline(request({ history, artefacts, exclude, candidates: 2, mix: { weights: { ease: 1, knn: 0, userKnn: 1, popularity: 0 }, newArrivals: 'NONE' } }));
    expect(ranked.map((item) => [item.itemId, item.source])).toEqual([
      ['aliens', 'EASE'],
      ['ronin', 'EASE'],
    ]);
  });

  it('scores given items with the same blend (rankItems)', () => {
    const user: UserArtefact = { userId: 'u1', candidates: { ids: ['predator'], weights: [1] } };
    const ranked = served.score(request({ history, artefacts, user, mix: { weights: { ease: 1, knn: 0, userKnn: 0.5, popularity: 0 }, newArrivals: 'NONE' } }), ['jaws', 'predator', 'aliens']);
    expect(ranked.map((item) => [item.itemId, item.source])).toEqual([
      ['aliens', 'EASE'],
      ['predator', 'USER_KNN'],
      ['jaws', 'EASE'],
    ]);
  });
});
