import { SharedLoad } from '../../../src/support/shared-load';

describe('SharedLoad', () => {
  it('shares one read among callers until it expires or its key changes', async () => {
    const shared = new SharedLoad<number>();
    let reads = 0;
    const load = async () => ++reads;
    expect(await Promise.all([shared.get(load, { now: 0, ttlMs: 10 }), shared.get(load, { now: 5, ttlMs: 10 })])).toEqual([1, 1]);
    expect(await shared.get(load, { now: 10, ttlMs: 10 })).toBe(2);
    expect(await shared.get(load, { now: 11, ttlMs: 10, key: 'window-2' })).toBe(3);
  });

  it('drops a failed read, keeps a value it was given, and forgets on demand', async () => {
    const shared = new SharedLoad<string>();
    await expect(shared.get(() => Promise.reject(new Error('down')), { now: 0, ttlMs: 100 })).rejects.toThrow('down');
    expect(await shared.get(async () => 'read', { now: 1, ttlMs: 100 })).toBe('read');
    shared.set('written', { now: 2, ttlMs: 100 });
    expect(await shared.get(async () => 'read again', { now: 3, ttlMs: 100 })).toBe('written');
    shared.forget();
    expect(await shared.get(async () => 'read again', { now: 4, ttlMs: 100 })).toBe('read again');
  });
});
