import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { assignVariant } from '../../src/experiments/assignment';
import { RecommendationsDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { testEnvironment, testPersonalizeEnvironment } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';

const ADMIN = { viewer: { userId: 'admin', groups: ['admin'] } };

describe('online experiments (GraphQL, dynalite, local Personalize)', () => {
  let container: Container;
  let server: ApolloServer<RequestContext>;

  beforeAll(async () => {
    const env = testEnvironment(testPersonalizeEnvironment());
    container = await trainedTestContainer(env);
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  const run = async (query: string, variables: Record<string, unknown>, contextOptions: object) => {
    const response = await server.executeOperation({ query, variables }, { contextValue: container.createContext(contextOptions) });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: Record<string, unknown> | null; errors?: { extensions?: Record<string, unknown>; message: string }[] };
  };
  const CREATE = 'mutation ($input: CreateExperimentInput!) { createExperiment(input: $input) { id status kind variants { name strategy weight } } }';
  const START = 'mutation ($id: ID!) { startExperiment(id: $id) { id status startedAt } }';
  const STOP = 'mutation ($id: ID!) { stopExperiment(id: $id) { id status } }';
  const RESULTS = '{ experiments { id status results { name impressions clicks exposures ctr { rate low high } probabilityBest } } }';
  const auto = (userId: string) => execute(server, container, RecommendationsDocument, { input: { strategy: 'AUTO', limit: 6 } }, { viewer: { userId } });
  const items = (ids: readonly string[]) => container.createContext().loaders.items.loadMany(ids);

  it('is for admins: others get FORBIDDEN', async () => {
    const refused = await run(CREATE, { input: { name: 'x', kind: 'AB', variants: [{ name: 'a', strategy: 'BASELINE' }, { name: 'b', strategy: 'PERSONALIZE' }] } }, { viewer: { userId: 'u0001' } });
    expect(refused.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await run(RESULTS, {}, { viewer: { userId: 'u0001' } })).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it('A/B: AUTO serves each user their hashed variant, the same every time; outcomes are read per variant', async () => {
    const created = await run(CREATE, { input: { name: 'baseline vs personalize', kind: 'AB', variants: [{ name: 'control', strategy: 'BASELINE' }, { name: 'personalize', strategy: 'PERSONALIZE' }] } }, ADMIN);
    const id = (created.data?.['createExperiment'] as { id: string }).id;
    expect((await run(START, { id }, ADMIN)).data?.['startExperiment']).toEqual(expect.objectContaining({ status: 'RUNNING' }));
    const other = await run(CREATE, { input: { name: 'second', kind: 'AB', variants: [{ name: 'a', strategy: 'BASELINE' }, { name: 'b', strategy: 'BLENDED' }] } }, ADMIN);
    const conflict = await run(START, { id: (other.data?.['createExperiment'] as { id: string }).id }, ADMIN);
    expect(conflict.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT' });

    for (const userId of ['u0031', 'u0032', 'u0033', 'u0034', 'u0035', 'u0036']) {
      const expected = assignVariant(userId, id, [1, 1]) === 0 ? 'BASELINE' : 'PERSONALIZE';
      const first = (await auto(userId)).data?.recommendations;
      const again = (await auto(userId)).data?.recommendations;
      expect([first?.strategyServed, again?.strategyServed]).toEqual([expected, expected]);
      const [stored] = await container.lists.getLists([first?.id ?? '']);
      expect(stored && !(stored instanceof Error) ? stored.experiment : null).toEqual({ experimentId: id, variant: expected === 'BASELINE' ? 'control' : 'personalize' });
    }

    // One user of each variant sees their list and clicks once.
    for (const userId of ['u0031', 'u0032', 'u0033']) {
      const list = (await auto(userId)).data?.recommendations;
      const shown = list?.items.map((entry) => entry.item.id) ?? [];
      await container.eventService.record(userId, { kind: 'IMPRESSION', eventId: `exp-imp-${userId}`, recommendationId: list?.id ?? '', itemIds: shown }, items);
      await container.eventService.record(userId, { kind: 'CLICK', eventId: `exp-click-${userId}`, recommendationId: list?.id ?? '', itemId: shown[0] ?? '' }, items);
    }
    const results = ((await run(RESULTS, {}, ADMIN)).data?.['experiments'] as { id: string; results: { name: string; impressions: number; clicks: number; exposures: number; probabilityBest: number }[] }[]).find((experiment) => experiment.id === id)?.results ?? [];
    const assigned = ['u0031', 'u0032', 'u0033'].map((userId) => assignVariant(userId, id, [1, 1]));
    expect(results.map((variant) => variant.exposures)).toEqual([assigned.filter((index) => index === 0).length, assigned.filter((index) => index === 1).length]);
    expect(results.map((variant) => variant.clicks)).toEqual(results.map((variant) => variant.exposures));
    expect(results.map((variant) => variant.impressions)).toEqual(results.map((variant) => variant.exposures * 6));
    expect(results.reduce((sum, variant) => sum + variant.probabilityBest, 0)).toBeCloseTo(1, 10);

    expect((await run(STOP, { id }, ADMIN)).data?.['stopExperiment']).toEqual({ id, status: 'STOPPED' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await auto('u0031')).data?.recommendations.strategyServed).toBe('BLENDED');
  });

  it('interleaving: one list mixes both variants, and a click counts for the team of the item clicked', async () => {
    const experiment = await container.experimentService.create({ name: 'interleave', kind: 'INTERLEAVING', variants: [{ name: 'base', strategy: 'BASELINE' }, { name: 'pers', strategy: 'PERSONALIZE' }] });
    await container.experimentService.start(experiment.id);
    const list = (await auto('u0040')).data?.recommendations;
    const [stored] = await container.lists.getLists([list?.id ?? '']);
    const exposure = stored && !(stored instanceof Error) ? stored.experiment : undefined;
    expect(exposure?.variant).toBe('INTERLEAVED');
    const teams = exposure?.teams ?? {};
    const shown = list?.items.map((entry) => entry.item.id) ?? [];
    expect(Object.keys(teams).sort()).toEqual([...shown].sort());
    expect(new Set(Object.values(teams))).toEqual(new Set(['base', 'pers']));
    await container.eventService.record('u0040', { kind: 'IMPRESSION', eventId: 'il-imp', recommendationId: list?.id ?? '', itemIds: shown }, items);
    const clicked = shown.find((itemId) => teams[itemId] === 'pers') ?? '';
    await container.eventService.record('u0040', { kind: 'CLICK', eventId: 'il-click', recommendationId: list?.id ?? '', itemId: clicked }, items);
    const results = await container.experimentService.results(experiment.id);
    const byName = new Map(results.variants.map((variant) => [variant.name, variant]));
    expect(byName.get('pers')?.clicks).toBe(1);
    expect(byName.get('base')?.clicks).toBe(0);
    expect((byName.get('pers')?.impressions ?? 0) + (byName.get('base')?.impressions ?? 0)).toBe(shown.length);
    await container.experimentService.stop(experiment.id);
  });
});
