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
