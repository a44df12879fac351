import { buildInteractionMatrix, type Positive } from '../../../src/models/interaction-matrix';
import { DEFAULT_PURE_SVD, fitPureSvd, fitPureSvdGrid, pureSvdItemFactors } from '../../../src/models/pure-svd.model';
import { fitRp3Beta } from '../../../src/models/rp3beta.model';
import { fitUserKnn } from '../../../src/models/user-knn.model';

// Two taste groups, each user missing one of their group's items: a rank-2 structure.
const GROUPS = [['a', 'b', 'c', 'd'], ['w', 'x', 'y', 'z']];
const positives: Positive[] = Array.from({ length: 80 }, (_, u) => {
  const group = GROUPS[u % 2] ?? [];
  return group.filter((_, n) => n !== (u >> 1) % 4).map((itemId) => ({ userId: `u${u}`, itemId, occurredAt: u }));
}).flat();
const matrix = buildInteractionMatrix(positives);
const name = (i: number): string => matrix.itemIds[i] ?? '';
const listOf = (lists: { lists: readonly { ids: Int32Array; weights: Float32Array }[] }, item: string): string[] => Array.from(lists.lists[matrix.itemIndex.get(item) ?? -1]?.ids ?? [], name);

describe('PureSVD', () => {
  it('finds orthonormal item factors: each factor has unit length and the factors are orthogonal', () => {
    const { factors, rank } = pureSvdItemFactors(matrix, { ...DEFAULT_PURE_SVD, factors: 2 });
    expect(rank).toBe(2);
    const items = matrix.itemIds.length;
    const dot = (f: number, g: number): number => Array.from({ length: items }, (_, i) => (factors[i * rank + f] ?? 0) * (factors[i * rank + g] ?? 0)).reduce((a, b) => a + b, 0);
    expect(dot(0, 0)).toBeCloseTo(1, 6);
    expect(dot(1, 1)).toBeCloseTo(1, 6);
    expect(dot(0, 1)).toBeCloseTo(0, 6);
  });

  it('implies item-item lists that stay inside a taste group, and ranks from one decomposition', () => {
    const lists = fitPureSvd(matrix, { ...DEFAULT_PURE_SVD, factors: 2, neighbours: 3 });
    expect(listOf(lists, 'a').sort()).toEqual(['b', 'c', 'd']);
    expect(listOf(lists, 'x').sort()).toEqual(['w', 'y', 'z']);
    const [one, two] = fitPureSvdGrid(matrix, [1, 2], { ...DEFAULT_PURE_SVD, neighbours: 3 });
    expect(one?.lists.length).toBe(matrix.itemIds.length);
    expect(listOf(two as NonNullable<typeof two>, 'a').sort()).toEqual(['b', 'c', 'd']);
  });

  it('is reproducible: the same seed gives the same lists', () => {
    const once = fitPureSvd(matrix, { ...DEFAULT_PURE_SVD, factors: 2 });
    const again = fitPureSvd(matrix, { ...DEFAULT_PURE_SVD, factors: 2 });
    expect(Array.from(again.lists[0]?.weights ?? [])).toEqual(Array.from(once.lists[0]?.weights ?? []));
  });
});

describe('RP3beta', () => {
  it('walks to items of the same group, and a stronger popularity penalty lowers a popular target', () => {
    const extra: Positive[] = Array.from({ length: 30 }, (_, u) => ({ userId: `p${u}`, itemId: 'hit', occurredAt: 0 })).concat([{ userId: 'u0', itemId: 'hit', occurredAt: 0 }]);
    const withHit = buildInteractionMatrix([...positives, ...extra]);
    const walk = (beta: number): number => {
      const list = fitRp3Beta(withHit, { beta, neighbours: 10 }).lists[withHit.itemIndex.get('b') ?? -1];
      const at = Array.from(list?.ids ?? []).indexOf(withHit.itemIndex.get('hit') ?? -1);
      const own = Array.from(list?.ids ?? []).indexOf(withHit.itemIndex.get('c') ?? -1);
      return (list?.weights[at] ?? 0) / (list?.weights[own] ?? 1);
    };
    expect(listOf(fitRp3Beta(matrix, { beta: 0.5, neighbours: 3 }), 'a').sort()).toEqual(['b', 'c', 'd']);
    expect(walk(0.9)).toBeLessThan(walk(0));
  });
});

describe('user-kNN', () => {
  it('gives each user the items of users like them that they do not have, weighted by similarity', () => {
    const lists = fitUserKnn(matrix, { neighbours: 10, shrinkage: 0, candidates: 5 });
    const u0 = lists.lists[lists.userIds.indexOf('u0')];
    // u0 is in the first group and lacks "a" (its (0 >> 1) % 4 = 0th item).
    expect(Array.from(u0?.ids ?? [], name)).toEqual(['a']);
    expect(u0?.weights[0]).toBeGreaterThan(0);
    const u1 = lists.lists[lists.userIds.indexOf('u1')];
    expect(Array.from(u1?.ids ?? [], name)).toEqual(['w']);
  });

  it('bounds the neighbours: with one neighbour, only that user\'s items are candidates', () => {
    const lists = fitUserKnn(matrix, { neighbours: 1, shrinkage: 0, candidates: 5 });
    for (const list of lists.lists) expect(list.ids.length).toBeLessThanOrEqual(1);
  });
});
