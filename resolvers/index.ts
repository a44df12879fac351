// type-graphql's decorators need the Reflect metadata API before any schema class loads.
import 'reflect-metadata';
import { EventResolver } from './event.resolver';
import { ExperimentResolver } from './experiment.resolver';
import { FeedResolver } from './feed.resolver';
import { InteractionResolver } from './interaction.resolver';
import { ItemResolver } from './item.resolver';
import { ModelResolver } from './model.resolver';
import { RecommendationResolver } from './recommendation.resolver';
import { ReportResolver } from './report.resolver';
import { UserResolver } from './user.resolver';

export const RESOLVERS = [ItemResolver, UserResolver, InteractionResolver, RecommendationResolver, EventResolver, FeedResolver, ReportResolver, ExperimentResolver, ModelResolver] as const;
export { EventResolver, ExperimentResolver, FeedResolver, ReportResolver, InteractionResolver, ItemResolver, ModelResolver, RecommendationResolver, UserResolver };
