/** Table names come from config so that a deployment can prefix them (stage, tenant). */
export interface TableNames {
  readonly items: string;
  readonly users: string;
  readonly interactions: string;
  /** Each user's newest events as one compact row: what a list reads. */
  readonly userHistory: string;
  readonly models: string;
  readonly recommendationLists: string;
  readonly events: string;
  readonly experiments: string;
  readonly anonymousSessions: string;
  /** The Lambda deployment's WebSocket connections and their subscriptions. */
  readonly socketConnections: string;
}

export function tableNames(prefix: string): TableNames {
  return {
    items: `${prefix}items`,
    users: `${prefix}users`,
    interactions: `${prefix}interactions`,
    userHistory: `${prefix}user-history`,
    models: `${prefix}models`,
    recommendationLists: `${prefix}recommendation-lists`,
    events: `${prefix}events`,
    experiments: `${prefix}experiments`,
    anonymousSessions: `${prefix}anonymous-sessions`,
    socketConnections: `${prefix}socket-connections`,
  };
}

/** Index names, shared by the adapters, the local table creation and serverless.yml. */
export const ITEMS_BY_CREATED_INDEX = 'catalog-by-created';
export const INTERACTIONS_BY_TIME_INDEX = 'by-time';
/** Sparse: only events still to be forwarded to Personalize carry its key (`pending`). */
export const EVENTS_PENDING_INDEX = 'pending-forward';
/** The one value of `pending` on an event waiting to be forwarded. */
export const PENDING_PARTITION = 'PENDING';
/** A user's events by time of receipt: what a polling client asks about. */
export const EVENTS_BY_RECEIPT_INDEX = 'by-receipt';
/** Every item row carries this value in `catalog`, the partition key of ITEMS_BY_CREATED_INDEX. */
export const CATALOG_PARTITION = 'ITEM';
/** Subscriptions of the Lambda deployment's WebSocket connections by the user whose feed they follow. */
export const CONNECTIONS_BY_USER_INDEX = 'by-user';
