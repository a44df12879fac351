import { InvalidCursorError } from '../../domain/errors';

/**
 * Cursors are the DynamoDB key of the last row returned, tagged with the listing they
 * belong to, as base64url JSON. A cursor of another listing, or one that was tampered
 * with, is refused rather than silently restarting the listing.
 */
export type CursorKey = Record<string, string | number>;

export function encodeCursor(listing: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ v: 1, l: listing, k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(listing: string, cursor: string, fields: Readonly<Record<string, 'S' | 'N'>>): CursorKey {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('is not a cursor this server issued');
  }
  if (!isRecord(parsed) || parsed['v'] !== 1 || !isRecord(parsed['k'])) {
    throw new InvalidCursorError('is not a cursor this server issued');
  }
  if (parsed['l'] !== listing) throw new InvalidCursorError(`belongs to another listing, not to ${listing}`);
  const key = parsed['k'];
  const result: CursorKey = {};
  for (const [name, type] of Object.entries(fields)) {
    const value = key[name];
    if (type === 'S' ? typeof value !== 'string' : typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidCursorError('is not a cursor this server issued');
    }
    result[name] = value as string | number;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
