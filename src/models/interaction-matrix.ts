/** One positive: the user interacted with the item at a time (epoch ms). */
export interface Positive {
  readonly userId: string;
  readonly itemId: string;
  readonly occurredAt: number;
}

/**
 * Users × items as compressed sparse rows (by user) and columns (by item), with dense
 * integer indices. Items are indexed in order of first appearance, which is also the
 * tie-break of every ranking. A repeated (user, item) pair counts once, at its latest time.
 */
export interface InteractionMatrix {
  readonly userIds: readonly string[];
  readonly itemIds: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  /** userPtr[u]..userPtr[u+1] index userItems/userTimes. */
  readonly userPtr: Int32Array;
  readonly userItems: Int32Array;
  readonly userTimes: Float64Array;
  /** itemPtr[i]..itemPtr[i+1] index itemUsers. */
  readonly itemPtr: Int32Array;
  readonly itemUsers: Int32Array;
}

export function buildInteractionMatrix(positives: Iterable<Positive>, knownItemIds: readonly string[] = []): InteractionMatrix {
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  for (const itemId of knownItemIds) if (!itemIndex.has(itemId)) itemIndex.set(itemId, itemIndex.size);
  const perUser: Map<number, number>[] = [];
  for (const { userId, itemId, occurredAt } of positives) {
    let u = userIndex.get(userId);
    if (u === undefined) {
      u = userIndex.size;
      userIndex.set(userId, u);
      perUser.push(new Map());
    }
    let i = itemIndex.get(itemId);
    if (i === undefined) {
      i = itemIndex.size;
      itemIndex.set(itemId, i);
    }
    const row = perUser[u] as Map<number, number>;
    row.set(i, Math.max(row.get(i) ?? -Infinity, occurredAt));
  }
  const users = perUser.length;
  const items = itemIndex.size;
  const userPtr = new Int32Array(users + 1);
  for (let u = 0; u < users; u++) userPtr[u + 1] = (userPtr[u] ?? 0) + (perUser[u]?.size ?? 0);
  const nnz = userPtr[users] ?? 0;
  const userItems = new Int32Array(nnz);
  const userTimes = new Float64Array(nnz);
  const itemCounts = new Int32Array(items);
  for (let u = 0; u < users; u++) {
    let at = userPtr[u] ?? 0;
    for (const [i, time] of perUser[u] ?? []) {
      userItems[at] = i;
      userTimes[at] = time;
      itemCounts[i] = (itemCounts[i] ?? 0) + 1;
      at++;
    }
  }
  const itemPtr = new Int32Array(items + 1);
  for (let i = 0; i < items; i++) itemPtr[i + 1] = (itemPtr[i] ?? 0) + (itemCounts[i] ?? 0);
  const fill = itemPtr.slice(0, items);
  const itemUsers = new Int32Array(nnz);
  for (let u = 0; u < users; u++) {
    for (let k = userPtr[u] ?? 0; k < (userPtr[u + 1] ?? 0); k++) {
      const i = userItems[k] ?? 0;
      itemUsers[fill[i] ?? 0] = u;
      fill[i] = (fill[i] ?? 0) + 1;
    }
  }
  return { userIds: [...userIndex.keys()], itemIds: [...itemIndex.keys()], itemIndex, userPtr, userItems, userTimes, itemPtr, itemUsers };
}

/** How many users interacted with each item. */
export function itemSupport(matrix: InteractionMatrix): Int32Array {
  const support = new Int32Array(matrix.itemIds.length);
  for (let i = 0; i < support.length; i++) support[i] = (matrix.itemPtr[i + 1] ?? 0) - (matrix.itemPtr[i] ?? 0);
  return support;
}
