import path from 'node:path';
import { createCognitoClient } from '../../src/adapters/cognito/cognito-client.factory';
import { CognitoUserPoolAdmin } from '../../src/adapters/cognito/cognito-user-pool.admin';
import { loadConfig } from '../../src/config';
import { readLocalUserPoolSettings } from '../../src/local/cognito/local-user-pool.settings';

export interface UserPoolTarget {
  readonly userPoolId: string;
  readonly clientId: string;
  readonly description: string;
  readonly admin: CognitoUserPoolAdmin;
  close(): void;
}

/**
 * The user pool a script works on: the configured one (COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID,
 * AWS credentials from the environment), else the local one that a running `npm start` announced.
 */
export async function userPoolTarget(): Promise<UserPoolTarget> {
  const config = loadConfig();
  const local = config.auth.userPoolId ? undefined : await readLocalUserPoolSettings(path.join(config.storage.dataDir, 'cognito'));
  const settings = config.auth.userPoolId && config.auth.clientId ? { ...config.auth, userPoolId: config.auth.userPoolId, clientId: config.auth.clientId } : local;
  if (!settings) {
    throw new Error(`no user pool: start the gateway first (npm start runs the local one under ${path.join(config.storage.dataDir, 'cognito')}), or set COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID`);
  }
  const client = createCognitoClient({ region: settings.region, endpoint: settings.endpoint, timeoutMs: 5000 });
  return {
    userPoolId: settings.userPoolId,
    clientId: settings.clientId,
    description: local ? `the local user pool ${settings.userPoolId} (${settings.endpoint ?? ''})` : `user pool ${settings.userPoolId}`,
    admin: new CognitoUserPoolAdmin(client),
    close: () => client.destroy(),
  };
}

/** Runs a script's body and exits with its code; a failure is one line on stderr. */
export function runScript(name: string, usage: string, body: () => Promise<number>): void {
  body()
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      const usageError = (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}${usageError ? `\n\n${usage}` : ''}`);
      process.exit(usageError ? 2 : 1);
    });
}
