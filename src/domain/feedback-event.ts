import type { InteractionType } from './interaction';
import type { ItemId } from './item';
import type { RecommendationSource, Strategy } from './recommendation';
import type { UserId } from './user';

/** What a client reports: items it showed, an item tapped in a list, or an interaction. */
export const FEEDBACK_KINDS = ['IMPRESSION', 'CLICK', 'INTERACTION'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Where an impression or click came from: the served list, as it was stored. */
export interface Attribution {
  readonly recommendationId: string;
  readonly strategy: Strategy;
  /** The clicked item's rank and source in that list (clicks and interactions naming a list). */
  readonly rank: number | undefined;
  readonly source: RecommendationSource | undefined;
  /** Personalize's own recommendationId, when its list went into this one. */
  readonly personalizeRecommendationId: string | undefined;
  /** The experiment and variant the list (or, interleaved, the clicked item) belongs to. */
  readonly experiment?: { readonly experimentId: string; readonly variant: string } | undefined;
}

/** The three states of forwarding to Personalize: nothing to forward to, waiting, done. */
export type ForwardState = 'NOT_CONFIGURED' | 'PENDING' | 'FORWARDED';

/** A recorded event, exactly once per (user, eventId). */
export interface FeedbackEvent {
  readonly userId: UserId;
  /** The client's id: a retry sends the same one. */
  readonly eventId: string;
  readonly kind: FeedbackKind;
  /** IMPRESSION: the items shown; CLICK and INTERACTION: the one item. */
  readonly itemIds: readonly ItemId[];
  readonly interactionType: InteractionType | undefined;
  readonly value: number | undefined;
  readonly attribution: Attribution | undefined;
  /** When it happened (the client's clock, or receipt), epoch milliseconds. */
  readonly occurredAt: number;
  readonly receivedAt: number;
  /** A hash of what the client sent: the same eventId with another payload is a conflict. */
  readonly payloadHash: string;
  readonly forward: ForwardState;
}
