import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { FeedbackKind } from '../src/domain/feedback-event';
import type { RecommendationSource, Strategy } from '../src/domain/recommendation';
import { FeedbackKindEnum } from './event.input';
import { RecommendationSourceEnum, StrategyEnum } from './recommendation-enums';

@ObjectType('Attribution', { description: 'The served list an event came from, as it was stored.' })
export class AttributionType {
  @Field(() => ID)
  recommendationId!: string;

  @Field(() => StrategyEnum, { description: 'The strategy that served the list.' })
  strategy!: Strategy;

  @Field(() => Int, { nullable: true, description: "The item's rank in the list (clicks and interactions)." })
  rank!: number | null;

  @Field(() => RecommendationSourceEnum, { nullable: true, description: 'Which source proposed the item.' })
  source!: RecommendationSource | null;
}

@ObjectType('EventResult')
export class EventResultType {
  @Field(() => ID)
  eventId!: string;

  @Field(() => FeedbackKindEnum)
  kind!: FeedbackKind;

  @Field(() => Boolean, { description: 'The event had been recorded before (a retry); nothing new was stored.' })
  duplicate!: boolean;

  @Field(() => Boolean, { description: 'Personalize has it; false when not configured, or when forwarding failed (it is sent later, once).' })
  forwarded!: boolean;

  @Field(() => AttributionType, { nullable: true })
  attribution!: AttributionType | null;
}

@ObjectType('EventError')
export class EventErrorType {
  @Field(() => String, { description: 'BAD_USER_INPUT, FORBIDDEN, CONFLICT or SERVICE_UNAVAILABLE.' })
  code!: string;

  @Field(() => String)
  message!: string;

  @Field(() => String, { nullable: true })
  argumentName!: string | null;
}

@ObjectType('BatchEventResult', { description: 'One event of recordEvents: its result, or why it was not recorded (the others are unaffected).' })
export class BatchEventResultType {
  @Field(() => ID)
  eventId!: string;

  @Field(() => EventResultType, { nullable: true })
  result!: EventResultType | null;

  @Field(() => EventErrorType, { nullable: true })
  error!: EventErrorType | null;
}
