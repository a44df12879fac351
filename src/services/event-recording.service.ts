import { ConflictError, ForbiddenError, InvalidArgumentError } from '../domain/errors';
import type { Attribution, FeedbackEvent, FeedbackKind } from '../domain/feedback-event';
import type { InteractionType } from '../domain/interaction';
import type { Item, ItemId } from '../domain/item';
import type { FeedbackEventStore } from '../ports/feedback-event-store.port';
import type { FeedNotifier } from '../ports/feed-notifier.port';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { PersonalizeEvent, PersonalizeEventSink } from '../ports/personalize.port';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import { rethrowFirstError } from '../support/batch-results';
import { withinBudget } from '../support/within-budget';
import type { AnonymousSessionService } from './anonymous-session.service';
import { attributionOf, servedListOf } from './event-attribution';
import { checkedEventInput, DEFAULT_EVENT_VALUE_RANGES, payloadHashOf, type EventValueRanges } from './event-input.validation';

export const MAX_EVENTS_PER_BATCH = 100;
/** How long an event's answer waits for its live-feed notification (pushes on Lambda). */
export const NOTIFY_BUDGET_MS = 500;

export interface EventInput {
  readonly kind: FeedbackKind;
  readonly eventId: string;
  readonly recommendationId?: string | null;
  /** CLICK and INTERACTION. */
  readonly itemId?: string | null;
  /** IMPRESSION. */
  readonly itemIds?: readonly string[] | null;
  /** INTERACTION. */
  readonly type?: InteractionType | null;
  readonly value?: number | null;
  /** Epoch milliseconds; receipt time when absent. */
  readonly occurredAt?: number | null;
  /** The client's visit: what session-based lists follow, and Personalize's session (the user id when absent); an anonymous visitor's events are kept under it. */
  readonly sessionId?: string | null;
}

export interface EventOutcome {
  readonly eventId: string;
  readonly kind: FeedbackKind;
  /** The event had been recorded before (a retry): nothing new was stored. */
  readonly duplicate: boolean;
  /** Personalize has it (false: not configured, or forwarding failed and the replay job will send it). */
  readonly forwarded: boolean;
  readonly attribution: Attribution | undefined;
}

export interface EventRecordingPorts {
  readonly events: FeedbackEventStore;
  readonly lists: RecommendationListStore;
  readonly interactions: Pick<InteractionStoreWriter, 'putInteractions'>;
  /** Absent when no Personalize event tracker is configured. */
  readonly sink?: PersonalizeEventSink;
  readonly notifier?: FeedNotifier;
  readonly log?: (line: Record<string, unknown>) => void;
  /** Where the events of visitors without an account go (AUTH_ALLOW_ANONYMOUS); absent: they are refused. */
  readonly anonymous?: AnonymousSessionService;
}

/**
 * Records impressions, clicks and interactions exactly once per (user, eventId): checks the
 * input and the list it names (the viewer's own, holding the items), stores the event (a
 * conditional write, so retries and concurrent duplicates store nothing more), writes clicks
 * and interactions into the history that the next list reads, tells subscribers, and forwards
 * to Personalize. Stored first, forwarded second: an event Personalize did not take stays
 * pending for `replayPending`.
 */
export class EventRecordingService {
  constructor(
    private readonly ports: EventRecordingPorts,
    private readonly clock: () => number = Date.now,
    private readonly ranges: EventValueRanges = DEFAULT_EVENT_VALUE_RANGES,
  ) {}

  async record(userId: string | undefined, input: EventInput, items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>): Promise<EventOutcome> {
    const now = this.clock();
    if (userId === undefined) {
      if (!this.ports.anonymous) throw new ForbiddenError('Sign in to record events.');
      return this.ports.anonymous.record(checkedEventInput(input, now, this.ranges), items);
    }
    const checked = checkedEventInput(input, now, this.ranges);
    const list = checked.recommendationId ? await servedListOf(this.ports.lists, userId, checked.recommendationId) : undefined;
    const attribution = list ? attributionOf(list, checked) : undefined;
    if (!list) {
      const [item] = rethrowFirstError(await items([checked.itemIds[0] ?? '']));
      if (!item) throw new InvalidArgumentError('itemId', `names no item in the catalogue: "${checked.itemIds[0] ?? ''}"`);
    }
    const event: FeedbackEvent = {
      userId,
      eventId: checked.eventId,
      kind: checked.kind,
      itemIds: checked.itemIds,
      interactionType: checked.interactionType,
      value: checked.value,
      attribution,
      occurredAt: checked.occurredAt ?? now,
      receivedAt: now,
      payloadHash: payloadHashOf(checked),
      forward: this.ports.sink ? 'PENDING' : 'NOT_CONFIGURED',
    };
    const stored = await this.ports.events.putIfAbsent(event);
    if (!stored.created) {
      if (stored.existing.payloadHash !== event.payloadHash) {
        throw new ConflictError(`Event "${event.eventId}" was recorded before with other content; send a new eventId for a new event.`);
      }
      // A retry after a lost answer: make sure the history write of the first attempt happened.
      await this.writeHistory(stored.existing, checked.sessionId);
      return { eventId: event.eventId, kind: event.kind, duplicate: true, forwarded: stored.existing.forward === 'FORWARDED', attribution: stored.existing.attribution };
    }
    await this.writeHistory(event, checked.sessionId);
    // Live feeds are a courtesy: waited for at most NOTIFY_BUDGET_MS (a Lambda's pushes must be sent before it answers; a slow Redis or push must not slow the answer).
    if (this.ports.notifier) {
      const notified = this.ports.notifier.publish({ kind: 'USER_EVENTS', userId });
      await withinBudget(notified, NOTIFY_BUDGET_MS, (error) => this.ports.log?.({ level: 'warn', message: 'feed notification failed', userId, error: String(error) }));
    }
    const forwarded = await this.forward(userId, checked.sessionId ?? userId, [event]);
    return { eventId: event.eventId, kind: event.kind, duplicate: false, forwarded, attribution };
  }

