import { createHash } from 'node:crypto';
import { idProblem } from '../domain/ids';
import { InvalidArgumentError } from '../domain/errors';
import type { FeedbackKind } from '../domain/feedback-event';
import type { InteractionType } from '../domain/interaction';
import type { ItemId } from '../domain/item';
import type { EventInput } from './event-recording.service';
import { checkedSessionId } from './recommendation-request.validation';

const MAX_IMPRESSION_ITEMS = 100;
/** Client clocks drift; an event from further in the future than this is refused. */
const MAX_CLOCK_SKEW_MS = 5 * 60_000;
/** A client's event id: letters, digits and . _ : - ('#' is kept for the split parts of long impressions). */
const EVENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The values each interaction type may carry (a value is optional); every value is a finite number. */
export interface EventValueRanges {
  /** RATE: the rating scale of the catalogue (RATING_MAX; MovieLens is 0.5–5). */
  readonly ratingMax: number;
  /** WATCH: seconds watched, at most a day. */
  readonly watchSecondsMax: number;
  /** Every other type (a price, a count …). */
  readonly otherMax: number;
}

export const DEFAULT_EVENT_VALUE_RANGES: EventValueRanges = { ratingMax: 5, watchSecondsMax: 86_400, otherMax: 1_000_000_000 };

export interface CheckedInput {
  readonly kind: FeedbackKind;
  readonly eventId: string;
  readonly recommendationId: string | undefined;
  readonly itemIds: readonly ItemId[];
  readonly interactionType: InteractionType | undefined;
  readonly value: number | undefined;
  readonly occurredAt: number | undefined;
  readonly sessionId: string | undefined;
}

/** An event as the client sent it, checked: every id, size and value in its range, or a BAD_USER_INPUT naming the argument. */
export function checkedEventInput(input: EventInput, now: number, ranges: EventValueRanges): CheckedInput {
  if (!EVENT_ID.test(input.eventId)) throw new InvalidArgumentError('eventId', 'must be 1–128 letters, digits, ".", "_", ":" or "-"');
  const recommendationId = input.recommendationId ?? undefined;
  if ((input.kind === 'IMPRESSION' || input.kind === 'CLICK') && !recommendationId) throw new InvalidArgumentError('recommendationId', `is required for ${input.kind === 'IMPRESSION' ? 'an impression' : 'a click'}`);
  if (recommendationId !== undefined && idProblem(recommendationId)) throw new InvalidArgumentError('recommendationId', idProblem(recommendationId) ?? '');
  let itemIds: string[];
  if (input.kind === 'IMPRESSION') {
    itemIds = [...new Set(input.itemIds ?? [])];
    if (itemIds.length < 1 || itemIds.length > MAX_IMPRESSION_ITEMS) throw new InvalidArgumentError('itemIds', `must name 1–${MAX_IMPRESSION_ITEMS} items`);
    const bad = itemIds.find((id) => idProblem(id) !== undefined);
    if (bad !== undefined) throw new InvalidArgumentError('itemIds', `holds an id that ${idProblem(bad) ?? ''}`);
  } else {
    if (!input.itemId) throw new InvalidArgumentError('itemId', 'is required');
    const problem = idProblem(input.itemId);
    if (problem) throw new InvalidArgumentError('itemId', problem);
    itemIds = [input.itemId];
  }
  const interactionType = input.kind === 'CLICK' ? 'CLICK' : input.kind === 'INTERACTION' ? (input.type ?? undefined) : undefined;
  if (input.kind === 'INTERACTION' && !interactionType) throw new InvalidArgumentError('type', 'is required for an interaction');
  const value = input.value ?? undefined;
  if (value !== undefined) checkValue(value, interactionType, ranges);
  const occurredAt = input.occurredAt ?? undefined;
  if (occurredAt !== undefined && (!Number.isFinite(occurredAt) || occurredAt < 0 || occurredAt > now + MAX_CLOCK_SKEW_MS)) {
    throw new InvalidArgumentError('occurredAt', 'must be a time that has passed (epoch milliseconds)');
  }
  const sessionId = checkedSessionId(input.sessionId, 'sessionId');
  return { kind: input.kind, eventId: input.eventId, recommendationId, itemIds, interactionType, value, occurredAt, sessionId };
}

function checkValue(value: number, type: InteractionType | undefined, ranges: EventValueRanges): void {
  if (!Number.isFinite(value)) throw new InvalidArgumentError('value', 'must be a finite number');
  const [max, what] = type === 'RATE' ? [ranges.ratingMax, 'a rating'] : type === 'WATCH' ? [ranges.watchSecondsMax, 'seconds watched'] : [ranges.otherMax, 'a value'];
  if (value < 0 || value > max) throw new InvalidArgumentError('value', `${what} must be between 0 and ${max}, got ${value}`);
}

/** What the client sent, hashed: the same eventId must always carry the same content. */
export function payloadHashOf(input: CheckedInput): string {
  const payload = [input.kind, input.itemIds, input.interactionType ?? null, input.value ?? null, input.recommendationId ?? null, input.occurredAt ?? null];
  return createHash('sha256').update(JSON.stringify(payload)).digest('base64url');
}
