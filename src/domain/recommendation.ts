import type { ExperimentExposure } from './experiment';
import type { InteractionType } from './interaction';
import type { ItemId } from './item';

export const STRATEGIES = ['BASELINE', 'PERSONALIZE', 'BLENDED', 'AUTO'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const FALLBACK_REASONS = ['NOT_CONFIGURED', 'TIMEOUT', 'THROTTLED', 'UNAVAILABLE', 'CIRCUIT_OPEN', 'MISCONFIGURED'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** Which part of the baseline put an item in the list. */
export const RECOMMENDATION_SOURCES = ['EASE', 'ITEM_KNN', 'LATENT_FACTORS', 'RP3_BETA', 'USER_KNN', 'SESSION', 'POPULARITY', 'NEW_ARRIVALS', 'INTERESTS', 'PERSONALIZE', 'BASELINE', 'BOTH'] as const;
export type RecommendationSource = (typeof RECOMMENDATION_SOURCES)[number];

/**
 * Why an item is in a list, as the recommenders say it: BECAUSE_OF_HISTORY names the history
 * item that contributed most; BECAUSE_OF_SESSION the item of the current visit that led to it
 * most (what people view next after it); SIMILAR_USERS (user-kNN) says people with a like
 * history have it when none of the user's own items is linked to it.
 */
export const REASON_KINDS = ['BECAUSE_OF_HISTORY', 'BECAUSE_OF_SESSION', 'SIMILAR_USERS', 'POPULAR', 'TRENDING', 'NEW_ARRIVAL', 'MATCHES_INTERESTS', 'PROMOTED', 'EXPLORATION'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/**
 * The kinds clients see: a history reason is named after what the user did with the item
 * (watched, viewed, liked, bought, rated), so the kind always agrees with its text; a session
 * reason is BECAUSE_YOU_JUST_VIEWED.
 */
export const HISTORY_EXPLANATION_KINDS = ['BECAUSE_YOU_WATCHED', 'BECAUSE_YOU_VIEWED', 'BECAUSE_YOU_LIKED', 'BECAUSE_YOU_BOUGHT', 'BECAUSE_YOU_RATED', 'BECAUSE_OF_YOUR_HISTORY', 'BECAUSE_YOU_JUST_VIEWED'] as const;
export const EXPLANATION_KINDS = [...HISTORY_EXPLANATION_KINDS, ...REASON_KINDS.filter((kind) => kind !== 'BECAUSE_OF_HISTORY' && kind !== 'BECAUSE_OF_SESSION')] as const;
export type ExplanationKind = (typeof HISTORY_EXPLANATION_KINDS)[number] | Exclude<ReasonKind, 'BECAUSE_OF_HISTORY' | 'BECAUSE_OF_SESSION'>;

/** Why an item is in a list, before it is worded for people. */
export interface Reason {
  readonly kind: ReasonKind;
  /** The history item that contributed most (BECAUSE_OF_HISTORY), or the session's (BECAUSE_OF_SESSION). */
  readonly becauseOf?: ItemId;
  readonly becauseOfType?: InteractionType;
  /** The category a popularity, new-arrival or interest reason is about. */
  readonly category?: string;
}

export interface RankedItem {
  readonly itemId: ItemId;
  readonly score: number;
  readonly source: RecommendationSource;
  readonly reasons: readonly Reason[];
}

/** A served list, stored so that impressions and clicks can be attributed to it. */
export interface RecommendationList {
  readonly id: string;
  /** undefined for anonymous requests. */
  readonly userId: string | undefined;
  readonly strategyRequested: Strategy;
  readonly strategyServed: Strategy;
  readonly fallbackReason: FallbackReason | undefined;
  readonly modelVersion: string | undefined;
  readonly generatedAt: number;
  readonly items: readonly { readonly itemId: ItemId; readonly rank: number; readonly score: number; readonly source: RecommendationSource }[];
  readonly context: Readonly<Record<string, string>>;
  /** Personalize's recommendationId when its list went into this one: forwarded with impressions and clicks. */
  readonly personalizeRecommendationId?: string | undefined;
  /** The experiment that chose how this list was made, and its variant. */
  readonly experiment?: ExperimentExposure | undefined;
}
