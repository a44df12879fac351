import { InvalidArgumentError } from '../domain/errors';
import type { Item, ItemId } from '../domain/item';
import type { ModelReader } from '../ports/model-store.port';
import type { WeightedIds } from '../recommenders/baseline.ranker';

export const MAX_SIMILAR = 100;

export interface SimilarReaders {
  readonly similarList: (itemId: ItemId) => Promise<WeightedIds | null>;
  readonly items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>;
}

/** Item-to-item: an item's most similar items by item-kNN, with the similarity as score. */
export class SimilarItemsService {
  constructor(private readonly models: ModelReader) {}

  /** For a DataLoader: the stored similar lists of many items of the current model (nulls when there is none). */
  async similarLists(ids: readonly ItemId[]): Promise<(WeightedIds | null | Error)[]> {
    const model = await this.models.currentModel();
    if (!model) return ids.map(() => null);
    return this.models.similarItems(model.version, ids);
  }

  async similar(itemId: ItemId, first: number | null | undefined, readers: SimilarReaders): Promise<{ item: Item; score: number }[]> {
    const count = first ?? 10;
    if (!Number.isInteger(count) || count < 1 || count > MAX_SIMILAR) {
      throw new InvalidArgumentError('first', `must be between 1 and ${MAX_SIMILAR}, got ${String(first)}`);
    }
    const list = await readers.similarList(itemId);
    if (!list) return [];
    const ids = list.ids.slice(0, count);
    const items = await readers.items(ids);
    return ids.flatMap((_, index) => {
      const item = items[index];
      return item && !(item instanceof Error) ? [{ item, score: Math.round((list.weights[index] ?? 0) * 1e6) / 1e6 }] : [];
    });
  }
}
