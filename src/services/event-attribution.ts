import type { Attribution } from '../domain/feedback-event';
import { ForbiddenError, InvalidArgumentError } from '../domain/errors';
import type { RecommendationList } from '../domain/recommendation';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import type { CheckedInput } from './event-input.validation';

/** The served list an event names: it must exist and have been served to this viewer (undefined: to an anonymous visitor). */
export async function servedListOf(lists: RecommendationListStore, userId: string | undefined, recommendationId: string): Promise<RecommendationList> {
  const [list] = await lists.getLists([recommendationId]);
  if (list instanceof Error) throw list;
  if (!list) throw new InvalidArgumentError('recommendationId', `names no served list: "${recommendationId}"`);
  if (list.userId !== userId) throw new ForbiddenError('That list was served to someone else.');
  return list;
}

/** The list's strategy, and the rank and source of the one item a click or interaction names; every impression item must be in the list. */
export function attributionOf(list: RecommendationList, input: CheckedInput): Attribution {
  const inList = new Map(list.items.map((entry) => [entry.itemId, entry]));
  const missing = input.itemIds.filter((id) => !inList.has(id));
  if (missing.length > 0) {
    throw new InvalidArgumentError(input.kind === 'IMPRESSION' ? 'itemIds' : 'itemId', `names items that list ${list.id} did not hold: ${missing.map((id) => `"${id}"`).join(', ')}`);
  }
  const entry = input.kind === 'IMPRESSION' ? undefined : inList.get(input.itemIds[0] ?? '');
  const exposure = list.experiment;
  // In an interleaved list a click belongs to the team of the item clicked; an impression to the list.
  const variant = exposure ? (entry ? exposure.teams?.[entry.itemId] : undefined) ?? exposure.variant : undefined;
  return {
    recommendationId: list.id,
    strategy: list.strategyServed,
    rank: entry?.rank,
    source: entry?.source,
    personalizeRecommendationId: list.personalizeRecommendationId,
    ...(exposure && variant ? { experiment: { experimentId: exposure.experimentId, variant } } : {}),
  };
}

