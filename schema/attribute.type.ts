import { Field, ObjectType } from 'type-graphql';

@ObjectType('Attribute', { description: 'A free metadata field kept from the source data (year, country, brand …).' })
export class AttributeType {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  value!: string;
}
