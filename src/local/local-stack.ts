import path from 'node:path';
import type { Config } from '../config';
import { createContainer, type Container } from '../container';
import { startLocalUserPool, type LocalUserPool } from './cognito/local-user-pool';
import { lockDataDirectory, type DataDirectoryLock } from './data-directory.lock';
import { loadDemoDataWhenEmpty } from './demo-data.loader';
import { localCursorSecret } from './local-cursor-secret';
import { startLocalStorage, type LocalStorage } from './local-storage';
import { startLocalPersonalize, type LocalPersonalize } from './personalize/local-personalize';
import { formatTrainingSummary } from '../services/training-summary.text';

export interface LocalStack {
  readonly lock: DataDirectoryLock;
  readonly storage: LocalStorage;
  readonly userPool: LocalUserPool | undefined;
  readonly personalize: LocalPersonalize | undefined;
  /** The gateway on the local stack, with the demo data loaded and a model trained. */
  readonly container: Container;
  /** The secret page cursors are signed with (kept in the data directory). */
  readonly cursorSecret: string;
  /** Stops the local Personalize, cognito-local and dynalite, and releases the lock. */
  close(): Promise<void>;
}

/**
 * The local stack `npm start` and `npm run start:lambda` share: the data-directory lock,
 * dynalite on disk, cognito-local, the demo data and a model on first start, the local
 * Personalize; announced on the console as it comes up.
 */
export async function prepareLocalStack(config: Config): Promise<LocalStack> {
  // Before anything under the data directory is opened or rewritten: one npm start per directory.
  const lock = await lockDataDirectory(config.storage.dataDir);
  const storage = await startLocalStorage(config.storage, { announce: true });
  console.log(`recgate: storage: ${storage.description}`);
  // cognito-local, unless a real user pool is configured: every request needs a token.
  const userPool = config.localCognito && !config.auth.userPoolId ? await startLocalUserPool(path.join(config.storage.dataDir, 'cognito')) : undefined;
  if (userPool) {
    console.log(`recgate: local Cognito (cognito-local) on ${userPool.settings.endpoint}: pool ${userPool.settings.userPoolId}, app client ${userPool.settings.clientId}`);
    if (userPool.portChangedFrom !== undefined) {
      console.log(`recgate: local Cognito's port ${userPool.portChangedFrom} was taken, so it moved: tokens issued before this start are refused`);
    }
    if (userPool.createdUsers.length > 0) console.log(`recgate: created demo users ${userPool.createdUsers.join(', ')} (passwords in the README)`);
  } else if (config.auth.userPoolId) console.log(`recgate: Cognito user pool ${config.auth.userPoolId}`);
  else console.log('recgate: no user pool configured (COGNITO_USER_POOL_ID): every request except anonymous ones is refused');
  const auth = userPool?.settings;
  const cursorSecret = config.cursorSecret ?? (await localCursorSecret(config.storage.dataDir));
  const prepared = createContainer({ config, dynamoDbEndpoint: storage.endpoint, cursorSecret, ...(auth ? { auth } : {}) });
  const created = await prepared.ensureTables();
  if (created.length > 0) console.log(`recgate: created tables ${created.join(', ')}`);
  // The demo data is in place before the first request can arrive.
  if (config.demoData.loadWhenEmpty) {
    const loaded = await loadDemoDataWhenEmpty(prepared, config.demoData.seed, config.storage.dataDir);
    if (loaded) {
      const what = loaded.resumed ? 'completed the interrupted load of the built-in demo data' : 'loaded the built-in demo data';
      console.log(`recgate: ${what} (seed ${config.demoData.seed}) in ${(loaded.summary.durationMs / 1000).toFixed(1)} s`);
    }
  }
  if (!(await prepared.models.currentModel())) {
    const summary = await prepared.trainingService.train();
    console.log(`recgate: no model yet, so trained one: ${formatTrainingSummary(summary).split('\n')[0]}`);
  }
  // The local Personalize trains on what storage holds now, so every strategy works out of the box.
  const personalize = config.localPersonalize && !config.personalize.arn ? await startLocalPersonalize(prepared, config.storage.dataDir) : undefined;
  if (personalize) console.log(`recgate: local Personalize on ${personalize.endpoint}, trained on ${personalize.interactions} interactions (campaign ${personalize.settings.arn ?? ''})`);
  else if (config.personalize.arn) console.log(`recgate: Personalize: ${config.personalize.arn}`);
  else console.log('recgate: Personalize: not configured (PERSONALIZE requests are served by the baseline)');
  const container = personalize
    ? createContainer({ config, dynamoDb: prepared.dynamoDb, personalize: personalize.settings, cursorSecret, ...(auth ? { auth } : {}) })
    : prepared;
  return {
    lock,
    storage,
    userPool,
    personalize,
    container,
    cursorSecret,
    close: async () => {
      await personalize?.close();
      await userPool?.close();
      await storage.close();
      await lock.release();
    },
  };
}
