import { loadConfig } from '../config';
import { createTrainer } from '../composition/trainer.root';
import { ModelPublishConflictError } from '../domain/errors';
import { jsonLog } from '../logger';
import { formatTrainingSummary } from '../services/training-summary.text';

const trainer = createTrainer({ config: loadConfig() });

/** The scheduled training run (serverless.yml, `train`): trains the baseline on what the tables hold. */
export async function handler(): Promise<{ modelVersion: string | undefined; summary: string }> {
  let summary;
  try {
    summary = await trainer.trainingService.train();
  } catch (error) {
    // Two runs overlapped (a retry, or a training started by hand): the other one's model is current and just as fresh.
    if (!(error instanceof ModelPublishConflictError)) throw error;
    jsonLog({ level: 'warn', message: 'training dropped', reason: error.message });
    return { modelVersion: undefined, summary: error.message };
  }
  const text = formatTrainingSummary(summary);
  jsonLog({ level: 'info', message: 'trained', summary: text });
  return { modelVersion: summary.model.version, summary: text };
}
