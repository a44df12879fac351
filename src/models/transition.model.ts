import type { Positive } from './interaction-matrix';
import { EMPTY_LIST, topKOfRow, type NeighbourList, type NeighbourLists } from './neighbour-lists';

export interface TransitionOptions {
  /** How many of the events after an item count as following it (nearer ones more: 1/distance). */
  readonly window: number;
  /** Events further apart than this are not one visit: no transition between them. */
  readonly gapMs: number;
  /** Weights kept per item. */
  readonly neighbours: number;
}

export const DEFAULT_TRANSITIONS: TransitionOptions = { window: 5, gapMs: 30 * 60_000, neighbours: 100 };

/**
 * What users interact with next after an item: per user, events in time order (ties in the
 * given order), each of the next `window` events within `gapMs` of it counted as following it
 * with weight 1/distance; a row is normalised by the item's outgoing and the target's
 * incoming totals, c(a→b)/√(out(a)·in(b)), so that items everyone visits next do not follow
 * everything. Each row keeps its top `neighbours`: a session's scores are the sum of its
 * items' rows, the newest weighted most. Items are indexed as `itemIds` (the matrix's order).
 */
export function fitTransitions(positives: readonly Positive[], itemIds: readonly string[], options: TransitionOptions = DEFAULT_TRANSITIONS): NeighbourLists {
  const itemIndex = new Map(itemIds.map((id, index) => [id, index]));
  const byUser = new Map<string, { item: number; at: number; order: number }[]>();
  positives.forEach((row, order) => {
    const item = itemIndex.get(row.itemId);
    if (item === undefined) return;
    let events = byUser.get(row.userId);
    if (!events) byUser.set(row.userId, (events = []));
    events.push({ item, at: row.occurredAt, order });
  });
  const counts: (Map<number, number> | undefined)[] = new Array(itemIds.length);
  const outgoing = new Float64Array(itemIds.length);
  const incoming = new Float64Array(itemIds.length);
  for (const events of byUser.values()) {
    events.sort((a, b) => a.at - b.at || a.order - b.order);
    for (let i = 0; i < events.length; i++) {
      const from = events[i] as { item: number; at: number };
      for (let j = i + 1; j < Math.min(events.length, i + 1 + options.window); j++) {
        const to = events[j] as { item: number; at: number };
        if (to.at - from.at > options.gapMs) break;
        if (to.item === from.item) continue;
        const weight = 1 / (j - i);
        let row = counts[from.item];
        if (!row) counts[from.item] = row = new Map();
        row.set(to.item, (row.get(to.item) ?? 0) + weight);
        outgoing[from.item] = (outgoing[from.item] ?? 0) + weight;
        incoming[to.item] = (incoming[to.item] ?? 0) + weight;
      }
    }
  }
  const dense = new Float64Array(itemIds.length);
  const touched = new Int32Array(itemIds.length);
  const lists: NeighbourList[] = new Array<NeighbourList>(itemIds.length);
  for (let a = 0; a < itemIds.length; a++) {
    const row = counts[a];
    if (!row) {
      lists[a] = EMPTY_LIST;
      continue;
    }
    let touchedCount = 0;
    for (const [b, count] of row) {
      dense[b] = count / Math.sqrt((outgoing[a] ?? 1) * (incoming[b] ?? 1));
      touched[touchedCount++] = b;
    }
    lists[a] = topKOfRow(dense, options.neighbours, a, touched, touchedCount);
    for (let n = 0; n < touchedCount; n++) dense[touched[n] ?? 0] = 0;
  }
  return { itemIds, lists };
}
