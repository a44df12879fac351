import { movielens100kFormat } from '../../../src/importers/movielens-100k.format';
import { collectParts } from '../../support/collect-parts';
import { writeMovielens100k } from '../../support/movielens-fixtures';
import { tempDir } from '../../support/temp-dir';


describe('movielens100kFormat', () => {
  it('reads u.item (Latin-1, genre flags), u.user and u.data', async () => {
    const dir = await tempDir();
    const [items, users, interactions] = await collectParts(await movielens100kFormat.open(await writeMovielens100k(dir.path))).finally(() => dir.remove());
    expect(items?.values).toContainEqual(
      expect.objectContaining({ id: '3', title: 'Misérables, Les (1995)', categories: ['Drama', 'Musical'], createdAt: Date.UTC(1995, 0, 1) }),
    );
    expect(items?.values).toContainEqual(expect.objectContaining({ id: '4', title: '"Nosferatu" (1922)', categories: ['Horror'] }));
    expect(items?.values[0]).toEqual(
      expect.objectContaining({ id: '1', categories: ['Animation', "Children's", 'Comedy'], attributes: expect.objectContaining({ year: '1995' }) }),
    );
    expect(users?.kind).toBe('users');
    expect(users?.values[1]).toEqual({ id: '186', attributes: { age: '39', gender: 'F', occupation: 'executive', zip: '00000' } });
    expect(interactions?.values).toHaveLength(5);
    expect(interactions?.values[0]).toEqual(expect.objectContaining({ userId: '196', itemId: '1', value: 3, occurredAt: 881250001000 }));
  });

  it('refuses a comma-separated file as u.data', async () => {
    const dir = await tempDir();
    try {
      await dir.write('u.item', '1|Heat (1995)|01-Jan-1995|||0|0|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0|0|0\n');
      await dir.write('u.data', 'userId,movieId,rating,timestamp\n');
      await expect(movielens100kFormat.open(dir.path)).rejects.toThrow(/u\.data: not MovieLens 100K: the first row has 1 fields, expected 4/);
    } finally {
      await dir.remove();
    }
  });
});
