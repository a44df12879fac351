import { Field, ObjectType } from 'type-graphql';

@ObjectType('FeedState', { description: "Whether a shown list may be stale: compare `changedAt` with the list's `generatedAt`." })
export class FeedStateType {
  @Field(() => String, { nullable: true })
  modelVersion!: string | null;

  @Field(() => Date, { nullable: true })
  modelTrainedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the user's newest event was received." })
  lastEventAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The later of modelTrainedAt and lastEventAt; a list generated before it may have changed.' })
  changedAt!: Date | null;
}
