import { ItemListRecommender } from './item-list.recommender';

/** EASE (src/models/ease.model.ts) as a recommender: the sum of the history items' stored EASE rows, negative weights included. */
export function easeRecommender(): ItemListRecommender {
  return new ItemListRecommender('EASE', 'EASE', 'EASE');
}
