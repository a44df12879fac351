import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import type { ItemId } from '../../domain/item';
import { ITEM_LIST_MODELS, type ItemArtefact, type ItemListModel, type NewArrival, type PopularityArtefact, type UserArtefact, type WeightedIds } from '../../domain/model-artefacts';
import type { ModelArtefactsToWrite, ModelInfo, ModelReader, ModelWriter, SharedArtefacts } from '../../ports/model-store.port';
import { decodeList, encodeList } from './artefact-codec';
import { batchGetByKeys, type Row } from './batch-get';
import { batchDeleteKeys, batchPutRows } from './batch-write';
import { LruCache } from '../../support/lru-cache';
import { ScopedKeys } from '../../support/scoped-keys';
import { SharedLoad } from '../../support/shared-load';
import { ModelPublishConflictError } from '../../domain/errors';

const POINTER = { version: 'CURRENT', key: 'baseline' } as const;

/** The attribute prefix of each model's list on an item row (`easeIds`, `easeWeights` …). */
const LIST_ATTRIBUTE: Readonly<Record<ItemListModel, string>> = { EASE: 'ease', ITEM_KNN: 'knn', PURE_SVD: 'svd', RP3_BETA: 'rp3', TRANSITIONS: 'next' };

export interface ModelStoreOptions {
  /** How long the current-model pointer is cached; a model trained elsewhere is served after at most this. */
  readonly pointerCacheMs: number;
  /** Artefact rows kept in memory. A version's rows never change, so they are cached without expiry. */
  readonly artefactCacheRows: number;
}

/**
 * Model artefacts in one table, keyed by (version, key): every row of a training is
 * written under a new version, and one pointer row names the current version. Serving reads
 * the pointer (cached) and then only the rows it needs for one user.
 */
