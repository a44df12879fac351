import { INTERACTION_TYPES, type InteractionType } from '../../domain/interaction';
import type { RecentInteraction } from '../../ports/interaction-store.port';

/** One event of a user's compact history: what a list reads, and the event id that makes a re-put add nothing. */
export interface HistoryEntry extends RecentInteraction {
  readonly eventId: string;
}

export interface HistoryLimits {
  /** Entries kept, newest first (the serving path reads at most SEEN_WINDOW). */
  readonly maxEntries: number;
  /** Bytes of the encoded entries, well under DynamoDB's 400 KB an item whatever the ids' lengths. */
  readonly maxBytes: number;
}

export interface CompactHistory {
  /** Newest first. */
  readonly entries: readonly HistoryEntry[];
  /** True when older events of the user were dropped to stay within the limits. */
  readonly truncated: boolean;
}

/** [itemId, type, occurredAt, eventId, index of the session in `s` or -1]. */
type EncodedEntry = [string, string, number, string, number];

/**
 * The entries as one compact JSON string: `{"s": sessions, "e": entries}`, each session id
 * written once (a visit's events share it). The row's size is what a list's read and each
 * event's write cost in capacity units.
 */
export function encodeHistory(entries: readonly HistoryEntry[]): string {
  const sessions: string[] = [];
  const sessionIndex = new Map<string, number>();
  const encoded: EncodedEntry[] = entries.map((entry) => {
    let session = -1;
    if (entry.sessionId !== undefined) {
      session = sessionIndex.get(entry.sessionId) ?? sessions.push(entry.sessionId) - 1;
      sessionIndex.set(entry.sessionId, session);
    }
    return [entry.itemId, entry.type, entry.occurredAt, entry.eventId, session];
  });
  return JSON.stringify({ s: sessions, e: encoded });
}

/** Throws on a string encodeHistory did not write (the caller falls back to the interaction log). */
export function decodeHistory(text: string): HistoryEntry[] {
  const parsed = JSON.parse(text) as { s?: unknown; e?: unknown };
  if (!Array.isArray(parsed.s) || !Array.isArray(parsed.e)) throw new Error('a compact history is {"s": [...], "e": [...]}');
  const sessions = parsed.s as string[];
  // A plain loop building each entry once: a list decodes the row on every request.
  const encoded = parsed.e as EncodedEntry[];
  const entries: HistoryEntry[] = [];
  for (const [itemId, type, occurredAt, eventId, session] of encoded) {
    const entry: { -readonly [K in keyof HistoryEntry]: HistoryEntry[K] } = { itemId: String(itemId), type: interactionTypeOf(type), occurredAt: Number(occurredAt), eventId: String(eventId) };
    const sessionId = sessions[session];
    if (sessionId !== undefined) entry.sessionId = sessionId;
    entries.push(entry);
  }
  return entries;
}

/**
 * Adds the events whose ids the history does not hold yet, newest first, and keeps the newest
 * within the limits (dropping older ones sets `truncated`). `changed` is false when every event was already there (a retry, a
 * re-import): nothing to write.
 */
export function mergeHistory(history: CompactHistory, added: readonly HistoryEntry[], limits: HistoryLimits): CompactHistory & { readonly changed: boolean; readonly encoded: string } {
  const known = new Set(history.entries.map((entry) => entry.eventId));
  const fresh = added.filter((entry) => !known.has(entry.eventId) && known.add(entry.eventId));
  let entries = fresh.length > 0 ? [...history.entries, ...fresh].sort(newestFirst) : [...history.entries];
  let truncated = history.truncated || entries.length > limits.maxEntries;
  entries = entries.slice(0, limits.maxEntries);
  let encoded = encodeHistory(entries);
  while (Buffer.byteLength(encoded) > limits.maxBytes && entries.length > 0) {
    entries = entries.slice(0, Math.floor(entries.length * 0.9));
    encoded = encodeHistory(entries);
    truncated = true;
  }
  return { entries, truncated, changed: fresh.length > 0, encoded };
}

/** Newest first; events of the same millisecond by id, so every writer orders them alike. */
export function newestFirst(a: HistoryEntry, b: HistoryEntry): number {
  return b.occurredAt - a.occurredAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(INTERACTION_TYPES);

export function interactionTypeOf(value: unknown): InteractionType {
  const type = String(value);
  return KNOWN_TYPES.has(type) ? (type as InteractionType) : 'OTHER';
}
