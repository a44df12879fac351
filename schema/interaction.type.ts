import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { InteractionType } from '../src/domain/interaction';
import { InteractionTypeEnum } from './interaction-type.enum';
import { ItemType } from './item.type';

@ObjectType('Interaction', { description: 'One thing a user did with an item.' })
export class InteractionGraphType {
  @Field(() => ID, { description: 'The event id, unique per user: a retried event keeps its id and is stored once.' })
  id!: string;

  @Field(() => InteractionTypeEnum)
  type!: InteractionType;

  @Field(() => String, { description: 'The event type as the source named it ("rating", "watch", "add-to-cart" …).' })
  eventType!: string;

  @Field(() => ID)
  itemId!: string;

  @Field(() => ItemType, { nullable: true, description: 'Null when the item is not (or no longer) in the catalogue.' })
  item?: ItemType | null;

  @Field(() => Float, { nullable: true, description: 'Rating, seconds watched, price …; null when the event carries none.' })
  value!: number | null;

  @Field(() => Date)
  timestamp!: Date;
}
