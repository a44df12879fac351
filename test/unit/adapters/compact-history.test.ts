import { decodeHistory, encodeHistory, mergeHistory, type HistoryEntry } from '../../../src/adapters/dynamodb/compact-history';

const entry = (eventId: string, occurredAt: number, sessionId?: string): HistoryEntry => ({ itemId: `item-${eventId}`, type: 'CLICK', occurredAt, eventId, ...(sessionId ? { sessionId } : {}) });
const limits = { maxEntries: 1000, maxBytes: 300_000 };

describe('compact history', () => {
  it('round-trips entries, writing each session id once', () => {
    const entries = [entry('c', 3, 'visit-long-session-id'), entry('b', 2, 'visit-long-session-id'), entry('a', 1)];
    const encoded = encodeHistory(entries);
    expect(encoded.split('visit-long-session-id')).toHaveLength(2);
    expect(decodeHistory(encoded)).toEqual(entries);
  });

  it('reads an unknown interaction type as OTHER and refuses what it did not write', () => {
    expect(decodeHistory('{"s":[],"e":[["i","TELEPORT",5,"e",-1]]}')).toEqual([{ itemId: 'i', type: 'OTHER', occurredAt: 5, eventId: 'e' }]);
    expect(() => decodeHistory('[1,2]')).toThrow('a compact history is');
  });

  it('merges newest first, events of one millisecond by id, and adds an event it holds (or one given twice) once', () => {
    const merged = mergeHistory({ entries: [entry('b', 20), entry('a', 10)], truncated: false }, [entry('c', 15), entry('a', 10), entry('d', 20), entry('c', 15)], limits);
    expect(merged.entries.map((e) => e.eventId)).toEqual(['b', 'd', 'c', 'a']);
    expect(merged.changed).toBe(true);
    expect(decodeHistory(merged.encoded)).toEqual(merged.entries);
    const again = mergeHistory(merged, [entry('d', 20)], limits);
    expect(again.changed).toBe(false);
    expect(again.entries).toEqual(merged.entries);
  });

  it('keeps the newest entries within the count and the byte limits, and says it dropped some', () => {
    const many = Array.from({ length: 30 }, (_, index) => entry(`e${String(index).padStart(2, '0')}`, index));
    const byCount = mergeHistory({ entries: [], truncated: false }, many, { maxEntries: 10, maxBytes: 300_000 });
    expect(byCount.entries.map((e) => e.occurredAt)).toEqual([29, 28, 27, 26, 25, 24, 23, 22, 21, 20]);
    expect(byCount.truncated).toBe(true);
    const byBytes = mergeHistory({ entries: [], truncated: false }, many, { maxEntries: 1000, maxBytes: 400 });
    expect(Buffer.byteLength(byBytes.encoded)).toBeLessThanOrEqual(400);
    expect(byBytes.entries.length).toBeGreaterThan(5);
    expect(byBytes.entries[0]?.occurredAt).toBe(29);
    expect(byBytes.truncated).toBe(true);
    expect(mergeHistory({ entries: [], truncated: false }, many.slice(0, 3), limits).truncated).toBe(false);
  });
});
