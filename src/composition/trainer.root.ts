import { LambdaInvokeFeedNotifier } from '../adapters/lambda/lambda-invoke-feed-notifier';
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
 * the training service, nothing of the GraphQL server or the live feeds. The new model is
 * handed to the WebSocket function (WEBSOCKET_FUNCTION_NAME), which pushes every feed; the
 * gateways learn of it from the pointer (within MODEL_CACHE_SECONDS).
 */
export function createTrainer(options: { readonly config: Config; readonly notifier?: Pick<FeedNotifier, 'publish'> }): Trainer {
  const { config } = options;
  const storage = createStorage({ config });
  const { interactions, catalog, models } = storage;
  // On the Lambda deployment a new model is handed to the WebSocket function, which pushes every feed.
  const invoked = !options.notifier && config.websocket.functionName ? new LambdaInvokeFeedNotifier(config.websocket.functionName, { region: config.storage.region, timeoutMs: config.storage.requestTimeoutMs }) : undefined;
  const notifier = options.notifier ?? invoked;
  return {
    storage,
    trainingService: new TrainingService({ interactions, catalog, models, ...(notifier ? { notifier } : {}) }),
    close: () => {
      storage.dynamoDb.close();
      void invoked?.close();
    },
  };
}
