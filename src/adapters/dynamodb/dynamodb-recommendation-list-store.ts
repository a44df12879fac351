import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExperimentExposure } from '../../domain/experiment';
import type { FallbackReason, RecommendationList, Strategy } from '../../domain/recommendation';
import type { RecommendationListStore } from '../../ports/recommendation-list-store.port';
import { batchGetRows, type Row } from './batch-get';
import { stringRecord } from './string-record';

/** Served lists, one row each, keyed by the list id that clients echo back with impressions and clicks. */
export class DynamoDbRecommendationListStore implements RecommendationListStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(list: RecommendationList): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          listId: list.id,
          userId: list.userId,
          strategyRequested: list.strategyRequested,
          strategyServed: list.strategyServed,
          fallbackReason: list.fallbackReason,
          modelVersion: list.modelVersion,
          generatedAt: list.generatedAt,
          items: JSON.stringify(list.items),
          context: { ...list.context },
          personalizeRecommendationId: list.personalizeRecommendationId,
          experiment: list.experiment ? JSON.stringify(list.experiment) : undefined,
        },
        // A list id is written once: a second write of the same id is a bug, not a retry.
        ConditionExpression: 'attribute_not_exists(listId)',
      }),
    );
  }

  async getLists(ids: readonly string[]): Promise<(RecommendationList | null | Error)[]> {
    const rows = await batchGetRows(this.doc, this.tableName, 'listId', ids);
    return ids.map((id) => {
      const row = rows.get(id);
      if (!row || row instanceof Error) return row ?? null;
      return listFromRow(row);
    });
  }
}

function listFromRow(row: Row): RecommendationList {
  return {
    id: String(row['listId']),
    userId: typeof row['userId'] === 'string' ? row['userId'] : undefined,
    strategyRequested: String(row['strategyRequested']) as Strategy,
    strategyServed: String(row['strategyServed']) as Strategy,
    fallbackReason: typeof row['fallbackReason'] === 'string' ? (row['fallbackReason'] as FallbackReason) : undefined,
    modelVersion: typeof row['modelVersion'] === 'string' ? row['modelVersion'] : undefined,
    generatedAt: Number(row['generatedAt']),
    items: JSON.parse(String(row['items'] ?? '[]')) as RecommendationList['items'],
    context: stringRecord(row['context']),
    personalizeRecommendationId: typeof row['personalizeRecommendationId'] === 'string' ? row['personalizeRecommendationId'] : undefined,
    experiment: typeof row['experiment'] === 'string' ? (JSON.parse(row['experiment']) as ExperimentExposure) : undefined,
  };
}
