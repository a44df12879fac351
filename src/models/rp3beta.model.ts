import type { InteractionMatrix } from './interaction-matrix';
import { topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';

export interface Rp3BetaOptions {
  /** Popularity penalty: a target item's walk probability is divided by its degree^β. */
  readonly beta: number;
  /** Weights kept per item. */
  readonly neighbours: number;
}

export const DEFAULT_RP3_BETA: Rp3BetaOptions = { beta: 0.3, neighbours: 100 };

/**
 * RP3beta (Paudel et al., 2016; Christoffel et al., 2015): the probability of a three-step
 * random walk item → user → item on the interaction graph, W[i][j] = Σᵤ (1/|i|)·(1/|u|) over
 * the users u of both, divided by |j|^β so that the walk does not end on the most popular
 * items. Each row keeps its top `neighbours`: a user's scores are the sum of the rows of
 * their items. Counted one row at a time through the users who share it, like item-kNN.
 */
export function fitRp3Beta(matrix: InteractionMatrix, options: Rp3BetaOptions = DEFAULT_RP3_BETA, onProgress?: (done: number, total: number) => void): NeighbourLists {
  const items = matrix.itemIds.length;
  const penalty = new Float64Array(items);
  for (let j = 0; j < items; j++) penalty[j] = Math.pow(Math.max(1, (matrix.itemPtr[j + 1] ?? 0) - (matrix.itemPtr[j] ?? 0)), -options.beta);
  const userStep = new Float64Array(matrix.userIds.length);
  for (let u = 0; u < userStep.length; u++) userStep[u] = 1 / Math.max(1, (matrix.userPtr[u + 1] ?? 0) - (matrix.userPtr[u] ?? 0));
  const walk = new Float64Array(items);
  const touched = new Int32Array(items);
  const lists: NeighbourList[] = new Array(items);
  for (let i = 0; i < items; i++) {
    let touchedCount = 0;
    const start = matrix.itemPtr[i] ?? 0;
    const end = matrix.itemPtr[i + 1] ?? 0;
    const itemStep = 1 / Math.max(1, end - start);
    for (let k = start; k < end; k++) {
      const u = matrix.itemUsers[k] ?? 0;
      const step = itemStep * (userStep[u] ?? 0);
      for (let m = matrix.userPtr[u] ?? 0; m < (matrix.userPtr[u + 1] ?? 0); m++) {
        const j = matrix.userItems[m] ?? 0;
        if (walk[j] === 0) touched[touchedCount++] = j;
        walk[j] = (walk[j] ?? 0) + step;
      }
    }
    for (let n = 0; n < touchedCount; n++) {
      const j = touched[n] ?? 0;
      walk[j] = (walk[j] ?? 0) * (penalty[j] ?? 0);
    }
    lists[i] = topKOfRow(walk, options.neighbours, i, touched, touchedCount);
    for (let n = 0; n < touchedCount; n++) walk[touched[n] ?? 0] = 0;
    if (onProgress && (i % 500 === 0 || i === items - 1)) onProgress(i + 1, items);
  }
  return { itemIds: matrix.itemIds, lists };
}
