import type { Item, ItemId, ItemRecord } from '../domain/item';
import type { Page, PageRequest } from '../domain/page';

export interface ItemFilter {
  /** Items in any of these categories. */
  readonly categories: readonly string[] | undefined;
  /** Case-insensitive substring of the title. */
  readonly search: string | undefined;
}

/** Read side of the catalogue, used on the request path. */
export interface ItemCatalog {
  /** Aligned with ids: the item, null when there is none, an Error when it could not be read. */
  getItems(ids: readonly ItemId[]): Promise<(Item | null | Error)[]>;
  /** Newest first (createdAt descending). Throws InvalidCursorError for a cursor it did not issue. */
  listItems(filter: ItemFilter, page: PageRequest): Promise<Page<Item>>;
}

/** Write side, used by imports and the counter rebuild. */
export interface ItemCatalogWriter {
  /** Idempotent bulk upsert; keeps the stored popularity of items that already exist. */
  putItems(items: readonly ItemRecord[]): Promise<void>;
  /** Sets popularity to the given counts (0 for items absent from the map); returns how many items changed. */
  setPopularity(counts: ReadonlyMap<ItemId, number>): Promise<number>;
  count(): Promise<number>;
  /** Visits every item in full, in no particular order (exports). */
  scanItems(visit: (item: Item) => void): Promise<void>;
  /** Visits every item's id, categories and creation time: what training reads of the catalogue. */
  scanCatalogue(visit: (item: Pick<ItemRecord, 'id' | 'categories' | 'createdAt'>) => void): Promise<void>;
}
