import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvalidCursorError } from '../../domain/errors';
import type { Interaction } from '../../domain/interaction';
import type { ItemId } from '../../domain/item';
import type { Page, PageRequest } from '../../domain/page';
import type { UserId } from '../../domain/user';
import type { InteractionStore, InteractionStoreWriter, RecentInteraction } from '../../ports/interaction-store.port';
import type { Row } from './batch-get';
import { batchPutRows } from './batch-write';
import { interactionTypeOf, newestFirst, type CompactHistory, type HistoryEntry, type HistoryLimits } from './compact-history';
import { forEachConcurrently } from './concurrently';
import { dedupeByKey } from './dedupe-by-key';
import type { DynamoDbClients } from './dynamodb-client.factory';
import { CursorCodec } from './dynamodb-cursor';
import { DynamoDbUserHistory } from './dynamodb-user-history';
import { countRows, scanAll } from './scan-all';
import { INTERACTIONS_BY_TIME_INDEX, type TableNames } from './table-names';

const LISTING = 'history';
const CURSOR_FIELDS = { userId: 'S', eventId: 'S', occurredAt: 'N' } as const;

const RECENT_PROJECTION = {
  ProjectionExpression: '#itemId, #type, #occurredAt, #sessionId, #eventId',
  ExpressionAttributeNames: { '#userId': 'userId', '#itemId': 'itemId', '#type': 'type', '#occurredAt': 'occurredAt', '#sessionId': 'sessionId', '#eventId': 'eventId' },
};

/** The compact row holds what the serving path reads (SEEN_WINDOW) and stays far below DynamoDB's 400 KB an item. */
export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxEntries: 1000, maxBytes: 300_000 };

/** Users whose history rows one putInteractions updates at once. */
const HISTORY_WRITERS = 8;

/**
 * The interaction log (`interactions`: one row per event, the source of truth, what history
 * pages, training and exports read) and, beside it, each user's newest events as one compact
 * row (`user-history`), what every list reads. putInteractions writes the log, then the rows.
 */
export class DynamoDbInteractionStore implements InteractionStore, InteractionStoreWriter {
  private readonly tableName: string;
  private readonly history: DynamoDbUserHistory;

  constructor(
    private readonly clients: Pick<DynamoDbClients, 'doc' | 'json'>,
    tables: Pick<TableNames, 'interactions' | 'userHistory'>,
    private readonly cursors: CursorCodec = new CursorCodec(),
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {
    this.tableName = tables.interactions;
    this.history = new DynamoDbUserHistory(clients, tables.userHistory, limits);
  }

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

  /**
   * On the serving path (every list reads the user's history): one read of the compact row
   * (a key of the BatchGetItem that also reads the list's user). A user without one is read
   * from the log, and the row is written from what was read, so that the next list finds it.
   */
  async recentInteractions(userId: UserId, limit: number): Promise<RecentInteraction[]> {
    const stored = await this.history.read(userId);
    const row = stored?.history;
    if (row && (!row.truncated || row.entries.length >= limit)) return row.entries.slice(0, limit).map(recentOf);
    const logged = await this.newestLogged(userId, Math.max(limit, this.limits.maxEntries));
    // An undecodable row is left to the next write, which rebuilds it under its version.
    if (!stored) await this.history.create(userId, logged);
    return logged.entries.slice(0, limit).map(recentOf);
  }

  async putInteractions(interactions: readonly Interaction[]): Promise<void> {
    const events = dedupeByKey(interactions, (event) => `${event.userId}\u0000${event.eventId}`);
    await batchPutRows(this.clients.doc, this.tableName, events.map(interactionToRow));
    const byUser = new Map<UserId, HistoryEntry[]>();
    for (const event of events) {
      const entries = byUser.get(event.userId) ?? [];
      entries.push({ itemId: event.itemId, type: event.type, occurredAt: event.occurredAt, eventId: event.eventId, ...(event.sessionId !== undefined ? { sessionId: event.sessionId } : {}) });
      byUser.set(event.userId, entries);
    }
    await forEachConcurrently([...byUser], HISTORY_WRITERS, ([userId, entries]) => this.history.record(userId, entries, () => this.newestLogged(userId, this.limits.maxEntries)));
  }

  /** The user's newest `count` events from the log (one page of the time index), as a compact history. */
  private async newestLogged(userId: UserId, count: number): Promise<CompactHistory> {
    const rows = await this.clients.json.query({
      TableName: this.tableName,
      IndexName: INTERACTIONS_BY_TIME_INDEX,
      KeyConditionExpression: '#userId = :userId',
      ExpressionAttributeValues: { ':userId': userId },
      ...RECENT_PROJECTION,
      ScanIndexForward: false,
      Limit: count + 1,
    });
    const entries = rows.slice(0, count).map((row): HistoryEntry => ({
      itemId: String(row['itemId']),
      type: interactionTypeOf(row['type']),
      occurredAt: Number(row['occurredAt']),
      eventId: String(row['eventId']),
      ...(typeof row['sessionId'] === 'string' ? { sessionId: row['sessionId'] } : {}),
    }));
    return { entries: entries.sort(newestFirst), truncated: rows.length > count };
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

function recentOf({ itemId, type, occurredAt, sessionId }: HistoryEntry): RecentInteraction {
  return sessionId === undefined ? { itemId, type, occurredAt } : { itemId, type, occurredAt, sessionId };
}

function interactionFromRow(row: Row): Interaction {
  const type = interactionTypeOf(row['type']);
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
