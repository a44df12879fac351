import type { ServedMix } from '../domain/model-artefacts';
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
    ...selectionLines(summary),
  ].join('\n');
}

function mixText(mix: ServedMix): string {
  return `EASE ${mix.weights.ease}, item-kNN ${mix.weights.knn}, popularity ${mix.weights.popularity}; new arrivals: ${mix.newArrivals.toLowerCase().replace('_', ' ')}`;
}

/** The served mix, and the best mixes validation tried, as a table. */
function selectionLines(summary: TrainingSummary): string[] {
  const selection = summary.model.selection;
  if (!selection) return [];
  if (selection.chosenBy === 'OVERRIDE' || !summary.selection) return [`  served mix (set by hand): ${mixText(selection.mix)}`];
  const { tried, validationUsers, validationRows, seconds } = summary.selection;
  return [
    `  served mix, chosen on validation (${validationRows.toLocaleString('en-US')} held-out rows of ${validationUsers.toLocaleString('en-US')} users, ${tried.length} mixes, ${seconds.toFixed(1)} s): ${mixText(selection.mix)}`,
    '',
    '  | mix | validation Recall@20 | NDCG@20 |',
    '  |---|---|---|',
    ...tried.slice(0, 5).map((score, rank) => `  | ${rank === 0 ? '→ ' : ''}${mixText(score.mix)} | ${score.recall20.toFixed(4)} | ${score.ndcg20.toFixed(4)} |`),
  ];
}
