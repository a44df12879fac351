import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
import { InteractionGraphType } from '../schema/interaction.type';
import { ItemType } from '../schema/item.type';
import { itemToGraph } from './graphql.mappers';

@Resolver(() => InteractionGraphType)
export class InteractionResolver {
  @FieldResolver(() => ItemType, { nullable: true })
  async item(@Root() interaction: InteractionGraphType, @Ctx() context: RequestContext): Promise<ItemType | null> {
    const item = await context.loaders.items.load(interaction.itemId);
    return item ? itemToGraph(item) : null;
  }
}
