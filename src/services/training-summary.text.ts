import type { ServedMix } from '../domain/model-artefacts';
import type { TrainingSummary } from './training.service';

/** What a person reads after a training: what was trained, how long it took, how big it is. */
export function formatTrainingSummary(summary: TrainingSummary): string {
  const { model, timings, options } = summary;
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const fitted = Object.entries(timings).filter(([stage, ms]) => ms > 0 || stage === 'matrix' || stage === 'popularity' || stage === 'item-knn').map(([stage, ms]) => `${stage} ${seconds(ms)}`).join(', ');
  return [
    `trained model ${model.version} on ${model.interactions.toLocaleString('en-US')} interactions of ${model.users.toLocaleString('en-US')} users and ${model.items.toLocaleString('en-US')} items`,
    `  read ${seconds(summary.readMs)}, fit ${seconds(summary.fitMs)} (${fitted}), write ${seconds(summary.writeMs)}`,
    `  models: popularity (half-life ${options.popularity.halfLifeDays} d), item-kNN (${options.itemKnn.neighbours} neighbours, for similar items and when weighed), and those the mix weighs: ${servedModels(summary)}`,
    `  artefacts: ${(model.artefactBytes / 2 ** 20).toFixed(1)} MiB (popularity and new-arrival lists, per-item lists of the served models, per-user rows for user-kNN, similar items)`,
    ...selectionLines(summary),
  ].join('\n');
}

const NAMES: Readonly<Record<string, string>> = { ease: 'EASE', knn: 'item-kNN', svd: 'PureSVD', rp3: 'RP3beta', userKnn: 'user-kNN', popularity: 'popularity' };

function mixText(mix: ServedMix): string {
  const parts = Object.entries(mix.weights).filter(([key, weight]) => key === 'popularity' || (weight ?? 0) > 0).map(([key, weight]) => `${NAMES[key] ?? key} ${String(weight)}`);
  return `${parts.join(', ')}; new arrivals: ${mix.newArrivals.toLowerCase().replace('_', ' ')}`;
}

function servedModels(summary: TrainingSummary): string {
  const weights: Readonly<Record<string, number | undefined>> = { ...summary.model.selection?.mix.weights };
  const chosen = summary.selection?.models ?? [];
  return Object.entries(weights).filter(([key, weight]) => key !== 'popularity' && (weight ?? 0) > 0).map(([key]) => {
    const name = NAMES[key] ?? key;
    const parameters = chosen.find((score) => NAMES[WEIGHT_KEYS[score.model] ?? ''] === name)?.parameters;
    return parameters ? `${name} (${parameters})` : name;
  }).join(', ') || 'none';
}

const WEIGHT_KEYS: Readonly<Record<string, string>> = { EASE: 'ease', ITEM_KNN: 'knn', PURE_SVD: 'svd', RP3_BETA: 'rp3', USER_KNN: 'userKnn' };

/** The served mix, and each model alone on validation, as a table. */
function selectionLines(summary: TrainingSummary): string[] {
  const selection = summary.model.selection;
  if (!selection) return [];
  if (selection.chosenBy === 'OVERRIDE' || !summary.selection) return [`  served mix (set by hand): ${mixText(selection.mix)}`];
  const { chosen, models, mixesTried, validationUsers, validationRows, seconds } = summary.selection;
  return [
    `  served mix, chosen on validation (${validationRows.toLocaleString('en-US')} held-out rows of ${validationUsers.toLocaleString('en-US')} users, ${mixesTried} mixes, ${seconds.toFixed(1)} s): ${mixText(selection.mix)}`,
    '',
    '  | on the validation rows | hyper-parameters chosen | Recall@20 | NDCG@20 |',
    '  |---|---|---|---|',
    ...models.map((score) => `  | ${NAMES[WEIGHT_KEYS[score.model] ?? ''] ?? score.model} alone | ${score.parameters} | ${score.recall20.toFixed(4)} | ${score.ndcg20.toFixed(4)} |`),
    `  | → the served mix | | ${chosen.recall20.toFixed(4)} | ${chosen.ndcg20.toFixed(4)} |`,
  ];
}
