import { decodeList, encodeList } from '../../../src/adapters/dynamodb/artefact-codec';

describe('artefact codec', () => {
  it('round-trips ids (any characters) and float32 weights', () => {
    const list = { ids: ['a|b', 'ünïcode', '"quoted"', '42'], weights: [0.5, 0.25, 0.125, 1e-3] };
    const encoded = encodeList(list);
    expect(encoded.weights.byteLength).toBe(16);
    const decoded = decodeList(encoded.ids, new Uint8Array([0, ...encoded.weights]).subarray(1));
    expect(decoded.ids).toEqual(list.ids);
    expect(decoded.weights.map((weight) => Number(weight.toFixed(6)))).toEqual([0.5, 0.25, 0.125, 0.001]);
  });
});
