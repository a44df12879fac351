/**
 * A cache of at most `capacity` entries that evicts the least recently used one, by the
 * second-chance rule: a read only marks its entry (no reordering on the hot path, where lists
 * read hundreds of entries); when the cache is full, the oldest entry read since it was last
 * moved goes to the back unmarked, and the oldest unmarked one is evicted.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; used: boolean }>();

  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    entry.used = true;
    return entry.value;
  }

  set(key: K, value: V): void {
    if (this.capacity <= 0) return;
    this.entries.delete(key);
    // Each pass unmarks one entry or evicts one: at most size + 1 passes.
    while (this.entries.size >= this.capacity) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      const [oldestKey, entry] = oldest.value;
      this.entries.delete(oldestKey);
      if (entry.used) {
        entry.used = false;
        this.entries.set(oldestKey, entry);
      }
    }
    this.entries.set(key, { value, used: false });
  }

  /** Whether the key is held, without marking it read. */
  has(key: K): boolean {
    return this.entries.has(key);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
