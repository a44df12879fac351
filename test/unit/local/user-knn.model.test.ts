import { UserKnnModel } from '../../../src/local/personalize/user-knn.model';

const watched = (pairs: [string, string[]][]) => pairs.flatMap(([userId, items]) => items.map((itemId) => ({ userId, itemId, occurredAt: 0 })));

describe('UserKnnModel (the local Personalize)', () => {
  // Ann is like Bob (two films in common), not like Cat.
  const model = new UserKnnModel(
    watched([
      ['ann', ['alien', 'heat']],
      ['bob', ['alien', 'heat', 'ronin']],
      ['cat', ['up', 'coco', 'heat']],
      ['dan', ['up', 'coco']],
    ]),
    [{ id: 'ronin', categories: ['Crime'], createdAt: 0 }],
  );

  it('recommends what the most similar users watched, best first, scores up to 1', () => {
    const list = model.recommend('ann');
    expect(list[0]).toEqual({ itemId: 'ronin', score: 1 });
    expect(list.map((entry) => entry.itemId)).not.toContain('alien');
    expect(list.map((entry) => entry.itemId).slice(1).sort()).toEqual(['coco', 'up']);
  });

  it('answers an unknown user with the most popular items', () => {
    expect(model.recommend('nobody')[0]).toEqual({ itemId: 'heat', score: 1 });
  });

  it('learns from new events at once', () => {
    model.add('eve', 'up');
    expect(model.knows('eve')).toBe(true);
    expect(model.recommend('eve')[0]?.itemId).toBe('coco');
    expect(model.similarTo('up')[0]?.itemId).toBe('coco');
  });
});
