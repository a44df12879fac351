import type { User, UserId } from '../../domain/user';
import type { UserDirectory, UserDirectoryWriter } from '../../ports/user-directory.port';
import { batchGetRows } from './batch-get';
import { batchPutRows } from './batch-write';
import { dedupeByKey } from './dedupe-by-key';
import type { DynamoDbClients } from './dynamodb-client.factory';
import { countRows, scanAll } from './scan-all';
import { stringRecord } from './string-record';

const USER_PROJECTION = { ProjectionExpression: '#userId, #attributes', ExpressionAttributeNames: { '#userId': 'userId', '#attributes': 'attributes' } };

export class DynamoDbUserDirectory implements UserDirectory, UserDirectoryWriter {
  constructor(
    private readonly clients: Pick<DynamoDbClients, 'doc' | 'json'>,
    private readonly tableName: string,
  ) {}

  /** On the serving path (every list reads its user): the JSON client, the attributes used. */
  async getUsers(ids: readonly UserId[]): Promise<(User | null | Error)[]> {
    const rows = await batchGetRows(this.clients.json, this.tableName, 'userId', ids, { projection: USER_PROJECTION });
    return ids.map((id) => {
      const row = rows.get(id);
      if (row instanceof Error) return row;
      return row ? { id: String(row['userId']), attributes: stringRecord(row['attributes']) } : null;
    });
  }

  async putUsers(users: readonly User[]): Promise<void> {
    const rows = dedupeByKey(users, (user) => user.id).map((user) => ({ userId: user.id, attributes: { ...user.attributes } }));
    await batchPutRows(this.clients.doc, this.tableName, rows);
  }

  async ensureUsers(ids: readonly UserId[]): Promise<number> {
    const stored = await batchGetRows(this.clients.doc, this.tableName, 'userId', ids, { projection: { ProjectionExpression: '#userId', ExpressionAttributeNames: { '#userId': 'userId' } } });
    const missing: string[] = [];
    for (const [id, row] of stored) {
      if (row instanceof Error) throw row;
      if (row === null) missing.push(id);
    }
    await batchPutRows(this.clients.doc, this.tableName, missing.map((userId) => ({ userId, attributes: {} })));
    return missing.length;
  }

  scanUsers(visit: (user: User) => void): Promise<void> {
    return scanAll(this.clients.doc, this.tableName, [], (row) => visit({ id: String(row['userId']), attributes: stringRecord(row['attributes']) }));
  }

  count(): Promise<number> {
    return countRows(this.clients.doc, this.tableName);
  }
}
