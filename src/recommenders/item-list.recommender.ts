import type { ItemId } from '../domain/item';
import type { HistoryEntry, ItemListModel } from '../domain/model-artefacts';
import type { RankedItem, RecommendationSource } from '../domain/recommendation';
import type { Recommender, RecommenderRequest } from '../ports/recommender.port';
import { exclusionMarks, indexesOf, internedCount, internId, weightsOf } from './item-index';
import { grow } from '../support/typed-buffer';
import { rankedAt, rankedOf } from './ranked-items';
import { candidatesOf, topIndexes, type ScoredCandidates } from './scored-candidates';

/** Buffers of one model's sums, shared by every request of the process (ranking is synchronous: one at a time). */
class SumBuffers {
  stamp = 0;
  seen = new Int32Array(0);
  sums = new Float64Array(0);
  /** 1 for the items being explained, cleared after: a byte per item keeps the explaining pass in cache. */
  kept = new Uint8Array(0);
  best = new Float64Array(0);
  because = new Int32Array(0);
  touched = new Int32Array(0);

  ensure(size: number): void {
    if (this.seen.length >= size) return;
    this.seen = grow(this.seen, size);
    this.sums = grow(this.sums, size);
    if (this.kept.length < size) this.kept = new Uint8Array(this.seen.length);
    this.best = grow(this.best, size);
    this.because = grow(this.because, size);
    this.touched = grow(this.touched, size);
  }
}

/**
 * Sum densely (clear the whole buffer, no per-entry branch) when the catalogue is at most
 * this many times the entries summed: then most items are touched anyway.
 */
const DENSE_BELOW = 2;

/**
 * Explain in the summing pass for a catalogue this small (its three buffers stay in cache)
 * summed at least EXPLAIN_WHILE_SUMMING times over: the compare is then cheaper than a
 * second pass. From `npm run bench:rank` (entries a model): 400 items and 3,000–9,000 entries
 * 15–45% faster, 1,000–3,000 items even to 10% faster, 5,000 items or more slower.
 */
const EXPLAIN_WHILE_SUMMING_ITEMS = 4096;
const EXPLAIN_WHILE_SUMMING = 4;

interface HistoryList {
  readonly position: number;
  readonly indexes: Int32Array;
  readonly weights: Float64Array;
  /** How much this history item counts (1; for a session, less for older items of the visit). */
  readonly scale: number;
}

/**
 * Which history items a model sums: the user's whole window alike, or only the current
 * session's (the newest `sessionLength` entries), the newest counting most: 1/(1 + position).
 */
export type ListScope = 'history' | 'session';

/**
 * An item-to-item model as a recommender (EASE, item-kNN, PureSVD, RP3beta): a user's score
 * for an item is the sum of the weights their history items' stored lists give it, and the
 * history item with the largest weight is the explanation. Negative weights (EASE) lower a
 * score; only items with a positive sum are candidates.
 */
export class ItemListRecommender implements Recommender {
  private readonly buffers = new SumBuffers();

  constructor(
    readonly model: ItemListModel,
    readonly source: RecommendationSource,
    readonly name: string,
    private readonly scope: ListScope = 'history',
  ) {}

