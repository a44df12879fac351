import type { ItemId } from '../domain/item';
import type { WeightedIds } from '../domain/model-artefacts';
import type { RankedItem, Reason, ReasonKind } from '../domain/recommendation';
import type { RecentInteraction } from '../ports/interaction-store.port';
import type { ModelReader } from '../ports/model-store.port';
import { PersonalizeUnavailableError, type PersonalizeItem, type PersonalizeList } from '../ports/personalize.port';
import { rethrowFirstError } from '../support/batch-results';

/** Extra items asked of Personalize, for those the user has seen. */
const SEEN_MARGIN = 20;

const PERSONALIZE_REASONS: Readonly<Record<string, ReasonKind>> = {
  'popular item': 'POPULAR',
  'promoted item': 'PROMOTED',
  exploration: 'EXPLORATION',
};

/**
 * The Personalize strategy's side of a list: how much to ask for, the call as a value, and
 * its answer as ranked, explained candidates. The call itself goes through the Personalize
 * port (its adapter holds the budget and the circuit breaker).
 */
export class PersonalizeCandidates {
  constructor(private readonly models: Pick<ModelReader, 'similarItems'>) {}

  /** Personalize's items minus the excluded ones, each explained by the user's history item it is most similar to (the baseline's item-kNN) and by Personalize's own reasons. */
  async ranked(answer: PersonalizeList, version: string, exclude: ReadonlySet<ItemId>, history: readonly RecentInteraction[]): Promise<RankedItem[]> {
    const proposed = answer.items.filter((item) => !exclude.has(item.itemId));
    const similar = rethrowFirstError(await this.models.similarItems(version, proposed.map((item) => item.itemId)));
    return proposed.map((item, index) => personalizeRanked(item, similar[index], history));
  }
}

/**
 * How many items to ask Personalize for: the limit, and room for what the gateway must
 * still drop itself — seen items, other categories — where no configured filter does it.
 */
export function personalizeAsk(filtering: { readonly unseen: boolean; readonly categories: boolean }, limit: number, excludeSeen: boolean, categories: readonly string[]): number {
  const categoryFactor = categories.length > 0 && !filtering.categories ? 3 : 1;
  const seenMargin = excludeSeen && !filtering.unseen ? SEEN_MARGIN : 0;
  return Math.min(500, categoryFactor * limit + seenMargin);
}

/**
 * A Personalize call as a value: its list, or the reason it could not answer. Marked handled
 * at once, since it runs beside round 1 and is never awaited when round 1 fails first.
 */
export function settled(call: Promise<PersonalizeList>): Promise<PersonalizeList | PersonalizeUnavailableError> {
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
function personalizeRanked(item: PersonalizeItem, similar: WeightedIds | null | undefined, history: readonly RecentInteraction[]): RankedItem {
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
