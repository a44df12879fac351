import type { InteractionType } from './interaction';
import type { ItemId } from './item';

/*
 * What training stores and serving reads: the artefact types every layer shares (models
 * produce them, the model store keeps them, recommenders rank with them), so none of those
 * imports another for a type.
 */

export interface ScoredId {
  readonly id: string;
  readonly score: number;
}

export interface PopularityArtefact {
  /** "Now" of the data: the latest interaction, so old datasets are not all decayed to zero. */
  readonly asOf: number;
  readonly halfLifeDays: number;
  readonly overall: readonly ScoredId[];
  readonly byCategory: Readonly<Record<string, readonly ScoredId[]>>;
  /** Items of the overall list that rose fast: in the top quarter by decayed score, outside the overall list by all-time counts. */
  readonly trending: readonly string[];
}

/** A stored neighbour list: ids with their weights, best first. */
export interface WeightedIds {
  readonly ids: readonly ItemId[];
  readonly weights: readonly number[];
}

/**
 * The item-to-item models: each stores, per item, the list of items it adds score to when
 * it is in a user's history, and a user's scores are the sum of their items' lists. For
 * TRANSITIONS (what users interact with next) the items are those of the current session.
 */
export const ITEM_LIST_MODELS = ['EASE', 'ITEM_KNN', 'PURE_SVD', 'RP3_BETA', 'TRANSITIONS'] as const;
export type ItemListModel = (typeof ITEM_LIST_MODELS)[number];

/** What training stores per item and serving reads for the items of a user's history: the lists of the served models. */
export interface ItemArtefact {
  readonly itemId: ItemId;
  readonly categories: readonly string[];
  readonly lists: Readonly<Partial<Record<ItemListModel, WeightedIds>>>;
}

/** What training stores per user for user-kNN: the items their neighbours have and they had not, with weights. */
export interface UserArtefact {
  readonly userId: string;
  readonly candidates: WeightedIds;
}

export interface NewArrival {
  readonly id: ItemId;
  readonly createdAt: number;
  readonly categories: readonly string[];
}

export interface HistoryEntry {
  readonly itemId: ItemId;
  readonly type: InteractionType;
  readonly occurredAt: number;
}

/** The served blend's weights; a model without one (a mix stored before it existed) weighs 0. */
export interface BaselineWeights {
  readonly ease: number;
  readonly knn: number;
  readonly svd?: number;
  readonly rp3?: number;
  readonly userKnn?: number;
  /** The current session's next items (TRANSITIONS), chosen on a next-item validation. */
  readonly session?: number;
  readonly popularity: number;
}

/** The models a blend weighs (popularity apart: it breaks ties and fills). */
export const BLEND_MODELS = [...ITEM_LIST_MODELS, 'USER_KNN'] as const;
export type BlendModel = (typeof BLEND_MODELS)[number];

/** Which weight is a model's. */
export const WEIGHT_OF: Readonly<Record<BlendModel, keyof BaselineWeights>> = { EASE: 'ease', ITEM_KNN: 'knn', PURE_SVD: 'svd', RP3_BETA: 'rp3', USER_KNN: 'userKnn', TRANSITIONS: 'session' };

export function weightOf(weights: BaselineWeights, model: BlendModel): number {
  return weights[WEIGHT_OF[model]] ?? 0;
}

/**
 * Where new arrivals (items too new for collaborative filtering to find) get a place: in
 * every list, only in lists of users with little history, or nowhere. Training chooses it on
 * validation like the weights, since a slot given to a new item is taken from a relevant one.
 */
export const NEW_ARRIVAL_POLICIES = ['NONE', 'LITTLE_HISTORY', 'ALL'] as const;
export type NewArrivalPolicy = (typeof NEW_ARRIVAL_POLICIES)[number];

/** The served mix: the blend's weights and the new-arrival policy. */
export interface ServedMix {
  readonly weights: BaselineWeights;
  readonly newArrivals: NewArrivalPolicy;
}

/**
 * The hand-set mix served before mixes were chosen on each catalogue's data: what a model
 * trained before selection is still served with, and what `evaluate` compares against.
 */
export const FALLBACK_MIX: ServedMix = { weights: { ease: 1, knn: 0.6, popularity: 0.05 }, newArrivals: 'ALL' };
