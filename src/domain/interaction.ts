import type { ItemId } from './item';
import type { UserId } from './user';

export const INTERACTION_TYPES = ['VIEW', 'CLICK', 'WATCH', 'LIKE', 'PURCHASE', 'RATE', 'OTHER'] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface Interaction {
  readonly userId: UserId;
  readonly itemId: ItemId;
  /** Unique per user; a second write with the same id is the same event (idempotency). */
  readonly eventId: string;
  readonly type: InteractionType;
  /** The event type as the source named it ("watch", "rating", "add-to-cart" …). */
  readonly eventType: string;
  /** Rating, seconds watched, price …; absent when the event carries none. */
  readonly value: number | undefined;
  /** When it happened, epoch milliseconds. */
  readonly occurredAt: number;
  /** The client's visit it happened in, when the client named one (session-based lists follow it). */
  readonly sessionId?: string;
}

const TYPE_ALIASES: Readonly<Record<string, InteractionType>> = {
  view: 'VIEW',
  views: 'VIEW',
  click: 'CLICK',
  clicks: 'CLICK',
  watch: 'WATCH',
  watched: 'WATCH',
  play: 'WATCH',
  like: 'LIKE',
  liked: 'LIKE',
  purchase: 'PURCHASE',
  purchased: 'PURCHASE',
  buy: 'PURCHASE',
  rate: 'RATE',
  rating: 'RATE',
  rated: 'RATE',
};

/** Maps a free event-type name (Personalize EVENT_TYPE) to the closed set; unknown names are OTHER. */
export function interactionTypeOf(eventType: string): InteractionType {
  const key = eventType.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return TYPE_ALIASES[key] ?? 'OTHER';
}
