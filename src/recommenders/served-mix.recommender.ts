import type { ItemId } from '../domain/item';
import { weightOf, type BlendModel } from '../domain/model-artefacts';
import type { RankedItem, RecommendationSource } from '../domain/recommendation';
import type { Recommender, RecommenderRequest } from '../ports/recommender.port';
import { easeRecommender } from './ease.recommender';
import { popularityByIndex } from './item-index';
import { itemKnnRecommender } from './item-knn.recommender';
import { completeList } from './list-completion';
import { fuseParts, type BlendPart } from './mix-fusion';
import { PopularityRecommender } from './popularity.recommender';
import { pureSvdRecommender } from './pure-svd.recommender';
import { rp3BetaRecommender } from './rp3beta.recommender';
import { sessionRecommender } from './session.recommender';
import type { ScoredCandidates } from './scored-candidates';
import { UserKnnRecommender } from './user-knn.recommender';

/** A model a blend can weigh: its candidates for a request. */
export interface BlendComponent extends Recommender {
  readonly model: BlendModel;
  readonly source: RecommendationSource;
  candidates(request: RecommenderRequest, count: number): ScoredCandidates;
}

/** Candidates each model contributes to the blend: enough that its top 20 is rarely decided outside them. */
export const COMPONENT_CANDIDATES = 200;

/** The models of the baseline, each a recommender of its own file. */
export function baselineComponents(): BlendComponent[] {
  return [easeRecommender(), itemKnnRecommender(), pureSvdRecommender(), rp3BetaRecommender(), new UserKnnRecommender(), sessionRecommender()];
}

/**
 * The baseline as served: a composition of the model recommenders under the mix the model's
 * training chose on validation — each model's best candidates, normalised to the user's best
 * and weighted, summed, popularity breaking ties — then completed by popularity for users
 * with little history and by new arrivals as the mix's policy says. Models weighed 0 are not
 * run (their lists are not even stored).
 */
export class ServedMixRecommender implements Recommender {
  readonly name = 'baseline';

  constructor(
    private readonly components: readonly BlendComponent[] = baselineComponents(),
    private readonly popularity: PopularityRecommender = new PopularityRecommender(),
  ) {}

  /** Each weighed model's candidates for the request (what selection computes once per validation user). */
  parts(request: RecommenderRequest): BlendPart[] {
    const count = Math.max(COMPONENT_CANDIDATES, request.limit);
    return this.components.flatMap((component) => {
      const weight = weightOf(request.inputs.mix.weights, component.model);
      return weight > 0 ? [{ source: component.source, weight, candidates: component.candidates(request, count) }] : [];
    });
  }

  recommend(request: RecommenderRequest): RankedItem[] {
    return this.rankParts(this.parts(request), request);
  }

  /** The served list from given parts (their weights are the mix's). */
  rankParts(parts: readonly BlendPart[], request: RecommenderRequest, newArrivals = request.inputs.mix.newArrivals): RankedItem[] {
    const popularity = popularityByIndex(request.inputs.popularity);
    const fused = fuseParts(parts, request.history, popularity, request.inputs.mix.weights.popularity, request.limit);
    return completeList(fused, request, newArrivals);
  }

  /**
   * The given items under the same blend (rankItems): each model's score over all its
   * candidates, weighted, popularity breaking ties; ties keep the given order, and every
   * given item is returned once. The source and explanation are the leading model's.
   */
  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[] {
    const weights = request.inputs.mix.weights;
    const scored = this.components
      .map((component) => ({ weight: weightOf(weights, component.model), component }))
      .filter(({ weight }) => weight > 0)
      .map(({ weight, component }) => ({ weight, byId: new Map(component.score(request, itemIds).map((item) => [item.itemId, item])) }));
    const popular = new Map(this.popularity.score(request, itemIds).map((item) => [item.itemId, item]));
    return [...new Set(itemIds)]
      .map((itemId, order) => {
        let cf = 0;
        let lead: RankedItem | undefined;
        let leadPart = 0;
        for (const { weight, byId } of scored) {
          const item = byId.get(itemId);
          const part = weight * (item?.score ?? 0);
          cf += part;
          if (item && part > leadPart) {
            leadPart = part;
            lead = item;
          }
        }
        const popularItem = popular.get(itemId);
        const item: RankedItem = lead
          ? { itemId, score: cf + weights.popularity * (popularItem?.score ?? 0), source: lead.source, reasons: lead.reasons }
          : { itemId, score: weights.popularity * (popularItem?.score ?? 0), source: 'POPULARITY', reasons: popularItem?.reasons ?? [] };
        return { item, order };
      })
      .sort((a, b) => b.item.score - a.item.score || a.order - b.order)
      .map(({ item }) => item);
  }
}
