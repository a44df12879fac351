import path from 'node:path';
import type { Container } from '../../src/container';
import { ImportRowError } from '../../src/importers/import-errors';
import { movielensCsvFormat } from '../../src/importers/movielens-csv.format';
import { personalizeCsvFormat } from '../../src/importers/personalize-csv.format';
import { createTestContainer } from '../support/test-container';
import { writeMovielensCsv } from '../support/movielens-fixtures';
import { tempDir, type TempDir } from '../support/temp-dir';

const PERSONALIZE = path.join(__dirname, '../fixtures/personalize');

async function counts(container: Container): Promise<[number, number, number]> {
  return Promise.all([container.catalog.count(), container.users.count(), container.interactions.count()]);
}

describe('DatasetImportService (dynalite)', () => {
  let container: Container;
  let dir: TempDir;
  let movielens: string;
  beforeEach(async () => {
    ({ container } = await createTestContainer());
    dir = await tempDir();
    movielens = await writeMovielensCsv(path.join(dir.path, 'movielens-csv'));
  });
  afterEach(async () => {
    container.close();
    await dir.remove();
  });

  it('imports MovieLens, creates the users it saw and counts popularity', async () => {
    const summary = await container.importService.importParts(await movielensCsvFormat.open(movielens), { skipBadRows: false });
    expect(summary.parts.map((part) => [part.kind, part.rows, part.skipped])).toEqual([['items', 8, 0], ['interactions', 11, 0]]);
    expect(summary.usersCreated).toBe(3);
    expect(await counts(container)).toEqual([8, 3, 11]);
    const [matrix, jumanji] = await container.catalog.getItems(['2571', '2']);
    expect(matrix).toEqual(expect.objectContaining({ title: 'Mirror Code, The (1999)', popularity: 3 }));
    expect(jumanji).toEqual(expect.objectContaining({ popularity: 0 }));
  });

  it('adds nothing when the same files are imported again', async () => {
    await container.importService.importParts(await movielensCsvFormat.open(movielens), { skipBadRows: false });
    const again = await container.importService.importParts(await movielensCsvFormat.open(movielens), { skipBadRows: false });
    expect(await counts(container)).toEqual([8, 3, 11]);
    expect(again.usersCreated).toBe(0);
    expect(again.popularityUpdated).toBe(0);
  });

  it('stops at a malformed row with its file and line, keeping every row before it', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n2,Alien (1979),Horror\n');
    const rows = Array.from({ length: 2500 }, (_, n) => `u${n % 7},${(n % 2) + 1},4.0,${964982703 + n}`);
    rows.splice(2100, 0, 'u1,1,four,964982703');
    await dir.write('ratings.csv', `userId,movieId,rating,timestamp\n${rows.join('\n')}\n`);

    const run = container.importService.importParts(await movielensCsvFormat.open(dir.path), { skipBadRows: false, blockSize: 500 });

    await expect(run).rejects.toThrow(new ImportRowError(path.join(dir.path, 'ratings.csv'), 2102, 'rating "four" is not a number'));
    expect(await counts(container)).toEqual([2, 7, 2100]);
    const [heat] = await container.catalog.getItems(['1']);
    // 1,050 ratings of Heat by the 7 users: popularity counts people, not events.
    expect(heat).toEqual(expect.objectContaining({ popularity: 7 }));
  });

  it('with skipBadRows reports each malformed row and imports the rest', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n,No id,Drama\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n2,1,,964982703\n3,1,5,964982703\n');
    const reported: string[] = [];

    const summary = await container.importService.importParts(await movielensCsvFormat.open(dir.path), {
      skipBadRows: true,
      onBadRow: (error) => reported.push(`${path.basename(error.file)}:${error.line} ${error.reason}`),
    });

    expect(reported).toEqual(['movies.csv:3 movieId is empty', 'ratings.csv:3 rating "" is not a number']);
    expect(summary.parts.map((part) => [part.rows, part.skipped])).toEqual([[1, 1], [2, 1]]);
    expect(await counts(container)).toEqual([1, 2, 2]);
  });

  it('imports Personalize datasets without overwriting user attributes with bare users from interactions', async () => {
    const summary = await container.importService.importParts(await personalizeCsvFormat.open(PERSONALIZE), { skipBadRows: false });
    expect(summary.usersCreated).toBe(1); // carol appears only in interactions
    const [alice, carol] = await container.users.getUsers(['alice', 'carol']);
    expect(alice).toEqual({ id: 'alice', attributes: { MEMBERSHIP: 'gold', INTERESTS: 'Running|Hiking' } });
    expect(carol).toEqual({ id: 'carol', attributes: {} });
    const [sku1] = await container.catalog.getItems(['sku-1']);
    // alice's click and purchase: one user.
    expect(sku1).toEqual(expect.objectContaining({ categories: ['Shoes', 'Running'], popularity: 1, createdAt: 1700000000000 }));
  });
});
