import { ItemListRecommender } from './item-list.recommender';

/** RP3beta (src/models/rp3beta.model.ts) as a recommender: the random-walk rows of the history items, popularity-penalised. */
export function rp3BetaRecommender(): ItemListRecommender {
  return new ItemListRecommender('RP3_BETA', 'RP3_BETA', 'RP3beta');
}
