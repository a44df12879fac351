import { itemSupport, type InteractionMatrix } from './interaction-matrix';
import { EMPTY_LIST, topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';
import { invertSymmetricPositiveDefinite } from './spd-inverse';

export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix's diagonal. */
  readonly lambda: number;
  /** The model is fitted on the most-interacted items only (the inverse costs n³/2). */
  readonly maxItems: number;
  /** Weights kept per item (the sparsified model that is stored and served). */
  readonly neighbours: number;
}

export const DEFAULT_EASE: EaseOptions = { lambda: 300, maxItems: 1500, neighbours: 100 };

/**
 * EASE (Steck, 2019): the item-item weight matrix B that best reconstructs each user's
 * items from their other items, in closed form B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹,
 * with a zero diagonal. Fitted on the `maxItems` most-interacted items; each row is then cut
 * to its `neighbours` largest positive weights, which is what serving reads per item.
 */
export function fitEase(matrix: InteractionMatrix, options: EaseOptions = DEFAULT_EASE): NeighbourLists {
  const support = itemSupport(matrix);
  const kept = Array.from(support.keys())
    .filter((i) => (support[i] ?? 0) > 0)
    .sort((a, b) => (support[b] ?? 0) - (support[a] ?? 0) || a - b)
    .slice(0, options.maxItems);
  const n = kept.length;
  const local = new Int32Array(matrix.itemIds.length).fill(-1);
  kept.forEach((item, position) => (local[item] = position));

  // Gram matrix XᵀX over the kept items, plus λ on the diagonal.
  const gram = new Float64Array(n * n);
  const row: number[] = [];
  for (let u = 0; u < matrix.userIds.length; u++) {
    row.length = 0;
    for (let k = matrix.userPtr[u] ?? 0; k < (matrix.userPtr[u + 1] ?? 0); k++) {
      const position = local[matrix.userItems[k] ?? 0] ?? -1;
      if (position >= 0) row.push(position);
    }
    for (const a of row) {
      const offset = a * n;
      for (const b of row) gram[offset + b] = (gram[offset + b] ?? 0) + 1;
    }
  }
  for (let a = 0; a < n; a++) gram[a * n + a] = (gram[a * n + a] ?? 0) + options.lambda;

  const p = invertSymmetricPositiveDefinite(gram, n);
  // B[a][b] = −P[a][b] / P[b][b] (a ≠ b). The row of item a says how much a predicts each b.
  const diagonal = new Float64Array(n);
  for (let b = 0; b < n; b++) diagonal[b] = p[b * n + b] ?? 1;
  const weights = new Float64Array(n);
  const lists: NeighbourList[] = new Array(matrix.itemIds.length).fill(EMPTY_LIST);
  for (let a = 0; a < n; a++) {
    const offset = a * n;
    for (let b = 0; b < n; b++) weights[b] = b === a ? 0 : -(p[offset + b] ?? 0) / (diagonal[b] ?? 1);
    const top = topKOfRow(weights, options.neighbours, a);
    lists[kept[a] ?? 0] = { ids: top.ids.map((b) => kept[b] ?? 0), weights: top.weights };
  }
  return { itemIds: matrix.itemIds, lists };
}
