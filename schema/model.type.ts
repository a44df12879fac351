import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NEW_ARRIVAL_POLICIES } from '../src/domain/model-artefacts';
import { enumOf } from './recommendation-enums';

export const NewArrivalPolicyEnum = enumOf(NEW_ARRIVAL_POLICIES);
registerEnumType(NewArrivalPolicyEnum, { name: 'NewArrivalPolicy', description: 'Where new arrivals get a place: nowhere, in lists of users with little history, or in every list.' });

export const SelectionMethodEnum = enumOf(['VALIDATION', 'OVERRIDE'] as const);
registerEnumType(SelectionMethodEnum, { name: 'SelectionMethod', description: 'VALIDATION: chosen by Recall@20 on a held-out share of the training rows; OVERRIDE: set by hand (npm run train -- --weights).' });

@ObjectType('ServedMix', { description: "The baseline's blend as served: weights of each model's per-user normalised scores, and the new-arrival policy." })
export class ServedMixType {
  @Field(() => Float)
  ease!: number;

  @Field(() => Float)
  itemKnn!: number;

  @Field(() => Float, { description: 'The latent-factor model (PureSVD).' })
  pureSvd!: number;

  @Field(() => Float)
  rp3Beta!: number;

  @Field(() => Float, { description: 'User-based collaborative filtering ("people like you").' })
  userKnn!: number;

  @Field(() => Float, { description: "The current session's next items (what users interact with next), chosen on next-item validation." })
  session!: number;

  @Field(() => Float)
  popularity!: number;

  @Field(() => NewArrivalPolicyEnum)
  newArrivals!: (typeof NEW_ARRIVAL_POLICIES)[number];
}

@ObjectType('ModelValidation', { description: 'One model alone on the validation rows.' })
export class ModelValidationType {
  @Field(() => String, { description: 'EASE, ITEM_KNN, PURE_SVD, RP3_BETA or USER_KNN.' })
  model!: string;

  @Field(() => String, { description: 'The hyper-parameters validation chose, e.g. "λ 300, top 100".' })
  parameters!: string;

  @Field(() => Float)
  recall20!: number;

  @Field(() => Float)
  ndcg20!: number;
}

@ObjectType('ModelSelection', { description: 'How the served mix was chosen.' })
export class ModelSelectionType {
  @Field(() => ServedMixType)
  mix!: ServedMixType;

  @Field(() => SelectionMethodEnum)
  chosenBy!: 'VALIDATION' | 'OVERRIDE';

  @Field(() => Float, { nullable: true, description: 'The chosen mix on the validation rows (VALIDATION only).' })
  validationRecall20!: number | null;

  @Field(() => Float, { nullable: true })
  validationNdcg20!: number | null;

  @Field(() => Int, { nullable: true })
  mixesTried!: number | null;

  @Field(() => [ModelValidationType], { description: 'Each model alone on the validation rows, with the hyper-parameters chosen for it (empty for OVERRIDE).' })
  models!: ModelValidationType[];
}

@ObjectType('CurrentModel', { description: 'The model the baseline serves now.' })
export class CurrentModelType {
  @Field(() => String)
  version!: string;

  @Field(() => Date)
  trainedAt!: Date;

  @Field(() => Int)
  interactions!: number;

  @Field(() => Int)
  users!: number;

  @Field(() => Int)
  items!: number;

  @Field(() => ModelSelectionType, { nullable: true, description: 'Null for a model trained before mixes were selected.' })
  selection!: ModelSelectionType | null;
}
