import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalUserPool, type LocalUserPool } from '../../src/local/cognito/local-user-pool';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../src/local/embedded-dynamodb';
import { LOCAL_CAMPAIGNS, LOCAL_FILTERS, LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import { startPersonalizeEmulator, type PersonalizeEmulator } from '../../src/local/personalize/personalize-emulator.server';
import { UserKnnModel } from '../../src/local/personalize/user-knn.model';
import { smallDataset } from './small-dataset';

declare global {
  var __recgateDynamoDb: EmbeddedDynamoDb | undefined;
  var __recgatePersonalize: PersonalizeEmulator | undefined;
  var __recgateUserPool: LocalUserPool | undefined;
}

/**
 * One in-memory dynalite for the whole run (each test file uses its own table prefix),
 * cognito-local with npm start's pool and demo users (it cannot be loaded inside a test file),
 * and one local Personalize trained on the small dataset, under the local stack's ARNs (each
 * test file uses a sandbox of its own, so its faults stay its own).
 */
export default async function globalSetup(): Promise<void> {
  const dynamoDb = await startEmbeddedDynamoDb();
  globalThis.__recgateDynamoDb = dynamoDb;
  process.env['RECGATE_TEST_DYNAMODB_ENDPOINT'] = dynamoDb.endpoint;
  const dataset = smallDataset();
  const personalize = await startPersonalizeEmulator({
    model: new UserKnnModel(dataset.interactions, dataset.items),
    campaigns: LOCAL_CAMPAIGNS,
    filters: LOCAL_FILTERS,
    trackingIds: [LOCAL_PERSONALIZE.trackingId],
  });
  globalThis.__recgatePersonalize = personalize;
  process.env['RECGATE_TEST_PERSONALIZE_ENDPOINT'] = personalize.endpoint;
  const userPool = await startLocalUserPool(await mkdtemp(path.join(os.tmpdir(), 'recgate-cognito-')));
  globalThis.__recgateUserPool = userPool;
  process.env['RECGATE_TEST_COGNITO'] = JSON.stringify(userPool.settings);
}
