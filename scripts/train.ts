import { parseArgs } from 'node:util';
import { ModelPublishConflictError } from '../src/domain/errors';
import { withScriptContainer } from '../src/local/script-container';
import { NothingToTrainError, type TrainingProgress } from '../src/services/training.service';
import { formatTrainingSummary } from '../src/services/training-summary.text';
import { stagedProgressBar } from './support/staged-progress-bar';
import { TRAINING_ARGS, TRAINING_ARGS_HELP, UsageError, mixOverrideFrom, trainingOptionsFrom } from './support/training-options';

const USAGE = `Usage: npm run train [-- options]

Trains the baseline (popularity with time decay, item-kNN, EASE) on every interaction in storage,
choosing the served mix (blend weights, new-arrival policy) on a held-out share of it,
(the same STORAGE/DATA_DIR/TABLE_PREFIX as npm start; while npm start runs, its embedded DynamoDB),
writes the artefacts under a new model version and makes it current. A running server serves the
new model within MODEL_CACHE_SECONDS (default 30). A failed training leaves the current model as it was.

Options:
${TRAINING_ARGS_HELP}`;

const STAGES: Record<TrainingProgress['stage'], string> = {
  read: 'reading interactions',
  selection: 'choosing the mix',
  matrix: 'building the matrix',
  popularity: 'popularity',
  'item-knn': 'item-kNN',
  ease: 'EASE',
  'pure-svd': 'PureSVD',
  rp3beta: 'RP3beta',
  'user-knn': 'user-kNN',
  transitions: 'session transitions',
  write: 'writing artefacts',
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { ...TRAINING_ARGS, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const options = trainingOptionsFrom(values);
  const mix = mixOverrideFrom(values);
  const bar = stagedProgressBar(' {stage} [{bar}] {percentage}%');
  try {
    return await withScriptContainer(async (container, storage) => {
      console.log(`train: from ${storage}`);
      const summary = await container.trainingService.train(options, (progress) => bar.update(STAGES[progress.stage].padEnd(20), progress.done, progress.total), mix ? { mix } : {});
      bar.stop();
      console.log(formatTrainingSummary(summary));
      return 0;
    });
  } finally {
    bar.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`train: ${(error as Error).message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof NothingToTrainError) console.error(`\ntrain: ${error.message}`);
    else if (error instanceof ModelPublishConflictError) console.error(`\ntrain: not published: ${error.message}`);
    else console.error(`\ntrain: failed, the current model is unchanged: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
