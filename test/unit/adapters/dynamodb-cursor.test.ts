import { CursorCodec } from '../../../src/adapters/dynamodb/dynamodb-cursor';
import { InvalidCursorError } from '../../../src/domain/errors';

const FIELDS = { itemId: 'S', createdAt: 'N' } as const;
const SECRET = 'a-deployment-secret-of-32-characters!';

describe('CursorCodec', () => {
  const codec = new CursorCodec(SECRET);

  it('round-trips the key of the last row', () => {
    const cursor = codec.encode('items', { itemId: '42', createdAt: 1700000000000 });
    expect(codec.decode('items', cursor, FIELDS)).toEqual({ itemId: '42', createdAt: 1700000000000 });
  });

  it('accepts a cursor issued by another instance with the same secret', () => {
    const cursor = new CursorCodec(SECRET).encode('items', { itemId: '42', createdAt: 1 });
    expect(codec.decode('items', cursor, FIELDS)).toEqual({ itemId: '42', createdAt: 1 });
  });

  it('refuses a cursor of another listing', () => {
    const cursor = codec.encode('history', { itemId: '42', createdAt: 1 });
    expect(() => codec.decode('items', cursor, FIELDS)).toThrow('belongs to another listing, not to items');
  });

  it('refuses an edited cursor: a key changed, its signature kept', () => {
    const [, tag] = codec.encode('items', { itemId: '42', createdAt: 1 }).split('.');
    const edited = `${Buffer.from(JSON.stringify({ v: 1, l: 'items', k: { itemId: '43', createdAt: 1 } })).toString('base64url')}.${tag ?? ''}`;
    expect(() => codec.decode('items', edited, FIELDS)).toThrow('is not a cursor this server issued');
  });

  it('refuses a cursor signed under another secret', () => {
    const cursor = new CursorCodec('another-deployment-secret-of-32-chars').encode('items', { itemId: '42', createdAt: 1 });
    expect(() => codec.decode('items', cursor, FIELDS)).toThrow(InvalidCursorError);
  });

  it.each([
    ['not base64url', 'garbage!'],
    ['not JSON', 'bm90IGpzb24'],
    ['unsigned, as this server used to issue them', Buffer.from('{"v":1,"l":"items","k":{"itemId":"3","createdAt":1}}').toString('base64url')],
    ['3,000 characters long', 'x'.repeat(3000)],
  ])('refuses a cursor that is %s', (_, cursor) => {
    expect(() => codec.decode('items', cursor, FIELDS)).toThrow(InvalidCursorError);
  });
});
