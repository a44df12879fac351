import { DEFAULT_TRAINING, type BaselineTrainingOptions } from '../../src/models/baseline.trainer';

/** The model options both `train` and `evaluate` take, as parseArgs options, their help and their reading. */
export const TRAINING_ARGS = {
  'half-life': { type: 'string' },
  'knn-neighbours': { type: 'string' },
  shrinkage: { type: 'string' },
  lambda: { type: 'string' },
  'ease-items': { type: 'string' },
  'ease-neighbours': { type: 'string' },
} as const;

export const TRAINING_ARGS_HELP = `  --half-life DAYS     popularity half-life (default ${DEFAULT_TRAINING.popularity.halfLifeDays})
  --knn-neighbours N   item-kNN neighbours per item (default ${DEFAULT_TRAINING.itemKnn.neighbours})
  --shrinkage N        item-kNN shrinkage (default ${DEFAULT_TRAINING.itemKnn.shrinkage})
  --lambda N           EASE regularisation (default ${DEFAULT_TRAINING.ease.lambda})
  --ease-items N       items EASE is fitted on (default ${DEFAULT_TRAINING.ease.maxItems})
  --ease-neighbours N  EASE weights kept per item (default ${DEFAULT_TRAINING.ease.neighbours})`;

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
