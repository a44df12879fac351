import type { AnonymousSession } from '../domain/anonymous-session';

/** Anonymous visits, one record each, read and written whole. */
export interface AnonymousSessionStore {
  /** The session, or undefined when there is none or its time is up. `consistent` for a read that precedes a write. */
  read(sessionId: string, options?: { readonly consistent?: boolean }): Promise<AnonymousSession | undefined>;
  /**
   * Stores the session if the stored one is still at `expectedVersion` (undefined: none is
   * stored, or it has expired); false, with nothing written, when another write came first.
   */
  write(session: AnonymousSession, expectedVersion: number | undefined): Promise<boolean>;
  /** Deletes the sessions whose time is up (DynamoDB's TTL does it in AWS); returns how many. */
  deleteExpired(): Promise<number>;
}
