import type { ApolloServer } from '@apollo/server';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import type { RequestContext } from '../../src/context';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { startPersonalizeEmulator, type Faults, type PersonalizeEmulator } from '../../src/local/personalize/personalize-emulator.server';
import { UserKnnModel } from '../../src/local/personalize/user-knn.model';
import { RankItemsDocument, RecommendationsDocument, SimilarItemsDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { loadSmallDataset, smallDataset } from '../support/small-dataset';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const CAMPAIGN = 'arn:aws:personalize:us-east-1:000000000000:campaign/recgate-user';
const RANKING = 'arn:aws:personalize:us-east-1:000000000000:campaign/recgate-ranking';
const SIMS = 'arn:aws:personalize:us-east-1:000000000000:campaign/recgate-sims';
const BUDGET_MS = 200;

describe('the PERSONALIZE strategy against the local Personalize (GraphQL, dynalite)', () => {
  let emulator: PersonalizeEmulator;
  let container: Container;
  let dataset: DemoDataset;
  /** Each gateway with its own schema (resolvers are bound to their container's services) and so its own circuit. */
  const servers = new Map<Container, ApolloServer<RequestContext>>();
  // Every gateway of this file shares the same tables (and so the trained model); each has its own circuit.
  const tablePrefix = testEnvironment()['TABLE_PREFIX'] ?? '';

  beforeAll(async () => {
    dataset = smallDataset();
    emulator = await startPersonalizeEmulator({ model: new UserKnnModel(dataset.interactions, dataset.items), campaigns: { [CAMPAIGN]: 'user-personalization', [RANKING]: 'personalized-ranking', [SIMS]: 'sims' } });
    container = await gateway(CAMPAIGN);
    await loadSmallDataset(container);
    await container.trainingService.train();
  });
  afterAll(async () => {
    for (const [built, server] of servers) {
      await server.stop();
      built.close();
    }
    await emulator.close();
  });
  afterEach(() => setFaults({}));

  async function gateway(arn: string): Promise<Container> {
    const env = testEnvironment({ TABLE_PREFIX: tablePrefix, PERSONALIZE_ARN: arn, PERSONALIZE_RANKING_ARN: RANKING, PERSONALIZE_SIMS_ARN: SIMS, PERSONALIZE_ENDPOINT: emulator.endpoint, PERSONALIZE_BUDGET_MS: String(BUDGET_MS), PERSONALIZE_BREAKER_FAILURES: '3', PERSONALIZE_BREAKER_COOLDOWN_MS: '400' });
    const built = createContainer({ config: loadConfig(env), dynamoDb: testClients() });
    await built.ensureTables();
    const server = createApolloServer({ schema: built.schema, log: () => undefined });
    await server.start();
    servers.set(built, server);
    return built;
  }
  const setFaults = async (faults: Partial<Faults>): Promise<void> => {
    await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
  };
  const emulatorCalls = async (): Promise<number> => ((await (await fetch(`${emulator.endpoint}/_emulator/status`)).json()) as { calls: number }).calls;
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
    expect(list?.items.filter((entry) => entry.explanations[0]?.kind === 'BECAUSE_YOU_WATCHED').length).toBeGreaterThan(3);
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
    const fresh = await gateway(CAMPAIGN);
    await setFaults({ serverError: true });
    for (let n = 0; n < 3; n++) expect((await recommend('u0003', fresh)).data?.recommendations.fallbackReason).toBe('UNAVAILABLE');
    const callsWhenOpened = await emulatorCalls();
    expect((await recommend('u0003', fresh)).data?.recommendations.fallbackReason).toBe('CIRCUIT_OPEN');
    expect(await emulatorCalls()).toBe(callsWhenOpened);
    await setFaults({});
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect((await recommend('u0003', fresh)).data?.recommendations.strategyServed).toBe('PERSONALIZE');
    expect(await emulatorCalls()).toBe(callsWhenOpened + 1);
  });
});
