import path from 'node:path';
import { ImportFileError } from '../../../src/importers/import-errors';
import { movielensCsvFormat } from '../../../src/importers/movielens-csv.format';
import { collectParts } from '../../support/collect-parts';
import { writeMovielensCsv } from '../../support/movielens-fixtures';
import { tempDir, type TempDir } from '../../support/temp-dir';


describe('movielensCsvFormat', () => {
  let dir: TempDir;
  let fixture: string;
  beforeEach(async () => {
    dir = await tempDir();
    fixture = await writeMovielensCsv(`${dir.path}/fixture`);
  });
  afterEach(() => dir.remove());

  it('reads movies as items and ratings as RATE events', async () => {
    const [items, interactions] = await collectParts(await movielensCsvFormat.open(fixture));
    expect(items?.kind).toBe('items');
    expect(items?.values).toHaveLength(8);
    expect(items?.values).toContainEqual({
      id: '50',
      title: 'Usual Witnesses, The (1995)',
      categories: ['Crime', 'Mystery', 'Thriller'],
      attributes: { year: '1995' },
      createdAt: Date.UTC(1995, 0, 1),
    });
    expect(items?.values).toContainEqual(expect.objectContaining({ id: '176601', categories: [], createdAt: 0, attributes: {} }));
    expect(interactions?.values[0]).toEqual({
      userId: '1',
      itemId: '1',
      eventId: 'rating:1:964900001',
      type: 'RATE',
      eventType: 'rating',
      value: 4,
      occurredAt: 964900001000,
    });
    expect(interactions?.values).toHaveLength(11);
  });

  it('also takes the path of ratings.csv', async () => {
    const parts = await movielensCsvFormat.open(path.join(fixture, 'ratings.csv'));
    expect(parts.map((part) => path.basename(part.file))).toEqual(['movies.csv', 'ratings.csv']);
  });

  it('reports a malformed row with its line and goes on reading', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,abc,964982703\n1,1,7,964982703\n\n2,1,3.0,yesterday\n3,1\n4,1,2.0,964982800\n');
    const [, interactions] = await collectParts(await movielensCsvFormat.open(dir.path));
    expect(interactions?.errors).toEqual([
      { line: 3, error: 'rating "abc" is not a number' },
      { line: 4, error: 'rating 7 is outside 0–5' },
      { line: 6, error: 'timestamp "yesterday" is not a Unix timestamp in seconds' },
      { line: 7, error: 'expected 4 fields, found 2' },
    ]);
    expect(interactions?.values.map((value) => (value as { userId: string }).userId)).toEqual(['1', '4']);
  });

  it('refuses files that are not MovieLens CSVs before reading rows', async () => {
    await dir.write('movies.csv', 'id,name\n1,Heat\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n');
    await expect(movielensCsvFormat.open(dir.path)).rejects.toThrow(
      new ImportFileError(path.join(dir.path, 'movies.csv'), 'not a MovieLens CSV: expected the header "movieId,title,genres", found "id,name"'),
    );
  });

  it('names a missing file', async () => {
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n');
    await expect(movielensCsvFormat.open(dir.path)).rejects.toThrow(`${path.join(dir.path, 'movies.csv')}: file not found`);
  });
});
