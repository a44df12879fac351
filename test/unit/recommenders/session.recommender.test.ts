import { FALLBACK_MIX, type ItemArtefact, type PopularityArtefact } from '../../../src/domain/model-artefacts';
import type { RecommenderRequest } from '../../../src/ports/recommender.port';
import { sessionLengthOf } from '../../../src/recommenders/current-session';
import { ServedMixRecommender } from '../../../src/recommenders/served-mix.recommender';
import { sessionRecommender } from '../../../src/recommenders/session.recommender';

const MINUTE = 60_000;
const popularity: PopularityArtefact = { asOf: 0, halfLifeDays: 30, overall: [], byCategory: {}, trending: [] };
const artefact = (itemId: string, next: [string, number][], ease: [string, number][] = []): ItemArtefact => ({
  itemId,
  categories: [],
  lists: { TRANSITIONS: { ids: next.map(([id]) => id), weights: next.map(([, weight]) => weight) }, EASE: { ids: ease.map(([id]) => id), weights: ease.map(([, weight]) => weight) } },
});

// Newest first: the visit is "phone" then "case" (newest); "novel" is from last year.
const history = [
  { itemId: 'case', type: 'VIEW' as const, occurredAt: 100 * MINUTE },
  { itemId: 'phone', type: 'VIEW' as const, occurredAt: 95 * MINUTE },
  { itemId: 'novel', type: 'WATCH' as const, occurredAt: 1 },
];
const artefacts = new Map([
  ['case', artefact('case', [['charger', 0.5], ['screen-guard', 0.4]])],
  ['phone', artefact('phone', [['screen-guard', 0.6], ['charger', 0.1]])],
  ['novel', artefact('novel', [['sequel', 0.9]], [['sequel', 0.9], ['prequel', 0.5]])],
]);
const request = (sessionLength: number, weights = { ease: 1, knn: 0, popularity: 0, session: 2 }): RecommenderRequest => ({
  userId: 'u1',
  history,
  sessionLength,
  exclude: new Set(history.map((entry) => entry.itemId)),
  interests: [],
  limit: 10,
  context: {},
  inputs: { mix: { ...FALLBACK_MIX, weights, newArrivals: 'NONE' }, popularity, newArrivals: [], artefacts, user: undefined },
});

describe('the session recommender', () => {
  it('sums what follows the session\'s items, the newest counting most, explained by the item just viewed', () => {
    const ranked = sessionRecommender().recommend(request(2));
    // charger: 0.5 (case, newest) + 0.1/2 (phone) = 0.55; screen-guard: 0.4 + 0.6/2 = 0.7. The novel is not in the session.
    expect(ranked.map((item) => [item.itemId, Number(item.score.toFixed(4)), item.reasons[0]?.kind, item.reasons[0]?.becauseOf])).toEqual([
      ['screen-guard', 1, 'BECAUSE_OF_SESSION', 'case'],
      ['charger', Number((0.55 / 0.7).toFixed(4)), 'BECAUSE_OF_SESSION', 'case'],
    ]);
  });

  it('has nothing without a session', () => {
    expect(sessionRecommender().recommend(request(0))).toEqual([]);
  });

  it('lifts the session\'s next items in the served blend, saying "just viewed", and leaves the list to the long-term models without a session', () => {
    const served = new ServedMixRecommender();
    const inSession = served.recommend(request(2));
    expect(inSession.slice(0, 2).map((item) => [item.itemId, item.source, item.reasons[0]?.kind])).toEqual([
      ['screen-guard', 'SESSION', 'BECAUSE_OF_SESSION'],
      ['charger', 'SESSION', 'BECAUSE_OF_SESSION'],
    ]);
    const without = served.recommend(request(0));
    expect(without.map((item) => [item.itemId, item.source, item.reasons[0]?.kind])).toEqual([
      ['sequel', 'EASE', 'BECAUSE_OF_HISTORY'],
      ['prequel', 'EASE', 'BECAUSE_OF_HISTORY'],
    ]);
  });
});

describe('the current session', () => {
  const entries = [
    { occurredAt: 100 * MINUTE, sessionId: 's2' },
    { occurredAt: 90 * MINUTE, sessionId: 's2' },
    { occurredAt: 80 * MINUTE, sessionId: 's1' },
    { occurredAt: 75 * MINUTE, sessionId: 's2' },
  ];

  it('is the newest events of the session id given, contiguous from the newest', () => {
    expect(sessionLengthOf(entries, 101 * MINUTE, 30 * MINUTE, 's2')).toBe(2);
    expect(sessionLengthOf(entries, 101 * MINUTE, 30 * MINUTE, 's1')).toBe(0);
  });

  it('is, without an id, the events of the window before now, at most ten', () => {
    expect(sessionLengthOf(entries, 101 * MINUTE, 15 * MINUTE)).toBe(2);
    expect(sessionLengthOf(entries, 200 * MINUTE, 30 * MINUTE)).toBe(0);
    const many = Array.from({ length: 15 }, (_, n) => ({ occurredAt: 100 * MINUTE - n }));
    expect(sessionLengthOf(many, 100 * MINUTE, 30 * MINUTE)).toBe(10);
  });
});
