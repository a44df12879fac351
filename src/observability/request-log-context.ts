import { AsyncLocalStorage } from 'node:async_hooks';
import type { Log } from '../logger';

/** The fields of the request being handled (its id, then its viewer once admitted), for every line logged while it runs. */
const current = new AsyncLocalStorage<Record<string, unknown>>();

/** Runs a request's handling with its own log fields: every line a `withRequestFields` log writes meanwhile carries them. */
export function runWithRequestLog<T>(fields: Record<string, unknown>, handle: () => T): T {
  return current.run({ ...fields }, handle);
}

/** Adds fields to the current request's (the viewer, once the admission knows it); outside a request, nothing. */
export function noteRequestLog(fields: Record<string, unknown>): void {
  const store = current.getStore();
  if (store) Object.assign(store, fields);
}

/**
 * A child logger per request, without passing one down: each line gets the fields of the
 * request it was written in (a line's own fields win), so the services' lines — event
 * forwarding, pushes, storage faults — say which request and viewer they belong to.
 */
export function withRequestFields(log: Log): Log {
  return (line) => {
    const fields = current.getStore();
    log(fields ? { ...fields, ...line } : line);
  };
}
