import type { Positive } from './interaction-matrix';
import { grow } from '../support/typed-buffer';
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
  // Every (from, to, weight) pair once, then grouped by `from` (a counting sort): no map per item.
  let capacity = 1024;
  let pairFrom = new Int32Array(capacity);
  let pairTo = new Int32Array(capacity);
  let pairWeight = new Float64Array(capacity);
  let pairs = 0;
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
        if (pairs === capacity) {
          capacity *= 2;
          pairFrom = grow(pairFrom, capacity);
          pairTo = grow(pairTo, capacity);
          pairWeight = grow(pairWeight, capacity);
        }
        const weight = 1 / (j - i);
        pairFrom[pairs] = from.item;
        pairTo[pairs] = to.item;
        pairWeight[pairs] = weight;
        pairs++;
        outgoing[from.item] = (outgoing[from.item] ?? 0) + weight;
        incoming[to.item] = (incoming[to.item] ?? 0) + weight;
      }
    }
  }
  const start = new Int32Array(itemIds.length + 1);
  for (let p = 0; p < pairs; p++) start[(pairFrom[p] ?? 0) + 1] = (start[(pairFrom[p] ?? 0) + 1] ?? 0) + 1;
  for (let a = 0; a < itemIds.length; a++) start[a + 1] = (start[a + 1] ?? 0) + (start[a] ?? 0);
  const order = new Int32Array(pairs);
  const next = start.slice(0, itemIds.length);
  for (let p = 0; p < pairs; p++) order[(next[pairFrom[p] ?? 0] as number)++] = p;

  const dense = new Float64Array(itemIds.length);
  const touched = new Int32Array(itemIds.length);
  const lists: NeighbourList[] = new Array<NeighbourList>(itemIds.length);
  for (let a = 0; a < itemIds.length; a++) {
    const from = start[a] ?? 0;
    const to = start[a + 1] ?? 0;
    if (from === to) {
      lists[a] = EMPTY_LIST;
      continue;
    }
    let touchedCount = 0;
    for (let k = from; k < to; k++) {
      const p = order[k] ?? 0;
      const b = pairTo[p] ?? 0;
      if (dense[b] === 0) touched[touchedCount++] = b;
      dense[b] = (dense[b] ?? 0) + (pairWeight[p] ?? 0);
    }
    for (let n = 0; n < touchedCount; n++) {
      const b = touched[n] ?? 0;
      dense[b] = (dense[b] ?? 0) / Math.sqrt((outgoing[a] ?? 1) * (incoming[b] ?? 1));
    }
    lists[a] = topKOfRow(dense, options.neighbours, a, touched, touchedCount);
    for (let n = 0; n < touchedCount; n++) dense[touched[n] ?? 0] = 0;
  }
  return { itemIds, lists };
}
