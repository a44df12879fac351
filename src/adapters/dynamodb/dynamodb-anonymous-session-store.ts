import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AnonymousSession, AnonymousSessionEvent } from '../../domain/anonymous-session';
import type { AnonymousSessionStore } from '../../ports/anonymous-session-store.port';
import { deleteExpiredRows } from './expired-rows';

/**
 * Anonymous sessions, one row each keyed by the client's sessionId: `events` (JSON, newest
 * first), `version` (the condition of the next write) and `expiresAt` (epoch seconds,
 * DynamoDB's TTL attribute). TTL deletes lazily, so an expired row is treated as gone on read
 * and may be overwritten; `deleteExpired` does TTL's work for the local stack.
 */
export class DynamoDbAnonymousSessionStore implements AnonymousSessionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async read(sessionId: string, options: { readonly consistent?: boolean } = {}): Promise<AnonymousSession | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { sessionId },
        ProjectionExpression: '#events, #version, #expiresAt',
        ExpressionAttributeNames: { '#events': 'events', '#version': 'version', '#expiresAt': 'expiresAt' },
        ConsistentRead: options.consistent === true,
      }),
    );
    if (!Item || this.expired(Item['expiresAt'])) return undefined;
    return { sessionId, version: Number(Item['version']), events: JSON.parse(String(Item['events'] ?? '[]')) as AnonymousSessionEvent[], expiresAt: Number(Item['expiresAt']) * 1000 };
  }

  async write(session: AnonymousSession, expectedVersion: number | undefined): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { sessionId: session.sessionId, version: session.version, events: JSON.stringify(session.events), expiresAt: Math.ceil(session.expiresAt / 1000) },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(sessionId) OR #expiresAt <= :now', ExpressionAttributeValues: { ':now': Math.floor(this.clock() / 1000) } }
            : { ConditionExpression: '#version = :version', ExpressionAttributeValues: { ':version': expectedVersion } }),
          ExpressionAttributeNames: expectedVersion === undefined ? { '#expiresAt': 'expiresAt' } : { '#version': 'version' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  deleteExpired(): Promise<number> {
    return deleteExpiredRows(this.doc, this.tableName, 'sessionId', Math.floor(this.clock() / 1000));
  }

  private expired(expiresAt: unknown): boolean {
    return typeof expiresAt === 'number' && expiresAt * 1000 <= this.clock();
  }
}
