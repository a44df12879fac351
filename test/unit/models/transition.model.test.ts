import { fitTransitions } from '../../../src/models/transition.model';
import { lastEventSplit } from '../../../src/evaluation/next-item-evaluation';

const MINUTE = 60_000;
const row = (userId: string, itemId: string, minute: number) => ({ userId, itemId, occurredAt: minute * MINUTE });

describe('the transition model (what users interact with next)', () => {
  const itemIds = ['a', 'b', 'c', 'd'];
  const listOf = (lists: ReturnType<typeof fitTransitions>, id: string) => {
    const list = lists.lists[itemIds.indexOf(id)];
    return Array.from(list?.ids ?? [], (index, n) => [itemIds[index], Number((list?.weights[n] ?? 0).toFixed(4))]);
  };

  it('counts what follows an item within the window, nearer events more, in time order whatever the file order', () => {
    // u1: a → b → c within minutes; u2: a → b. File order is not time order for u1.
    const lists = fitTransitions([row('u1', 'c', 2), row('u1', 'a', 0), row('u1', 'b', 1), row('u2', 'a', 0), row('u2', 'b', 1)], itemIds, { window: 2, gapMs: 30 * MINUTE, neighbours: 10 });
    // c(a→b) = 2 (two users, distance 1), c(a→c) = 0.5 (distance 2); out(a) = 2.5; in(b) = 2, in(c) = 0.5 + 1 (b→c).
    expect(listOf(lists, 'a')).toEqual([
      ['b', Number((2 / Math.sqrt(2.5 * 2)).toFixed(4))],
      ['c', Number((0.5 / Math.sqrt(2.5 * 1.5)).toFixed(4))],
    ]);
    expect(listOf(lists, 'c')).toEqual([]);
  });

  it('links nothing across a gap longer than a visit, nor an item to itself', () => {
    const lists = fitTransitions([row('u1', 'a', 0), row('u1', 'a', 1), row('u1', 'd', 120)], itemIds, { window: 5, gapMs: 30 * MINUTE, neighbours: 10 });
    expect(listOf(lists, 'a')).toEqual([]);
  });
});

describe('the next-item split', () => {
  it('holds out each user\'s last event by time (ties in file order), keeping users with one event whole', () => {
    const { train, test } = lastEventSplit([row('u1', 'a', 5), row('u1', 'b', 9), row('u1', 'c', 9), row('u1', 'd', 1), row('u2', 'x', 3)]);
    expect(test.map((entry) => entry.itemId)).toEqual(['c']);
    expect(train.map((entry) => entry.itemId).sort()).toEqual(['a', 'b', 'd', 'x']);
  });
});
