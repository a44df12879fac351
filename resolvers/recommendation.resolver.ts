import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { RecommendationService } from '../src/services/recommendation.service';
import { RecommendationListType } from '../schema/recommendation-list.type';
import { RecommendationsInput } from '../schema/recommendations.input';
import { recommendationsToGraph } from './graphql.mappers';

@Resolver(() => RecommendationListType)
export class RecommendationResolver {
  constructor(private readonly service: RecommendationService) {}

  @Query(() => RecommendationListType, {
    description: 'A list for the signed-in user (a cold-start list for anonymous and unknown users), every item explained.',
  })
  async recommendations(
    @Arg('input', () => RecommendationsInput, { nullable: true }) input: RecommendationsInput | null,
    @Ctx() context: RequestContext,
  ): Promise<RecommendationListType> {
    const served = await this.service.recommend(
      context.viewer.userId,
      {
        strategy: input?.strategy ?? 'AUTO',
        personalizeWeight: input?.blend?.personalizeWeight,
        limit: input?.limit,
        categories: input?.filter?.categories,
        excludeSeen: input?.filter?.excludeSeen,
        context: definedStrings({ device: input?.context?.device, locale: input?.context?.locale, placement: input?.context?.placement }),
      },
      { items: (ids) => context.loaders.items.loadMany(ids), user: (id) => context.loaders.users.load(id) },
    );
    return recommendationsToGraph(served);
  }
}

function definedStrings(values: Record<string, string | null | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
