import { Field, ID, ObjectType } from 'type-graphql';
import { AttributeType } from './attribute.type';

@ObjectType('User', { description: 'A user of the client app; `history` lists their interactions, newest first.' })
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field(() => [AttributeType], { description: 'Profile fields kept from the source data (country, interests …).' })
  attributes!: AttributeType[];
}
