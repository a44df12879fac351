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
 * Keeps the k largest positive values of a dense row (indices 0..n-1, skipping `self`),
 * sorted by value descending, ties by index.
 */
export function topKOfRow(row: ArrayLike<number>, k: number, self: number, touched?: ArrayLike<number>, touchedCount?: number): NeighbourList {
  const candidates: number[] = [];
  const count = touched ? (touchedCount ?? touched.length) : row.length;
  for (let n = 0; n < count; n++) {
    const j = touched ? (touched[n] ?? 0) : n;
    if (j !== self && (row[j] ?? 0) > 0) candidates.push(j);
  }
  candidates.sort((a, b) => (row[b] ?? 0) - (row[a] ?? 0) || a - b);
  const kept = candidates.slice(0, k);
  return { ids: Int32Array.from(kept), weights: Float32Array.from(kept, (j) => row[j] ?? 0) };
}
