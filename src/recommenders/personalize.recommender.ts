import type { ItemId } from '../domain/item';
import type { HistoryEntry, WeightedIds } from '../domain/model-artefacts';
import type { RankedItem, Reason, ReasonKind } from '../domain/recommendation';
import type { ModelReader } from '../ports/model-store.port';
import { PersonalizeUnavailableError, type PersonalizeItem, type PersonalizeList, type PersonalizeRanker, type PersonalizeRecommender } from '../ports/personalize.port';
import type { RemoteRanking, RemoteRecommender, RemoteRequest } from '../ports/recommender.port';
import { rethrowFirstError } from '../support/batch-results';

/** Extra items asked of Personalize, for those the user has seen. */
const SEEN_MARGIN = 20;

const PERSONALIZE_REASONS: Readonly<Record<string, ReasonKind>> = {
  'popular item': 'POPULAR',
  'promoted item': 'PROMOTED',
  exploration: 'EXPLORATION',
};

/** Personalize needs a user id; anonymous viewers are one cold-start user to it. */
const ANONYMOUS = 'anonymous';

export interface PersonalizePorts {
  /** A user-personalization campaign or recommender; absent when none is configured. */
  readonly recommender?: PersonalizeRecommender;
  /** A personalized-ranking campaign (rankItems); absent when none is configured. */
  readonly ranker?: PersonalizeRanker;
  /** The baseline's similar-item lists, which say which of the user's items a proposal is like. */
  readonly models: Pick<ModelReader, 'similarItems'>;
}

/**
 * The Personalize strategy: how much to ask for, the call as a value (its list or the reason
 * it could not answer), and its answer as ranked, explained candidates. The calls go through
 * the Personalize ports, whose adapters hold the time budget and the circuit breaker.
 */
export class PersonalizeListRecommender implements RemoteRecommender<PersonalizeList, PersonalizeUnavailableError> {
  readonly name = 'PERSONALIZE';
  readonly serves: { readonly lists: boolean; readonly ranking: boolean };

  constructor(private readonly ports: PersonalizePorts) {
    this.serves = { lists: ports.recommender !== undefined, ranking: ports.ranker !== undefined };
  }

  recommend(request: RemoteRequest): Promise<PersonalizeList | PersonalizeUnavailableError> {
    const recommender = this.ports.recommender;
    if (!recommender) return Promise.resolve(new PersonalizeUnavailableError('MISCONFIGURED', 'no Personalize campaign or recommender is configured'));
    const { userId, limit, excludeSeen, categories, context } = request;
    return settled(recommender.recommend({ userId: userId ?? ANONYMOUS, numResults: personalizeAsk(recommender.filtering(excludeSeen, categories), limit, excludeSeen, categories), context, excludeSeen, categories }));
  }

  rank(request: Pick<RemoteRequest, 'userId' | 'context'>, itemIds: readonly ItemId[]): Promise<PersonalizeList | PersonalizeUnavailableError> {
    const ranker = this.ports.ranker;
    if (!ranker) return Promise.resolve(new PersonalizeUnavailableError('MISCONFIGURED', 'no personalized-ranking campaign is configured'));
    return settled(ranker.rank(request.userId ?? ANONYMOUS, itemIds, request.context));
  }

  /** Personalize's items minus the excluded ones, each explained by the user's history item it is most similar to (the baseline's item-kNN) and by Personalize's own reasons. */
  async ranked(answer: PersonalizeList, ranking: RemoteRanking): Promise<RankedItem[]> {
    const proposed = answer.items.filter((item) => !ranking.exclude.has(item.itemId));
    const similar = rethrowFirstError(await this.ports.models.similarItems(ranking.modelVersion, proposed.map((item) => item.itemId)));
    return proposed.map((item, index) => personalizeRanked(item, similar[index], ranking.history));
  }
}

/**
 * How many items to ask Personalize for: the limit, and room for what the gateway must
 * still drop itself — seen items, other categories — where no configured filter does it.
 */
function personalizeAsk(filtering: { readonly unseen: boolean; readonly categories: boolean }, limit: number, excludeSeen: boolean, categories: readonly string[]): number {
  const categoryFactor = categories.length > 0 && !filtering.categories ? 3 : 1;
  const seenMargin = excludeSeen && !filtering.unseen ? SEEN_MARGIN : 0;
  return Math.min(500, categoryFactor * limit + seenMargin);
}

/**
 * A Personalize call as a value: its list, or the reason it could not answer. Marked handled
 * at once, since it runs beside round 1 and is never awaited when round 1 fails first.
 */
function settled(call: Promise<PersonalizeList>): Promise<PersonalizeList | PersonalizeUnavailableError> {
  const outcome = call.catch((error: unknown) => {
    if (error instanceof PersonalizeUnavailableError) return error;
    throw error;
  });
  outcome.catch(() => undefined);
  return outcome;
}

/**
 * A Personalize item, explained: by the user's own history item it is most similar to under
 * the baseline's item-to-item model, and by Personalize's own reasons (a promotion first).
 */
function personalizeRanked(item: PersonalizeItem, similar: WeightedIds | null | undefined, history: readonly HistoryEntry[]): RankedItem {
  const reasons: Reason[] = [];
  if (similar) {
    const inHistory = new Map(history.map((entry) => [entry.itemId, entry]));
    const index = similar.ids.findIndex((id) => inHistory.has(id));
    const entry = index >= 0 ? inHistory.get(similar.ids[index] ?? '') : undefined;
    if (entry) reasons.push({ kind: 'BECAUSE_OF_HISTORY', becauseOf: entry.itemId, becauseOfType: entry.type });
  }
  for (const reason of item.reasons) {
    const kind = PERSONALIZE_REASONS[reason.trim().toLowerCase()];
    if (!kind || reasons.some((known) => known.kind === kind)) continue;
    // A promoted item is there because it is promoted: that is said first.
    if (kind === 'PROMOTED') reasons.unshift({ kind });
    else reasons.push({ kind });
  }
  return { itemId: item.itemId, score: item.score, source: 'PERSONALIZE', reasons };
}
