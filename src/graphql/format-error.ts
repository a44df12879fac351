import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConflictError, DependencyUnavailableError, ForbiddenError, InvalidArgumentError, ModelNotTrainedError, UnauthenticatedError } from '../domain/errors';

/**
 * Domain errors become codes a client can act on; anything unexpected is masked (the
 * details are logged with the request id by the logging plugin, never sent).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof InvalidArgumentError) {
    return {
      ...formatted,
      message: original.message,
      extensions: { code: 'BAD_USER_INPUT', argumentName: original.argumentName },
    };
  }
  if (original instanceof ConflictError) {
    return { ...formatted, message: original.message, extensions: { code: 'CONFLICT' } };
  }
  if (original instanceof ForbiddenError) {
    return { ...formatted, message: original.message, extensions: { code: 'FORBIDDEN' } };
  }
  if (original instanceof UnauthenticatedError || formatted.extensions?.['code'] === 'UNAUTHENTICATED') {
    // The same words whatever was wrong with the token (Apollo would prefix context errors).
    return { message: new UnauthenticatedError('').message, extensions: { code: 'UNAUTHENTICATED' } };
  }
  if (original instanceof ModelNotTrainedError) {
    return { ...formatted, message: original.message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: false } };
  }
  if (original instanceof DependencyUnavailableError) {
    return {
      ...formatted,
      message: 'A storage dependency is unavailable right now; retry shortly.',
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'RATE_LIMITED' || code === 'SERVICE_UNAVAILABLE') {
    // Raised while building the context, which Apollo prefixes; the client needs the words, not the phase.
    return { message: formatted.message.replace(/^Context creation failed: /, ''), extensions: { code, retryable: true } };
  }
  if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return { ...formatted, extensions: { code } };
}
