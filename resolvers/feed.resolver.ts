import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { ForbiddenError } from '../src/domain/errors';
import { mapAsyncIterator } from '../src/support/map-async-iterator';
import { RecommendationListType } from '../schema/recommendation-list.type';
import { RecommendationsInput } from '../schema/recommendations.input';
import { subjectOf } from './authorization';
import { recommendationsToGraph } from './graphql.mappers';
import { recommendationRequestOf } from './recommendation.resolver';

@Resolver()
export class FeedResolver {
  @Subscription(() => RecommendationListType, {
    description:
      "A fresh list for the signed-in user (admins: input.userId) whenever it may have changed: after their own events (a burst gives one push) and after a model is trained. Over graphql-ws on the standalone server's /graphql; in Lambda, poll `recommendations` and compare `generatedAt` (see the README).",
    subscribe: ({ args, context }) => {
      const { live, viewer } = context as RequestContext;
      const input = (args as { input?: RecommendationsInput | null }).input;
      const userId = subjectOf(viewer, input?.userId);
      if (userId === undefined) throw new ForbiddenError('Sign in to follow your feed.');
      if (!live) throw new ForbiddenError('Live feeds are served over WebSocket by the standalone server.');
      const request = recommendationRequestOf(input);
      return mapAsyncIterator(live.triggers(userId), async () => recommendationsToGraph(await live.recommend(userId, request)));
    },
  })
  feedUpdated(@Root() list: RecommendationListType, @Arg('input', () => RecommendationsInput, { nullable: true }) _input: RecommendationsInput | null): RecommendationListType {
    return list;
  }
}
