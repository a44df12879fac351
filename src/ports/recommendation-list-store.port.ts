import type { RecommendationList } from '../domain/recommendation';

export interface RecommendationListStore {
  save(list: RecommendationList): Promise<void>;
  /** Aligned with ids; null for an unknown list. */
  getLists(ids: readonly string[]): Promise<(RecommendationList | null | Error)[]>;
}
