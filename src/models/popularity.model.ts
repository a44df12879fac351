import type { PopularityArtefact, ScoredId } from '../domain/model-artefacts';

export interface PopularityOptions {
  /** An interaction counts 1 now, ½ one half-life ago, ¼ two half-lives ago … */
  readonly halfLifeDays: number;
  /** Items kept in the overall list. */
  readonly listSize: number;
  /** Items kept per category, and categories kept (those of the most popular items first): the artefact stays one small row. */
  readonly categoryListSize: number;
  readonly maxCategories: number;
  /**
   * Distinct users an item needs before it is "popular" or "trending" for everyone: with time
   * decay, one fresh event of one account would otherwise outweigh an old catalogue's favourites.
   */
  readonly minUsers: number;
}

export const DEFAULT_POPULARITY: PopularityOptions = { halfLifeDays: 30, listSize: 200, categoryListSize: 50, maxCategories: 60, minUsers: 3 };

export interface TimedPositive {
  readonly userId: string;
  readonly itemId: string;
  readonly occurredAt: number;
}

const DAY = 86_400_000;

/**
 * Popularity with exponential time decay, overall and per category: the cold-start answer.
 * Each user counts once per item (at their latest interaction with it), so what everyone is
 * shown is how many people chose an item, not how often one account touched it.
 */
export function fitPopularity(
  positives: Iterable<TimedPositive>,
  categoriesOf: (itemId: string) => readonly string[],
  options: PopularityOptions = DEFAULT_POPULARITY,
): PopularityArtefact {
  const latest = new Map<string, { readonly itemId: string; readonly occurredAt: number }>();
  let asOf = 0;
  for (const { userId, itemId, occurredAt } of positives) {
    asOf = Math.max(asOf, occurredAt);
    const key = `${userId}\u0000${itemId}`;
    const seen = latest.get(key);
    if (!seen || seen.occurredAt < occurredAt) latest.set(key, { itemId, occurredAt });
  }
  const decayed = new Map<string, number>();
  const allTime = new Map<string, number>();
  const lambda = Math.LN2 / (options.halfLifeDays * DAY);
  for (const { itemId, occurredAt } of latest.values()) {
    decayed.set(itemId, (decayed.get(itemId) ?? 0) + Math.exp(-lambda * (asOf - occurredAt)));
    allTime.set(itemId, (allTime.get(itemId) ?? 0) + 1);
  }
  for (const [itemId, users] of allTime) {
    if (users < options.minUsers) decayed.delete(itemId);
  }
  const ranked = (scores: Map<string, number>, ids: Iterable<string>): ScoredId[] =>
    [...ids].map((id) => ({ id, score: round(scores.get(id) ?? 0) })).sort((a, b) => b.score - a.score || compareIds(a.id, b.id));
  const overallAll = ranked(decayed, decayed.keys());
  const overall = overallAll.slice(0, options.listSize);
  const allTimeRank = new Map(ranked(allTime, allTime.keys()).map((entry, rank) => [entry.id, rank]));
  const trending = overall
    .filter((entry, rank) => rank < options.listSize / 4 && (allTimeRank.get(entry.id) ?? Infinity) >= options.listSize)
    .map((entry) => entry.id);
  const byCategory: Record<string, ScoredId[]> = {};
  let categories = 0;
  for (const entry of overallAll) {
    for (const category of categoriesOf(entry.id)) {
      let list = byCategory[category];
      if (!list) {
        if (categories >= options.maxCategories) continue;
        categories++;
        list = byCategory[category] = [];
      }
      if (list.length < options.categoryListSize) list.push(entry);
    }
  }
  return { asOf, halfLifeDays: options.halfLifeDays, overall, byCategory, trending };
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
