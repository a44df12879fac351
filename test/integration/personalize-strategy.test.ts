import type { ApolloServer } from '@apollo/server';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import type { Faults, SandboxState } from '../../src/local/personalize/personalize-emulator.server';
import { UserKnnModel } from '../../src/local/personalize/user-knn.model';
import { RankItemsDocument, RecommendationsDocument, SimilarItemsDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { loadSmallDataset, smallDataset } from '../support/small-dataset';
import { testClients } from '../support/test-container';
import { testEnvironment, testPersonalizeEndpoint } from '../support/test-env';

const CAMPAIGN = LOCAL_PERSONALIZE.userPersonalization;
const RANKING = LOCAL_PERSONALIZE.ranking;
const SIMS = LOCAL_PERSONALIZE.relatedItems;
const BUDGET_MS = 200;

describe('the PERSONALIZE strategy against the local Personalize (GraphQL, dynalite)', () => {
  // A sandbox of globalSetup's local Personalize, trained on the same small dataset as the tables.
  const endpoint = testPersonalizeEndpoint();
  let container: Container;
  let dataset: DemoDataset;
  /** Each gateway with its own schema (resolvers are bound to their container's services) and so its own circuit. */
  const servers = new Map<Container, ApolloServer<RequestContext>>();
  // Every gateway of this file shares the same tables (and so the trained model); each has its own circuit.
  const tablePrefix = testEnvironment()['TABLE_PREFIX'] ?? '';

  beforeAll(async () => {
    dataset = smallDataset();
    container = await gateway(CAMPAIGN);
    await loadSmallDataset(container);
    await container.trainingService.train();
  });
  afterAll(async () => {
    for (const [built, server] of servers) {
      await server.stop();
      built.close();
    }
  });
  afterEach(() => setFaults({}));

  async function gateway(arn: string, extra: Record<string, string> = {}, clock?: () => number): Promise<Container> {
    const env = testEnvironment({
      TABLE_PREFIX: tablePrefix,
      PERSONALIZE_ARN: arn,
      PERSONALIZE_RANKING_ARN: RANKING,
      PERSONALIZE_SIMS_ARN: SIMS,
      PERSONALIZE_FILTER_UNSEEN_ARN: LOCAL_PERSONALIZE.unseenFilter,
      PERSONALIZE_FILTER_UNSEEN_CATEGORY_ARN: LOCAL_PERSONALIZE.unseenCategoryFilter,
      PERSONALIZE_TRACKING_ID: LOCAL_PERSONALIZE.trackingId,
      PERSONALIZE_ENDPOINT: endpoint,
      PERSONALIZE_BUDGET_MS: String(BUDGET_MS),
      PERSONALIZE_BREAKER_FAILURES: '3',
      PERSONALIZE_BREAKER_COOLDOWN_MS: '400',
      ...extra,
    });
    const built = createContainer({ config: loadConfig(env), dynamoDb: testClients(), ...(clock ? { clock } : {}) });
    await built.ensureTables();
    const server = createApolloServer({ schema: built.schema, log: () => undefined });
    await server.start();
    servers.set(built, server);
    return built;
  }
  const setFaults = async (faults: Partial<Faults>): Promise<void> => {
    await fetch(`${endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
  };
  const emulatorStatus = async (): Promise<SandboxState> => (await (await fetch(`${endpoint}/_emulator/status`)).json()) as SandboxState;
  const emulatorCalls = async (): Promise<number> => (await emulatorStatus()).calls;
  const recommend = (userId: string | undefined, on: Container = container) =>
    execute(servers.get(on) as ApolloServer<RequestContext>, on, RecommendationsDocument, { input: { strategy: 'PERSONALIZE', limit: 10 } }, { viewer: { userId } });

  it('serves Personalize\'s list, explained by the user\'s own history where an item is like one of theirs', async () => {
    const { data, errors } = await recommend('u0003');
    expect(errors).toBeUndefined();
    const list = data?.recommendations;
    expect(list).toEqual(expect.objectContaining({ strategyRequested: 'PERSONALIZE', strategyServed: 'PERSONALIZE', fallbackReason: null }));
    expect(list?.items).toHaveLength(10);
    const seen = new Set(dataset.interactions.filter((event) => event.userId === 'u0003').map((event) => event.itemId));
    for (const entry of list?.items ?? []) {
      expect(entry.source).toBe('PERSONALIZE');
      expect(seen.has(entry.item.id)).toBe(false);
      for (const explanation of entry.explanations) if (explanation.becauseOf) expect(seen.has(explanation.becauseOf.id)).toBe(true);
    }
    expect(list?.items.filter((entry) => entry.explanations[0]?.kind.startsWith('BECAUSE_YOU_')).length).toBeGreaterThan(3);
  });

  it('passes Personalize\'s own reason on for a user it does not know', async () => {
    const { data } = await recommend('someone-new');
    expect(data?.recommendations.strategyServed).toBe('PERSONALIZE');
    expect(data?.recommendations.items[0]?.explanations).toEqual([expect.objectContaining({ kind: 'POPULAR', text: 'Popular right now' })]);
  });

  it.each([
    [{ latencyMs: 2000 }, 'TIMEOUT'],
    [{ throttle: true }, 'THROTTLED'],
    [{ serverError: true }, 'UNAVAILABLE'],
    [{ resetConnection: true }, 'UNAVAILABLE'],
  ] as const)('falls back to the baseline on %o with fallbackReason %s, within the budget', async (faults, reason) => {
    await setFaults(faults);
    const started = Date.now();
    const { data, errors } = await recommend('u0003', await gateway(CAMPAIGN));
    expect(errors).toBeUndefined();
    expect(data?.recommendations).toEqual(expect.objectContaining({ strategyServed: 'BASELINE', fallbackReason: reason }));
    expect(data?.recommendations.items).toHaveLength(10);
    // The budget bounds Personalize's part; the rest is the baseline's own time.
    expect(Date.now() - started).toBeLessThan(BUDGET_MS + 1500);
  });

  it('says MISCONFIGURED when the campaign does not exist', async () => {
    const { data } = await recommend('u0003', await gateway('arn:aws:personalize:us-east-1:000000000000:campaign/gone'));
    expect(data?.recommendations).toEqual(expect.objectContaining({ strategyServed: 'BASELINE', fallbackReason: 'MISCONFIGURED' }));
  });

  const blended = (input: Record<string, unknown>, on: Container = container) =>
    execute(servers.get(on) as ApolloServer<RequestContext>, on, RecommendationsDocument, { input: { limit: 10, ...input } }, { viewer: { userId: 'u0003' } });

  it('BLENDED fuses both lists; AUTO blends when Personalize is configured', async () => {
    for (const strategy of ['BLENDED', 'AUTO']) {
      const { data, errors } = await blended({ strategy });
      expect(errors).toBeUndefined();
      expect(data?.recommendations).toEqual(expect.objectContaining({ strategyRequested: strategy, strategyServed: 'BLENDED', fallbackReason: null }));
      const sources = new Set(data?.recommendations.items.map((entry) => entry.source));
      expect([...sources].every((source) => ['PERSONALIZE', 'BASELINE', 'BOTH'].includes(source))).toBe(true);
      // Both lists are in it: items both proposed, or items of each.
      expect(sources.has('BOTH') || (sources.has('PERSONALIZE') && sources.has('BASELINE'))).toBe(true);
      for (const entry of data?.recommendations.items ?? []) expect(entry.explanations.length).toBeGreaterThan(0);
    }
  });

  it('BLENDED follows the weight: at 1 it leads with what Personalize leads with', async () => {
    const alone = await recommend('u0003');
    const { data } = await blended({ strategy: 'BLENDED', blend: { personalizeWeight: 1 } });
    expect(data?.recommendations.items[0]?.item.id).toBe(alone.data?.recommendations.items[0]?.item.id);
    const { errors } = await blended({ strategy: 'BLENDED', blend: { personalizeWeight: 1.5 } });
    expect(errors?.[0]).toEqual(expect.objectContaining({ message: 'Argument "blend.personalizeWeight" must be between 0 and 1, got 1.5', extensions: { code: 'BAD_USER_INPUT', argumentName: 'blend.personalizeWeight' } }));
  });

  it('BLENDED says when Personalize fell back, and serves the baseline part', async () => {
    await setFaults({ serverError: true });
    const { data } = await blended({ strategy: 'BLENDED' }, await gateway(CAMPAIGN));
    expect(data?.recommendations).toEqual(expect.objectContaining({ strategyServed: 'BASELINE', fallbackReason: 'UNAVAILABLE' }));
    expect(data?.recommendations.items).toHaveLength(10);
  });

  it('ranks given items with the Personalize ranking campaign, and falls back to the baseline when it fails', async () => {
    const itemIds = ['i0001', 'i0002', 'i0003', 'i0004'];
    const rank = (on: Container) =>
      execute(servers.get(on) as ApolloServer<RequestContext>, on, RankItemsDocument, { input: { itemIds, strategy: 'PERSONALIZE' } }, { viewer: { userId: 'u0003' } });
    const { data } = await rank(container);
    expect(data?.rankItems).toEqual(expect.objectContaining({ strategyServed: 'PERSONALIZE', fallbackReason: null }));
    const expected = new UserKnnModel(dataset.interactions, dataset.items).recommend('u0003');
    const scoreOf = (id: string): number => expected.find((entry) => entry.itemId === id)?.score ?? 0;
    const order = data?.rankItems.items.map((entry) => entry.item.id) ?? [];
    expect(order.map(scoreOf)).toEqual([...order.map(scoreOf)].sort((a, b) => b - a));
    await setFaults({ serverError: true });
    const fallback = await rank(await gateway(CAMPAIGN));
    expect(fallback.data?.rankItems).toEqual(expect.objectContaining({ strategyServed: 'BASELINE', fallbackReason: 'UNAVAILABLE' }));
    expect(fallback.data?.rankItems.items).toHaveLength(4);
  });

  it('answers Item.similar from the related-items campaign, and from item-kNN when it fails', async () => {
    const similar = (on: Container) => execute(servers.get(on) as ApolloServer<RequestContext>, on, SimilarItemsDocument, { id: 'i0001', first: 5 });
    const { data } = await similar(container);
    const expected = new UserKnnModel(dataset.interactions, dataset.items).similarTo('i0001').slice(0, 5);
    expect(data?.item?.similar.map((entry) => [entry.item.id, entry.source])).toEqual(expected.map((entry) => [entry.itemId, 'PERSONALIZE']));
    await setFaults({ serverError: true });
    const fallback = await similar(await gateway(CAMPAIGN));
    expect(fallback.data?.item?.similar).toHaveLength(5);
    expect(fallback.data?.item?.similar.every((entry) => entry.source === 'ITEM_KNN')).toBe(true);
  });

  it('opens the circuit after repeated failures, stops calling, and closes after a good probe', async () => {
    // The breaker's clock: the test moves it past the cool-down (400 ms) instead of waiting.
    let now = Date.now();
    const fresh = await gateway(CAMPAIGN, {}, () => now);
    await setFaults({ serverError: true });
    for (let n = 0; n < 3; n++) expect((await recommend('u0003', fresh)).data?.recommendations.fallbackReason).toBe('UNAVAILABLE');
    const callsWhenOpened = await emulatorCalls();
    expect((await recommend('u0003', fresh)).data?.recommendations.fallbackReason).toBe('CIRCUIT_OPEN');
    expect(await emulatorCalls()).toBe(callsWhenOpened);
    await setFaults({});
    now += 399;
    expect((await recommend('u0003', fresh)).data?.recommendations.fallbackReason).toBe('CIRCUIT_OPEN');
    expect(await emulatorCalls()).toBe(callsWhenOpened);
    now += 2;
    expect((await recommend('u0003', fresh)).data?.recommendations.strategyServed).toBe('PERSONALIZE');
    expect(await emulatorCalls()).toBe(callsWhenOpened + 1);
  });

  describe('filters, promotions and events', () => {
    const category = (): string => smallDatasetCategory(dataset);
    const ask = (input: Record<string, unknown>, on: Container = container, userId = 'u0003') =>
      execute(servers.get(on) as ApolloServer<RequestContext>, on, RecommendationsDocument, { input: { strategy: 'PERSONALIZE', limit: 10, ...input } }, { viewer: { userId } });

    it('leaves seen items to Personalize\'s unseen filter, and asks for no more than the limit', async () => {
      const { data } = await ask({});
      expect(data?.recommendations.items).toHaveLength(10);
      expect((await emulatorStatus()).lastRequest?.body).toEqual(expect.objectContaining({ filterArn: LOCAL_PERSONALIZE.unseenFilter, numResults: 10, userId: 'u0003' }));
      await ask({ filter: { excludeSeen: false } });
      const body = (await emulatorStatus()).lastRequest?.body;
      expect(body?.['filterArn']).toBeUndefined();
      expect(body?.['numResults']).toBe(10);
    });

    it('passes categories as filterValues of the combined filter, and every item served is of them', async () => {
      const wanted = category();
      const { data } = await ask({ filter: { categories: [wanted] } });
      expect((await emulatorStatus()).lastRequest?.body).toEqual(
        expect.objectContaining({ filterArn: LOCAL_PERSONALIZE.unseenCategoryFilter, filterValues: { GENRES: `"${wanted}"` }, numResults: 10 }),
      );
      expect(data?.recommendations.strategyServed).toBe('PERSONALIZE');
      expect(data?.recommendations.items.length).toBeGreaterThan(0);
      for (const entry of data?.recommendations.items ?? []) expect(entry.item.categories).toContain(wanted);
    });

    it('without filters configured, asks for more and filters seen items itself', async () => {
      const bare = await gateway(CAMPAIGN, { PERSONALIZE_FILTER_UNSEEN_ARN: '', PERSONALIZE_FILTER_UNSEEN_CATEGORY_ARN: '' });
      const { data } = await ask({}, bare);
      const body = (await emulatorStatus()).lastRequest?.body;
      expect(body?.['filterArn']).toBeUndefined();
      expect(body?.['numResults']).toBe(30);
      const seen = new Set(dataset.interactions.filter((event) => event.userId === 'u0003').map((event) => event.itemId));
      expect(data?.recommendations.items).toHaveLength(10);
      for (const entry of data?.recommendations.items ?? []) expect(seen.has(entry.item.id)).toBe(false);
    });

    it('serves a configured promotion: its share of the list, from its filter, explained as promoted first', async () => {
      const promotedCategory = category();
      const promoting = await gateway(CAMPAIGN, {
        PERSONALIZE_PROMOTION_FILTER_ARN: LOCAL_PERSONALIZE.categoryFilter,
        PERSONALIZE_PROMOTION_FILTER_VALUES: JSON.stringify({ GENRES: `"${promotedCategory}"` }),
        PERSONALIZE_PROMOTION_PERCENT: '20',
      });
      const { data } = await ask({}, promoting);
      expect((await emulatorStatus()).lastRequest?.body['promotions']).toEqual([
        { name: 'promoted', percentPromotedItems: 20, filterArn: LOCAL_PERSONALIZE.categoryFilter, filterValues: { GENRES: `"${promotedCategory}"` } },
      ]);
      const promoted = data?.recommendations.items.filter((entry) => entry.explanations[0]?.kind === 'PROMOTED') ?? [];
      expect(promoted).toHaveLength(2);
      for (const entry of promoted) {
        expect(entry.item.categories).toContain(promotedCategory);
        expect(entry.explanations[0]?.text).toBe('Promoted');
      }
    });

    it('forwards events to the configured tracker, and Personalize\'s next list reflects them', async () => {
      const newcomer = `newcomer-${Date.now()}`;
      const before = await ask({}, container, newcomer);
      expect(before.data?.recommendations.items[0]?.explanations[0]?.kind).toBe('POPULAR');
      const watched = before.data?.recommendations.items[0]?.item.id ?? '';
      const sent = await container.personalizeEvents?.putEvents(newcomer, 'session-1', [{ eventId: `${newcomer}-1`, eventType: 'watch', itemId: watched, sentAt: new Date() }]);
      expect(sent).toEqual({ calls: 1, events: 1 });
      expect((await emulatorStatus()).lastRequest?.body).toEqual(expect.objectContaining({ trackingId: LOCAL_PERSONALIZE.trackingId, userId: newcomer }));
      const after = await ask({}, container, newcomer);
      const items = after.data?.recommendations.items ?? [];
      expect(items.map((entry) => entry.item.id)).not.toContain(watched);
      expect(items.some((entry) => entry.explanations.some((explanation) => explanation.kind === 'POPULAR'))).toBe(false);
    });
  });
});

/** The category most items of the small dataset have, so filtered lists are full. */
function smallDatasetCategory(dataset: DemoDataset): string {
  const counts = new Map<string, number>();
  for (const item of dataset.items) for (const category of item.categories) counts.set(category, (counts.get(category) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}
