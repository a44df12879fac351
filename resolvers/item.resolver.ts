import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/graphql/request-context';
import type { CatalogService } from '../src/services/catalog.service';
import { DEFAULT_PAGE_SIZE } from '../src/domain/page';
import { DEFAULT_SIMILAR_ITEMS, type SimilarItemsService } from '../src/services/similar-items.service';
import { CategoryType } from '../schema/category.type';
import { SimilarItemType } from '../schema/recommendation-list.type';
import { ItemConnectionType } from '../schema/item-connection.type';
import { ItemType } from '../schema/item.type';
import { ItemsFilterInput } from '../schema/items-filter.input';
import { connectionOf, itemToGraph } from './graphql.mappers';

@Resolver(() => ItemType)
export class ItemResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly similarItems: SimilarItemsService,
  ) {}

  @Query(() => ItemType, { nullable: true, description: 'An item by id; null when there is none.' })
  async item(@Arg('id', () => ID) id: string, @Ctx() context: RequestContext): Promise<ItemType | null> {
    const item = await context.loaders.items.load(id);
    return item ? itemToGraph(item) : null;
  }

  @Query(() => ItemConnectionType, { description: 'The catalogue, newest first, filtered and paginated (first: 1–100, default 20).' })
  async items(
    @Arg('filter', () => ItemsFilterInput, { nullable: true }) filter: ItemsFilterInput | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ItemConnectionType> {
    const page = await this.catalog.listItems({ categories: filter?.categories, search: filter?.search, first, after });
    return connectionOf(page, itemToGraph);
  }

  @Query(() => [CategoryType], { description: 'Every category of the catalogue, by name, with its item count (as of the current model).' })
  categories(): Promise<CategoryType[]> {
    return this.catalog.categories();
  }

  @FieldResolver(() => [SimilarItemType], { description: 'The most similar items (item-to-item collaborative filtering), with the similarity as score; first: 1–100, default 10.' })
  async similar(
    @Root() item: ItemType,
    @Arg('first', () => Int, { nullable: true, defaultValue: DEFAULT_SIMILAR_ITEMS }) first: number | null,
    @Ctx() context: RequestContext,
  ): Promise<SimilarItemType[]> {
    const similar = await this.similarItems.similar(item.id, first, {
      similarList: (id) => context.loaders.similar.load(id),
      items: (ids) => context.loaders.items.loadMany(ids),
    });
    return similar.map((entry) => ({ item: itemToGraph(entry.item), score: entry.score, source: entry.source }));
  }
}
