import { DependencyUnavailableError } from '../../domain/errors';
import type { UserId } from '../../domain/user';
import { batchGetRows, type Row } from './batch-get';
import { decodeHistory, mergeHistory, type CompactHistory, type HistoryEntry, type HistoryLimits } from './compact-history';
import type { DynamoDbClients } from './dynamodb-client.factory';
import { DynamoDbServiceError } from './dynamodb-json-client';

/** Writers of one user's row that may meet another writer in between (each loss reads again). */
const WRITE_ATTEMPTS = 8;

/** The key too: a batch read tells its rows apart by it. */
const PROJECTION = { ProjectionExpression: '#userId, #entries, #truncated, #version', ExpressionAttributeNames: { '#userId': 'userId', '#entries': 'entries', '#truncated': 'truncated', '#version': 'version' } };

export interface StoredHistory {
  readonly version: number;
  /** Undefined when the row cannot be decoded: the next write rebuilds it from the log. */
  readonly history: CompactHistory | undefined;
}

/** The user's newest events as the interaction log has them (what a missing or undecodable row is built from). */
export type HistorySeed = () => Promise<CompactHistory>;

/**
 * A user's newest events as one row of `user-history` (`userId`; `entries`: compact JSON,
 * newest first; `truncated`; `version`, the condition of the next write), so that a list
 * reads one small item instead of querying hundreds of log rows. The interaction log stays
 * the source of truth: a user without a row (written before this table, or whose first write
 * stopped between the log and the row) is built from the log.
 */
export class DynamoDbUserHistory {
  constructor(
    private readonly clients: Pick<DynamoDbClients, 'json'>,
    private readonly tableName: string,
    private readonly limits: HistoryLimits,
  ) {}

  /** A list's read: a BatchGetItem of the one key, which the JSON client sends with the list's user read (one round trip). */
  private async servingRead(userId: UserId): Promise<Row | undefined> {
    const row = (await batchGetRows(this.clients.json, this.tableName, 'userId', [userId], { projection: PROJECTION })).get(userId);
    if (row instanceof Error) throw row;
    return row ?? undefined;
  }

  /** Undefined when the user has no row yet. */
  async read(userId: UserId, consistent = false): Promise<StoredHistory | undefined> {
    const row = consistent ? await this.clients.json.getItem({ TableName: this.tableName, Key: { userId }, ...PROJECTION, ConsistentRead: true }) : await this.servingRead(userId);
    if (!row) return undefined;
    const version = Number(row['version']);
    try {
      return { version, history: { entries: decodeHistory(String(row['entries'])), truncated: row['truncated'] === true } };
    } catch {
      return { version, history: undefined };
    }
  }

  /**
   * Adds `added` (events of `userId`, already in the log) to the user's row: read, merge
   * (events it holds add nothing), conditional put on the version read; a lost race reads again.
   * A missing or undecodable row is rebuilt from `seed` (the log, which holds `added` by now).
   */
  async record(userId: UserId, added: readonly HistoryEntry[], seed: HistorySeed): Promise<void> {
    for (let attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
      const stored = await this.read(userId, true);
      const merged = mergeHistory(stored?.history ?? (await seed()), added, this.limits);
      if (stored?.history && !merged.changed) return;
      if (await this.write(userId, merged, stored?.version)) return;
    }
    throw new DependencyUnavailableError('dynamodb', `the history row of user ${userId} was written by ${WRITE_ATTEMPTS} other requests meanwhile`);
  }

  /** Writes the row built from the log for a user who had none; false when a writer came first (its row is as good). */
  async create(userId: UserId, history: CompactHistory): Promise<boolean> {
    return this.write(userId, mergeHistory(history, [], this.limits), undefined);
  }

  private async write(userId: UserId, history: CompactHistory & { readonly encoded: string }, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.clients.json.putItem({
        TableName: this.tableName,
        Item: { userId, entries: history.encoded, truncated: history.truncated, version: (expectedVersion ?? 0) + 1 },
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(userId)' }
          : { ConditionExpression: '#version = :version', ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':version': expectedVersion } }),
      });
      return true;
    } catch (error) {
      if (error instanceof DynamoDbServiceError && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }
}
