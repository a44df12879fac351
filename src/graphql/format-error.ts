import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Log } from '../logger';
import { ConflictError, DependencyUnavailableError, ForbiddenError, InvalidArgumentError, ModelNotTrainedError, RateLimitedError, TooManySubscriptionsError, UnauthenticatedError } from '../domain/errors';

/**
 * Domain errors become codes a client can act on; anything unexpected is masked (the
 * details are logged with the request id by the logging plugin, never sent).
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof UnauthenticatedError || formatted.extensions?.['code'] === 'UNAUTHENTICATED') {
    // The same words whatever was wrong with the token (Apollo would prefix context errors).
    return { message: new UnauthenticatedError('').message, extensions: { code: 'UNAUTHENTICATED' } };
  }
  const known = clientErrorOf(original);
  if (known) return { ...formatted, ...known };
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

/** What a client is told of a failure it cannot act on: that it happened, and the request id to quote (the details are logged under it). */
export function internalErrorMessage(requestId: string | undefined): string {
  return `Internal server error (request id ${requestId ?? 'none'})`;
}

/** A formatted error, with the request id in its message when it is a masked internal one. */
export function withRequestId(formatted: GraphQLFormattedError, requestId: string | undefined): GraphQLFormattedError {
  return formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR' ? { ...formatted, message: internalErrorMessage(requestId) } : formatted;
}

/** graphql-js names the token limit in its parse error; production does not tell a prober the figure. */
export function withoutTokenLimit(message: string): string {
  return message.replace(/Document contains more th(?:an|at) \d+ tokens\./, 'Document contains too many tokens.');
}

const CLIENT_ERROR_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'UNAUTHENTICATED', 'OPERATION_RESOLUTION_FAILURE', 'QUERY_TOO_COSTLY', 'RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS', 'RESPONSE_TOO_LARGE']);

/** The client's own mistake (coded by the domain, or by GraphQL itself): an answer, not an incident to log. */
export function isClientError(error: GraphQLError): boolean {
  const code = error.extensions?.['code'] ?? (error.originalError as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && CLIENT_ERROR_CODES.has(code);
}

/**
 * What a client is told of a domain error: its words and its code (the one place that maps
 * them, for GraphQL errors and for the per-event errors of recordEvents); undefined for
 * anything unexpected, which is masked.
 */
export function clientErrorOf(error: unknown): { message: string; extensions: Record<string, unknown> & { code: string } } | undefined {
  if (error instanceof InvalidArgumentError) return { message: error.message, extensions: { code: 'BAD_USER_INPUT', argumentName: error.argumentName } };
  if (error instanceof ConflictError) return { message: error.message, extensions: { code: 'CONFLICT' } };
  if (error instanceof ForbiddenError) return { message: error.message, extensions: { code: 'FORBIDDEN' } };
  if (error instanceof RateLimitedError) return { message: error.message, extensions: { code: 'RATE_LIMITED', retryable: true, retryAfter: error.retryAfterSeconds } };
  if (error instanceof TooManySubscriptionsError) return { message: error.message, extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit: error.limit } };
  if (error instanceof UnauthenticatedError) return { message: error.message, extensions: { code: 'UNAUTHENTICATED' } };
  if (error instanceof ModelNotTrainedError) return { message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE', retryable: false } };
  if (error instanceof DependencyUnavailableError) return { message: 'A storage dependency is unavailable right now; retry shortly.', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } };
  return undefined;
}

/** Operation errors as a WebSocket client gets them (both hosts): client mistakes keep their words; anything else is logged under the operation's id and masked. */
export function formatForSocket(errors: readonly GraphQLError[], requestId: string | undefined, log: Log): GraphQLFormattedError[] {
  return errors.map((error) => {
    if (!isClientError(error)) log({ level: 'error', requestId, message: error.message, path: error.path, stack: (error.originalError ?? error).stack, transport: 'websocket' });
    return withRequestId(formatGraphQLError(error.toJSON(), error), requestId);
  });
}
