import type { ExperimentExposure } from '../../domain/experiment';
import type { FallbackReason, RecommendationList, Strategy } from '../../domain/recommendation';
import type { RecommendationListStore } from '../../ports/recommendation-list-store.port';
import { batchGetRows, type Row } from './batch-get';
import type { DynamoDbClients } from './dynamodb-client.factory';
import { deleteExpiredRows } from './expired-rows';
import { stringRecord } from './string-record';

export interface ListRetention {
  /** How long a list is kept after it was served (its `expiresAt`, DynamoDB's TTL attribute). */
  readonly retentionMs: number;
  readonly clock: () => number;
}

/**
 * Served lists, one row each, keyed by the list id that clients echo back with impressions and
 * clicks. Each carries `expiresAt` (epoch seconds): DynamoDB's TTL deletes it in AWS (lazily,
 * so an expired row is treated as gone on read), `deleteExpired` does it for the local stack.
 */
export class DynamoDbRecommendationListStore implements RecommendationListStore {
  constructor(
    private readonly clients: Pick<DynamoDbClients, 'doc' | 'json'>,
    private readonly tableName: string,
    private readonly retention: ListRetention = { retentionMs: 30 * 86_400_000, clock: Date.now },
  ) {}

  /**
   * On the serving path (every list is stored): the JSON client, where the lists concurrent
   * requests store in one turn share one BatchWriteItem. A list id is written once: a put alone
   * is refused when the id exists; in a shared call (BatchWriteItem takes no condition) the id
   * itself guards it, a fresh random UUID of 122 random bits.
   */
  async save(list: RecommendationList): Promise<void> {
    await this.clients.json.putNewItem({
      TableName: this.tableName,
      KeyNames: ['listId'],
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
        expiresAt: Math.floor((list.generatedAt + this.retention.retentionMs) / 1000),
      },
    });
  }

  async getLists(ids: readonly string[]): Promise<(RecommendationList | null | Error)[]> {
    const rows = await batchGetRows(this.clients.json, this.tableName, 'listId', ids);
    const now = this.retention.clock() / 1000;
    return ids.map((id) => {
      const row = rows.get(id);
      if (!row || row instanceof Error) return row ?? null;
      return typeof row['expiresAt'] === 'number' && row['expiresAt'] <= now ? null : listFromRow(row);
    });
  }

  /** Deletes the lists whose time is up (what DynamoDB's TTL does in AWS; dynalite has none); returns how many. */
  async deleteExpired(): Promise<number> {
    return deleteExpiredRows(this.clients.doc, this.tableName, 'listId', Math.floor(this.retention.clock() / 1000));
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
