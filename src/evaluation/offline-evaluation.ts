import { ALL_MODELS, DEFAULT_TRAINING, STAGE_OF, itemArtefactsOf, trainBaseline, userArtefactsOf, type BaselineTrainingOptions, type CatalogueEntry, type TrainingStage } from '../models/baseline.trainer';
import { groupByUser } from '../models/group-by-user';
import { holdoutSplit } from '../models/holdout-split';
import type { Positive } from '../models/interaction-matrix';
import type { NeighbourLists } from '../models/neighbour-lists';
import { ndcgAt, precisionAt, recallAt, reciprocalRank } from '../models/ranking-metrics';
import { selectServedMix, servedRequest, type MixSelection } from '../selection/mix-selection';
import { ServedMixRecommender } from '../recommenders/served-mix.recommender';
import { FALLBACK_MIX, NEW_ARRIVAL_POLICIES, WEIGHT_OF, type BlendModel, type ItemArtefact, type ServedMix, type UserArtefact } from '../domain/model-artefacts';
import type { ServingInputs } from '../ports/recommender.port';

export interface ModelEvaluation {
  readonly model: string;
  readonly recall10: number;
  readonly ndcg10: number;
  readonly recall20: number;
  readonly ndcg20: number;
  readonly precision10: number;
  /** Reciprocal rank of the first hit within the top 20. */
  readonly mrr20: number;
  /** Distinct items in all top-10 lists over the items in the data. */
  readonly coverage10: number;
  readonly fitSeconds: number;
}

export interface EvaluationReport {
  readonly users: number;
  readonly items: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly models: readonly ModelEvaluation[];
  /** The served mix and how it was chosen inside the training rows (absent with a hand-set mix). */
  readonly selection?: {
    readonly mix: ServedMix;
    readonly validationRecall20: number;
    readonly validationNdcg20: number;
    readonly mixesTried: number;
    readonly seconds: number;
    readonly models: MixSelection['models'];
  };
}

export interface EvaluationOptions {
  readonly seed: number;
  readonly training: BaselineTrainingOptions;
  /** A hand-set mix for the "as served" row instead of the one selection chooses. */
  readonly mix?: ServedMix;
}

const MODEL_NAMES: Readonly<Record<BlendModel, string>> = { EASE: 'EASE', ITEM_KNN: 'ItemKNN', PURE_SVD: 'PureSVD', RP3_BETA: 'RP3beta', USER_KNN: 'UserKNN', TRANSITIONS: 'Transitions' };

/** A mix as the tables name it: each weighed model with its weight, popularity, the new-arrival policy. */
export function describeMix(mix: ServedMix): string {
  const weights = (Object.entries(WEIGHT_OF) as [BlendModel, keyof ServedMix['weights']][])
    .filter(([, key]) => (mix.weights[key] ?? 0) > 0)
    .map(([model, key]) => `${MODEL_NAMES[model]} ${mix.weights[key] ?? 0}`);
  return `${weights.join(', ')}, popularity ${mix.weights.popularity}, new arrivals ${mix.newArrivals.toLowerCase().replace('_', ' ')}`;
}

function describeModel(model: BlendModel, options: BaselineTrainingOptions): string {
  switch (model) {
    case 'EASE':
      return `λ ${options.ease.lambda}, ≤ ${options.ease.maxItems} items covering ${options.ease.coverage * 100}%, top ${options.ease.neighbours}${options.ease.negative ? ', negative weights kept' : ''}`;
    case 'ITEM_KNN':
      return `cosine, ${options.itemKnn.neighbours} neighbours, shrinkage ${options.itemKnn.shrinkage}`;
    case 'PURE_SVD':
      return `${options.pureSvd.factors} factors, ≤ ${options.pureSvd.maxItems} items, top ${options.pureSvd.neighbours}`;
    case 'RP3_BETA':
      return `β ${options.rp3Beta.beta}, top ${options.rp3Beta.neighbours}`;
    case 'USER_KNN':
      return `${options.userKnn.neighbours} neighbours, shrinkage ${options.userKnn.shrinkage}`;
    case 'TRANSITIONS':
      return `next ${options.transitions.window} events within ${options.transitions.gapMs / 60_000} min, top ${options.transitions.neighbours}`;
  }
}

const K = 20;

/** A user's top-20 as item indices, from a score per item (higher first, ties by first appearance). */
type Ranker = (user: string, train: readonly Positive[]) => number[];

