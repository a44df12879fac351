import { DEFAULT_TRAINING } from '../../../src/models/baseline.trainer';
import { selectServedMix, weightGrid } from '../../../src/models/mix-selection';
import { NEW_ARRIVAL_POLICIES } from '../../../src/domain/model-artefacts';
import { smallDataset } from '../../support/small-dataset';

describe('selectServedMix', () => {
  const dataset = smallDataset();
  const positives = dataset.interactions.map((event) => ({ userId: event.userId, itemId: event.itemId, occurredAt: event.occurredAt }));
  const catalogue = dataset.items.map((item) => ({ id: item.id, categories: item.categories, createdAt: item.createdAt }));

  it('tries every weighting with every new-arrival policy and keeps the best by validation Recall@20', () => {
    // Act
    const selection = selectServedMix(positives, catalogue, DEFAULT_TRAINING);
    // Assess
    expect(selection.tried).toHaveLength(weightGrid().length * NEW_ARRIVAL_POLICIES.length);
    expect(selection.chosen).toBe(selection.tried[0]);
    for (let n = 1; n < selection.tried.length; n++) expect(selection.tried[n - 1]?.recall20 ?? 0).toBeGreaterThanOrEqual(selection.tried[n]?.recall20 ?? 0);
    // Each model alone is among the mixes, so the chosen one is at least as good as either on validation.
    const alone = selection.tried.filter((score) => (score.mix.weights.ease === 0) !== (score.mix.weights.knn === 0) && score.mix.weights.popularity === 0);
    expect(alone.length).toBeGreaterThan(0);
    for (const score of alone) expect(selection.chosen.recall20).toBeGreaterThanOrEqual(score.recall20);
    expect(selection.validationRows).toBeGreaterThan(0.15 * positives.length);
    expect(selection.validationRows).toBeLessThan(0.25 * positives.length);
  });

  it('chooses the same mix from the same rows (a seeded split), and another split may differ only by its seed', () => {
    const once = selectServedMix(positives, catalogue, DEFAULT_TRAINING);
    const again = selectServedMix(positives, catalogue, DEFAULT_TRAINING);
    expect(again.chosen.mix).toEqual(once.chosen.mix);
    expect(again.chosen.recall20).toBe(once.chosen.recall20);
    expect(selectServedMix(positives, catalogue, DEFAULT_TRAINING, 99).seed).toBe(99);
  });
});
