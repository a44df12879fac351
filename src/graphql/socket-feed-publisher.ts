import { parse, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { SocketSubscription } from '../domain/socket-connection';
import type { Log } from '../logger';
import type { ConnectionPoster } from '../ports/connection-poster.port';
import type { FeedChange } from '../ports/feed-notifier.port';
import type { SocketConnectionStore } from '../ports/socket-connection-store.port';
import type { ServedRecommendations } from '../services/served-list.assembler';
import { formatForSocket } from './format-error';
import type { ContextOptions, LiveFeeds, RequestContext } from './request-context';
import { onceSubscription } from './subscription-once';

/** API Gateway takes messages of up to 128 KB (in 32 KB frames); a bigger push is replaced by a "refetch" note. */
export const MAX_PUSH_BYTES = 128 * 1024;
/** Subscriptions pushed at once. */
const CONCURRENT_PUSHES = 8;

export interface SocketFeedPublisherPorts {
  readonly schema: GraphQLSchema;
  readonly connections: SocketConnectionStore;
  readonly poster: ConnectionPoster;
  readonly createContext: (options: ContextOptions) => RequestContext;
  /** The list a pushed feed carries (the path of a fetched one: experiments, metrics). */
  readonly recommend: LiveFeeds['recommend'];
  readonly log: Log;
  /** Drops this process's cached model pointer: a model trained elsewhere must be the one pushed. */
  readonly forgetModel: () => void;
}

export interface PushSummary {
  readonly subscriptions: number;
  /** Connections past their expiry, closed instead of pushed to. */
  readonly ended: number;
  /** Lists computed: one per user and input, however many subscriptions share them. */
  readonly lists: number;
  readonly sent: number;
  /** Connections API Gateway no longer had (410): deleted. */
  readonly gone: number;
  readonly failed: number;
}

/**
 * The Lambda deployment's live feeds: after a change, a fresh list for every subscription it
 * concerns (a user's events: that user's feeds, by the by-user index; a new model: all),
 * computed once per user and input, run through the subscription's own selection and posted
 * as graphql-ws `next` messages through the management API.
 */
export class SocketFeedPublisher {
  constructor(
    private readonly ports: SocketFeedPublisherPorts,
    private readonly clock: () => number = Date.now,
  ) {}

  async publish(change: FeedChange): Promise<PushSummary> {
    if (change.kind === 'MODEL_TRAINED') this.ports.forgetModel();
    const found = change.kind === 'USER_EVENTS' ? await this.ports.connections.subscriptionsFor(change.userId) : await this.ports.connections.allSubscriptions();
    // A connection past its token's expiry (or its two hours) ends here: API Gateway cannot time it out for us.
    const now = this.clock();
    const expired = [...new Set(found.filter((subscription) => subscription.expiresAt <= now).map((subscription) => subscription.connectionId))];
    await Promise.all(expired.map((connectionId) => this.end(connectionId)));
    const subscriptions = found.filter((subscription) => subscription.expiresAt > now);
    const lists = new Map<string, Promise<ServedRecommendations>>();
    const recommend: LiveFeeds['recommend'] = (userId, request) => {
      const key = `${userId}\u0000${JSON.stringify(request)}`;
      let list = lists.get(key);
      if (!list) lists.set(key, (list = this.ports.recommend(userId, request)));
      return list;
    };
    const outcomes: ('SENT' | 'GONE' | 'FAILED')[] = [];
    for (let start = 0; start < subscriptions.length; start += CONCURRENT_PUSHES) {
      outcomes.push(...(await Promise.all(subscriptions.slice(start, start + CONCURRENT_PUSHES).map((subscription) => this.push(subscription, recommend)))));
    }
    return { subscriptions: subscriptions.length, ended: expired.length, lists: lists.size, sent: count(outcomes, 'SENT'), gone: count(outcomes, 'GONE'), failed: count(outcomes, 'FAILED') };
  }

  private async end(connectionId: string): Promise<void> {
    this.ports.log({ level: 'info', message: 'websocket connection ended: its token expired', connectionId });
    await this.ports.poster.disconnect(connectionId).catch(() => undefined);
    await this.ports.connections.deleteConnection(connectionId);
  }

  private async push(subscription: SocketSubscription, recommend: LiveFeeds['recommend']): Promise<'SENT' | 'GONE' | 'FAILED'> {
    const requestId = randomUUID();
    try {
      const result = await onceSubscription(
        { schema: this.ports.schema, document: parse(subscription.query), operationName: subscription.operationName, variables: subscription.variables, viewer: subscription.viewer, requestId, createContext: this.ports.createContext },
        recommend,
      );
      const payload = result.errors ? { ...result, errors: formatForSocket(result.errors, requestId, this.ports.log) } : result;
      let message = JSON.stringify({ id: subscription.id, type: 'next', payload });
      if (Buffer.byteLength(message) > MAX_PUSH_BYTES) message = JSON.stringify({ id: subscription.id, type: 'next', payload: refetch(Buffer.byteLength(message)) });
      const outcome = await this.ports.poster.post(subscription.connectionId, message);
      if (outcome === 'GONE') await this.ports.connections.deleteConnection(subscription.connectionId);
      return outcome;
    } catch (error) {
      this.ports.log({ level: 'warn', message: 'a live-feed push failed; the feed waits for its next trigger', requestId, viewer: subscription.userId, connectionId: subscription.connectionId, error: error instanceof Error ? error.message : String(error) });
      return 'FAILED';
    }
  }
}

/** What a client gets instead of a list too large for one API Gateway message: fetch it with `recommendations`. */
function refetch(bytes: number) {
  return { data: null, errors: [{ message: `The fresh list (${bytes} bytes) is over the ${MAX_PUSH_BYTES} bytes of one WebSocket message; fetch it with recommendations.`, extensions: { code: 'RESPONSE_TOO_LARGE', refetch: true } }] };
}

function count<T>(values: readonly T[], value: T): number {
  return values.filter((candidate) => candidate === value).length;
}
