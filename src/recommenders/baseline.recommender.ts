import type { ItemId } from '../domain/item';
import type { ItemArtefact } from '../domain/model-artefacts';
import type { RankedItem } from '../domain/recommendation';
import type { RecentInteraction } from '../ports/interaction-store.port';
import type { ModelInfo, ModelReader, SharedArtefacts } from '../ports/model-store.port';
import { rethrowFirstError } from '../support/batch-results';
import { rankBaseline, scoreItems } from './baseline.ranker';

/**
 * The baseline strategy: reads what the ranker needs for one user — the shared lists and the
 * artefacts of their history items, one round — and ranks with the mix the model's training
 * chose (or a hand-set override); rankItems scores a given list the same way.
 */
export class BaselineRecommender {
  constructor(private readonly models: Pick<ModelReader, 'sharedArtefacts' | 'itemArtefacts'>) {}

  async list(model: ModelInfo, history: readonly RecentInteraction[], exclude: ReadonlySet<ItemId>, interests: readonly string[], candidates: number): Promise<RankedItem[]> {
    const { shared, artefacts } = await this.inputs(model.version, history);
    return rankBaseline({ history, artefacts, popularity: shared.popularity, newArrivals: shared.newArrivals, interests, exclude, candidates, ...(model.selection ? { mix: model.selection.mix } : {}) });
  }

  async scores(model: ModelInfo, history: readonly RecentInteraction[], itemIds: readonly ItemId[]): Promise<RankedItem[]> {
    const { shared, artefacts } = await this.inputs(model.version, history);
    return scoreItems({ history, artefacts, popularity: shared.popularity, itemIds, ...(model.selection ? { mix: model.selection.mix } : {}) });
  }

  private async inputs(version: string, history: readonly RecentInteraction[]): Promise<{ shared: SharedArtefacts; artefacts: Map<ItemId, ItemArtefact> }> {
    const [shared, artefactRows] = await Promise.all([this.models.sharedArtefacts(version), this.models.itemArtefacts(version, history.map((entry) => entry.itemId))]);
    const artefacts = new Map<ItemId, ItemArtefact>();
    for (const row of rethrowFirstError(artefactRows)) if (row) artefacts.set(row.itemId, row);
    return { shared, artefacts };
  }
}
