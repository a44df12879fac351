import type { InteractionType } from './interaction';
import type { ItemId } from './item';

/** One click or interaction of a visitor without an account. */
export interface AnonymousSessionEvent {
  readonly eventId: string;
  readonly itemId: ItemId;
  readonly type: InteractionType;
  readonly occurredAt: number;
  /** Of what the client sent: a retry carries the same, a reuse of the eventId does not. */
  readonly payloadHash: string;
}

/**
 * A visit without an account (AUTH_ALLOW_ANONYMOUS), under the id its client generated: its
 * newest events, kept apart from every user's history and forgotten at `expiresAt`.
 */
export interface AnonymousSession {
  readonly sessionId: string;
  /** Incremented by every write: two writers of one session cannot both win. */
  readonly version: number;
  /** Newest first, at most ANONYMOUS_SESSION_MAX_EVENTS. */
  readonly events: readonly AnonymousSessionEvent[];
  /** Epoch milliseconds: the last write plus the session's time to live. */
  readonly expiresAt: number;
}

/** Events a session keeps (the newest): enough to tell retries apart and to fill a list's session. */
export const ANONYMOUS_SESSION_MAX_EVENTS = 50;
