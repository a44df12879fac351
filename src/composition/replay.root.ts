import type { Config } from '../config';
import { EventRecordingService } from '../services/event-recording.service';
import { personalizeParts } from './personalize.wiring';
import { createStorage } from './storage.wiring';

export interface ReplayJob {
  /** Forwards the events Personalize did not take when they were recorded. */
  replayAll(): Promise<{ forwarded: number; failed: number }>;
  close(): void;
}

/**
 * The replay job's composition root (the scheduled replay Lambda): the events and the
 * Personalize event tracker, nothing of the GraphQL server, the recommenders or the live feeds.
 */
export function createReplayJob(options: { readonly config: Config }): ReplayJob {
  const { config } = options;
  const storage = createStorage({ config });
  // Only the event tracker is used: campaigns configured beside it are not called.
  const personalize = personalizeParts({ ...config.personalize, arn: undefined, rankingArn: undefined, relatedItemsArn: undefined });
  const events = new EventRecordingService({ events: storage.events, lists: storage.lists, interactions: storage.interactions, log: storage.log, ...(personalize?.events ? { sink: personalize.events } : {}) });
  return {
    replayAll: () => events.replayAll(),
    close: () => {
      storage.dynamoDb.close();
      personalize?.close();
    },
  };
}
