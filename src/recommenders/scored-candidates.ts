/**
 * One model's candidates for one user, best first, as parallel typed arrays over interned
 * item indexes: the score normalised so the user's best candidate is 1 (so that models
 * blend by weight alone), and the position in the user's history of the item that
 * contributed most (−1 when none of the user's own items did, as for user-kNN).
 */
export interface ScoredCandidates {
  readonly indexes: Int32Array;
  readonly scores: Float64Array;
  readonly because: Int32Array;
}

export const NO_CANDIDATES: ScoredCandidates = { indexes: new Int32Array(0), scores: new Float64Array(0), because: new Int32Array(0) };

/** Reusable aligned buffers for `bestOf`'s input (ranking is synchronous: one at a time). */
export class CandidateBuffers {
  indexes = new Int32Array(1024);
  scores = new Float64Array(1024);
  because = new Int32Array(1024);

  ensure(size: number): void {
    if (this.indexes.length >= size) return;
    const capacity = Math.max(size, this.indexes.length * 2);
    this.indexes = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
    this.because = new Int32Array(capacity);
  }
}

/**
 * The `count` best of the first `n` aligned entries with a score above 0 (ties by lower item
 * index), best first, normalised to the best: a bounded heap of positions, so a long
 * candidate row costs one comparison per entry and only the kept ones are copied.
 */
export function bestOf(indexes: Int32Array, scores: Float64Array, because: Int32Array, n: number, count: number, normalise = true): ScoredCandidates {
  const heap = new Int32Array(Math.max(0, Math.min(count, n)));
  let size = 0;
  // a is weaker than b: a lower score, or the same score and a later item index.
  const weaker = (a: number, b: number): boolean => {
    const sa = scores[a] as number;
    const sb = scores[b] as number;
    return sa < sb || (sa === sb && (indexes[a] as number) > (indexes[b] as number));
  };
  for (let k = 0; k < n; k++) {
    const score = scores[k] as number;
    if (!(score > 0)) continue;
    if (size < heap.length) {
      let at = size++;
      heap[at] = k;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!weaker(heap[at] as number, heap[parent] as number)) break;
        const swap = heap[at] as number;
        heap[at] = heap[parent] as number;
        heap[parent] = swap;
        at = parent;
      }
    } else if (size > 0 && score >= (scores[heap[0] as number] as number) && weaker(heap[0] as number, k)) {
      heap[0] = k;
      for (let at = 0; ; ) {
        const left = 2 * at + 1;
        const right = left + 1;
        let weakest = at;
        if (left < size && weaker(heap[left] as number, heap[weakest] as number)) weakest = left;
        if (right < size && weaker(heap[right] as number, heap[weakest] as number)) weakest = right;
        if (weakest === at) break;
        const swap = heap[at] as number;
        heap[at] = heap[weakest] as number;
        heap[weakest] = swap;
        at = weakest;
      }
    }
  }
  const kept = Array.from(heap.subarray(0, size)).sort((a, b) => (weaker(a, b) ? 1 : weaker(b, a) ? -1 : 0));
  const best = normalise && kept.length > 0 ? (scores[kept[0] as number] as number) : 1;
  return {
    indexes: Int32Array.from(kept, (k) => indexes[k] as number),
    scores: Float64Array.from(kept, (k) => (scores[k] as number) / best),
    because: Int32Array.from(kept, (k) => because[k] as number),
  };
}
