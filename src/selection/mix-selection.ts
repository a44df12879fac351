import type { ItemId } from '../domain/item';
import { BLEND_MODELS, NEW_ARRIVAL_POLICIES, WEIGHT_OF, type BaselineWeights, type BlendModel, type HistoryEntry, type ItemArtefact, type ServedMix, type UserArtefact } from '../domain/model-artefacts';
import type { RecommenderRequest, ServingInputs } from '../ports/recommender.port';
import type { BlendPart } from '../recommenders/mix-fusion';
import { COMPONENT_CANDIDATES, ServedMixRecommender, baselineComponents, type BlendComponent } from '../recommenders/served-mix.recommender';
import { SERVING_HISTORY_WINDOW } from '../recommenders/serving-limits';
import { idOfIndex } from '../recommenders/item-index';
import { itemArtefactsOf, trainBaseline, userArtefactsOf, type BaselineModel, type BaselineTrainingOptions, type CatalogueEntry } from '../models/baseline.trainer';
import { fitEaseGrid } from '../models/ease.model';
import { groupByUser } from '../models/group-by-user';
import { holdoutSplit } from '../models/holdout-split';
import { clearlyBetter } from '../models/paired-comparison';
import { buildInteractionMatrix, type Positive } from '../models/interaction-matrix';
import type { NeighbourLists } from '../models/neighbour-lists';
import { fitPureSvdGrid } from '../models/pure-svd.model';
import { ndcgAt, recallAt } from '../models/ranking-metrics';
import { fitUserKnn } from '../models/user-knn.model';
import { fitTransitions } from '../models/transition.model';
import { nextItemCases, selectSessionWeight, type SessionWeightChoice } from './session-weight.selection';

/** How one mix did on the validation rows. */
export interface MixScore {
  readonly mix: ServedMix;
  readonly recall20: number;
  readonly ndcg20: number;
}

/** One model alone on the validation rows, with the hyper-parameters validation chose for it. */
export interface ModelScore {
  readonly model: BlendModel;
  readonly parameters: string;
  readonly recall20: number;
  readonly ndcg20: number;
}

/** What training chose, and on what: stored with the model version. */
export interface MixSelection {
  /** The long-term blend's validation figures; its mix includes the session weight chosen after. */
  readonly chosen: MixScore;
  /** How the session's weight was chosen (next-item HitRate@20). */
  readonly session: SessionWeightChoice;
  readonly mixesTried: number;
  /** Each model alone with its chosen hyper-parameters. */
  readonly models: readonly ModelScore[];
  /** The options the refit on all rows uses: the defaults with the chosen hyper-parameters. */
  readonly options: BaselineTrainingOptions;
  readonly validationUsers: number;
  readonly validationRows: number;
  readonly seed: number;
  readonly seconds: number;
}

/** A seed of its own, so that the validation rows are never the evaluation's (seed 42) test rows' split. */
export const SELECTION_SEED = 7;
const K = 20;
/** EASE's λ is chosen on this many of the most interacted items (an inverse of 1/8 the cost), then fitted at full size. */
const EASE_PROXY_ITEMS = 500;
/** The weights coordinate ascent tries for each model and for popularity. */
const MODEL_WEIGHTS = [0, 0.25, 0.5, 1, 2];
/**
 * Popularity only as a tie-breaker: validation users have a fifth less history than served
 * users, which favours popularity — on ml-latest-small a weight of 0.2 gained 1.9% Recall@20
 * on validation and lost 3.5% on the test rows.
 */
const POPULARITY_WEIGHTS = [0, 0.02, 0.05];
/**
 * The models the long-term blend weighs. RP3beta is fitted and evaluated by `npm run evaluate`
 * but not selected: on ml-latest-small and the demo data it stayed below item-kNN alone, and
 * its fit would take a tenth of the training budget. The session's model (TRANSITIONS) is
 * weighed after, on next-item cases (session-weight.selection.ts).
 */
const SELECTED_MODELS: readonly BlendModel[] = BLEND_MODELS.filter((model) => model !== 'RP3_BETA' && model !== 'TRANSITIONS');
const ASCENT_ROUNDS = 2;

interface ValidationUser {
  readonly request: RecommenderRequest;
  readonly relevant: ReadonlySet<ItemId>;
}

