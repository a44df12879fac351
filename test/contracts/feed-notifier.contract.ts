import type { FeedChange, FeedNotifier } from '../../src/ports/feed-notifier.port';
import { until } from '../support/wait-until';

export interface FeedNotifierFixture {
  /** The notifier under test. */
  readonly notifier: FeedNotifier;
  /** Another instance sharing its changes (a second server on the same Redis); the same one for an in-process notifier. */
  readonly peer: FeedNotifier;
  close(): Promise<void>;
}

/** What every FeedNotifier adapter promises (src/ports/feed-notifier.port.ts), run against each one. */
export function feedNotifierContract(adapter: string, create: () => Promise<FeedNotifierFixture>): void {
  describe(`FeedNotifier contract: ${adapter}`, () => {
    let fixture: FeedNotifierFixture;
    beforeEach(async () => {
      fixture = await create();
    });
    afterEach(async () => {
      await fixture.close();
    });

    const collector = () => {
      const received: FeedChange[] = [];
      return { received, listener: (change: FeedChange) => received.push(change) };
    };

    it('delivers every change, with its fields and in order, to every subscriber', async () => {
      const first = collector();
      const second = collector();
      await fixture.notifier.subscribe(first.listener);
      await fixture.notifier.subscribe(second.listener);
      const changes: FeedChange[] = [
        { kind: 'USER_EVENTS', userId: 'u1' },
        { kind: 'MODEL_TRAINED', modelVersion: 'v1-abc' },
        { kind: 'USER_EVENTS', userId: 'u2' },
      ];
      for (const change of changes) await fixture.notifier.publish(change);
      await until(() => first.received.length === 3 && second.received.length === 3, 5000);
      expect(first.received).toEqual(changes);
      expect(second.received).toEqual(changes);
    });

    it('delivers what a peer publishes', async () => {
      const local = collector();
      await fixture.notifier.subscribe(local.listener);
      await fixture.peer.publish({ kind: 'USER_EVENTS', userId: 'from-the-peer' });
      await until(() => local.received.length === 1, 5000);
      expect(local.received).toEqual([{ kind: 'USER_EVENTS', userId: 'from-the-peer' }]);
    });

    it('stops calling a listener once it unsubscribed, and keeps calling the others', async () => {
      const gone = collector();
      const staying = collector();
      const unsubscribe = await fixture.notifier.subscribe(gone.listener);
      await fixture.notifier.subscribe(staying.listener);
      await fixture.notifier.publish({ kind: 'USER_EVENTS', userId: 'before' });
      await until(() => gone.received.length === 1 && staying.received.length === 1, 5000);
      await unsubscribe();
      await fixture.notifier.publish({ kind: 'USER_EVENTS', userId: 'after' });
      // The staying listener's second change shows the publish went through: the other one had its chance.
      await until(() => staying.received.length === 2, 5000);
      expect(gone.received).toEqual([{ kind: 'USER_EVENTS', userId: 'before' }]);
    });
  });
}
