import { PutEventsCommand, type PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeUnavailableError, type PersonalizeEvent, type PersonalizeEventSink } from '../../ports/personalize.port';
import { reasonOf } from './personalize-recommender';

/** PutEvents takes at most 10 events a call and 25 impression ids an event. */
export const EVENTS_PER_CALL = 10;
export const IMPRESSIONS_PER_EVENT = 25;

/**
 * Forwards events within PutEvents' limits: an impression longer than 25 ids becomes several
 * events (ids `<eventId>#2`, `#3` …, so a replay sends the same ids), then calls of 10 events.
 */
export class AwsPersonalizeEventSink implements PersonalizeEventSink {
  constructor(
    private readonly client: PersonalizeEventsClient,
    private readonly trackingId: string,
    private readonly budgetMs: number,
  ) {}

  async putEvents(userId: string, sessionId: string, events: readonly PersonalizeEvent[]): Promise<{ calls: number; events: number }> {
    const split = events.flatMap(splitImpressions);
    let calls = 0;
    for (let start = 0; start < split.length; start += EVENTS_PER_CALL) {
      const eventList = split.slice(start, start + EVENTS_PER_CALL).map((event) => ({
        eventId: event.eventId,
        eventType: event.eventType,
        sentAt: event.sentAt,
        ...(event.itemId ? { itemId: event.itemId } : {}),
        ...(event.value !== undefined ? { eventValue: event.value } : {}),
        ...(event.recommendationId ? { recommendationId: event.recommendationId } : {}),
        ...(event.impression && event.impression.length > 0 ? { impression: [...event.impression] } : {}),
      }));
      try {
        await this.client.send(new PutEventsCommand({ trackingId: this.trackingId, userId, sessionId, eventList }), { abortSignal: AbortSignal.timeout(this.budgetMs) });
      } catch (error) {
        throw new PersonalizeUnavailableError(reasonOf(error), `PutEvents failed after ${start} of ${split.length} events: ${(error as Error).message}`, { cause: error });
      }
      calls++;
    }
    return { calls, events: split.length };
  }
}

function splitImpressions(event: PersonalizeEvent): PersonalizeEvent[] {
  const impression = event.impression ?? [];
  if (impression.length <= IMPRESSIONS_PER_EVENT) return [event];
  const parts: PersonalizeEvent[] = [];
  for (let start = 0; start < impression.length; start += IMPRESSIONS_PER_EVENT) {
    const part = start / IMPRESSIONS_PER_EVENT;
    parts.push({ ...event, eventId: part === 0 ? event.eventId : `${event.eventId}#${part + 1}`, impression: impression.slice(start, start + IMPRESSIONS_PER_EVENT) });
  }
  return parts;
}
