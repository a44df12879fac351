import { InvalidArgumentError } from '../../../src/domain/errors';
import { pageRequest } from '../../../src/services/page-request';

describe('pageRequest', () => {
  it('defaults to 20 from the start', () => {
    expect(pageRequest(undefined, null)).toEqual({ first: 20, after: undefined });
  });

  it.each([[0], [101], [-5]])('refuses first = %d, naming the argument', (first) => {
    let error: unknown;
    try {
      pageRequest(first, undefined);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argumentName).toBe('first');
    expect((error as InvalidArgumentError).message).toBe(`Argument "first" must be between 1 and 100, got ${first}`);
  });

  it('refuses an empty cursor', () => {
    expect(() => pageRequest(10, '')).toThrow('Argument "after" is not a cursor this server issued');
  });
});
