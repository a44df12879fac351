import type { ItemId } from '../domain/item';
import type { ItemListModel } from '../domain/model-artefacts';
import type { RankedItem, RecommendationSource } from '../domain/recommendation';
import type { Recommender, RecommenderRequest } from '../ports/recommender.port';
import { ExclusionMarks, grow, indexesOf, internedCount, internId } from './item-index';
import { rankedAt, rankedOf } from './ranked-items';
import { bestOf, CandidateBuffers, type ScoredCandidates } from './scored-candidates';

/** Buffers of one model's sums, shared by every request of the process (ranking is synchronous: one at a time). */
class SumBuffers {
  stamp = 0;
  seen = new Int32Array(0);
  sums = new Float64Array(0);
  best = new Float64Array(0);
  because = new Int32Array(0);
  touched = new Int32Array(0);

  ensure(size: number): void {
    if (this.seen.length >= size) return;
    this.seen = grow(this.seen, size);
    this.sums = grow(this.sums, size);
    this.best = grow(this.best, size);
    this.because = grow(this.because, size);
    this.touched = grow(this.touched, size);
  }
}

/**
 * An item-to-item model as a recommender (EASE, item-kNN, PureSVD, RP3beta): a user's score
 * for an item is the sum of the weights their history items' stored lists give it, and the
 * history item with the largest weight is the explanation. Negative weights (EASE) lower a
 * score; only items with a positive sum are candidates.
 */
export class ItemListRecommender implements Recommender {
  private readonly buffers = new SumBuffers();
  private readonly exclusions = new ExclusionMarks();
  private readonly aligned = new CandidateBuffers();

  constructor(
    readonly model: ItemListModel,
    readonly source: RecommendationSource,
    readonly name: string,
  ) {}

  /** The user's best `count` candidates under this model alone, normalised to the best. */
  candidates(request: RecommenderRequest, count: number): ScoredCandidates {
    const lists: { readonly position: number; readonly indexes: Int32Array; readonly weights: readonly number[] }[] = [];
    request.history.forEach((entry, position) => {
      const list = request.inputs.artefacts.get(entry.itemId)?.lists[this.model];
      if (list && list.ids.length > 0) lists.push({ position, indexes: indexesOf(list.ids), weights: list.weights });
    });
    const { marks, stamp: excludedStamp } = this.exclusions.mark(request.exclude);
    const b = this.buffers;
    b.ensure(internedCount());
    const stamp = ++b.stamp;
    const { seen, sums, best, because, touched } = b;
    let found = 0;
    for (const list of lists) {
      const { indexes, weights, position } = list;
      for (let n = 0; n < indexes.length; n++) {
        const index = indexes[n] as number;
        if (marks[index] === excludedStamp) continue;
        const weight = weights[n] as number;
        if (seen[index] !== stamp) {
          seen[index] = stamp;
          sums[index] = 0;
          best[index] = 0;
          because[index] = -1;
          touched[found++] = index;
        }
        sums[index] = (sums[index] as number) + weight;
        if (weight > (best[index] as number)) {
          best[index] = weight;
          because[index] = position;
        }
      }
    }
    const aligned = this.aligned;
    aligned.ensure(found);
    for (let k = 0; k < found; k++) {
      const index = touched[k] as number;
      aligned.indexes[k] = index;
      aligned.scores[k] = sums[index] as number;
      aligned.because[k] = because[index] as number;
    }
    return bestOf(aligned.indexes, aligned.scores, aligned.because, found, count);
  }

  recommend(request: RecommenderRequest): RankedItem[] {
    return rankedOf(this.candidates(request, request.limit), request.history, this.source);
  }

  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[] {
    const all = this.candidates(request, Number.MAX_SAFE_INTEGER);
    return scoredInOrder(all, request, itemIds, this.source);
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
