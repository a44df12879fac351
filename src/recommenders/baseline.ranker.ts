import type { ItemId } from '../domain/item';
import { FALLBACK_MIX, type BaselineWeights, type HistoryEntry, type ItemArtefact, type NewArrival, type NewArrivalPolicy, type ServedMix, type WeightedIds, type PopularityArtefact } from '../domain/model-artefacts';
import type { RankedItem, Reason, RecommendationSource } from '../domain/recommendation';
import { gatherCandidates } from './candidate-gathering';

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
  /** The model's selected mix; FALLBACK_MIX when absent. */
  readonly mix?: ServedMix;
}

/** Users with fewer history items than this get interest and new-arrival slots as well. */
export const LITTLE_HISTORY = 5;

/** A model's score for a candidate, and the history entry that contributed most to it. */
interface Contribution {
  sum: number;
  best: number;
  because: HistoryEntry | undefined;
}

/**
 * A user's candidates from the neighbours of their history, before any weight is applied, as
 * parallel arrays (what serving ranks once and selection ranks under many mixes): each
 * model's sum over the history, normalised to the user's best, the candidate's popularity
 * normalised to the most popular item's, and the history entry each model owes most to.
 */
export interface GatheredCandidates {
  readonly ids: readonly ItemId[];
  readonly ease: Float64Array;
  readonly knn: Float64Array;
  readonly popularity: Float64Array;
  readonly easeBecause: readonly (HistoryEntry | undefined)[];
  readonly knnBecause: readonly (HistoryEntry | undefined)[];
}

export { gatherCandidates };

/**
 * The best `count` candidates under the weights, best first (ties by id): a bounded heap over
 * the typed arrays, so only the items kept become objects.
 */
export function topCandidates(gathered: GatheredCandidates, weights: BaselineWeights, count: number): RankedItem[] {
  const n = gathered.ids.length;
  const scores = new Float64Array(n);
  const heap: number[] = [];
  // a is weaker than b: a lower score, or the same score and a later id.
  const weaker = (a: number, b: number): boolean => (scores[a] ?? 0) < (scores[b] ?? 0) || ((scores[a] ?? 0) === (scores[b] ?? 0) && compareIds(gathered.ids[a] ?? '', gathered.ids[b] ?? '') > 0);
  for (let i = 0; i < n; i++) {
    const cf = weights.ease * (gathered.ease[i] ?? 0) + weights.knn * (gathered.knn[i] ?? 0);
    if (cf <= 0) continue;
    const score = cf + weights.popularity * (gathered.popularity[i] ?? 0);
    scores[i] = score;
    // Most candidates fall below the weakest kept one: a plain comparison turns them away.
    if (heap.length === count && score < (scores[heap[0] ?? 0] ?? 0)) continue;
    if (heap.length < count) {
      heap.push(i);
      siftUp(heap, heap.length - 1, weaker);
    } else if (count > 0 && weaker(heap[0] ?? 0, i)) {
      heap[0] = i;
      siftDown(heap, 0, weaker);
    }
  }
  return heap
    .sort((a, b) => (weaker(a, b) ? 1 : weaker(b, a) ? -1 : 0))
    .map((i): RankedItem => {
      // The source and the explanation are those of the model that contributed more.
      const easePart = weights.ease * (gathered.ease[i] ?? 0);
      const knnPart = weights.knn * (gathered.knn[i] ?? 0);
      const [source, because]: [RecommendationSource, HistoryEntry | undefined] = easePart >= knnPart ? ['EASE', gathered.easeBecause[i]] : ['ITEM_KNN', gathered.knnBecause[i]];
      return { itemId: gathered.ids[i] ?? '', score: scores[i] ?? 0, source, reasons: because ? [becauseReason(because)] : [] };
    });
}

function siftUp(heap: number[], from: number, weaker: (a: number, b: number) => boolean): void {
  for (let at = from; at > 0; ) {
    const parent = (at - 1) >> 1;
    if (!weaker(heap[at] ?? 0, heap[parent] ?? 0)) return;
    [heap[at], heap[parent]] = [heap[parent] ?? 0, heap[at] ?? 0];
    at = parent;
  }
}

function siftDown(heap: number[], from: number, weaker: (a: number, b: number) => boolean): void {
  for (let at = from; ; ) {
    const left = 2 * at + 1;
    const right = left + 1;
    let weakest = at;
    if (left < heap.length && weaker(heap[left] ?? 0, heap[weakest] ?? 0)) weakest = left;
    if (right < heap.length && weaker(heap[right] ?? 0, heap[weakest] ?? 0)) weakest = right;
    if (weakest === at) return;
    [heap[at], heap[weakest]] = [heap[weakest] ?? 0, heap[at] ?? 0];
    at = weakest;
  }
}

/**
 * The baseline ranker: candidates from the neighbours (EASE and item-kNN) of the user's
 * recent history, scored as a weighted sum of each model's scores normalised to the user's
 * best, with a little popularity — the weights those the model's training chose on
 * validation; popularity lists for users with little or no history (by the categories of
 * their interests, then overall); new arrivals in the user's categories as the mix's policy
 * says. Every item carries the reason it is really there.
 */
export function rankBaseline(request: BaselineRequest, gathered: GatheredCandidates = gatherCandidates(request)): RankedItem[] {
  const mix = request.mix ?? FALLBACK_MIX;
  return completeList(topCandidates(gathered, mix.weights, request.candidates), request, mix.newArrivals);
}

/** Phase three: what collaborative filtering did not fill (interests, popularity), and new arrivals as the policy says. */
export function completeList(ranked: readonly RankedItem[], request: BaselineRequest, newArrivals: NewArrivalPolicy): RankedItem[] {
  const result = [...ranked];
  const taken = new Set(result.map((item) => item.itemId));
  const categories = userCategories(request);
  const little = request.history.length < LITTLE_HISTORY;
  if (little) {
    // Little to go on: interests, then what is popular, after whatever CF found.
    fillFromInterests(result, request, categories, taken);
    fillFromPopularity(result, request, taken);
  } else if (result.length < request.candidates) {
    fillFromPopularity(result, request, taken);
  }
  if (newArrivals === 'ALL' || (newArrivals === 'LITTLE_HISTORY' && little)) insertNewArrivals(result, request, categories, taken);
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

const categoriesOfRequest = new WeakMap<BaselineRequest, string[]>();

/** The user's categories: stated interests first, then the most frequent in their recent history (once per request). */
function userCategories(request: BaselineRequest): string[] {
  let categories = categoriesOfRequest.get(request);
  if (!categories) categoriesOfRequest.set(request, (categories = categoriesOf(request)));
  return categories;
}

function categoriesOf(request: BaselineRequest): string[] {
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


function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ScoreItemsRequest {
  readonly history: readonly HistoryEntry[];
  readonly artefacts: ReadonlyMap<ItemId, ItemArtefact>;
  readonly popularity: PopularityArtefact;
  readonly itemIds: readonly ItemId[];
  /** The model's selected mix (its weights are used); FALLBACK_MIX when absent. */
  readonly mix?: ServedMix;
}

/**
 * Re-ranks a given list with the baseline's scores: the same weighted, per-user normalised
 * sum of EASE and item-kNN as rankBaseline, popularity breaking what collaborative filtering
 * cannot tell apart; ties keep the given order. Every given item is returned once.
 */
export function scoreItems(request: ScoreItemsRequest): RankedItem[] {
  const weights = (request.mix ?? FALLBACK_MIX).weights;
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
