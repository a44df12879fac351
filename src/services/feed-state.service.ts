import type { UserId } from '../domain/user';
import type { FeedbackEventStore } from '../ports/feedback-event-store.port';
import type { ModelReader } from '../ports/model-store.port';

export interface FeedState {
  readonly modelVersion: string | undefined;
  readonly modelTrainedAt: number | undefined;
  /** When the user's newest event was received. */
  readonly lastEventAt: number | undefined;
  /** The later of the two: a list generated before this may be stale. */
  readonly changedAt: number | undefined;
}

/**
 * What a polling client needs to know whether its list is stale, for two cheap reads (the
 * cached model pointer, one index entry) instead of a new list: where subscriptions cannot
 * be served (Lambda), clients poll this and fetch a list when `changedAt` passes the
 * `generatedAt` of the one they show.
 */
export class FeedStateService {
  constructor(private readonly ports: { readonly models: Pick<ModelReader, 'currentModel'>; readonly events: Pick<FeedbackEventStore, 'lastReceivedAt'> }) {}

  async state(userId: UserId): Promise<FeedState> {
    const [model, lastEventAt] = await Promise.all([this.ports.models.currentModel(), this.ports.events.lastReceivedAt(userId)]);
    const times = [model?.trainedAt, lastEventAt].filter((time): time is number => time !== undefined);
    return { modelVersion: model?.version, modelTrainedAt: model?.trainedAt, lastEventAt, changedAt: times.length > 0 ? Math.max(...times) : undefined };
  }
}
