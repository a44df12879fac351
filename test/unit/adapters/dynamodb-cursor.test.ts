import { decodeCursor, encodeCursor } from '../../../src/adapters/dynamodb/dynamodb-cursor';
import { InvalidCursorError } from '../../../src/domain/errors';

const FIELDS = { itemId: 'S', createdAt: 'N' } as const;

describe('dynamodb cursors', () => {
  it('round-trips the key of the last row', () => {
    const cursor = encodeCursor('items', { itemId: '42', createdAt: 1700000000000 });
    expect(decodeCursor('items', cursor, FIELDS)).toEqual({ itemId: '42', createdAt: 1700000000000 });
  });

  it('refuses a cursor of another listing', () => {
    const cursor = encodeCursor('history', { itemId: '42', createdAt: 1 });
    expect(() => decodeCursor('items', cursor, FIELDS)).toThrow('belongs to another listing, not to items');
  });

  it.each([['garbage!'], ['bm90IGpzb24'], [Buffer.from('{"v":1,"l":"items","k":{"itemId":3}}').toString('base64url')]])(
    'refuses %s',
    (cursor) => {
      expect(() => decodeCursor('items', cursor, FIELDS)).toThrow(InvalidCursorError);
    },
  );
});
