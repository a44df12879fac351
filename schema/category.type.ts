import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('Category', { description: 'A category (genre) of the catalogue, as the current model knows it.' })
export class CategoryType {
  @Field(() => String, { description: 'The name to use in `filter.categories`.' })
  name!: string;

  @Field(() => Int, { nullable: true, description: 'Items in this category when the current model was trained; null for a model trained before counts were kept.' })
  itemCount!: number | null;
}
