import { FALLBACK_MIX, type ItemArtefact, type ServedMix, type UserArtefact } from '../domain/model-artefacts';
import { ALL_MODELS, DEFAULT_TRAINING, itemArtefactsOf, trainBaseline, userArtefactsOf, type CatalogueEntry } from '../models/baseline.trainer';
import { groupByUser } from '../models/group-by-user';
import type { Positive } from '../models/interaction-matrix';
import { selectServedMix, servedRequest, type MixSelection } from '../selection/mix-selection';
import { reciprocalRank } from '../models/ranking-metrics';
import type { RecommenderRequest, ServingInputs } from '../ports/recommender.port';
import { DEFAULT_SESSION_WINDOW_MS, sessionLengthOf } from '../recommenders/current-session';
import { ServedMixRecommender } from '../recommenders/served-mix.recommender';
import { describeMix, type EvaluationOptions } from './offline-evaluation';

export interface NextItemRow {
  readonly model: string;
  readonly hitRate10: number;
  readonly hitRate20: number;
  readonly mrr20: number;
  readonly fitSeconds: number;
}

export interface NextItemReport {
  readonly protocol: 'next-item';
  readonly users: number;
  readonly items: number;
  readonly trainRows: number;
  readonly testRows: number;
  /** Held-out events with a session before them (an event in the 30 minutes before). */
  readonly withSession: number;
  readonly models: readonly NextItemRow[];
  readonly selection?: { readonly mix: ServedMix; readonly sessionWeight: MixSelection['session']; readonly seconds: number };
}

const K = 20;

/**
 * The next-item protocol (docs/recommendations.md, "Offline evaluation"): per user, events
 * ordered by time (ties in file order), the last one held out; the session is the user's events in the 30 minutes
 * before it (at most 10), the long-term history everything earlier. Rows: MostPop, the
 * long-term list as served without the session, and the list as served with it; the mix
 * (session weight included) is chosen inside the training rows, as `npm run train` does.
 */
export function evaluateNextItem(positives: readonly Positive[], catalogue: readonly CatalogueEntry[], options: EvaluationOptions = { seed: 42, training: DEFAULT_TRAINING }): NextItemReport {
  const { train, test } = lastEventSplit(positives);
  const trainByUser = groupByUser(train);
  const selection = options.mix ? undefined : selectServedMix(train, catalogue, options.training);
  const training = selection?.options ?? options.training;
  const started = Date.now();
  const model = trainBaseline(train, catalogue, training, undefined, ALL_MODELS);
  const fitSeconds = (Date.now() - started) / 1000;
  const artefacts = new Map<string, ItemArtefact>();
  for (const artefact of itemArtefactsOf(model)) artefacts.set(artefact.itemId, artefact);
  const userRows = new Map<string, UserArtefact>([...userArtefactsOf(model)].map((row) => [row.userId, row]));
  const mix = options.mix ?? selection?.chosen.mix ?? FALLBACK_MIX;
  const cases = test.map((next) => {
    const inputs: ServingInputs = { mix, popularity: model.popularity, newArrivals: model.newArrivals, artefacts, user: userRows.get(next.userId) };
    const request = servedRequest(next.userId, trainByUser.get(next.userId) ?? [], inputs, K);
    return { next, request, sessionLength: sessionLengthOf(request.history, next.occurredAt, DEFAULT_SESSION_WINDOW_MS) };
  });

  const rows: NextItemRow[] = [];
  const run = (name: string, seconds: number, rank: (request: RecommenderRequest, sessionLength: number) => readonly string[]): void => {
    let hits10 = 0;
    let hits20 = 0;
    let mrr = 0;
    for (const { next, request, sessionLength } of cases) {
      const ranked = rank(request, sessionLength).slice(0, K);
      const at = ranked.indexOf(next.itemId);
      if (at >= 0 && at < 10) hits10++;
      if (at >= 0) hits20++;
      mrr += reciprocalRank(ranked, new Set([next.itemId]));
    }
    const count = Math.max(1, cases.length);
    rows.push({ model: name, hitRate10: hits10 / count, hitRate20: hits20 / count, mrr20: mrr / count, fitSeconds: seconds });
  };

  const counts = new Map<string, number>();
  for (const row of train) counts.set(row.itemId, (counts.get(row.itemId) ?? 0) + 1);
  const mostPopular = [...counts].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  run('MostPop (all-time)', 0, (request) => mostPopular.filter((id) => !request.exclude.has(id)).slice(0, K));

  const served = new ServedMixRecommender();
  const withMix = (request: RecommenderRequest, weights: ServedMix['weights'], sessionLength: number): RecommenderRequest => ({ ...request, sessionLength, inputs: { ...request.inputs, mix: { ...mix, weights } } });
  const ids = (request: RecommenderRequest) => served.recommend(request).map((item) => item.itemId);
  run('Session transitions alone (the current session only)', fitSeconds, (request, sessionLength) => ids(withMix(request, { ease: 0, knn: 0, popularity: 0, session: 1 }, sessionLength)));
  run('Long-term list as served, without the session', fitSeconds, (request) => ids(withMix(request, { ...mix.weights, session: 0 }, 0)));
  run(`As served, with the session (${describeMix(mix)})`, fitSeconds + (selection?.seconds ?? 0), (request, sessionLength) => ids(withMix(request, mix.weights, sessionLength)));

  return {
    protocol: 'next-item',
    users: cases.length,
    items: new Set(positives.map((row) => row.itemId)).size,
    trainRows: train.length,
    testRows: test.length,
    withSession: cases.filter((entry) => entry.sessionLength > 0).length,
    models: rows,
    ...(selection ? { selection: { mix, sessionWeight: selection.session, seconds: selection.seconds } } : {}),
  };
}

/** Each user's last event (by time, ties in file order) held out, for users with an earlier one. */
export function lastEventSplit(positives: readonly Positive[]): { train: Positive[]; test: Positive[] } {
  const train: Positive[] = [];
  const test: Positive[] = [];
  for (const rows of groupByUser(positives).values()) {
    const ordered = rows.map((row, order) => ({ row, order })).sort((a, b) => a.row.occurredAt - b.row.occurredAt || a.order - b.order);
    const last = ordered[ordered.length - 1];
    if (!last || ordered.length < 2) {
      for (const { row } of ordered) train.push(row);
      continue;
    }
    for (const { row } of ordered.slice(0, -1)) train.push(row);
    test.push(last.row);
  }
  return { train, test };
}
