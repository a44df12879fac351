import { LruCache } from './lru-cache';

/**
 * Token buckets per key (a viewer): `perSecond` requests a second on average, bursts up to
 * `burst`. Buckets live in a bounded LRU, so a flood of new keys cannot grow memory; a key
 * evicted starts again with a full bucket.
 */
export class RateLimiter {
  private readonly buckets: LruCache<string, { tokens: number; at: number }>;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    capacity = 100_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.buckets = new LruCache(capacity);
  }

  /** Takes one token: 0 when allowed, else the seconds until one is there (for Retry-After). */
  take(key: string): number {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond));
  }
}
