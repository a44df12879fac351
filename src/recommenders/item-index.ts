import type { ItemId } from '../domain/item';
import type { PopularityArtefact } from '../domain/model-artefacts';
import { grow } from '../support/typed-buffer';

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

const listWeights = new WeakMap<readonly number[], Float64Array>();

/** A stored list's weights as a typed array (computed once per decoded list). */
export function weightsOf(weights: readonly number[]): Float64Array {
  let typed = listWeights.get(weights);
  if (!typed) listWeights.set(weights, (typed = Float64Array.from(weights)));
  return typed;
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

const exclusionIndexes = new WeakMap<ReadonlySet<ItemId>, Int32Array>();

/** A set's ids as indexes, interned once per set (evaluation ranks the same user's set under many models). */
function excludedIndexes(exclude: ReadonlySet<ItemId>): Int32Array {
  let indexes = exclusionIndexes.get(exclude);
  if (!indexes || indexes.length !== exclude.size) exclusionIndexes.set(exclude, (indexes = Int32Array.from(exclude, internId)));
  return indexes;
}

const exclusions = { marks: new Int32Array(0), stamp: 0, last: undefined as ReadonlySet<ItemId> | undefined, size: -1 };

/**
 * A request's exclusions as a stamp in a shared buffer: `marks[index] === stamp` for every
 * excluded item. Marked once per set: the models of one request (ranking is synchronous)
 * reuse the marks of the set they share, unless it changed size since.
 */
export function exclusionMarks(exclude: ReadonlySet<ItemId>): { readonly marks: Int32Array; readonly stamp: number } {
  const indexes = exclusions.last === exclude && exclusions.size === exclude.size ? undefined : excludedIndexes(exclude);
  // The buffer covers every interned item (those interned since the last marking were not excluded).
  exclusions.marks = grow(exclusions.marks, internedIds.length);
  if (indexes) {
    const stamp = ++exclusions.stamp;
    for (const index of indexes) exclusions.marks[index] = stamp;
    exclusions.last = exclude;
    exclusions.size = exclude.size;
  }
  return { marks: exclusions.marks, stamp: exclusions.stamp };
}
