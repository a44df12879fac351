import { GraphQLError } from 'graphql';
import type { Gateway } from '../container';
import type { Refusal } from '../domain/admission';
import { UnauthenticatedError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';
import type { Log } from '../logger';
import type { OperationRecord } from '../observability/operation-record';
import { noteRequestLog } from '../observability/request-log-context';
import type { RequestContext } from './request-context';

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
 * The per-request context of the HTTP hosts (the standalone server and the Lambda), for the
 * viewer the admission service lets in; its refusal mapped to HTTP: 401 UNAUTHENTICATED (the
 * reason goes to the log, not the client), 429 RATE_LIMITED with Retry-After, 503 when the
 * keys cannot be fetched (the client may retry).
 */
export async function authenticatedContext(container: Pick<Gateway, 'admission' | 'createContext'>, input: AuthenticationInput, log: Log): Promise<RequestContext> {
  const admitted = await container.admission.admit({ authorization: input.authorization, verifiedViewer: input.verifiedViewer, clientAddress: input.clientAddress });
  if (admitted.refusal) throw httpRefusal(admitted.refusal, input, log);
  if (input.operation) input.operation.viewer = admitted.viewer.userId ?? 'anonymous';
  noteRequestLog({ viewer: admitted.viewer.userId ?? 'anonymous' });
  return container.createContext({ requestId: input.requestId, viewer: admitted.viewer, ...(input.operation ? { operation: input.operation } : {}) });
}

function httpRefusal(refusal: Refusal, input: AuthenticationInput, log: Log): GraphQLError {
  switch (refusal.kind) {
    case 'UNAUTHENTICATED':
      input.operation?.errorCodes.add('UNAUTHENTICATED');
      log({ level: 'warn', requestId: input.requestId, message: 'unauthenticated request', reason: refusal.reason });
      return new GraphQLError(new UnauthenticatedError(refusal.reason).message, {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } },
      });
    case 'RATE_LIMITED':
      input.operation?.errorCodes.add('RATE_LIMITED');
      return new GraphQLError(`Too many requests; retry in ${refusal.retryAfterSeconds} s.`, {
        extensions: { code: 'RATE_LIMITED', retryable: true, http: { status: 429, headers: new Map([['retry-after', String(refusal.retryAfterSeconds)]]) } },
      });
    case 'UNAVAILABLE':
      input.operation?.errorCodes.add('SERVICE_UNAVAILABLE');
      log({ level: 'error', requestId: input.requestId, message: 'authentication unavailable', reason: refusal.reason });
      return new GraphQLError('Sign-in cannot be checked right now; retry shortly.', { extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, http: { status: 503 } } });
  }
}
