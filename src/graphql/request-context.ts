import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import { isPossibleId } from '../domain/ids';
import type { Item, ItemId } from '../domain/item';
import type { User, UserId } from '../domain/user';
import { ANONYMOUS_VIEWER, type Viewer } from '../domain/viewer';
import { OperationRecord } from '../observability/operation-record';
import type { ItemCatalog } from '../ports/item-catalog.port';
import type { UserDirectory } from '../ports/user-directory.port';
import type { ProfileAttributes, UserProfiles } from '../ports/user-profile.port';
import type { FeedTrigger } from '../services/live-feed.service';
import type { RecommendationRequest } from '../services/recommendation.service';
import type { RequestReaders, ServedRecommendations } from '../services/served-list.assembler';
import type { SimilarList } from '../services/similar-items.service';

export interface Loaders {
  readonly items: DataLoader<ItemId, Item | null>;
  readonly users: DataLoader<UserId, User | null>;
  readonly similar: DataLoader<ItemId, SimilarList | null>;
  /** Profiles from the user pool; undefined when no user pool API is configured. */
  readonly profiles: DataLoader<UserId, ProfileAttributes | null> | undefined;
}

/** Per-request state: new DataLoaders (so no cache outlives a request), the viewer and the request id. */
export interface RequestContext {
  readonly requestId: string;
  readonly viewer: Viewer;
  readonly loaders: Loaders;
  /** What this request did, for its log line and metrics (resolvers note the lists they serve). */
  readonly operation: OperationRecord;
  /** Live feeds (subscriptions); undefined where they are not served. */
  readonly live?: LiveFeeds;
}

export interface LiveFeeds {
  /** When a user's feed should be pushed again (their events, a new model); ends when returned. */
  triggers(userId: UserId): AsyncIterableIterator<FeedTrigger>;
  /** A fresh list, read through new DataLoaders (a push must not see a cache of the last one). */
  recommend(userId: UserId, request: RecommendationRequest): Promise<ServedRecommendations>;
  /** A push that could not be computed: reported (whose feed, and why), and the feed waits for its next trigger. */
  pushFailed(error: unknown, userId: string): void;
}

export interface ContextPorts {
  readonly catalog: ItemCatalog;
  readonly users: UserDirectory;
  readonly similarLists: (ids: readonly ItemId[]) => Promise<(SimilarList | null | Error)[]>;
  readonly profiles?: UserProfiles;
}

export interface ContextOptions {
  readonly requestId?: string;
  readonly viewer?: Viewer;
  readonly live?: LiveFeeds;
  /** The host's record of the request; a new one when the host keeps none (subscriptions, scripts). */
  readonly operation?: OperationRecord;
}

export function createRequestContext(ports: ContextPorts, options: ContextOptions = {}): RequestContext {
  const profiles = ports.profiles;
  const requestId = options.requestId ?? randomUUID();
  return {
    requestId,
    viewer: options.viewer ?? ANONYMOUS_VIEWER,
    operation: options.operation ?? new OperationRecord(requestId),
    ...(options.live ? { live: options.live } : {}),
    loaders: {
      // One load per key in a tick becomes one port call; the adapter splits it into BatchGetItem calls of 100.
      // An id that cannot name anything (empty, too long) is null without a read, so it never spoils the batch it would share.
      items: new DataLoader((ids) => possibleOnly(ids, (known) => ports.catalog.getItems(known))),
      users: new DataLoader((ids) => possibleOnly(ids, (known) => ports.users.getUsers(known))),
      similar: new DataLoader((ids) => possibleOnly(ids, (known) => ports.similarLists(known))),
      profiles: profiles ? new DataLoader((ids) => profiles.getProfiles(ids)) : undefined,
    },
  };
}

/** Reads only the ids that can name something; the others answer null in their place. */
async function possibleOnly<T>(ids: readonly string[], read: (ids: readonly string[]) => Promise<readonly (T | null | Error)[]>): Promise<(T | null | Error)[]> {
  const known = ids.filter(isPossibleId);
  if (known.length === ids.length) return [...(await read(ids))];
  const answers = known.length > 0 ? await read(known) : [];
  const byId = new Map(known.map((id, index) => [id, answers[index] ?? null]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** The request's loaders as the recommendation services read through them. */
export function readersOf(context: RequestContext): RequestReaders {
  const profiles = context.loaders.profiles;
  return {
    items: (ids) => context.loaders.items.loadMany(ids),
    user: (id) => context.loaders.users.load(id),
    ...(profiles ? { profile: (id: string) => profiles.load(id) } : {}),
  };
}
