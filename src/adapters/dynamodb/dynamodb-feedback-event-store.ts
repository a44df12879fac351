import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FeedbackEvent, FeedbackKind, ForwardState } from '../../domain/feedback-event';
import type { InteractionType } from '../../domain/interaction';
import type { RecommendationSource, Strategy } from '../../domain/recommendation';
import type { FeedbackEventStore } from '../../ports/feedback-event-store.port';
import { scanAll } from './scan-all';
import { EVENTS_BY_RECEIPT_INDEX, EVENTS_PENDING_INDEX, PENDING_PARTITION } from './table-names';

type Row = Record<string, unknown>;

/**
 * The event log: one row per (userId, eventId), written with a condition so that a retry or
 * a concurrent duplicate never makes a second row. Events still to be forwarded carry
 * `pending`, the key of a sparse index that the replay job reads.
 */
export class DynamoDbFeedbackEventStore implements FeedbackEventStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(event: FeedbackEvent): Promise<{ created: true } | { created: false; existing: FeedbackEvent }> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: rowOf(event), ConditionExpression: 'attribute_not_exists(eventId)' }));
      return { created: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { userId: event.userId, eventId: event.eventId }, ConsistentRead: true }));
    if (!Item) throw new Error(`event ${event.eventId} of ${event.userId} exists but could not be read`);
    return { created: false, existing: eventOf(Item) };
  }

  async markForwarded(userId: string, eventIds: readonly string[]): Promise<void> {
    for (const eventId of eventIds) {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { userId, eventId },
          UpdateExpression: 'SET #forward = :forwarded REMOVE #pending',
          ConditionExpression: 'attribute_exists(eventId)',
          ExpressionAttributeNames: { '#forward': 'forward', '#pending': 'pending' },
          ExpressionAttributeValues: { ':forwarded': 'FORWARDED' },
        }),
      );
    }
  }

  async pendingForward(limit: number): Promise<FeedbackEvent[]> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: EVENTS_PENDING_INDEX,
        KeyConditionExpression: '#pending = :pending',
        ExpressionAttributeNames: { '#pending': 'pending' },
        ExpressionAttributeValues: { ':pending': PENDING_PARTITION },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(eventOf);
  }

  async lastReceivedAt(userId: string): Promise<number | undefined> {
    const { Items } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: EVENTS_BY_RECEIPT_INDEX,
        KeyConditionExpression: 'userId = :user',
        ExpressionAttributeValues: { ':user': userId },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const newest = Items?.[0]?.['receivedAt'];
    return typeof newest === 'number' ? newest : undefined;
  }

  scanEvents(visit: (event: FeedbackEvent) => void): Promise<void> {
    return scanAll(this.doc, this.tableName, [], (row) => visit(eventOf(row)));
  }

  async eventsOf(userId: string): Promise<FeedbackEvent[]> {
    const events: FeedbackEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'userId = :user', ExpressionAttributeValues: { ':user': userId }, ...(start ? { ExclusiveStartKey: start } : {}) }),
      );
      events.push(...(page.Items ?? []).map(eventOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return events.sort((a, b) => a.receivedAt - b.receivedAt);
  }
}

function rowOf(event: FeedbackEvent): Row {
  return {
    userId: event.userId,
    eventId: event.eventId,
    kind: event.kind,
    itemIds: JSON.stringify(event.itemIds),
    interactionType: event.interactionType,
    value: event.value,
    attribution: event.attribution ? JSON.stringify(event.attribution) : undefined,
    occurredAt: event.occurredAt,
    receivedAt: event.receivedAt,
    payloadHash: event.payloadHash,
    forward: event.forward,
    ...(event.forward === 'PENDING' ? { pending: PENDING_PARTITION } : {}),
  };
}

function eventOf(row: Row): FeedbackEvent {
  const attribution =
    typeof row['attribution'] === 'string'
      ? (JSON.parse(row['attribution']) as { recommendationId: string; strategy: Strategy; rank?: number; source?: RecommendationSource; personalizeRecommendationId?: string; experiment?: { experimentId: string; variant: string } })
      : undefined;
  return {
    userId: String(row['userId']),
    eventId: String(row['eventId']),
    kind: String(row['kind']) as FeedbackKind,
    itemIds: JSON.parse(String(row['itemIds'] ?? '[]')) as string[],
    interactionType: typeof row['interactionType'] === 'string' ? (row['interactionType'] as InteractionType) : undefined,
    value: typeof row['value'] === 'number' ? row['value'] : undefined,
    attribution: attribution
      ? {
          recommendationId: attribution.recommendationId,
          strategy: attribution.strategy,
          rank: attribution.rank,
          source: attribution.source,
          personalizeRecommendationId: attribution.personalizeRecommendationId,
          ...(attribution.experiment ? { experiment: attribution.experiment } : {}),
        }
      : undefined,
    occurredAt: Number(row['occurredAt']),
    receivedAt: Number(row['receivedAt']),
    payloadHash: String(row['payloadHash']),
    forward: String(row['forward']) as ForwardState,
  };
}
