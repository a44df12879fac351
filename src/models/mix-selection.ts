import { completeList, gatherCandidates, topCandidates, type BaselineRequest } from '../recommenders/baseline.ranker';
import { NEW_ARRIVAL_POLICIES, type BaselineWeights, type HistoryEntry, type ItemArtefact, type ServedMix } from '../domain/model-artefacts';
import { SERVING_HISTORY_WINDOW } from '../recommenders/serving-limits';
import { itemArtefactsOf, trainBaseline, type BaselineTrainingOptions, type CatalogueEntry } from './baseline.trainer';
import { groupByUser } from './group-by-user';
import { holdoutSplit } from './holdout-split';
import type { Positive } from './interaction-matrix';
import { ndcgAt, recallAt } from './ranking-metrics';

/** How one mix did on the validation rows. */
export interface MixScore {
  readonly mix: ServedMix;
  readonly recall20: number;
  readonly ndcg20: number;
}

/** What training chose, and on what: stored with the model version. */
export interface MixSelection {
  readonly chosen: MixScore;
  /** Every mix tried, best first. */
  readonly tried: readonly MixScore[];
  readonly validationUsers: number;
  readonly validationRows: number;
  readonly seed: number;
  readonly seconds: number;
}

/** The blend weights tried: each model alone, and blends of them; popularity as a tie-breaker or a real part. */
const EASE_WEIGHTS = [0, 0.5, 1];
const KNN_WEIGHTS = [0, 0.3, 0.6, 1];
const POPULARITY_WEIGHTS = [0, 0.05, 0.2];
/** A seed of its own, so that the validation rows are never the evaluation's (seed 42) test rows' split. */
export const SELECTION_SEED = 7;
const K = 20;

/** The blend weights of the grid; each is tried with every new-arrival policy. */
export function weightGrid(): BaselineWeights[] {
  const grid: BaselineWeights[] = [];
  for (const ease of EASE_WEIGHTS) {
    for (const knn of KNN_WEIGHTS) {
      if (ease === 0 && knn === 0) continue;
      // Only the ratio of EASE to kNN matters once each is normalised: skip rescaled copies.
      if (ease === 0.5 && (knn === 0 || knn === 1)) continue;
      for (const popularity of POPULARITY_WEIGHTS) grid.push({ ease, knn, popularity });
    }
  }
  return grid;
}

/**
 * Chooses the served mix on the catalogue's own data: holds out a seeded per-user 20% of the
 * given (training) rows, fits the models on the rest, ranks every validation user's list as
 * served with each mix of the grid, and keeps the one with the best Recall@20 (NDCG@20, then
 * grid order — fewer new-arrival slots first — breaking ties). The caller refits on all rows and serves with the chosen mix.
 */
export function selectServedMix(positives: readonly Positive[], catalogue: readonly CatalogueEntry[], options: BaselineTrainingOptions, seed = SELECTION_SEED): MixSelection {
  const started = Date.now();
  const { train, test } = holdoutSplit(positives, seed);
  const model = trainBaseline(train, catalogue, options);
  const artefacts = new Map<string, ItemArtefact>();
  for (const artefact of itemArtefactsOf(model)) artefacts.set(artefact.itemId, artefact);
  const fitByUser = groupByUser(train);
  const itemIndex = new Map<string, number>();
  const indexOf = (itemId: string): number => {
    let index = itemIndex.get(itemId);
    if (index === undefined) itemIndex.set(itemId, (index = itemIndex.size));
    return index;
  };
  const users = [...groupByUser(test)].map(([user, held]) => {
    const seen = fitByUser.get(user) ?? [];
    const history: HistoryEntry[] = [...seen]
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .slice(0, SERVING_HISTORY_WINDOW)
      .map((row) => ({ itemId: row.itemId, type: 'RATE', occurredAt: row.occurredAt }));
    const request: BaselineRequest = { history, artefacts, popularity: model.popularity, newArrivals: model.newArrivals, interests: [], exclude: new Set(seen.map((row) => row.itemId)), candidates: K };
    return { request, relevant: new Set(held.map((row) => indexOf(row.itemId))), gathered: gatherCandidates(request) };
  });
  // Each user's candidates are gathered once; each weighting ranks them once; each policy completes that ranking.
  const tried: MixScore[] = [];
  for (const weights of weightGrid()) {
    const sums = NEW_ARRIVAL_POLICIES.map(() => ({ recall: 0, ndcg: 0 }));
    for (const user of users) {
      const top = topCandidates(user.gathered, weights, K);
      NEW_ARRIVAL_POLICIES.forEach((policy, p) => {
        const indices = completeList(top, user.request, policy).map((item) => indexOf(item.itemId));
        const sum = sums[p] as { recall: number; ndcg: number };
        sum.recall += recallAt(indices, user.relevant, K);
        sum.ndcg += ndcgAt(indices, user.relevant, K);
      });
    }
    const count = Math.max(1, users.length);
    NEW_ARRIVAL_POLICIES.forEach((newArrivals, p) => tried.push({ mix: { weights, newArrivals }, recall20: (sums[p]?.recall ?? 0) / count, ndcg20: (sums[p]?.ndcg ?? 0) / count }));
  }
  const order = new Map(tried.map((score, index) => [score, index]));
  const best = [...tried].sort((a, b) => b.recall20 - a.recall20 || b.ndcg20 - a.ndcg20 || (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const chosen = best[0];
  if (!chosen) throw new Error('no mix to choose from');
  return { chosen, tried: best, validationUsers: users.length, validationRows: test.length, seed, seconds: (Date.now() - started) / 1000 };
}

