import type { AnonymousSession } from '../../src/domain/anonymous-session';
import type { AnonymousSessionStore } from '../../src/ports/anonymous-session-store.port';

export interface AnonymousSessionStoreFixture {
  readonly store: AnonymousSessionStore;
  /** Moves the store's clock forward. */
  advance(ms: number): void;
  now(): number;
}

/** What every AnonymousSessionStore adapter promises (src/ports/anonymous-session-store.port.ts). */
export function anonymousSessionStoreContract(adapter: string, create: () => Promise<AnonymousSessionStoreFixture>): void {
  describe(`AnonymousSessionStore contract: ${adapter}`, () => {
    let fixture: AnonymousSessionStoreFixture;
    let n = 0;
    beforeEach(async () => {
      fixture = await create();
    });
    const session = (sessionId: string, version: number, eventIds: string[], ttlMs = 60_000): AnonymousSession => ({
      sessionId,
      version,
      events: eventIds.map((eventId, index) => ({ eventId, itemId: `i${index}`, type: 'VIEW', occurredAt: fixture.now() - index, payloadHash: `h-${eventId}` })),
      expiresAt: fixture.now() + ttlMs,
    });
    const newId = () => `contract-session-${++n}-${Date.now()}`;

    it('reads back what it wrote, and nothing for a session it never saw', async () => {
      const id = newId();
      expect(await fixture.store.read(id)).toBeUndefined();
      const written = session(id, 1, ['e1', 'e2']);
      expect(await fixture.store.write(written, undefined)).toBe(true);
      expect(await fixture.store.read(id, { consistent: true })).toEqual({ ...written, expiresAt: expect.any(Number) });
    });

    it('writes only over the version it read: a second writer of the same version loses, with nothing written', async () => {
      const id = newId();
      await fixture.store.write(session(id, 1, ['e1']), undefined);
      expect(await fixture.store.write(session(id, 1, ['e1']), undefined)).toBe(false);
      expect(await fixture.store.write(session(id, 2, ['e2', 'e1']), 1)).toBe(true);
      expect(await fixture.store.write(session(id, 2, ['e3', 'e1']), 1)).toBe(false);
      expect((await fixture.store.read(id, { consistent: true }))?.events.map((event) => event.eventId)).toEqual(['e2', 'e1']);
    });

    it('forgets a session at its expiry: not read, overwritten as new, deleted by the sweep', async () => {
      const id = newId();
      await fixture.store.write(session(id, 3, ['old'], 10_000), undefined);
      fixture.advance(11_000);
      expect(await fixture.store.read(id, { consistent: true })).toBeUndefined();
      expect(await fixture.store.deleteExpired()).toBeGreaterThanOrEqual(1);
      expect(await fixture.store.write(session(id, 1, ['new']), undefined)).toBe(true);
      expect((await fixture.store.read(id, { consistent: true }))?.events.map((event) => event.eventId)).toEqual(['new']);
    });
  });
}
