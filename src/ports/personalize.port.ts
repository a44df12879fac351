import type { ItemId } from '../domain/item';
import type { FallbackReason } from '../domain/recommendation';

export interface PersonalizeRequest {
  readonly userId: string;
  readonly numResults: number;
  readonly context: Readonly<Record<string, string>>;
  /** Ask Personalize to leave out what the user interacted with (when a filter is configured for it). */
  readonly excludeSeen: boolean;
  /** Ask Personalize for items of these categories only (when a filter is configured for it). */
  readonly categories: readonly string[];
}

export interface PersonalizeItem {
  readonly itemId: ItemId;
  readonly score: number;
  /** Personalize's own reasons ("Popular item", "Exploration", "Promoted item"). */
  readonly reasons: readonly string[];
}

export interface PersonalizeList {
  readonly recommendationId: string;
  readonly items: readonly PersonalizeItem[];
}

/** Personalize could not answer; the reason is what the client is told when the baseline serves instead. */
export class PersonalizeUnavailableError extends Error {
  constructor(
    readonly reason: Exclude<FallbackReason, 'NOT_CONFIGURED'>,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PersonalizeUnavailableError';
  }
}

/** A user-personalization campaign or recommender. Throws PersonalizeUnavailableError, never anything else. */
export interface PersonalizeRecommender {
  /** What Personalize's own filters will take care of for such a request, so the caller knows how many items to ask for. */
  filtering(excludeSeen: boolean, categories: readonly string[]): { readonly unseen: boolean; readonly categories: boolean };
  recommend(request: PersonalizeRequest): Promise<PersonalizeList>;
}

/** A related-items (SIMS) campaign. Throws PersonalizeUnavailableError, never anything else. */
export interface PersonalizeRelatedItems {
  related(itemId: string, numResults: number): Promise<PersonalizeList>;
}

/** A personalized-ranking campaign. Throws PersonalizeUnavailableError, never anything else. */
export interface PersonalizeRanker {
  rank(userId: string, itemIds: readonly string[], context: Readonly<Record<string, string>>): Promise<PersonalizeList>;
}

export interface PersonalizeEvent {
  readonly eventId: string;
  readonly eventType: string;
  readonly itemId?: string;
  readonly value?: number;
  readonly sentAt: Date;
  readonly recommendationId?: string;
  /** Item ids shown with this event (impressions). */
  readonly impression?: readonly string[];
}

/** PutEvents: forwards a user's events to an event tracker. Throws PersonalizeUnavailableError. */
export interface PersonalizeEventSink {
  putEvents(userId: string, sessionId: string, events: readonly PersonalizeEvent[]): Promise<{ readonly calls: number; readonly events: number }>;
}
