import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { NewUser } from '../../adapters/cognito/cognito-user-pool.admin';
import type { AuthConfig } from '../../config';
import { ADMIN_GROUP } from '../../domain/viewer';

/*
 * What the local user pool is, apart from cognito-local itself (whose ESM-only dependencies a
 * Jest test file cannot load): its demo users and the settings file a running npm start writes.
 */

export interface LocalUser extends NewUser {
  readonly groups: readonly string[];
}

/**
 * The demo users `npm start` creates. Their `sub` is the demo data's user id (cognito-local
 * lets us choose it; AWS assigns its own), so signing in as alice shows u0001's lists.
 */
export const DEMO_USERS: readonly LocalUser[] = [
  { username: 'alice', password: 'Recgate-demo-1', sub: 'u0001', groups: [] },
  { username: 'bob', password: 'Recgate-demo-1', sub: 'u0002', groups: [] },
  { username: 'newcomer', password: 'Recgate-demo-1', sub: 'newcomer', attributes: { 'custom:interests': 'Documentary|Drama' }, groups: [] },
  { username: 'admin', password: 'Recgate-admin-1', sub: 'admin', groups: [ADMIN_GROUP] },
];

/** What a gateway is configured with to accept the local pool's tokens. */
export type LocalAuthSettings = { readonly [K in 'userPoolId' | 'clientId' | 'issuer' | 'endpoint' | 'region']: NonNullable<AuthConfig[K]> };

/** The settings a running `npm start` wrote; undefined when none is running. */
export async function readLocalUserPoolSettings(directory: string): Promise<LocalAuthSettings | undefined> {
  const text = await readFile(settingsFile(directory), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as LocalAuthSettings);
}

export function settingsFile(directory: string): string {
  return path.join(directory, 'recgate-local.json');
}
