import type { ItemId } from '../domain/item';
import type { PopularityArtefact, HistoryEntry, ItemArtefact } from '../domain/model-artefacts';
import type { GatheredCandidates } from './baseline.ranker';

/*
 * Phase one of a list on item indexes and typed arrays: item ids become dense integers once
 * per process (each artefact's list once, since the model store hands out the same decoded
 * artefacts), and a request sums its neighbour lists into reusable typed buffers, marked with
 * a stamp instead of cleared, so no id is hashed and no object made per neighbour.
 */

const interned = new Map<ItemId, number>();
const internedIds: ItemId[] = [];

function internId(id: ItemId): number {
  let index = interned.get(id);
  if (index === undefined) {
    index = internedIds.length;
    interned.set(id, index);
    internedIds.push(id);
  }
  return index;
}

const listIndexes = new WeakMap<readonly ItemId[], Int32Array>();

function indexesOf(ids: readonly ItemId[]): Int32Array {
  let indexes = listIndexes.get(ids);
  if (!indexes) listIndexes.set(ids, (indexes = Int32Array.from(ids, internId)));
  return indexes;
}

const popularityIndexes = new WeakMap<PopularityArtefact, Float64Array>();

/** Each item's popularity over the most popular item's, by index (built once per artefact). */
function popularityByIndex(popularity: PopularityArtefact): Float64Array {
  let scores = popularityIndexes.get(popularity);
  if (!scores) {
    const max = popularity.overall[0]?.score ?? 1;
    const indexes = popularity.overall.map((entry) => internId(entry.id));
    scores = new Float64Array(internedIds.length);
    popularity.overall.forEach((entry, n) => ((scores as Float64Array)[indexes[n] ?? 0] = entry.score / max));
    popularityIndexes.set(popularity, scores);
  }
  return scores;
}

/** Buffers shared by every request of the process (ranking is synchronous, so one at a time), grown as the catalogue grows. */
const work = {
  stamp: 0,
  seen: new Int32Array(0),
  excluded: new Int32Array(0),
  ease: new Float64Array(0),
  knn: new Float64Array(0),
  easeBest: new Float64Array(0),
  knnBest: new Float64Array(0),
  easeBecause: new Int32Array(0),
  knnBecause: new Int32Array(0),
  touched: new Int32Array(0),
};

function ensureCapacity(size: number): void {
  if (work.seen.length >= size) return;
  const capacity = Math.max(size, work.seen.length * 2, 1024);
  const grow = <T extends Int32Array | Float64Array | Float32Array>(old: T, make: (n: number) => T): T => {
    const next = make(capacity);
    next.set(old);
    return next;
  };
  work.seen = grow(work.seen, (n) => new Int32Array(n));
  work.excluded = grow(work.excluded, (n) => new Int32Array(n));
  work.ease = new Float64Array(capacity);
  work.knn = new Float64Array(capacity);
  work.easeBest = new Float64Array(capacity);
  work.knnBest = new Float64Array(capacity);
  work.easeBecause = new Int32Array(capacity);
  work.knnBecause = new Int32Array(capacity);
  work.touched = new Int32Array(capacity);
}

export interface GatherRequest {
  readonly history: readonly HistoryEntry[];
  readonly artefacts: ReadonlyMap<ItemId, ItemArtefact>;
  readonly exclude: ReadonlySet<ItemId>;
  readonly popularity: PopularityArtefact;
}

/** Each candidate's EASE and item-kNN sums over the user's history, normalised to the user's best, and the history entry each model owes most to. */
export function gatherCandidates(request: GatherRequest): GatheredCandidates {
  const lists: { readonly entry: number; readonly ease: Int32Array; readonly knn: Int32Array; readonly artefact: ItemArtefact }[] = [];
  request.history.forEach((entry, position) => {
    const artefact = request.artefacts.get(entry.itemId);
    if (artefact) lists.push({ entry: position, ease: indexesOf(artefact.ease.ids), knn: indexesOf(artefact.knn.ids), artefact });
  });
  const excludedIds = [...request.exclude].map(internId);
  const popularity = popularityByIndex(request.popularity);
  ensureCapacity(internedIds.length);
  const stamp = ++work.stamp;
  for (const index of excludedIds) work.excluded[index] = stamp;
  // The buffers as locals: the loops below run once per neighbour entry (60,000 for a 300-item history).
  const { seen, excluded, touched, ease: easeSum, knn: knnSum, easeBest, knnBest, easeBecause: easeWho, knnBecause: knnWho } = work;
  let count = 0;
  for (const list of lists) {
    for (let model = 0; model < 2; model++) {
      const indexes = model === 0 ? list.ease : list.knn;
      const weights = model === 0 ? list.artefact.ease.weights : list.artefact.knn.weights;
      const sums = model === 0 ? easeSum : knnSum;
      const best = model === 0 ? easeBest : knnBest;
      const who = model === 0 ? easeWho : knnWho;
      for (let n = 0; n < indexes.length; n++) {
        const index = indexes[n] as number;
        const weight = weights[n] as number;
        if (!(weight > 0) || excluded[index] === stamp) continue;
        if (seen[index] !== stamp) {
          seen[index] = stamp;
          easeSum[index] = 0;
          knnSum[index] = 0;
          easeBest[index] = 0;
          knnBest[index] = 0;
          easeWho[index] = -1;
          knnWho[index] = -1;
          touched[count++] = index;
        }
        sums[index] = (sums[index] as number) + weight;
        if (weight > (best[index] as number)) {
          best[index] = weight;
          who[index] = list.entry;
        }
      }
    }
  }
  let maxEase = 0;
  let maxKnn = 0;
  for (let n = 0; n < count; n++) {
    const index = work.touched[n] ?? 0;
    maxEase = Math.max(maxEase, work.ease[index] ?? 0);
    maxKnn = Math.max(maxKnn, work.knn[index] ?? 0);
  }
  const ids: ItemId[] = new Array(count);
  const ease = new Float64Array(count);
  const knn = new Float64Array(count);
  const popular = new Float64Array(count);
  const easeBecause: (HistoryEntry | undefined)[] = new Array(count);
  const knnBecause: (HistoryEntry | undefined)[] = new Array(count);
  for (let n = 0; n < count; n++) {
    const index = work.touched[n] ?? 0;
    ids[n] = internedIds[index] ?? '';
    ease[n] = maxEase > 0 ? (work.ease[index] ?? 0) / maxEase : 0;
    knn[n] = maxKnn > 0 ? (work.knn[index] ?? 0) / maxKnn : 0;
    popular[n] = popularity[index] ?? 0;
    easeBecause[n] = request.history[work.easeBecause[index] ?? -1];
    knnBecause[n] = request.history[work.knnBecause[index] ?? -1];
  }
  return { ids, ease, knn, popularity: popular, easeBecause, knnBecause };
}
