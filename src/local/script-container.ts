import { loadConfig } from '../config';
import { createContainer, type Container } from '../container';
import { openLocalStorageForScript } from './local-storage';

/**
 * Runs an operator script's work against the same storage as `npm start` (its embedded
 * DynamoDB while it runs), with the tables in place, and closes everything afterwards.
 */
export async function withScriptContainer<T>(work: (container: Container, storageDescription: string) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const storage = await openLocalStorageForScript(config.storage);
  const container = createContainer({ config, dynamoDbEndpoint: storage.endpoint });
  try {
    await container.ensureTables();
    return await work(container, storage.description);
  } finally {
    container.close();
    await storage.close();
  }
}
