import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { CatalogService } from '../src/services/catalog.service';
import { ItemConnectionType } from '../schema/item-connection.type';
import { ItemType } from '../schema/item.type';
import { ItemsFilterInput } from '../schema/items-filter.input';
import { connectionOf, itemToGraph } from './graphql.mappers';

@Resolver(() => ItemType)
export class ItemResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => ItemType, { nullable: true, description: 'An item by id; null when there is none.' })
  async item(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ItemType | null> {
    const item = await context.loaders.items.load(id);
    return item ? itemToGraph(item) : null;
  }

  @Query(() => ItemConnectionType, { description: 'The catalogue, newest first, filtered and paginated (first: 1–100, default 20).' })
  async items(
    @Arg('filter', () => ItemsFilterInput, { nullable: true }) filter: ItemsFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ItemConnectionType> {
    const page = await this.catalog.listItems({ categories: filter?.categories, search: filter?.search, first, after });
    return connectionOf(page, itemToGraph);
  }
}
