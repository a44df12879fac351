import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Container } from '../container';
import { DependencyUnavailableError, UnauthenticatedError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';
import type { Log } from '../logger';

/** Close codes: no token where one is needed, or an expired one (4401); a token that fails verification (4403). */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_FORBIDDEN = 4403;
const CLOSE_TRY_AGAIN = 1013;

/**
 * graphql-ws on the standalone server's /graphql (the same path as HTTP). The token comes in
 * `connection_init` (`{ authorization: "Bearer …" }`) and follows the HTTP rules; the
 * connection is closed when the token expires. Returns a function that closes every socket.
 */
export function attachWebSocketServer(httpServer: Server, container: Pick<Container, 'schema' | 'authentication' | 'createContext' | 'live'>, log: Log): () => Promise<void> {
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const viewers = new WeakMap<WebSocket, Viewer>();
  const expiries = new WeakMap<WebSocket, NodeJS.Timeout>();
  const disposable = useServer(
    {
      schema: container.schema,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const authorization = ctx.connectionParams?.['authorization'] ?? ctx.connectionParams?.['Authorization'];
        try {
          const viewer = await container.authentication.authenticate(typeof authorization === 'string' ? authorization : undefined);
          viewers.set(socket, viewer);
          if (viewer.expiresAt !== undefined) {
            // setTimeout holds at most ~24.8 days; access tokens live an hour.
            const timer = setTimeout(() => socket.close(CLOSE_UNAUTHENTICATED, 'Token expired'), Math.max(0, Math.min(viewer.expiresAt - Date.now(), 2 ** 31 - 1)));
            timer.unref();
            expiries.set(socket, timer);
          }
          return true;
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            log({ level: 'warn', message: 'unauthenticated subscription', reason: error.reason });
            socket.close(authorization === undefined ? CLOSE_UNAUTHENTICATED : CLOSE_FORBIDDEN, authorization === undefined ? 'Unauthorized' : 'Forbidden');
            return false;
          }
          if (error instanceof DependencyUnavailableError) {
            socket.close(CLOSE_TRY_AGAIN, 'Sign-in cannot be checked right now');
            return false;
          }
          throw error;
        }
      },
      onClose: (ctx) => {
        const timer = expiries.get(ctx.extra.socket);
        if (timer) clearTimeout(timer);
      },
      context: (ctx) => container.createContext({ requestId: randomUUID(), viewer: viewers.get(ctx.extra.socket) ?? { userId: undefined }, live: container.live }),
    },
    wsServer,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => wsServer.close(() => resolve()));
  };
}
