import type { RankItemsRequest, RecommendationRequest } from '../src/services/recommendation.service';
import type { RankItemsInput, RecommendationContextInput, RecommendationsInput } from '../schema/recommendations.input';

/** A recommendations input as the service takes it: defaults applied, the context's set keys only. */
export function recommendationRequestOf(input: RecommendationsInput | null | undefined): RecommendationRequest {
  return {
    strategy: input?.strategy ?? 'AUTO',
    personalizeWeight: input?.blend?.personalizeWeight,
    limit: input?.limit,
    categories: input?.filter?.categories,
    excludeSeen: input?.filter?.excludeSeen,
    context: contextOf(input?.context),
    ...(input?.session ? { session: { sessionId: input.session.sessionId } } : {}),
  };
}

/** A rankItems input as the service takes it. */
export function rankItemsRequestOf(input: RankItemsInput): RankItemsRequest {
  return { itemIds: input.itemIds, strategy: input.strategy ?? 'AUTO', personalizeWeight: input.blend?.personalizeWeight, context: contextOf(input.context) };
}

function contextOf(input: RecommendationContextInput | null | undefined): Record<string, string> {
  const values = { device: input?.device, locale: input?.locale, placement: input?.placement };
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
