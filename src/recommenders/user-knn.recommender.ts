import type { ItemId } from '../domain/item';
import type { RankedItem } from '../domain/recommendation';
import type { Recommender, RecommenderRequest } from '../ports/recommender.port';
import { exclusionMarks, indexesOf, internedCount, weightsOf } from './item-index';
import { grow } from '../support/typed-buffer';
import { scoredInOrder } from './item-list.recommender';
import { rankedOf } from './ranked-items';
import { candidatesOf, NO_CANDIDATES, topIndexes, type ScoredCandidates } from './scored-candidates';

/**
 * User-kNN ("people whose history is like yours", src/models/user-knn.model.ts) as a
 * recommender: the user's stored row — their neighbours' items with the neighbours'
 * similarity summed — minus what the user has seen since. A user the model was not trained
 * with has no row and no candidates here. The explanation is the user's own history item
 * when the blend finds one linked to the candidate, else "people like you".
 */
export class UserKnnRecommender implements Recommender {
  readonly name = 'user-kNN';
  readonly model = 'USER_KNN' as const;
  readonly source = 'USER_KNN' as const;
  private scores = new Float64Array(0);

  candidates(request: RecommenderRequest, count: number): ScoredCandidates {
    const row = request.inputs.user?.candidates;
    if (!row || row.ids.length === 0) return NO_CANDIDATES;
    const indexes = indexesOf(row.ids);
    const weights = weightsOf(row.weights);
    const { marks, stamp } = exclusionMarks(request.exclude);
    this.scores = grow(this.scores, internedCount());
    const scores = this.scores;
    for (let k = 0; k < indexes.length; k++) {
      const index = indexes[k] as number;
      scores[index] = marks[index] === stamp ? 0 : (weights[k] ?? 0);
    }
    return candidatesOf(topIndexes(indexes, indexes.length, scores, count), scores, undefined);
  }

  recommend(request: RecommenderRequest): RankedItem[] {
    return rankedOf(this.candidates(request, request.limit), request.history, this.source);
  }

  score(request: RecommenderRequest, itemIds: readonly ItemId[]): RankedItem[] {
    return scoredInOrder(this.candidates(request, Number.MAX_SAFE_INTEGER), request, itemIds, this.source);
  }
}
