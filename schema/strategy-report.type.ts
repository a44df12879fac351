import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { RecommendationSource, Strategy } from '../src/domain/recommendation';
import { RecommendationSourceEnum, StrategyEnum } from './recommendation-enums';

@InputType('ReportSegment')
export class ReportSegmentInput {
  @Field(() => String, { description: 'A profile attribute, e.g. country.' })
  attribute!: string;

  @Field(() => String)
  value!: string;
}

@InputType('StrategyReportInput')
export class StrategyReportInput {
  @Field(() => Int, { nullable: true, description: 'List length compared, 1–100 (default 10).' })
  k?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this many users, the first by id (default all).' })
  sample?: number | null;

  @Field(() => ReportSegmentInput, { nullable: true, description: 'Only users whose attribute has this value.' })
  segment?: ReportSegmentInput | null;
}

@ObjectType('Proportion', { description: 'A rate with its 95 % Wilson interval.' })
export class ProportionType {
  @Field(() => Int) successes!: number;
  @Field(() => Int) trials!: number;
  @Field(() => Float) rate!: number;
  @Field(() => Float) low!: number;
  @Field(() => Float) high!: number;
}

@ObjectType('Distribution')
export class DistributionType {
  @Field(() => Float, { nullable: true, description: 'Null when no user could be compared.' })
  mean!: number | null;

  @Field(() => [Int], { description: 'Users in each tenth of 0–1.' })
  histogram!: number[];
}

@ObjectType('OverlapPoint')
export class OverlapPointType {
  @Field(() => Int) k!: number;
  @Field(() => Float) mean!: number;
}

@ObjectType('ReportItem')
export class ReportItemType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
}

@ObjectType('NewContent', { description: 'Items Personalize put in some list that the baseline put in none.' })
export class NewContentType {
  @Field(() => Int) items!: number;
  @Field(() => Float, { description: "Their share of Personalize's distinct items." }) share!: number;
  @Field(() => [ReportItemType]) examples!: ReportItemType[];
}

@ObjectType('StrategyPair')
export class StrategyPairType {
  @Field(() => Float) baseline!: number;
  @Field(() => Float) personalize!: number;
}

@ObjectType('FallbackCount')
export class FallbackCountType {
  @Field(() => String) reason!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('StrategyRate')
export class StrategyRateType {
  @Field(() => StrategyEnum) strategy!: Strategy;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => ProportionType) ctr!: ProportionType;
  @Field(() => Float, { description: 'Seconds of WATCH interactions attributed to the strategy.' }) watchSeconds!: number;
}

@ObjectType('SourceRate')
export class SourceRateType {
  @Field(() => RecommendationSourceEnum) source!: RecommendationSource;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => ProportionType) ctr!: ProportionType;
}

@ObjectType('StrategyReport', { description: 'Baseline against Personalize for a set of users; `npm run report` writes the same as JSON and HTML.' })
export class StrategyReportType {
  @Field(() => Date) generatedAt!: Date;
  @Field(() => Int) k!: number;
  @Field(() => Int) users!: number;
  @Field(() => Int, { description: 'Users for whom Personalize answered (did not fall back).' }) comparedUsers!: number;
  @Field(() => [FallbackCountType]) fallbacks!: FallbackCountType[];
  @Field(() => DistributionType, { description: 'overlap@k per user.' }) overlap!: DistributionType;
  @Field(() => [OverlapPointType]) overlapCurve!: OverlapPointType[];
  @Field(() => DistributionType, { description: "Kendall's tau on common items (mean in −1…1; histogram of (tau + 1) / 2)." }) kendallTau!: DistributionType;
  @Field(() => Int) kendallTauUsers!: number;
  @Field(() => DistributionType, { description: 'Rank-biased overlap, p = 0.9.' }) rbo!: DistributionType;
  @Field(() => NewContentType) newContent!: NewContentType;
  @Field(() => StrategyPairType, { description: 'Share of the catalogue in any list.' }) coverage!: StrategyPairType;
  @Field(() => StrategyPairType, { description: 'Mean popularity percentile of recommended items.' }) popularityBias!: StrategyPairType;
  @Field(() => [StrategyRateType]) byStrategy!: StrategyRateType[];
  @Field(() => [SourceRateType]) bySource!: SourceRateType[];
}
