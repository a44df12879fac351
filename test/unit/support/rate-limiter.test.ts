import { RateLimiter } from '../../../src/support/rate-limiter';

describe('RateLimiter (token bucket)', () => {
  it('allows a burst, then one request per 1/rate seconds, and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, 10, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    now += 500; // half a second refills one token at 2/s
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
  });
});
