import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Container } from '../container';
import type { RequestContext } from '../graphql/request-context';
import type { Viewer } from '../domain/viewer';
import { formatForSocket } from '../graphql/format-error';
import { MAX_OPERATIONS_PER_CONNECTION, webSocketOperationGuard } from '../graphql/websocket-operation.guard';
import { oversizedWebSocketResult } from '../graphql/response-size';
import type { Log } from '../logger';
import { MAX_BODY_BYTES } from './request-limits';
import { viewerBucket } from '../services/admission.service';
import { MAX_SOCKETS_PER_VIEWER, ViewerSocketCount } from './viewer-socket-count';

/** Close codes: no token where one is needed, or an expired one (4401); a token that fails verification (4403). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
const CLOSE_TRY_AGAIN = 1013;

/**
 * graphql-ws on the standalone server's /graphql (the same path as HTTP). The token comes in
 * `connection_init` (`{ authorization: "Bearer …" }`) and follows the HTTP rules; the
 * connection is closed when the token expires. Every operation meets the HTTP path's limits
 * (tokens, depth, aliases, directives, cost, introspection, the viewer's rate limit) and its
 * errors are masked and logged the same way; a message over MAX_BODY_BYTES closes the socket
 * (1009), as a body over it is refused over HTTP (413). A viewer holding MAX_SOCKETS_PER_VIEWER
 * open sockets has the next one closed with 1013 (try again later). Returns a function that
 * closes every socket.
 */
export function attachWebSocketServer(
  httpServer: Server,
  container: Pick<Container, 'schema' | 'admission' | 'createContext' | 'live' | 'config'>,
  log: Log,
): () => Promise<void> {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  const guard = webSocketOperationGuard(container.schema, container.config.limits);
  const refused = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];
  /** Client mistakes keep their words; anything else is logged under the operation's id and masked. */
  const format = (errors: readonly GraphQLError[], requestId: string | undefined): GraphQLFormattedError[] => formatForSocket(errors, requestId, log);
  const viewers = new WeakMap<WebSocket, Viewer>();
  const expiries = new WeakMap<WebSocket, NodeJS.Timeout>();
  const sockets = new ViewerSocketCount();
  const disposable = useServer(
    {
      schema: container.schema,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const clientAddress = ctx.extra.request.socket.remoteAddress;
        const authorization = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        const { viewer, refusal } = await container.admission.admit(
          { authorization: typeof authorization === 'string' ? authorization : undefined, clientAddress },
          { request: false },
        );
        if (refusal) {
          if (refusal.kind === 'UNAUTHENTICATED') {
            log({ level: 'warn', message: 'unauthenticated subscription', reason: refusal.reason });
            socket.close(refusal.tokenSent ? CLOSE_FORBIDDEN : CLOSE_UNAUTHENTICATED, refusal.tokenSent ? 'Forbidden' : 'Unauthorized');
          } else socket.close(CLOSE_TRY_AGAIN, refusal.kind === 'RATE_LIMITED' ? `Too many failed sign-ins; retry in ${refusal.retryAfterSeconds} s` : 'Sign-in cannot be checked right now');
          return false;
        }
        // Closed while its token was checked: not counted (its onClose then releases nothing).
        if (socket.readyState !== socket.OPEN) return false;
        if (!sockets.admit(socket, viewerBucket(viewer, clientAddress))) {
          log({ level: 'warn', message: 'too many sockets', userId: viewer.userId, clientAddress });
          socket.close(CLOSE_TRY_AGAIN, container.config.limits.hideDetails ? 'Too many connections' : `Too many connections (at most ${MAX_SOCKETS_PER_VIEWER} a viewer)`);
          return false;
        }
        viewers.set(socket, viewer);
        if (viewer.expiresAt !== undefined) {
          // setTimeout holds at most ~24.8 days; access tokens live an hour.
          const timer = setTimeout(() => socket.close(CLOSE_UNAUTHENTICATED, 'Token expired'), Math.max(0, Math.min(viewer.expiresAt - Date.now(), 2 ** 31 - 1)));
          timer.unref();
          expiries.set(socket, timer);
        }
        return true;
      },
      onClose: (ctx) => {
        sockets.release(ctx.extra.socket);
        const timer = expiries.get(ctx.extra.socket);
        if (timer) clearTimeout(timer);
      },
      onSubscribe: (ctx, _id, payload) => {
        const viewer = viewers.get(ctx.extra.socket) ?? { userId: undefined };
        if (Object.keys(ctx.subscriptions).length > MAX_OPERATIONS_PER_CONNECTION) {
          return refused(`At most ${MAX_OPERATIONS_PER_CONNECTION} operations may run at once on one connection.`, 'BAD_REQUEST');
        }
        const limited = container.admission.operation(viewer, ctx.extra.request.socket.remoteAddress);
        if (limited?.kind === 'RATE_LIMITED') return refused(`Too many requests; retry in ${limited.retryAfterSeconds} s.`, 'RATE_LIMITED');
        const guarded = guard(payload);
        if (Array.isArray(guarded)) return guarded;
        const { document, operationName, variables } = guarded;
        const contextValue = container.createContext({ requestId: randomUUID(), viewer, live: container.live });
        return { schema: container.schema, document, operationName, variableValues: variables, contextValue };
      },
      onNext: (_ctx, _id, _payload, args, result) => {
        const formatted = result.errors ? { ...result, errors: format(result.errors, (args.contextValue as RequestContext | undefined)?.requestId) } : result;
        return oversizedWebSocketResult(formatted, container.config.limits.maxResponseBytes) ?? (result.errors ? formatted : undefined);
      },
      onError: (_ctx, _id, _payload, errors) => format(errors, undefined),
    },
    wsServer,
  );
  // graphql-ws answers a socket error with console.error; ours go to the structured log. A
  // message over the size limit is the client's doing (ws has already closed with 1009).
  wsServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error) => {
      const tooLarge = error instanceof RangeError && /max payload/i.test(error.message);
      log({ level: tooLarge ? 'warn' : 'error', message: tooLarge ? 'websocket message over the size limit' : 'websocket error', error: error.message });
      if (!tooLarge) socket.close(1011, 'Internal server error');
    });
  });
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
