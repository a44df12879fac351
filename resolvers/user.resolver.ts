import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
import { DEFAULT_PAGE_SIZE } from '../src/domain/page';
import type { UserHistoryService } from '../src/services/user-history.service';
import { InteractionConnectionType } from '../schema/interaction-connection.type';
import { UserType } from '../schema/user.type';
import { subjectOf } from './authorization';
import { connectionOf, interactionToGraph, userToGraph } from './graphql.mappers';

@Resolver(() => UserType)
export class UserResolver {
  constructor(private readonly histories: UserHistoryService) {}

  @Query(() => UserType, { nullable: true, description: 'The signed-in user (with no stored profile yet: the id alone); null when anonymous.' })
  async me(@Ctx() context: RequestContext): Promise<UserType | null> {
    const userId = context.viewer.userId;
    if (userId === undefined) return null;
    const user = await context.loaders.users.load(userId);
    return user ? userToGraph(user) : { id: userId, attributes: [] };
  }

  @Query(() => UserType, { nullable: true, description: 'A user by id (yourself; admins: anyone); null when there is none. Another user\'s id is FORBIDDEN.' })
  async user(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<UserType | null> {
    const userId = subjectOf(context.viewer, id);
    if (userId === undefined) return null;
    const user = await context.loaders.users.load(userId);
    return user ? userToGraph(user) : null;
  }

  @FieldResolver(() => InteractionConnectionType, { description: "The user's interactions, newest first (first: 1–100, default 20)." })
  async history(
    @Root() user: UserType,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<InteractionConnectionType> {
    return connectionOf(await this.histories.history(user.id, first, after), interactionToGraph);
  }
}
