import { registerEnumType } from 'type-graphql';
import { EXPLANATION_KINDS, FALLBACK_REASONS, RECOMMENDATION_SOURCES, STRATEGIES } from '../src/domain/recommendation';

export function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const StrategyEnum = enumOf(STRATEGIES);
registerEnumType(StrategyEnum, {
  name: 'Strategy',
  description: 'BASELINE: the in-process recommenders. PERSONALIZE: Amazon Personalize. BLENDED: both. AUTO: the gateway chooses.',
});

export const FallbackReasonEnum = enumOf(FALLBACK_REASONS);
registerEnumType(FallbackReasonEnum, { name: 'FallbackReason', description: 'Why the strategy served is not the one requested.' });

export const RecommendationSourceEnum = enumOf(RECOMMENDATION_SOURCES);
registerEnumType(RecommendationSourceEnum, {
  name: 'RecommendationSource',
  description: 'What put the item in the list: a part of the baseline (EASE, ITEM_KNN, POPULARITY, NEW_ARRIVALS, INTERESTS) or PERSONALIZE.',
});

export const ExplanationKindEnum = enumOf(EXPLANATION_KINDS);
registerEnumType(ExplanationKindEnum, { name: 'ExplanationKind' });
