import type { UserId } from './user';

/** Who is asking: from a verified access token, or anonymous. */
export interface Viewer {
  /** The token's `sub`; undefined: anonymous. */
  readonly userId: UserId | undefined;
  /** The token's `username` (Cognito's sign-in name), when there is a token. */
  readonly username?: string;
  /** The token's `cognito:groups`. */
  readonly groups?: readonly string[];
  /** When the token expires, epoch milliseconds. */
  readonly expiresAt?: number | undefined;
}

/** Members of this Cognito group may name any user and reach admin operations. */
export const ADMIN_GROUP = 'admin';

export const ANONYMOUS_VIEWER: Viewer = Object.freeze({ userId: undefined });

export function isAdmin(viewer: Viewer): boolean {
  return viewer.groups?.includes(ADMIN_GROUP) ?? false;
}
