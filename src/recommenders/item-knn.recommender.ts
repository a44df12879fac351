import { ItemListRecommender } from './item-list.recommender';

/** Item-kNN (src/models/item-knn.model.ts) as a recommender: each candidate scored by the history items among its own top neighbours. */
export function itemKnnRecommender(): ItemListRecommender {
  return new ItemListRecommender('ITEM_KNN', 'ITEM_KNN', 'item-kNN');
}
