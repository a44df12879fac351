import type { User, UserId } from '../domain/user';

export interface UserDirectory {
  /** Aligned with ids: the user, null when there is none, an Error when it could not be read. */
  getUsers(ids: readonly UserId[]): Promise<(User | null | Error)[]>;
}

export interface UserDirectoryWriter {
  /** Idempotent bulk upsert of users with their attributes. */
  putUsers(users: readonly User[]): Promise<void>;
  /** Creates an attribute-less user for every id not stored yet; returns how many it created. */
  ensureUsers(ids: readonly UserId[]): Promise<number>;
  count(): Promise<number>;
  /** Visits every user, in no particular order (exports). */
  scanUsers(visit: (user: User) => void): Promise<void>;
}
