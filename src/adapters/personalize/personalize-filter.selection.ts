import type { PersonalizeFilters } from '../../config';

/** Personalize's limit on one filter value (the quoted, comma-separated list). */
const MAX_FILTER_VALUE = 1000;

export interface FilterChoice {
  /** What goes into GetRecommendations. */
  readonly parameters: { readonly filterArn?: string; readonly filterValues?: Record<string, string> };
  /** What Personalize will have filtered out, so the gateway knows what is left to it. */
  readonly covers: { readonly unseen: boolean; readonly categories: boolean };
}

/**
 * The one filter (a request takes one) that serves most of what was asked: both parts when a
 * combined filter is configured, else categories (the harder one to make up for by asking for
 * more), else unseen. What no filter serves, the gateway filters itself after the answer.
 */
export function chooseFilter(filters: PersonalizeFilters, excludeSeen: boolean, categories: readonly string[]): FilterChoice {
  const values = categories.length > 0 ? categoryValue(categories) : undefined;
  if (values !== undefined) {
    const filterValues = { [filters.categoryParameter]: values };
    if (excludeSeen && filters.unseenCategoryArn) return { parameters: { filterArn: filters.unseenCategoryArn, filterValues }, covers: { unseen: true, categories: true } };
    if (filters.categoryArn) return { parameters: { filterArn: filters.categoryArn, filterValues }, covers: { unseen: false, categories: true } };
  }
  if (excludeSeen && filters.unseenArn) return { parameters: { filterArn: filters.unseenArn }, covers: { unseen: true, categories: false } };
  return { parameters: {}, covers: { unseen: false, categories: false } };
}

/**
 * `"Comedy","Drama"`, as a filter placeholder takes several values. A category holding a
 * double quote, or a list too long for one value, cannot be passed: undefined, and the
 * gateway filters categories itself.
 */
export function categoryValue(categories: readonly string[]): string | undefined {
  if (categories.some((category) => category.includes('"') || category.includes('\\'))) return undefined;
  const value = categories.map((category) => `"${category}"`).join(',');
  return value.length <= MAX_FILTER_VALUE ? value : undefined;
}
