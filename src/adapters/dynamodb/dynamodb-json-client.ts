import http from 'node:http';
import https from 'node:https';
import { DependencyUnavailableError } from '../../domain/errors';
import { fromWireRow, toWireRow, type WireRow } from './attribute-values';
import { backoffDelayMs, sleep } from './backoff';
import { BatchGetCoalescer } from './batch-get-coalescer';
import { BatchPutCoalescer } from './batch-put-coalescer';
import type { Row } from './batch-get';
import { isTransientDynamoDbError } from './dynamodb-dependency-errors';
import { SigV4Signer, type SigningCredentials } from './sigv4-signer';

export interface DynamoDbJsonClientOptions {
  readonly region: string;
  /** Endpoint override (dynalite); the regional endpoint when undefined. */
  readonly endpoint: string | undefined;
  readonly requestTimeoutMs: number;
  readonly connectTimeoutMs: number;
  /** Calls, the first included, before a transient failure becomes DependencyUnavailableError. */
  readonly maxAttempts: number;
  /** The SDK client's own credential provider (it caches and refreshes). */
  readonly credentials: () => Promise<SigningCredentials>;
}

/** Names the projection's attributes (#a, #b …) so that reserved words never matter. */
export interface Projection {
  readonly ProjectionExpression: string;
  readonly ExpressionAttributeNames: Readonly<Record<string, string>>;
}

export interface BatchGetRequest {
  readonly RequestItems: Readonly<Record<string, { readonly Keys: readonly Row[] } & Partial<Projection>>>;
}

export interface BatchGetResult {
  readonly Responses: Record<string, Row[]>;
  readonly UnprocessedKeys: Record<string, { readonly Keys: Row[] }>;
}

export interface QueryRequest extends Projection {
  readonly TableName: string;
  readonly IndexName?: string;
  readonly KeyConditionExpression: string;
  readonly ExpressionAttributeValues: Readonly<Record<string, unknown>>;
  readonly ScanIndexForward?: boolean;
  readonly Limit?: number;
}

export interface GetRequest extends Partial<Projection> {
  readonly TableName: string;
  readonly Key: Readonly<Record<string, unknown>>;
  readonly ConsistentRead?: boolean;
}

export interface PutRequest {
  readonly TableName: string;
  readonly Item: Readonly<Record<string, unknown>>;
  readonly ConditionExpression?: string;
  readonly ExpressionAttributeNames?: Readonly<Record<string, string>>;
  readonly ExpressionAttributeValues?: Readonly<Record<string, unknown>>;
}

/** DynamoDB's answer to a call it refused: `name` is its error type (ConditionalCheckFailedException …). */
export class DynamoDbServiceError extends Error {
  readonly $metadata: { readonly httpStatusCode: number };

  constructor(name: string, message: string, httpStatusCode: number) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode };
  }
}

const TARGET_PREFIX = 'DynamoDB_20120810.';

/**
 * The serving path's DynamoDB client: BatchGetItem, GetItem, Query (one page), PutItem and BatchWriteItem over
 * DynamoDB's JSON protocol on keep-alive connections, signed with SigV4 from the SDK client's
 * credentials, with its timeouts and retries (transient failures — throttling, 5xx,
 * timeouts, refused or reset connections — with jittered backoff, then
 * DependencyUnavailableError, as the SDK client's stack does). A list costs two of these
 * calls (its user and its history row in one BatchGetItem, the stored list; concurrent lists share them); through the SDK's middleware stack each
 * costs several times the CPU (BENCHMARKS.md, serving cost). The compact history row of a user
 * (`user-history`) is read and written through it too. Everything else — paged queries, scans,
 * the log writes of imports and events, tables — stays on the SDK.
 */
export class DynamoDbJsonClient {
  private readonly url: URL;
  private readonly transport: typeof http | typeof https;
  private readonly agent: http.Agent;
  private readonly signer: SigV4Signer;
  private readonly listeners = new Set<(operation: string) => void>();
  private readonly consumption = new Set<(operation: string, capacityUnits: number) => void>();
  private readonly reads = new BatchGetCoalescer((request) => this.sendBatchGet(request));
  private readonly writes: BatchPutCoalescer;

