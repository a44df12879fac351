import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import type { ModelInfo, ModelReader } from '../src/ports/model-store.port';
import { CurrentModelType } from '../schema/model.type';
import { requireAdmin } from './authorization';

@Resolver()
export class ModelResolver {
  constructor(private readonly models: Pick<ModelReader, 'currentModel'>) {}

  @Query(() => CurrentModelType, { nullable: true, description: 'Admins: the model served now and how its mix was chosen; null before any training.' })
  async currentModel(@Ctx() context: RequestContext): Promise<CurrentModelType | null> {
    requireAdmin(context.viewer);
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
          mix: { ease: selection.mix.weights.ease, itemKnn: selection.mix.weights.knn, popularity: selection.mix.weights.popularity, newArrivals: selection.mix.newArrivals },
          chosenBy: selection.chosenBy,
          validationRecall20: selection.recall20 ?? null,
          validationNdcg20: selection.ndcg20 ?? null,
          mixesTried: selection.mixesTried ?? null,
        }
      : null,
  };
}