  /**
   * A batch a client queued (offline): at most MAX_EVENTS_PER_BATCH, each recorded on its own,
   * in order; a refused event is answered with its error and does not stop the others.
   */
  async recordAll(userId: string | undefined, inputs: readonly EventInput[], items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>): Promise<(EventOutcome | Error)[]> {
    if (inputs.length > MAX_EVENTS_PER_BATCH) throw new InvalidArgumentError('events', `takes at most ${MAX_EVENTS_PER_BATCH} events, got ${inputs.length}`);
    const outcomes: (EventOutcome | Error)[] = [];
    for (const input of inputs) outcomes.push(await this.record(userId, input, items).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    return outcomes;
  }

  /**
   * Sends the events that Personalize did not take when they were recorded, each with its own
   * eventId, and marks them sent. Returns how many were forwarded and how many are still pending.
   */
  async replayPending(batch = 100): Promise<{ forwarded: number; failed: number }> {
    if (!this.ports.sink) return { forwarded: 0, failed: 0 };
    let forwarded = 0;
    let failed = 0;
    const byUser = new Map<string, FeedbackEvent[]>();
    for (const event of await this.ports.events.pendingForward(batch)) byUser.set(event.userId, [...(byUser.get(event.userId) ?? []), event]);
    for (const [userId, events] of byUser) {
      if (await this.forward(userId, userId, events)) forwarded += events.length;
      else failed += events.length;
    }
    return { forwarded, failed };
  }

  /** replayPending until nothing is left or Personalize still refuses (at most `rounds` batches). */
  async replayAll(rounds = 100): Promise<{ forwarded: number; failed: number }> {
    let forwarded = 0;
    let failed = 0;
    for (let round = 0; round < rounds; round++) {
      const result = await this.replayPending();
      forwarded += result.forwarded;
      failed += result.failed;
      if (result.forwarded === 0 || result.failed > 0) break;
    }
    return { forwarded, failed };
  }

  private async forward(userId: string, sessionId: string, events: readonly FeedbackEvent[]): Promise<boolean> {
    const sink = this.ports.sink;
    if (!sink) return false;
    try {
      await sink.putEvents(userId, sessionId, events.map(personalizeEventOf));
    } catch (error) {
      this.ports.log?.({ level: 'warn', message: 'forwarding to Personalize failed; the replay job will send these events', userId, eventIds: events.map((event) => event.eventId), error: String(error) });
      return false;
    }
    try {
      await this.ports.events.markForwarded(userId, events.map((event) => event.eventId));
    } catch (error) {
      // Personalize has them; only the mark is missing, so the replay job would send them again.
      this.ports.log?.({ level: 'error', message: 'forwarded events could not be marked; the replay job will send them again', userId, eventIds: events.map((event) => event.eventId), error: String(error) });
    }
    return true;
  }

  /** The history row of an event, with its session (what session-based lists follow; the same for a retry, whose payload matched). */
  private async writeHistory(event: FeedbackEvent, sessionId: string | undefined): Promise<void> {
    if (event.kind === 'IMPRESSION' || !event.interactionType) return;
    const itemId = event.itemIds[0];
    if (!itemId) return;
    await this.ports.interactions.putInteractions([
      { userId: event.userId, itemId, eventId: event.eventId, type: event.interactionType, eventType: event.interactionType.toLowerCase(), value: event.value, occurredAt: event.occurredAt, ...(sessionId !== undefined ? { sessionId } : {}) },
    ]);
  }
}

function personalizeEventOf(event: FeedbackEvent): PersonalizeEvent {
  const recommendationId = event.attribution?.personalizeRecommendationId;
  const common = { eventId: event.eventId, sentAt: new Date(event.occurredAt), ...(recommendationId ? { recommendationId } : {}) };
  if (event.kind === 'IMPRESSION') return { ...common, eventType: 'impression', impression: event.itemIds };
  return { ...common, eventType: (event.interactionType ?? 'CLICK').toLowerCase(), ...(event.itemIds[0] ? { itemId: event.itemIds[0] } : {}), ...(event.value !== undefined ? { value: event.value } : {}) };
}