/**
 * Chooses the served mix on the catalogue's own data: holds out a seeded per-user 20% of the
 * given (training) rows, fits every model on the rest, picks each model's hyper-parameters
 * from a small grid by its validation Recall@20 alone, then the blend's weights by coordinate
 * ascent over the served list's Recall@20 (a change kept only when clearly better: `better`),
 * then the new-arrival policy. The lists ranked are the served ones (ServedMixRecommender, the serving window).
 * The caller refits on all rows with `options` and serves `chosen.mix`.
 */
export function selectServedMix(positives: readonly Positive[], catalogue: readonly CatalogueEntry[], base: BaselineTrainingOptions, seed = SELECTION_SEED, onProgress?: (done: number, total: number) => void): MixSelection {
  const started = Date.now();
  const { easeLambdas: EASE_LAMBDAS, easeNeighbours: EASE_NEIGHBOURS, svdFactors: SVD_FACTORS, userNeighbours: USER_NEIGHBOURS } = base.grid;
  const { train, test } = holdoutSplit(positives, seed);
  const fitted = trainBaseline(train, catalogue, base, undefined, ['ITEM_KNN']);
  onProgress?.(1, 7);
  const matrix = buildInteractionMatrix(train);
  const users = validationUsers(train, test, fitted);
  const components = new Map(baselineComponents().map((component) => [component.model, component]));
  const aloneScore = (model: BlendModel, artefacts: ReadonlyMap<ItemId, ItemArtefact>, userRows?: ReadonlyMap<string, UserArtefact>): { recall20: number; ndcg20: number } =>
    averaged(users, (user) => {
      const request = withInputs(user.request, artefacts, userRows);
      const candidates = (components.get(model) as BlendComponent).candidates(request, K);
      return Array.from(candidates.indexes, idOfIndex);
    });

  // 1. Each model's hyper-parameters, alone.
  const options = { ...base, ease: { ...base.ease }, pureSvd: { ...base.pureSvd }, userKnn: { ...base.userKnn } };
  const scores: ModelScore[] = [];
  // A grid of one (a value given by hand) needs no proxy fit.
  const proxy = EASE_LAMBDAS.length > 1 ? fitEaseGrid(matrix, EASE_LAMBDAS, { ...base.ease, maxItems: Math.min(EASE_PROXY_ITEMS, base.ease.maxItems) }) : [];
  const lambda = EASE_LAMBDAS.length > 1 ? bestBy(EASE_LAMBDAS.map((value, n) => ({ value, ...aloneScore('EASE', artefactsWith(fitted, { EASE: proxy[n] as NeighbourLists })) }))) : { value: EASE_LAMBDAS[0] ?? base.ease.lambda };
  options.ease = { ...options.ease, lambda: lambda.value };
  onProgress?.(2, 7);
  const [easeLists] = fitEaseGrid(matrix, [lambda.value], options.ease);
  const easeNeighbours = bestBy(EASE_NEIGHBOURS.map((value) => ({ value, ...aloneScore('EASE', artefactsWith(fitted, { EASE: easeLists as NeighbourLists }, { EASE: value })) })));
  options.ease = { ...options.ease, neighbours: easeNeighbours.value };
  scores.push({ model: 'EASE', parameters: `λ ${lambda.value}, top ${easeNeighbours.value}`, recall20: easeNeighbours.recall20, ndcg20: easeNeighbours.ndcg20 });
  onProgress?.(3, 7);

  const svdLists = fitPureSvdGrid(matrix, SVD_FACTORS, base.pureSvd);
  const factors = bestBy(SVD_FACTORS.map((value, n) => ({ value, lists: svdLists[n] as NeighbourLists, ...aloneScore('PURE_SVD', artefactsWith(fitted, { PURE_SVD: svdLists[n] as NeighbourLists })) })));
  options.pureSvd = { ...options.pureSvd, factors: factors.value };
  scores.push({ model: 'PURE_SVD', parameters: `${factors.value} factors`, recall20: factors.recall20, ndcg20: factors.ndcg20 });
  onProgress?.(4, 7);

  const userLists = USER_NEIGHBOURS.map((neighbours) => userRowsOf({ ...fitted, userKnn: fitUserKnn(matrix, { ...base.userKnn, neighbours }) }));
  const neighbours = bestBy(USER_NEIGHBOURS.map((value, n) => ({ value, rows: userLists[n] as Map<string, UserArtefact>, ...aloneScore('USER_KNN', new Map(), userLists[n]) })));
  options.userKnn = { ...options.userKnn, neighbours: neighbours.value };
  scores.push({ model: 'USER_KNN', parameters: `${neighbours.value} neighbours`, recall20: neighbours.recall20, ndcg20: neighbours.ndcg20 });
  scores.push({ model: 'ITEM_KNN', parameters: `${base.itemKnn.neighbours} neighbours`, ...aloneScore('ITEM_KNN', artefactsWith(fitted, { ITEM_KNN: fitted.lists.ITEM_KNN })) });
  onProgress?.(5, 7);

  // 2. The blend: every model's candidates once per user, then weights by coordinate ascent.
  // The session's transitions ride along (the blend of step 2 does not weigh them; step 4 does).
  const transitions = fitTransitions(train, fitted.itemIds, base.transitions);
  const artefacts = artefactsWith(fitted, { ...fitted.lists, EASE: easeLists as NeighbourLists, PURE_SVD: factors.lists, TRANSITIONS: transitions }, { EASE: easeNeighbours.value });
  const served = new ServedMixRecommender();
  const prepared = users.map((user) => {
    const request = withInputs(user.request, artefacts, neighbours.rows);
    const parts = [...components.values()].filter((component) => SELECTED_MODELS.includes(component.model)).map((component) => ({ model: component.model, source: component.source, candidates: component.candidates(request, COMPONENT_CANDIDATES) }));
    return { user, request, parts };
  });
  let mixesTried = 0;
  const evaluate = (mix: ServedMix): MeasuredMix => {
    mixesTried++;
    const perUser = new Float64Array(prepared.length);
    const measured = averaged(
      prepared,
      ({ request, parts }) => {
        const weighted: BlendPart[] = parts.map((part) => ({ source: part.source, weight: mix.weights[WEIGHT_OF[part.model]] ?? 0, candidates: part.candidates }));
        return served.rankParts(weighted, { ...request, inputs: { ...request.inputs, mix } }, mix.newArrivals).map((item) => item.itemId);
      },
      (prepared_) => prepared_.user.relevant,
      (n, recall) => (perUser[n] = recall),
    );
    return { mix, ...measured, perUser };
  };
  const bestAlone = [...scores].sort((a, b) => b.recall20 - a.recall20 || b.ndcg20 - a.ndcg20)[0] as ModelScore;
  let best = evaluate({ weights: { ease: 0, knn: 0, popularity: 0, [WEIGHT_OF[bestAlone.model]]: 1 }, newArrivals: 'NONE' });
  for (let round = 0; round < ASCENT_ROUNDS; round++) {
    let improved = false;
    for (const key of [...SELECTED_MODELS.map((model) => WEIGHT_OF[model]), 'popularity' as const]) {
      for (const value of key === 'popularity' ? POPULARITY_WEIGHTS : MODEL_WEIGHTS) {
        const weights: BaselineWeights = { ...best.mix.weights, [key]: value };
        if ((weights[key] ?? 0) === (best.mix.weights[key] ?? 0) || BLEND_MODELS.every((model) => (weights[WEIGHT_OF[model]] ?? 0) === 0)) continue;
        const candidate = evaluate({ weights, newArrivals: 'NONE' });
        if (better(candidate, best)) {
          best = candidate;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  // 3. The new-arrival policy: a slot given to a new item is taken from a relevant one, so it must earn it.
  for (const newArrivals of NEW_ARRIVAL_POLICIES.filter((policy) => policy !== 'NONE')) {
    const candidate = evaluate({ weights: best.mix.weights, newArrivals });
    if (better(candidate, best)) best = candidate;
  }
  onProgress?.(6, 7);
  // 4. The session's weight, on next-item cases of the same split: each user's latest held-out row after their earlier rows.
  const caseInputs: ServingInputs = { mix: best.mix, popularity: fitted.popularity, newArrivals: fitted.newArrivals, artefacts: new Map(), user: undefined };
  const cases = nextItemCases(train, test, (userId, seen) => servedRequest(userId, seen, caseInputs, K));
  const session = selectSessionWeight(cases, best.mix, [...components.values()], (userId) => ({ artefacts, user: neighbours.rows.get(userId ?? '') }));
  const mix: ServedMix = { weights: { ...best.mix.weights, session: session.weight }, newArrivals: best.mix.newArrivals };
  onProgress?.(7, 7);
  return { chosen: { recall20: best.recall20, ndcg20: best.ndcg20, mix: { weights: compactWeights(mix.weights), newArrivals: mix.newArrivals } }, session, mixesTried, models: scores, options, validationUsers: users.length, validationRows: test.length, seed, seconds: (Date.now() - started) / 1000 };
}

/** The models a mix weighs: what a training for serving fits and stores. */
export function modelsOf(mix: ServedMix): BlendModel[] {
  return BLEND_MODELS.filter((model) => (mix.weights[WEIGHT_OF[model]] ?? 0) > 0);
}

interface MeasuredMix extends MixScore {
  /** Each validation user's Recall@20, for paired comparisons. */
  readonly perUser: Float64Array;
}

/** A change of the mix is kept only when clearly better on Recall@20 (`clearlyBetter`). */
function better(candidate: MeasuredMix, current: MeasuredMix): boolean {
  return clearlyBetter(candidate.perUser, current.perUser);
}

function bestBy<T extends { recall20: number; ndcg20: number }>(options: readonly T[]): T {
  return [...options].sort((a, b) => b.recall20 - a.recall20 || b.ndcg20 - a.ndcg20)[0] as T;
}

/** Only the weights a mix uses, so a stored mix reads as what it is. */
function compactWeights(weights: BaselineWeights): BaselineWeights {
  const compact: Record<string, number> = { ease: weights.ease, knn: weights.knn, popularity: weights.popularity };
  for (const key of ['svd', 'rp3', 'userKnn', 'session'] as const) if ((weights[key] ?? 0) > 0) compact[key] = weights[key] ?? 0;
  return compact as unknown as BaselineWeights;
}

function validationUsers(train: readonly Positive[], test: readonly Positive[], model: BaselineModel): ValidationUser[] {
  const fitByUser = groupByUser(train);
  const inputs: ServingInputs = { mix: { weights: { ease: 0, knn: 0, popularity: 0 }, newArrivals: 'NONE' }, popularity: model.popularity, newArrivals: model.newArrivals, artefacts: new Map(), user: undefined };
  return [...groupByUser(test)].map(([userId, held]) => ({ request: servedRequest(userId, fitByUser.get(userId) ?? [], inputs, K), relevant: new Set(held.map((row) => row.itemId)) }));
}

/** The request a user's list is served from: the newest distinct items of their history (the serving window), everything seen excluded. */
export function servedRequest(userId: string, seen: readonly Positive[], inputs: ServingInputs, limit: number): RecommenderRequest {
  const history: HistoryEntry[] = [...seen]
    .sort((a, b) => b.occurredAt - a.occurredAt)
    .slice(0, SERVING_HISTORY_WINDOW)
    .map((row) => ({ itemId: row.itemId, type: 'RATE', occurredAt: row.occurredAt }));
  return { userId, history, exclude: new Set(seen.map((row) => row.itemId)), interests: [], limit, context: {}, inputs };
}

function withInputs(request: RecommenderRequest, artefacts: ReadonlyMap<ItemId, ItemArtefact>, users?: ReadonlyMap<string, UserArtefact>): RecommenderRequest {
  return { ...request, inputs: { ...request.inputs, artefacts, user: users?.get(request.userId ?? '') } };
}

/** Item artefacts carrying only the given lists (a variant under test), cut as given. */
function artefactsWith(model: BaselineModel, lists: BaselineModel['lists'], keep: Partial<Record<string, number>> = {}): Map<ItemId, ItemArtefact> {
  const artefacts = new Map<ItemId, ItemArtefact>();
  for (const artefact of itemArtefactsOf({ ...model, lists }, keep)) artefacts.set(artefact.itemId, artefact);
  return artefacts;
}

function userRowsOf(model: BaselineModel): Map<string, UserArtefact> {
  return new Map([...userArtefactsOf(model)].map((row) => [row.userId, row]));
}

function averaged<T extends { readonly user?: ValidationUser } | ValidationUser>(
  users: readonly T[],
  rank: (user: T) => readonly ItemId[],
  relevantOf: (user: T) => ReadonlySet<ItemId> = (user) => (user as ValidationUser).relevant,
  onUser?: (n: number, recall: number) => void,
): { recall20: number; ndcg20: number } {
  let recall = 0;
  let ndcg = 0;
  users.forEach((user, n) => {
    const ranked = rank(user);
    const relevant = relevantOf(user);
    const userRecall = recallAt(ranked, relevant, K);
    onUser?.(n, userRecall);
    recall += userRecall;
    ndcg += ndcgAt(ranked, relevant, K);
  });
  const count = Math.max(1, users.length);
  return { recall20: recall / count, ndcg20: ndcg / count };
}
