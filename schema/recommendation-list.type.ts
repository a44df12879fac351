import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { ExplanationKind, FallbackReason, RecommendationSource, Strategy } from '../src/domain/recommendation';
import { ItemType } from './item.type';
import { ExplanationKindEnum, FallbackReasonEnum, RecommendationSourceEnum, StrategyEnum } from './recommendation-enums';

// simpleResolvers: these types' fields are plain properties without middleware or role checks, so
// graphql-js reads them with its default resolver instead of type-graphql's wrapper per field
// (a list of 20 resolves some 200 fields). A field that needs a check must not be on such a type.
@ObjectType('Explanation', { description: 'Why an item is recommended, ready to show ("Because you watched Alien").', simpleResolvers: true })
export class ExplanationType {
  @Field(() => ExplanationKindEnum)
  kind!: ExplanationKind;

  @Field(() => String)
  text!: string;

  @Field(() => ItemType, { nullable: true, description: 'BECAUSE_YOU_WATCHED, _VIEWED, _LIKED, _BOUGHT, _RATED, BECAUSE_OF_YOUR_HISTORY: the item of the user\'s history that contributed most; BECAUSE_YOU_JUST_VIEWED: the item of the current session that led to it most.' })
  becauseOf!: ItemType | null;

  @Field(() => String, { nullable: true, description: 'The category a popularity, new-arrival or interest explanation is about.' })
  category!: string | null;
}

@ObjectType('RecommendedItem', { simpleResolvers: true })
export class RecommendedItemType {
  @Field(() => ItemType)
  item!: ItemType;

  @Field(() => Int, { description: '1 for the first item.' })
  rank!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => RecommendationSourceEnum)
  source!: RecommendationSource;

  @Field(() => [ExplanationType])
  explanations!: ExplanationType[];
}

@ObjectType('RecommendationList', { simpleResolvers: true })
export class RecommendationListType {
  @Field(() => ID, { description: 'The recommendationId to send back with impressions and clicks.' })
  id!: string;

  @Field(() => StrategyEnum)
  strategyRequested!: Strategy;

  @Field(() => StrategyEnum)
  strategyServed!: Strategy;

  @Field(() => FallbackReasonEnum, { nullable: true, description: 'Set when strategyServed is not what was requested.' })
  fallbackReason!: FallbackReason | null;

  @Field(() => String, { nullable: true, description: 'The baseline model version that ranked the list.' })
  modelVersion!: string | null;

  @Field(() => Date)
  generatedAt!: Date;

  @Field(() => [RecommendedItemType])
  items!: RecommendedItemType[];
}

@ObjectType('SimilarItem', { simpleResolvers: true })
export class SimilarItemType {
  @Field(() => ItemType)
  item!: ItemType;

  @Field(() => Float, { description: 'Item-kNN: cosine similarity of the two items\' audiences, 0–1; PERSONALIZE: the related-items campaign\'s score.' })
  score!: number;

  @Field(() => RecommendationSourceEnum, { description: 'ITEM_KNN (the baseline) or PERSONALIZE (a related-items campaign).' })
  source!: RecommendationSource;
}
