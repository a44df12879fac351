import type { RankedItem } from '../../../src/domain/recommendation';
import { blend } from '../../../src/recommenders/blend.recommender';

const item = (itemId: string, kind: 'POPULAR' | 'BECAUSE_OF_HISTORY', becauseOf?: string): RankedItem => ({
  itemId,
  score: 1,
  source: 'EASE',
  reasons: [{ kind, ...(becauseOf ? { becauseOf } : {}) }],
});

describe('blend', () => {
  const personalize = [item('a', 'POPULAR'), item('b', 'BECAUSE_OF_HISTORY', 'x'), item('c', 'POPULAR')];
  const baseline = [item('b', 'BECAUSE_OF_HISTORY', 'y'), item('d', 'POPULAR')];

  it('fuses by weighted reciprocal rank, each item once, BOTH with the explanations of both', () => {
    const fused = blend(personalize, baseline, 0.5);
    // b: 0.5/12 + 0.5/11; a: 0.5/11; d: 0.5/12; c: 0.5/13.
    expect(fused.map((entry) => [entry.itemId, entry.source])).toEqual([
      ['b', 'BOTH'],
      ['a', 'PERSONALIZE'],
      ['d', 'BASELINE'],
      ['c', 'PERSONALIZE'],
    ]);
    expect(fused[0]?.score).toBeCloseTo(0.5 / 12 + 0.5 / 11, 12);
    expect(fused[0]?.reasons).toEqual([
      { kind: 'BECAUSE_OF_HISTORY', becauseOf: 'x' },
      { kind: 'BECAUSE_OF_HISTORY', becauseOf: 'y' },
    ]);
  });

  it('follows the weight: all Personalize at 1, all baseline at 0', () => {
    expect(blend(personalize, baseline, 1).slice(0, 3).map((entry) => entry.itemId)).toEqual(['a', 'b', 'c']);
    expect(blend(personalize, baseline, 0).slice(0, 2).map((entry) => entry.itemId)).toEqual(['b', 'd']);
  });
});
