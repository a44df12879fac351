import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Row } from './batch-get';

/** Visits every row of a table (parallel scan segments, each paginated), projecting the given attributes (all when none). */
export async function scanAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  projection: readonly string[],
  visit: (row: Row) => void,
  segments = 4,
): Promise<void> {
  const names = Object.fromEntries(projection.map((name, index) => [`#p${index}`, name]));
  await Promise.all(
    Array.from({ length: segments }, async (_, segment) => {
      let startKey: Row | undefined;
      do {
        const page = await doc.send(
          new ScanCommand({
            TableName: tableName,
            ...(projection.length > 0 ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
            Segment: segment,
            TotalSegments: segments,
            ExclusiveStartKey: startKey,
          }),
        );
        for (const row of page.Items ?? []) visit(row);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }),
  );
}

/** Counts a table's rows exactly (a paginated COUNT scan; fine for a local stack and for operators). */
export async function countRows(doc: DynamoDBDocumentClient, tableName: string): Promise<number> {
  let total = 0;
  let startKey: Row | undefined;
  do {
    const page = await doc.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: startKey }));
    total += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return total;
}
