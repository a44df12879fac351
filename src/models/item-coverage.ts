import { itemSupport, type InteractionMatrix } from './interaction-matrix';

/**
 * The items a dense model is fitted on: the most interacted first (ties by index), as few as
 * cover `coverage` of all interactions, never more than `ceiling` (what a dense n×n model
 * can afford). A small catalogue is covered whole; a long tail is cut where it stops paying.
 */
export function mostSupportedItems(matrix: InteractionMatrix, ceiling: number, coverage = 1): number[] {
  const support = itemSupport(matrix);
  const ranked = Array.from(support.keys())
    .filter((i) => (support[i] ?? 0) > 0)
    .sort((a, b) => (support[b] ?? 0) - (support[a] ?? 0) || a - b);
  const total = ranked.reduce((sum, i) => sum + (support[i] ?? 0), 0);
  let covered = 0;
  let count = 0;
  while (count < ranked.length && count < ceiling && covered < coverage * total) covered += support[ranked[count++] ?? 0] ?? 0;
  return ranked.slice(0, count);
}
