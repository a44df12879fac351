import { Field, Float, ID, InputType, registerEnumType } from 'type-graphql';
import { FEEDBACK_KINDS, type FeedbackKind } from '../src/domain/feedback-event';
import type { InteractionType } from '../src/domain/interaction';
import { InteractionTypeEnum } from './interaction-type.enum';

export const FeedbackKindEnum = Object.fromEntries(FEEDBACK_KINDS.map((kind) => [kind, kind])) as { [K in FeedbackKind]: K };
registerEnumType(FeedbackKindEnum, { name: 'EventKind', description: 'IMPRESSION: items shown from a list; CLICK: an item tapped in a list; INTERACTION: anything the user did with an item.' });

const EVENT_ID_DESCRIPTION = "The client's id of this event (1–128 letters, digits, . _ : -): a retry sends the same one and is answered `duplicate: true`; the same id with other content is CONFLICT.";

@InputType('RecordImpressionInput')
export class RecordImpressionInput {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;

  @Field(() => ID, { description: 'The `id` of the served list the items were shown from.' })
  recommendationId!: string;

  @Field(() => [ID], { description: 'The items shown (1–100), each in that list.' })
  itemIds!: string[];

  @Field(() => Date, { nullable: true, description: 'When they were shown; the time of receipt when absent.' })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true, description: "The app session, passed on to Personalize (the user id when absent)." })
  sessionId?: string | null;
}

@InputType('RecordClickInput')
export class RecordClickInput {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;

  @Field(() => ID, { description: 'The `id` of the served list the item was tapped in.' })
  recommendationId!: string;

  @Field(() => ID, { description: 'The item tapped; it must be in that list.' })
  itemId!: string;

  @Field(() => Date, { nullable: true })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true })
  sessionId?: string | null;
}

@InputType('RecordInteractionInput')
export class RecordInteractionInput {
  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;

  @Field(() => ID)
  itemId!: string;

  @Field(() => InteractionTypeEnum)
  type!: InteractionType;

  @Field(() => Float, { nullable: true, description: 'Rating, seconds watched, price …' })
  value?: number | null;

  @Field(() => ID, { nullable: true, description: 'The served list it came from, if any: the item must be in it.' })
  recommendationId?: string | null;

  @Field(() => Date, { nullable: true })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true })
  sessionId?: string | null;
}

@InputType('EventInput', { description: 'One event of a batch: the fields of the matching record… input, with its kind.' })
export class EventInput {
  @Field(() => FeedbackKindEnum)
  kind!: FeedbackKind;

  @Field(() => ID, { description: EVENT_ID_DESCRIPTION })
  eventId!: string;

  @Field(() => ID, { nullable: true })
  recommendationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'CLICK and INTERACTION.' })
  itemId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'IMPRESSION.' })
  itemIds?: string[] | null;

  @Field(() => InteractionTypeEnum, { nullable: true, description: 'INTERACTION.' })
  type?: InteractionType | null;

  @Field(() => Float, { nullable: true })
  value?: number | null;

  @Field(() => Date, { nullable: true })
  occurredAt?: Date | null;

  @Field(() => String, { nullable: true })
  sessionId?: string | null;
}
