import { Field, InputType } from 'type-graphql';

@InputType('ItemsFilter')
export class ItemsFilterInput {
  @Field(() => [String], { nullable: true, description: 'Items in any of these categories (at most 20).' })
  categories?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the title.' })
  search?: string | null;
}
