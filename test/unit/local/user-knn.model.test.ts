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

  it('recommends what the most similar users watched, best first, scores up to 1, her own items included (a filter leaves them out)', () => {
    // Bob (cosine 2/√6) watched alien, heat, ronin; Cat (1/√6) heat, up, coco.
    expect(model.recommend('ann')).toEqual([
      { itemId: 'heat', score: 1 },
      { itemId: 'alien', score: 0.6667 },
      { itemId: 'ronin', score: 0.6667 },
      { itemId: 'coco', score: 0.3333 },
      { itemId: 'up', score: 0.3333 },
    ]);
    expect([...model.seen('ann')].sort()).toEqual(['alien', 'heat']);
  });

  it('answers an unknown user with the most popular items', () => {
    expect(model.recommend('nobody')[0]).toEqual({ itemId: 'heat', score: 1 });
  });

  it('learns from new events at once', () => {
    model.add('eve', 'up');
    expect(model.knows('eve')).toBe(true);
    expect(model.recommend('eve').filter((entry) => !model.seen('eve').has(entry.itemId))[0]?.itemId).toBe('coco');
    expect(model.similarTo('up')[0]?.itemId).toBe('coco');
  });
});
