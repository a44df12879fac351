import type { ItemId } from '../domain/item';
import type { PopularityArtefact } from '../domain/model-artefacts';

/*
 * Item ids as dense integers, once per process: each artefact's list is interned once (the
 * model store hands out the same decoded artefacts), so ranking sums into typed buffers by
 * index and never hashes an id per neighbour.
 */

const interned = new Map<ItemId, number>();
const internedIds: ItemId[] = [];

export function internId(id: ItemId): number {
  let index = interned.get(id);
  if (index === undefined) {
    index = internedIds.length;
    interned.set(id, index);
    internedIds.push(id);
  }
  return index;
}

export function idOfIndex(index: number): ItemId {
  return internedIds[index] ?? '';
}

/** How many ids are interned: the size every index buffer must have. */
export function internedCount(): number {
  return internedIds.length;
}

const listIndexes = new WeakMap<readonly ItemId[], Int32Array>();

/** A stored list's ids as indexes (computed once per decoded list). */
export function indexesOf(ids: readonly ItemId[]): Int32Array {
  let indexes = listIndexes.get(ids);
  if (!indexes) listIndexes.set(ids, (indexes = Int32Array.from(ids, internId)));
  return indexes;
}

const popularityIndexes = new WeakMap<PopularityArtefact, Float64Array>();

/** Each item's popularity over the most popular item's, by index (built once per artefact; read past its end as 0). */
export function popularityByIndex(popularity: PopularityArtefact): Float64Array {
  let scores = popularityIndexes.get(popularity);
  if (!scores) {
    const max = popularity.overall[0]?.score ?? 1;
    const indexes = popularity.overall.map((entry) => internId(entry.id));
    scores = new Float64Array(internedIds.length);
    popularity.overall.forEach((entry, n) => ((scores as Float64Array)[indexes[n] ?? 0] = entry.score / max));
    popularityIndexes.set(popularity, scores);
  }
  return scores;
}

/** A request's exclusions as a stamp in a shared buffer: `excluded[index] === stamp` for every excluded item. */
export class ExclusionMarks {
  private marks = new Int32Array(0);
  private stamp = 0;

  mark(exclude: ReadonlySet<ItemId>): { readonly marks: Int32Array; readonly stamp: number } {
    const indexes = Array.from(exclude, internId);
    if (this.marks.length < internedIds.length) this.marks = grow(this.marks, internedIds.length);
    const stamp = ++this.stamp;
    for (const index of indexes) this.marks[index] = stamp;
    return { marks: this.marks, stamp };
  }
}

/** A typed buffer at least `size` long, keeping what `old` held. */
export function grow<T extends Int32Array | Float64Array>(old: T, size: number): T {
  if (old.length >= size) return old;
  const next = new (old.constructor as new (length: number) => T)(Math.max(size, old.length * 2, 1024));
  next.set(old);
  return next;
}
