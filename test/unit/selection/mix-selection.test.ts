import { DEFAULT_TRAINING } from '../../../src/models/baseline.trainer';
import { modelsOf, selectServedMix } from '../../../src/selection/mix-selection';
import { smallDataset } from '../../support/small-dataset';

describe('selectServedMix', () => {
  const dataset = smallDataset();
  const positives = dataset.interactions.map((event) => ({ userId: event.userId, itemId: event.itemId, occurredAt: event.occurredAt }));
  const catalogue = dataset.items.map((item) => ({ id: item.id, categories: item.categories, createdAt: item.createdAt }));
  const selection = selectServedMix(positives, catalogue, DEFAULT_TRAINING);

  it('scores each model alone with the hyper-parameters it chose, and serves a mix at least as good as the best of them on validation', () => {
    expect(selection.models.map((score) => score.model).sort()).toEqual(['EASE', 'ITEM_KNN', 'PURE_SVD', 'USER_KNN']);
    const best = Math.max(...selection.models.map((score) => score.recall20));
    expect(selection.chosen.recall20).toBeGreaterThanOrEqual(best - 1e-9);
    expect(selection.models.find((score) => score.model === 'EASE')?.parameters).toBe(`λ ${selection.options.ease.lambda}, top ${selection.options.ease.neighbours}`);
    expect([100, 300, 1000]).toContain(selection.options.ease.lambda);
    expect([32, 64]).toContain(selection.options.pureSvd.factors);
    expect(modelsOf(selection.chosen.mix).length).toBeGreaterThan(0);
    expect(selection.mixesTried).toBeGreaterThan(5);
    expect(selection.validationRows).toBeGreaterThan(0.15 * positives.length);
    expect(selection.validationRows).toBeLessThan(0.25 * positives.length);
  });

  it('chooses the same mix and hyper-parameters from the same rows (a seeded split)', () => {
    const again = selectServedMix(positives, catalogue, DEFAULT_TRAINING);
    expect(again.chosen.mix).toEqual(selection.chosen.mix);
    expect(again.chosen.recall20).toBe(selection.chosen.recall20);
    expect(again.options).toEqual(selection.options);
    expect(selectServedMix(positives, catalogue, DEFAULT_TRAINING, 99).seed).toBe(99);
  });

  it('weighs the session on next-item cases: a weight above 0 only when it is clearly better than none, and stored in the mix', () => {
    const { session } = selection;
    expect(session.cases).toBeGreaterThan(0.8 * new Set(positives.map((row) => row.userId)).size);
    expect(session.tried.map((entry) => entry.weight)).toEqual([0, 0.25, 0.5, 1, 2, 4]);
    expect(session.withoutSession).toBe(session.tried[0]?.hitRate20);
    expect(session.tried.find((entry) => entry.weight === session.weight)?.hitRate20).toBe(session.hitRate20);
    // The demo data's visits of one genre are what the session model learns: it earns a weight here.
    expect(session.weight).toBeGreaterThan(0);
    expect(session.hitRate20).toBeGreaterThan(session.withoutSession);
    expect(selection.chosen.mix.weights.session).toBe(session.weight);
    expect(modelsOf(selection.chosen.mix)).toContain('TRANSITIONS');
  });
});
