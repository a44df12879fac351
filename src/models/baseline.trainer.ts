import type { ItemRecord } from '../domain/item';
import type { BlendModel, ItemArtefact, ItemListModel, NewArrival, PopularityArtefact, UserArtefact } from '../domain/model-artefacts';
import { DEFAULT_EASE, fitEase, type EaseOptions } from './ease.model';
import { buildInteractionMatrix, type Positive } from './interaction-matrix';
import { DEFAULT_ITEM_KNN, fitItemKnn, type ItemKnnOptions } from './item-knn.model';
import type { NeighbourList, NeighbourLists } from './neighbour-lists';
import { DEFAULT_POPULARITY, fitPopularity, type PopularityOptions } from './popularity.model';
import { DEFAULT_PURE_SVD, fitPureSvd, type PureSvdOptions } from './pure-svd.model';
import { reverseLists } from './reverse-lists';
import { DEFAULT_RP3_BETA, fitRp3Beta, type Rp3BetaOptions } from './rp3beta.model';
import { DEFAULT_TRANSITIONS, fitTransitions, type TransitionOptions } from './transition.model';
import { DEFAULT_USER_KNN, fitUserKnn, type UserCandidateLists, type UserKnnOptions } from './user-knn.model';

export interface BaselineTrainingOptions {
  readonly popularity: PopularityOptions;
  readonly itemKnn: ItemKnnOptions;
  readonly ease: EaseOptions;
  readonly pureSvd: PureSvdOptions;
  readonly rp3Beta: Rp3BetaOptions;
  readonly userKnn: UserKnnOptions;
  readonly transitions: TransitionOptions;
  /** Items created within this many days of the data's latest interaction are new arrivals. */
  readonly newArrivalDays: number;
  /** The hyper-parameters selection tries (a value given by hand is a grid of one). */
  readonly grid: HyperParameterGrid;
}

export interface HyperParameterGrid {
  readonly easeLambdas: readonly number[];
  readonly easeNeighbours: readonly number[];
  readonly svdFactors: readonly number[];
  readonly userNeighbours: readonly number[];
}

export const DEFAULT_GRID: HyperParameterGrid = { easeLambdas: [100, 300, 1000], easeNeighbours: [50, 100], svdFactors: [32, 64], userNeighbours: [25, 50] };

export const DEFAULT_TRAINING: BaselineTrainingOptions = {
  popularity: DEFAULT_POPULARITY,
  itemKnn: DEFAULT_ITEM_KNN,
  ease: DEFAULT_EASE,
  pureSvd: DEFAULT_PURE_SVD,
  rp3Beta: DEFAULT_RP3_BETA,
  userKnn: DEFAULT_USER_KNN,
  transitions: DEFAULT_TRANSITIONS,
  newArrivalDays: 90,
  grid: DEFAULT_GRID,
};

export type CatalogueEntry = Pick<ItemRecord, 'id' | 'categories' | 'createdAt'>;

export type TrainingStage = 'matrix' | 'popularity' | 'item-knn' | 'ease' | 'pure-svd' | 'rp3beta' | 'user-knn' | 'transitions';

/** The training stage that fits each model. */
export const STAGE_OF: Readonly<Record<BlendModel, TrainingStage>> = { EASE: 'ease', ITEM_KNN: 'item-knn', PURE_SVD: 'pure-svd', RP3_BETA: 'rp3beta', USER_KNN: 'user-knn', TRANSITIONS: 'transitions' };

/** Milliseconds each stage took (0 for a model not fitted). */
export type TrainingTimings = Readonly<Record<TrainingStage, number>>;

/** The trained baseline, in memory: what `train` stores and `evaluate` scores. */
export interface BaselineModel {
  readonly popularity: PopularityArtefact;
  /** Each item's most similar items (Item.similar), from item-kNN. */
  readonly similar: NeighbourLists;
  /** The scoring lists of the item-to-item models fitted (item-kNN's reversed: the items each item is a top neighbour of). */
  readonly lists: Readonly<Partial<Record<ItemListModel, NeighbourLists>>>;
  readonly userKnn: UserCandidateLists | undefined;
  readonly newArrivals: readonly NewArrival[];
  readonly categoriesOf: ReadonlyMap<string, readonly string[]>;
  readonly itemIds: readonly string[];
  readonly interactions: number;
  readonly users: number;
  readonly timings: TrainingTimings;
}

/** Every model; a training for serving fits only those its mix weighs (and item-kNN, which Item.similar needs). */
export const ALL_MODELS: readonly BlendModel[] = ['EASE', 'ITEM_KNN', 'PURE_SVD', 'RP3_BETA', 'USER_KNN', 'TRANSITIONS'];

const MAX_NEW_ARRIVALS = 200;
const DAY = 86_400_000;

