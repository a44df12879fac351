import type { UserId } from '../domain/user';

/** Something that makes a user's feed stale: their own new events, or a new model for everyone. */
export type FeedChange = { readonly kind: 'USER_EVENTS'; readonly userId: UserId } | { readonly kind: 'MODEL_TRAINED'; readonly modelVersion: string };

/** Pub/sub between the instances of the gateway: whoever records or trains publishes, subscriptions listen. */
export interface FeedNotifier {
  publish(change: FeedChange): Promise<void>;
  /** Calls `listener` for every change from any instance until the returned function is called. */
  subscribe(listener: (change: FeedChange) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
