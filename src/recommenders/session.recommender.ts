import { ItemListRecommender } from './item-list.recommender';

/**
 * The current session as a recommender: what users interact with next after the items of
 * this visit (src/models/transition.model.ts), the newest item counting most — an event is
 * reflected in the very next list, without retraining. Explained "Because you just viewed X".
 */
export function sessionRecommender(): ItemListRecommender {
  return new ItemListRecommender('TRANSITIONS', 'SESSION', 'session', 'session');
}
