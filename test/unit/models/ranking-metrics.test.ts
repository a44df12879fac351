import { ndcgAt, precisionAt, recallAt, reciprocalRank } from '../../../src/models/ranking-metrics';

describe('ranking metrics', () => {
  const relevant = new Set([3, 7]);
  const ranked = [1, 3, 5, 7, 9];

  it('recall divides hits by min(K, |relevant|)', () => {
    expect(recallAt(ranked, relevant, 2)).toBe(0.5);
    expect(recallAt(ranked, relevant, 5)).toBe(1);
    expect(recallAt(ranked, new Set([1, 2, 4, 6, 8, 10]), 5)).toBe(0.2);
  });

  it('NDCG is binary and normalised by the ideal ordering', () => {
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3);
    expect(ndcgAt(ranked, relevant, 5)).toBeCloseTo(dcg / ideal, 12);
    expect(ndcgAt([3, 7], relevant, 2)).toBe(1);
  });

  it('precision and reciprocal rank', () => {
    expect(precisionAt(ranked, relevant, 10)).toBe(0.2);
    expect(reciprocalRank(ranked, relevant)).toBe(0.5);
    expect(reciprocalRank([1, 2], relevant)).toBe(0);
  });
});
