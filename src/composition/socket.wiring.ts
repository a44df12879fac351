import type { GraphQLSchema } from 'graphql';
import { ApiGatewayConnectionPoster } from '../adapters/apigateway/api-gateway-connection-poster';
import { DynamoDbSocketConnectionStore } from '../adapters/dynamodb/dynamodb-socket-connection-store';
import type { Config } from '../config';
import type { ContextOptions, LiveFeeds, RequestContext } from '../graphql/request-context';
import { SocketFeedPublisher } from '../graphql/socket-feed-publisher';
import { SocketProtocol } from '../graphql/socket-protocol';
import type { Log } from '../logger';
import type { AdmissionService } from '../services/admission.service';
import { isLoopback, type Storage } from './storage.wiring';

export interface SocketParts {
  readonly connections: DynamoDbSocketConnectionStore;
  readonly protocol: SocketProtocol;
  readonly publisher: SocketFeedPublisher;
  close(): void;
}

/** The Lambda deployment's WebSocket side: the connections table, the management API client, the protocol and the publisher. */
export function socketParts(options: {
  readonly config: Config;
  readonly endpoint: string;
  readonly storage: Storage;
  readonly schema: GraphQLSchema;
  readonly createContext: (options: ContextOptions) => RequestContext;
  readonly recommend: LiveFeeds['recommend'];
  readonly admission: AdmissionService;
  readonly log: Log;
  readonly clock: () => number;
}): SocketParts {
  const { config, storage, schema, createContext, log } = options;
  const connections = new DynamoDbSocketConnectionStore(storage.dynamoDb.doc, storage.tables.socketConnections, options.clock);
  const poster = new ApiGatewayConnectionPoster({ endpoint: options.endpoint, region: config.storage.region, timeoutMs: config.storage.requestTimeoutMs, localCredentials: isLoopback(options.endpoint) });
  return {
    connections,
    protocol: new SocketProtocol({ schema, limits: config.limits, connections, poster, admission: options.admission, createContext, log, maxSubscriptionsPerUser: config.live.maxSubscriptionsPerUser, clock: options.clock }),
    publisher: new SocketFeedPublisher({ schema, connections, poster, createContext, recommend: options.recommend, log, forgetModel: () => storage.models.forgetCurrentModel() }, options.clock),
    close: () => poster.destroy(),
  };
}
