import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runScript } from '../support/child-process';
import { childEnvironment, testEnvironment } from '../support/test-env';
import { writeMovielensCsv } from '../support/movielens-fixtures';
import { tempDir, type TempDir } from '../support/temp-dir';


describe('npm run train and npm run evaluate', () => {
  let dir: TempDir;
  let movielens: string;
  beforeEach(async () => {
    dir = await tempDir();
    movielens = await writeMovielensCsv(path.join(dir.path, 'movielens-csv'));
  });
  afterEach(() => dir.remove());

  it('train: says there is nothing to train on in an empty database (exit 1), then trains what was imported', async () => {
    const env = childEnvironment(testEnvironment());
    const empty = await runScript('scripts/train.ts', [], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('there are no interactions to train on: import some first');

    expect((await runScript('scripts/import.ts', ['--format', 'movielens-csv', movielens], env)).code).toBe(0);
    const trained = await runScript('scripts/train.ts', ['--half-life', '7', '--lambda', '50'], env);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toContain('models: popularity (half-life 7 d), item-kNN (100 neighbours, for similar items and when weighed), and those the mix weighs: ');
    // A hyper-parameter given by hand is used as is; the others are chosen on validation.
    expect(trained.stdout).toMatch(/\| EASE alone \| λ 50, top (50|100) \| \d\.\d{4} \| \d\.\d{4} \|/);
    expect(trained.stdout).toMatch(/\| → the served mix \| \| \d\.\d{4} \| \d\.\d{4} \|/);
    expect(trained.stdout).toMatch(/trained model v\S+ on 11 interactions of 3 users and 6 items/);
    expect(trained.stdout).toMatch(/read \d+\.\d s, fit \d+\.\d s \(matrix \d+\.\d s, popularity \d+\.\d s, item-knn \d+\.\d s.*\), write \d+\.\d s/);
    expect(trained.stdout).toMatch(/artefacts: \d+\.\d MiB/);
  });

  it('train: refuses a model option that is not a number (exit 2)', async () => {
    const result = await runScript('scripts/train.ts', ['--lambda', 'lots'], childEnvironment(testEnvironment()));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--lambda must be a number of at least 0.001, got "lots"');
  });

  it('evaluate: prints the metrics of every model and writes JSON', async () => {
    const out = path.join(dir.path, 'report.json');
    const result = await runScript('scripts/evaluate.ts', ['--format', 'movielens-csv', movielens, '--json', out], childEnvironment({}));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('| model | Recall@10 | NDCG@10 | Recall@20 | NDCG@20 | Precision@10 | MRR@20 | coverage@10 | fit (s) |');
    for (const model of ['MostPop (all-time)', 'ItemKNN', 'EASE', 'PureSVD', 'RP3beta', 'UserKNN', 'PureSVD alone, as served', 'UserKNN alone, as served', 'Baseline, the hand-set mix of before', 'Baseline as served (chosen on validation: ']) {
      expect(result.stdout).toContain(`| ${model}`);
    }
    expect(result.stdout).toMatch(/The served mix was chosen among \d+ on a held-out 20% of the training rows/);
    const report = JSON.parse(await readFile(out, 'utf8')) as { models: { model: string; recall20: number }[]; trainRows: number; testRows: number };
    expect(report.trainRows + report.testRows).toBe(11);
    // MostPop, popularity, the five models on whole histories and alone as served, the old mix, as served, and the served weights under the two other new-arrival policies.
    expect(report.models).toHaveLength(16);
    expect(report.models.filter((model) => model.model.includes('with new arrivals'))).toHaveLength(2);
    for (const model of report.models) expect(model.recall20).toBeGreaterThanOrEqual(0);
  });

  it('evaluate: names the line of a file it cannot parse', async () => {
    await dir.write('movies.csv', 'movieId,title,genres\n1,Heat (1995),Crime\n');
    await dir.write('ratings.csv', 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,1,4.0\n');
    const result = await runScript('scripts/evaluate.ts', ['--format', 'movielens-csv', dir.path], childEnvironment({}));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot read ${path.join(dir.path, 'ratings.csv')} line 3: expected 4 fields, found 3`);
  });
});

describe('npm run export-personalize', () => {
  it('exits 1 on an empty database, then writes the datasets of what was imported', async () => {
    const dir = await tempDir();
    try {
      const env = childEnvironment(testEnvironment());
      const empty = await runScript('scripts/export-personalize.ts', ['--out', dir.path], env);
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain('there are no interactions to export');
      await runScript('scripts/import.ts', ['--format', 'movielens-csv', await writeMovielensCsv(path.join(dir.path, 'in'))], env);
      const exported = await runScript('scripts/export-personalize.ts', ['--out', path.join(dir.path, 'out')], env);
      expect(exported.code).toBe(0);
      expect(exported.stdout).toMatch(/Interactions\s+11 rows\s+\S+interactions\.csv \(USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, EVENT_VALUE, EVENT_ID\)/);
      expect(exported.stdout).toMatch(/Items\s+8 rows/);
      expect(await readFile(path.join(dir.path, 'out', 'interactions.csv'), 'utf8')).toContain('1,1,964900001,rating,4,rating:1:964900001\n');
    } finally {
      await dir.remove();
    }
  });
});
