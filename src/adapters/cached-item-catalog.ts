import type { Item, ItemId, ItemRecord } from '../domain/item';
import type { Page, PageRequest } from '../domain/page';
import type { ItemCatalog, ItemCatalogWriter, ItemFilter } from '../ports/item-catalog.port';
import { LruCache } from '../support/lru-cache';

export interface ItemCacheOptions {
  /** How long an item read is served from memory; 0 turns the cache off. */
  readonly ttlMs: number;
  /** Most items kept (least recently used leave first). */
  readonly capacity: number;
  readonly now?: () => number;
}

/**
 * The catalogue with recently read items kept in memory: a list of 20 explained items reads
 * ~25 items, and the same popular items again for the next user. Only items that exist are
 * kept (an id not found, or a read that failed, is asked again next time). Writes through this
 * catalogue replace what it kept; a write by another process shows here after at most ttlMs.
 */
export class CachedItemCatalog implements ItemCatalog, ItemCatalogWriter {
  private readonly cache: LruCache<ItemId, { readonly item: Item; readonly until: number }>;
  private readonly now: () => number;

  constructor(
    private readonly inner: ItemCatalog & ItemCatalogWriter,
    private readonly options: ItemCacheOptions,
  ) {
    this.cache = new LruCache(options.ttlMs > 0 ? options.capacity : 0);
    this.now = options.now ?? Date.now;
  }

  async getItems(ids: readonly ItemId[]): Promise<(Item | null | Error)[]> {
    if (this.options.ttlMs <= 0) return this.inner.getItems(ids);
    const now = this.now();
    const kept = new Map<ItemId, Item>();
    for (const id of ids) {
      const entry = this.cache.get(id);
      if (entry && entry.until > now) kept.set(id, entry.item);
    }
    const missing = [...new Set(ids.filter((id) => !kept.has(id)))];
    const read = missing.length > 0 ? await this.inner.getItems(missing) : [];
    const fresh = new Map<ItemId, Item | null | Error>(missing.map((id, index) => [id, read[index] ?? null]));
    const until = now + this.options.ttlMs;
    for (const [id, item] of fresh) if (item && !(item instanceof Error)) this.cache.set(id, { item, until });
    return ids.map((id) => kept.get(id) ?? fresh.get(id) ?? null);
  }

  listItems(filter: ItemFilter, page: PageRequest): Promise<Page<Item>> {
    return this.inner.listItems(filter, page);
  }

  async putItems(items: readonly ItemRecord[]): Promise<void> {
    await this.inner.putItems(items);
    // Read again on next use: the stored row keeps fields the record does not carry (popularity).
    for (const item of items) this.cache.delete(item.id);
  }

  async setPopularity(counts: ReadonlyMap<ItemId, number>): Promise<number> {
    const changed = await this.inner.setPopularity(counts);
    this.cache.clear();
    return changed;
  }

  count(): Promise<number> {
    return this.inner.count();
  }

  scanItems(visit: (item: Item) => void): Promise<void> {
    return this.inner.scanItems(visit);
  }

  scanCatalogue(visit: (item: Pick<ItemRecord, 'id' | 'categories' | 'createdAt'>) => void): Promise<void> {
    return this.inner.scanCatalogue(visit);
  }
}
