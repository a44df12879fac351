import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * npm start's cursor secret when CURSOR_SECRET is not set: made on the first start and kept
 * under the data directory (readable by its owner only), so cursors a client holds stay
 * valid across restarts.
 */
export async function localCursorSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'cursor-secret');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (kept.length >= 32) return kept;
  const secret = randomBytes(32).toString('hex');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
