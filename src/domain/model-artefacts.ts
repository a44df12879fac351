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

/** What training stores per item and serving reads for the items of a user's history. */
export interface ItemArtefact {
  readonly itemId: ItemId;
  readonly categories: readonly string[];
  readonly knn: WeightedIds;
  readonly ease: WeightedIds;
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

export interface BaselineWeights {
  readonly ease: number;
  readonly knn: number;
  readonly popularity: number;
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
