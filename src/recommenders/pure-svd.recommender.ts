import { ItemListRecommender } from './item-list.recommender';

/**
 * The latent-factor model (PureSVD, src/models/pure-svd.model.ts) as a recommender: the
 * user's scores x·V·Vᵀ, read as the stored rows of V·Vᵀ of their history items, so a list
 * costs the same reads as EASE's whatever the number of factors.
 */
export function pureSvdRecommender(): ItemListRecommender {
  return new ItemListRecommender('PURE_SVD', 'LATENT_FACTORS', 'PureSVD');
}
