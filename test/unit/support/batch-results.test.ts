import { rethrowFirstError } from '../../../src/support/batch-results';

describe('per-key batch results', () => {
  it('passes values and absences through', () => {
    expect(rethrowFirstError(['a', null, 'c'])).toEqual(['a', null, 'c']);
  });

  it('rethrows the first error instead of reading it as an absence', () => {
    const first = new Error('key 2 unprocessed');
    expect(() => rethrowFirstError(['a', first, new Error('key 3 unprocessed')])).toThrow(first);
  });
});
