import type { Positive } from './interaction-matrix';

/** Rows by user, each user's in the order given. */
export function groupByUser(rows: readonly Positive[]): Map<string, Positive[]> {
  const byUser = new Map<string, Positive[]>();
  for (const row of rows) {
    let list = byUser.get(row.userId);
    if (!list) byUser.set(row.userId, (list = []));
    list.push(row);
  }
  return byUser;
}
