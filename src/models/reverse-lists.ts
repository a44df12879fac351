import type { NeighbourList, NeighbourLists } from './neighbour-lists';

/**
 * Turns "the neighbours of each item" into "the items each item is a neighbour of", keeping
 * at most `keep` per item, strongest first. Scoring a user with the reversed lists gives
 * each candidate the similarity of the history items among *its own* top neighbours —
 * the classic item-based kNN rule.
 */
export function reverseLists(lists: NeighbourLists, keep: number): NeighbourLists {
  const incoming: { ids: number[]; weights: number[] }[] = lists.itemIds.map(() => ({ ids: [], weights: [] }));
  lists.lists.forEach((list, j) => {
    for (let n = 0; n < list.ids.length; n++) {
      const target = incoming[list.ids[n] ?? 0];
      target?.ids.push(j);
      target?.weights.push(list.weights[n] ?? 0);
    }
  });
  const reversed: NeighbourList[] = incoming.map(({ ids, weights }) => {
    const order = ids.map((_, index) => index).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || (ids[a] ?? 0) - (ids[b] ?? 0)).slice(0, keep);
    return { ids: Int32Array.from(order, (index) => ids[index] ?? 0), weights: Float32Array.from(order, (index) => weights[index] ?? 0) };
  });
  return { itemIds: lists.itemIds, lists: reversed };
}
