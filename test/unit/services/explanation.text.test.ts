import { explanationOf } from '../../../src/services/explanation.text';

describe('explanationOf', () => {
  it.each([
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'WATCH' }, 'Alien', 'BECAUSE_YOU_WATCHED', 'Because you watched Alien'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'RATE' }, 'Alien', 'BECAUSE_YOU_RATED', 'Because you rated Alien'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'PURCHASE' }, 'Trail Runner 2', 'BECAUSE_YOU_BOUGHT', 'Because you bought Trail Runner 2'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'LIKE' }, 'Heat', 'BECAUSE_YOU_LIKED', 'Because you liked Heat'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'VIEW' }, 'Heat', 'BECAUSE_YOU_VIEWED', 'Because you viewed Heat'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'CLICK' }, 'Heat', 'BECAUSE_YOU_VIEWED', 'Because you viewed Heat'],
    [{ kind: 'BECAUSE_OF_HISTORY', becauseOf: 'i1', becauseOfType: 'OTHER' }, 'Heat', 'BECAUSE_OF_YOUR_HISTORY', 'Because of Heat in your history'],
    [{ kind: 'POPULAR' }, undefined, 'POPULAR', 'Popular right now'],
    [{ kind: 'POPULAR', category: 'Horror' }, undefined, 'POPULAR', 'Popular in Horror'],
    [{ kind: 'TRENDING' }, undefined, 'TRENDING', 'Trending now'],
    [{ kind: 'NEW_ARRIVAL', category: 'Drama' }, undefined, 'NEW_ARRIVAL', 'New in Drama'],
    [{ kind: 'MATCHES_INTERESTS', category: 'Sci-Fi' }, undefined, 'MATCHES_INTERESTS', 'Matches your interest in Sci-Fi'],
  ] as const)('%o → %s "%s"', (reason, title, kind, text) => {
    expect(explanationOf(reason, title)).toEqual({ kind, text });
  });
});
