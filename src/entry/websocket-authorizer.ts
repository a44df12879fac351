import type { Admitted } from '../domain/admission';
import type { Viewer } from '../domain/viewer';
import type { Log } from '../logger';

/** API Gateway's REQUEST authorizer event for a WebSocket $connect (the fields read). */
export interface WebSocketAuthorizerEvent {
  readonly methodArn: string;
  readonly queryStringParameters?: Record<string, string | undefined> | null;
  readonly headers?: Record<string, string | undefined> | null;
  readonly requestContext?: { readonly identity?: { readonly sourceIp?: string } };
}

export interface WebSocketAuthorizerResult {
  readonly principalId: string;
  readonly policyDocument: { readonly Version: '2012-10-17'; readonly Statement: readonly { readonly Action: 'execute-api:Invoke'; readonly Effect: 'Allow' | 'Deny'; readonly Resource: string }[] };
  readonly context?: Record<string, string | number | boolean>;
}

/**
 * The $connect REQUEST authorizer (API Gateway's JWT authorizer is HTTP-only). A browser's
 * WebSocket cannot set headers, and API Gateway authorizes before any message, so the token
 * comes in the query string: `wss://…?authorization=Bearer%20<access token>` (the bare token is
 * taken too). The same checks as HTTP (the admission service). No token: 401 (thrown
 * "Unauthorized", as API Gateway expects); a bad one, or an address past its failed sign-ins:
 * Deny (403); keys that cannot be fetched: a failure (500); allowed: the viewer in the
 * context, which $connect reads.
 */
export function createWebSocketAuthorizer(admit: (authorization: string | undefined, clientAddress: string | undefined) => Promise<Admitted>, log: Log): (event: WebSocketAuthorizerEvent) => Promise<WebSocketAuthorizerResult> {
  return async (event) => {
    const raw = event.queryStringParameters?.['authorization'];
    const authorization = raw === undefined || raw === '' ? undefined : /^bearer /i.test(raw) ? raw : `Bearer ${raw}`;
    const { viewer, refusal } = await admit(authorization, event.requestContext?.identity?.sourceIp);
    if (refusal) {
      log({ level: 'warn', message: 'websocket connection refused', refusal: refusal.kind, ...(refusal.kind === 'UNAUTHENTICATED' ? { reason: refusal.reason } : {}) });
      if (refusal.kind === 'UNAUTHENTICATED' && !refusal.tokenSent) throw new Error('Unauthorized');
      // The keys could not be fetched: an authorizer failure (API Gateway answers 500), so the client retries rather than takes it for a bad token.
      if (refusal.kind === 'UNAVAILABLE') throw new Error('sign-in cannot be checked right now');
      return policy('refused', 'Deny', event.methodArn);
    }
    return { ...policy(viewer.userId ?? 'anonymous', 'Allow', event.methodArn), context: authorizerContextOf(viewer) };
  };
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): WebSocketAuthorizerResult {
  return { principalId, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] } };
}

/** The viewer as an authorizer context carries it (string, number and boolean values only); `$connect` reads it back with viewerFromAuthorizerContext. */
function authorizerContextOf(viewer: Viewer): Record<string, string | number | boolean> {
  if (viewer.userId === undefined) return { anonymous: true };
  return { userId: viewer.userId, username: viewer.username ?? '', groups: (viewer.groups ?? []).join(' '), expiresAt: viewer.expiresAt ?? 0 };
}

/** The viewer in the authorizer's context (authorizerContextOf's), or undefined when it carries none. */
export function viewerFromAuthorizerContext(context: Record<string, unknown> | null | undefined): Viewer | undefined {
  if (!context) return undefined;
  if (context['anonymous'] === true || context['anonymous'] === 'true') return { userId: undefined };
  const userId = context['userId'];
  if (typeof userId !== 'string' || userId === '') return undefined;
  const groups = typeof context['groups'] === 'string' && context['groups'] !== '' ? context['groups'].split(' ') : [];
  const expiresAt = Number(context['expiresAt']);
  return { userId, ...(typeof context['username'] === 'string' ? { username: context['username'] } : {}), groups, ...(Number.isFinite(expiresAt) && expiresAt > 0 ? { expiresAt } : {}) };
}
