import { LruCache } from '../../../src/support/lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry past its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('gives every entry read a second chance, then evicts the oldest', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    for (const key of ['c', 'a', 'b']) cache.get(key);
    cache.set('d', 4);
    expect(['a', 'b', 'c', 'd'].map((key) => cache.has(key))).toEqual([false, true, true, true]);
    cache.set('e', 5); // b, c and d are unmarked now (and d was never read): b goes
    expect(['b', 'c', 'd', 'e'].map((key) => cache.has(key))).toEqual([false, true, true, true]);
    expect(cache.size).toBe(3);
  });

  it('replaces the value of a key it holds without growing', () => {
    const cache = new LruCache<string, number>(1);
    cache.set('a', 1);
    cache.get('a');
    cache.set('a', 2);
    expect(cache.get('a')).toBe(2);
    expect(cache.size).toBe(1);
  });

  it('keeps nothing with capacity 0, and can hold null', () => {
    const none = new LruCache<string, number>(0);
    none.set('a', 1);
    expect(none.get('a')).toBeUndefined();
    const nullable = new LruCache<string, number | null>(1);
    nullable.set('missing', null);
    expect(nullable.get('missing')).toBeNull();
  });
});
