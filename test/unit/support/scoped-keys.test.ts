import { ScopedKeys } from '../../../src/support/scoped-keys';

describe('ScopedKeys', () => {
  it('names an id within its scope, the same key on every ask', () => {
    const keys = new ScopedKeys(10);
    expect(keys.key('v1/item', 'i1')).toBe('v1/item#i1');
    expect(keys.key('v1/item', 'i1')).toBe('v1/item#i1');
    expect(keys.key('v2/item', 'i1')).toBe('v2/item#i1');
    expect(keys.held).toBe(2);
  });

  it('holds at most maxKeys keys over all its scopes, whatever ids are asked for', () => {
    const keys = new ScopedKeys(3);
    for (let n = 0; n < 100; n++) {
      expect(keys.key(`v${n % 2}/user`, `u${n}`)).toBe(`v${n % 2}/user#u${n}`);
      expect(keys.held).toBeLessThanOrEqual(3);
    }
    expect(keys.held).toBeGreaterThan(0);
  });

  it('holds at most maxScopes scopes, the oldest dropped first', () => {
    const keys = new ScopedKeys(10, 2);
    keys.key('v1/item', 'a');
    keys.key('v2/item', 'a');
    keys.key('v2/item', 'b');
    keys.key('v3/item', 'a');
    expect(keys.held).toBe(3);
    expect(keys.key('v1/item', 'a')).toBe('v1/item#a');
    // v2 went for v1: its two keys with it.
    expect(keys.held).toBe(2);
  });
});