export class DynamoDbModelStore implements ModelReader, ModelWriter {
  /** The current-model pointer; requests that find it expired together share one GetItem. */
  private readonly pointer = new SharedLoad<ModelInfo | undefined>();
  /** Decoded artefacts by `version/key`: a version's rows never change, so they are cached without expiry. */
  private readonly decoded: LruCache<string, ItemArtefact | UserArtefact | WeightedIds | null>;
  private readonly shared = new LruCache<string, SharedArtefacts>(2);
  private readonly keys: ScopedKeys;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: ModelStoreOptions = { pointerCacheMs: 30_000, artefactCacheRows: 50_000 },
  ) {
    this.decoded = new LruCache(options.artefactCacheRows);
    this.keys = new ScopedKeys(Math.max(1, options.artefactCacheRows));
  }

  /** Drops the cached pointer: told that a model was published, the next read finds it at once. */
  forgetCurrentModel(): void {
    this.pointer.forget();
  }

  currentModel(): Promise<ModelInfo | undefined> {
    return this.pointer.get(
      async () => {
        const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: POINTER }));
        return Item && typeof Item['current'] === 'string' ? (JSON.parse(Item['current']) as ModelInfo) : undefined;
      },
      { now: Date.now(), ttlMs: this.options.pointerCacheMs },
    );
  }

  async sharedArtefacts(version: string): Promise<SharedArtefacts> {
    const cached = this.shared.get(version);
    if (cached) return cached;
    const rows = await batchGetByKeys(this.doc, this.tableName, [{ version, key: 'popularity' }, { version, key: 'new-arrivals' }], keyOf);
    const popularity = rows.get(`${version}/popularity`);
    const arrivals = rows.get(`${version}/new-arrivals`);
    if (popularity instanceof Error) throw popularity;
    if (arrivals instanceof Error) throw arrivals;
    if (!popularity) throw new Error(`model ${version} has no popularity artefact`);
    const shared: SharedArtefacts = {
      popularity: JSON.parse(String(popularity['data'])) as PopularityArtefact,
      newArrivals: arrivals ? (JSON.parse(String(arrivals['data'])) as NewArrival[]) : [],
    };
    this.shared.set(version, shared);
    return shared;
  }

  itemArtefacts(version: string, ids: readonly ItemId[]): Promise<(ItemArtefact | null | Error)[]> {
    return this.decodedRows(version, 'item', ids, (itemId, row) => {
      const lists: Partial<Record<ItemListModel, WeightedIds>> = {};
      for (const model of ITEM_LIST_MODELS) {
        const prefix = LIST_ATTRIBUTE[model];
        if (row[`${prefix}Ids`] !== undefined) lists[model] = decodeList(row[`${prefix}Ids`], row[`${prefix}Weights`]);
      }
      return { itemId, categories: JSON.parse(String(row['categories'] ?? '[]')) as string[], lists };
    });
  }

  async userArtefact(version: string, userId: string): Promise<UserArtefact | null> {
    const [row] = await this.decodedRows(version, 'user', [userId], (id, stored): UserArtefact => ({ userId: id, candidates: decodeList(stored['ids'], stored['weights']) }));
    if (row instanceof Error) throw row;
    return row ?? null;
  }

  similarItems(version: string, ids: readonly ItemId[]): Promise<(WeightedIds | null | Error)[]> {
    return this.decodedRows(version, 'similar', ids, (_, row) => decodeList(row['ids'], row['weights']));
  }

  async publish(artefacts: ModelArtefactsToWrite, onProgress?: (written: number, total: number) => void): Promise<ModelInfo> {
    const previous = await this.pointerRow();
    const version = `v${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    // Recorded first, so that a training that dies half-way is cleaned up by the next one.
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: POINTER,
        UpdateExpression: 'SET #attempts = list_append(if_not_exists(#attempts, :none), :version)',
        ExpressionAttributeNames: { '#attempts': 'attempts' },
        ExpressionAttributeValues: { ':none': [], ':version': [version] },
      }),
    );

    const rows: Row[] = [
      { version, key: 'popularity', data: JSON.stringify(artefacts.shared.popularity) },
      { version, key: 'new-arrivals', data: JSON.stringify(artefacts.shared.newArrivals) },
    ];
    for (const item of artefacts.items) {
      const row: Row = { version, key: `item#${item.itemId}`, categories: JSON.stringify(item.categories) };
      for (const [model, list] of Object.entries(item.lists) as [ItemListModel, WeightedIds][]) {
        const encoded = encodeList(list);
        row[`${LIST_ATTRIBUTE[model]}Ids`] = encoded.ids;
        row[`${LIST_ATTRIBUTE[model]}Weights`] = encoded.weights;
      }
      rows.push(row);
    }
    for (const user of artefacts.users ?? []) {
      const encoded = encodeList(user.candidates);
      rows.push({ version, key: `user#${user.userId}`, ids: encoded.ids, weights: encoded.weights });
    }
    for (const { itemId, similar } of artefacts.similar) {
      const encoded = encodeList(similar);
      rows.push({ version, key: `similar#${itemId}`, ids: encoded.ids, weights: encoded.weights });
    }
    const artefactBytes = rows.reduce((sum, row) => sum + approximateSize(row), 0);
    let written = 0;
    await batchPutRows(this.doc, this.tableName, rows, 8, undefined, (count) => onProgress?.((written += count), rows.length));

    const info: ModelInfo = { ...artefacts.info, version, artefactBytes };
    const previousVersion = previous?.info?.version;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...POINTER, current: JSON.stringify(info), previousVersion, attempts: previous?.attempts.concat(version) ?? [version] },
          // Publish only on top of the model this training started from.
          ConditionExpression: previousVersion ? '#current = :current' : 'attribute_not_exists(#current)',
          ExpressionAttributeNames: { '#current': 'current' },
          ...(previousVersion ? { ExpressionAttributeValues: { ':current': previous?.raw } } : {}),
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') throw new ModelPublishConflictError();
      throw error;
    }
    this.pointer.set(info, { now: Date.now(), ttlMs: this.options.pointerCacheMs });
    await this.deleteVersions((previous?.attempts ?? []).filter((old) => old !== version && old !== previousVersion));
    return info;
  }

  private async pointerRow(): Promise<{ info: ModelInfo | undefined; raw: string | undefined; attempts: string[] } | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: POINTER, ConsistentRead: true }));
    if (!Item) return undefined;
    const raw = typeof Item['current'] === 'string' ? Item['current'] : undefined;
    return {
      info: raw ? (JSON.parse(raw) as ModelInfo) : undefined,
      raw,
      attempts: Array.isArray(Item['attempts']) ? Item['attempts'].map(String) : [],
    };
  }

  /** Deletes the rows of versions no longer current nor previous, and forgets them. */
  private async deleteVersions(versions: readonly string[]): Promise<void> {
    for (const version of versions) {
      let startKey: Row | undefined;
      do {
        const page = await this.doc.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: '#version = :version',
            ExpressionAttributeNames: { '#version': 'version', '#key': 'key' },
            ExpressionAttributeValues: { ':version': version },
            ProjectionExpression: '#version, #key',
            ExclusiveStartKey: startKey,
          }),
        );
        await batchDeleteKeys(this.doc, this.tableName, page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    if (versions.length > 0) {
      const pointer = await this.pointerRow();
      const kept = (pointer?.attempts ?? []).filter((version) => !versions.includes(version));
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: POINTER,
          UpdateExpression: 'SET #attempts = :kept',
          ExpressionAttributeNames: { '#attempts': 'attempts' },
          ExpressionAttributeValues: { ':kept': kept },
        }),
      );
    }
  }

  /** Artefacts of one version, decoded, from the cache where it has them; errors are never cached. */
  private async decodedRows<T extends ItemArtefact | UserArtefact | WeightedIds>(
    version: string,
    kind: 'item' | 'similar' | 'user',
    ids: readonly ItemId[],
    decode: (itemId: ItemId, row: Row) => T,
  ): Promise<(T | null | Error)[]> {
    const scope = `${version}/${kind}`;
    const cacheKey = (id: ItemId): string => this.keys.key(scope, id);
    // Hits are taken first, so that inserting what was fetched cannot evict them before use.
    const values = new Map<ItemId, T | null | Error>();
    for (const id of new Set(ids)) {
      const hit = this.decoded.get(cacheKey(id));
      if (hit !== undefined) values.set(id, hit as T | null);
    }
    const missing = [...new Set(ids)].filter((id) => !values.has(id));
    if (missing.length > 0) {
      const fetched = await batchGetByKeys(this.doc, this.tableName, missing.map((id) => ({ version, key: `${kind}#${id}` })), keyOf);
      for (const id of missing) {
        const row = fetched.get(cacheKey(id));
        const value = row instanceof Error ? row : row ? decode(id, row) : null;
        values.set(id, value);
        if (!(value instanceof Error)) this.decoded.set(cacheKey(id), value);
      }
    }
    return ids.map((id) => values.get(id) ?? null);
  }
}

function keyOf(row: Row): string {
  return `${String(row['version'])}/${String(row['key'])}`;
}

function approximateSize(row: Row): number {
  let size = 0;
  for (const [name, value] of Object.entries(row)) size += name.length + (value instanceof Uint8Array ? value.byteLength : String(value).length);
  return size;
}
