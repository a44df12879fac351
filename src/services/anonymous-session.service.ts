import { ANONYMOUS_SESSION_MAX_EVENTS, type AnonymousSession, type AnonymousSessionEvent } from '../domain/anonymous-session';
import { ConflictError, DependencyUnavailableError, ForbiddenError, InvalidArgumentError, RateLimitedError } from '../domain/errors';
import type { Item, ItemId } from '../domain/item';
import type { AnonymousSessionStore } from '../ports/anonymous-session-store.port';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import { rethrowFirstError } from '../support/batch-results';
import { RateLimiter } from '../support/rate-limiter';
import { attributionOf, servedListOf } from './event-attribution';
import { payloadHashOf, type CheckedInput } from './event-input.validation';
import { checkedAnonymousSessionId } from './recommendation-request.validation';
import type { EventOutcome } from './event-recording.service';

/** Writers of one session that lose the version race read it again; past this many, the client is told to retry. */
const WRITE_ATTEMPTS = 5;

export interface AnonymousSessionOptions {
  /** A session is forgotten this long after its last event (ANONYMOUS_SESSION_TTL_MINUTES). */
  readonly ttlMs: number;
  /** Events one session may send a minute on average, in bursts of as many (ANONYMOUS_SESSION_EVENTS_PER_MINUTE). */
  readonly eventsPerMinute: number;
}

/**
 * Clicks and interactions of visitors without an account (AUTH_ALLOW_ANONYMOUS), under the
 * sessionId their client generated: stored in the session's own record, never in a user's
 * history, the events log or Personalize; bounded (the newest ANONYMOUS_SESSION_MAX_EVENTS,
 * `eventsPerMinute` a session) and forgotten `ttlMs` after the last one. Exactly once per
 * (session, eventId), like a user's events: a retry is a duplicate, a reuse of the id with
 * other content a CONFLICT.
 */
export class AnonymousSessionService {
  private readonly rate: RateLimiter;

  constructor(
    private readonly ports: { readonly sessions: AnonymousSessionStore; readonly lists: RecommendationListStore },
    private readonly options: AnonymousSessionOptions,
    private readonly clock: () => number = Date.now,
  ) {
    this.rate = new RateLimiter(options.eventsPerMinute / 60, options.eventsPerMinute, 100_000, clock);
  }

  async record(input: CheckedInput, items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>): Promise<EventOutcome> {
    if (input.sessionId === undefined) throw new ForbiddenError('Sign in to record events, or send them with the sessionId of an anonymous session.');
    const sessionId = checkedAnonymousSessionId(input.sessionId, 'sessionId');
    if (input.kind === 'IMPRESSION' || !input.interactionType) throw new ForbiddenError('Impressions are recorded for signed-in users only; an anonymous session keeps its clicks and interactions.');
    const retryAfter = this.rate.take(sessionId);
    if (retryAfter > 0) throw new RateLimitedError(`This anonymous session sends more than ${this.options.eventsPerMinute} events a minute; retry in ${retryAfter} s.`, retryAfter);
    const list = input.recommendationId ? await servedListOf(this.ports.lists, undefined, input.recommendationId) : undefined;
    const attribution = list ? attributionOf(list, input) : undefined;
    const itemId = input.itemIds[0] ?? '';
    if (!list) {
      const [item] = rethrowFirstError(await items([itemId]));
      if (!item) throw new InvalidArgumentError('itemId', `names no item in the catalogue: "${itemId}"`);
    }
    const now = this.clock();
    const event: AnonymousSessionEvent = { eventId: input.eventId, itemId, type: input.interactionType, occurredAt: input.occurredAt ?? now, payloadHash: payloadHashOf(input) };
    const outcome = { eventId: input.eventId, kind: input.kind, forwarded: false, attribution };
    for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
      const stored = await this.ports.sessions.read(sessionId, { consistent: true });
      const earlier = stored?.events.find((entry) => entry.eventId === event.eventId);
      if (earlier) {
        if (earlier.payloadHash !== event.payloadHash) throw new ConflictError(`Event "${event.eventId}" was recorded before with other content; send a new eventId for a new event.`);
        return { ...outcome, duplicate: true };
      }
      if (await this.ports.sessions.write(withEvent(sessionId, stored, event, now + this.options.ttlMs), stored?.version)) return { ...outcome, duplicate: false };
    }
    throw new DependencyUnavailableError('anonymous-sessions', `session ${sessionId} was written by ${WRITE_ATTEMPTS} other requests meanwhile`);
  }
}

/** The session with one more event: newest first by time of the event, the oldest dropped past the cap. */
function withEvent(sessionId: string, stored: AnonymousSession | undefined, event: AnonymousSessionEvent, expiresAt: number): AnonymousSession {
  const events = [event, ...(stored?.events ?? [])].sort((a, b) => b.occurredAt - a.occurredAt).slice(0, ANONYMOUS_SESSION_MAX_EVENTS);
  return { sessionId, version: (stored?.version ?? 0) + 1, events, expiresAt };
}
