import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createCognitoClient } from '../../adapters/cognito/cognito-client.factory';
import { CognitoUserPoolAdmin } from '../../adapters/cognito/cognito-user-pool.admin';
import { ADMIN_GROUP } from '../../domain/viewer';
import { startCognitoLocal } from './cognito-local.server';
import { DEMO_USERS, settingsFile, type LocalAuthSettings, type LocalUser } from './local-user-pool.settings';

export const LOCAL_POOL_NAME = 'recgate-local';
export const LOCAL_CLIENT_NAME = 'recgate-local-web';
export interface LocalUserPool {
  readonly settings: LocalAuthSettings;
  readonly admin: CognitoUserPoolAdmin;
  readonly createdUsers: readonly string[];
  close(): Promise<void>;
}

/**
 * cognito-local with recgate's pool: the pool, a web app client that allows password
 * sign-in, the `admin` group and the given users — each created only when missing, so a
 * restart finds what the last start made (data under `directory`). While it runs, its
 * settings are written to `recgate-local.json` there, for `npm run token` and `npm run users`.
 */
export async function startLocalUserPool(directory: string, users: readonly LocalUser[] = DEMO_USERS): Promise<LocalUserPool> {
  await mkdir(directory, { recursive: true });
  const cognito = await startCognitoLocal(directory);
  const client = createCognitoClient({ region: 'us-east-1', endpoint: cognito.endpoint, timeoutMs: 5000 });
  const admin = new CognitoUserPoolAdmin(client);
  try {
    const { userPoolId } = await admin.ensurePool(LOCAL_POOL_NAME);
    const clientId = await admin.ensureClient(userPoolId, LOCAL_CLIENT_NAME);
    await admin.ensureGroup(userPoolId, ADMIN_GROUP);
    const createdUsers: string[] = [];
    for (const user of users) {
      if (!(await admin.createUser(userPoolId, user))) continue;
      for (const group of user.groups) await admin.addToGroup(userPoolId, user.username, group);
      createdUsers.push(user.username);
    }
    const settings: LocalAuthSettings = { userPoolId, clientId, issuer: cognito.issuerOf(userPoolId), endpoint: cognito.endpoint, region: 'us-east-1' };
    await writeFile(settingsFile(directory), `${JSON.stringify(settings, null, 2)}\n`);
    return {
      settings,
      admin,
      createdUsers,
      close: async () => {
        await rm(settingsFile(directory), { force: true });
        client.destroy();
        await cognito.close();
      },
    };
  } catch (error) {
    client.destroy();
    await cognito.close();
    throw error;
  }
}

