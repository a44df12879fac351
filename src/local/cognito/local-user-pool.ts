import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCognitoClient } from '../../adapters/cognito/cognito-client.factory';
import { CognitoUserPoolAdmin } from '../../adapters/cognito/cognito-user-pool.admin';
import { ADMIN_GROUP } from '../../domain/viewer';
import { startCognitoLocal, type CognitoLocal } from './cognito-local.server';
import { DEMO_USERS, settingsFile, type LocalAuthSettings, type LocalUser } from './local-user-pool.settings';

export const LOCAL_POOL_NAME = 'recgate-local';
export const LOCAL_CLIENT_NAME = 'recgate-local-web';
export interface LocalUserPool {
  readonly settings: LocalAuthSettings;
  readonly admin: CognitoUserPoolAdmin;
  readonly createdUsers: readonly string[];
  /** Set when the remembered port was taken, so tokens issued before this start are refused. */
  readonly portChangedFrom?: number;
  close(): Promise<void>;
}

/**
 * cognito-local with recgate's pool: the pool, a web app client that allows password
 * sign-in, the `admin` group and the given users — each created only when missing, so a
 * restart finds what the last start made (data under `directory`). It listens on the port it
 * took the first time (remembered there), so its issuer — which holds the port — and every
 * token it issued stay valid across restarts. While it runs, its settings are written to
 * `recgate-local.json` there, for `npm run token` and `npm run users`.
 */
export async function startLocalUserPool(directory: string, users: readonly LocalUser[] = DEMO_USERS): Promise<LocalUserPool> {
  await mkdir(directory, { recursive: true });
  const { cognito, portChangedFrom } = await startOnRememberedPort(directory);
  const client = createCognitoClient({ region: 'us-east-1', endpoint: cognito.endpoint, timeoutMs: 5000 });
  const admin = new CognitoUserPoolAdmin(client);
  try {
    const { userPoolId } = await admin.ensurePool(LOCAL_POOL_NAME);
    const clientId = await admin.ensureClient(userPoolId, LOCAL_CLIENT_NAME);
    await admin.ensureGroup(userPoolId, ADMIN_GROUP);
    const createdUsers: string[] = [];
    // Users that exist are left as they are: their groups and attributes are theirs to change.
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
      ...(portChangedFrom !== undefined ? { portChangedFrom } : {}),
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


function portFile(directory: string): string {
  return path.join(directory, 'cognito-local.port');
}

/** The port this pool listened on before; a new free one (remembered) the first time or when that one is taken. */
async function startOnRememberedPort(directory: string): Promise<{ cognito: CognitoLocal; portChangedFrom?: number }> {
  const remembered = Number((await readFile(portFile(directory), 'utf8').catch(() => '')).trim());
  const hasRemembered = Number.isInteger(remembered) && remembered > 0 && remembered < 65536;
  if (hasRemembered) {
    try {
      return { cognito: await startCognitoLocal(directory, remembered) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  const cognito = await startCognitoLocal(directory);
  await writeFile(portFile(directory), `${new URL(cognito.endpoint).port}\n`);
  return hasRemembered ? { cognito, portChangedFrom: remembered } : { cognito };
}
