import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempDir {
  readonly path: string;
  write(name: string, content: string | Buffer): Promise<string>;
  remove(): Promise<void>;
}

export async function tempDir(): Promise<TempDir> {
  const directory = await mkdtemp(path.join(tmpdir(), 'recgate-test-'));
  return {
    path: directory,
    write: async (name, content) => {
      const file = path.join(directory, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(directory, { recursive: true, force: true }),
  };
}
