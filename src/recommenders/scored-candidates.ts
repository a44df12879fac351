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

/**
 * The `count` best of the first `n` item indexes of `touched` whose score (read by index)
 * is above 0, best first, ties by lower item index: a bounded heap, so a long candidate row
 * costs one comparison per entry once the heap is full, and nothing is copied before.
 */
export function topIndexes(touched: Int32Array, n: number, scoreOf: Float64Array, count: number): Int32Array {
  const heap = new Int32Array(Math.max(0, Math.min(count, n)));
  const capacity = heap.length;
  let size = 0;
  // a is weaker than b: a lower score, or the same score and a later item index.
  const weaker = (a: number, b: number): boolean => {
    const sa = scoreOf[a] as number;
    const sb = scoreOf[b] as number;
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (from: number, end: number): void => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let weakest = at;
      if (left < end && weaker(heap[left] as number, heap[weakest] as number)) weakest = left;
      if (right < end && weaker(heap[right] as number, heap[weakest] as number)) weakest = right;
      if (weakest === at) return;
      const swap = heap[at] as number;
      heap[at] = heap[weakest] as number;
      heap[weakest] = swap;
      at = weakest;
    }
  };
  // Once the heap is full, the weakest kept score: most entries are below it and cost one comparison.
  let floor = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < n; k++) {
    const index = touched[k] as number;
    const score = scoreOf[index] as number;
    if (!(score > 0) || score < floor) continue;
    if (size < capacity) {
      let at = size++;
      heap[at] = index;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!weaker(heap[at] as number, heap[parent] as number)) break;
        const swap = heap[at] as number;
        heap[at] = heap[parent] as number;
        heap[parent] = swap;
        at = parent;
      }
      if (size === capacity) floor = scoreOf[heap[0] as number] as number;
    } else if (capacity > 0 && weaker(heap[0] as number, index)) {
      heap[0] = index;
      siftDown(0, size);
      floor = scoreOf[heap[0] as number] as number;
    }
  }
  // Best first by taking the weakest off the heap to the back, one at a time (a heap sort).
  for (let end = size - 1; end > 0; end--) {
    const weakest = heap[0] as number;
    heap[0] = heap[end] as number;
    heap[end] = weakest;
    siftDown(0, end);
  }
  return heap.subarray(0, size);
}

/** Candidates from kept item indexes (best first) with their scores and explanations read by index, normalised to the best. */
export function candidatesOf(kept: Int32Array, scoreOf: Float64Array, becauseOf: Int32Array | undefined): ScoredCandidates {
  const best = kept.length > 0 ? (scoreOf[kept[0] as number] as number) : 1;
  const scores = new Float64Array(kept.length);
  const because = new Int32Array(kept.length);
  for (let k = 0; k < kept.length; k++) {
    const index = kept[k] as number;
    scores[k] = (scoreOf[index] as number) / best;
    because[k] = becauseOf ? (becauseOf[index] as number) : -1;
  }
  return { indexes: kept, scores, because };
}
