import { TooManySubscriptionsError } from '../domain/errors';
import type { UserId } from '../domain/user';
import type { FeedChange, FeedNotifier } from '../ports/feed-notifier.port';

/** Why a feed is refreshed. */
export type FeedTrigger = FeedChange['kind'];

/**
 * The moments a user's feed should be pushed again: their own events, or a newly trained
 * model. A burst (a click, its impression, a like …) within the debounce window gives one
 * refresh, sent `debounceMs` after the first change of the burst.
 */
export class LiveFeedService {
  /** Open feeds per user, against `maxPerUser`. */
  private readonly open = new Map<UserId, number>();
  /** When each user with an open feed last changed, and when a model was last trained. */
  private readonly lastChange = new Map<UserId, number>();
  private lastModelAt = 0;
  private readonly counts = { listening: 0, changes: 0, pending: 0, refreshes: 0 };

  constructor(
    private readonly notifier: FeedNotifier,
    private readonly debounceMs = 250,
    private readonly maxPerUser = 20,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * What the feeds are doing: how many listen to the notifier now, changes received (each
   * feed counts its own), refreshes waiting out their debounce window, and refreshes fired.
   * Waiting until nothing is pending tells a burst's one refresh from the start of another.
   */
  activity(): { readonly listening: number; readonly changes: number; readonly pending: number; readonly refreshes: number } {
    return { ...this.counts };
  }

  /** The last moment the user's feed changed: a list computed from then on reflects every change so far. */
  changedAt(userId: UserId): number {
    return Math.max(this.lastChange.get(userId) ?? 0, this.lastModelAt);
  }

  /**
   * An iterator of triggers for one user. Written by hand rather than as an async generator:
   * a generator waiting for the next change cannot be ended from outside, and a client that
   * unsubscribes must stop listening at once.
   */
  triggers(userId: UserId): AsyncIterableIterator<FeedTrigger> {
    const opened = this.open.get(userId) ?? 0;
    if (opened >= this.maxPerUser) throw new TooManySubscriptionsError(this.maxPerUser);
    this.open.set(userId, opened + 1);
    let pending: FeedTrigger | undefined;
    let ready: FeedTrigger | undefined;
    let timer: NodeJS.Timeout | undefined;
    let waiting: ((result: IteratorResult<FeedTrigger>) => void) | undefined;
    let ended = false;
    const finished: IteratorResult<FeedTrigger> = { done: true, value: undefined };
    const subscribed = this.notifier.subscribe((change) => {
      if (ended || (change.kind === 'USER_EVENTS' && change.userId !== userId)) return;
      if (change.kind === 'USER_EVENTS') this.lastChange.set(userId, this.clock());
      else this.lastModelAt = this.clock();
      // A new model outranks the user's own events as the reason: it changes every list.
      pending = pending === 'MODEL_TRAINED' ? pending : change.kind;
      this.counts.changes++;
      if (timer) return;
      this.counts.pending++;
      timer = setTimeout(() => {
        timer = undefined;
        this.counts.pending--;
        this.counts.refreshes++;
        const trigger = pending ?? 'USER_EVENTS';
        pending = undefined;
        if (waiting) {
          const resolve = waiting;
          waiting = undefined;
          resolve({ done: false, value: trigger });
        } else ready = ready === 'MODEL_TRAINED' ? ready : trigger;
      }, this.debounceMs);
    });
    let listening = false;
    void subscribed.then(() => {
      if (ended) return;
      listening = true;
      this.counts.listening++;
    });
    const iterator: AsyncIterableIterator<FeedTrigger> = {
      next: async () => {
        await subscribed;
        if (ended) return finished;
        if (ready !== undefined) {
          const trigger = ready;
          ready = undefined;
          return { done: false, value: trigger };
        }
        return new Promise<IteratorResult<FeedTrigger>>((resolve) => (waiting = resolve));
      },
      return: async () => {
        if (!ended) {
          const left = (this.open.get(userId) ?? 1) - 1;
          if (left > 0) this.open.set(userId, left);
          else {
            this.open.delete(userId);
            this.lastChange.delete(userId);
          }
        }
        ended = true;
        if (listening) {
          listening = false;
          this.counts.listening--;
        }
        if (timer) {
          clearTimeout(timer);
          timer = undefined;
          this.counts.pending--;
        }
        waiting?.(finished);
        waiting = undefined;
        await (await subscribed)();
        return finished;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
