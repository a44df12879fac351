import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SocketConnection, SocketSubscription } from '../../domain/socket-connection';
import type { Viewer } from '../../domain/viewer';
import type { SocketConnectionStore } from '../../ports/socket-connection-store.port';
import type { Row } from './batch-get';
import { batchDeleteKeys } from './batch-write';
import { scanAll } from './scan-all';
import { CONNECTIONS_BY_USER_INDEX } from './table-names';

const CONNECTION_KEY = 'connection';
const subscriptionKey = (id: string) => `sub#${id}`;

/**
 * Connections of the Lambda deployment's WebSocket API: per connection one row (`key =
 * "connection"`: the viewer, acknowledged) and one per subscription (`key = "sub#<id>"`: the
 * operation, and `userId`, the key of the by-user index publishing reads). Every row carries
 * `expiresAt` (epoch seconds, DynamoDB's TTL attribute); TTL deletes lazily, so an expired
 * connection reads as absent, and expired subscriptions are returned for the publisher to end.
 */
export class DynamoDbSocketConnectionStore implements SocketConnectionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async putConnection(connection: SocketConnection): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { connectionId: connection.connectionId, key: CONNECTION_KEY, viewer: JSON.stringify(connection.viewer), acknowledged: connection.acknowledged, expiresAt: Math.floor(connection.expiresAt / 1000) },
      }),
    );
  }

  async getConnection(connectionId: string): Promise<SocketConnection | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { connectionId, key: CONNECTION_KEY }, ConsistentRead: true }));
    if (!Item || this.expired(Item)) return undefined;
    return { connectionId, viewer: JSON.parse(String(Item['viewer'])) as Viewer, acknowledged: Item['acknowledged'] === true, expiresAt: Number(Item['expiresAt']) * 1000 };
  }

  async deleteConnection(connectionId: string): Promise<void> {
    const { Items } = await this.doc.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: '#c = :c', ExpressionAttributeNames: { '#c': 'connectionId', '#k': 'key' }, ExpressionAttributeValues: { ':c': connectionId }, ProjectionExpression: '#c, #k' }),
    );
    await batchDeleteKeys(this.doc, this.tableName, Items ?? []);
  }

  async putSubscription(subscription: SocketSubscription): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            connectionId: subscription.connectionId,
            key: subscriptionKey(subscription.id),
            userId: subscription.userId,
            viewer: JSON.stringify(subscription.viewer),
            operation: JSON.stringify({ query: subscription.query, operationName: subscription.operationName ?? null, variables: subscription.variables }),
            expiresAt: Math.floor(subscription.expiresAt / 1000),
          },
          ConditionExpression: 'attribute_not_exists(#k)',
          ExpressionAttributeNames: { '#k': 'key' },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async deleteSubscription(connectionId: string, id: string): Promise<void> {
    await batchDeleteKeys(this.doc, this.tableName, [{ connectionId, key: subscriptionKey(id) }]);
  }

  async countSubscriptions(connectionId: string): Promise<number> {
    const { Count } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: '#c = :c AND begins_with(#k, :sub)',
        ExpressionAttributeNames: { '#c': 'connectionId', '#k': 'key' },
        ExpressionAttributeValues: { ':c': connectionId, ':sub': 'sub#' },
        Select: 'COUNT',
      }),
    );
    return Count ?? 0;
  }

  async subscriptionsFor(userId: string): Promise<SocketSubscription[]> {
    const rows: Row[] = [];
    let startKey: Row | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({ TableName: this.tableName, IndexName: CONNECTIONS_BY_USER_INDEX, KeyConditionExpression: '#u = :u', ExpressionAttributeNames: { '#u': 'userId' }, ExpressionAttributeValues: { ':u': userId }, ExclusiveStartKey: startKey }),
      );
      rows.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return rows.map(subscriptionOf);
  }

  async allSubscriptions(): Promise<SocketSubscription[]> {
    const rows: Row[] = [];
    await scanAll(this.doc, this.tableName, [], (row) => {
      if (String(row['key']).startsWith('sub#')) rows.push(row);
    });
    return rows.map(subscriptionOf);
  }

  private expired(row: Row): boolean {
    return typeof row['expiresAt'] === 'number' && row['expiresAt'] * 1000 <= this.clock();
  }
}

function subscriptionOf(row: Row): SocketSubscription {
  const operation = JSON.parse(String(row['operation'])) as { query: string; operationName: string | null; variables: Record<string, unknown> };
  return {
    connectionId: String(row['connectionId']),
    id: String(row['key']).slice('sub#'.length),
    userId: String(row['userId']),
    viewer: JSON.parse(String(row['viewer'])) as Viewer,
    query: operation.query,
    operationName: operation.operationName ?? undefined,
    variables: operation.variables,
    expiresAt: Number(row['expiresAt']) * 1000,
  };
}
