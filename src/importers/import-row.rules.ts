import type { Interaction } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';
import type { DatasetPart } from './dataset-format';

/**
 * What one stored row may hold, so that an import refuses a row by its line before anything
 * reaches DynamoDB (whose 400 KB item limit and number range would otherwise reject a whole
 * batch with a message naming neither file nor line).
 */
export const ROW_LIMITS = {
  titleLength: 2000,
  categories: 50,
  categoryLength: 200,
  attributes: 50,
  attributeKeyLength: 128,
  /** Personalize's limit for a categorical value. */
  attributeValueLength: 1000,
  eventIdLength: 512,
  eventTypeLength: 64,
  /** |EVENT_VALUE| at most this: a rating, seconds, a price. */
  valueMagnitude: 1e9,
} as const;

export interface TimestampPolicy {
  /** Interactions after now + skewMs are refused (a clock cannot be that far ahead). */
  readonly now: number;
  readonly skewMs: number;
  /** Interactions before this are refused; undefined: any past time (--any-timestamp). */
  readonly earliest: number | undefined;
}

/** 1 January 1990: before it, a timestamp is almost surely a unit mistake (milliseconds read as seconds are in the future instead). */
export const EARLIEST_INTERACTION = Date.UTC(1990, 0, 1);

export function defaultTimestampPolicy(now = Date.now()): TimestampPolicy {
  return { now, skewMs: 3_600_000, earliest: EARLIEST_INTERACTION };
}

type Value = ItemRecord | User | Interaction;

/** Why a parsed row cannot be stored; undefined when it can. */
export function rowProblem(kind: DatasetPart['kind'], value: Value, timestamps: TimestampPolicy): string | undefined {
  switch (kind) {
    case 'items':
      return itemProblem(value as ItemRecord);
    case 'users':
      return attributesProblem((value as User).attributes);
    case 'interactions':
      return interactionProblem(value as Interaction, timestamps);
  }
}

function itemProblem(item: ItemRecord): string | undefined {
  if (item.title.length > ROW_LIMITS.titleLength) return `the title is ${item.title.length} characters long, over the limit of ${ROW_LIMITS.titleLength}`;
  if (item.categories.length > ROW_LIMITS.categories) return `${item.categories.length} categories, over the limit of ${ROW_LIMITS.categories}`;
  const long = item.categories.find((category) => category.length > ROW_LIMITS.categoryLength);
  if (long !== undefined) return `a category is ${long.length} characters long, over the limit of ${ROW_LIMITS.categoryLength}`;
  return attributesProblem(item.attributes);
}

function attributesProblem(attributes: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(attributes);
  if (entries.length > ROW_LIMITS.attributes) return `${entries.length} attribute columns, over the limit of ${ROW_LIMITS.attributes}`;
  for (const [key, value] of entries) {
    if (key.length > ROW_LIMITS.attributeKeyLength) return `the column name "${key.slice(0, 40)}…" is over ${ROW_LIMITS.attributeKeyLength} characters`;
    if (value.length > ROW_LIMITS.attributeValueLength) return `${key} is ${value.length} characters long, over the limit of ${ROW_LIMITS.attributeValueLength}`;
  }
  return undefined;
}

function interactionProblem(event: Interaction, timestamps: TimestampPolicy): string | undefined {
  if (event.eventId.length > ROW_LIMITS.eventIdLength) return `EVENT_ID is ${event.eventId.length} characters long, over the limit of ${ROW_LIMITS.eventIdLength}`;
  if (event.eventType.length > ROW_LIMITS.eventTypeLength) return `the event type is ${event.eventType.length} characters long, over the limit of ${ROW_LIMITS.eventTypeLength}`;
  if (event.value !== undefined && !(Math.abs(event.value) <= ROW_LIMITS.valueMagnitude)) return `the value ${event.value} is outside ±${ROW_LIMITS.valueMagnitude}`;
  if (event.occurredAt > timestamps.now + timestamps.skewMs) return `the timestamp ${event.occurredAt / 1000} (${isoDate(event.occurredAt)}) is in the future`;
  if (timestamps.earliest !== undefined && event.occurredAt < timestamps.earliest) {
    return `the timestamp ${event.occurredAt / 1000} (${isoDate(event.occurredAt)}) is before ${isoDate(timestamps.earliest)} (pass --any-timestamp if that is right)`;
  }
  return undefined;
}

function isoDate(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? 'not a date' : date.toISOString().slice(0, 10);
}
