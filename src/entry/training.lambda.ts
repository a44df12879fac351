import { loadConfig } from '../config';
import { createContainer } from '../container';
import { jsonLog } from '../logger';
import { formatTrainingSummary } from '../services/training-summary.text';

const container = createContainer({ config: loadConfig() });

/** The scheduled training run (serverless.yml, `train`): trains the baseline on what the tables hold. */
export async function handler(): Promise<{ modelVersion: string; summary: string }> {
  const summary = await container.trainingService.train();
  const text = formatTrainingSummary(summary);
  jsonLog({ level: 'info', message: 'trained', summary: text });
  return { modelVersion: summary.model.version, summary: text };
}
