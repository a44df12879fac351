import type { UserId } from '../domain/user';

/** A user's profile attributes as the identity provider holds them (e.g. `custom:interests`, `locale`). */
export type ProfileAttributes = Readonly<Record<string, string>>;

/** Reads profiles from the user pool. One entry per id, in order: null for no such user, an Error for a failed read. */
export interface UserProfiles {
  getProfiles(userIds: readonly UserId[]): Promise<(ProfileAttributes | null | Error)[]>;
}
