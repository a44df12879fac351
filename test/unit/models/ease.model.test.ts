import { DEFAULT_EASE, fitEase } from '../../../src/models/ease.model';
import { mostSupportedItems } from '../../../src/models/item-coverage';
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
    const model = fitEase(matrix, { ...DEFAULT_EASE, lambda: 5, maxItems: 10, neighbours: 10, negative: false });
    expect(new Set(namesOf(model.lists[id('a')]))).toEqual(new Set(['b', 'c']));
    expect(namesOf(model.lists[id('x')])).toEqual(['y']);
    expect(model.lists[id('a')]?.weights.every((weight) => weight > 0)).toBe(true);
  });

  it('keeps negative weights when asked, strongest in magnitude first: a substitute predicts the other\'s absence', () => {
    // Everyone has "base"; half add "cola", half "lemonade", nobody both.
    const rows = Array.from({ length: 40 }, (_, u) => ['base', u % 2 === 0 ? 'cola' : 'lemonade'].map((itemId) => ({ userId: `s${u}`, itemId, occurredAt: u }))).flat();
    const drinks = buildInteractionMatrix(rows);
    const name = (i: number): string => drinks.itemIds[i] ?? '';
    const withNegative = fitEase(drinks, { ...DEFAULT_EASE, lambda: 1, negative: true });
    const cola = withNegative.lists[drinks.itemIndex.get('cola') ?? -1];
    const weights = Array.from(cola?.weights ?? []);
    expect(Array.from(cola?.ids ?? [], name).sort()).toEqual(['base', 'lemonade']);
    expect(weights[Array.from(cola?.ids ?? [], name).indexOf('lemonade')]).toBeLessThan(0);
    expect(weights.map(Math.abs)).toEqual([...weights].map(Math.abs).sort((a, b) => b - a));
    const positiveOnly = fitEase(drinks, { ...DEFAULT_EASE, lambda: 1, negative: false });
    expect(Array.from(positiveOnly.lists[drinks.itemIndex.get('cola') ?? -1]?.ids ?? [], name)).toEqual(['base']);
  });

  it('fits only the most-interacted items when asked to', () => {
    const model = fitEase(matrix, { ...DEFAULT_EASE, lambda: 5, maxItems: 2, neighbours: 10 });
    const withLists = model.itemIds.filter((_, i) => (model.lists[i]?.ids.length ?? 0) > 0);
    expect(withLists).toHaveLength(2);
  });

  it('fits the fewest most-interacted items that cover the asked share of interactions, within the ceiling', () => {
    const all = mostSupportedItems(matrix, 100, 1);
    expect(all).toHaveLength(5);
    const half = mostSupportedItems(matrix, 100, 0.5);
    const supportOf = (i: number): number => (matrix.itemPtr[i + 1] ?? 0) - (matrix.itemPtr[i] ?? 0);
    const covered = half.reduce((sum, i) => sum + supportOf(i), 0);
    expect(covered).toBeGreaterThanOrEqual(0.5 * positives.length);
    expect(covered - supportOf(half[half.length - 1] ?? 0)).toBeLessThan(0.5 * positives.length);
    expect(mostSupportedItems(matrix, 2, 1)).toEqual(all.slice(0, 2));
  });
});
