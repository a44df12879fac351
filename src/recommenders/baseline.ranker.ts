import type { InteractionType } from '../domain/interaction';
import type { ItemId } from '../domain/item';
import type { RankedItem, Reason, RecommendationSource } from '../domain/recommendation';
import type { PopularityArtefact } from '../models/popularity.model';

/** A stored neighbour list: ids with their weights, best first. */
export interface WeightedIds {
  readonly ids: readonly ItemId[];
  readonly weights: readonly number[];
}

/** What training stores per item and serving reads for the items of a user's history. */
export interface ItemArtefact {
  readonly itemId: ItemId;
  readonly categories: readonly string[];
  readonly knn: WeightedIds;
  readonly ease: WeightedIds;
}

export interface NewArrival {
  readonly id: ItemId;
  readonly createdAt: number;
  readonly categories: readonly string[];
}

export interface HistoryEntry {
  readonly itemId: ItemId;
  readonly type: InteractionType;
  readonly occurredAt: number;
}

export interface BaselineWeights {
  readonly ease: number;
  readonly knn: number;
  readonly popularity: number;
}

/** Chosen on a validation split of ml-latest-small's training rows, never its test rows (BENCHMARKS.md). */
export const DEFAULT_BASELINE_WEIGHTS: BaselineWeights = { ease: 1, knn: 0.6, popularity: 0.05 };

export interface BaselineRequest {
  /** Newest first: the recent window whose neighbours make the candidates. */
  readonly history: readonly HistoryEntry[];
  /** Artefacts of (some of) the history items; missing ones contribute nothing. */
  readonly artefacts: ReadonlyMap<ItemId, ItemArtefact>;
  readonly popularity: PopularityArtefact;
  readonly newArrivals: readonly NewArrival[];
  /** Stated interests (profile) — categories. */
  readonly interests: readonly string[];
  /** Items never to return (seen ones, when excludeSeen). */
  readonly exclude: ReadonlySet<ItemId>;
  /** How many ranked candidates to return (the caller filters and cuts). */
  readonly candidates: number;
  readonly weights?: BaselineWeights;
}

/** Users with fewer history items than this get interest and new-arrival slots as well. */
const LITTLE_HISTORY = 5;

/** A model's score for a candidate, and the history entry that contributed most to it. */
interface Contribution {
  sum: number;
  best: number;
  because: HistoryEntry | undefined;
}

interface Candidate {
  readonly ease: Contribution;
  readonly knn: Contribution;
}

/**
 * The baseline ranker: candidates from the neighbours (EASE and item-kNN) of the user's
 * recent history, scored as a weighted sum of each model's scores normalised to the user's
 * best, with a little popularity; popularity lists for users with little or no history
 * (by the categories of their interests, then overall); new arrivals in the user's
 * categories for new items. Every item carries the reason it is really there.
 */
export function rankBaseline(request: BaselineRequest): RankedItem[] {
  const weights = request.weights ?? DEFAULT_BASELINE_WEIGHTS;
  const candidates = new Map<ItemId, Candidate>();
  const candidate = (id: ItemId): Candidate => {
    let entry = candidates.get(id);
    if (!entry) candidates.set(id, (entry = { ease: emptyContribution(), knn: emptyContribution() }));
    return entry;
  };

  for (const entry of request.history) {
    const artefact = request.artefacts.get(entry.itemId);
    if (!artefact) continue;
    addNeighbours(artefact.ease, entry, request.exclude, (id) => candidate(id).ease);
    addNeighbours(artefact.knn, entry, request.exclude, (id) => candidate(id).knn);
  }
  const maxEase = maxOf(candidates, (c) => c.ease.sum);
  const maxKnn = maxOf(candidates, (c) => c.knn.sum);
  const popularityScore = new Map(request.popularity.overall.map((entry) => [entry.id, entry.score]));
  const maxPopularity = request.popularity.overall[0]?.score ?? 1;

  const ranked: RankedItem[] = [];
  for (const [itemId, c] of candidates) {
    const easePart = maxEase > 0 ? (weights.ease * c.ease.sum) / maxEase : 0;
    const knnPart = maxKnn > 0 ? (weights.knn * c.knn.sum) / maxKnn : 0;
    const score = easePart + knnPart + (weights.popularity * (popularityScore.get(itemId) ?? 0)) / maxPopularity;
    // The source and the explanation are those of the model that contributed more.
    const [source, main]: [RecommendationSource, Contribution] = easePart >= knnPart ? ['EASE', c.ease] : ['ITEM_KNN', c.knn];
    ranked.push({ itemId, score, source, reasons: main.because ? [becauseReason(main.because)] : [] });
  }
  ranked.sort((a, b) => b.score - a.score || compareIds(a.itemId, b.itemId));

  const taken = new Set(ranked.map((item) => item.itemId));
  const result = ranked.slice(0, request.candidates);
  const categories = userCategories(request);
  if (request.history.length < LITTLE_HISTORY) {
    // Little to go on: interests, then what is popular, after whatever CF found.
    fillFromInterests(result, request, categories, taken);
    fillFromPopularity(result, request, taken);
  } else if (result.length < request.candidates) {
    fillFromPopularity(result, request, taken);
  }
  insertNewArrivals(result, request, categories, taken);
  return result.slice(0, request.candidates);
}

