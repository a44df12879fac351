import { FALLBACK_MIX, type PopularityArtefact, type ItemArtefact } from '../../../src/domain/model-artefacts';
import { LITTLE_HISTORY, rankBaseline, scoreItems, type BaselineRequest } from '../../../src/recommenders/baseline.ranker';

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
    ease: { ids: ease.map(([id]) => id), weights: ease.map(([, weight]) => weight) },
    knn: { ids: knn.map(([id]) => id), weights: knn.map(([, weight]) => weight) },
  };
}

function request(overrides: Partial<BaselineRequest>): BaselineRequest {
  return { history: [], artefacts: new Map(), popularity, newArrivals: [], interests: [], exclude: new Set(), candidates: 10, ...overrides };
}

describe('rankBaseline', () => {
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

describe('scoreItems', () => {
  const history = [{ itemId: 'alien', type: 'WATCH' as const, occurredAt: 1 }];
  const artefacts = new Map([['alien', artefact('alien', [['aliens', 0.9], ['predator', 0.3]], [['predator', 0.5]])]]);

  it('orders the given items by the baseline score, popularity breaking the rest, ties in the given order', () => {
    const ranked = scoreItems({ history, artefacts, popularity, itemIds: ['unknown-1', 'predator', 'hit', 'aliens', 'unknown-2'] });
    expect(ranked.map((item) => item.itemId)).toEqual(['aliens', 'predator', 'hit', 'unknown-1', 'unknown-2']);
    expect(ranked[0]?.reasons).toEqual([{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'alien', becauseOfType: 'WATCH' }]);
    expect(ranked[2]).toEqual(expect.objectContaining({ source: 'POPULARITY', reasons: [{ kind: 'POPULAR' }] }));
    expect(ranked[3]).toEqual(expect.objectContaining({ score: 0, reasons: [] }));
  });
});
