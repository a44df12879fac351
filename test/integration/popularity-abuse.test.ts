import 'reflect-metadata';
import type { Container } from '../../src/container';
import { readersOf } from '../../src/graphql/request-context';
import { trainedTestContainer } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

describe('one account cannot steer what everyone sees (dynalite, trained on the small dataset)', () => {
  let container: Container;
  beforeAll(async () => (container = await trainedTestContainer(testEnvironment())));
  afterAll(() => container.close());

  const coldStart = async (): Promise<string[]> => {
    const served = await container.recommendationService.recommend(undefined, { strategy: 'BASELINE', limit: 10, categories: undefined, excludeSeen: undefined, context: {} }, readersOf(container.createContext()));
    return served.items.map((entry) => entry.item.id);
  };

  it("keeps an item out of the cold-start top 10 after one user's 500 events on it and a retraining", async () => {
    // Prepare: the least popular item the model knows, and 500 views of it by one user.
    const before = await coldStart();
    const counts = await container.interactions.countByItem();
    const [target = ''] = [...counts.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([itemId]) => itemId);
    const now = Date.now();
    await container.interactions.putInteractions(
      Array.from({ length: 500 }, (_, n) => ({ userId: 'u0001', itemId: target, eventId: `spam-${n}`, type: 'VIEW' as const, eventType: 'view', value: undefined, occurredAt: now - n * 1000 })),
    );
    // Act
    await container.trainingService.train();
    const after = await coldStart();
    // Assess
    expect(before).not.toContain(target);
    expect(after).not.toContain(target);
    // Its popularity counter grew by one user, not by 500.
    const grown = (await container.interactions.countByItem()).get(target) ?? 0;
    expect(grown - (counts.get(target) ?? 0)).toBeLessThanOrEqual(1);
  });
});
