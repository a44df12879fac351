/**
 * Per item, its top neighbours and their weights: what item-kNN and sparsified EASE both
 * produce, what is stored as artefacts and what serving and evaluation score with.
 * Scoring a user sums the lists of the items in their history.
 */
export interface NeighbourList {
  readonly ids: Int32Array;
  readonly weights: Float32Array;
}

export interface NeighbourLists {
  readonly itemIds: readonly string[];
  /** Indexed like itemIds; an item with no neighbours has empty arrays. */
  readonly lists: readonly NeighbourList[];
}

export const EMPTY_LIST: NeighbourList = { ids: new Int32Array(0), weights: new Float32Array(0) };

/**
 * Keeps the k largest positive values of a dense row (indices 0..n-1, or only the `touched`
 * ones, skipping `self`), sorted by value descending, ties by index. A bounded min-heap keeps
 * it O(n log k): a full sort of every item's candidates dominated item-kNN's training time.
 */
export function topKOfRow(row: ArrayLike<number>, k: number, self: number, touched?: ArrayLike<number>, touchedCount?: number): NeighbourList {
  const heap = new Int32Array(k); // indices; heap[0] is the weakest kept
  let size = 0;
  // a is weaker than b: smaller value, or the same value and a larger index.
  const weaker = (a: number, b: number): boolean => (row[a] ?? 0) < (row[b] ?? 0) || ((row[a] ?? 0) === (row[b] ?? 0) && a > b);
  const siftDown = (from: number): void => {
    for (let at = from; ; ) {
      const left = 2 * at + 1;
      const right = left + 1;
      let weakest = at;
      if (left < size && weaker(heap[left] ?? 0, heap[weakest] ?? 0)) weakest = left;
      if (right < size && weaker(heap[right] ?? 0, heap[weakest] ?? 0)) weakest = right;
      if (weakest === at) return;
      const swap = heap[at] ?? 0;
      heap[at] = heap[weakest] ?? 0;
      heap[weakest] = swap;
      at = weakest;
    }
  };
  const count = touched ? (touchedCount ?? touched.length) : row.length;
  for (let n = 0; n < count && k > 0; n++) {
    const j = touched ? (touched[n] ?? 0) : n;
    if (j === self || !((row[j] ?? 0) > 0)) continue;
    if (size < k) {
      let at = size++;
      heap[at] = j;
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!weaker(heap[at] ?? 0, heap[parent] ?? 0)) break;
        const swap = heap[at] ?? 0;
        heap[at] = heap[parent] ?? 0;
        heap[parent] = swap;
        at = parent;
      }
    } else if (weaker(heap[0] ?? 0, j)) {
      heap[0] = j;
      siftDown(0);
    }
  }
  const kept = Array.from(heap.subarray(0, size)).sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0) || a - b);
  return { ids: Int32Array.from(kept), weights: Float32Array.from(kept, (j) => row[j] ?? 0) };
}
