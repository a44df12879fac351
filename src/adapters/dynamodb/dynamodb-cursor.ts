import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from '../../domain/errors';

export type CursorKey = Record<string, string | number>;

/** Bytes of the HMAC-SHA256 kept in a cursor: enough that guessing one is hopeless. */
const TAG_BYTES = 16;
const NOT_OURS = 'is not a cursor this server issued';

/**
 * Cursors are the DynamoDB key of the last row returned, tagged with the listing they belong
 * to, as base64url JSON, followed by an HMAC of it under the deployment's cursor secret. An
 * edited or made-up cursor, or one of another listing, is refused rather than used as a key.
 */
export class CursorCodec {
  private readonly secret: Buffer;

  /** Without a secret, one of this process's own: its cursors work in this process only. */
  constructor(secret?: string) {
    this.secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  encode(listing: string, key: CursorKey): string {
    const payload = Buffer.from(JSON.stringify({ v: 1, l: listing, k: key }), 'utf8').toString('base64url');
    return `${payload}.${this.tag(payload).toString('base64url')}`;
  }

  decode(listing: string, cursor: string, fields: Readonly<Record<string, 'S' | 'N'>>): CursorKey {
    const parsed = this.verified(cursor);
    if (!isRecord(parsed) || parsed['v'] !== 1 || !isRecord(parsed['k'])) throw new InvalidCursorError(NOT_OURS);
    if (parsed['l'] !== listing) throw new InvalidCursorError(`belongs to another listing, not to ${listing}`);
    const key = parsed['k'];
    const result: CursorKey = {};
    for (const [name, type] of Object.entries(fields)) {
      const value = key[name];
      if (type === 'S' ? typeof value !== 'string' : typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidCursorError(NOT_OURS);
      result[name] = value as string | number;
    }
    return result;
  }

  private verified(cursor: string): unknown {
    const match = /^([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
    if (!match) throw new InvalidCursorError(NOT_OURS);
    const [, payload = '', tag = ''] = match;
    const given = Buffer.from(tag, 'base64url');
    const expected = this.tag(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError(NOT_OURS);
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError(NOT_OURS);
    }
  }

  private tag(payload: string): Buffer {
    return createHmac('sha256', this.secret).update(payload).digest().subarray(0, TAG_BYTES);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
