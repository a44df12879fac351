import { generateDemoDataset } from '../../../src/demo/demo-dataset.generator';

describe('generateDemoDataset', () => {
  const dataset = generateDemoDataset(42);

  it('is a few hundred items and users and tens of thousands of interactions', () => {
    expect(dataset.items).toHaveLength(400);
    expect(dataset.users).toHaveLength(300);
    expect(dataset.interactions.length).toBeGreaterThan(20000);
    expect(dataset.interactions.length).toBeLessThan(40000);
  });

  it('is the same for the same seed and different for another', () => {
    const again = generateDemoDataset(42);
    expect(again.interactions.slice(0, 50)).toEqual(dataset.interactions.slice(0, 50));
    expect(again.items.map((item) => item.title)).toEqual(dataset.items.map((item) => item.title));
    const other = generateDemoDataset(7);
    expect(other.items.map((item) => item.title)).not.toEqual(dataset.items.map((item) => item.title));
  });

  it('never interacts before the item exists, and once per item per user', () => {
    const createdAt = new Map(dataset.items.map((item) => [item.id, item.createdAt]));
    for (const event of dataset.interactions) expect(event.occurredAt).toBeGreaterThanOrEqual(createdAt.get(event.itemId) ?? Infinity);
    const keys = new Set(dataset.interactions.map((event) => `${event.userId}/${event.itemId}`));
    expect(keys.size).toBe(dataset.interactions.length);
  });

  it('follows taste: most of a user\'s interactions are in the genres of their stated interests', () => {
    const categories = new Map(dataset.items.map((item) => [item.id, item.categories]));
    const matches = (itemId: string, interests: Set<string>): boolean => (categories.get(itemId) ?? []).some((genre) => interests.has(genre));
    let inTaste = 0;
    let expectedByChance = 0;
    let counted = 0;
    for (const user of dataset.users) {
      const interests = new Set((user.attributes['interests'] ?? '').split('|').filter(Boolean));
      if (interests.size === 0) continue;
      const shareOfCatalogue = dataset.items.filter((item) => matches(item.id, interests)).length / dataset.items.length;
      for (const event of dataset.interactions.filter((candidate) => candidate.userId === user.id)) {
        counted++;
        expectedByChance += shareOfCatalogue;
        if (matches(event.itemId, interests)) inTaste++;
      }
    }
    // Picking items at random would match the interests as often as they cover the catalogue.
    expect(inTaste / counted).toBeGreaterThan(0.5);
    expect(inTaste / expectedByChance).toBeGreaterThan(1.8);
  });

  it('has a long tail: the top tenth of items draws far more than a tenth of interactions', () => {
    const counts = new Map<string, number>();
    for (const event of dataset.interactions) counts.set(event.itemId, (counts.get(event.itemId) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    const top = sorted.slice(0, 40).reduce((sum, count) => sum + count, 0);
    // Visits drain a genre's items, which flattens the head a little: still well above a tenth.
    expect(top / dataset.interactions.length).toBeGreaterThan(0.15);
  });
});
