import { GraphQLError } from 'graphql';
import type { Container } from '../container';
import type { RequestContext } from './request-context';
import { DependencyUnavailableError, UnauthenticatedError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';
import type { Log } from '../logger';
import type { OperationRecord } from '../observability/operation-record';
import { clientBucket } from '../support/client-address';

export interface AuthenticationInput {
  readonly requestId: string;
  readonly authorization: string | undefined;
  /** A viewer that the host already verified (API Gateway's JWT authorizer); skips verification. */
  readonly verifiedViewer?: Viewer;
  /** The client's address, the rate-limit key of anonymous requests. */
  readonly clientAddress?: string | undefined;
  /** The host's record of the request (viewer and refusals are noted on it). */
  readonly operation?: OperationRecord;
}

/**
 * The per-request context of both hosts, for an authenticated viewer. A request without an
 * acceptable token ends here as HTTP 401 UNAUTHENTICATED (the reason goes to the log, not the
 * client); keys that cannot be fetched as 503, since the client may retry.
 */
export async function authenticatedContext(container: Pick<Container, 'authentication' | 'createContext' | 'rateLimiter'>, input: AuthenticationInput, log: Log): Promise<RequestContext> {
  // Requests with bad tokens spend a bucket of the client's address (its /64 for IPv6): past it,
  // an address that keeps failing is answered 429 before any token is checked.
  const failures = `unauthenticated:${clientBucket(input.clientAddress)}`;
  try {
    if (!input.verifiedViewer) {
      const wait = container.rateLimiter.peek(failures);
      if (wait > 0) throw rateLimited(wait, input.operation);
    }
    const viewer = input.verifiedViewer ?? (await container.authentication.authenticate(input.authorization));
    if (input.operation) input.operation.viewer = viewer.userId ?? 'anonymous';
    const retryAfter = container.rateLimiter.take(viewer.userId ?? anonymousBucket(input.clientAddress));
    if (retryAfter > 0) throw rateLimited(retryAfter, input.operation);
    return container.createContext({ requestId: input.requestId, viewer, ...(input.operation ? { operation: input.operation } : {}) });
  } catch (error) {
    if (error instanceof UnauthenticatedError) {
      container.rateLimiter.take(failures);
      input.operation?.errorCodes.add('UNAUTHENTICATED');
      log({ level: 'warn', requestId: input.requestId, message: 'unauthenticated request', reason: error.reason });
      throw new GraphQLError(error.message, {
        originalError: error,
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
      });
    }
    if (error instanceof DependencyUnavailableError) {
      input.operation?.errorCodes.add('SERVICE_UNAVAILABLE');
      log({ level: 'error', requestId: input.requestId, message: 'authentication unavailable', reason: error.message });
      throw new GraphQLError('Sign-in cannot be checked right now; retry shortly.', { extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, http: { status: 503 } } });
    }
    throw error;
  }
}

/** The rate-limit key of an anonymous viewer: its address, an IPv6 one by its /64 (shared by HTTP and WebSocket). */
export function anonymousBucket(clientAddress: string | undefined): string {
  return `anonymous:${clientBucket(clientAddress)}`;
}

function rateLimited(retryAfter: number, operation: OperationRecord | undefined): GraphQLError {
  operation?.errorCodes.add('RATE_LIMITED');
  return new GraphQLError(`Too many requests; retry in ${retryAfter} s.`, {
    extensions: { code: 'RATE_LIMITED', retryable: true, http: { status: 429, headers: new Map([['retry-after', String(retryAfter)]]) } },
  });
}
