import type { WeightedIds } from '../../domain/model-artefacts';

/**
 * Neighbour lists are stored compactly: ids as one JSON string (any id is safe in it),
 * weights as the bytes of a Float32Array. A list of 100 takes about 1.5 KB.
 */
export interface EncodedList {
  readonly ids: string;
  readonly weights: Uint8Array;
}

export function encodeList(list: WeightedIds): EncodedList {
  return { ids: JSON.stringify(list.ids), weights: new Uint8Array(Float32Array.from(list.weights).buffer) };
}

export function decodeList(ids: unknown, weights: unknown): WeightedIds {
  const parsed: unknown = typeof ids === 'string' ? JSON.parse(ids) : [];
  const idList = Array.isArray(parsed) ? parsed.map(String) : [];
  const bytes = weights instanceof Uint8Array ? weights : new Uint8Array(0);
  // Copied into an aligned buffer: a Uint8Array from the SDK may start at any offset.
  const floats = new Float32Array(bytes.slice().buffer, 0, Math.floor(bytes.byteLength / 4));
  return { ids: idList, weights: Array.from(floats).slice(0, idList.length) };
}
