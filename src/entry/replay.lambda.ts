import { loadConfig } from '../config';
import { createReplayJob } from '../composition/replay.root';
import { jsonLog } from '../logger';

const job = createReplayJob({ config: loadConfig() });

/** The scheduled replay (serverless.yml, `replay`): forwards the events Personalize did not take when they were recorded. */
export async function handler(): Promise<{ forwarded: number; failed: number }> {
  const { forwarded, failed } = await job.replayAll();
  jsonLog({ level: failed > 0 ? 'warn' : 'info', message: 'replayed pending events', forwarded, failed });
  return { forwarded, failed };
}
