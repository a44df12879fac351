import type { Config } from '../config';
import type { FeedNotifier } from '../ports/feed-notifier.port';
import { TrainingService } from '../services/training.service';
import { createStorage, type Storage } from './storage.wiring';

export interface Trainer {
  readonly storage: Storage;
  readonly trainingService: TrainingService;
  close(): void;
}

/**
 * The training job's composition root (the scheduled training Lambda): the storage wiring and
 * the training service, nothing of the GraphQL server or the live feeds. Without a notifier,
 * gateways learn of the new model from the pointer (within MODEL_CACHE_SECONDS), which is all
 * the Lambda deployment's gateways do.
 */
export function createTrainer(options: { readonly config: Config; readonly notifier?: Pick<FeedNotifier, 'publish'> }): Trainer {
  const storage = createStorage({ config: options.config });
  const { interactions, catalog, models } = storage;
  return {
    storage,
    trainingService: new TrainingService({ interactions, catalog, models, ...(options.notifier ? { notifier: options.notifier } : {}) }),
    close: () => storage.dynamoDb.client.destroy(),
  };
}
