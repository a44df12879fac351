import { explanationText } from '../../../src/services/explanation.text';

describe('explanationText', () => {
  it.each([
    [{ kind: 'BECAUSE_YOU_WATCHED', becauseOf: 'i1', becauseOfType: 'WATCH' }, 'Alien', 'Because you watched Alien'],
    [{ kind: 'BECAUSE_YOU_WATCHED', becauseOf: 'i1', becauseOfType: 'RATE' }, 'Alien', 'Because you watched Alien'],
    [{ kind: 'BECAUSE_YOU_WATCHED', becauseOf: 'i1', becauseOfType: 'PURCHASE' }, 'Trail Runner 2', 'Because you bought Trail Runner 2'],
    [{ kind: 'BECAUSE_YOU_WATCHED', becauseOf: 'i1', becauseOfType: 'LIKE' }, 'Heat', 'Because you liked Heat'],
    [{ kind: 'POPULAR' }, undefined, 'Popular right now'],
    [{ kind: 'POPULAR', category: 'Horror' }, undefined, 'Popular in Horror'],
    [{ kind: 'TRENDING' }, undefined, 'Trending now'],
    [{ kind: 'NEW_ARRIVAL', category: 'Drama' }, undefined, 'New in Drama'],
    [{ kind: 'MATCHES_INTERESTS', category: 'Sci-Fi' }, undefined, 'Matches your interest in Sci-Fi'],
  ] as const)('%o → %s', (reason, title, text) => {
    expect(explanationText(reason, title)).toBe(text);
  });
});
