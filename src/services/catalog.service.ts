import { InvalidArgumentError } from '../domain/errors';
import type { Item } from '../domain/item';
import type { Page } from '../domain/page';
import type { ItemCatalog, ItemFilter } from '../ports/item-catalog.port';
import { pageRequest, withCursorArgument } from './page-request';

const MAX_FILTER_CATEGORIES = 20;
const MAX_SEARCH_LENGTH = 200;

export interface ItemsQuery {
  readonly categories?: readonly string[] | null;
  readonly search?: string | null;
  readonly first?: number | null;
  readonly after?: string | null;
}

export class CatalogService {
  constructor(private readonly catalog: ItemCatalog) {}

  listItems(query: ItemsQuery): Promise<Page<Item>> {
    const filter = validFilter(query);
    const page = pageRequest(query.first, query.after);
    return withCursorArgument(() => this.catalog.listItems(filter, page));
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
