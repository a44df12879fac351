import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { Strategy } from '../src/domain/recommendation';
import { StrategyEnum } from './recommendation-enums';

@InputType('RecommendationFilter')
export class RecommendationFilterInput {
  @Field(() => [String], { nullable: true, description: 'Only items in any of these categories (at most 20, each known to the catalogue).' })
  categories?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Leave out items the user has interacted with (default true).' })
  excludeSeen?: boolean | null;
}

@InputType('RecommendationContext', { description: 'Where the list will be shown; stored with the list.' })
export class RecommendationContextInput {
  @Field(() => String, { nullable: true })
  device?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => String, { nullable: true, description: 'The screen or slot, e.g. "home-row-1".' })
  placement?: string | null;
}

@InputType('BlendInput')
export class BlendInput {
  @Field(() => Float, { nullable: true, description: "BLENDED: the weight of Personalize's list against the baseline's, 0–1 (default BLEND_PERSONALIZE_WEIGHT, 0.5)." })
  personalizeWeight?: number | null;
}

@InputType('SessionInput', { description: "The client's current visit, whose events the list follows (\"Because you just viewed …\")." })
export class SessionInput {
  @Field(() => String, {
    nullable: true,
    description:
      'The sessionId the client sends with its events (1–256 visible characters). Without one, the session is the events of the last SESSION_WINDOW_MINUTES (30). Without a token (AUTH_ALLOW_ANONYMOUS), the anonymous session whose events the list follows (16–128 letters, digits, "-" or "_").',
  })
  sessionId?: string | null;
}

@InputType('RecommendationsInput')
export class RecommendationsInput {
  @Field(() => ID, { nullable: true, description: 'Admins only: the user to recommend for. Others are always served their own list (naming another user is FORBIDDEN).' })
  userId?: string | null;

  @Field(() => StrategyEnum, { nullable: true, defaultValue: 'AUTO', description: 'AUTO: BLENDED when Personalize is configured, else BASELINE.' })
  strategy?: Strategy | null;

  @Field(() => Int, { nullable: true, defaultValue: 20, description: '1–100.' })
  limit?: number | null;

  @Field(() => RecommendationFilterInput, { nullable: true })
  filter?: RecommendationFilterInput | null;

  @Field(() => RecommendationContextInput, { nullable: true })
  context?: RecommendationContextInput | null;

  @Field(() => BlendInput, { nullable: true })
  blend?: BlendInput | null;

  @Field(() => SessionInput, { nullable: true, description: 'The current visit; absent: the events of the last SESSION_WINDOW_MINUTES are the session.' })
  session?: SessionInput | null;
}

@InputType('RankItemsInput')
export class RankItemsInput {
  @Field(() => [ID], { description: 'The items to put in order for the viewer, 1–500, each in the catalogue.' })
  itemIds!: string[];

  @Field(() => ID, { nullable: true, description: 'Admins only: the user to rank for.' })
  userId?: string | null;

  @Field(() => StrategyEnum, { nullable: true, defaultValue: 'AUTO', description: 'AUTO: BLENDED when a Personalize ranking campaign is configured, else BASELINE.' })
  strategy?: Strategy | null;

  @Field(() => RecommendationContextInput, { nullable: true })
  context?: RecommendationContextInput | null;

  @Field(() => BlendInput, { nullable: true })
  blend?: BlendInput | null;
}
