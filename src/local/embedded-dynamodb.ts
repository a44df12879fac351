import dynalite from 'dynalite';
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';

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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections?.();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
