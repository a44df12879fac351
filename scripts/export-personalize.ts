import path from 'node:path';
import { parseArgs } from 'node:util';
import { NothingToExportError, exportPersonalizeDatasets } from '../src/exporters/personalize-export';
import { withScriptContainer } from '../src/local/script-container';

const USAGE = `Usage: npm run export-personalize -- [--out DIR]

Writes what storage holds (the same STORAGE/DATA_DIR/TABLE_PREFIX as npm start) as the Amazon
Personalize datasets: interactions.csv, items.csv and users.csv (when users have attributes),
each with its Avro schema (*.schema.json), and a README.md with the AWS CLI steps to import them
and create a campaign. Default DIR: export/personalize.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const directory = path.resolve(values.out ?? 'export/personalize');
  return withScriptContainer(async (container, storage) => {
    console.log(`export-personalize: from ${storage} into ${directory}`);
    const files = await exportPersonalizeDatasets({ interactions: container.interactions, catalog: container.catalog, users: container.users }, directory);
    for (const file of files) {
      console.log(`  ${file.dataset.padEnd(12)} ${file.rows.toLocaleString('en-US').padStart(10)} rows  ${path.relative(process.cwd(), file.file)} (${file.columns.join(', ')})`);
    }
    console.log(`  AWS CLI steps: ${path.relative(process.cwd(), path.join(directory, 'README.md'))}`);
    return 0;
  });
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof NothingToExportError) console.error(`export-personalize: ${error.message}`);
    else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`export-personalize: ${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    } else console.error(`export-personalize: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
