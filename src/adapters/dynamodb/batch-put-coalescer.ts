import { DependencyUnavailableError } from '../../domain/errors';
import type { WireRow } from './attribute-values';
import { backoffDelayMs, sleep } from './backoff';

/** BatchWriteItem's limit of requests a call. */
const BATCH_WRITE_REQUESTS = 25;

/** A put of an item whose key is new. */
export interface NewItemPut {
  readonly TableName: string;
  readonly Item: WireRow;
  /** The item's key attributes: two puts of one key never share a call (DynamoDB refuses that). */
  readonly KeyNames: readonly string[];
}

/** How the coalescer reaches DynamoDB: the client's signed, retried calls. */
export interface PutTransport {
  /** One PutItem, refused when an item of that key exists. */
  putNewItem(put: NewItemPut): Promise<void>;
  /** One BatchWriteItem of puts; resolves with the items DynamoDB left unprocessed. */
  batchWriteItem(requestItems: Readonly<Record<string, readonly WireRow[]>>): Promise<Record<string, WireRow[]>>;
}

interface Waiter {
  readonly put: NewItemPut;
  readonly id: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends the puts of new items made in one turn of the event loop as one BatchWriteItem of up
 * to 25: the lists that concurrent requests serve in the same turn are stored in one round
 * trip instead of one each. A put alone in its turn is a PutItem that DynamoDB refuses when
 * the key exists; BatchWriteItem takes no condition, so in a shared call only the key's
 * newness guards it (the callers' keys are fresh random ids). Every caller's promise
 * settles when its own item is written, or fails on its own: items DynamoDB leaves
 * unprocessed are retried with backoff (then DependencyUnavailableError for those alone), and
 * when DynamoDB refuses the shared call each put is sent again on its own, so that one
 * request's bad item fails that request only. A 26th put, or a second put of a key the pending
 * call holds, goes on its own.
 */
export class BatchPutCoalescer {
  private pending: Waiter[] | undefined;

  constructor(
    private readonly transport: PutTransport,
    private readonly maxAttempts: number,
  ) {}

  put(put: NewItemPut): Promise<void> {
    const id = idOf(put.TableName, put.KeyNames, put.Item);
    const batch = this.pending;
    if (batch && (batch.length >= BATCH_WRITE_REQUESTS || batch.some((waiter) => waiter.id === id))) return this.transport.putNewItem(put);
    const joined = batch ?? this.start();
    return new Promise((resolve, reject) => joined.push({ put, id, resolve, reject }));
  }

  private start(): Waiter[] {
    const batch: Waiter[] = [];
    this.pending = batch;
    setImmediate(() => {
      this.pending = undefined;
      const [only] = batch;
      if (only && batch.length === 1) this.transport.putNewItem(only.put).then(only.resolve, only.reject);
      else void this.write(batch);
    });
    return batch;
  }

  private async write(batch: readonly Waiter[]): Promise<void> {
    let left = batch;
    for (let attempt = 1; left.length > 0; attempt++) {
      let unprocessed: Record<string, WireRow[]>;
      try {
        unprocessed = await this.transport.batchWriteItem(requestItemsOf(left));
      } catch (error) {
        // Refused outright (one bad item, say): each put on its own; unavailable: every put of the call fails with it.
        const alone = !(error instanceof DependencyUnavailableError);
        for (const waiter of left) {
          if (alone) this.transport.putNewItem(waiter.put).then(waiter.resolve, waiter.reject);
          else waiter.reject(error);
        }
        return;
      }
      const still = new Set<string>();
      for (const [table, items] of Object.entries(unprocessed)) {
        const keyNames = left.find((waiter) => waiter.put.TableName === table)?.put.KeyNames ?? [];
        for (const item of items) still.add(idOf(table, keyNames, item));
      }
      const notWritten = left.filter((waiter) => still.has(waiter.id));
      for (const waiter of left) if (!notWritten.includes(waiter)) waiter.resolve();
      left = notWritten;
      if (left.length === 0) return;
      if (attempt >= this.maxAttempts) {
        const error = new DependencyUnavailableError('dynamodb', `DynamoDB BatchWriteItem left ${left.length} of its puts unprocessed after ${this.maxAttempts} attempts`);
        for (const waiter of left) waiter.reject(error);
        return;
      }
      await sleep(backoffDelayMs(attempt - 1, 25));
    }
  }
}

function requestItemsOf(waiters: readonly Waiter[]): Record<string, WireRow[]> {
  const items: Record<string, WireRow[]> = {};
  for (const { put } of waiters) (items[put.TableName] ??= []).push(put.Item);
  return items;
}

/** A put's table and key values, which tell its unprocessed item apart from the others of the call. */
function idOf(tableName: string, keyNames: readonly string[], item: WireRow): string {
  return `${tableName}\n${JSON.stringify(keyNames.map((name) => item[name] ?? null))}`;
}
