// type-graphql's decorators need the Reflect metadata API before any schema class loads.
import 'reflect-metadata';
import { InteractionResolver } from './interaction.resolver';
import { ItemResolver } from './item.resolver';
import { RecommendationResolver } from './recommendation.resolver';
import { UserResolver } from './user.resolver';

export const RESOLVERS = [ItemResolver, UserResolver, InteractionResolver, RecommendationResolver] as const;
export { InteractionResolver, ItemResolver, RecommendationResolver, UserResolver };
