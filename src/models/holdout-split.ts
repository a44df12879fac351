import type { Positive } from './interaction-matrix';

export interface HoldoutSplit {
  readonly train: Positive[];
  readonly test: Positive[];
}

/**
 * The evaluation protocol of docs/evaluation.md: per-user random 80/20 holdout with the LCG
 * seed = (seed · 1664525 + 1013904223) mod 2³², r = seed / 2³², a row to test when r < 0.2;
 * users in ascending id order (numeric when every id is a number), each user's rows in
 * file order.
 */
export function holdoutSplit(positives: readonly Positive[], seed = 42, testShare = 0.2): HoldoutSplit {
  const byUser = new Map<string, Positive[]>();
  for (const positive of positives) {
    let rows = byUser.get(positive.userId);
    if (!rows) byUser.set(positive.userId, (rows = []));
    rows.push(positive);
  }
  const numeric = [...byUser.keys()].every((id) => /^\d+$/.test(id));
  const users = [...byUser.keys()].sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let state = seed >>> 0;
  const train: Positive[] = [];
  const test: Positive[] = [];
  for (const user of users) {
    for (const row of byUser.get(user) ?? []) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      (state / 2 ** 32 < testShare ? test : train).push(row);
    }
  }
  return { train, test };
}
