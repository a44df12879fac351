import path from 'node:path';
import { personalizeCsvFormat } from '../../../src/importers/personalize-csv.format';
import { collectParts } from '../../support/collect-parts';
import { tempDir } from '../../support/temp-dir';

const FIXTURE = path.join(__dirname, '../../fixtures/personalize');

describe('personalizeCsvFormat', () => {
  it('tells the datasets apart by header and orders them items, users, interactions', async () => {
    const parts = await personalizeCsvFormat.open(FIXTURE);
    expect(parts.map((part) => [part.kind, path.basename(part.file)])).toEqual([
      ['items', 'items.csv'],
      ['users', 'users.csv'],
      ['interactions', 'interactions.csv'],
    ]);
  });

  it('keeps free metadata columns as attributes and splits categorical values on "|"', async () => {
    const [items, users, interactions] = await collectParts(await personalizeCsvFormat.open(FIXTURE));
    expect(items?.values[1]).toEqual({
      id: 'sku-2',
      title: 'Rain Jacket, Light',
      categories: ['Outerwear'],
      attributes: { PRICE: '120', BRAND: 'Northpeak' },
      createdAt: 1700100000000,
    });
    expect(users?.values).toEqual([
      { id: 'alice', attributes: { MEMBERSHIP: 'gold', INTERESTS: 'Running|Hiking' } },
      { id: 'bob', attributes: { INTERESTS: 'Outerwear' } },
    ]);
    expect(interactions?.values).toContainEqual({
      userId: 'alice',
      itemId: 'sku-1',
      eventId: 'purchase:sku-1:1700300100',
      type: 'PURCHASE',
      eventType: 'purchase',
      value: 89.9,
      occurredAt: 1700300100000,
    });
    expect(interactions?.values).toContainEqual(expect.objectContaining({ eventType: 'add-to-cart', type: 'OTHER', value: undefined }));
  });

  it('takes a single file, and refuses one whose header is no Personalize dataset', async () => {
    const single = await personalizeCsvFormat.open(path.join(FIXTURE, 'interactions.csv'));
    expect(single.map((part) => part.kind)).toEqual(['interactions']);
    const dir = await tempDir();
    try {
      const file = await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4,964982703\n');
      await expect(personalizeCsvFormat.open(file)).rejects.toThrow(/not a Personalize dataset: the header "USERID,MOVIEID,RATING,TIMESTAMP"/);
    } finally {
      await dir.remove();
    }
  });

  it('reports rows whose field count differs from the header', async () => {
    const dir = await tempDir();
    try {
      const file = await dir.write('interactions.csv', 'USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE\nu1,i1,1700000000,click\nu1,i2,1700000001\n');
      const [interactions] = await collectParts(await personalizeCsvFormat.open(file));
      expect(interactions?.errors).toEqual([{ line: 3, error: 'expected 4 fields, found 3' }]);
    } finally {
      await dir.remove();
    }
  });
});
