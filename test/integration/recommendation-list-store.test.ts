import { DynamoDbRecommendationListStore } from '../../src/adapters/dynamodb/dynamodb-recommendation-list-store';
import { ensureTables } from '../../src/adapters/dynamodb/table-definitions';
import { tableNames } from '../../src/adapters/dynamodb/table-names';
import type { RecommendationList } from '../../src/domain/recommendation';
import { testClients } from '../support/test-container';

const DAY = 86_400_000;

describe('DynamoDbRecommendationListStore (dynalite): lists expire', () => {
  const clients = testClients();
  const tables = tableNames(`lists${Date.now().toString(36)}-`);
  let now = 1_800_000_000_000;
  const store = new DynamoDbRecommendationListStore(clients, tables.recommendationLists, { retentionMs: DAY, clock: () => now });
  const list = (id: string, generatedAt: number): RecommendationList => ({
    id,
    userId: 'u0001',
    strategyRequested: 'BASELINE',
    strategyServed: 'BASELINE',
    fallbackReason: undefined,
    modelVersion: 'v1',
    generatedAt,
    items: [{ itemId: 'i0001', rank: 1, score: 1, source: 'EASE' }],
    context: {},
  });

  beforeAll(() => ensureTables(clients.client, tables));

  it('keeps a list for its retention, then treats it as gone and deletes it', async () => {
    // Prepare: one list served now, one a day and a minute ago.
    await store.save(list('fresh', now));
    await store.save(list('old', now - DAY - 60_000));
    // Act
    const [fresh, old] = await store.getLists(['fresh', 'old']);
    const deleted = await store.deleteExpired();
    now += DAY + 1000;
    const [later] = await store.getLists(['fresh']);
    // Assess
    expect([fresh && !(fresh instanceof Error) ? fresh.id : fresh, old]).toEqual(['fresh', null]);
    expect(deleted).toBe(1);
    expect(later).toBeNull();
    expect(await store.deleteExpired()).toBe(1);
  });
});
