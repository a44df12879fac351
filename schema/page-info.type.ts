import { Field, ObjectType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Relay cursor pagination: pass endCursor as `after` for the next page.' })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
