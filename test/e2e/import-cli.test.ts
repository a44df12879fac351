import { rm } from 'node:fs/promises';
import path from 'node:path';
import { runScript } from '../support/child-process';
import { childEnvironment, testEnvironment } from '../support/test-env';
import { writeMovielensFixtures } from '../support/movielens-fixtures';
import { tempDir, type TempDir } from '../support/temp-dir';

const FIXTURES = path.join(__dirname, '../fixtures');

describe('npm run import (scripts/import.ts)', () => {
  let env: NodeJS.ProcessEnv;
  let dir: TempDir;
  let generated: { root: string; csv: string; ml100k: string };
  beforeAll(async () => (generated = await writeMovielensFixtures()));
  afterAll(() => rm(generated.root, { recursive: true, force: true }));
  beforeEach(async () => {
    env = childEnvironment(testEnvironment());
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('imports MovieLens CSVs and says what it wrote; a second run adds nothing', async () => {
    const first = await runScript('scripts/import.ts', ['--format', 'movielens-csv', generated.csv], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/items\s+8 rows from .*movies\.csv: 8 added, 0 already stored/);
    expect(first.stdout).toMatch(/interactions\s+11 rows from .*ratings\.csv: 11 added, 0 already stored/);
    expect(first.stdout).toContain('users first seen in interactions: 3; items whose popularity changed: 6');
    const second = await runScript('scripts/import.ts', ['-f', 'movielens-csv', generated.csv], env);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/items\s+8 rows from .*movies\.csv: 0 added, 8 already stored/);
    expect(second.stdout).toMatch(/interactions\s+11 rows from .*ratings\.csv: 0 added, 11 already stored/);
    expect(second.stdout).toContain('users first seen in interactions: 0; items whose popularity changed: 0');
  });

  it('imports MovieLens 100K and Personalize datasets', async () => {
    const ml100k = await runScript('scripts/import.ts', ['--format', 'movielens-100k', generated.ml100k], env);
    expect(ml100k.code).toBe(0);
    expect(ml100k.stdout).toMatch(/users\s+3 rows from .*u\.user/);
    const personalize = await runScript('scripts/import.ts', ['--format', 'personalize', path.join(FIXTURES, 'personalize')], env);
    expect(personalize.code).toBe(0);
    expect(personalize.stdout).toMatch(/interactions\s+5 rows from .*interactions\.csv/);
  });

  it('stops at a bad row naming the file and line, exit 1', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n2,1,4.0,last tuesday\n');
    const result = await runScript('scripts/import.ts', ['--format', 'movielens-csv', dir.path], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`stopped at ${path.join(dir.path, 'ratings.csv')} line 3: timestamp "last tuesday" is not a Unix timestamp in seconds.`);
    expect(result.stderr).toContain('Every row before it is stored');
  });

  it('with --skip-bad-rows reports the bad row and imports the rest', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n2,1,4.0,last tuesday\n3,1,2.5,964982800\n');
    const result = await runScript('scripts/import.ts', ['--format', 'movielens-csv', '--skip-bad-rows', dir.path], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('skipped');
    expect(result.stderr).toContain('ratings.csv:3: timestamp "last tuesday"');
    expect(result.stdout).toMatch(/interactions\s+2 rows from .*ratings\.csv: 2 added, 0 already stored, 1 bad rows skipped/);
  });

  it('refuses rows DynamoDB could not hold by file and line before writing, keeping the valid rows of the same batch', async () => {
    // Prepare: a 500 KB title on line 3 of movies.csv; Personalize interactions with an EVENT_VALUE of 1e308 and a 2,000-character EVENT_ID.
    await dir.write('movies.csv', `movieId,title,genres\n1,Heat (1995),Crime\n2,${'T'.repeat(500_000)},Drama\n3,Alien (1979),Horror\n`);
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n');
    const personalize = await tempDir();
    try {
      await personalize.write('interactions.csv', `USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,EVENT_ID\nu1,a,1700000000,view,1,e1\nu1,b,1700000001,view,1e308,e2\nu1,c,1700000002,view,1,${'x'.repeat(2000)}\nu1,d,1700000003,view,1,e4\n`);
      // Act
      const stopped = await runScript('scripts/import.ts', ['--format', 'movielens-csv', dir.path], env);
      const skipped = await runScript('scripts/import.ts', ['--format', 'personalize', '--skip-bad-rows', personalize.path], env);
      // Assess
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain(`stopped at ${path.join(dir.path, 'movies.csv')} line 3: the title is 500000 characters long, over the limit of 2000.`);
      expect(stopped.stdout).not.toContain('failed');
      expect(skipped.code).toBe(0);
      expect(skipped.stderr).toContain('interactions.csv:3: the value 1e+308 is outside ±1000000000');
      expect(skipped.stderr).toContain('interactions.csv:4: EVENT_ID is 2000 characters long, over the limit of 512');
      expect(skipped.stdout).toMatch(/interactions\s+2 rows from .*interactions\.csv: 2 added, 0 already stored, 2 bad rows skipped/);
    } finally {
      await personalize.remove();
    }
    // The row before the refused one (Heat) is stored.
    const again = await runScript('scripts/import.ts', ['--format', 'movielens-csv', '--skip-bad-rows', dir.path], env);
    expect(again.stdout).toMatch(/items\s+2 rows from .*movies\.csv: 1 added, 1 already stored, 1 bad rows skipped/);
  });

  it('refuses timestamps in the future and before 1990 unless told, and says how many rows repeated a key', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n1,Heat,Crime|Drama\n2,Alien (1979),Horror\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,5.0,964982703\n2,2,3.0,999999999999\n3,2,3.0,473385600\n');
    const strict = await runScript('scripts/import.ts', ['--format', 'movielens-csv', '--skip-bad-rows', dir.path], env);
    expect(strict.code).toBe(0);
    expect(strict.stderr).toContain('ratings.csv:4: the timestamp 999999999999 (');
    expect(strict.stderr).toContain(') is in the future');
    expect(strict.stderr).toContain('ratings.csv:5: the timestamp 473385600 (1985-01-01) is before 1990-01-01 (pass --any-timestamp if that is right)');
    expect(strict.stdout).toMatch(/items\s+3 rows from .*movies\.csv: 2 added, 0 already stored, 1 repeated a key of an earlier row \(the later replaced it\)/);
    expect(strict.stdout).toMatch(/interactions\s+2 rows from .*ratings\.csv: 1 added, 0 already stored, 1 repeated a key of an earlier row/);
    const lenient = await runScript('scripts/import.ts', ['--format', 'movielens-csv', '--skip-bad-rows', '--any-timestamp', dir.path], env);
    expect(lenient.stdout).toMatch(/interactions\s+3 rows from .*ratings\.csv: 1 added, 1 already stored, 1 repeated/);
  });

  it('exits 1 with a clear message for a missing path or the wrong format', async () => {
    const missing = await runScript('scripts/import.ts', ['--format', 'movielens-csv', path.join(dir.path, 'nowhere')], env);
    expect(missing.code).toBe(1);
    // The folder it was given, not a movies.csv beside it, and where MovieLens is found.
    expect(missing.stderr).toContain(`${path.join(dir.path, 'nowhere')}: no such file or directory: give the folder holding movies.csv and ratings.csv`);
    expect(missing.stderr).toContain('https://grouplens.org/datasets/movielens/');
    expect(missing.stderr).not.toContain('movies.csv: file not found');
    const wrong = await runScript('scripts/import.ts', ['--format', 'personalize', generated.csv], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/movies\.csv: not a Personalize dataset/);
  });

  it('exits 2 with the usage for an unknown format or no path', async () => {
    const unknown = await runScript('scripts/import.ts', ['--format', 'excel', 'x'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown format "excel"; use one of movielens-csv, movielens-100k, personalize');
    const noPath = await runScript('scripts/import.ts', ['--format', 'personalize'], env);
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toContain('give exactly one <path>');
  });
});
