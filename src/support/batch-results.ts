/**
 * Per-key batch reads answer a value, null (no such key) or an Error (the store could not
 * read that key). An Error is not an absence: it is rethrown, so a request fails with the
 * dependency's retryable error instead of quietly serving less or blaming the client's input.
 */
export function rethrowFirstError<T>(values: readonly (T | Error)[]): T[] {
  for (const value of values) if (value instanceof Error) throw value;
  return values as T[];
}
