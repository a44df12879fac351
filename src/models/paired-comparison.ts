/**
 * Whether a candidate's per-user scores beat the current ones by more than one standard error
 * of the paired per-user differences (the one-standard-error rule): a gain within the
 * validation split's noise does not carry over to the served lists, and a change costs reads
 * and training time.
 */
export function clearlyBetter(candidate: ArrayLike<number>, current: ArrayLike<number>): boolean {
  const n = candidate.length;
  let sum = 0;
  let squares = 0;
  for (let u = 0; u < n; u++) {
    const difference = (candidate[u] ?? 0) - (current[u] ?? 0);
    sum += difference;
    squares += difference * difference;
  }
  if (n < 2) return sum > 1e-9;
  const mean = sum / n;
  const standardError = Math.sqrt(Math.max(0, squares / n - mean * mean) / (n - 1));
  return mean > 1e-9 && mean > standardError;
}
