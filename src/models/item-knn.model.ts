import type { InteractionMatrix } from './interaction-matrix';
import { topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';

export interface ItemKnnOptions {
  /** Neighbours kept per item. */
  readonly neighbours: number;
  /** Shrinks similarities resting on few co-occurrences: sim · co / (co + shrinkage). */
  readonly shrinkage: number;
  /** Entries kept per item in the reversed (scoring) lists. */
  readonly reverseKeep: number;
}

export const DEFAULT_ITEM_KNN: ItemKnnOptions = { neighbours: 100, shrinkage: 0, reverseKeep: 100 };

/**
 * Item-to-item collaborative filtering: cosine similarity of items' user sets, shrunk, top-K
 * per item. Co-occurrences are counted one item row at a time through the users who share
 * it (sparse, typed arrays): no items × items matrix is ever held.
 */
export function fitItemKnn(matrix: InteractionMatrix, options: ItemKnnOptions = DEFAULT_ITEM_KNN, onProgress?: (done: number, total: number) => void): NeighbourLists {
  const items = matrix.itemIds.length;
  const norms = new Float64Array(items);
  for (let i = 0; i < items; i++) norms[i] = Math.sqrt((matrix.itemPtr[i + 1] ?? 0) - (matrix.itemPtr[i] ?? 0));
  const co = new Float64Array(items);
  const touched = new Int32Array(items);
  const lists: NeighbourList[] = new Array(items);
  for (let i = 0; i < items; i++) {
    let touchedCount = 0;
    for (let k = matrix.itemPtr[i] ?? 0; k < (matrix.itemPtr[i + 1] ?? 0); k++) {
      const u = matrix.itemUsers[k] ?? 0;
      for (let m = matrix.userPtr[u] ?? 0; m < (matrix.userPtr[u + 1] ?? 0); m++) {
        const j = matrix.userItems[m] ?? 0;
        if (co[j] === 0) touched[touchedCount++] = j;
        co[j] = (co[j] ?? 0) + 1;
      }
    }
    for (let n = 0; n < touchedCount; n++) {
      const j = touched[n] ?? 0;
      const together = co[j] ?? 0;
      co[j] = (together / ((norms[i] ?? 1) * (norms[j] ?? 1))) * (together / (together + options.shrinkage));
    }
    lists[i] = topKOfRow(co, options.neighbours, i, touched, touchedCount);
    for (let n = 0; n < touchedCount; n++) co[touched[n] ?? 0] = 0;
    if (onProgress && (i % 500 === 0 || i === items - 1)) onProgress(i + 1, items);
  }
  return { itemIds: matrix.itemIds, lists };
}
