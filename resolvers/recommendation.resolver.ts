import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { readersOf, type RequestContext } from '../src/graphql/request-context';
import type { RecommendationService } from '../src/services/recommendation.service';
import { RecommendationListType } from '../schema/recommendation-list.type';
import { RankItemsInput, RecommendationsInput } from '../schema/recommendations.input';
import { subjectOf } from './authorization';
import { recommendationsToGraph } from './graphql.mappers';
import { rankItemsRequestOf, recommendationRequestOf } from './recommendation-input.mapper';

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
    const served = await this.service.rankItems(subjectOf(context.viewer, input.userId), rankItemsRequestOf(input), readersOf(context));
    context.operation.noteList(served.list, served.items.length);
    return recommendationsToGraph(served);
  }
}

