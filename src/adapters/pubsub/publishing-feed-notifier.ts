import type { FeedChange, FeedNotifier } from '../../ports/feed-notifier.port';

/**
 * A feed notifier that also pushes every change to the Lambda deployment's WebSocket clients
 * (its `push`, attached once the schema it runs is built): subscribers in this process hear it
 * as from `inner`, and `publish` resolves when both are done.
 */
export class PublishingFeedNotifier implements FeedNotifier {
  private push: ((change: FeedChange) => Promise<unknown>) | undefined;

  constructor(private readonly inner: FeedNotifier) {}

  attach(push: (change: FeedChange) => Promise<unknown>): void {
    this.push = push;
  }

  async publish(change: FeedChange): Promise<void> {
    await Promise.all([this.inner.publish(change), this.push?.(change)]);
  }

  subscribe(listener: (change: FeedChange) => void): Promise<() => Promise<void>> {
    return this.inner.subscribe(listener);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
