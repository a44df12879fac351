import {
  catalogueCoverage,
  kendallTauOnCommon,
  meanPopularityPercentile,
  overlapAtK,
  popularityPercentiles,
  rankBiasedOverlap,
  wilsonInterval,
} from '../../../src/evaluation/list-comparison';

describe('list comparison (hand-computed cases)', () => {
  it('overlap@k counts the shared items of both top-k, over k', () => {
    const a = ['a', 'b', 'c', 'd'];
    const b = ['b', 'x', 'a', 'y'];
    expect(overlapAtK(a, b, 2)).toBe(0.5); // {b}
    expect(overlapAtK(a, b, 3)).toBeCloseTo(2 / 3, 10); // {a, b}
    expect(overlapAtK(a, b, 4)).toBe(0.5); // {a, b}
    expect(overlapAtK(a, a, 4)).toBe(1);
  });

  it("Kendall's tau on the common items: pairs in the same order minus pairs reversed, over all pairs", () => {
    expect(kendallTauOnCommon(['a', 'b', 'c', 'd'], ['d', 'c', 'b', 'a'])).toBe(-1);
    // Common a, b, c; b orders them a, c, b: (a,b) and (a,c) agree, (b,c) does not → (2 − 1) / 3.
    expect(kendallTauOnCommon(['a', 'b', 'c', 'd'], ['a', 'c', 'b', 'x'])).toBeCloseTo(1 / 3, 10);
    expect(kendallTauOnCommon(['a', 'b'], ['a', 'x'])).toBeNull();
  });

  it('rank-biased overlap: 1 identical, 0 disjoint, and the worked p = 0.9 case', () => {
    expect(rankBiasedOverlap(['a', 'b', 'c'], ['a', 'b', 'c'])).toBeCloseTo(1, 12);
    expect(rankBiasedOverlap(['a', 'b', 'c'], ['x', 'y', 'z'])).toBe(0);
    // Agreements at depth 1, 2, 3: 1/1, 1/2, 3/3 → 0.9·1 + 0.81·0.5 + 0.729·1 = 2.034;
    // RBO_ext = (3/3)·0.9³ + (0.1/0.9)·2.034 = 0.729 + 0.226 = 0.955.
    expect(rankBiasedOverlap(['a', 'b', 'c'], ['a', 'c', 'b'])).toBeCloseTo(0.729 + (0.1 / 0.9) * 2.034, 10);
  });

  it('coverage and popularity bias', () => {
    expect(catalogueCoverage([['a', 'b'], ['b', 'c']], 10)).toBe(0.3);
    const percentiles = popularityPercentiles(new Map([['a', 10], ['b', 5], ['c', 5], ['d', 0]]));
    expect([...percentiles.entries()]).toEqual([['a', 1], ['b', 0.75], ['c', 0.75], ['d', 0.25]]);
    expect(meanPopularityPercentile([['a', 'd']], percentiles)).toBe(0.625);
  });

  it('the Wilson interval of 10 in 100 is 0.0552–0.1744', () => {
    const ctr = wilsonInterval(10, 100);
    expect(ctr.rate).toBe(0.1);
    expect(ctr.low).toBeCloseTo(0.05523, 4);
    expect(ctr.high).toBeCloseTo(0.17437, 4);
    expect(wilsonInterval(0, 0)).toEqual({ successes: 0, trials: 0, rate: 0, low: 0, high: 0 });
    expect(wilsonInterval(0, 20).low).toBe(0);
  });
});
