import type { ItemId } from '../domain/item';
import type { HistoryEntry, ItemArtefact, NewArrival, PopularityArtefact, ServedMix, UserArtefact } from '../domain/model-artefacts';
import type { RankedItem } from '../domain/recommendation';

/** What a list's models read, once per request: the model's mix, the shared lists, the artefacts of the history items, the user's own row. */
export interface ServingInputs {
  /** The blend the model's training chose (or a hand-set override). */
  readonly mix: ServedMix;
  readonly popularity: PopularityArtefact;
  readonly newArrivals: readonly NewArrival[];
  /** Artefacts of (some of) the history items; a missing one contributes nothing. */
  readonly artefacts: ReadonlyMap<ItemId, ItemArtefact>;
  /** The user's user-kNN row; undefined for a user the model was not trained with. */
  readonly user: UserArtefact | undefined;
}

/** One list's question, the same for every recommender. */
export interface RecommenderRequest {
  readonly userId: string | undefined;
  /** Newest first, each item once: the window whose neighbours make the candidates. */
  readonly history: readonly HistoryEntry[];
  /** How many of the newest history entries are the current session (0 or absent: none). */
  readonly sessionLength?: number;
  /** Items never to return (seen ones, when excludeSeen). */
  readonly exclude: ReadonlySet<ItemId>;
  /** Categories to steer by: the filter's, then the user's stated interests. */
  readonly interests: readonly string[];
  /** How many ranked candidates to return (the caller filters by category and cuts). */
  readonly limit: number;
  readonly context: Readonly<Record<string, string>>;
  readonly inputs: ServingInputs;
}

/**
 * A recommender: ranked, explained candidates for a request, best first, and the scores of
 * given items (rankItems), from the same model. Every item carries the reason it is there.
 */
export interface Recommender {
  readonly name: string;
  recommend(request: RecommenderRequest): RankedItem[];
  /** Every given item once, best first, ties in the given order. */
  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[];
}
