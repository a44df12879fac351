import type { Interaction } from '../../src/domain/interaction';
import type { ItemRecord } from '../../src/domain/item';

/** An item record with sensible defaults, for the data that makes a claim obvious. */
export function itemRecord(id: string, overrides: Partial<ItemRecord> = {}): ItemRecord {
  return { id, title: `Item ${id}`, categories: [], attributes: {}, createdAt: 0, ...overrides };
}

export function watchEvent(userId: string, itemId: string, occurredAt: number, overrides: Partial<Interaction> = {}): Interaction {
  return {
    userId,
    itemId,
    eventId: `watch:${itemId}:${occurredAt}`,
    type: 'WATCH',
    eventType: 'watch',
    value: 60,
    occurredAt,
    ...overrides,
  };
}