/**
 * The evaluation protocol (docs/recommendations.md) on positives in file order: each model is
 * fitted on the training rows and ranks, for every user with held-out rows, all items the
 * user has no training row for. The served mix is chosen inside the training rows only, as
 * `npm run train` chooses it, and every model is fitted with the hyper-parameters it chose.
 */
export function evaluateBaselines(positives: readonly Positive[], catalogue: readonly CatalogueEntry[], options: EvaluationOptions = { seed: 42, training: DEFAULT_TRAINING }): EvaluationReport {
  const itemIds = [...new Set(positives.map((positive) => positive.itemId))];
  const itemIndex = new Map(itemIds.map((id, index) => [id, index]));
  const { train, test } = holdoutSplit(positives, options.seed);
  const trainByUser = groupByUser(train);
  const testByUser = groupByUser(test);

  const models: ModelEvaluation[] = [];
  const run = (model: string, fitSeconds: number, rank: Ranker): void => {
    models.push({ model, fitSeconds, ...score(rank, trainByUser, testByUser, itemIndex, itemIds.length) });
  };

  // MostPop: all-time counts, as the reference figures compute it.
  const counts = new Float64Array(itemIds.length);
  for (const row of train) counts[itemIndex.get(row.itemId) ?? 0] = (counts[itemIndex.get(row.itemId) ?? 0] ?? 0) + 1;
  run('MostPop (all-time)', 0, (_user, seen) => topK(counts, excludeSet(seen, itemIndex)));

  // As served: the mix chosen exactly as npm run train chooses it, on the training rows only.
  const selection: MixSelection | undefined = options.mix ? undefined : selectServedMix(train, catalogue, options.training);
  const training = selection?.options ?? options.training;
  const started = Date.now();
  const model = trainBaseline(train, catalogue, training, undefined, ALL_MODELS);
  const fitSeconds = (Date.now() - started) / 1000;
  const seconds = (stage: TrainingStage): number => (model.timings.matrix + model.timings[stage]) / 1000;

  const decayed = new Float64Array(itemIds.length);
  for (const entry of model.popularity.overall) decayed[itemIndex.get(entry.id) ?? 0] = entry.score;
  run(`Popularity (half-life ${training.popularity.halfLifeDays} d, top ${training.popularity.listSize})`, model.timings.popularity / 1000, (_user, seen) => topK(decayed, excludeSet(seen, itemIndex)));
  // Each model on the user's whole history with its full stored lists.
  for (const name of ['ITEM_KNN', 'EASE', 'PURE_SVD', 'RP3_BETA'] as const) {
    const lists = model.lists[name] as NeighbourLists;
    run(`${MODEL_NAMES[name]} (${describeModel(name, training)})`, seconds(STAGE_OF[name]), (_user, seen) => topK(sumOfLists(lists, seen, itemIndex), excludeSet(seen, itemIndex)));
  }
  const userRows = new Map<string, UserArtefact>([...userArtefactsOf(model)].map((row) => [row.userId, row]));
  run(`UserKNN (${describeModel('USER_KNN', training)})`, seconds('user-knn'), (user) => (userRows.get(user)?.candidates.ids ?? []).slice(0, K).map((id) => itemIndex.get(id) ?? -1));

  const artefacts = new Map<string, ItemArtefact>();
  for (const artefact of itemArtefactsOf(model)) artefacts.set(artefact.itemId, artefact);
  const recommender = new ServedMixRecommender();
  const served = (mix: ServedMix): Ranker => (user, seen) => {
    const inputs: ServingInputs = { mix, popularity: model.popularity, newArrivals: model.newArrivals, artefacts, user: userRows.get(user) };
    return recommender.recommend(servedRequest(user, seen, inputs, K)).map((item) => itemIndex.get(item.itemId) ?? -1);
  };
  // Each model alone as served (the serving history window, the stored lists, the fills): what the blend must beat.
  for (const name of ['EASE', 'ITEM_KNN', 'PURE_SVD', 'RP3_BETA', 'USER_KNN'] as const) {
    run(`${MODEL_NAMES[name]} alone, as served`, seconds(STAGE_OF[name]), served({ weights: { ease: 0, knn: 0, popularity: 0, [WEIGHT_OF[name]]: 1 }, newArrivals: 'NONE' }));
  }
  run(`Baseline, the hand-set mix of before (${describeMix(FALLBACK_MIX)})`, fitSeconds, served(FALLBACK_MIX));
  const mix = options.mix ?? selection?.chosen.mix ?? FALLBACK_MIX;
  run(`Baseline as served (${options.mix ? 'hand-set' : 'chosen on validation'}: ${describeMix(mix)})`, fitSeconds + (selection?.seconds ?? 0), served(mix));
  // What the new-arrival slots cost or earn: the served weights under the other policies.
  for (const policy of NEW_ARRIVAL_POLICIES.filter((other) => other !== mix.newArrivals)) {
    run(`  … with new arrivals ${policy.toLowerCase().replace('_', ' ')} instead`, fitSeconds, served({ weights: mix.weights, newArrivals: policy }));
  }

  return {
    users: testByUser.size,
    items: itemIds.length,
    trainRows: train.length,
    testRows: test.length,
    models,
    ...(selection
      ? { selection: { mix: selection.chosen.mix, validationRecall20: selection.chosen.recall20, validationNdcg20: selection.chosen.ndcg20, mixesTried: selection.mixesTried, seconds: selection.seconds, models: selection.models } }
      : {}),
  };
}

