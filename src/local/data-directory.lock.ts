import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a running `npm start` says of itself in its data directory. */
interface LockHolder {
  readonly pid: number;
  readonly url?: string;
}

export interface DataDirectoryLock {
  /** Records where the holder listens, for the message a second start gets. */
  announce(url: string): Promise<void>;
  release(): Promise<void>;
}

export class DataDirectoryInUseError extends Error {
  constructor(directory: string, holder: LockHolder) {
    super(
      `${directory} is in use by another npm start (pid ${holder.pid}, ${holder.url ? `listening on ${holder.url}` : 'still starting'}): ` +
        'stop that one first, or give this one its own DATA_DIR',
    );
    this.name = 'DataDirectoryInUseError';
  }
}

function lockFile(directory: string): string {
  return path.join(directory, 'recgate.lock');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A holder that said where it listens and now refuses connections there is gone, whatever
 * its pid says (a pid is reused after a restart, in a container especially).
 */
async function refusesConnections(holder: LockHolder): Promise<boolean> {
  if (!holder.url) return false;
  try {
    await fetch(new URL('/healthz', holder.url), { signal: AbortSignal.timeout(2000) });
    return false;
  } catch (error) {
    return ((error as { cause?: { code?: string } }).cause?.code ?? '') === 'ECONNREFUSED';
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes the data directory for this process before anything in it is opened: the embedded
 * store, the user pool's files and the settings files scripts read belong to one `npm start`.
 * A lock left by a process that died is taken over; one held by a live process is refused
 * with where that process listens.
 */
export async function lockDataDirectory(directory: string): Promise<DataDirectoryLock> {
  await mkdir(directory, { recursive: true });
  const file = lockFile(directory);
  // Written aside, then linked into place: the lock appears whole or not at all.
  const draft = `${file}.${process.pid}`;
  await writeFile(draft, JSON.stringify({ pid: process.pid }));
  try {
    return await takeLock(file, draft);
  } finally {
    await rm(draft, { force: true });
  }
}

async function takeLock(file: string, draft: string): Promise<DataDirectoryLock> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await link(draft, file);
      return {
        announce: async (url) => {
          await writeFile(draft, JSON.stringify({ pid: process.pid, url }));
          await rename(draft, file);
        },
        release: () => rm(file, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid) && !(await refusesConnections(holder))) throw new DataDirectoryInUseError(path.dirname(file), holder);
    await rm(file, { force: true });
  }
  throw new Error(`cannot take ${file}: another process keeps creating it`);
}
