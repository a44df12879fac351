import { InvalidArgumentError } from '../domain/errors';
import type { Item, ItemId } from '../domain/item';
import type { ModelReader } from '../ports/model-store.port';
import { PersonalizeUnavailableError, type PersonalizeRelatedItems } from '../ports/personalize.port';
import type { WeightedIds } from '../domain/model-artefacts';
import { rethrowFirstError } from '../support/batch-results';

export const MAX_SIMILAR = 100;
export const DEFAULT_SIMILAR_ITEMS = 10;

/** An item's similar items, and which model found them. */
export interface SimilarList extends WeightedIds {
  readonly source: 'PERSONALIZE' | 'ITEM_KNN';
}

export interface SimilarReaders {
  readonly similarList: (itemId: ItemId) => Promise<SimilarList | null>;
  readonly items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>;
}

/**
 * Item-to-item: an item's most similar items, with their score — from a Personalize
 * related-items (SIMS) campaign when one is configured, else (and whenever it fails) from
 * the baseline's item-kNN. Each answer says which.
 */
export class SimilarItemsService {
  constructor(
    private readonly models: ModelReader,
    private readonly related?: PersonalizeRelatedItems,
  ) {}

  /** For a DataLoader: the similar lists of many items (null when there is none). */
  async similarLists(ids: readonly ItemId[]): Promise<(SimilarList | null | Error)[]> {
    const fromPersonalize = this.related
      ? await Promise.all(
          ids.map((id) =>
            (this.related as PersonalizeRelatedItems).related(id, MAX_SIMILAR).then(
              (answer): SimilarList => ({ ids: answer.items.map((item) => item.itemId), weights: answer.items.map((item) => item.score), source: 'PERSONALIZE' }),
              (error: unknown) => {
                if (error instanceof PersonalizeUnavailableError) return undefined; // item-kNN answers instead
                throw error;
              },
            ),
          ),
        )
      : ids.map(() => undefined);
    const missing = ids.filter((_, index) => fromPersonalize[index] === undefined);
    const model = missing.length > 0 ? await this.models.currentModel() : undefined;
    const fromKnn = model ? await this.models.similarItems(model.version, missing) : missing.map(() => null);
    const knnOf = new Map(missing.map((id, index) => [id, fromKnn[index]]));
    return ids.map((id, index) => {
      const personalized = fromPersonalize[index];
      if (personalized) return personalized;
      const knn = knnOf.get(id);
      return knn && !(knn instanceof Error) ? { ...knn, source: 'ITEM_KNN' } : (knn ?? null);
    });
  }

  async similar(itemId: ItemId, first: number | null | undefined, readers: SimilarReaders): Promise<{ item: Item; score: number; source: SimilarList['source'] }[]> {
    const count = first ?? DEFAULT_SIMILAR_ITEMS;
    if (!Number.isInteger(count) || count < 1 || count > MAX_SIMILAR) {
      throw new InvalidArgumentError('first', `must be between 1 and ${MAX_SIMILAR}, got ${String(first)}`);
    }
    const list = await readers.similarList(itemId);
    if (!list) return [];
    const ids = list.ids.filter((id) => id !== itemId).slice(0, count);
    const items = rethrowFirstError(await readers.items(ids));
    return ids.flatMap((id, index) => {
      const item = items[index];
      const score = list.weights[list.ids.indexOf(id)] ?? 0;
      return item ? [{ item, score: Math.round(score * 1e6) / 1e6, source: list.source }] : [];
    });
  }
}
