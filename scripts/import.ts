import { parseArgs } from 'node:util';
import { DATASET_FORMATS, datasetFormat } from '../src/importers/dataset-formats';
import { ImportFileError, ImportRowError } from '../src/importers/import-errors';
import { defaultTimestampPolicy } from '../src/importers/import-row.rules';
import { withScriptContainer } from '../src/local/script-container';
import { stagedProgressBar } from './support/staged-progress-bar';

const USAGE = `Usage: npm run import -- --format <format> [--skip-bad-rows] [--any-timestamp] <path>

Loads a dataset into the gateway's storage (the same STORAGE/DATA_DIR/TABLE_PREFIX as npm start;
while npm start runs, into its embedded DynamoDB). Re-running the same files adds nothing.

Formats:
${DATASET_FORMATS.map((format) => `  ${format.name.padEnd(15)} ${format.description}`).join('\n')}

Options:
  --format, -f       the format of <path> (required)
  --skip-bad-rows    report malformed rows and go on (default: stop at the first, keeping the rows before it)
  --any-timestamp    take interactions from before 1990 (later than an hour from now is always refused)
  --help, -h         this text

Exit status: 0 imported, 1 the data was refused (missing file, wrong format, bad row), 2 wrong usage.`;

const MAX_REPORTED_BAD_ROWS = 20;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { format: { type: 'string', short: 'f' }, 'skip-bad-rows': { type: 'boolean' }, 'any-timestamp': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    console.error(`import: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = args.values.format ? datasetFormat(args.values.format) : undefined;
  if (!format) {
    const given = args.values.format ? `unknown format "${args.values.format}"` : 'no --format given';
    console.error(`import: ${given}; use one of ${DATASET_FORMATS.map((known) => known.name).join(', ')}\n\n${USAGE}`);
    return 2;
  }
  const [target, ...extra] = args.positionals;
  if (!target || extra.length > 0) {
    console.error(`import: give exactly one <path>${extra.length > 0 ? ` (got ${args.positionals.length})` : ''}\n\n${USAGE}`);
    return 2;
  }

  // Files are checked before storage is touched: a wrong format writes nothing.
  const parts = await format.open(target);
  const skipBadRows = Boolean(args.values['skip-bad-rows']);
  let badRows = 0;
  const bar = stagedProgressBar(' {kind} [{bar}] {percentage}% | {rows} rows | {stage}');
  try {
    return await withScriptContainer(async (container, storage) => {
      console.log(`import: ${format.name} from ${target} into ${storage}`);
      const timestamps = defaultTimestampPolicy();
      const summary = await container.importService.importParts(parts, {
        skipBadRows,
        timestamps: args.values['any-timestamp'] ? { ...timestamps, earliest: undefined } : timestamps,
        onProgress: (progress) =>
          bar.update(progress.file, progress.bytesRead, progress.totalBytes, { kind: progress.kind.padEnd(12), rows: progress.rows.toLocaleString('en-US') }),
        onBadRow: (error) => {
          badRows++;
          if (badRows <= MAX_REPORTED_BAD_ROWS) console.error(`\nimport: skipped ${error.message}`);
        },
      });
      bar.stop();
      console.log(`import: done in ${(summary.durationMs / 1000).toFixed(1)} s`);
      for (const part of summary.parts) {
        const skipped = part.skipped > 0 ? `, ${part.skipped.toLocaleString('en-US')} bad rows skipped` : '';
        const repeated = part.repeated > 0 ? `, ${part.repeated.toLocaleString('en-US')} repeated a key of an earlier row (the later replaced it)` : '';
        const stored = `${part.added.toLocaleString('en-US')} added, ${part.alreadyStored.toLocaleString('en-US')} already stored${repeated}`;
        console.log(`  ${part.kind.padEnd(12)} ${part.rows.toLocaleString('en-US').padStart(10)} rows from ${part.file}: ${stored}${skipped}`);
      }
      if (badRows > MAX_REPORTED_BAD_ROWS) console.log(`  (${badRows - MAX_REPORTED_BAD_ROWS} more bad rows were skipped without a message)`);
      console.log(`  users first seen in interactions: ${summary.usersCreated}; items whose popularity changed: ${summary.popularityUpdated}`);
      return 0;
    });
  } finally {
    bar.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof ImportRowError) {
      console.error(
        `\nimport: stopped at ${error.file} line ${error.line}: ${error.reason}.\n` +
          'Every row before it is stored. Fix the row and run the import again (stored rows are not duplicated), or pass --skip-bad-rows.',
      );
    } else if (error instanceof ImportFileError) {
      console.error(`\nimport: ${error.file}: ${error.reason}`);
    } else {
      console.error(`\nimport: failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    process.exit(1);
  });
