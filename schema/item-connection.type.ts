import { Field, ObjectType } from 'type-graphql';
import { ItemType } from './item.type';
import { PageInfoType } from './page-info.type';

@ObjectType('ItemEdge')
export class ItemEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => ItemType)
  node!: ItemType;
}

@ObjectType('ItemConnection')
export class ItemConnectionType {
  @Field(() => [ItemEdgeType])
  edges!: ItemEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
