import type { TrainingSummary } from './training.service';

/** What a person reads after a training: what was trained, how long it took, how big it is. */
export function formatTrainingSummary(summary: TrainingSummary): string {
  const { model, timings } = summary;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  return [
    `trained model ${model.version} on ${model.interactions.toLocaleString('en-US')} interactions of ${model.users.toLocaleString('en-US')} users and ${model.items.toLocaleString('en-US')} items`,
    `  read ${seconds(summary.readMs)}, fit ${seconds(summary.fitMs)} (matrix ${seconds(timings.matrixMs)}, popularity ${seconds(timings.popularityMs)}, item-kNN ${seconds(timings.itemKnnMs)}, EASE ${seconds(timings.easeMs)}), write ${seconds(summary.writeMs)}`,
    `  artefacts: ${(model.artefactBytes / 2 ** 20).toFixed(1)} MiB (popularity and new-arrival lists, per-item EASE and item-kNN lists, similar items)`,
  ].join('\n');
}
