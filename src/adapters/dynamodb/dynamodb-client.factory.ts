import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import http from 'node:http';
import https from 'node:https';
import { classifyDependencyErrors } from './dynamodb-dependency-errors';
import { DynamoDbJsonClient } from './dynamodb-json-client';

export interface DynamoDbClientOptions {
  readonly region: string;
  /** Endpoint override: dynalite locally, nothing (the regional endpoint) in AWS. */
  readonly endpoint: string | undefined;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Local stand-ins accept any credentials; in AWS the default provider chain applies. */
  readonly localCredentials: boolean;
  readonly maxAttempts?: number;
}

export interface DynamoDbClients {
  readonly client: DynamoDBClient;
  readonly doc: DynamoDBDocumentClient;
  /** The serving path's reads and its list write (BatchGetItem, Query, PutItem) without the SDK's middleware stack, on the SDK client's credentials. */
  readonly json: DynamoDbJsonClient;
  /** Closes both clients' connections. */
  close(): void;
}

export function createDynamoDbClients(options: DynamoDbClientOptions): DynamoDbClients {
  const client = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.localCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    // requestTimeout alone only logs a warning: throwOnRequestTimeout makes a slow call fail fast.
    requestHandler: new NodeHttpHandler({
      requestTimeout: options.requestTimeoutMs,
      connectionTimeout: options.connectTimeoutMs,
      throwOnRequestTimeout: true,
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 64 }),
    }),
  });
  classifyDependencyErrors(client);
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const json = new DynamoDbJsonClient({
    region: options.region,
    endpoint: options.endpoint,
    requestTimeoutMs: options.requestTimeoutMs,
    connectTimeoutMs: options.connectTimeoutMs,
    maxAttempts: options.maxAttempts ?? 3,
    credentials: () => client.config.credentials(),
  });
  return {
    client,
    doc,
    json,
    close: () => {
      client.destroy();
      json.close();
    },
  };
}
