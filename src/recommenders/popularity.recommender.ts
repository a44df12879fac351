import type { ItemId } from '../domain/item';
import type { RankedItem } from '../domain/recommendation';
import type { Recommender, RecommenderRequest } from '../ports/recommender.port';
import { completeList } from './list-completion';

/**
 * Popularity (time-decayed, src/models/popularity.model.ts) as a recommender: the popular
 * items of the user's interests first, then overall, popular or trending — what a user
 * without history gets, and what fills a list the other models leave short.
 */
export class PopularityRecommender implements Recommender {
  readonly name = 'popularity';

  recommend(request: RecommenderRequest): RankedItem[] {
    return completeList([], { ...request, history: [] }, 'NONE');
  }

  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[] {
    const { overall } = request.inputs.popularity;
    const max = overall[0]?.score ?? 1;
    const popular = new Map(overall.map((entry) => [entry.id, entry.score / max]));
    return [...new Set(itemIds)]
      .map((itemId, order): { item: RankedItem; order: number } => {
        const score = popular.get(itemId) ?? 0;
        return { item: { itemId, score, source: 'POPULARITY', reasons: score > 0 ? [{ kind: 'POPULAR' }] : [] }, order };
      })
      .sort((a, b) => b.item.score - a.item.score || a.order - b.order)
      .map(({ item }) => item);
  }
}
