import { InProcessFeedNotifier } from '../../../src/adapters/pubsub/in-process-feed-notifier';
import { LiveFeedService } from '../../../src/services/live-feed.service';

describe('LiveFeedService (with the in-process notifier)', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("turns a burst of the user's changes into one trigger, ignores other users, and says a new model first", async () => {
    const notifier = new InProcessFeedNotifier();
    const triggers = new LiveFeedService(notifier, 40).triggers('ann');
    const first = triggers.next();
    await sleep(5);
    for (let n = 0; n < 5; n++) await notifier.publish({ kind: 'USER_EVENTS', userId: 'ann' });
    await notifier.publish({ kind: 'USER_EVENTS', userId: 'bob' });
    expect(await first).toEqual({ done: false, value: 'USER_EVENTS' });
    await notifier.publish({ kind: 'USER_EVENTS', userId: 'bob' });
    await notifier.publish({ kind: 'USER_EVENTS', userId: 'ann' });
    await notifier.publish({ kind: 'MODEL_TRAINED', modelVersion: 'v2' });
    expect(await triggers.next()).toEqual({ done: false, value: 'MODEL_TRAINED' });
    await triggers.return?.();
  });

  it('stops listening at once when returned, even while waiting for a change', async () => {
    const notifier = new InProcessFeedNotifier();
    const triggers = new LiveFeedService(notifier, 10).triggers('ann');
    const waiting = triggers.next();
    await sleep(5);
    expect(notifier.listenerCount).toBe(1);
    await triggers.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(notifier.listenerCount).toBe(0);
    expect(await triggers.next()).toEqual({ done: true, value: undefined });
  });

  it('refuses a user more open feeds than the limit, and counts a returned one as closed', async () => {
    const feeds = new LiveFeedService(new InProcessFeedNotifier(), 10, 2);
    const first = feeds.triggers('ann');
    feeds.triggers('ann');
    expect(() => feeds.triggers('ann')).toThrow('At most 2 live-feed subscriptions');
    expect(() => feeds.triggers('bob')).not.toThrow();
    await first.return?.();
    expect(() => feeds.triggers('ann')).not.toThrow();
  });
});