/** Fits the baseline's models (those named; all by default) from positives (any order) and the catalogue. */
export function trainBaseline(
  positives: readonly Positive[],
  catalogue: readonly CatalogueEntry[],
  options: BaselineTrainingOptions = DEFAULT_TRAINING,
  onStage?: (stage: TrainingStage, done: number, total: number) => void,
  models: readonly BlendModel[] = ALL_MODELS,
): BaselineModel {
  if (positives.length === 0) throw new Error('there are no interactions to train on');
  const categoriesOf = new Map(catalogue.map((item) => [item.id, item.categories]));
  const timings: Record<TrainingStage, number> = { matrix: 0, popularity: 0, 'item-knn': 0, ease: 0, 'pure-svd': 0, rp3beta: 0, 'user-knn': 0, transitions: 0 };
  const timed = <T>(stage: TrainingStage, fit: () => T): T => {
    const started = Date.now();
    onStage?.(stage, 0, 1);
    const result = fit();
    timings[stage] += Date.now() - started;
    return result;
  };
  const matrix = timed('matrix', () => buildInteractionMatrix(positives));
  const popularity = timed('popularity', () => fitPopularity(positives, (id) => categoriesOf.get(id) ?? [], options.popularity));
  const progress = (stage: TrainingStage) => (done: number, total: number) => onStage?.(stage, done, total);

  const lists: Partial<Record<ItemListModel, NeighbourLists>> = {};
  const similar = timed('item-knn', () => fitItemKnn(matrix, options.itemKnn, progress('item-knn')));
  if (models.includes('ITEM_KNN')) lists.ITEM_KNN = timed('item-knn', () => reverseLists(similar, options.itemKnn.reverseKeep));
  if (models.includes('EASE')) lists.EASE = timed('ease', () => fitEase(matrix, options.ease));
  if (models.includes('PURE_SVD')) lists.PURE_SVD = timed('pure-svd', () => fitPureSvd(matrix, options.pureSvd));
  if (models.includes('RP3_BETA')) lists.RP3_BETA = timed('rp3beta', () => fitRp3Beta(matrix, options.rp3Beta, progress('rp3beta')));
  if (models.includes('TRANSITIONS')) lists.TRANSITIONS = timed('transitions', () => fitTransitions(positives, matrix.itemIds, options.transitions));
  const userKnn = models.includes('USER_KNN') ? timed('user-knn', () => fitUserKnn(matrix, options.userKnn, progress('user-knn'))) : undefined;

  return {
    popularity,
    similar,
    lists,
    userKnn,
    newArrivals: newArrivalsOf(catalogue, popularity.asOf, options.newArrivalDays),
    categoriesOf,
    itemIds: matrix.itemIds,
    interactions: positives.length,
    users: matrix.userIds.length,
    timings,
  };
}


function newArrivalsOf(catalogue: readonly CatalogueEntry[], asOf: number, days: number): NewArrival[] {
  const cutoff = asOf - days * DAY;
  return catalogue
    .filter((item) => item.createdAt >= cutoff && item.createdAt <= asOf)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_NEW_ARRIVALS)
    .map((item) => ({ id: item.id, createdAt: item.createdAt, categories: item.categories }));
}

/** The per-item artefacts of a model, with string ids, as they are stored and served: the lists of the models fitted, cut to `keep` entries each. */
export function* itemArtefactsOf(model: BaselineModel, keep: Readonly<Partial<Record<ItemListModel, number>>> = {}): Generator<ItemArtefact> {
  const ids = model.itemIds;
  const entries = Object.entries(model.lists) as [ItemListModel, NeighbourLists][];
  for (let i = 0; i < ids.length; i++) {
    const itemId = ids[i] ?? '';
    const lists: Partial<Record<ItemListModel, { ids: string[]; weights: number[] }>> = {};
    for (const [name, modelLists] of entries) lists[name] = withIds(modelLists.lists[i], ids, keep[name]);
    yield { itemId, categories: model.categoriesOf.get(itemId) ?? [], lists };
  }
}

/** The user-kNN rows of a model, with string ids. */
export function* userArtefactsOf(model: BaselineModel, keep?: number): Generator<UserArtefact> {
  const lists = model.userKnn;
  if (!lists) return;
  for (let u = 0; u < lists.userIds.length; u++) {
    const candidates = withIds(lists.lists[u], lists.itemIds, keep);
    if (candidates.ids.length > 0) yield { userId: lists.userIds[u] ?? '', candidates };
  }
}

function withIds(list: NeighbourList | undefined, ids: readonly string[], keep = Number.MAX_SAFE_INTEGER): { ids: string[]; weights: number[] } {
  const count = Math.min(list?.ids.length ?? 0, keep);
  return { ids: Array.from(list?.ids.subarray(0, count) ?? [], (j) => ids[j] ?? ''), weights: Array.from(list?.weights.subarray(0, count) ?? []) };
}
