import { DEFAULT_TRAINING, type BaselineTrainingOptions } from '../../src/models/baseline.trainer';
import { NEW_ARRIVAL_POLICIES, type NewArrivalPolicy, type ServedMix } from '../../src/domain/model-artefacts';

/** The model options both `train` and `evaluate` take, as parseArgs options, their help and their reading. */
export const TRAINING_ARGS = {
  'half-life': { type: 'string' },
  'knn-neighbours': { type: 'string' },
  shrinkage: { type: 'string' },
  lambda: { type: 'string' },
  'ease-items': { type: 'string' },
  'ease-neighbours': { type: 'string' },
  'svd-factors': { type: 'string' },
  'user-neighbours': { type: 'string' },
  weights: { type: 'string' },
  'new-arrivals': { type: 'string' },
} as const;

export const TRAINING_ARGS_HELP = `  --half-life DAYS     popularity half-life (default ${DEFAULT_TRAINING.popularity.halfLifeDays})
  --knn-neighbours N   item-kNN neighbours per item (default ${DEFAULT_TRAINING.itemKnn.neighbours})
  --shrinkage N        item-kNN shrinkage (default ${DEFAULT_TRAINING.itemKnn.shrinkage})
  --lambda N           EASE regularisation (default: chosen on validation among ${DEFAULT_TRAINING.grid.easeLambdas.join(', ')})
  --ease-items N       at most this many items EASE is fitted on (default ${DEFAULT_TRAINING.ease.maxItems}, fewer when
                       ${DEFAULT_TRAINING.ease.coverage * 100}% of the interactions are covered)
  --ease-neighbours N  EASE weights kept per item (default: chosen among ${DEFAULT_TRAINING.grid.easeNeighbours.join(', ')})
  --svd-factors N      PureSVD's latent factors (default: chosen among ${DEFAULT_TRAINING.grid.svdFactors.join(', ')})
  --user-neighbours N  user-kNN neighbours per user (default: chosen among ${DEFAULT_TRAINING.grid.userNeighbours.join(', ')})
                       A value given by hand is used as is; the others are chosen on validation.
  --weights E,K,P[,S,R,U[,T]]
                       serve this blend of EASE, item-kNN, popularity [, PureSVD, RP3beta,
                       user-kNN [, the session's transitions]] instead of the one chosen on validation (an override; by
                       default the mix and each model's hyper-parameters are selected)
  --new-arrivals P     with --weights: new arrivals for ${NEW_ARRIVAL_POLICIES.map((policy) => policy.toLowerCase().replace('_', '-')).join(', ')} (default little-history)`;

export class UsageError extends Error {}

export function numberOption(values: Readonly<Record<string, unknown>>, name: string, fallback: number, min = 0): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value < min) {
    throw new UsageError(`--${name} must be a number of at least ${min}, got "${String(raw)}"`);
  }
  return value;
}

export function trainingOptionsFrom(values: Readonly<Record<string, unknown>>): BaselineTrainingOptions {
  return {
    ...DEFAULT_TRAINING,
    popularity: { ...DEFAULT_TRAINING.popularity, halfLifeDays: numberOption(values, 'half-life', DEFAULT_TRAINING.popularity.halfLifeDays, 0.01) },
    itemKnn: {
      ...DEFAULT_TRAINING.itemKnn,
      neighbours: numberOption(values, 'knn-neighbours', DEFAULT_TRAINING.itemKnn.neighbours, 1),
      shrinkage: numberOption(values, 'shrinkage', DEFAULT_TRAINING.itemKnn.shrinkage),
    },
    ease: {
      ...DEFAULT_TRAINING.ease,
      lambda: numberOption(values, 'lambda', DEFAULT_TRAINING.ease.lambda, 0.001),
      maxItems: numberOption(values, 'ease-items', DEFAULT_TRAINING.ease.maxItems, 1),
      neighbours: numberOption(values, 'ease-neighbours', DEFAULT_TRAINING.ease.neighbours, 1),
    },
    pureSvd: { ...DEFAULT_TRAINING.pureSvd, factors: numberOption(values, 'svd-factors', DEFAULT_TRAINING.pureSvd.factors, 1) },
    userKnn: { ...DEFAULT_TRAINING.userKnn, neighbours: numberOption(values, 'user-neighbours', DEFAULT_TRAINING.userKnn.neighbours, 1) },
    grid: {
      easeLambdas: gridOf(values, 'lambda', DEFAULT_TRAINING.grid.easeLambdas, 0.001),
      easeNeighbours: gridOf(values, 'ease-neighbours', DEFAULT_TRAINING.grid.easeNeighbours, 1),
      svdFactors: gridOf(values, 'svd-factors', DEFAULT_TRAINING.grid.svdFactors, 1),
      userNeighbours: gridOf(values, 'user-neighbours', DEFAULT_TRAINING.grid.userNeighbours, 1),
    },
  };
}

/** A hyper-parameter given by hand is a grid of one; otherwise validation chooses from the default grid. */
function gridOf(values: Readonly<Record<string, unknown>>, name: string, grid: readonly number[], min: number): readonly number[] {
  return values[name] === undefined ? grid : [numberOption(values, name, 0, min)];
}

/** A hand-set served mix (--weights, --new-arrivals), or undefined: the mix is chosen on validation. */
export function mixOverrideFrom(values: Readonly<Record<string, unknown>>): ServedMix | undefined {
  const raw = values['weights'];
  const policyRaw = values['new-arrivals'];
  if (raw === undefined) {
    if (policyRaw !== undefined) throw new UsageError('--new-arrivals goes with --weights (without them the mix is chosen on validation)');
    return undefined;
  }
  const parts = String(raw).split(',').map((part) => Number(part.trim()));
  const [ease = 0, knn = 0, popularity = 0, svd = 0, rp3 = 0, userKnn = 0, session = 0] = parts;
  if ((parts.length !== 3 && parts.length !== 6 && parts.length !== 7) || parts.some((part) => !Number.isFinite(part) || part < 0) || ease + knn + svd + rp3 + userKnn === 0) {
    throw new UsageError(`--weights must be three (E,K,P), six (E,K,P,S,R,U) or seven (E,K,P,S,R,U,T) non-negative numbers with a model above 0, got "${String(raw)}"`);
  }
  const policy = (policyRaw === undefined ? 'LITTLE_HISTORY' : String(policyRaw).toUpperCase().replace('-', '_')) as NewArrivalPolicy;
  if (!NEW_ARRIVAL_POLICIES.includes(policy)) throw new UsageError(`--new-arrivals must be one of all, little-history, none, got "${String(policyRaw)}"`);
  const weights = parts.length === 7 ? { ease, knn, popularity, svd, rp3, userKnn, session } : parts.length === 6 ? { ease, knn, popularity, svd, rp3, userKnn } : { ease, knn, popularity };
  return { weights, newArrivals: policy };
}
