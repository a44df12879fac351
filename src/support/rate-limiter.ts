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
    const bucket = this.refilled(key);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return this.wait(bucket.tokens);
  }

  /** Like `take`, without taking: 0 while the key has a token left, else the seconds until it has one. */
  peek(key: string): number {
    const bucket = this.refilled(key);
    return bucket.tokens >= 1 ? 0 : this.wait(bucket.tokens);
  }

  private refilled(key: string): { tokens: number; at: number } {
    const now = this.clock();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }

  private wait(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perSecond));
  }
}
