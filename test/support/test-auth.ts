import { createSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCognitoClient } from '../../src/adapters/cognito/cognito-client.factory';
import { CognitoUserPoolAdmin } from '../../src/adapters/cognito/cognito-user-pool.admin';
import { DEMO_USERS, type LocalAuthSettings } from '../../src/local/cognito/local-user-pool.settings';

/** The local user pool that globalSetup started (npm start's pool and demo users). */
export function testUserPool(): LocalAuthSettings {
  const settings = process.env['RECGATE_TEST_COGNITO'];
  if (!settings) throw new Error('RECGATE_TEST_COGNITO is not set: run the tests through jest (globalSetup starts cognito-local)');
  return JSON.parse(settings) as LocalAuthSettings;
}

/** Environment for a gateway that accepts the test pool's access tokens. */
export function testAuthEnvironment(): Record<string, string> {
  const pool = testUserPool();
  return { COGNITO_USER_POOL_ID: pool.userPoolId, COGNITO_CLIENT_ID: pool.clientId, COGNITO_ISSUER: pool.issuer, COGNITO_ENDPOINT: pool.endpoint };
}

/** A demo user's tokens, by signing in to cognito-local as a client app would. */
export async function signIn(username: string): Promise<{ accessToken: string; idToken: string }> {
  const pool = testUserPool();
  const password = DEMO_USERS.find((user) => user.username === username)?.password;
  if (!password) throw new Error(`${username} is not a demo user`);
  const client = createCognitoClient({ region: pool.region, endpoint: pool.endpoint, timeoutMs: 5000 });
  try {
    return await new CognitoUserPoolAdmin(client).signIn(pool.clientId, username, password);
  } finally {
    client.destroy();
  }
}

/**
 * A token signed with cognito-local's own key but with claims of our choosing: expired,
 * another client, another issuer. Only a stand-in whose key is public lets a test make these.
 */
export function forgedToken(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' }): string {
  const key = JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')) as { pem: string };
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode(header)}.${encode(claims)}`;
  if (header['alg'] === 'none') return `${unsigned}.`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key.pem, 'base64url')}`;
}

/** The claims of a real access token of the test pool, for forging variations of it. */
export function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const pool = testUserPool();
  const now = Math.floor(Date.now() / 1000);
  return { sub: 'u0001', username: 'alice', token_use: 'access', client_id: pool.clientId, iss: pool.issuer, iat: now, auth_time: now, exp: now + 3600, 'cognito:groups': [], ...overrides };
}
