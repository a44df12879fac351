import type { Interaction } from '../domain/interaction';
import type { ItemId } from '../domain/item';
import type { Page, PageRequest } from '../domain/page';
import type { UserId } from '../domain/user';

export interface RecentInteraction {
  readonly itemId: ItemId;
  readonly type: Interaction['type'];
  readonly occurredAt: number;
  readonly sessionId?: string;
}

export interface InteractionStore {
  /** Newest first. Throws InvalidCursorError for a cursor it did not issue. */
  listHistory(userId: UserId, page: PageRequest): Promise<Page<Interaction>>;
  /** The user's newest interactions (item, type, time and session only), in one read. */
  recentInteractions(userId: UserId, limit: number): Promise<RecentInteraction[]>;
}

export interface InteractionStoreWriter {
  /** Idempotent bulk write keyed by (userId, eventId): writing the same event again adds nothing. */
  putInteractions(interactions: readonly Interaction[]): Promise<void>;
  /** Distinct users per item over the whole log, for the popularity counters. */
  countByItem(): Promise<Map<ItemId, number>>;
  /** Visits every interaction in full, in no particular order (exports). */
  scanInteractions(visit: (event: Interaction) => void): Promise<void>;
  /** Visits every interaction (user, item, time), in no particular order: what training reads. */
  scanPositives(visit: (userId: UserId, itemId: ItemId, occurredAt: number) => void): Promise<void>;
  count(): Promise<number>;
}
