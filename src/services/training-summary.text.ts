import type { TrainingSummary } from './training.service';

/** What a person reads after a training: what was trained, how long it took, how big it is. */
export function formatTrainingSummary(summary: TrainingSummary): string {
  const { model, timings, options } = summary;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    `trained model ${model.version} on ${model.interactions.toLocaleString('en-US')} interactions of ${model.users.toLocaleString('en-US')} users and ${model.items.toLocaleString('en-US')} items`,
    `  read ${seconds(summary.readMs)}, fit ${seconds(summary.fitMs)} (matrix ${seconds(timings.matrixMs)}, popularity ${seconds(timings.popularityMs)}, item-kNN ${seconds(timings.itemKnnMs)}, EASE ${seconds(timings.easeMs)}), write ${seconds(summary.writeMs)}`,
    `  models: popularity (half-life ${options.popularity.halfLifeDays} d), item-kNN (${options.itemKnn.neighbours} neighbours, shrinkage ${options.itemKnn.shrinkage}), EASE (λ ${options.ease.lambda} on ${options.ease.maxItems.toLocaleString('en-US')} items, ${options.ease.neighbours} weights an item)`,
    `  artefacts: ${(model.artefactBytes / 2 ** 20).toFixed(1)} MiB (popularity and new-arrival lists, per-item EASE and item-kNN lists, similar items)`,
  ].join('\n');
}
