/** BatchWriteItem refuses two requests for one key in a call: the last write of a key wins, as it would in sequence. */
export function dedupeByKey<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const row of rows) byKey.set(keyOf(row), row);
  return [...byKey.values()];
}
