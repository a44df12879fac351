import { topKOfRow } from '../../../src/models/neighbour-lists';

describe('topKOfRow', () => {
  it('keeps the k largest positive values, best first, ties by index, never the item itself', () => {
    const row = [0.5, 0.9, 0, 0.9, -1, 0.7, 0.2, 0.95];
    const top = topKOfRow(row, 3, 7);
    expect(Array.from(top.ids)).toEqual([1, 3, 5]);
    expect(Array.from(top.weights)).toEqual([0.9, 0.9, 0.7].map((value) => Math.fround(value)));
  });

  it('agrees with a full sort on random rows', () => {
    let seed = 3;
    const random = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), seed / 2 ** 32);
    for (let trial = 0; trial < 20; trial++) {
      const row = Array.from({ length: 500 }, () => (random() < 0.3 ? 0 : Math.round(random() * 50) / 50));
      const expected = row.map((value, index) => ({ value, index })).filter((entry) => entry.value > 0 && entry.index !== 4)
        .sort((a, b) => b.value - a.value || a.index - b.index).slice(0, 25).map((entry) => entry.index);
      expect(Array.from(topKOfRow(row, 25, 4).ids)).toEqual(expected);
    }
  });

  it('reads only the touched indices when given', () => {
    const row = [0, 5, 0, 7, 9];
    expect(Array.from(topKOfRow(row, 5, -1, [1, 3], 2).ids)).toEqual([3, 1]);
  });
});
