import { PutEventsCommand, type PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { PersonalizeUnavailableError, type PersonalizeEvent, type PersonalizeEventSink } from '../../ports/personalize.port';
import type { CircuitBreaker } from '../../support/circuit-breaker';
import { guardedCall } from './personalize-recommender';

/** PutEvents takes at most 10 events a call and 25 impression ids an event. */
export const EVENTS_PER_CALL = 10;
export const IMPRESSIONS_PER_EVENT = 25;

/**
 * Forwards events within PutEvents' limits: an impression longer than 25 ids becomes several
 * events (ids `<eventId>#2`, `#3` …, so a replay sends the same ids), then calls of 10 events.
 * Calls go through the runtime's circuit breaker: while Personalize is down a click does not
 * wait out the budget, it fails at once and the event stays pending for the replay.
 */
export class AwsPersonalizeEventSink implements PersonalizeEventSink {
  constructor(
    private readonly client: PersonalizeEventsClient,
    private readonly trackingId: string,
    private readonly budgetMs: number,
    private readonly breaker: CircuitBreaker,
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
        await guardedCall(this.breaker, this.budgetMs, (abortSignal) => this.client.send(new PutEventsCommand({ trackingId: this.trackingId, userId, sessionId, eventList }), { abortSignal }));
      } catch (error) {
        const failure = error as PersonalizeUnavailableError;
        throw new PersonalizeUnavailableError(failure.reason, `PutEvents failed after ${start} of ${split.length} events: ${failure.message}`, { cause: error });
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