function score(
  rank: Ranker,
  trainByUser: ReadonlyMap<string, Positive[]>,
  testByUser: ReadonlyMap<string, Positive[]>,
  itemIndex: ReadonlyMap<string, number>,
  itemCount: number,
): Omit<ModelEvaluation, 'model' | 'fitSeconds'> {
  const sums = { recall10: 0, ndcg10: 0, recall20: 0, ndcg20: 0, precision10: 0, mrr20: 0 };
  const shown = new Set<number>();
  for (const [user, held] of testByUser) {
    const relevant = new Set(held.map((row) => itemIndex.get(row.itemId) ?? -1));
    const ranked = rank(user, trainByUser.get(user) ?? []).slice(0, K);
    for (const item of ranked.slice(0, 10)) shown.add(item);
    sums.recall10 += recallAt(ranked, relevant, 10);
    sums.ndcg10 += ndcgAt(ranked, relevant, 10);
    sums.recall20 += recallAt(ranked, relevant, 20);
    sums.ndcg20 += ndcgAt(ranked, relevant, 20);
    sums.precision10 += precisionAt(ranked, relevant, 10);
    sums.mrr20 += reciprocalRank(ranked, relevant);
  }
  const users = Math.max(1, testByUser.size);
  return {
    recall10: sums.recall10 / users,
    ndcg10: sums.ndcg10 / users,
    recall20: sums.recall20 / users,
    ndcg20: sums.ndcg20 / users,
    precision10: sums.precision10 / users,
    mrr20: sums.mrr20 / users,
    coverage10: shown.size / itemCount,
  };
}


function excludeSet(seen: readonly Positive[], itemIndex: ReadonlyMap<string, number>): Set<number> {
  return new Set(seen.map((row) => itemIndex.get(row.itemId) ?? -1));
}

/** Σ over the user's items of their neighbour lists, indexed like the evaluation's items. */
function sumOfLists(lists: NeighbourLists, seen: readonly Positive[], itemIndex: ReadonlyMap<string, number>): Float64Array {
  const modelIndex = new Map(lists.itemIds.map((id, index) => [id, index]));
  const scores = new Float64Array(itemIndex.size);
  for (const row of seen) {
    const list = lists.lists[modelIndex.get(row.itemId) ?? -1];
    if (!list) continue;
    for (let n = 0; n < list.ids.length; n++) {
      const target = itemIndex.get(lists.itemIds[list.ids[n] ?? 0] ?? '');
      if (target !== undefined) scores[target] = (scores[target] ?? 0) + (list.weights[n] ?? 0);
    }
  }
  return scores;
}

/** Indices of the K best scores not excluded; ties go to the lower index (first appearance). */
function topK(scores: Float64Array, exclude: ReadonlySet<number>): number[] {
  const best: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (exclude.has(i)) continue;
    const value = scores[i] ?? 0;
    if (best.length === K && value <= (scores[best[K - 1] ?? 0] ?? 0)) continue;
    let at = best.length;
    while (at > 0 && value > (scores[best[at - 1] ?? 0] ?? 0)) at--;
    best.splice(at, 0, i);
    if (best.length > K) best.pop();
  }
  return best;
}
