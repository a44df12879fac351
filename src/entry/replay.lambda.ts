import { loadConfig } from '../config';
import { createContainer } from '../container';
import { jsonLog } from '../logger';

const container = createContainer({ config: loadConfig() });

/** The scheduled replay (serverless.yml, `replay`): forwards the events Personalize did not take when they were recorded. */
export async function handler(): Promise<{ forwarded: number; failed: number }> {
  const { forwarded, failed } = await container.eventService.replayAll();
  jsonLog({ level: failed > 0 ? 'warn' : 'info', message: 'replayed pending events', forwarded, failed });
  return { forwarded, failed };
}
