import type { ItemId } from '../domain/item';
import type { PopularityArtefact, ItemArtefact, NewArrival, ServedMix, UserArtefact, WeightedIds } from '../domain/model-artefacts';

/** The mix a model is served with, and how it was chosen. */
export interface ModelSelection {
  readonly mix: ServedMix;
  /** VALIDATION: chosen by Recall@20 on a held-out share of the training rows; OVERRIDE: set by hand (train --weights). */
  readonly chosenBy: 'VALIDATION' | 'OVERRIDE';
  /** The chosen mix's validation figures (VALIDATION only). */
  readonly recall20?: number;
  readonly ndcg20?: number;
  readonly mixesTried?: number;
  /** Each model alone on the validation rows, with the hyper-parameters chosen for it (VALIDATION only). */
  readonly models?: readonly { readonly model: string; readonly parameters: string; readonly recall20: number; readonly ndcg20: number }[];
  readonly validationUsers?: number;
  readonly seconds?: number;
}

/** What is known of a trained model without reading its artefacts. */
export interface ModelInfo {
  readonly version: string;
  readonly trainedAt: number;
  readonly interactions: number;
  readonly users: number;
  readonly items: number;
  /** Every category of the catalogue at training time (to validate filters). */
  readonly categories: readonly string[];
  /** Items per category at training time; absent for a model trained before they were counted. */
  readonly categoryItems?: Readonly<Record<string, number>>;
  readonly trainingSeconds: number;
  readonly artefactBytes: number;
  /** The served mix; absent for a model trained before mixes were selected (FALLBACK_MIX serves it). */
  readonly selection?: ModelSelection;
}

/** The small artefacts every list needs (one row each). */
export interface SharedArtefacts {
  readonly popularity: PopularityArtefact;
  readonly newArrivals: readonly NewArrival[];
}

export interface ModelArtefactsToWrite {
  readonly info: Omit<ModelInfo, 'version' | 'artefactBytes'>;
  readonly shared: SharedArtefacts;
  readonly items: Iterable<ItemArtefact>;
  /** user-kNN's rows, when the served mix weighs it. */
  readonly users?: Iterable<UserArtefact>;
  /** Each item's most similar items. */
  readonly similar: Iterable<{ readonly itemId: ItemId; readonly similar: WeightedIds }>;
}

/** Read side, on the request path. */
export interface ModelReader {
  /** The current model, or undefined when none was trained yet (cached briefly). */
  currentModel(): Promise<ModelInfo | undefined>;
  sharedArtefacts(version: string): Promise<SharedArtefacts>;
  /** Aligned with ids; null for an item the model has no artefact for. */
  itemArtefacts(version: string, ids: readonly ItemId[]): Promise<(ItemArtefact | null | Error)[]>;
  similarItems(version: string, ids: readonly ItemId[]): Promise<(WeightedIds | null | Error)[]>;
  /** The user's user-kNN row; null when the model has none for them (or does not weigh user-kNN). */
  userArtefact(version: string, userId: string): Promise<UserArtefact | null>;
}

/** Write side, used by training. */
export interface ModelWriter {
  /**
   * Writes every artefact under a new version, then makes it current: a failure on the way
   * leaves the previous model current. Keeps the previous version, deletes older ones.
   */
  publish(artefacts: ModelArtefactsToWrite, onProgress?: (written: number, total: number) => void): Promise<ModelInfo>;
}
