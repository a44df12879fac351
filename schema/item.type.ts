import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AttributeType } from './attribute.type';

// simpleResolvers: plain properties, no middleware or role checks (see recommendation-list.type.ts); `similar` is a field resolver of its own.
@ObjectType('Item', { description: 'A catalogue entry: a film, a product, an article.', simpleResolvers: true })
export class ItemType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => [String], { description: 'Genres or categories, as the source data names them.' })
  categories!: string[];

  @Field(() => [AttributeType])
  attributes!: AttributeType[];

  @Field(() => Date, { description: 'When the item entered the catalogue (for MovieLens: 1 January of its release year).' })
  createdAt!: Date;

  @Field(() => Int, { description: 'Interactions recorded for the item, rebuilt from the interaction log.' })
  popularity!: number;
}
