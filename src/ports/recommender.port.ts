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

/** What a remote recommender is asked at once, beside the list's first reads: who, how many, what to leave out. */
export interface RemoteRequest {
  readonly userId: string | undefined;
  readonly limit: number;
  readonly excludeSeen: boolean;
  readonly categories: readonly string[];
  readonly context: Readonly<Record<string, string>>;
}

/** Once the list's reads are in: the model its candidates are explained by, the history, the items left out. */
export interface RemoteRanking {
  readonly modelVersion: string;
  readonly history: readonly HistoryEntry[];
  readonly exclude: ReadonlySet<ItemId>;
}

/** A remote recommender's answer: its list as it sent it (the id its events echo back, the items in its order). */
export interface RemoteList {
  readonly recommendationId: string;
  readonly items: readonly { readonly itemId: ItemId }[];
}

/**
 * A recommender behind a network call with its own time budget (Personalize): asked first, so
 * that its call overlaps the list's reads, and ranked and explained once the history is known.
 * An outage is an answer, not a rejection: the reason it could not answer, which is the
 * list's fallback reason.
 */
export interface RemoteRecommender<Answer extends RemoteList, Unavailable extends Error> {
  readonly name: string;
  /** Whether it can make lists (recommend) and order given items (rank). */
  readonly serves: { readonly lists: boolean; readonly ranking: boolean };
  recommend(request: RemoteRequest): Promise<Answer | Unavailable>;
  rank(request: Pick<RemoteRequest, 'userId' | 'context'>, itemIds: readonly ItemId[]): Promise<Answer | Unavailable>;
  /** Its answer minus the excluded items, as ranked candidates with their reasons. */
  ranked(answer: Answer, ranking: RemoteRanking): Promise<RankedItem[]>;
}
