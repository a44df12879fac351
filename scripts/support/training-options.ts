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
  weights: { type: 'string' },
  'new-arrivals': { type: 'string' },
} as const;

export const TRAINING_ARGS_HELP = `  --half-life DAYS     popularity half-life (default ${DEFAULT_TRAINING.popularity.halfLifeDays})
  --knn-neighbours N   item-kNN neighbours per item (default ${DEFAULT_TRAINING.itemKnn.neighbours})
  --shrinkage N        item-kNN shrinkage (default ${DEFAULT_TRAINING.itemKnn.shrinkage})
  --lambda N           EASE regularisation (default ${DEFAULT_TRAINING.ease.lambda})
  --ease-items N       items EASE is fitted on (default ${DEFAULT_TRAINING.ease.maxItems})
  --ease-neighbours N  EASE weights kept per item (default ${DEFAULT_TRAINING.ease.neighbours})
  --weights E,K,P      serve this blend of EASE, item-kNN and popularity instead of the one
                       chosen on validation (an override; by default the mix is selected)
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
      lambda: numberOption(values, 'lambda', DEFAULT_TRAINING.ease.lambda, 0.001),
      maxItems: numberOption(values, 'ease-items', DEFAULT_TRAINING.ease.maxItems, 1),
      neighbours: numberOption(values, 'ease-neighbours', DEFAULT_TRAINING.ease.neighbours, 1),
    },
  };
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
  const [ease, knn, popularity] = parts;
  if (parts.length !== 3 || ease === undefined || knn === undefined || popularity === undefined || parts.some((part) => !Number.isFinite(part) || part < 0) || ease + knn === 0) {
    throw new UsageError(`--weights must be three non-negative numbers E,K,P with E or K above 0, got "${String(raw)}"`);
  }
  const policy = (policyRaw === undefined ? 'LITTLE_HISTORY' : String(policyRaw).toUpperCase().replace('-', '_')) as NewArrivalPolicy;
  if (!NEW_ARRIVAL_POLICIES.includes(policy)) throw new UsageError(`--new-arrivals must be one of all, little-history, none, got "${String(policyRaw)}"`);
  return { weights: { ease, knn, popularity }, newArrivals: policy };
}
