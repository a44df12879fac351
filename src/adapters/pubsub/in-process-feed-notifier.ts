import type { FeedChange, FeedNotifier } from '../../ports/feed-notifier.port';

/** Feed changes within one process: enough for one server; several share them through Redis. */
export class InProcessFeedNotifier implements FeedNotifier {
  private readonly listeners = new Set<(change: FeedChange) => void>();

  async publish(change: FeedChange): Promise<void> {
    for (const listener of [...this.listeners]) listener(change);
  }

  async subscribe(listener: (change: FeedChange) => void): Promise<() => Promise<void>> {
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  /** How many listen now (a feed that ended must not stay among them). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
