import { holdoutSplit } from '../../../src/models/holdout-split';

describe('holdoutSplit', () => {
  it('draws the LCG of the protocol, users in ascending numeric order, rows in file order', () => {
    // The first draws from seed 42: 0.2523, 0.0820, 0.2960, 0.6013 … so row 2 of the first user goes to test.
    let seed = 42;
    const draws = Array.from({ length: 4 }, () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0), seed / 2 ** 32));
    const rows = [
      { userId: '10', itemId: 'c', occurredAt: 3 },
      { userId: '2', itemId: 'a', occurredAt: 1 },
      { userId: '2', itemId: 'b', occurredAt: 2 },
      { userId: '10', itemId: 'd', occurredAt: 4 },
    ];
    const { train, test } = holdoutSplit(rows, 42);
    // User "2" comes before "10" (numeric order): its rows take draws 0 and 1, user 10's take 2 and 3.
    const order = ['a', 'b', 'c', 'd'];
    expect(test.map((row) => row.itemId)).toEqual(order.filter((_, index) => (draws[index] ?? 1) < 0.2));
    expect(train.length + test.length).toBe(4);
  });

  it('puts about a fifth of the rows in test', () => {
    const rows = Array.from({ length: 10_000 }, (_, n) => ({ userId: String(n % 97), itemId: String(n), occurredAt: n }));
    const { test } = holdoutSplit(rows);
    expect(test.length / rows.length).toBeCloseTo(0.2, 1);
  });
});
