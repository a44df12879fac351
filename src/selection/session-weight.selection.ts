import type { ItemId } from '../domain/item';
import { WEIGHT_OF, type BaselineWeights, type ServedMix } from '../domain/model-artefacts';
import type { RecommenderRequest, ServingInputs } from '../ports/recommender.port';
import { DEFAULT_SESSION_WINDOW_MS, sessionLengthOf } from '../recommenders/current-session';
import type { BlendPart } from '../recommenders/mix-fusion';
import { COMPONENT_CANDIDATES, ServedMixRecommender, type BlendComponent } from '../recommenders/served-mix.recommender';
import { groupByUser } from '../models/group-by-user';
import type { Positive } from '../models/interaction-matrix';
import { clearlyBetter } from '../models/paired-comparison';

/** The session weights tried, from none up: the long-term mix's models weigh 0.25–2. */
const SESSION_WEIGHTS = [0, 0.25, 0.5, 1, 2, 4];
const K = 20;

/** A user's next event after part of their history: what a session-aware list should lead to. */
export interface NextItemCase {
  readonly request: RecommenderRequest;
  readonly next: ItemId;
}

/** How the session weight was chosen: each weight tried with its HitRate@20 on the next-item cases. */
export interface SessionWeightChoice {
  readonly weight: number;
  readonly hitRate20: number;
  readonly withoutSession: number;
  readonly cases: number;
  readonly tried: readonly { readonly weight: number; readonly hitRate20: number }[];
}

/**
 * The next-item cases of a split, for models fitted on its `train` rows: per user, the latest
 * held-out row is the next item; the history is the user's training rows before it (the
 * serving window, newest first), the session those of the 30 minutes before it (at most 10).
 */
export function nextItemCases(
  train: readonly Positive[],
  test: readonly Positive[],
  requestOf: (userId: string, seen: readonly Positive[]) => RecommenderRequest,
  windowMs = DEFAULT_SESSION_WINDOW_MS,
): NextItemCase[] {
  const trainByUser = groupByUser(train);
  const cases: NextItemCase[] = [];
  for (const [userId, held] of groupByUser(test)) {
    const next = held.reduce((latest, row) => (row.occurredAt >= latest.occurredAt ? row : latest));
    const before = (trainByUser.get(userId) ?? []).filter((row) => row.occurredAt < next.occurredAt);
    if (before.length === 0) continue;
    const request = requestOf(userId, before);
    cases.push({ request: { ...request, sessionLength: sessionLengthOf(request.history, next.occurredAt, windowMs) }, next: next.itemId });
  }
  return cases;
}

/**
 * The weight of the session's model in the served mix, chosen on next-item cases: every
 * weighed model's candidates once per case, then each session weight from none up, a larger
 * one kept only when its HitRate@20 is clearly better (one standard error) than the current.
 */
export function selectSessionWeight(
  cases: readonly NextItemCase[],
  mix: ServedMix,
  components: readonly BlendComponent[],
  inputs: (userId: string | undefined) => Pick<ServingInputs, 'artefacts' | 'user'>,
): SessionWeightChoice {
  const served = new ServedMixRecommender();
  const prepared = cases.map(({ request, next }) => {
    const withInputs: RecommenderRequest = { ...request, inputs: { ...request.inputs, ...inputs(request.userId), mix } };
    const parts = components
      .filter((component) => component.model === 'TRANSITIONS' || (mix.weights[WEIGHT_OF[component.model]] ?? 0) > 0)
      .map((component) => ({ component, candidates: component.candidates(withInputs, COMPONENT_CANDIDATES) }));
    return { request: withInputs, next, parts };
  });
  const hits = (weight: number): Float64Array => {
    const weights: BaselineWeights = { ...mix.weights, session: weight };
    const perCase = new Float64Array(prepared.length);
    prepared.forEach(({ request, next, parts }, n) => {
      const weighted: BlendPart[] = parts.map(({ component, candidates }) => ({ source: component.source, weight: weights[WEIGHT_OF[component.model]] ?? 0, candidates }));
      const ranked = served.rankParts(weighted, { ...request, limit: K, inputs: { ...request.inputs, mix: { ...mix, weights } } }, mix.newArrivals);
      perCase[n] = ranked.slice(0, K).some((item) => item.itemId === next) ? 1 : 0;
    });
    return perCase;
  };
  const mean = (values: Float64Array): number => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const tried: { weight: number; hitRate20: number }[] = [];
  const none = hits(0);
  tried.push({ weight: 0, hitRate20: mean(none) });
  let best = { weight: 0, perCase: none };
  for (const weight of SESSION_WEIGHTS.slice(1)) {
    const perCase = hits(weight);
    tried.push({ weight, hitRate20: mean(perCase) });
    if (clearlyBetter(perCase, best.perCase)) best = { weight, perCase };
  }
  return { weight: best.weight, hitRate20: mean(best.perCase), withoutSession: mean(none), cases: prepared.length, tried };
}
