import { Redis } from 'ioredis';
import type { FeedChange, FeedNotifier } from '../../ports/feed-notifier.port';

export interface RedisFeedNotifierOptions {
  readonly url: string;
  /** One channel per deployment (the table prefix goes into it), so stages sharing a Redis do not mix. */
  readonly channel: string;
  /** Budget of a connect and of a publish. */
  readonly timeoutMs: number;
  readonly log?: (line: Record<string, unknown>) => void;
}

/**
 * Feed changes through Redis pub/sub, so that every instance of the gateway pushes to its own
 * subscribers whatever instance recorded the event or trained the model. Two connections, as
 * Redis wants: one subscribed, one to publish. When Redis is gone, publish fails within the
 * budget (the caller logs it; the event is already stored) and both connections reconnect on
 * their own, the subscriber re-subscribing, when it is back. A publish made while Redis is
 * away waits up to the budget and is delivered if Redis returns in time.
 */
export class RedisFeedNotifier implements FeedNotifier {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Set<(change: FeedChange) => void>();
  /** The SUBSCRIBE of the first listener: nothing connects before the notifier is used. */
  private subscribed: Promise<unknown> | undefined;

  constructor(private readonly options: RedisFeedNotifierOptions) {
    const settings = {
      connectTimeout: options.timeoutMs,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
      // Built with the container, connected on first use: building has no side effects.
      lazyConnect: true,
    };
    // Publishes made while disconnected wait in the offline queue, up to the command timeout.
    this.publisher = new Redis(options.url, { ...settings, commandTimeout: options.timeoutMs });
    this.subscriber = new Redis(options.url, { ...settings, autoResubscribe: true });
    for (const connection of [this.publisher, this.subscriber]) {
      connection.on('error', (error: Error) => options.log?.({ level: 'warn', message: 'redis connection error', error: error.message }));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel !== options.channel) return;
      let change: FeedChange;
      try {
        change = JSON.parse(message) as FeedChange;
      } catch {
        options.log?.({ level: 'warn', message: 'unreadable feed change on redis', channel });
        return;
      }
      for (const listener of [...this.listeners]) listener(change);
    });
  }

  async publish(change: FeedChange): Promise<void> {
    await this.publisher.publish(this.options.channel, JSON.stringify(change));
  }

  async subscribe(listener: (change: FeedChange) => void): Promise<() => Promise<void>> {
    this.subscribed ??= this.subscriber.subscribe(this.options.channel).catch((error: unknown) => this.options.log?.({ level: 'warn', message: 'redis subscribe failed; retried on reconnect', error: String(error) }));
    await this.subscribed;
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
