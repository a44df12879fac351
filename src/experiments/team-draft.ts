import { SeededRandom } from '../support/seeded-random';

export interface DraftedItem {
  readonly itemId: string;
  /** 0: the first list's team, 1: the second's. A click on the item is credited to its team. */
  readonly team: 0 | 1;
}

/**
 * Team-draft interleaving (Radlinski, Kurup and Joachims 2008): in each round a coin decides
 * which team picks first; each team adds its highest-ranked item not yet in the list. The
 * result mixes both rankings fairly, and a click says which ranking the user preferred.
 */
export function teamDraftInterleave(first: readonly string[], second: readonly string[], length: number, random: SeededRandom): DraftedItem[] {
  const result: DraftedItem[] = [];
  const taken = new Set<string>();
  const next = [0, 0];
  const lists = [first, second] as const;
  const pick = (team: 0 | 1): boolean => {
    const list = lists[team];
    let index = next[team] ?? 0;
    while (index < list.length && taken.has(list[index] ?? '')) index++;
    next[team] = index + 1;
    const itemId = list[index];
    if (itemId === undefined) return false;
    taken.add(itemId);
    result.push({ itemId, team });
    return true;
  };
  while (result.length < length) {
    const firstTeam: 0 | 1 = random.next() < 0.5 ? 0 : 1;
    const pickedFirst = pick(firstTeam);
    if (result.length >= length) break;
    const pickedSecond = pick(firstTeam === 0 ? 1 : 0);
    if (!pickedFirst && !pickedSecond) break;
  }
  return result;
}
