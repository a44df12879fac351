import { rm, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StorageConfig } from '../config';
import { startEmbeddedDynamoDb } from './embedded-dynamodb';

export interface LocalStorage {
  /** The endpoint of the embedded DynamoDB, or undefined when STORAGE=dynamodb (nothing started). */
  readonly endpoint: string | undefined;
  /** Where the data lives, for people: a directory, "memory", or the endpoint. */
  readonly description: string;
  close(): Promise<void>;
}

/** Where a running `npm start` announces its embedded DynamoDB, so scripts can share it. */
function endpointFile(storage: StorageConfig): string {
  return path.join(storage.dataDir, 'dynamodb.endpoint');
}

/**
 * Starts the embedded DynamoDB that STORAGE asks for: on disk (embedded), in memory, or none.
 * With `announce`, the on-disk store's endpoint is written beside it while it runs.
 */
export async function startLocalStorage(storage: StorageConfig, options: { announce?: boolean } = {}): Promise<LocalStorage> {
  if (storage.mode === 'dynamodb') {
    return { endpoint: undefined, description: storage.endpoint ?? `DynamoDB in ${storage.region}`, close: async () => undefined };
  }
  if (storage.mode === 'memory') {
    const embedded = await startEmbeddedDynamoDb();
    return { endpoint: embedded.endpoint, description: 'embedded DynamoDB (dynalite) in memory', close: () => embedded.close() };
  }
  const directory = path.join(storage.dataDir, 'dynamodb');
  const embedded = await startEmbeddedDynamoDb({ directory }).catch((error: unknown) => {
    throw new Error(`cannot open ${directory} (${(error as Error).message}); is another recgate process using it?`);
  });
  if (options.announce) await writeFile(endpointFile(storage), embedded.endpoint);
  return {
    endpoint: embedded.endpoint,
    description: `embedded DynamoDB (dynalite) on disk at ${directory}`,
    close: async () => {
      if (options.announce) await rm(endpointFile(storage), { force: true });
      await embedded.close();
    },
  };
}

/**
 * For scripts: the store of a running `npm start` when there is one (its files are locked
 * while it runs), otherwise the same store opened here.
 */
export async function openLocalStorageForScript(storage: StorageConfig): Promise<LocalStorage> {
  if (storage.mode === 'embedded') {
    const announced = (await readFile(endpointFile(storage), 'utf8').catch(() => '')).trim();
    if (announced && (await answers(announced))) {
      return { endpoint: announced, description: `the embedded DynamoDB of the running server (${announced})`, close: async () => undefined };
    }
  }
  return startLocalStorage(storage);
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}