  constructor(private readonly options: DynamoDbJsonClientOptions) {
    this.url = new URL(options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com`);
    this.transport = this.url.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true, maxSockets: 64 });
    this.signer = new SigV4Signer(options.region, 'dynamodb');
    this.writes = new BatchPutCoalescer(
      {
        putNewItem: async ({ TableName, Item, KeyNames }) => {
          const names = Object.fromEntries(KeyNames.map((name, index) => [`#k${index}`, name]));
          await this.call('PutItem', { TableName, Item, ConditionExpression: Object.keys(names).map((name) => `attribute_not_exists(${name})`).join(' AND '), ExpressionAttributeNames: names });
        },
        batchWriteItem: async (requestItems) => {
          const RequestItems = Object.fromEntries(Object.entries(requestItems).map(([table, items]) => [table, items.map((Item) => ({ PutRequest: { Item } }))]));
          const answer = (await this.call('BatchWriteItem', { RequestItems })) as { UnprocessedItems?: Record<string, { PutRequest?: { Item?: WireRow } }[]> };
          return Object.fromEntries(Object.entries(answer.UnprocessedItems ?? {}).map(([table, requests]) => [table, requests.flatMap((request) => (request.PutRequest?.Item ? [request.PutRequest.Item] : []))]));
        },
      },
      options.maxAttempts,
    );
  }

  /** Tells `listener` the operation of every call from now on (tests count round trips); returns its removal. */
  onCall(listener: (operation: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells `listener` the capacity units DynamoDB reports for every answered call from now on (read units of reads, write units of puts); returns its removal. */
  onConsumed(listener: (operation: string, capacityUnits: number) => void): () => void {
    this.consumption.add(listener);
    return () => this.consumption.delete(listener);
  }

  /** Requests made in one turn of the event loop share one BatchGetItem (BatchGetCoalescer): a list's user and history row are one round trip. */
  batchGetItem(request: BatchGetRequest): Promise<BatchGetResult> {
    return this.reads.read(request);
  }

  /**
   * A put of an item whose key is new (`KeyNames`, the table's key attributes): alone, refused
   * with ConditionalCheckFailedException when the key exists; those made in one turn of the
   * event loop share one BatchWriteItem, which takes no condition (BatchPutCoalescer).
   */
  async putNewItem(request: { readonly TableName: string; readonly Item: Readonly<Record<string, unknown>>; readonly KeyNames: readonly string[] }): Promise<void> {
    await this.writes.put({ TableName: request.TableName, Item: toWireRow(request.Item), KeyNames: request.KeyNames });
  }

  private async sendBatchGet(request: BatchGetRequest): Promise<BatchGetResult> {
    const requestItems: Record<string, object> = {};
    for (const [table, { Keys, ...rest }] of Object.entries(request.RequestItems)) requestItems[table] = { ...rest, Keys: Keys.map(toWireRow) };
    const answer = (await this.call('BatchGetItem', { RequestItems: requestItems })) as {
      Responses?: Record<string, WireRow[]>;
      UnprocessedKeys?: Record<string, { Keys?: WireRow[] }>;
    };
    const responses: Record<string, Row[]> = {};
    for (const [table, rows] of Object.entries(answer.Responses ?? {})) responses[table] = rows.map(fromWireRow);
    const unprocessed: Record<string, { Keys: Row[] }> = {};
    for (const [table, { Keys }] of Object.entries(answer.UnprocessedKeys ?? {})) unprocessed[table] = { Keys: (Keys ?? []).map(fromWireRow) };
    return { Responses: responses, UnprocessedKeys: unprocessed };
  }

  /** The row under `Key`, undefined when there is none. */
  async getItem(request: GetRequest): Promise<Row | undefined> {
    const answer = (await this.call('GetItem', { ...request, Key: toWireRow(request.Key) })) as { Item?: WireRow };
    return answer.Item ? fromWireRow(answer.Item) : undefined;
  }

  /** One page of a Query (the first: DynamoDB stops at Limit or 1 MB). */
  async query(request: QueryRequest): Promise<Row[]> {
    const answer = (await this.call('Query', { ...request, ExpressionAttributeValues: toWireRow(request.ExpressionAttributeValues) })) as { Items?: WireRow[] };
    return (answer.Items ?? []).map(fromWireRow);
  }

  async putItem(request: PutRequest): Promise<void> {
    const { ExpressionAttributeValues: values, ...rest } = request;
    await this.call('PutItem', { ...rest, Item: toWireRow(request.Item), ...(values ? { ExpressionAttributeValues: toWireRow(values) } : {}) });
  }

  close(): void {
    this.agent.destroy();
  }

  private async call(operation: string, input: object): Promise<unknown> {
    for (const listener of this.listeners) listener(operation);
    const body = JSON.stringify(this.consumption.size > 0 ? { ...input, ReturnConsumedCapacity: 'TOTAL' } : input);
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = (await this.attempt(operation, body)) as { ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[] };
        if (this.consumption.size > 0) {
          const units = [answer.ConsumedCapacity ?? []].flat().reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
          for (const listener of this.consumption) listener(operation, units);
        }
        return answer;
      } catch (error) {
        if (!isTransientDynamoDbError(error)) throw error;
        if (attempt >= this.options.maxAttempts) {
          const { name, message } = error as Error;
          throw new DependencyUnavailableError('dynamodb', `DynamoDB ${operation} failed after retries: ${name}: ${message}`, { cause: error });
        }
        await sleep(backoffDelayMs(attempt - 1, 25));
      }
    }
  }

  private async attempt(operation: string, body: string): Promise<unknown> {
    const credentials = await this.options.credentials();
    const { headers } = this.signer.sign(this.url.host, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': TARGET_PREFIX + operation }, body, credentials);
    return new Promise((resolve, reject) => {
      const request = this.transport.request(this.url, { method: 'POST', agent: this.agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          let parsed: Record<string, unknown>;
          try {
            parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
          } catch {
            reject(new DynamoDbServiceError(status >= 500 ? 'InternalServerError' : 'SerializationException', `DynamoDB answered ${status} with a body that is not JSON`, status));
            return;
          }
          if (status >= 200 && status < 300) resolve(parsed);
          else reject(new DynamoDbServiceError(String(parsed['__type'] ?? 'UnknownError').split('#').pop() ?? 'UnknownError', String(parsed['message'] ?? parsed['Message'] ?? `HTTP ${status}`), status));
        });
      });
      const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${this.options.requestTimeoutMs} ms`), { name: 'TimeoutError' })), this.options.requestTimeoutMs);
      request.on('socket', (socket) => {
        if (!socket.connecting) return;
        const connectTimer = setTimeout(() => request.destroy(Object.assign(new Error(`no connection within ${this.options.connectTimeoutMs} ms`), { code: 'ETIMEDOUT' })), this.options.connectTimeoutMs);
        socket.once('connect', () => clearTimeout(connectTimer));
        socket.once('close', () => clearTimeout(connectTimer));
      });
      request.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }
}
