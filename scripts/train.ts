import { SingleBar } from 'cli-progress';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { createContainer } from '../src/container';
import { openLocalStorageForScript } from '../src/local/local-storage';
import { NothingToTrainError, type TrainingProgress } from '../src/services/training.service';
import { formatTrainingSummary } from '../src/services/training-summary.text';

const USAGE = `Usage: npm run train

Trains the baseline (popularity with time decay, item-kNN, EASE) on every interaction in storage
(the same STORAGE/DATA_DIR/TABLE_PREFIX as npm start; while npm start runs, its embedded DynamoDB),
writes the artefacts under a new model version and makes it current. A running server serves the
new model within MODEL_CACHE_SECONDS (default 30). A failed training leaves the current model as it was.`;

const STAGES: Record<TrainingProgress['stage'], string> = {
  read: 'reading interactions',
  matrix: 'building the matrix',
  popularity: 'popularity',
  'item-knn': 'item-kNN',
  ease: 'EASE',
  write: 'writing artefacts',
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig();
  const storage = await openLocalStorageForScript(config.storage);
  const container = createContainer({ config, dynamoDbEndpoint: storage.endpoint });
  const bar = new SingleBar({ format: ' {stage} [{bar}] {percentage}%', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000, hideCursor: true });
  let stage: string | undefined;
  try {
    console.log(`train: from ${storage.description}`);
    await container.ensureTables();
    const summary = await container.trainingService.train(undefined, (progress) => {
      const label = STAGES[progress.stage].padEnd(20);
      if (stage !== label) {
        if (stage) bar.stop();
        stage = label;
        bar.start(Math.max(progress.total, 1), progress.done, { stage: label });
      } else {
        bar.setTotal(Math.max(progress.total, 1));
        bar.update(progress.done, { stage: label });
      }
    });
    bar.stop();
    console.log(formatTrainingSummary(summary));
    return 0;
  } finally {
    bar.stop();
    container.close();
    await storage.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof NothingToTrainError) console.error(`\ntrain: ${error.message}`);
    else console.error(`\ntrain: failed, the current model is unchanged: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
