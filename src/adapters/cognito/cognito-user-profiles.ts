import { AdminGetUserCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { ProfileAttributes, UserProfiles } from '../../ports/user-profile.port';

/**
 * Profile attributes by AdminGetUser (the pool API has no batch read: one call per distinct
 * user, in parallel; the per-request DataLoader makes it once per user a request). Username
 * is the user's `sub`, which Cognito accepts in its place. A user the pool does not know is null;
 * any other failure is an Error for that user only.
 */
export class CognitoUserProfiles implements UserProfiles {
  constructor(
    private readonly client: CognitoIdentityProviderClient,
    private readonly userPoolId: string,
    private readonly timeoutMs: number,
  ) {}

  getProfiles(userIds: readonly string[]): Promise<(ProfileAttributes | null | Error)[]> {
    return Promise.all(
      userIds.map(async (userId) => {
        try {
          const answer = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: userId }), { abortSignal: AbortSignal.timeout(this.timeoutMs) });
          return Object.fromEntries((answer.UserAttributes ?? []).flatMap((attribute) => (attribute.Name && attribute.Value !== undefined ? [[attribute.Name, attribute.Value]] : [])));
        } catch (error) {
          if ((error as { name?: string }).name === 'UserNotFoundException') return null;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
  }
}
