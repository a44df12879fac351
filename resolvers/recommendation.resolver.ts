import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { RecommendationRequest, RecommendationService } from '../src/services/recommendation.service';
import type { RequestReaders } from '../src/services/served-list.assembler';
import { RecommendationListType } from '../schema/recommendation-list.type';
import { RankItemsInput, RecommendationContextInput, RecommendationsInput } from '../schema/recommendations.input';
import { subjectOf } from './authorization';
import { recommendationsToGraph } from './graphql.mappers';

@Resolver(() => RecommendationListType)
export class RecommendationResolver {
  constructor(
    private readonly service: RecommendationService,
    /** AUTO lists: the running experiment decides (the service itself when none runs). */
    private readonly auto: Pick<RecommendationService, 'recommend'> = service,
  ) {}

  @Query(() => RecommendationListType, {
    description: 'A list for the signed-in user (a cold-start list for anonymous and unknown users), every item explained.',
  })
  async recommendations(
    @Arg('input', () => RecommendationsInput, { nullable: true }) input: RecommendationsInput | null,
    @Ctx() context: RequestContext,
  ): Promise<RecommendationListType> {
    const served = await this.auto.recommend(subjectOf(context.viewer, input?.userId), recommendationRequestOf(input), readersOf(context));
    context.operation.noteList(served.list, served.items.length);
    return recommendationsToGraph(served);
  }

  @Query(() => RecommendationListType, {
    description: 'The given items in the order that suits the viewer (Personalize ranking, the baseline, or both), stored like any served list.',
  })
  async rankItems(@Arg('input', () => RankItemsInput) input: RankItemsInput, @Ctx() context: RequestContext): Promise<RecommendationListType> {
    const served = await this.service.rankItems(
      subjectOf(context.viewer, input.userId),
      { itemIds: input.itemIds, strategy: input.strategy ?? 'AUTO', personalizeWeight: input.blend?.personalizeWeight, context: contextOf(input.context) },
      readersOf(context),
    );
    context.operation.noteList(served.list, served.items.length);
    return recommendationsToGraph(served);
  }
}

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

function contextOf(input: RecommendationContextInput | null | undefined): Record<string, string> {
  const values = { device: input?.device, locale: input?.locale, placement: input?.placement };
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

export function readersOf(context: RequestContext): RequestReaders {
  const profiles = context.loaders.profiles;
  return {
    items: (ids) => context.loaders.items.loadMany(ids),
    user: (id) => context.loaders.users.load(id),
    ...(profiles ? { profile: (id: string) => profiles.load(id) } : {}),
  };
}
