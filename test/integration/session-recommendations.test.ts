import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { RecommendationsDocument, RecordInteractionDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { loadSmallDataset } from '../support/small-dataset';
import { createTestContainer, type CommandCounter } from '../support/test-container';

/** Lists that follow the current visit (in-process, dynalite): the session is an input, reflected at once. */
describe('session-based recommendations', () => {
  let container: Container;
  let commands: CommandCounter;
  let server: ApolloServer<RequestContext>;
  let dataset: DemoDataset;
  const user = 'u0005';

  beforeAll(async () => {
    ({ container, commands } = await createTestContainer());
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
    dataset = await loadSmallDataset(container);
    // The serving path under test, not the selection (whose session weight a unit test covers): a hand-set mix with the session.
    await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 1, knn: 0, popularity: 0, session: 1 }, newArrivals: 'NONE' } });
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  const recommend = (input: Record<string, unknown>) => execute(server, container, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 10, ...input } }, { viewer: { userId: user } });
  const titleOf = (id: string) => dataset.items.find((item) => item.id === id)?.title ?? '';

  it('lifts the kind of thing the user just viewed three of, saying "Because you just viewed", and reads no more than without a session', async () => {
    const seen = new Set(dataset.interactions.filter((event) => event.userId === user).map((event) => event.itemId));
    const before = (await recommend({})).data?.recommendations.items ?? [];
    // The genre the current list shows least of, among those with at least six items the user has not seen.
    const genres = [...new Set(dataset.items.flatMap((item) => item.categories))];
    const unseenOf = (genre: string) => dataset.items.filter((item) => item.categories.includes(genre) && !seen.has(item.id)).map((item) => item.id);
    const inGenre = (items: typeof before, genre: string) => items.filter((entry) => entry.item.categories.includes(genre)).length;
    const genre = genres.filter((name) => unseenOf(name).length >= 6).sort((a, b) => inGenre(before, a) - inGenre(before, b) || (a < b ? -1 : 1))[0] ?? '';
    const viewed = unseenOf(genre).slice(0, 3);
    expect(viewed).toHaveLength(3);

    const stamp = Date.now();
    for (const [n, itemId] of viewed.entries()) {
      const { errors } = await execute(server, container, RecordInteractionDocument, { input: { eventId: `visit-${stamp}-${n}`, itemId, type: 'VIEW', sessionId: `visit-${stamp}` } }, { viewer: { userId: user } });
      expect(errors).toBeUndefined();
    }
    await recommend({ session: { sessionId: `visit-${stamp}` } }); // the model pointer is cached from here on, as for any list
    commands.reset();
    const after = (await recommend({ session: { sessionId: `visit-${stamp}` } })).data?.recommendations.items ?? [];
    // The session comes from the history row a list reads anyway, its model from the artefacts it reads anyway: the budget of any list.
    expect(commands.count('QueryCommand')).toBe(0);
    expect(commands.count('PutItemCommand')).toBe(1);
    expect(commands.total()).toBeLessThanOrEqual(8);

    expect(inGenre(after, genre)).toBeGreaterThan(inGenre(before, genre));
    const justViewed = after.flatMap((entry) => entry.explanations).filter((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED');
    expect(justViewed.length).toBeGreaterThan(0);
    for (const explanation of justViewed) {
      expect(viewed).toContain(explanation.becauseOf?.id);
      expect(explanation.text).toBe(`Because you just viewed ${titleOf(explanation.becauseOf?.id ?? '')}`);
    }
    // Another visit's id: the session is that visit's (none here), so the list is the long-term one again.
    const otherVisit = (await recommend({ session: { sessionId: 'another-visit' } })).data?.recommendations.items ?? [];
    expect(otherVisit.flatMap((entry) => entry.explanations).some((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED')).toBe(false);
    // Without an id, the session is the events of the last 30 minutes: these three.
    const recent = (await recommend({})).data?.recommendations.items ?? [];
    expect(recent.flatMap((entry) => entry.explanations).some((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED')).toBe(true);
  });

  it('refuses a session id that could not be an event\'s, naming the argument', async () => {
    const { errors } = await recommend({ session: { sessionId: 'x'.repeat(300) } });
    expect(errors?.[0]).toEqual(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'session.sessionId' }) }));
  });
});
