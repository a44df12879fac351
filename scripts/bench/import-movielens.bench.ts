import { rm, mkdtemp, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { movielensCsvFormat } from '../../src/importers/movielens-csv.format';
import { startEmbeddedDynamoDb } from '../../src/local/embedded-dynamodb';

/**
 * Times `import --format movielens-csv` of a MovieLens directory (default: ml-latest-small
 * in ../shared/datasets) into a fresh embedded DynamoDB, on disk as `npm start` uses it and
 * in memory, then imports it again to time (and check) the idempotent re-run.
 */
const USAGE = 'Usage: npm run bench:import -- [--dataset DIR] [--runs N]';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dataset: { type: 'string' }, runs: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) return console.log(USAGE);
  const dataset = path.resolve(values.dataset ?? path.join(__dirname, '../../../shared/datasets/ml-latest-small'));
  if (!(await stat(dataset).catch(() => undefined))?.isDirectory()) {
    throw new Error(`no dataset at ${dataset} (pass --dataset DIR holding ratings.csv and movies.csv)`);
  }
  const runs = Number(values.runs ?? 1);
  console.log(`machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log(`dataset: ${dataset}\n`);
  console.log('| store | run | first import (s) | re-import (s) | items | users | interactions | rows/s (first) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const store of ['disk', 'memory'] as const) {
    for (let run = 1; run <= runs; run++) {
      const directory = store === 'disk' ? await mkdtemp(path.join(os.tmpdir(), 'recgate-bench-')) : undefined;
      const dynamoDb = await startEmbeddedDynamoDb(directory ? { directory } : {});
      const container = createContainer({ config: loadConfig({ STORAGE: 'memory' }), dynamoDbEndpoint: dynamoDb.endpoint });
      try {
        await container.ensureTables();
        const first = await container.importService.importParts(await movielensCsvFormat.open(dataset), { skipBadRows: false });
        const again = await container.importService.importParts(await movielensCsvFormat.open(dataset), { skipBadRows: false });
        const [items, users, interactions] = await Promise.all([container.catalog.count(), container.users.count(), container.interactions.count()]);
        const rows = first.parts.reduce((sum, part) => sum + part.rows, 0);
        if (again.usersCreated !== 0 || again.popularityUpdated !== 0) throw new Error('the re-import changed derived data');
        console.log(
          `| ${store} | ${run} | ${(first.durationMs / 1000).toFixed(1)} | ${(again.durationMs / 1000).toFixed(1)} | ${items} | ${users} | ${interactions} | ${Math.round(rows / (first.durationMs / 1000))} |`,
        );
      } finally {
        container.close();
        await dynamoDb.close();
        if (directory) await rm(directory, { recursive: true, force: true });
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
