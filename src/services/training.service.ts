import { DEFAULT_TRAINING, itemArtefactsOf, trainBaseline, type BaselineTrainingOptions, type CatalogueEntry, type TrainingStage, type TrainingTimings } from '../models/baseline.trainer';
import type { Positive } from '../models/interaction-matrix';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { ItemCatalogWriter } from '../ports/item-catalog.port';
import type { ModelInfo, ModelWriter } from '../ports/model-store.port';
import type { FeedNotifier } from '../ports/feed-notifier.port';

export interface TrainingPorts {
  readonly interactions: Pick<InteractionStoreWriter, 'scanPositives'>;
  readonly catalog: Pick<ItemCatalogWriter, 'scanCatalogue'>;
  readonly models: ModelWriter;
  /** Told when a model is published, so live feeds refresh. */
  readonly notifier?: Pick<FeedNotifier, 'publish'>;
}

export type TrainingProgress = { readonly stage: 'read' | TrainingStage | 'write'; readonly done: number; readonly total: number };

export interface TrainingSummary {
  readonly model: ModelInfo;
  readonly options: BaselineTrainingOptions;
  readonly readMs: number;
  readonly fitMs: number;
  readonly writeMs: number;
  readonly timings: TrainingTimings;
}

export class NothingToTrainError extends Error {
  constructor() {
    super('there are no interactions to train on: import some first (npm run import), or start with the demo data');
    this.name = 'NothingToTrainError';
  }
}

/**
 * Trains the baseline from what storage holds and publishes it as the current model. A
 * training that fails (nothing to train on, storage down) leaves the current model as it was.
 */
export class TrainingService {
  constructor(private readonly ports: TrainingPorts) {}

  async train(options: BaselineTrainingOptions = DEFAULT_TRAINING, onProgress?: (progress: TrainingProgress) => void): Promise<TrainingSummary> {
    let started = Date.now();
    onProgress?.({ stage: 'read', done: 0, total: 1 });
    const positives: Positive[] = [];
    const catalogue: CatalogueEntry[] = [];
    await Promise.all([
      this.ports.interactions.scanPositives((userId, itemId, occurredAt) => positives.push({ userId, itemId, occurredAt })),
      this.ports.catalog.scanCatalogue((item) => catalogue.push(item)),
    ]);
    if (positives.length === 0) throw new NothingToTrainError();
    // Scans come in no particular order; a stable order makes training deterministic.
    positives.sort((a, b) => a.occurredAt - b.occurredAt || compare(a.userId, b.userId) || compare(a.itemId, b.itemId));
    const readMs = Date.now() - started;

    started = Date.now();
    const model = trainBaseline(positives, catalogue, options, (stage, done, total) => onProgress?.({ stage, done, total }));
    const fitMs = Date.now() - started;

    started = Date.now();
    const categoryItems: Record<string, number> = {};
    for (const item of catalogue) for (const category of new Set(item.categories)) categoryItems[category] = (categoryItems[category] ?? 0) + 1;
    const categories = Object.keys(categoryItems).sort();
    const info = await this.ports.models.publish(
      {
        info: {
          trainedAt: Date.now(),
          interactions: model.interactions,
          users: model.users,
          items: model.knn.itemIds.length,
          categories,
          categoryItems,
          trainingSeconds: (readMs + fitMs) / 1000,
        },
        shared: { popularity: model.popularity, newArrivals: model.newArrivals },
        items: itemArtefactsOf(model),
        similar: similarListsOf(model.similar),
      },
      (done, total) => onProgress?.({ stage: 'write', done, total }),
    );
    const writeMs = Date.now() - started;
    await this.ports.notifier?.publish({ kind: 'MODEL_TRAINED', modelVersion: info.version }).catch(() => undefined);
    return { model: info, options, readMs, fitMs, writeMs, timings: model.timings };
  }
}

function* similarListsOf(lists: ReturnType<typeof trainBaseline>['similar']) {
  for (let i = 0; i < lists.itemIds.length; i++) {
    const list = lists.lists[i];
    if (!list || list.ids.length === 0) continue;
    yield {
      itemId: lists.itemIds[i] ?? '',
      similar: { ids: Array.from(list.ids, (j) => lists.itemIds[j] ?? ''), weights: Array.from(list.weights) },
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
