import { InvalidArgumentError } from '../domain/errors';
import type { Item } from '../domain/item';
import type { Page } from '../domain/page';
import type { ItemCatalog, ItemFilter } from '../ports/item-catalog.port';
import type { ModelReader } from '../ports/model-store.port';
import { pageRequest, withCursorArgument } from './page-request';

const MAX_FILTER_CATEGORIES = 20;
const MAX_SEARCH_LENGTH = 200;

export interface ItemsQuery {
  readonly categories?: readonly string[] | null;
  readonly search?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface CategoryCount {
  readonly name: string;
  /** Items in the category when the current model was trained; null for a model that did not count them. */
  readonly itemCount: number | null;
}

/**
 * The catalogue as clients browse it. Categories are those of the current model's
 * catalogue — the same set `recommendations` checks its filter against — so a category an
 * import adds is known from the next training on.
 */
export class CatalogService {
  constructor(
    private readonly catalog: ItemCatalog,
    private readonly models: Pick<ModelReader, 'currentModel'>,
  ) {}

  async listItems(query: ItemsQuery): Promise<Page<Item>> {
    const filter = validFilter(query);
    const page = pageRequest(query.first, query.after);
    if (filter.categories) {
      // Without a model there is nothing to check against: the filter then simply matches nothing it lacks.
      const model = await this.models.currentModel();
      const unknown = model ? filter.categories.filter((category) => !model.categories.includes(category)) : [];
      if (unknown.length > 0) {
        throw new InvalidArgumentError('filter.categories', `names categories the catalogue does not have: ${unknown.map((name) => `"${name}"`).join(', ')}`);
      }
    }
    return withCursorArgument(() => this.catalog.listItems(filter, page));
  }

  /** Every category, by name, with its item count: what a genre picker needs, without a scan. */
  async categories(): Promise<CategoryCount[]> {
    const model = await this.models.currentModel();
    if (!model) return [];
    // Training stores them sorted by name.
    return model.categories.map((name) => ({ name, itemCount: model.categoryItems ? (model.categoryItems[name] ?? 0) : null }));
  }
}

function validFilter(query: ItemsQuery): ItemFilter {
  const categories = query.categories ?? undefined;
  if (categories && categories.length > MAX_FILTER_CATEGORIES) {
    throw new InvalidArgumentError('filter.categories', `takes at most ${MAX_FILTER_CATEGORIES} categories, got ${categories.length}`);
  }
  if (categories?.some((category) => category.trim() === '')) {
    throw new InvalidArgumentError('filter.categories', 'must not hold an empty category');
  }
  const search = query.search?.trim() || undefined;
  if (search && search.length > MAX_SEARCH_LENGTH) {
    throw new InvalidArgumentError('filter.search', `must be at most ${MAX_SEARCH_LENGTH} characters, got ${search.length}`);
  }
  return { categories: categories && categories.length > 0 ? categories : undefined, search };
}
