import { createDynamoDbClients, type DynamoDbClients } from './adapters/dynamodb/dynamodb-client.factory';
import { DynamoDbInteractionStore } from './adapters/dynamodb/dynamodb-interaction-store';
import { DynamoDbItemCatalog } from './adapters/dynamodb/dynamodb-item-catalog';
import { DynamoDbUserDirectory } from './adapters/dynamodb/dynamodb-user-directory';
import { ensureTables } from './adapters/dynamodb/table-definitions';
import { tableNames, type TableNames } from './adapters/dynamodb/table-names';
import type { Config } from './config';
import { createRequestContext, type RequestContext } from './context';
import { buildGatewaySchema, type ResolverClass } from './graphql/gateway-schema';
import { CatalogService } from './services/catalog.service';
import { DatasetImportService } from './services/dataset-import.service';
import { UserHistoryService } from './services/user-history.service';
import { ItemResolver, UserResolver } from '../resolvers';
import type { GraphQLSchema } from 'graphql';

export interface ContainerOptions {
  readonly config: Config;
  /** Endpoint of a stand-in the entry started itself (embedded dynalite); wins over config. */
  readonly dynamoDbEndpoint?: string;
  /** Clients built by the caller (tests count calls through their middleware stack). */
  readonly dynamoDb?: DynamoDbClients;
}

/** The composition root: config → clients → adapters → services → resolvers → schema, built once. */
export interface Container {
  readonly config: Config;
  readonly tables: TableNames;
  readonly dynamoDb: DynamoDbClients;
  readonly catalog: DynamoDbItemCatalog;
  readonly users: DynamoDbUserDirectory;
  readonly interactions: DynamoDbInteractionStore;
  readonly importService: DatasetImportService;
  readonly schema: GraphQLSchema;
  createContext(requestId?: string): RequestContext;
  /** Creates missing tables; returns the names it created. */
  ensureTables(): Promise<string[]>;
  close(): void;
}

export function createContainer(options: ContainerOptions): Container {
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
  const catalog = new DynamoDbItemCatalog(dynamoDb.doc, tables.items);
  const users = new DynamoDbUserDirectory(dynamoDb.doc, tables.users);
  const interactions = new DynamoDbInteractionStore(dynamoDb.doc, tables.interactions);
  const schema = buildGatewaySchema(
    new Map<ResolverClass, object>([
      [ItemResolver, new ItemResolver(new CatalogService(catalog))],
      [UserResolver, new UserResolver(new UserHistoryService(interactions))],
    ]),
  );
  return {
    config,
    tables,
    dynamoDb,
    catalog,
    users,
    interactions,
    importService: new DatasetImportService({ items: catalog, users, interactions }),
    schema,
    createContext: (requestId) => createRequestContext({ catalog, users }, requestId),
    ensureTables: () => ensureTables(dynamoDb.client, tables),
    close: () => dynamoDb.client.destroy(),
  };
}

function isLoopback(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}
