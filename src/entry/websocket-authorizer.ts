import type { Admitted } from '../domain/admission';
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
 * "Unauthorized", as API Gateway expects); a bad one: Deny (403); allowed: the viewer in the
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
      return policy('refused', 'Deny', event.methodArn);
    }
    const context: Record<string, string | number | boolean> =
      viewer.userId === undefined
        ? { anonymous: true }
        : { userId: viewer.userId, username: viewer.username ?? '', groups: (viewer.groups ?? []).join(' '), expiresAt: viewer.expiresAt ?? 0 };
    return { ...policy(viewer.userId ?? 'anonymous', 'Allow', event.methodArn), context };
  };
}

function policy(principalId: string, effect: 'Allow' | 'Deny', resource: string): WebSocketAuthorizerResult {
  return { principalId, policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }] } };
}
