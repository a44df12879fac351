import { Authorized, Query, Resolver } from 'type-graphql';
import type { ModelReader } from '../src/ports/model-store.port';
import { CurrentModelType } from '../schema/model.type';
import { ADMIN_ROLE } from './authorization';
import { modelToGraph } from './graphql.mappers';

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
