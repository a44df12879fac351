import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { UserHistoryService } from '../src/services/user-history.service';
import { InteractionConnectionType } from '../schema/interaction-connection.type';
import { UserType } from '../schema/user.type';
import { connectionOf, interactionToGraph, userToGraph } from './graphql.mappers';

@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly histories: UserHistoryService) {}

  @Query(() => UserType, { nullable: true, description: 'A user by id; null when there is none.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<UserType | null> {
    const user = await context.loaders.users.load(id);
    return user ? userToGraph(user) : null;
  }

  @FieldResolver(() => InteractionConnectionType, { description: "The user's interactions, newest first (first: 1–100, default 20)." })
  async history(
    @Root() user: UserType,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<InteractionConnectionType> {
    return connectionOf(await this.histories.history(user.id, first, after), interactionToGraph);
  }
}
