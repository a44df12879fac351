import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  ListUsersCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  /** Profile attributes, e.g. `custom:interests`, `locale`. */
  readonly attributes?: Readonly<Record<string, string>>;
  /** cognito-local only: a chosen `sub` (AWS always assigns its own). */
  readonly sub?: string;
}

export interface PoolUser {
  readonly username: string;
  readonly sub: string;
  readonly status: string;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
}

export interface SignedIn {
  readonly accessToken: string;
  readonly idToken: string;
  readonly expiresInSeconds: number;
}

/** What operators and the local stack do to a user pool: pools, app clients, groups, users, sign-in. */
export class CognitoUserPoolAdmin {
  constructor(private readonly client: CognitoIdentityProviderClient) {}

  /** The pool of that name, created (with a `custom:interests` attribute) when there is none. */
  async ensurePool(name: string): Promise<{ userPoolId: string; created: boolean }> {
    const pools = await this.client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
    const found = pools.UserPools?.find((pool) => pool.Name === name);
    if (found?.Id) return { userPoolId: found.Id, created: false };
    const created = await this.client.send(
      new CreateUserPoolCommand({ PoolName: name, Schema: [{ Name: 'interests', AttributeDataType: 'String', Mutable: true }] }),
    );
    if (!created.UserPool?.Id) throw new Error(`CreateUserPool gave no id for ${name}`);
    return { userPoolId: created.UserPool.Id, created: true };
  }

  /** The app client of that name (password sign-in allowed), created when there is none. */
  async ensureClient(userPoolId: string, name: string): Promise<string> {
    const clients = await this.client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }));
    const found = clients.UserPoolClients?.find((client) => client.ClientName === name);
    if (found?.ClientId) return found.ClientId;
    const created = await this.client.send(
      new CreateUserPoolClientCommand({ UserPoolId: userPoolId, ClientName: name, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
    );
    if (!created.UserPoolClient?.ClientId) throw new Error(`CreateUserPoolClient gave no id for ${name}`);
    return created.UserPoolClient.ClientId;
  }

  /**
   * Creates the group only when it is missing: cognito-local's CreateGroup replaces an
   * existing group, members and all, where AWS answers GroupExistsException.
   */
  async ensureGroup(userPoolId: string, group: string): Promise<{ created: boolean }> {
    if (await this.hasGroup(userPoolId, group)) return { created: false };
    try {
      await this.client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: group }));
      return { created: true };
    } catch (error) {
      if ((error as { name?: string }).name !== 'GroupExistsException') throw error;
      return { created: false };
    }
  }

  /** ListGroups, page by page (cognito-local's GetGroup fails with a 500 for a missing group). */
  private async hasGroup(userPoolId: string, group: string): Promise<boolean> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60, ...(token ? { NextToken: token } : {}) }));
      if ((page.Groups ?? []).some((candidate) => candidate.GroupName === group)) return true;
      token = page.NextToken;
    } while (token);
    return false;
  }

  /** Creates a confirmed user with a permanent password; false when the username is taken. */
  async createUser(userPoolId: string, user: NewUser): Promise<boolean> {
    const attributes = Object.entries({ ...user.attributes, ...(user.sub ? { sub: user.sub } : {}) }).map(([Name, Value]) => ({ Name, Value }));
    try {
      await this.client.send(
        new AdminCreateUserCommand({ UserPoolId: userPoolId, Username: user.username, TemporaryPassword: user.password, MessageAction: 'SUPPRESS', UserAttributes: attributes }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'UsernameExistsException') return false;
      throw error;
    }
    await this.client.send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: user.username, Password: user.password, Permanent: true }));
    return true;
  }

  async addToGroup(userPoolId: string, username: string, group: string): Promise<void> {
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: group }));
  }

  async listUsers(userPoolId: string): Promise<PoolUser[]> {
    const users: PoolUser[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListUsersCommand({ UserPoolId: userPoolId, Limit: 60, ...(token ? { PaginationToken: token } : {}) }));
      for (const user of page.Users ?? []) {
        const username = user.Username ?? '';
        const groups = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: userPoolId, Username: username }));
        const attributes = Object.fromEntries((user.Attributes ?? []).map((attribute) => [attribute.Name ?? '', attribute.Value ?? '']));
        users.push({ username, sub: attributes['sub'] ?? '', status: user.UserStatus ?? '', groups: (groups.Groups ?? []).map((group) => group.GroupName ?? ''), attributes });
      }
      token = page.PaginationToken;
    } while (token);
    return users;
  }

  /** USER_PASSWORD_AUTH sign-in: the tokens a client app would hold. */
  async signIn(clientId: string, username: string, password: string): Promise<SignedIn> {
    const answer = await this.client.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
    const result = answer.AuthenticationResult;
    if (!result?.AccessToken || !result.IdToken) throw new Error(`sign-in of ${username} gave no tokens${answer.ChallengeName ? ` (challenge ${answer.ChallengeName})` : ''}`);
    return { accessToken: result.AccessToken, idToken: result.IdToken, expiresInSeconds: result.ExpiresIn ?? 3600 };
  }
}
