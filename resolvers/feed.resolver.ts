import { Arg, Args, ArgsType, Ctx, Field, ID, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
import { ForbiddenError } from '../src/domain/errors';
import { mapAsyncIterator } from '../src/support/map-async-iterator';
import { RecommendationListType } from '../schema/recommendation-list.type';
import { RecommendationsInput } from '../schema/recommendations.input';
import { FeedStateType } from '../schema/feed-state.type';
import type { FeedStateService } from '../src/services/feed-state.service';
import { subjectOf } from './authorization';
import { feedStateToGraph, recommendationsToGraph } from './graphql.mappers';
import { recommendationRequestOf } from './recommendation-input.mapper';

@ArgsType()
class FeedUpdatedArgs {
  @Field(() => RecommendationsInput, { nullable: true, description: 'The list to keep fresh, as `recommendations` takes it.' })
  input?: RecommendationsInput | null;
}

@Resolver()
export class FeedResolver {
  constructor(private readonly feedStates: FeedStateService) {}

  @Query(() => FeedStateType, {
    description: "For clients that poll instead of subscribing (without sockets): when the signed-in user's feed last changed (admins: any userId). Two cheap reads; fetch `recommendations` when `changedAt` is later than the shown list's `generatedAt`.",
  })
  async feedState(@Arg('userId', () => ID, { nullable: true }) userId: string | null, @Ctx() context: RequestContext): Promise<FeedStateType> {
    const subject = subjectOf(context.viewer, userId);
    if (subject === undefined) throw new ForbiddenError('Sign in to follow your feed.');
    return feedStateToGraph(await this.feedStates.state(subject));
  }

  @Subscription(() => RecommendationListType, {
    description:
      "A fresh list for the signed-in user (admins: input.userId) whenever it may have changed: after their own events (the standalone server gives a burst one push) and after a model is trained. Over graphql-ws: on the standalone server's /graphql (the token in connection_init), on the Lambda deployment's WebSocket API (the token in ?authorization=); see the README.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, FeedUpdatedArgs, RequestContext>) => {
      const { live, viewer } = context;
      const { input } = args;
      const userId = subjectOf(viewer, input?.userId);
      if (userId === undefined) throw new ForbiddenError('Sign in to follow your feed.');
      if (!live) throw new ForbiddenError('Live feeds are served over WebSocket (graphql-ws), not over HTTP.');
      const request = recommendationRequestOf(input);
      // A push that fails is skipped (and logged by the host): the next trigger tries again, the feed stays open.
      return mapAsyncIterator(live.triggers(userId), async () => recommendationsToGraph(await live.recommend(userId, request)), (error) => live.pushFailed(error, userId));
    },
  })
  feedUpdated(@Root() list: RecommendationListType, @Args(() => FeedUpdatedArgs) _args: FeedUpdatedArgs): RecommendationListType {
    return list;
  }
}
