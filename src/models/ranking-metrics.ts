/** Ranking metrics of the evaluation protocol, for one user's top-K list against their held-out items. */

export function recallAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (relevant.size === 0) return 0;
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r] as T)) hits++;
  return hits / Math.min(k, relevant.size);
}

export function precisionAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r] as T)) hits++;
  return hits / k;
}

/** Binary NDCG: gain 1 for a held-out item, ideal DCG over min(k, |relevant|) hits. */
export function ndcgAt<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  let dcg = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (relevant.has(ranked[r] as T)) dcg += 1 / Math.log2(r + 2);
  let ideal = 0;
  for (let r = 0; r < Math.min(k, relevant.size); r++) ideal += 1 / Math.log2(r + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** Reciprocal rank of the first held-out item within the list (0 when none is in it). */
export function reciprocalRank<T>(ranked: readonly T[], relevant: ReadonlySet<T>): number {
  for (let r = 0; r < ranked.length; r++) if (relevant.has(ranked[r] as T)) return 1 / (r + 1);
  return 0;
}
