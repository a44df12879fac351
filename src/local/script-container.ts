import { loadConfig } from '../config';
import { createContainer, type Container } from '../container';
import { openLocalStorageForScript } from './local-storage';
import { readLocalPersonalizeSettings } from './personalize/local-personalize';

/**
 * Runs an operator script's work against the same storage as `npm start` (its embedded
 * DynamoDB while it runs), with the tables in place, and closes everything afterwards.
 */
export async function withScriptContainer<T>(work: (container: Container, storageDescription: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openLocalStorageForScript(config.storage);
  // Without a Personalize of its own, a script uses the local one of a running npm start.
  const personalize = config.personalize.arn || config.personalize.trackingId ? undefined : await readLocalPersonalizeSettings(config.storage.dataDir);
  const container = createContainer({ config, dynamoDbEndpoint: storage.endpoint, ...(personalize ? { personalize } : {}) });
  try {
    await container.ensureTables();
    return await work(container, storage.description);
  } finally {
    container.close();
    await storage.close();
  }
}
