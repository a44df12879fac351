import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Row } from './batch-get';
import { batchDeleteKeys } from './batch-write';

/**
 * Deletes the rows whose `expiresAt` (epoch seconds, DynamoDB's TTL attribute) is at or before
 * `nowSeconds`: what DynamoDB's TTL does in AWS, for the local stack (dynalite has none).
 * `key` is the table's partition key; returns how many rows went.
 */
export async function deleteExpiredRows(doc: DynamoDBDocumentClient, tableName: string, key: string, nowSeconds: number): Promise<number> {
  let deleted = 0;
  let startKey: Row | undefined;
  do {
    const page = await doc.send(
      new ScanCommand({
        TableName: tableName,
        ProjectionExpression: '#key',
        FilterExpression: '#expiresAt <= :now',
        ExpressionAttributeNames: { '#key': key, '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':now': nowSeconds },
        ExclusiveStartKey: startKey,
      }),
    );
    await batchDeleteKeys(doc, tableName, page.Items ?? []);
    deleted += page.Items?.length ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return deleted;
}
