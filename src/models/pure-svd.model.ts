import { CholeskyDecomposition, EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import type { InteractionMatrix } from './interaction-matrix';
import { mostSupportedItems } from './item-coverage';
import { EMPTY_LIST, topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';

export interface PureSvdOptions {
  /** Latent factors k: the rank of the approximation. */
  readonly factors: number;
  /** Extra random directions of the range finder (Halko et al.: 5–10 suffice). */
  readonly oversampling: number;
  /** Power iterations, which sharpen the spectrum of a flat interaction matrix. */
  readonly powerIterations: number;
  /** Items whose factors make the stored lists: the most interacted covering this share of interactions ... */
  readonly coverage: number;
  /** ... and at most this many (the item-item product costs n²·k). */
  readonly maxItems: number;
  /** Weights kept per item. */
  readonly neighbours: number;
  readonly seed: number;
}

export const DEFAULT_PURE_SVD: PureSvdOptions = { factors: 64, oversampling: 10, powerIterations: 2, coverage: 0.95, maxItems: 1500, neighbours: 100, seed: 11 };

/**
 * The item factors of PureSVD (Cremonesi et al., 2010), X ≈ U·Σ·Vᵀ, by randomised truncated
 * SVD (Halko, Martinsson and Tropp, 2011): the range of X is found from X·Ω for a random Ω,
 * sharpened by power iterations, orthonormalised with a QR decomposition (ml-matrix), and
 * the small l×l problem B·Bᵀ is solved by an eigen-decomposition. Returns V (items × the
 * `factors` strongest), row-major. The sparse products stay on the CSR matrix.
 */
export function pureSvdItemFactors(matrix: InteractionMatrix, options: PureSvdOptions = DEFAULT_PURE_SVD): { factors: Float64Array; rank: number } {
  const users = matrix.userIds.length;
  const items = matrix.itemIds.length;
  const l = Math.max(1, Math.min(options.factors + options.oversampling, users, items));
  const random = gaussian(options.seed);
  let itemSide: Float64Array = new Float64Array(items * l);
  for (let n = 0; n < itemSide.length; n++) itemSide[n] = random();
  // Between power iterations one Cholesky pass keeps the columns apart; the final basis gets two.
  let userSide = orthonormal(multiplyUsers(matrix, itemSide, l), users, l, options.powerIterations === 0);
  for (let q = 0; q < options.powerIterations; q++) {
    itemSide = orthonormal(multiplyItems(matrix, userSide, l), items, l, false);
    userSide = orthonormal(multiplyUsers(matrix, itemSide, l), users, l, q === options.powerIterations - 1);
  }
  // Bᵀ = Xᵀ·Q (items × l); B·Bᵀ = Qᵀ·X·Xᵀ·Q is l×l; its eigenvectors W give V = Bᵀ·W·Λ^(-1/2).
  const bt = multiplyItems(matrix, userSide, l);
  const eigen = new EigenvalueDecomposition(gramOf(bt, items, l), { assumeSymmetric: true });
  const values = eigen.realEigenvalues;
  const order = values.map((_, index) => index).sort((a, b) => (values[b] ?? 0) - (values[a] ?? 0));
  const rank = Math.min(options.factors, order.filter((index) => (values[index] ?? 0) > 1e-9).length);
  // W·Λ^(-1/2) for the kept directions, as an l × rank typed matrix.
  const vectors = eigen.eigenvectorMatrix;
  const projection = new Float64Array(l * rank);
  for (let f = 0; f < rank; f++) {
    const column = order[f] ?? 0;
    const scale = 1 / Math.sqrt(values[column] ?? 1);
    for (let a = 0; a < l; a++) projection[a * rank + f] = vectors.get(a, column) * scale;
  }
  const factors = new Float64Array(items * rank);
  for (let i = 0; i < items; i++) {
    for (let a = 0; a < l; a++) {
      const value = bt[i * l + a] as number;
      if (value === 0) continue;
      for (let f = 0; f < rank; f++) factors[i * rank + f] = (factors[i * rank + f] as number) + value * (projection[a * rank + f] as number);
    }
  }
  return { factors, rank };
}

/**
 * PureSVD served like the item-item models: a user's scores x·V·Vᵀ are the sum over their
 * items of the rows of V·Vᵀ, so each item stores its row's top `neighbours` — the item-item
 * list its factors imply — and serving reads a constant number of rows per history item.
 * Rows and columns span the `maxItems` most interacted items.
 */
export function fitPureSvd(matrix: InteractionMatrix, options: PureSvdOptions = DEFAULT_PURE_SVD): NeighbourLists {
  return fitPureSvdGrid(matrix, [options.factors], options)[0] as NeighbourLists;
}

/** PureSVD's lists for several ranks from one decomposition (the largest): the first k factors of a rank-K SVD are the rank-k one. */
export function fitPureSvdGrid(matrix: InteractionMatrix, ranks: readonly number[], options: PureSvdOptions = DEFAULT_PURE_SVD): NeighbourLists[] {
  const { factors, rank: fitted } = pureSvdItemFactors(matrix, { ...options, factors: Math.max(...ranks) });
  return ranks.map((wanted) => itemItemLists(matrix, factors, fitted, Math.min(wanted, fitted), options));
}

function itemItemLists(matrix: InteractionMatrix, factors: Float64Array, stride: number, rank: number, options: PureSvdOptions): NeighbourLists {
  const kept = mostSupportedItems(matrix, options.maxItems, options.coverage);
  const n = kept.length;
  const local = new Float64Array(n * rank);
  kept.forEach((item, position) => local.set(factors.subarray(item * stride, item * stride + rank), position * rank));
  const row = new Float64Array(n);
  const lists: NeighbourList[] = new Array(matrix.itemIds.length).fill(EMPTY_LIST);
  for (let a = 0; a < n; a++) {
    const offsetA = a * rank;
    for (let b = 0; b < n; b++) {
      const offsetB = b * rank;
      let sum = 0;
      for (let f = 0; f < rank; f++) sum += (local[offsetA + f] as number) * (local[offsetB + f] as number);
      row[b] = sum;
    }
    const top = topKOfRow(row, options.neighbours, a);
    lists[kept[a] ?? 0] = { ids: top.ids.map((b) => kept[b] ?? 0), weights: top.weights };
  }
  return { itemIds: matrix.itemIds, lists };
}

/** X·M for M items × l (row-major): users × l. */
function multiplyUsers(matrix: InteractionMatrix, m: Float64Array, l: number): Float64Array {
  return sparseTimes(matrix.userPtr, matrix.userItems, matrix.userIds.length, m, l);
}

/** Xᵀ·M for M users × l: items × l. */
function multiplyItems(matrix: InteractionMatrix, m: Float64Array, l: number): Float64Array {
  return sparseTimes(matrix.itemPtr, matrix.itemUsers, matrix.itemIds.length, m, l);
}

/** A binary sparse matrix (compressed rows: ptr, indices) times a dense M (row-major, l columns). */
function sparseTimes(ptr: Int32Array, indices: Int32Array, rows: number, m: Float64Array, l: number): Float64Array {
  const out = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) {
    const offset = r * l;
    for (let k = ptr[r] ?? 0; k < (ptr[r + 1] ?? 0); k++) {
      const source = (indices[k] ?? 0) * l;
      for (let f = 0; f < l; f++) out[offset + f] = (out[offset + f] as number) + (m[source + f] as number);
    }
  }
  return out;
}

/**
 * An orthonormal basis of the columns of a tall rows × l matrix Y, row-major: CholeskyQR2 —
 * Q = Y·R⁻¹ with R from the Cholesky factor of the small l×l YᵀY (ml-matrix), twice for
 * accuracy — which keeps the tall work in typed loops; a Householder QR (ml-matrix) when YᵀY
 * is too ill-conditioned for Cholesky.
 */
function orthonormal(values: Float64Array, rows: number, l: number, accurate: boolean): Float64Array {
  const once = choleskyQr(values, rows, l);
  const twice = once && accurate ? choleskyQr(once, rows, l) : once;
  return twice ?? householderQr(values, rows, l);
}

/** YᵀY of a tall rows × l matrix, accumulated row by row so Y is read once and contiguously. */
function gramOf(y: Float64Array, rows: number, l: number): Matrix {
  const sums = new Float64Array(l * l);
  for (let r = 0; r < rows; r++) {
    const offset = r * l;
    for (let a = 0; a < l; a++) {
      const value = y[offset + a] as number;
      if (value === 0) continue;
      const at = a * l;
      for (let b = a; b < l; b++) sums[at + b] = (sums[at + b] as number) + value * (y[offset + b] as number);
    }
  }
  const gram = new Matrix(l, l);
  for (let a = 0; a < l; a++) {
    for (let b = a; b < l; b++) {
      gram.set(a, b, sums[a * l + b] ?? 0);
      gram.set(b, a, sums[a * l + b] ?? 0);
    }
  }
  return gram;
}

function choleskyQr(y: Float64Array, rows: number, l: number): Float64Array | undefined {
  const gram = gramOf(y, rows, l);
  const cholesky = new CholeskyDecomposition(gram);
  if (!cholesky.isPositiveDefinite()) return undefined;
  const lower = cholesky.lowerTriangularMatrix;
  const factor = new Float64Array(l * l);
  for (let a = 0; a < l; a++) for (let b = 0; b <= a; b++) factor[a * l + b] = lower.get(a, b);
  // Each row q solves q·Lᵀ = y: forward substitution, q[a] = (y[a] − Σ_{b<a} q[b]·L[a][b]) / L[a][a].
  const q = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) {
    const offset = r * l;
    for (let a = 0; a < l; a++) {
      let sum = y[offset + a] as number;
      for (let b = 0; b < a; b++) sum -= (q[offset + b] as number) * (factor[a * l + b] as number);
      const pivot = factor[a * l + a] as number;
      if (!(pivot > 1e-12)) return undefined;
      q[offset + a] = sum / pivot;
    }
  }
  return q;
}

function householderQr(values: Float64Array, rows: number, l: number): Float64Array {
  const input = new Matrix(rows, l);
  for (let r = 0; r < rows; r++) for (let c = 0; c < l; c++) input.set(r, c, values[r * l + c] ?? 0);
  const q = new QrDecomposition(input).orthogonalMatrix;
  const out = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) for (let c = 0; c < l; c++) out[r * l + c] = q.get(r, c);
  return out;
}

/** Standard normal draws from a seeded LCG (Box–Muller), so a training is reproducible. */
function gaussian(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}
