import { DependencyUnavailableError } from '../../domain/errors';
import type { Row } from './batch-get';
import type { BatchGetRequest, BatchGetResult, Projection } from './dynamodb-json-client';

/** BatchGetItem's limit of keys a call. */
const BATCH_GET_KEYS = 100;

type TableRequest = BatchGetRequest['RequestItems'][string];

/** One table of the pending call: the keys every waiter asked for (each once), under one projection. */
interface PendingTable {
  readonly keyNames: readonly string[];
  readonly projection: Partial<Projection>;
  readonly signature: string;
  /** Whether its rows carry the key attributes, so that a shared read can be split by key. */
  readonly splittable: boolean;
  readonly keys: Map<string, Row>;
  /** How many waiters read this table: a table read by one is answered whole, a shared one split by key. */
  readers: number;
}

interface Waiter {
  readonly request: BatchGetRequest;
  resolve(result: BatchGetResult): void;
  reject(error: unknown): void;
}

interface PendingBatch {
  readonly tables: Map<string, PendingTable>;
  keys: number;
  readonly waiters: Waiter[];
}

/**
 * Sends the BatchGetItem requests made in one turn of the event loop as one call of up to 100
 * keys: a list's user and its history row are one round trip, and so are the reads of the
 * lists that concurrent requests serve in the same turn (the users and histories of several
 * viewers). Each caller gets exactly the rows and unprocessed keys of its own keys, as if it
 * had called alone (a key two callers ask for is read once, its row given to both). A request
 * that cannot share the pending call — past 100 keys, another projection of a table the call
 * reads, or a projection without the key attributes the rows are told apart by — goes on its
 * own; so does each request again when DynamoDB refuses the shared call, so that one request's
 * fault is its own.
 */
export class BatchGetCoalescer {
  private pending: PendingBatch | undefined;

  constructor(private readonly send: (request: BatchGetRequest) => Promise<BatchGetResult>) {}

  read(request: BatchGetRequest): Promise<BatchGetResult> {
    const tables = Object.entries(request.RequestItems);
    const keys = tables.reduce((sum, [, { Keys }]) => sum + Keys.length, 0);
    const batch = this.pending;
    if (batch && (batch.keys + keys > BATCH_GET_KEYS || !tables.every(([name, table]) => joins(batch.tables.get(name), table)))) return this.send(request);
    const joined = batch ?? this.start();
    for (const [name, table] of tables) {
      const shared = joined.tables.get(name) ?? newTable(table);
      joined.tables.set(name, shared);
      shared.readers++;
      for (const key of table.Keys) {
        const id = keyOf(key, shared.keyNames);
        if (!shared.keys.has(id)) {
          shared.keys.set(id, key);
          joined.keys++;
        }
      }
    }
    return new Promise((resolve, reject) => joined.waiters.push({ request, resolve, reject }));
  }

  private start(): PendingBatch {
    const batch: PendingBatch = { tables: new Map(), keys: 0, waiters: [] };
    this.pending = batch;
    setImmediate(() => {
      this.pending = undefined;
      const requestItems: Record<string, TableRequest> = {};
      for (const [name, table] of batch.tables) requestItems[name] = { ...table.projection, Keys: [...table.keys.values()] };
      this.send({ RequestItems: requestItems }).then(
        (result) => {
          for (const waiter of batch.waiters) waiter.resolve(shareOf(result, waiter.request, batch.tables));
        },
        (error: unknown) => {
          const alone = batch.waiters.length > 1 && !(error instanceof DependencyUnavailableError);
          for (const { request, resolve, reject } of batch.waiters) {
            if (alone) this.send(request).then(resolve, reject);
            else reject(error);
          }
        },
      );
    });
    return batch;
  }
}

function newTable(table: TableRequest): PendingTable {
  const projection: Partial<Projection> = table.ProjectionExpression === undefined ? {} : { ProjectionExpression: table.ProjectionExpression, ExpressionAttributeNames: table.ExpressionAttributeNames ?? {} };
  const keyNames = keyNamesOf(table.Keys);
  return { keyNames, projection, signature: signatureOf(table), splittable: projects(projection, keyNames), keys: new Map(), readers: 0 };
}

/** Whether a request's keys of a table can share the pending call's read of it. */
function joins(shared: PendingTable | undefined, table: TableRequest): boolean {
  if (!shared) return true;
  const names = keyNamesOf(table.Keys);
  return (
    shared.splittable &&
    signatureOf(table) === shared.signature &&
    names.length === shared.keyNames.length &&
    names.every((name, index) => name === shared.keyNames[index]) &&
    table.Keys.every((key) => sameNames(key, names))
  );
}

/** The rows and unprocessed keys of one waiter's keys: its tables read by it alone whole, shared ones by key. */
function shareOf(result: BatchGetResult, request: BatchGetRequest, tables: ReadonlyMap<string, PendingTable>): BatchGetResult {
  const responses: Record<string, Row[]> = {};
  const unprocessed: Record<string, { Keys: Row[] }> = {};
  for (const [name, { Keys }] of Object.entries(request.RequestItems)) {
    const table = tables.get(name);
    const rows = result.Responses[name];
    const left = result.UnprocessedKeys[name]?.Keys;
    if (!table || table.readers === 1) {
      if (rows) responses[name] = rows;
      if (left) unprocessed[name] = { Keys: left };
      continue;
    }
    const mine = new Set(Keys.map((key) => keyOf(key, table.keyNames)));
    if (rows) responses[name] = rows.filter((row) => mine.has(keyOf(row, table.keyNames)));
    const leftOfMine = (left ?? []).filter((key) => mine.has(keyOf(key, table.keyNames)));
    if (leftOfMine.length > 0) unprocessed[name] = { Keys: leftOfMine };
  }
  return { Responses: responses, UnprocessedKeys: unprocessed };
}

function keyNamesOf(keys: readonly Row[]): string[] {
  return Object.keys(keys[0] ?? {}).sort();
}

function sameNames(key: Row, names: readonly string[]): boolean {
  const own = Object.keys(key);
  return own.length === names.length && own.every((name) => names.includes(name));
}

function keyOf(keyOrRow: Row, names: readonly string[]): string {
  return JSON.stringify(names.map((name) => keyOrRow[name] ?? null));
}

function signatureOf(table: TableRequest): string {
  return table.ProjectionExpression === undefined ? '' : `${table.ProjectionExpression}\n${JSON.stringify(table.ExpressionAttributeNames ?? {})}`;
}

/** Whether the rows a projection returns carry every key attribute (no projection: every attribute). */
function projects(projection: Partial<Projection>, keyNames: readonly string[]): boolean {
  if (projection.ProjectionExpression === undefined) return true;
  const names = projection.ExpressionAttributeNames ?? {};
  const projected = new Set(projection.ProjectionExpression.split(',').map((path) => {
    const top = path.trim().split(/[.[]/)[0] ?? '';
    return names[top] ?? top;
  }));
  return keyNames.every((name) => projected.has(name));
}
