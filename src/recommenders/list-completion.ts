import type { ItemId } from '../domain/item';
import type { NewArrivalPolicy } from '../domain/model-artefacts';
import type { RankedItem, Reason } from '../domain/recommendation';
import type { RecommenderRequest } from '../ports/recommender.port';

/** Users with fewer history items than this get interest and new-arrival slots as well. */
export const LITTLE_HISTORY = 5;

/**
 * What collaborative filtering did not fill, and new arrivals as the policy says: for a user
 * with little history their interests' popular items, then what is popular; for the others
 * what is popular when the models found too few. Returns at most `request.limit` items.
 */
export function completeList(ranked: readonly RankedItem[], request: RecommenderRequest, newArrivals: NewArrivalPolicy): RankedItem[] {
  const little = request.history.length < LITTLE_HISTORY;
  const arrivals = newArrivals === 'ALL' || (newArrivals === 'LITTLE_HISTORY' && little);
  if (!little && !arrivals && ranked.length >= request.limit) return ranked.slice(0, request.limit);
  const result = [...ranked];
  const taken = new Set(result.map((item) => item.itemId));
  if (little) {
    fillFromInterests(result, request, userCategories(request), taken);
    fillFromPopularity(result, request, taken);
  } else if (result.length < request.limit) {
    fillFromPopularity(result, request, taken);
  }
  if (arrivals) insertNewArrivals(result, request, userCategories(request), taken);
  return result.slice(0, request.limit);
}

const categoriesOfHistory = new WeakMap<object, { readonly artefacts: object; readonly interests: readonly string[]; readonly categories: string[] }>();

/** The user's categories: stated interests first, then the most frequent in their recent history (counted once per history and artefacts). */
function userCategories(request: RecommenderRequest): string[] {
  const cached = categoriesOfHistory.get(request.history);
  if (cached && cached.artefacts === request.inputs.artefacts && cached.interests === request.interests) return cached.categories;
  const categories = countedCategories(request);
  categoriesOfHistory.set(request.history, { artefacts: request.inputs.artefacts, interests: request.interests, categories });
  return categories;
}

function countedCategories(request: RecommenderRequest): string[] {
  const counts = new Map<string, number>();
  for (const entry of request.history) {
    for (const category of request.inputs.artefacts.get(entry.itemId)?.categories ?? []) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  const fromHistory = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([category]) => category);
  return [...new Set([...request.interests, ...fromHistory])];
}

function fillFromInterests(result: RankedItem[], request: RecommenderRequest, categories: readonly string[], taken: Set<ItemId>): void {
  const { popularity } = request.inputs;
  const interests = categories.filter((category) => popularity.byCategory[category]);
  if (interests.length === 0) return;
  // Round-robin over the interests, each in its popularity order.
  const lists = interests.map((category) => ({ category, entries: popularity.byCategory[category] ?? [], at: 0 }));
  const maxPopularity = popularity.overall[0]?.score ?? 1;
  for (let progress = true; result.length < request.limit && progress; ) {
    progress = false;
    for (const list of lists) {
      while (list.at < list.entries.length) {
        const entry = list.entries[list.at++];
        if (!entry || taken.has(entry.id) || request.exclude.has(entry.id)) continue;
        taken.add(entry.id);
        result.push({ itemId: entry.id, score: entry.score / maxPopularity, source: 'INTERESTS', reasons: [{ kind: 'MATCHES_INTERESTS', category: list.category }] });
        progress = true;
        break;
      }
      if (result.length >= request.limit) break;
    }
  }
}

function fillFromPopularity(result: RankedItem[], request: RecommenderRequest, taken: Set<ItemId>): void {
  const { popularity } = request.inputs;
  const trending = new Set(popularity.trending);
  const maxPopularity = popularity.overall[0]?.score ?? 1;
  for (const entry of popularity.overall) {
    if (result.length >= request.limit) return;
    if (taken.has(entry.id) || request.exclude.has(entry.id)) continue;
    taken.add(entry.id);
    const reason: Reason = trending.has(entry.id) ? { kind: 'TRENDING' } : { kind: 'POPULAR' };
    result.push({ itemId: entry.id, score: entry.score / maxPopularity, source: 'POPULARITY', reasons: [reason] });
  }
}

/**
 * New items have no interactions for collaborative filtering to find: one new arrival in the
 * user's categories goes in every tenth place (the 3rd for a short list), replacing what
 * would be there — which is why it is a policy chosen on validation, not a default.
 */
function insertNewArrivals(result: RankedItem[], request: RecommenderRequest, categories: readonly string[], taken: Set<ItemId>): void {
  if (categories.length === 0 || request.limit < 3) return;
  const slots = Math.max(1, Math.floor(request.limit / 10));
  const wanted = new Set(categories.slice(0, 3));
  const arrivals = request.inputs.newArrivals.filter(
    (arrival) => !taken.has(arrival.id) && !request.exclude.has(arrival.id) && arrival.categories.some((category) => wanted.has(category)),
  );
  for (let slot = 0; slot < slots && slot < arrivals.length; slot++) {
    const arrival = arrivals[slot];
    if (!arrival) break;
    const position = Math.min(result.length, request.limit < 10 ? 2 : 9 + slot * 10);
    const category = arrival.categories.find((name) => wanted.has(name));
    const item: RankedItem = { itemId: arrival.id, score: 0, source: 'NEW_ARRIVALS', reasons: [{ kind: 'NEW_ARRIVAL', ...(category ? { category } : {}) }] };
    if (position < result.length) result.splice(position, 1, item);
    else result.push(item);
    taken.add(arrival.id);
  }
}