function emptyContribution(): Contribution {
  return { sum: 0, best: 0, because: undefined };
}

function addNeighbours(list: WeightedIds, entry: HistoryEntry, exclude: ReadonlySet<ItemId>, contributionTo: (id: ItemId) => Contribution): void {
  for (let n = 0; n < list.ids.length; n++) {
    const id = list.ids[n] ?? '';
    const weight = list.weights[n] ?? 0;
    if (weight <= 0 || exclude.has(id)) continue;
    const contribution = contributionTo(id);
    contribution.sum += weight;
    if (weight > contribution.best) {
      contribution.best = weight;
      contribution.because = entry;
    }
  }
}

function becauseReason(entry: HistoryEntry): Reason {
  return { kind: 'BECAUSE_OF_HISTORY', becauseOf: entry.itemId, becauseOfType: entry.type };
}

/** The user's categories: stated interests first, then the most frequent in their recent history. */
function userCategories(request: BaselineRequest): string[] {
  const counts = new Map<string, number>();
  for (const entry of request.history) {
    for (const category of request.artefacts.get(entry.itemId)?.categories ?? []) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  const fromHistory = [...counts.entries()].sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0])).map(([category]) => category);
  return [...new Set([...request.interests, ...fromHistory])];
}

function fillFromInterests(result: RankedItem[], request: BaselineRequest, categories: readonly string[], taken: Set<ItemId>): void {
  const interests = categories.filter((category) => request.popularity.byCategory[category]);
  if (interests.length === 0) return;
  // Round-robin over the interests, each in its popularity order.
  const lists = interests.map((category) => ({ category, entries: request.popularity.byCategory[category] ?? [], at: 0 }));
  const maxPopularity = request.popularity.overall[0]?.score ?? 1;
  for (let progress = true; result.length < request.candidates && progress; ) {
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
      if (result.length >= request.candidates) break;
    }
  }
}

function fillFromPopularity(result: RankedItem[], request: BaselineRequest, taken: Set<ItemId>): void {
  const trending = new Set(request.popularity.trending);
  const maxPopularity = request.popularity.overall[0]?.score ?? 1;
  for (const entry of request.popularity.overall) {
    if (result.length >= request.candidates) return;
    if (taken.has(entry.id) || request.exclude.has(entry.id)) continue;
    taken.add(entry.id);
    const reason: Reason = trending.has(entry.id) ? { kind: 'TRENDING' } : { kind: 'POPULAR' };
    result.push({ itemId: entry.id, score: entry.score / maxPopularity, source: 'POPULARITY', reasons: [reason] });
  }
}

/**
 * New items have no interactions for CF to find: one new arrival in the user's categories
 * goes in every tenth place (the 3rd for a short list), replacing what would be there.
 */
