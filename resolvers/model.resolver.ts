import { Authorized, Query, Resolver } from 'type-graphql';
import type { ModelInfo, ModelReader } from '../src/ports/model-store.port';
import type { ServedMix } from '../src/domain/model-artefacts';
import { CurrentModelType, type ServedMixType } from '../schema/model.type';
import { ADMIN_ROLE } from './authorization';

@Resolver()
export class ModelResolver {
  constructor(private readonly models: Pick<ModelReader, 'currentModel'>) {}

  @Authorized(ADMIN_ROLE)
  @Query(() => CurrentModelType, { nullable: true, description: 'Admins: the model served now and how its mix was chosen; null before any training.' })
  async currentModel(): Promise<CurrentModelType | null> {
    const model = await this.models.currentModel();
    return model ? modelToGraph(model) : null;
  }
}

function modelToGraph(model: ModelInfo): CurrentModelType {
  const selection = model.selection;
  return {
    version: model.version,
    trainedAt: new Date(model.trainedAt),
    interactions: model.interactions,
    users: model.users,
    items: model.items,
    selection: selection
      ? {
          mix: mixToGraph(selection.mix),
          chosenBy: selection.chosenBy,
          validationRecall20: selection.recall20 ?? null,
          validationNdcg20: selection.ndcg20 ?? null,
          mixesTried: selection.mixesTried ?? null,
          models: [...(selection.models ?? [])],
        }
      : null,
  };
}

function mixToGraph({ weights, newArrivals }: ServedMix): ServedMixType {
  return { ease: weights.ease, itemKnn: weights.knn, pureSvd: weights.svd ?? 0, rp3Beta: weights.rp3 ?? 0, userKnn: weights.userKnn ?? 0, session: weights.session ?? 0, popularity: weights.popularity, newArrivals };
}
