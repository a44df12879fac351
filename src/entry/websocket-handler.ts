import type { SocketParts } from '../composition/socket.wiring';
import type { FeedChangeInvocation } from '../adapters/lambda/lambda-invoke-feed-notifier';
import type { Log } from '../logger';
import { runWithRequestLog } from '../observability/request-log-context';
import { viewerFromAuthorizerContext } from './websocket-authorizer';

/** The fields of an API Gateway WebSocket event that the handler reads. */
export interface WebSocketEvent {
  readonly requestContext: {
    readonly routeKey: string;
    readonly connectionId: string;
    readonly requestId?: string;
    readonly identity?: { readonly sourceIp?: string };
    /** What the $connect REQUEST authorizer returned as its context (string, number or boolean values). */
    readonly authorizer?: Record<string, unknown> | null;
  };
  readonly headers?: Record<string, string | undefined> | null;
  readonly body?: string | null;
}

export type WebSocketLambdaHandler = (event: WebSocketEvent) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

/** The WebSocket function's handler: API Gateway's route events, and feed changes other functions hand it (a new model). */
export type WebSocketFunctionHandler = (event: WebSocketEvent | FeedChangeInvocation) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

/**
 * The WebSocket API's routes as one Lambda handler: `$connect` takes the viewer the authorizer
 * verified, `$default` is graphql-ws, `$disconnect` forgets the connection.
 */
export function createWebSocketHandler(sockets: Pick<SocketParts, 'protocol' | 'publisher'>, log: Log): WebSocketFunctionHandler {
  return (event) => ('recgate' in event ? pushChange(sockets, event, log) : route(sockets, event, log));
}

/** A change another function handed over (the training job's new model): every feed it concerns is pushed. */
async function pushChange(sockets: Pick<SocketParts, 'publisher'>, event: FeedChangeInvocation, log: Log): Promise<{ statusCode: number; body: string }> {
  const summary = await sockets.publisher.publish(event.change);
  log({ level: 'info', message: 'pushed live feeds', change: event.change.kind, ...summary });
  return { statusCode: 200, body: JSON.stringify(summary) };
}

function route(sockets: Pick<SocketParts, 'protocol'>, event: WebSocketEvent, log: Log): ReturnType<WebSocketLambdaHandler> {
  return runWithRequestLog({ requestId: event.requestContext.requestId, connectionId: event.requestContext.connectionId }, async () => {
    const { routeKey, connectionId } = event.requestContext;
    try {
      if (routeKey === '$connect') {
        const viewer = viewerFromAuthorizerContext(event.requestContext.authorizer);
        if (!viewer) return { statusCode: 401, body: 'Unauthorized' };
        const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
        return await sockets.protocol.connect(connectionId, viewer, headers['sec-websocket-protocol']);
      }
      if (routeKey === '$disconnect') {
        await sockets.protocol.disconnect(connectionId);
        return { statusCode: 200 };
      }
      await sockets.protocol.message(connectionId, event.body ?? undefined, event.requestContext.identity?.sourceIp);
      return { statusCode: 200 };
    } catch (error) {
      log({ level: 'error', message: 'websocket route failed', routeKey, connectionId, error: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
      return { statusCode: 500 };
    }
  });
}
