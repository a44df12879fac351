import type { InteractionMatrix } from './interaction-matrix';
import { mostSupportedItems } from './item-coverage';
import { EMPTY_LIST, topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';
import { invertSymmetricPositiveDefinite } from './spd-inverse';

export interface EaseOptions {
  /** L2 regularisation λ added to the Gram matrix's diagonal. */
  readonly lambda: number;
  /**
   * The model is fitted on the most-interacted items covering this share of all
   * interactions (a small catalogue whole) ...
   */
  readonly coverage: number;
  /** ... but never more than this many (the inverse costs n³/2: 1,000 items take under a second; on ml-latest-small 1,000 did as well as 1,500 or 2,000). */
  readonly maxItems: number;
  /** Weights kept per item (the sparsified model that is stored and served): the largest in magnitude. */
  readonly neighbours: number;
  /** Keep negative weights (an item that predicts another's absence lowers its score), or only positive ones. */
  readonly negative: boolean;
}

export const DEFAULT_EASE: EaseOptions = { lambda: 300, coverage: 0.95, maxItems: 1000, neighbours: 100, negative: true };

/**
 * EASE (Steck, 2019): the item-item weight matrix B that best reconstructs each user's
 * items from their other items, in closed form B = I − P·diag(1/diag(P)), P = (XᵀX + λI)⁻¹,
 * with a zero diagonal. Fitted on the most-interacted items (mostSupportedItems); each row
 * is then cut to its `neighbours` largest weights (in magnitude, or positive only), which is
 * what serving reads per item.
 */
export function fitEase(matrix: InteractionMatrix, options: EaseOptions = DEFAULT_EASE): NeighbourLists {
  return fitEaseGrid(matrix, [options.lambda], options)[0] as NeighbourLists;
}

/** EASE for several λ over one Gram matrix (each λ costs one inverse): what selection compares. */
export function fitEaseGrid(matrix: InteractionMatrix, lambdas: readonly number[], options: Omit<EaseOptions, 'lambda'> = DEFAULT_EASE): NeighbourLists[] {
  const kept = mostSupportedItems(matrix, options.maxItems, options.coverage);
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
  return lambdas.map((lambda) => {
    const regularised = lambdas.length === 1 ? gram : gram.slice();
    for (let a = 0; a < n; a++) regularised[a * n + a] = (regularised[a * n + a] ?? 0) + lambda;
    return sparsified(invertSymmetricPositiveDefinite(regularised, n), kept, matrix.itemIds, options);
  });
}

function sparsified(p: Float64Array, kept: readonly number[], itemIds: readonly string[], options: Pick<EaseOptions, 'neighbours' | 'negative'>): NeighbourLists {
  const n = kept.length;
  // B[a][b] = −P[a][b] / P[b][b] (a ≠ b). The row of item a says how much a predicts each b.
  const diagonal = new Float64Array(n);
  for (let b = 0; b < n; b++) diagonal[b] = p[b * n + b] ?? 1;
  const weights = new Float64Array(n);
  const magnitudes = new Float64Array(n);
  const lists: NeighbourList[] = new Array(itemIds.length).fill(EMPTY_LIST);
  for (let a = 0; a < n; a++) {
    const offset = a * n;
    for (let b = 0; b < n; b++) {
      weights[b] = b === a ? 0 : -(p[offset + b] ?? 0) / (diagonal[b] ?? 1);
      magnitudes[b] = Math.abs(weights[b] ?? 0);
    }
    const top = topKOfRow(options.negative ? magnitudes : weights, options.neighbours, a);
    lists[kept[a] ?? 0] = { ids: top.ids.map((b) => kept[b] ?? 0), weights: Float32Array.from(top.ids, (b) => weights[b] ?? 0) };
  }
  return { itemIds, lists };
}
