/** Items of a session a list follows: the visit's newest, as the next-item protocol counts them. */
export const SESSION_MAX_ITEMS = 10;
/** Without a session id, a session is the events of this long before now (SESSION_WINDOW_MINUTES). */
export const DEFAULT_SESSION_WINDOW_MS = 30 * 60_000;

/**
 * How many of the newest history entries (newest first) are the current session: those of
 * the given session id, else those within `windowMs` before `now`; contiguous from the
 * newest, at most SESSION_MAX_ITEMS.
 */
export function sessionLengthOf(history: readonly { readonly occurredAt: number; readonly sessionId?: string }[], now: number, windowMs: number, sessionId?: string): number {
  let length = 0;
  for (const entry of history) {
    if (length >= SESSION_MAX_ITEMS) break;
    const inSession = sessionId !== undefined ? entry.sessionId === sessionId : entry.occurredAt >= now - windowMs && entry.occurredAt <= now;
    if (!inSession) break;
    length++;
  }
  return length;
}
