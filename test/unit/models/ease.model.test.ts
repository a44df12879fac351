import { fitEase } from '../../../src/models/ease.model';
import { buildInteractionMatrix } from '../../../src/models/interaction-matrix';

describe('EaseModel', () => {
  // Two taste groups: {a, b, c} and {x, y}; many users, so the weights are clear.
  const positives = Array.from({ length: 60 }, (_, u) => {
    const group = u % 2 === 0 ? ['a', 'b', 'c'] : ['x', 'y'];
    return group.filter((_, n) => (u + n) % 5 !== 0).map((itemId) => ({ userId: `u${u}`, itemId, occurredAt: u }));
  }).flat();
  const matrix = buildInteractionMatrix(positives);
  const id = (name: string): number => matrix.itemIndex.get(name) ?? -1;
  const namesOf = (list: { ids: Int32Array } | undefined): string[] => Array.from(list?.ids ?? []).map((i) => matrix.itemIds[i] ?? '');

  it('weights items of the same group positively and never an item for itself', () => {
    const model = fitEase(matrix, { lambda: 5, maxItems: 10, neighbours: 10 });
    expect(new Set(namesOf(model.lists[id('a')]))).toEqual(new Set(['b', 'c']));
    expect(namesOf(model.lists[id('x')])).toEqual(['y']);
    expect(model.lists[id('a')]?.weights.every((weight) => weight > 0)).toBe(true);
  });

  it('fits only the most-interacted items when asked to', () => {
    const model = fitEase(matrix, { lambda: 5, maxItems: 2, neighbours: 10 });
    const withLists = model.itemIds.filter((_, i) => (model.lists[i]?.ids.length ?? 0) > 0);
    expect(withLists).toHaveLength(2);
  });
});
