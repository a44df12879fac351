import { CachedItemCatalog } from '../adapters/cached-item-catalog';
import { createDynamoDbClients, type DynamoDbClients } from '../adapters/dynamodb/dynamodb-client.factory';
import { CursorCodec } from '../adapters/dynamodb/dynamodb-cursor';
import { DynamoDbAnonymousSessionStore } from '../adapters/dynamodb/dynamodb-anonymous-session-store';
import { DynamoDbFeedbackEventStore } from '../adapters/dynamodb/dynamodb-feedback-event-store';
import { DEFAULT_HISTORY_LIMITS, DynamoDbInteractionStore } from '../adapters/dynamodb/dynamodb-interaction-store';
import { DynamoDbItemCatalog } from '../adapters/dynamodb/dynamodb-item-catalog';
import { DynamoDbModelStore } from '../adapters/dynamodb/dynamodb-model-store';
import { DynamoDbRecommendationListStore } from '../adapters/dynamodb/dynamodb-recommendation-list-store';
import { DynamoDbUserDirectory } from '../adapters/dynamodb/dynamodb-user-directory';
import { ensureTables } from '../adapters/dynamodb/table-definitions';
import { tableNames, type TableNames } from '../adapters/dynamodb/table-names';
import type { Config } from '../config';
import { jsonLog, leveledLog, type Log } from '../logger';
import { withRequestFields } from '../observability/request-log-context';
import { SEEN_WINDOW } from '../recommenders/serving-limits';

export interface StorageOptions {
  readonly config: Config;
  /** Endpoint of a stand-in the entry started itself (embedded dynalite); wins over config. */
  readonly dynamoDbEndpoint?: string;
  /** Clients built by the caller (tests count calls through their middleware stack). */
  readonly dynamoDb?: DynamoDbClients;
  /** The secret page cursors are signed with, when the entry keeps one itself (npm start); wins over config. */
  readonly cursorSecret?: string;
  /** The clock of anonymous sessions' time to live. */
  readonly clock?: () => number;
  /** Where the services' lines go (tests read them); JSON on stderr at LOG_LEVEL when not given. */
  readonly log?: Log;
}

/** What every entry shares: the DynamoDB clients, the stores over them, the log. Building it calls nothing. */
export interface Storage {
  readonly config: Config;
  readonly tables: TableNames;
  readonly dynamoDb: DynamoDbClients;
  /** Structured lines at LOG_LEVEL and above, each carrying the fields of the request it was written in. */
  readonly log: Log;
  /** The catalogue, recently read items kept in memory (ITEM_CACHE_SECONDS). */
  readonly catalog: CachedItemCatalog;
  readonly users: DynamoDbUserDirectory;
  readonly interactions: DynamoDbInteractionStore;
  readonly models: DynamoDbModelStore;
  readonly lists: DynamoDbRecommendationListStore;
  readonly events: DynamoDbFeedbackEventStore;
  /** Anonymous visitors' sessions (written only when AUTH_ALLOW_ANONYMOUS is on). */
  readonly anonymousSessions: DynamoDbAnonymousSessionStore;
  /** Creates missing tables; returns the names it created. */
  ensureTables(): Promise<string[]>;
}

export function createStorage(options: StorageOptions): Storage {
  const { config } = options;
  const endpoint = options.dynamoDbEndpoint ?? config.storage.endpoint;
  const dynamoDb =
    options.dynamoDb ??
    createDynamoDbClients({
      region: config.storage.region,
      endpoint,
      requestTimeoutMs: config.storage.requestTimeoutMs,
      connectTimeoutMs: config.storage.connectTimeoutMs,
      localCredentials: endpoint !== undefined && isLoopback(endpoint),
    });
  const tables = tableNames(config.storage.tablePrefix);
  const cursors = new CursorCodec(options.cursorSecret ?? config.cursorSecret);
  return {
    config,
    tables,
    dynamoDb,
    log: withRequestFields(options.log ?? leveledLog(jsonLog, config.logLevel)),
    catalog: new CachedItemCatalog(new DynamoDbItemCatalog(dynamoDb.doc, tables.items, { filteredReadBudget: 2000, cursors }), { ttlMs: config.items.cacheMs, capacity: config.items.cacheEntries }),
    users: new DynamoDbUserDirectory(dynamoDb, tables.users),
    interactions: new DynamoDbInteractionStore(dynamoDb, tables, cursors, { ...DEFAULT_HISTORY_LIMITS, maxEntries: SEEN_WINDOW }),
    models: new DynamoDbModelStore(dynamoDb.doc, tables.models, config.models),
    lists: new DynamoDbRecommendationListStore(dynamoDb, tables.recommendationLists, { retentionMs: config.listRetentionDays * 86_400_000, clock: Date.now }),
    events: new DynamoDbFeedbackEventStore(dynamoDb.doc, tables.events),
    anonymousSessions: new DynamoDbAnonymousSessionStore(dynamoDb.doc, tables.anonymousSessions, options.clock ?? Date.now),
    ensureTables: () => ensureTables(dynamoDb.client, tables),
  };
}

export function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
