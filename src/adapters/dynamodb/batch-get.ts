import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors';
import { backoffDelayMs, chunk, sleep } from './backoff';
import type { DynamoDbJsonClient, Projection } from './dynamodb-json-client';

/** BatchGetItem takes at most 100 keys a call. */
export const BATCH_GET_LIMIT = 100;

export interface BatchRetryPolicy {
  /** Calls for one chunk, the first included, before the keys still unprocessed become errors. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
}

export const DEFAULT_BATCH_RETRY: BatchRetryPolicy = { maxAttempts: 5, baseDelayMs: 25 };

export type Row = Record<string, unknown>;

/** Who sends the BatchGetItem calls: the SDK's document client, or the serving path's JSON client (BENCHMARKS.md, serving cost). */
export type BatchGetSource = DynamoDBDocumentClient | DynamoDbJsonClient;

/** What a batch read decodes: every attribute when undefined. */
export interface BatchGetOptions {
  readonly policy?: BatchRetryPolicy;
  readonly projection?: Projection;
}

/**
 * Reads rows by a single-attribute key: one BatchGetItem per 100 distinct keys (chunks in
 * parallel), UnprocessedKeys retried with backoff. Returns, per key, the row, null when
 * there is none, or an Error when DynamoDB kept the key unprocessed through every attempt.
 */
export function batchGetRows(
  source: BatchGetSource,
  tableName: string,
  keyName: string,
  keys: readonly string[],
  options: BatchGetOptions = {},
): Promise<Map<string, Row | null | Error>> {
  return batchGetByKeys(source, tableName, [...new Set(keys)].map((key) => ({ [keyName]: key })), (row) => String(row[keyName]), options);
}

/** The same for any key shape: `keyOf` names a key (or the key attributes of a row) as one string. */
export async function batchGetByKeys(
  source: BatchGetSource,
  tableName: string,
  keys: readonly Row[],
  keyOf: (keyOrRow: Row) => string,
  options: BatchGetOptions = {},
): Promise<Map<string, Row | null | Error>> {
  const results = new Map<string, Row | null | Error>();
  const send = sender(source, tableName, options.projection);
  const policy = options.policy ?? DEFAULT_BATCH_RETRY;
  await Promise.all(chunk(keys, BATCH_GET_LIMIT).map((keysOfChunk) => getChunk(send, tableName, keysOfChunk, keyOf, policy, results)));
  return results;
}

/** One BatchGetItem of `keys` on the table: the rows it returned and the keys it left unprocessed. */
type ChunkSender = (keys: Row[]) => Promise<{ rows: readonly Row[]; unprocessed: Row[] }>;

function sender(source: BatchGetSource, tableName: string, projection: Projection | undefined): ChunkSender {
  if ('batchGetItem' in source) {
    return async (keys) => {
      const response = await source.batchGetItem({ RequestItems: { [tableName]: { Keys: keys, ...projection } } });
      return { rows: response.Responses[tableName] ?? [], unprocessed: response.UnprocessedKeys[tableName]?.Keys ?? [] };
    };
  }
  return async (keys) => {
    const response = await source.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ...projection } } }));
    return { rows: response.Responses?.[tableName] ?? [], unprocessed: response.UnprocessedKeys?.[tableName]?.Keys ?? [] };
  };
}

async function getChunk(
  send: ChunkSender,
  tableName: string,
  keys: readonly Row[],
  keyOf: (keyOrRow: Row) => string,
  policy: BatchRetryPolicy,
  results: Map<string, Row | null | Error>,
): Promise<void> {
  let pending: Row[] = [...keys];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= policy.maxAttempts) {
      for (const key of pending) {
        const id = keyOf(key);
        results.set(id, new DependencyUnavailableError('dynamodb', `${tableName}: "${id}" stayed unprocessed after ${policy.maxAttempts} BatchGetItem attempts`));
      }
      return;
    }
    if (attempt > 0) await sleep(backoffDelayMs(attempt - 1, policy.baseDelayMs));
    const { rows, unprocessed } = await send(pending);
    for (const row of rows) results.set(keyOf(row), row);
    pending = unprocessed;
  }
  for (const key of keys) if (!results.has(keyOf(key))) results.set(keyOf(key), null);
}