function insertNewArrivals(result: RankedItem[], request: BaselineRequest, categories: readonly string[], taken: Set<ItemId>): void {
  if (categories.length === 0 || request.candidates < 3) return;
  const slots = Math.max(1, Math.floor(request.candidates / 10));
  const wanted = new Set(categories.slice(0, 3));
  const arrivals = request.newArrivals.filter(
    (arrival) => !taken.has(arrival.id) && !request.exclude.has(arrival.id) && arrival.categories.some((category) => wanted.has(category)),
  );
  for (let slot = 0; slot < slots && slot < arrivals.length; slot++) {
    const arrival = arrivals[slot];
    if (!arrival) break;
    const position = Math.min(result.length, request.candidates < 10 ? 2 : 9 + slot * 10);
    const category = arrival.categories.find((name) => wanted.has(name));
    const item: RankedItem = { itemId: arrival.id, score: 0, source: 'NEW_ARRIVALS', reasons: [{ kind: 'NEW_ARRIVAL', ...(category ? { category } : {}) }] };
    if (position < result.length) result.splice(position, 1, item);
    else result.push(item);
    taken.add(arrival.id);
  }
}

function maxOf(candidates: Map<ItemId, Candidate>, value: (c: Candidate) => number): number {
  let max = 0;
  for (const c of candidates.values()) max = Math.max(max, value(c));
  return max;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ScoreItemsRequest {
  readonly history: readonly HistoryEntry[];
  readonly artefacts: ReadonlyMap<ItemId, ItemArtefact>;
  readonly popularity: PopularityArtefact;
  readonly itemIds: readonly ItemId[];
  readonly weights?: BaselineWeights;
}

/**
 * Re-ranks a given list with the baseline's scores: the same weighted, per-user normalised
 * sum of EASE and item-kNN as rankBaseline, popularity breaking what collaborative filtering
 * cannot tell apart; ties keep the given order. Every given item is returned once.
 */
export function scoreItems(request: ScoreItemsRequest): RankedItem[] {
  const weights = request.weights ?? DEFAULT_BASELINE_WEIGHTS;
  const wanted = new Set(request.itemIds);
  const ease = new Map<ItemId, Contribution>();
  const knn = new Map<ItemId, Contribution>();
  const into = (scores: Map<ItemId, Contribution>) => (id: ItemId): Contribution => {
    let entry = scores.get(id);
    if (!entry) scores.set(id, (entry = emptyContribution()));
    return entry;
  };
  const none = new Set<ItemId>();
  for (const entry of request.history) {
    const artefact = request.artefacts.get(entry.itemId);
    if (!artefact) continue;
    addNeighbours(filterList(artefact.ease, wanted), entry, none, into(ease));
    addNeighbours(filterList(artefact.knn, wanted), entry, none, into(knn));
  }
  const maxEase = Math.max(0, ...[...ease.values()].map((c) => c.sum));
  const maxKnn = Math.max(0, ...[...knn.values()].map((c) => c.sum));
  const popularity = new Map(request.popularity.overall.map((entry) => [entry.id, entry.score]));
  const maxPopularity = request.popularity.overall[0]?.score ?? 1;
  const order = new Map([...wanted].map((id, index) => [id, index]));
  return [...wanted]
    .map((itemId): RankedItem => {
      const e = ease.get(itemId);
      const k = knn.get(itemId);
      const easePart = e && maxEase > 0 ? (weights.ease * e.sum) / maxEase : 0;
      const knnPart = k && maxKnn > 0 ? (weights.knn * k.sum) / maxKnn : 0;
      const popular = (popularity.get(itemId) ?? 0) / maxPopularity;
      const main = easePart >= knnPart ? e : k;
      const source: RecommendationSource = easePart + knnPart > 0 ? (easePart >= knnPart ? 'EASE' : 'ITEM_KNN') : 'POPULARITY';
      const reasons: Reason[] = main?.because ? [becauseReason(main.because)] : popular > 0 ? [{ kind: 'POPULAR' }] : [];
      return { itemId, score: easePart + knnPart + weights.popularity * popular, source, reasons };
    })
    .sort((a, b) => b.score - a.score || (order.get(a.itemId) ?? 0) - (order.get(b.itemId) ?? 0));
}

function filterList(list: WeightedIds, wanted: ReadonlySet<ItemId>): WeightedIds {
  const ids: ItemId[] = [];
  const weights: number[] = [];
  list.ids.forEach((id, index) => {
    if (wanted.has(id)) {
      ids.push(id);
      weights.push(list.weights[index] ?? 0);
    }
  });
  return { ids, weights };
}
