import { execute, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { QueryLimits } from '../config';
import { CONNECTION_MAX_MS, type SocketConnection } from '../domain/socket-connection';
import { TooManySubscriptionsError } from '../domain/errors';
import type { Viewer } from '../domain/viewer';
import type { Log } from '../logger';
import type { ConnectionPoster } from '../ports/connection-poster.port';
import type { SocketConnectionStore } from '../ports/socket-connection-store.port';
import type { AdmissionService } from '../services/admission.service';
import { formatForSocket } from './format-error';
import type { ContextOptions, RequestContext } from './request-context';
import { oversizedWebSocketResult } from './response-size';
import { probeSubscription } from './subscription-once';
import { MAX_OPERATION_ID_LENGTH, MAX_OPERATIONS_PER_CONNECTION, webSocketOperationGuard, type WebSocketPayload } from './websocket-operation.guard';
import { MAX_PUSH_BYTES } from './socket-feed-publisher';

export const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

/**
 * graphql-ws's close codes, which API Gateway cannot send: the connection is deleted instead
 * (the client sees the socket close without them) and the code is logged.
 */
export const SOCKET_CLOSE = { badMessage: 4400, unauthorized: 4401, tooManyInits: 4429, duplicateId: 4409, expired: 4401 } as const;

export interface SocketProtocolPorts {
  readonly schema: GraphQLSchema;
  readonly limits: QueryLimits;
  readonly connections: SocketConnectionStore;
  readonly poster: ConnectionPoster;
  readonly admission: Pick<AdmissionService, 'operation'>;
  readonly createContext: (options: ContextOptions) => RequestContext;
  readonly log: Log;
  /** Live-feed subscriptions one user may hold open at once (FEED_MAX_SUBSCRIPTIONS_PER_USER), as on the standalone server. */
  readonly maxSubscriptionsPerUser: number;
  readonly clock?: () => number;
}

/**
 * The graphql-ws protocol (graphql-transport-ws) over API Gateway's WebSocket routes: `$connect`
 * (the authorizer verified the token), `$default` (every message), `$disconnect`. Each
 * operation meets the HTTP path's limits (tokens, depth, cost, introspection, the viewer's rate
 * limit); a subscription is stored — its operation, whose feed it follows — for the publisher
 * to push to, with no stream held between invocations; queries and mutations are answered at
 * once (`next`, `complete`).
 */
export class SocketProtocol {
  private readonly guard: (payload: WebSocketPayload) => ReturnType<ReturnType<typeof webSocketOperationGuard>>;
  private readonly clock: () => number;

  constructor(private readonly ports: SocketProtocolPorts) {
    this.guard = webSocketOperationGuard(ports.schema, ports.limits);
    this.clock = ports.clock ?? Date.now;
  }

  /** A connection the authorizer let in: stored until the earlier of two hours and the token's expiry; the subprotocol answered only when offered. */
  async connect(connectionId: string, viewer: Viewer, offeredProtocols: string | undefined): Promise<{ statusCode: number; headers?: Record<string, string> }> {
    const now = this.clock();
    const expiresAt = Math.min(now + CONNECTION_MAX_MS, viewer.expiresAt ?? Number.POSITIVE_INFINITY);
    await this.ports.connections.putConnection({ connectionId, viewer, acknowledged: false, expiresAt });
    const offered = (offeredProtocols ?? '').split(',').map((name) => name.trim());
    return offered.includes(GRAPHQL_TRANSPORT_WS) ? { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': GRAPHQL_TRANSPORT_WS } } : { statusCode: 200 };
  }

  async disconnect(connectionId: string): Promise<void> {
    await this.ports.connections.deleteConnection(connectionId);
  }

  /** One message of the client's. */
  async message(connectionId: string, body: string | undefined, clientAddress: string | undefined): Promise<void> {
    const connection = await this.ports.connections.getConnection(connectionId);
    if (!connection) return this.close(connectionId, SOCKET_CLOSE.expired, 'the connection or its token expired');
    let message: { type?: unknown; id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(body ?? '') as typeof message;
    } catch {
      return this.close(connectionId, SOCKET_CLOSE.badMessage, 'the message is not JSON');
    }
    if (typeof message !== 'object' || message === null) return this.close(connectionId, SOCKET_CLOSE.badMessage, 'the message is not an object');
    switch (message.type) {
      case 'connection_init':
        if (connection.acknowledged) return this.close(connectionId, SOCKET_CLOSE.tooManyInits, 'Too many initialisation requests');
        await this.ports.connections.putConnection({ ...connection, acknowledged: true });
        return this.send(connectionId, { type: 'connection_ack' });
      case 'ping':
        return this.send(connectionId, { type: 'pong' });
      case 'pong':
        return;
      case 'subscribe':
        if (typeof message.id !== 'string' || message.id === '' || message.id.length > MAX_OPERATION_ID_LENGTH || typeof message.payload !== 'object' || message.payload === null) {
          return this.close(connectionId, SOCKET_CLOSE.badMessage, `subscribe needs an id of 1–${MAX_OPERATION_ID_LENGTH} characters and a payload`);
        }
        if (!connection.acknowledged) return this.close(connectionId, SOCKET_CLOSE.unauthorized, 'Unauthorized');
        return this.subscribe(connection, message.id, message.payload as WebSocketPayload, clientAddress);
      case 'complete':
        if (typeof message.id === 'string') await this.ports.connections.deleteSubscription(connectionId, message.id);
        return;
      default:
        return this.close(connectionId, SOCKET_CLOSE.badMessage, `unknown message type ${JSON.stringify(message.type)}`);
    }
  }

  private async subscribe(connection: SocketConnection, id: string, payload: WebSocketPayload, clientAddress: string | undefined): Promise<void> {
    const { connectionId, viewer } = connection;
    const limited = this.ports.admission.operation(viewer, clientAddress);
    if (limited?.kind === 'RATE_LIMITED') return this.error(connectionId, id, [{ message: `Too many requests; retry in ${limited.retryAfterSeconds} s.`, extensions: { code: 'RATE_LIMITED' } }]);
    const guarded = this.guard(payload);
    if (Array.isArray(guarded)) return this.error(connectionId, id, this.formatted(guarded, undefined));
    const requestId = randomUUID();
    const { document, operation, operationName, variables } = guarded;
    if (operation.operation !== 'subscription') {
      const result = await execute({ schema: this.ports.schema, document, operationName: operationName ?? null, variableValues: variables, contextValue: this.ports.createContext({ requestId, viewer }) });
      const formatted = result.errors ? { ...result, errors: this.formatted(result.errors, requestId) } : result;
      await this.send(connectionId, { id, type: 'next', payload: oversizedWebSocketResult(formatted, Math.min(this.ports.limits.maxResponseBytes, MAX_PUSH_BYTES)) ?? formatted });
      return this.send(connectionId, { id, type: 'complete' });
    }
    if ((await this.ports.connections.countSubscriptions(connectionId)) >= MAX_OPERATIONS_PER_CONNECTION) {
      return this.error(connectionId, id, [{ message: `At most ${MAX_OPERATIONS_PER_CONNECTION} operations may run at once on one connection.`, extensions: { code: 'BAD_REQUEST' } }]);
    }
    const query = typeof payload.query === 'string' ? payload.query : '';
    const probed = await probeSubscription({ schema: this.ports.schema, document, operationName, variables, viewer, requestId, createContext: this.ports.createContext });
    if (!('userId' in probed)) return this.error(connectionId, id, this.formatted(probed.errors ?? [], requestId));
    const now = this.clock();
    const followed = (await this.ports.connections.subscriptionsFor(probed.userId)).filter((subscription) => subscription.expiresAt > now).length;
    if (followed >= this.ports.maxSubscriptionsPerUser) {
      const refused = new TooManySubscriptionsError(this.ports.maxSubscriptionsPerUser);
      return this.error(connectionId, id, [{ message: refused.message, extensions: { code: refused.code, limit: refused.limit } }]);
    }
    const stored = await this.ports.connections.putSubscription({ connectionId, id, userId: probed.userId, viewer, query, operationName, variables, expiresAt: connection.expiresAt });
    if (!stored) return this.close(connectionId, SOCKET_CLOSE.duplicateId, `Subscriber for ${id} already exists`);
  }

  private formatted(errors: readonly GraphQLError[], requestId: string | undefined): GraphQLFormattedError[] {
    return formatForSocket(errors, requestId, this.ports.log);
  }

  private error(connectionId: string, id: string, errors: readonly GraphQLFormattedError[]): Promise<void> {
    return this.send(connectionId, { id, type: 'error', payload: errors });
  }

  private async send(connectionId: string, message: Record<string, unknown>): Promise<void> {
    if ((await this.ports.poster.post(connectionId, JSON.stringify(message))) === 'GONE') await this.ports.connections.deleteConnection(connectionId);
  }

  /** What a graphql-ws server would close with `code`: API Gateway cannot, so the connection is deleted and the code logged. */
  private async close(connectionId: string, code: number, reason: string): Promise<void> {
    this.ports.log({ level: 'info', message: 'websocket connection closed', connectionId, closeCode: code, reason });
    await this.ports.connections.deleteConnection(connectionId);
    await this.ports.poster.disconnect(connectionId);
  }
}
