import { DEFAULT_TRAINING, itemArtefactsOf, trainBaseline, userArtefactsOf, type BaselineTrainingOptions, type CatalogueEntry, type TrainingStage, type TrainingTimings } from '../models/baseline.trainer';
import type { Positive } from '../models/interaction-matrix';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { ItemCatalogWriter } from '../ports/item-catalog.port';
import type { ModelInfo, ModelSelection, ModelWriter } from '../ports/model-store.port';
import { modelsOf, selectServedMix, type MixSelection } from '../selection/mix-selection';
import { FALLBACK_MIX, type ServedMix } from '../domain/model-artefacts';
import type { FeedNotifier } from '../ports/feed-notifier.port';

export interface TrainingPorts {
  readonly interactions: Pick<InteractionStoreWriter, 'scanPositives'>;
  readonly catalog: Pick<ItemCatalogWriter, 'scanCatalogue'>;
  readonly models: ModelWriter;
  /** Told when a model is published, so live feeds refresh. */
  readonly notifier?: Pick<FeedNotifier, 'publish'>;
}

export type TrainingProgress = { readonly stage: 'read' | 'selection' | TrainingStage | 'write'; readonly done: number; readonly total: number };

export interface TrainingRequest {
  /** A hand-set mix served instead of the one validation would choose (never the default). */
  readonly mix?: ServedMix;
}

export interface TrainingSummary {
  readonly model: ModelInfo;
  /** The options the served model was fitted with (the hyper-parameters validation chose). */
  readonly options: BaselineTrainingOptions;
  readonly readMs: number;
  readonly fitMs: number;
  readonly writeMs: number;
  readonly timings: TrainingTimings;
  /** What validation measured (absent with a hand-set mix). */
  readonly selection: MixSelection | undefined;
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

  async train(options: BaselineTrainingOptions = DEFAULT_TRAINING, onProgress?: (progress: TrainingProgress) => void, request: TrainingRequest = {}): Promise<TrainingSummary> {
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
    // The served mix is chosen on a held-out share of these rows; then the models it weighs are refitted on all of them.
    onProgress?.({ stage: 'selection', done: 0, total: 1 });
    const selected = request.mix ? undefined : selectServedMix(positives, catalogue, options, undefined, (done, total) => onProgress?.({ stage: 'selection', done, total }));
    const selection = selectionOf(request.mix, selected);
    // Only the models the mix weighs are refitted and stored (item-kNN always: it answers Item.similar).
    const model = trainBaseline(positives, catalogue, selected?.options ?? options, (stage, done, total) => onProgress?.({ stage, done, total }), modelsOf(selection.mix));
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
          items: model.itemIds.length,
          categories,
          categoryItems,
          trainingSeconds: (readMs + fitMs) / 1000,
          selection,
        },
        shared: { popularity: model.popularity, newArrivals: model.newArrivals },
        items: itemArtefactsOf(model),
        users: userArtefactsOf(model),
        similar: similarListsOf(model.similar),
      },
      (done, total) => onProgress?.({ stage: 'write', done, total }),
    );
    const writeMs = Date.now() - started;
    await this.ports.notifier?.publish({ kind: 'MODEL_TRAINED', modelVersion: info.version }).catch(() => undefined);
    return { model: info, options: selected?.options ?? options, readMs, fitMs, writeMs, timings: model.timings, selection: selected };
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

/** What is stored with the model: the hand-set mix, or the one validation chose and its figures. */
function selectionOf(override: ServedMix | undefined, selected: MixSelection | undefined): ModelSelection {
  if (override || !selected) return { mix: override ?? FALLBACK_MIX, chosenBy: 'OVERRIDE' };
  const { chosen, mixesTried, validationUsers, seconds, models } = selected;
  return {
    mix: chosen.mix,
    chosenBy: 'VALIDATION',
    recall20: round(chosen.recall20),
    ndcg20: round(chosen.ndcg20),
    mixesTried,
    models: models.map((score) => ({ ...score, recall20: round(score.recall20), ndcg20: round(score.ndcg20) })),
    validationUsers,
    seconds,
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
