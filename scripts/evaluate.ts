import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { readEvaluationDataset } from '../src/evaluation/dataset-reader';
import { evaluateNextItem, type NextItemReport } from '../src/evaluation/next-item-evaluation';
import { evaluateBaselines, type EvaluationReport } from '../src/evaluation/offline-evaluation';
import { DATASET_FORMATS, datasetFormat } from '../src/importers/dataset-formats';
import { ImportFileError, ImportRowError } from '../src/importers/import-errors';
import { TRAINING_ARGS, TRAINING_ARGS_HELP, UsageError, mixOverrideFrom, numberOption, trainingOptionsFrom } from './support/training-options';

const USAGE = `Usage: npm run evaluate -- --format <format> <path> [options]

Evaluates the baseline's models offline on a dataset's files (the protocol of docs/evaluation.md:
per-user random 80/20 holdout, seeded LCG), and prints Recall@10/20, NDCG@10/20, Precision@10,
MRR@20, catalogue coverage@10 and training time per model.

Formats: ${DATASET_FORMATS.map((format) => format.name).join(', ')}

With --protocol next-item: per user, events ordered by time, the last one held out; the
session is the user's events in the 30 minutes before it (at most 10). Prints HitRate@10/20
and MRR@20 for MostPop, the long-term list as served without the session and with it.

Options:
  --protocol P         holdout (default) or next-item
  --json FILE          also write the report as JSON
  --seed N             holdout seed (default 42)
${TRAINING_ARGS_HELP}`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f' },
      json: { type: 'string' },
      seed: { type: 'string' },
      protocol: { type: 'string' },
      ...TRAINING_ARGS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const format = values.format ? datasetFormat(values.format) : undefined;
  const [target, ...extra] = positionals;
  if (!format || !target || extra.length > 0) throw new UsageError(!format ? `give --format (${DATASET_FORMATS.map((known) => known.name).join(', ')})` : 'give exactly one <path>');
  const training = trainingOptionsFrom(values);
  const dataset = await readEvaluationDataset(await format.open(target));
  console.log(`evaluate: ${dataset.positives.length.toLocaleString('en-US')} interactions, ${dataset.catalogue.length.toLocaleString('en-US')} items from ${target}`);
  const protocol = values.protocol ?? 'holdout';
  if (protocol !== 'holdout' && protocol !== 'next-item') throw new UsageError(`--protocol is holdout or next-item, got "${protocol}"`);
  const mix = mixOverrideFrom(values);
  const options = { seed: numberOption(values, 'seed', 42), training, ...(mix ? { mix } : {}) };
  const report = protocol === 'next-item' ? evaluateNextItem(dataset.positives, dataset.catalogue, options) : evaluateBaselines(dataset.positives, dataset.catalogue, options);
  if ('protocol' in report) printNextItemReport(report);
  else printReport(report);
  if (values.json) {
    await writeFile(values.json, `${JSON.stringify({ dataset: target, format: format.name, training, ...report }, null, 2)}\n`);
    console.log(`evaluate: wrote ${values.json}`);
  }
  return 0;
}

function printReport(report: EvaluationReport): void {
  console.log(`${report.users} users with held-out rows, ${report.items} items, ${report.trainRows} training and ${report.testRows} test rows\n`);
  console.log('| model | Recall@10 | NDCG@10 | Recall@20 | NDCG@20 | Precision@10 | MRR@20 | coverage@10 | fit (s) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const m of report.models) {
    const cells = [m.recall10, m.ndcg10, m.recall20, m.ndcg20, m.precision10, m.mrr20, m.coverage10].map((value) => value.toFixed(4));
    console.log(`| ${m.model} | ${cells.join(' | ')} | ${m.fitSeconds.toFixed(1)} |`);
  }
  if (report.selection) {
    const { validationRecall20, validationNdcg20, mixesTried, seconds } = report.selection;
    console.log(`\nThe served mix was chosen among ${mixesTried} on a held-out 20% of the training rows (validation Recall@20 ${validationRecall20.toFixed(4)}, NDCG@20 ${validationNdcg20.toFixed(4)}; ${seconds.toFixed(1)} s); the test rows played no part.`);
  }
}

function printNextItemReport(report: NextItemReport): void {
  console.log(`${report.users} users, each with their last event held out (${report.withSession} of them with a session before it), ${report.items} items, ${report.trainRows} training rows\n`);
  console.log('| list | HitRate@10 | HitRate@20 | MRR@20 | fit (s) |');
  console.log('|---|---|---|---|---|');
  for (const row of report.models) console.log(`| ${row.model} | ${row.hitRate10.toFixed(4)} | ${row.hitRate20.toFixed(4)} | ${row.mrr20.toFixed(4)} | ${row.fitSeconds.toFixed(1)} |`);
  if (report.selection) {
    const { weight, cases, tried } = report.selection.sessionWeight;
    console.log(`\nThe session weight ${weight} was chosen on ${cases} next-item cases inside the training rows (HitRate@20 ${tried.map((entry) => `${entry.weight}: ${entry.hitRate20.toFixed(4)}`).join(', ')}); the test rows played no part.`);
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`evaluate: ${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ImportRowError) console.error(`evaluate: cannot read ${error.file} line ${error.line}: ${error.reason}`);
    else if (error instanceof ImportFileError) console.error(`evaluate: ${error.file}: ${error.reason}`);
    else console.error(`evaluate: failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
