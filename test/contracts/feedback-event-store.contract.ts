import type { FeedbackEvent } from '../../src/domain/feedback-event';
import type { FeedbackEventStore } from '../../src/ports/feedback-event-store.port';

/** What every FeedbackEventStore adapter promises (src/ports/feedback-event-store.port.ts). */
export function feedbackEventStoreContract(adapter: string, create: () => Promise<FeedbackEventStore>): void {
  describe(`FeedbackEventStore contract: ${adapter}`, () => {
    let store: FeedbackEventStore;
    beforeEach(async () => {
      store = await create();
    });
    const event = (userId: string, eventId: string, receivedAt: number, overrides: Partial<FeedbackEvent> = {}): FeedbackEvent => ({
      userId,
      eventId,
      kind: 'CLICK',
      itemIds: ['i1'],
      interactionType: 'CLICK',
      value: undefined,
      attribution: undefined,
      occurredAt: receivedAt,
      receivedAt,
      payloadHash: `hash-${eventId}`,
      forward: 'PENDING',
      ...overrides,
    });

    it('writes an event once per (user, eventId) and answers the stored one after', async () => {
      expect(await store.putIfAbsent(event('ann', 'e1', 1000))).toEqual({ created: true });
      const again = await store.putIfAbsent(event('ann', 'e1', 2000, { payloadHash: 'other' }));
      expect(again).toEqual({ created: false, existing: expect.objectContaining({ eventId: 'e1', receivedAt: 1000, payloadHash: 'hash-e1' }) });
      // The same id of another user is another event.
      expect(await store.putIfAbsent(event('bob', 'e1', 1500))).toEqual({ created: true });
      expect((await store.eventsOf('ann')).map((stored) => stored.eventId)).toEqual(['e1']);
    });

    it('lists pending events oldest first until they are marked forwarded', async () => {
      await store.putIfAbsent(event('cat', 'p2', 20));
      await store.putIfAbsent(event('cat', 'p1', 10));
      await store.putIfAbsent(event('cat', 'done', 5, { forward: 'NOT_CONFIGURED' }));
      const pending = (await store.pendingForward(100)).filter((stored) => stored.userId === 'cat');
      expect(pending.map((stored) => stored.eventId)).toEqual(['p1', 'p2']);
      await store.markForwarded('cat', ['p1']);
      expect((await store.pendingForward(100)).filter((stored) => stored.userId === 'cat').map((stored) => stored.eventId)).toEqual(['p2']);
      expect((await store.eventsOf('cat')).find((stored) => stored.eventId === 'p1')?.forward).toBe('FORWARDED');
    });

    it("knows when a user's newest event arrived, and visits every event", async () => {
      expect(await store.lastReceivedAt('dan')).toBeUndefined();
      await store.putIfAbsent(event('dan', 'a', 300));
      await store.putIfAbsent(event('dan', 'b', 700));
      expect(await store.lastReceivedAt('dan')).toBe(700);
      const seen: string[] = [];
      await store.scanEvents((stored) => {
        if (stored.userId === 'dan') seen.push(stored.eventId);
      });
      expect(seen.sort()).toEqual(['a', 'b']);
    });
  });
}
