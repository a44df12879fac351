import { weightOf, type BlendModel, type ServedMix } from '../domain/model-artefacts';
import { modelsOf } from '../selection/mix-selection';
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

const NAMES: Readonly<Record<BlendModel, string>> = { EASE: 'EASE', ITEM_KNN: 'item-kNN', PURE_SVD: 'PureSVD', RP3_BETA: 'RP3beta', USER_KNN: 'user-kNN', TRANSITIONS: 'session transitions' };

function mixText(mix: ServedMix): string {
  const parts = [...modelsOf(mix).map((model) => `${NAMES[model]} ${weightOf(mix.weights, model)}`), `popularity ${mix.weights.popularity}`];
  return `${parts.join(', ')}; new arrivals: ${mix.newArrivals.toLowerCase().replace('_', ' ')}`;
}

function servedModels(summary: TrainingSummary): string {
  const mix = summary.model.selection?.mix;
  const chosen = summary.selection?.models ?? [];
  const served = mix ? modelsOf(mix) : [];
  return served.map((model) => {
    const parameters = chosen.find((score) => score.model === model)?.parameters;
    return parameters ? `${NAMES[model]} (${parameters})` : NAMES[model];
  }).join(', ') || 'none';
}

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
    ...models.map((score) => `  | ${NAMES[score.model]} alone | ${score.parameters} | ${score.recall20.toFixed(4)} | ${score.ndcg20.toFixed(4)} |`),
    `  | → the served mix | | ${chosen.recall20.toFixed(4)} | ${chosen.ndcg20.toFixed(4)} |`,
    '',
    `  session weight ${summary.selection.session.weight}, chosen on ${summary.selection.session.cases.toLocaleString('en-US')} next-item cases: HitRate@20 ${summary.selection.session.withoutSession.toFixed(4)} without the session, ${summary.selection.session.hitRate20.toFixed(4)} with it`,
  ];
}
