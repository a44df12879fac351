import { BurstShare } from '../../../src/support/burst-share';

describe('BurstShare', () => {
  it('shares a computation among callers that need nothing newer than its start, and starts another for a later change', async () => {
    // Prepare
    let now = 1000;
    const share = new BurstShare<number>(10_000, () => now);
    let computed = 0;
    const compute = async () => ++computed;
    // Act: a burst whose last change was at 900, asked for three times; then a change at 1500.
    const burst = await Promise.all([share.get('ann', 900, compute), share.get('ann', 900, compute), share.get('ann', 900, compute)]);
    now = 1600;
    const later = await share.get('ann', 1500, compute);
    const other = await share.get('bob', 900, compute);
    // Assess
    expect(burst).toEqual([1, 1, 1]);
    expect([later, other]).toEqual([2, 3]);
  });

  it('drops a failed computation at once, so the next caller tries again', async () => {
    const share = new BurstShare<number>(10_000, () => 1000);
    await expect(share.get('ann', 0, () => Promise.reject(new Error('storage down')))).rejects.toThrow('storage down');
    await expect(share.get('ann', 0, async () => 7)).resolves.toBe(7);
  });
});
