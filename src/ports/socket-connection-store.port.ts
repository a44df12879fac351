import type { SocketConnection, SocketSubscription } from '../domain/socket-connection';

/** WebSocket connections of the Lambda deployment and their subscriptions; an expired connection reads as absent. */
export interface SocketConnectionStore {
  putConnection(connection: SocketConnection): Promise<void>;
  getConnection(connectionId: string): Promise<SocketConnection | undefined>;
  /** The connection and every subscription on it. */
  deleteConnection(connectionId: string): Promise<void>;
  /** false, with nothing written, when the connection already has a subscription of that id. */
  putSubscription(subscription: SocketSubscription): Promise<boolean>;
  deleteSubscription(connectionId: string, id: string): Promise<void>;
  /** How many subscriptions the connection holds. */
  countSubscriptions(connectionId: string): Promise<number>;
  /** The subscriptions that follow a user's feed (by the user index), expired ones too: the publisher ends those. */
  subscriptionsFor(userId: string): Promise<SocketSubscription[]>;
  /** Every subscription, expired ones too (a new model freshens every feed). */
  allSubscriptions(): Promise<SocketSubscription[]>;
}
