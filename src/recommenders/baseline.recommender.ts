import type { ItemId } from '../domain/item';
import { FALLBACK_MIX, weightOf, type ItemArtefact } from '../domain/model-artefacts';
import type { RankedItem } from '../domain/recommendation';
import type { ModelInfo, ModelReader } from '../ports/model-store.port';
import type { RecommenderRequest, ServingInputs } from '../ports/recommender.port';
import { rethrowFirstError } from '../support/batch-results';
import { ServedMixRecommender } from './served-mix.recommender';

/** A list's question before its inputs are read. */
export type BaselineQuestion = Omit<RecommenderRequest, 'inputs'>;

/**
 * The baseline strategy's reads: for one user, in one round, the shared lists, the artefacts
 * of their history items and (when the mix weighs user-kNN) their user-kNN row; then the
 * served mix (ServedMixRecommender) ranks a list, or scores given items for rankItems.
 */
export class BaselineRecommender {
  constructor(
    private readonly models: Pick<ModelReader, 'sharedArtefacts' | 'itemArtefacts' | 'userArtefact'>,
    private readonly served: ServedMixRecommender = new ServedMixRecommender(),
  ) {}

  async list(model: ModelInfo, question: BaselineQuestion): Promise<RankedItem[]> {
    return this.served.recommend(await this.request(model, question));
  }

  async scores(model: ModelInfo, question: BaselineQuestion, itemIds: readonly ItemId[]): Promise<RankedItem[]> {
    return this.served.score(await this.request(model, question), itemIds);
  }

  private async request(model: ModelInfo, question: BaselineQuestion): Promise<RecommenderRequest> {
    const mix = model.selection?.mix ?? FALLBACK_MIX;
    const wantsUser = question.userId !== undefined && weightOf(mix.weights, 'USER_KNN') > 0;
    const [shared, artefactRows, user] = await Promise.all([
      this.models.sharedArtefacts(model.version),
      this.models.itemArtefacts(model.version, question.history.map((entry) => entry.itemId)),
      wantsUser ? this.models.userArtefact(model.version, question.userId ?? '') : Promise.resolve(null),
    ]);
    const artefacts = new Map<ItemId, ItemArtefact>();
    for (const row of rethrowFirstError(artefactRows)) if (row) artefacts.set(row.itemId, row);
    const inputs: ServingInputs = { mix, popularity: shared.popularity, newArrivals: shared.newArrivals, artefacts, user: user ?? undefined };
    return { ...question, inputs };
  }
}
