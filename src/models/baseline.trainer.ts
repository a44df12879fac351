import type { ItemRecord } from '../domain/item';
import type { ItemArtefact, NewArrival, PopularityArtefact } from '../domain/model-artefacts';
import { DEFAULT_EASE, fitEase, type EaseOptions } from './ease.model';
import { buildInteractionMatrix, type Positive } from './interaction-matrix';
import { DEFAULT_ITEM_KNN, fitItemKnn, type ItemKnnOptions } from './item-knn.model';
import type { NeighbourLists } from './neighbour-lists';
import { reverseLists } from './reverse-lists';
import { DEFAULT_POPULARITY, fitPopularity, type PopularityOptions } from './popularity.model';

export interface BaselineTrainingOptions {
  readonly popularity: PopularityOptions;
  readonly itemKnn: ItemKnnOptions;
  readonly ease: EaseOptions;
  /** Items created within this many days of the data's latest interaction are new arrivals. */
  readonly newArrivalDays: number;
}

export const DEFAULT_TRAINING: BaselineTrainingOptions = {
  popularity: DEFAULT_POPULARITY,
  itemKnn: DEFAULT_ITEM_KNN,
  ease: DEFAULT_EASE,
  newArrivalDays: 90,
};

export type CatalogueEntry = Pick<ItemRecord, 'id' | 'categories' | 'createdAt'>;

export interface TrainingTimings {
  readonly matrixMs: number;
  readonly popularityMs: number;
  readonly itemKnnMs: number;
  readonly easeMs: number;
}

/** The trained baseline, in memory: what `train` stores and `evaluate` scores. */
export interface BaselineModel {
  readonly popularity: PopularityArtefact;
  /** Each item's most similar items (Item.similar). */
  readonly similar: NeighbourLists;
  /** The item-kNN scoring lists: for each item, the items it is a top neighbour of. */
  readonly knn: NeighbourLists;
  readonly ease: NeighbourLists;
  readonly newArrivals: readonly NewArrival[];
  readonly categoriesOf: ReadonlyMap<string, readonly string[]>;
  readonly interactions: number;
  readonly users: number;
  readonly timings: TrainingTimings;
}

export type TrainingStage = 'matrix' | 'popularity' | 'item-knn' | 'ease';

const MAX_NEW_ARRIVALS = 200;
const DAY = 86_400_000;

/** Fits every model of the baseline from positives (any order) and the catalogue. */
export function trainBaseline(
  positives: readonly Positive[],
  catalogue: readonly CatalogueEntry[],
  options: BaselineTrainingOptions = DEFAULT_TRAINING,
  onStage?: (stage: TrainingStage, done: number, total: number) => void,
): BaselineModel {
  if (positives.length === 0) throw new Error('there are no interactions to train on');
  const categoriesOf = new Map(catalogue.map((item) => [item.id, item.categories]));
  let started = Date.now();
  onStage?.('matrix', 0, 1);
  const matrix = buildInteractionMatrix(positives);
  const matrixMs = Date.now() - started;

  started = Date.now();
  onStage?.('popularity', 0, 1);
  const popularity = fitPopularity(positives, (id) => categoriesOf.get(id) ?? [], options.popularity);
  const popularityMs = Date.now() - started;

  started = Date.now();
  const similar = fitItemKnn(matrix, options.itemKnn, (done, total) => onStage?.('item-knn', done, total));
  const knn = reverseLists(similar, options.itemKnn.reverseKeep);
  const itemKnnMs = Date.now() - started;

  started = Date.now();
  onStage?.('ease', 0, 1);
  const ease = fitEase(matrix, options.ease);
  const easeMs = Date.now() - started;

  const cutoff = popularity.asOf - options.newArrivalDays * DAY;
  const newArrivals = catalogue
    .filter((item) => item.createdAt >= cutoff && item.createdAt <= popularity.asOf)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_NEW_ARRIVALS)
    .map((item) => ({ id: item.id, createdAt: item.createdAt, categories: item.categories }));

  return {
    popularity,
    similar,
    knn,
    ease,
    newArrivals,
    categoriesOf,
    interactions: positives.length,
    users: matrix.userIds.length,
    timings: { matrixMs, popularityMs, itemKnnMs, easeMs },
  };
}

/** The per-item artefacts of a model, with string ids, as they are stored and served. */
export function* itemArtefactsOf(model: BaselineModel): Generator<ItemArtefact> {
  const ids = model.knn.itemIds;
  for (let i = 0; i < ids.length; i++) {
    const itemId = ids[i] ?? '';
    const knn = model.knn.lists[i];
    const ease = model.ease.lists[i];
    yield {
      itemId,
      categories: model.categoriesOf.get(itemId) ?? [],
      knn: { ids: Array.from(knn?.ids ?? [], (j) => ids[j] ?? ''), weights: Array.from(knn?.weights ?? []) },
      ease: { ids: Array.from(ease?.ids ?? [], (j) => ids[j] ?? ''), weights: Array.from(ease?.weights ?? []) },
    };
  }
}
