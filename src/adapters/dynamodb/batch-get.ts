import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors';
import { backoffDelayMs, chunk, sleep } from './backoff';

/** BatchGetItem takes at most 100 keys a call. */
export const BATCH_GET_LIMIT = 100;

export interface BatchRetryPolicy {
  /** Calls for one chunk, the first included, before the keys still unprocessed become errors. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
}

export const DEFAULT_BATCH_RETRY: BatchRetryPolicy = { maxAttempts: 5, baseDelayMs: 25 };

export type Row = Record<string, unknown>;

/**
 * Reads rows by a single-attribute key: one BatchGetItem per 100 distinct keys (chunks in
 * parallel), UnprocessedKeys retried with backoff. Returns, per key, the row, null when
 * there is none, or an Error when DynamoDB kept the key unprocessed through every attempt.
 */
export function batchGetRows(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keyName: string,
  keys: readonly string[],
  policy: BatchRetryPolicy = DEFAULT_BATCH_RETRY,
): Promise<Map<string, Row | null | Error>> {
  return batchGetByKeys(doc, tableName, [...new Set(keys)].map((key) => ({ [keyName]: key })), (row) => String(row[keyName]), policy);
}

/** The same for any key shape: `keyOf` names a key (or the key attributes of a row) as one string. */
export async function batchGetByKeys(
  doc: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Row[],
  keyOf: (keyOrRow: Row) => string,
  policy: BatchRetryPolicy = DEFAULT_BATCH_RETRY,
): Promise<Map<string, Row | null | Error>> {
  const results = new Map<string, Row | null | Error>();
  await Promise.all(chunk(keys, BATCH_GET_LIMIT).map((keysOfChunk) => getChunk(doc, tableName, keysOfChunk, keyOf, policy, results)));
  return results;
}

async function getChunk(
  doc: DynamoDBDocumentClient,
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
    const response = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
    for (const row of response.Responses?.[tableName] ?? []) results.set(keyOf(row), row);
    pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  for (const key of keys) if (!results.has(keyOf(key))) results.set(keyOf(key), null);
}
