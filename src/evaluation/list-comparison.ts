/**
 * How two ranked lists of the same user compare, and what a set of lists covers. Pure
 * functions, checked against hand-computed cases (test/unit/evaluation).
 */

/** Share of the first k of `a` that are also in the first k of `b` (|A∩B| / k). */
export function overlapAtK(a: readonly string[], b: readonly string[], k: number): number {
  if (k <= 0) return 0;
  const top = new Set(b.slice(0, k));
  return a.slice(0, k).filter((id) => top.has(id)).length / k;
}

/**
 * Kendall's tau-a of the items both lists hold, in the order each gives them: 1 the same
 * order, −1 reversed. Null with fewer than two common items (nothing to compare).
 */
export function kendallTauOnCommon(a: readonly string[], b: readonly string[]): number | null {
  const rankInB = new Map(b.map((id, index) => [id, index]));
  const common = a.filter((id) => rankInB.has(id));
  const n = common.length;
  if (n < 2) return null;
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // In a, common[i] comes before common[j]; the pair agrees when b says the same.
      const agree = (rankInB.get(common[i] ?? '') ?? 0) < (rankInB.get(common[j] ?? '') ?? 0);
      if (agree) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / ((n * (n - 1)) / 2);
}

/**
 * Rank-biased overlap (Webber, Moffat and Zobel 2010), extrapolated to the lists' depth:
 * agreement at every depth d, weighted by p^d, so the top counts most. 1 for identical
 * lists, 0 for disjoint ones. p = 0.9 weighs the first ten ranks at about 86 %.
 */
export function rankBiasedOverlap(a: readonly string[], b: readonly string[], p = 0.9): number {
  const depth = Math.min(a.length, b.length);
  if (depth === 0) return 0;
  const seenA = new Set<string>();
  const seenB = new Set<string>();
  let overlap = 0;
  let sum = 0;
  for (let d = 1; d <= depth; d++) {
    const x = a[d - 1] ?? '';
    const y = b[d - 1] ?? '';
    if (x === y) overlap++;
    else {
      if (seenB.has(x)) overlap++;
      if (seenA.has(y)) overlap++;
    }
    seenA.add(x);
    seenB.add(y);
    sum += (overlap / d) * p ** d;
  }
  return (overlap / depth) * p ** depth + ((1 - p) / p) * sum;
}

/** Share of the catalogue that appears in at least one of the lists. */
export function catalogueCoverage(lists: readonly (readonly string[])[], catalogueSize: number): number {
  if (catalogueSize <= 0) return 0;
  return new Set(lists.flat()).size / catalogueSize;
}

/**
 * Each item's popularity percentile in the catalogue: the share of items at most as popular
 * (the most popular item is 1). Items without interactions share the lowest.
 */
export function popularityPercentiles(popularity: ReadonlyMap<string, number>): Map<string, number> {
  const counts = [...popularity.values()].sort((x, y) => x - y);
  const atMost = (count: number): number => {
    let low = 0;
    let high = counts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((counts[middle] ?? 0) <= count) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  return new Map([...popularity.entries()].map(([id, count]) => [id, counts.length === 0 ? 0 : atMost(count) / counts.length]));
}

/** Mean popularity percentile of the recommended items (higher: the lists lean on what is popular). */
export function meanPopularityPercentile(lists: readonly (readonly string[])[], percentiles: ReadonlyMap<string, number>): number {
  const values = lists.flat().map((id) => percentiles.get(id) ?? 0);
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export interface Proportion {
  readonly successes: number;
  readonly trials: number;
  /** successes / trials; 0 when there are no trials. */
  readonly rate: number;
  /** Wilson score interval at 95 %. */
  readonly low: number;
  readonly high: number;
}

/** A rate with its 95 % Wilson interval, which behaves with small counts and rates near 0. */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): Proportion {
  if (trials <= 0) return { successes, trials, rate: 0, low: 0, high: 0 };
  const rate = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (rate + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((rate * (1 - rate)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { successes, trials, rate, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
