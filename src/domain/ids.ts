/**
 * The longest user or item id: Amazon Personalize's limit (256 characters), well inside
 * DynamoDB's key limits (2,048 bytes for a partition key, 1,024 for a sort key).
 */
export const MAX_ID_LENGTH = 256;

/** Whether an id can name a user or an item at all: non-empty and at most MAX_ID_LENGTH characters. */
export function isPossibleId(id: unknown): id is string {
  return typeof id === 'string' && id.trim() !== '' && id.length <= MAX_ID_LENGTH;
}

/** Why an id cannot name anything, for a BAD_USER_INPUT; undefined when it can. */
export function idProblem(id: string): string | undefined {
  if (id.trim() === '') return 'is empty';
  if (id.length > MAX_ID_LENGTH) return `is ${id.length} characters long, over the limit of ${MAX_ID_LENGTH}`;
  return undefined;
}
