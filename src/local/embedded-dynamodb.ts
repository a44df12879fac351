import dynalite from 'dynalite';
import { mkdir } from 'node:fs/promises';
import { listenOnLoopback } from './loopback-server';

export interface EmbeddedDynamoDb {
  /** http://127.0.0.1:PORT, for the SDK's endpoint override. */
  readonly endpoint: string;
  close(): Promise<void>;
}

export interface EmbeddedDynamoDbOptions {
  /** A directory for the on-disk store (created if missing); in memory when absent. */
  readonly directory?: string;
  readonly port?: number;
}

/**
 * Starts dynalite in this process: the real DynamoDB wire protocol, so the same adapter
 * code runs against it and against AWS. Tables become ACTIVE at once.
 */
export async function startEmbeddedDynamoDb(options: EmbeddedDynamoDbOptions = {}): Promise<EmbeddedDynamoDb> {
  if (options.directory) await mkdir(options.directory, { recursive: true });
  const server = dynalite({
    ...(options.directory ? { path: options.directory } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  // Closing the HTTP server closes the store too (dynalite wraps close).
  return listenOnLoopback(server, options.port);
}
