import type { Viewer } from './viewer';

/** API Gateway closes a WebSocket connection after two hours, whatever happens on it. */
export const CONNECTION_MAX_MS = 2 * 60 * 60_000;

/** A client's WebSocket connection to the Lambda deployment, as API Gateway identifies it. */
export interface SocketConnection {
  readonly connectionId: string;
  /** Who connected: from the token the $connect authorizer verified. */
  readonly viewer: Viewer;
  /** graphql-ws's connection_init was answered (operations are refused before). */
  readonly acknowledged: boolean;
  /** Epoch ms: the earlier of the connection's two-hour limit and the token's expiry. */
  readonly expiresAt: number;
}

/** One live-feed subscription on a connection: the operation as the client sent it, re-run for every push. */
export interface SocketSubscription {
  readonly connectionId: string;
  /** graphql-ws's subscription id, unique on its connection. */
  readonly id: string;
  /** Whose feed it follows (the viewer, or the user an admin named): the key pushes are found by. */
  readonly userId: string;
  readonly viewer: Viewer;
  readonly query: string;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly expiresAt: number;
}
