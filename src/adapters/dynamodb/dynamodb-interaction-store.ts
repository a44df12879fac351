import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '../../domain/errors';
import { INTERACTION_TYPES, type Interaction, type InteractionType } from '../../domain/interaction';
import type { ItemId } from '../../domain/item';
import type { Page, PageRequest } from '../../domain/page';
import type { UserId } from '../../domain/user';
import type { InteractionStore, InteractionStoreWriter, RecentInteraction } from '../../ports/interaction-store.port';
import type { Row } from './batch-get';
import { batchPutRows } from './batch-write';
import { dedupeByKey } from './dedupe-by-key';
import type { DynamoDbClients } from './dynamodb-client.factory';
import { CursorCodec } from './dynamodb-cursor';
import { countRows, scanAll } from './scan-all';
import { INTERACTIONS_BY_TIME_INDEX } from './table-names';

const LISTING = 'history';
const CURSOR_FIELDS = { userId: 'S', eventId: 'S', occurredAt: 'N' } as const;

const RECENT_PROJECTION = {
  ProjectionExpression: '#itemId, #type, #occurredAt, #sessionId',
  ExpressionAttributeNames: { '#userId': 'userId', '#itemId': 'itemId', '#type': 'type', '#occurredAt': 'occurredAt', '#sessionId': 'sessionId' },
};

export class DynamoDbInteractionStore implements InteractionStore, InteractionStoreWriter {
  constructor(
    private readonly clients: Pick<DynamoDbClients, 'doc' | 'json'>,
    private readonly tableName: string,
    private readonly cursors: CursorCodec = new CursorCodec(),
  ) {}

  async listHistory(userId: UserId, page: PageRequest): Promise<Page<Interaction>> {
    const startKey = page.after ? this.cursors.decode(LISTING, page.after, CURSOR_FIELDS) : undefined;
    if (startKey && startKey['userId'] !== userId) throw new InvalidCursorError('belongs to another user\'s history');
    const response = await this.clients.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: INTERACTIONS_BY_TIME_INDEX,
        KeyConditionExpression: '#userId = :userId',
        ExpressionAttributeNames: { '#userId': 'userId' },
        ExpressionAttributeValues: { ':userId': userId },
        ScanIndexForward: false,
        Limit: page.first + 1,
        ExclusiveStartKey: startKey,
      }),
    );
    const rows = response.Items ?? [];
    return {
      nodes: rows.slice(0, page.first).map((row) => ({
        node: interactionFromRow(row),
        cursor: this.cursors.encode(LISTING, { userId, eventId: String(row['eventId']), occurredAt: Number(row['occurredAt']) }),
      })),
      hasNextPage: rows.length > page.first,
    };
  }

  /** On the serving path (every list reads the user's history): the JSON client, the attributes used, one page. */
  async recentInteractions(userId: UserId, limit: number): Promise<RecentInteraction[]> {
    const rows = await this.clients.json.query({
      TableName: this.tableName,
      IndexName: INTERACTIONS_BY_TIME_INDEX,
      KeyConditionExpression: '#userId = :userId',
      ExpressionAttributeValues: { ':userId': userId },
      ...RECENT_PROJECTION,
      ScanIndexForward: false,
      Limit: limit,
    });
    return rows.map((row) => ({
      itemId: String(row['itemId']),
      type: interactionTypeFrom(row['type']),
      occurredAt: Number(row['occurredAt']),
      ...(typeof row['sessionId'] === 'string' ? { sessionId: row['sessionId'] } : {}),
    }));
  }

  async putInteractions(interactions: readonly Interaction[]): Promise<void> {
    const rows = dedupeByKey(interactions, (event) => `${event.userId}\u0000${event.eventId}`).map(interactionToRow);
    await batchPutRows(this.clients.doc, this.tableName, rows);
  }

  /** Distinct users per item: one account's many events on an item count once. */
  async countByItem(): Promise<Map<ItemId, number>> {
    const counts = new Map<ItemId, number>();
    const pairs = new Set<string>();
    await scanAll(this.clients.doc, this.tableName, ['userId', 'itemId'], (row) => {
      const itemId = String(row['itemId']);
      const pair = `${String(row['userId'])}\u0000${itemId}`;
      if (pairs.has(pair)) return;
      pairs.add(pair);
      counts.set(itemId, (counts.get(itemId) ?? 0) + 1);
    });
    return counts;
  }

  scanInteractions(visit: (event: Interaction) => void): Promise<void> {
    return scanAll(this.clients.doc, this.tableName, [], (row) => visit(interactionFromRow(row)));
  }

  scanPositives(visit: (userId: UserId, itemId: ItemId, occurredAt: number) => void): Promise<void> {
    return scanAll(this.clients.doc, this.tableName, ['userId', 'itemId', 'occurredAt'], (row) =>
      visit(String(row['userId']), String(row['itemId']), Number(row['occurredAt'])),
    );
  }

  count(): Promise<number> {
    return countRows(this.clients.doc, this.tableName);
  }
}

function interactionToRow(event: Interaction): Row {
  return {
    userId: event.userId,
    eventId: event.eventId,
    itemId: event.itemId,
    type: event.type,
    eventType: event.eventType,
    value: event.value,
    occurredAt: event.occurredAt,
    ...(event.sessionId !== undefined ? { sessionId: event.sessionId } : {}),
  };
}

function interactionTypeFrom(value: unknown): InteractionType {
  const type = String(value);
  return (INTERACTION_TYPES as readonly string[]).includes(type) ? (type as InteractionType) : 'OTHER';
}

function interactionFromRow(row: Row): Interaction {
  const type = interactionTypeFrom(row['type']);
  return {
    userId: String(row['userId']),
    eventId: String(row['eventId']),
    itemId: String(row['itemId']),
    type,
    eventType: String(row['eventType'] ?? type.toLowerCase()),
    value: typeof row['value'] === 'number' ? row['value'] : undefined,
    occurredAt: Number(row['occurredAt']),
    ...(typeof row['sessionId'] === 'string' ? { sessionId: row['sessionId'] } : {}),
  };
}
