import { GraphQLError } from 'graphql';
import { DependencyUnavailableError, InvalidArgumentError } from '../../../src/domain/errors';
import { formatGraphQLError } from '../../../src/graphql/format-error';

/** As Apollo hands errors over: a GraphQLError wrapping what the resolver threw. */
function thrownInResolver(original: Error): [GraphQLError, GraphQLError] {
  const error = new GraphQLError(original.message, { path: ['item'], originalError: original });
  return [error, error];
}

describe('formatGraphQLError', () => {
  it('turns an invalid argument into BAD_USER_INPUT naming it', () => {
    const [error] = thrownInResolver(new InvalidArgumentError('first', 'must be between 1 and 100, got 0'));
    expect(formatGraphQLError(error.toJSON(), error)).toEqual({
      message: 'Argument "first" must be between 1 and 100, got 0',
      path: ['item'],
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  });

  it('turns an unavailable dependency into a retryable SERVICE_UNAVAILABLE without its details', () => {
    const [error] = thrownInResolver(new DependencyUnavailableError('dynamodb', 'recgate-items: "i1" stayed unprocessed after 5 BatchGetItem attempts'));
    const formatted = formatGraphQLError(error.toJSON(), error);
    expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(formatted.message).not.toContain('recgate-items');
  });

  it('masks anything unexpected', () => {
    const [error] = thrownInResolver(new TypeError("Cannot read properties of undefined (reading 'S')"));
    expect(formatGraphQLError(error.toJSON(), error)).toEqual({
      message: 'Internal server error',
      path: ['item'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the code of errors Apollo itself raised (validation, parsing)', () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatGraphQLError(error.toJSON(), error)).toEqual({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
