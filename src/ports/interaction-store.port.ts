import type { Interaction } from '../domain/interaction';
import type { ItemId } from '../domain/item';
import type { Page, PageRequest } from '../domain/page';
import type { UserId } from '../domain/user';

export interface InteractionStore {
  /** Newest first. Throws InvalidCursorError for a cursor it did not issue. */
  listHistory(userId: UserId, page: PageRequest): Promise<Page<Interaction>>;
}

export interface InteractionStoreWriter {
  /** Idempotent bulk write keyed by (userId, eventId): writing the same event again adds nothing. */
  putInteractions(interactions: readonly Interaction[]): Promise<void>;
  /** Interactions per item over the whole log, for the popularity counters. */
  countByItem(): Promise<Map<ItemId, number>>;
  count(): Promise<number>;
}
