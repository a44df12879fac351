import { idProblem } from '../domain/ids';
import { InvalidArgumentError } from '../domain/errors';

/** A request context is stored with every list it shapes: it has a size, like every input. */
export const MAX_CONTEXT_KEYS = 10;
export const MAX_CONTEXT_KEY_LENGTH = 64;
export const MAX_CONTEXT_VALUE_LENGTH = 256;

/** The context as given, or BAD_USER_INPUT naming the key (`context.device`) that is too long or one too many. */
export function checkedContext(context: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  const entries = Object.entries(context);
  if (entries.length > MAX_CONTEXT_KEYS) throw new InvalidArgumentError('context', `takes at most ${MAX_CONTEXT_KEYS} keys, got ${entries.length}`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > MAX_CONTEXT_KEY_LENGTH) throw new InvalidArgumentError('context', `keys are 1–${MAX_CONTEXT_KEY_LENGTH} characters, got one of ${key.length}`);
    if (value.length > MAX_CONTEXT_VALUE_LENGTH) throw new InvalidArgumentError(`context.${key}`, `must be at most ${MAX_CONTEXT_VALUE_LENGTH} characters, got ${value.length}`);
  }
  return context;
}

/** A user id an admin names: BAD_USER_INPUT when it cannot name anyone (empty, over-long). */
export function checkedUserId(userId: string | undefined, argumentName: string): string | undefined {
  const problem = userId === undefined ? undefined : idProblem(userId);
  if (problem) throw new InvalidArgumentError(argumentName, problem);
  return userId;
}

export const MAX_RECOMMENDATIONS = 100;
export const MAX_FILTER_CATEGORIES = 20;
export const MAX_RANKED_ITEMS = 500;

/** A list's length: 1–MAX_RECOMMENDATIONS (20 when not given). */
export function checkedLimit(limit: number | null | undefined): number {
  const value = limit ?? 20;
  if (!Number.isInteger(value) || value < 1 || value > MAX_RECOMMENDATIONS) {
    throw new InvalidArgumentError('limit', `must be between 1 and ${MAX_RECOMMENDATIONS}, got ${String(limit)}`);
  }
  return value;
}

/** A category filter: at most MAX_FILTER_CATEGORIES names (whether the catalogue has them is the model's to say). */
export function checkedFilterCategories(categories: readonly string[] | null | undefined): readonly string[] {
  const value = categories ?? [];
  if (value.length > MAX_FILTER_CATEGORIES) throw new InvalidArgumentError('filter.categories', `takes at most ${MAX_FILTER_CATEGORIES} categories, got ${value.length}`);
  return value;
}

/** The items a rankItems request names, each once: 1–MAX_RANKED_ITEMS, each a valid id (the first bad one named by position). */
export function checkedItemIds(itemIds: readonly string[]): string[] {
  const distinct = [...new Set(itemIds)];
  if (distinct.length < 1 || distinct.length > MAX_RANKED_ITEMS) {
    throw new InvalidArgumentError('itemIds', `takes 1 to ${MAX_RANKED_ITEMS} item ids; got ${itemIds.length}`);
  }
  const bad = itemIds.findIndex((id) => idProblem(id) !== undefined);
  if (bad >= 0) throw new InvalidArgumentError('itemIds', `[${bad}] ${idProblem(itemIds[bad] ?? '') ?? ''}`);
  return distinct;
}

/** BLENDED's weight of Personalize's list, 0–1 (the configured default when not given). */
export function checkedBlendWeight(requested: number | null | undefined, fallback: number): number {
  const weight = requested ?? fallback;
  if (!(weight >= 0 && weight <= 1)) throw new InvalidArgumentError('blend.personalizeWeight', `must be between 0 and 1, got ${String(requested)}`);
  return weight;
}

/** A session id as events carry it: 1–256 visible characters (undefined when not given). */
export function checkedSessionId(sessionId: string | null | undefined, argumentName: string): string | undefined {
  if (sessionId === null || sessionId === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,256}$/.test(sessionId)) throw new InvalidArgumentError(argumentName, 'must be 1–256 visible characters');
  return sessionId;
}

/** A client-generated anonymous session id: long enough not to be guessed (a UUID is 36), short enough to key a row. */
const ANONYMOUS_SESSION_ID = /^[A-Za-z0-9_-]{16,128}$/;
/** An anonymous visitor's session id, or BAD_USER_INPUT naming the argument. */
export function checkedAnonymousSessionId(sessionId: string, argumentName: string): string {
  if (!ANONYMOUS_SESSION_ID.test(sessionId)) throw new InvalidArgumentError(argumentName, 'of an anonymous session must be 16–128 letters, digits, "-" or "_" (a random UUID will do)');
  return sessionId;
}
