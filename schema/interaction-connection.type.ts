import { Field, ObjectType } from 'type-graphql';
import { InteractionGraphType } from './interaction.type';
import { PageInfoType } from './page-info.type';

@ObjectType('InteractionEdge')
export class InteractionEdgeType {
  @Field(() => String)
  cursor!: string;

  @Field(() => InteractionGraphType)
  node!: InteractionGraphType;
}

@ObjectType('InteractionConnection')
export class InteractionConnectionType {
  @Field(() => [InteractionEdgeType])
  edges!: InteractionEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;
}
