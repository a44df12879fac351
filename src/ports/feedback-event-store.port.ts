import type { FeedbackEvent } from '../domain/feedback-event';

/** The event log: each (user, eventId) written once. */
export interface FeedbackEventStore {
  /** Writes the event unless one with its (user, eventId) exists; answers the stored one then. */
  putIfAbsent(event: FeedbackEvent): Promise<{ readonly created: true } | { readonly created: false; readonly existing: FeedbackEvent }>;
  /** Marks events forwarded to Personalize (they leave the pending index). */
  markForwarded(userId: string, eventIds: readonly string[]): Promise<void>;
  /** Events waiting to be forwarded, oldest first. */
  pendingForward(limit: number): Promise<FeedbackEvent[]>;
  /** When the user's newest event was received (epoch ms); undefined when they have none. */
  lastReceivedAt(userId: string): Promise<number | undefined>;
  /** Visits every event (reports), in no particular order. */
  scanEvents(visit: (event: FeedbackEvent) => void): Promise<void>;
  /** Every event of a user (for reports and tests), oldest first by receipt. */
  eventsOf(userId: string): Promise<FeedbackEvent[]>;
}
