import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DependencyUnavailableError } from '../../domain/errors';
import { backoffDelayMs, chunk, sleep } from './backoff';
import { DEFAULT_BATCH_RETRY, type BatchRetryPolicy, type Row } from './batch-get';

/** BatchWriteItem takes at most 25 requests a call. */
export const BATCH_WRITE_LIMIT = 25;

/**
 * Puts rows with BatchWriteItem, 25 a call, `concurrency` calls in flight, UnprocessedItems
 * retried with backoff. Resolves when every row is written; rejects when one chunk stays
 * unprocessed through every attempt (rows of other chunks may be written by then: every
 * caller writes idempotent rows, so a rerun completes the work).
 */
export async function batchPutRows(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rows: readonly Row[],
  concurrency = 8,
  policy: BatchRetryPolicy = DEFAULT_BATCH_RETRY,
): Promise<void> {
  const chunks = chunk(rows, BATCH_WRITE_LIMIT);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < chunks.length) {
      const rowsOfChunk = chunks[next++];
      if (rowsOfChunk) await putChunk(doc, tableName, rowsOfChunk, policy);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
}

async function putChunk(
  doc: DynamoDBDocumentClient,
  tableName: string,
  rows: readonly Row[],
  policy: BatchRetryPolicy,
): Promise<void> {
  let pending = rows.map((row) => ({ PutRequest: { Item: row } }));
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= policy.maxAttempts) {
      throw new DependencyUnavailableError(
        'dynamodb',
        `${tableName}: ${pending.length} rows stayed unprocessed after ${policy.maxAttempts} BatchWriteItem attempts`,
      );
    }
    if (attempt > 0) await sleep(backoffDelayMs(attempt - 1, policy.baseDelayMs));
    const response = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
    pending = (response.UnprocessedItems?.[tableName] ?? []).flatMap((request) =>
      request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
    );
  }
}
