import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EXPERIMENT_KINDS, EXPERIMENT_STATUSES, type ExperimentKind, type ExperimentStatus } from '../src/domain/experiment';
import type { Strategy } from '../src/domain/recommendation';
import { StrategyEnum } from './recommendation-enums';
import { ProportionType } from './strategy-report.type';

export const ExperimentKindEnum = Object.fromEntries(EXPERIMENT_KINDS.map((kind) => [kind, kind])) as { [K in ExperimentKind]: K };
registerEnumType(ExperimentKindEnum, { name: 'ExperimentKind', description: 'AB: a user sees one variant; INTERLEAVING: two variants mixed in one list (team draft); BANDIT: Thompson sampling shifts users to the variant that earns clicks.' });
export const ExperimentStatusEnum = Object.fromEntries(EXPERIMENT_STATUSES.map((status) => [status, status])) as { [K in ExperimentStatus]: K };
registerEnumType(ExperimentStatusEnum, { name: 'ExperimentStatus' });

@InputType('ExperimentVariantInput')
export class ExperimentVariantInput {
  @Field(() => String, { description: '1–40 letters, digits, "_", "." or "-".' })
  name!: string;

  @Field(() => StrategyEnum, { description: 'BASELINE, PERSONALIZE or BLENDED.' })
  strategy!: Strategy;

  @Field(() => Float, { nullable: true, description: "BLENDED: Personalize's weight, 0–1." })
  personalizeWeight?: number | null;

  @Field(() => Float, { nullable: true, description: 'AB: share of users relative to the other variants (default 1).' })
  weight?: number | null;
}

@InputType('CreateExperimentInput')
export class CreateExperimentInput {
  @Field(() => String)
  name!: string;

  @Field(() => ExperimentKindEnum)
  kind!: ExperimentKind;

  @Field(() => [ExperimentVariantInput], { description: '2–10 variants (interleaving: exactly 2).' })
  variants!: ExperimentVariantInput[];
}

@ObjectType('ExperimentVariant')
export class ExperimentVariantType {
  @Field(() => String) name!: string;
  @Field(() => StrategyEnum) strategy!: Strategy;
  @Field(() => Float, { nullable: true }) personalizeWeight!: number | null;
  @Field(() => Float) weight!: number;
}

@ObjectType('VariantResult')
export class VariantResultType {
  @Field(() => String) name!: string;
  @Field(() => StrategyEnum) strategy!: Strategy;
  @Field(() => Int, { description: 'Lists shown (impression events) in this variant.' }) exposures!: number;
  @Field(() => Int) impressions!: number;
  @Field(() => Int) clicks!: number;
  @Field(() => ProportionType, { description: 'Click-through with its 95 % Wilson interval.' }) ctr!: ProportionType;
  @Field(() => Float, { description: 'Chance that this variant has the highest true click-through (Beta posteriors).' }) probabilityBest!: number;
}

@ObjectType('Experiment')
export class ExperimentType {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
  @Field(() => ExperimentKindEnum) kind!: ExperimentKind;
  @Field(() => ExperimentStatusEnum) status!: ExperimentStatus;
  @Field(() => [ExperimentVariantType]) variants!: ExperimentVariantType[];
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) stoppedAt!: Date | null;
  @Field(() => [VariantResultType], { nullable: true, description: 'Per-variant outcome so far (read on demand: it scans the event log).' })
  results?: VariantResultType[] | null;
}
