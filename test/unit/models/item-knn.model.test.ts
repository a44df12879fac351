import { buildInteractionMatrix } from '../../../src/models/interaction-matrix';
import { fitItemKnn } from '../../../src/models/item-knn.model';
import { reverseLists } from '../../../src/models/reverse-lists';

const watched = (pairs: [string, string[]][]) =>
  pairs.flatMap(([userId, items]) => items.map((itemId, n) => ({ userId, itemId, occurredAt: n })));

describe('ItemKnnModel', () => {
  // Alien and Aliens are watched together by everyone who watched either; Heat by other people.
  const matrix = buildInteractionMatrix(
    watched([
      ['ann', ['alien', 'aliens', 'heat']],
      ['bob', ['alien', 'aliens']],
      ['cat', ['alien', 'aliens']],
      ['dan', ['heat', 'ronin']],
      ['eve', ['heat', 'ronin']],
    ]),
  );
  const id = (name: string): number => matrix.itemIndex.get(name) ?? -1;

  describe('fit', () => {
    it('ranks the co-watched film first, with the cosine as weight', () => {
      const lists = fitItemKnn(matrix, { neighbours: 10, shrinkage: 0, reverseKeep: 10 });
      const alien = lists.lists[id('alien')];
      expect(Array.from(alien?.ids ?? []).map((i) => lists.itemIds[i])).toEqual(['aliens', 'heat']);
      expect(alien?.weights[0]).toBeCloseTo(1, 6); // 3 together / √3·√3
      expect(alien?.weights[1]).toBeCloseTo(1 / Math.sqrt(9), 6); // 1 together / √3·√3
    });

    it('shrinks similarities that rest on few co-occurrences', () => {
      const lists = fitItemKnn(matrix, { neighbours: 10, shrinkage: 3, reverseKeep: 10 });
      const alien = lists.lists[id('alien')];
      expect(alien?.weights[0]).toBeCloseTo(1 * (3 / 6), 6);
      expect(alien?.weights[1]).toBeCloseTo((1 / 3) * (1 / 4), 6);
    });

    it('keeps only the top neighbours', () => {
      const lists = fitItemKnn(matrix, { neighbours: 1, shrinkage: 0, reverseKeep: 10 });
      expect(lists.lists[id('heat')]?.ids).toHaveLength(1);
    });
  });

  describe('reverseLists', () => {
    it('lists, per item, the items it is a top neighbour of', () => {
      const lists = fitItemKnn(matrix, { neighbours: 1, shrinkage: 0, reverseKeep: 10 });
      const reversed = reverseLists(lists, 10);
      // Heat's single neighbour is Ronin; Ronin's is Heat.
      expect(Array.from(reversed.lists[id('heat')]?.ids ?? []).map((i) => reversed.itemIds[i])).toEqual(['ronin']);
      expect(Array.from(reversed.lists[id('ronin')]?.ids ?? []).map((i) => reversed.itemIds[i])).toEqual(['heat']);
    });
  });
});
