import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors';
import { backoffDelayMs, chunk, sleep } from './backoff';
import { forEachConcurrently } from './concurrently';
import { DEFAULT_BATCH_RETRY, type BatchRetryPolicy, type Row } from './batch-get';

/** BatchWriteItem takes at most 25 requests a call. */
export const BATCH_WRITE_LIMIT = 25;

type WriteRequest = { PutRequest: { Item: Row } } | { DeleteRequest: { Key: Row } };

/**
 * Puts rows with BatchWriteItem, 25 a call, `concurrency` calls in flight, UnprocessedItems
 * retried with backoff. Resolves when every row is written; rejects when one chunk stays
 * unprocessed through every attempt (rows of other chunks may be written by then: every
 * caller writes idempotent rows, so a rerun completes the work).
 */
export function batchPutRows(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rows: readonly Row[],
  concurrency = 8,
  policy: BatchRetryPolicy = DEFAULT_BATCH_RETRY,
  onChunk?: (written: number) => void,
): Promise<void> {
  return batchWrite(doc, tableName, rows.map((row) => ({ PutRequest: { Item: row } })), concurrency, policy, onChunk);
}

/** Deletes rows by key, as batchPutRows writes them. */
export function batchDeleteKeys(doc: DynamoDBDocumentClient, tableName: string, keys: readonly Row[], concurrency = 8): Promise<void> {
  return batchWrite(doc, tableName, keys.map((key) => ({ DeleteRequest: { Key: key } })), concurrency, DEFAULT_BATCH_RETRY);
}

async function batchWrite(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly WriteRequest[],
  concurrency: number,
  policy: BatchRetryPolicy,
  onChunk?: (written: number) => void,
): Promise<void> {
  await forEachConcurrently(chunk(requests, BATCH_WRITE_LIMIT), concurrency, async (requestsOfChunk) => {
    await writeChunk(doc, tableName, requestsOfChunk, policy);
    onChunk?.(requestsOfChunk.length);
  });
}

async function writeChunk(doc: DynamoDBDocumentClient, tableName: string, requests: readonly WriteRequest[], policy: BatchRetryPolicy): Promise<void> {
  let pending: WriteRequest[] = [...requests];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= policy.maxAttempts) {
      throw new DependencyUnavailableError('dynamodb', `${tableName}: ${pending.length} writes stayed unprocessed after ${policy.maxAttempts} BatchWriteItem attempts`);
    }
    if (attempt > 0) await sleep(backoffDelayMs(attempt - 1, policy.baseDelayMs));
    const response = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (response.UnprocessedItems?.[tableName] ?? []).flatMap((request): WriteRequest[] => {
      if (request.PutRequest?.Item) return [{ PutRequest: { Item: request.PutRequest.Item } }];
      if (request.DeleteRequest?.Key) return [{ DeleteRequest: { Key: request.DeleteRequest.Key } }];
      return [];
    });
  }
}
