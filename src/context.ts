import DataLoader from 'dataloader';
import { randomUUID } from 'node:crypto';
import type { Item, ItemId } from './domain/item';
import type { User, UserId } from './domain/user';
import type { ItemCatalog } from './ports/item-catalog.port';
import type { UserDirectory } from './ports/user-directory.port';

export interface Loaders {
  readonly items: DataLoader<ItemId, Item | null>;
  readonly users: DataLoader<UserId, User | null>;
}

/** Per-request state: new DataLoaders (so no cache outlives a request) and the request id. */
export interface RequestContext {
  readonly requestId: string;
  readonly loaders: Loaders;
}

export interface ContextPorts {
  readonly catalog: ItemCatalog;
  readonly users: UserDirectory;
}

export function createRequestContext(ports: ContextPorts, requestId: string = randomUUID()): RequestContext {
  return {
    requestId,
    loaders: {
      // One load per key in a tick becomes one port call; the adapter splits it into BatchGetItem calls of 100.
      items: new DataLoader((ids) => ports.catalog.getItems(ids)),
      users: new DataLoader((ids) => ports.users.getUsers(ids)),
    },
  };
}
