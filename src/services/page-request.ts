import { InvalidArgumentError, InvalidCursorError } from '../domain/errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type PageRequest } from '../domain/page';

/** Validates Relay-style `first`/`after` arguments; errors name the argument. */
export function pageRequest(first: number | null | undefined, after: string | null | undefined): PageRequest {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new InvalidArgumentError('first', `must be between 1 and ${MAX_PAGE_SIZE}, got ${String(first)}`);
  }
  if (after !== null && after !== undefined && (after === '' || after.length > 2048)) {
    throw new InvalidArgumentError('after', 'is not a cursor this server issued');
  }
  return { first: size, after: after ?? undefined };
}

/** Runs a listing, turning a cursor the adapter refuses into an error about the `after` argument. */
export async function withCursorArgument<T>(listing: () => Promise<T>): Promise<T> {
  try {
    return await listing();
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new InvalidArgumentError('after', error.message);
    throw error;
  }
}