  /**
   * The user's best `count` candidates under this model alone, normalised to the best: one
   * pass sums every list, a heap keeps the best, and a second pass explains only those kept
   * (the explanation of the thousands of items not kept is never needed) — unless the
   * catalogue is small enough that explaining every item while summing is cheaper.
   */
  candidates(request: RecommenderRequest, count: number): ScoredCandidates {
    const lists: HistoryList[] = [];
    const summed = this.scope === 'history' ? request.history.length : Math.min(request.history.length, request.sessionLength ?? 0);
    for (let position = 0; position < summed; position++) {
      const entry = request.history[position] as HistoryEntry;
      const list = request.inputs.artefacts.get(entry.itemId)?.lists[this.model];
      const scale = this.scope === 'history' ? 1 : 1 / (1 + position);
      if (list && list.ids.length > 0) lists.push({ position, indexes: indexesOf(list.ids), weights: weightsOf(list.weights), scale });
    }
    const { marks, stamp: excludedStamp } = exclusionMarks(request.exclude);
    const size = internedCount();
    const b = this.buffers;
    b.ensure(size);
    const stamp = ++b.stamp;
    const { seen, sums, touched } = b;
    let entries = 0;
    for (const list of lists) entries += list.indexes.length;
    let found = 0;
    // A small catalogue summed many times over is explained in the same pass.
    const explained = size <= EXPLAIN_WHILE_SUMMING_ITEMS && size * EXPLAIN_WHILE_SUMMING <= entries;
    if (size <= DENSE_BELOW * entries) {
      // Most of the catalogue is touched: sum without a branch, then one sequential scan.
      if (explained) sumExplaining(lists, b, size);
      else sumDensely(lists, sums, size);
      for (let index = 0; index < size; index++) {
        if ((sums[index] as number) > 0 && marks[index] !== excludedStamp) touched[found++] = index;
      }
    } else {
      for (const { indexes, weights, scale } of lists) {
        for (let n = 0; n < indexes.length; n++) {
          const index = indexes[n] as number;
          if (seen[index] !== stamp) {
            if (marks[index] === excludedStamp) continue;
            seen[index] = stamp;
            sums[index] = 0;
            touched[found++] = index;
          }
          sums[index] = (sums[index] as number) + scale * (weights[n] as number);
        }
      }
    }
    const top = topIndexes(touched, found, sums, count);
    return candidatesOf(top, sums, explained ? b.because : this.explain(lists, top));
  }

  /** The history position whose list gives each kept item its largest weight (by index; −1 for none). */
  private explain(lists: readonly HistoryList[], top: Int32Array): Int32Array {
    const { kept, best, because } = this.buffers;
    for (const index of top) {
      kept[index] = 1;
      best[index] = 0;
      because[index] = -1;
    }
    for (const { indexes, weights, position, scale } of lists) {
      for (let n = 0; n < indexes.length; n++) {
        const index = indexes[n] as number;
        if (kept[index] === 0) continue;
        const weight = scale * (weights[n] as number);
        if (weight > (best[index] as number)) {
          best[index] = weight;
          because[index] = position;
        }
      }
    }
    for (const index of top) kept[index] = 0;
    return because;
  }

  recommend(request: RecommenderRequest): RankedItem[] {
    return rankedOf(this.candidates(request, request.limit), request.history, this.source);
  }

  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[] {
    const all = this.candidates(request, Number.MAX_SAFE_INTEGER);
    return scoredInOrder(all, request, itemIds, this.source);
  }
}

/** The dense sum that also keeps, for every item, the history position whose list gives it the largest weight (as explain does). */
function sumExplaining(lists: readonly HistoryList[], buffers: SumBuffers, size: number): void {
  const { sums, best, because } = buffers;
  sums.fill(0, 0, size);
  best.fill(0, 0, size);
  because.fill(-1, 0, size);
  for (const { indexes, weights, scale, position } of lists) {
    for (let n = 0; n < indexes.length; n++) {
      const index = indexes[n] as number;
      const weight = scale * (weights[n] as number);
      sums[index] = (sums[index] as number) + weight;
      if (weight > (best[index] as number)) {
        best[index] = weight;
        because[index] = position;
      }
    }
  }
}

function sumDensely(lists: readonly HistoryList[], sums: Float64Array, size: number): void {
  sums.fill(0, 0, size);
  for (const { indexes, weights, scale } of lists) {
    for (let n = 0; n < indexes.length; n++) {
      const index = indexes[n] as number;
      sums[index] = (sums[index] as number) + scale * (weights[n] as number);
    }
  }
}

/** The given items with their scores in a model's candidates (0 when absent), best first, ties in the given order. */
export function scoredInOrder(all: ScoredCandidates, request: RecommenderRequest, itemIds: readonly ItemId[], source: RecommendationSource): RankedItem[] {
  const at = new Map<number, number>();
  all.indexes.forEach((index, k) => at.set(index, k));
  // Only the given items become objects, not every candidate.
  return [...new Set(itemIds)]
    .map((itemId, order) => {
      const k = at.get(internId(itemId));
      const item: RankedItem = k === undefined ? { itemId, score: 0, source, reasons: [] } : rankedAt(all, k, request.history, source);
      return { item, order };
    })
    .sort((a, b) => b.item.score - a.item.score || a.order - b.order)
    .map(({ item }) => item);
}
