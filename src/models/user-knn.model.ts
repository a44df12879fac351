import type { InteractionMatrix } from './interaction-matrix';
import { topKOfRow, type NeighbourList } from './neighbour-lists';

export interface UserKnnOptions {
  /** Neighbours kept per user: the bounded "users like you". */
  readonly neighbours: number;
  /** Shrinks similarities resting on few shared items: sim · co / (co + shrinkage). */
  readonly shrinkage: number;
  /** Candidates stored per user (what serving reads, one row). */
  readonly candidates: number;
}

export const DEFAULT_USER_KNN: UserKnnOptions = { neighbours: 50, shrinkage: 10, candidates: 100 };

/** Per user (indexed like the matrix's users): the items their neighbours have and they do not, weighted by the neighbours' similarity. */
export interface UserCandidateLists {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly lists: readonly NeighbourList[];
}

/**
 * User-based collaborative filtering: cosine similarity of users' item sets (shrunk), the top
 * `neighbours` per user, and each user's candidates Σᵥ sim(u, v) over the neighbours v who
 * have the item — "people whose history is like yours". Co-occurrences are counted one user
 * row at a time through the items they share; no users × users matrix is held. The candidate
 * lists are computed at training, so serving reads one row per user.
 */
export function fitUserKnn(matrix: InteractionMatrix, options: UserKnnOptions = DEFAULT_USER_KNN, onProgress?: (done: number, total: number) => void): UserCandidateLists {
  const users = matrix.userIds.length;
  const items = matrix.itemIds.length;
  const norms = new Float64Array(users);
  for (let u = 0; u < users; u++) norms[u] = Math.sqrt((matrix.userPtr[u + 1] ?? 0) - (matrix.userPtr[u] ?? 0));
  const shared = new Float64Array(users);
  const touchedUsers = new Int32Array(users);
  const scores = new Float64Array(items);
  const touchedItems = new Int32Array(items);
  const own = new Int32Array(items).fill(-1);
  const lists: NeighbourList[] = new Array(users);
  for (let u = 0; u < users; u++) {
    let userCount = 0;
    for (let k = matrix.userPtr[u] ?? 0; k < (matrix.userPtr[u + 1] ?? 0); k++) {
      const i = matrix.userItems[k] ?? 0;
      own[i] = u;
      for (let m = matrix.itemPtr[i] ?? 0; m < (matrix.itemPtr[i + 1] ?? 0); m++) {
        const v = matrix.itemUsers[m] ?? 0;
        if (shared[v] === 0) touchedUsers[userCount++] = v;
        shared[v] = (shared[v] ?? 0) + 1;
      }
    }
    for (let n = 0; n < userCount; n++) {
      const v = touchedUsers[n] ?? 0;
      const together = shared[v] ?? 0;
      shared[v] = (together / ((norms[u] ?? 1) * (norms[v] ?? 1))) * (together / (together + options.shrinkage));
    }
    const neighbours = topKOfRow(shared, options.neighbours, u, touchedUsers, userCount);
    for (let n = 0; n < userCount; n++) shared[touchedUsers[n] ?? 0] = 0;

    let itemCount = 0;
    for (let n = 0; n < neighbours.ids.length; n++) {
      const v = neighbours.ids[n] ?? 0;
      const similarity = neighbours.weights[n] ?? 0;
      for (let k = matrix.userPtr[v] ?? 0; k < (matrix.userPtr[v + 1] ?? 0); k++) {
        const j = matrix.userItems[k] ?? 0;
        if (own[j] === u) continue;
        if (scores[j] === 0) touchedItems[itemCount++] = j;
        scores[j] = (scores[j] ?? 0) + similarity;
      }
    }
    lists[u] = topKOfRow(scores, options.candidates, -1, touchedItems, itemCount);
    for (let n = 0; n < itemCount; n++) scores[touchedItems[n] ?? 0] = 0;
    if (onProgress && (u % 500 === 0 || u === users - 1)) onProgress(u + 1, users);
  }
  return { userIds: matrix.userIds, itemIds: matrix.itemIds, lists };
}
