import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { RecommendationsDocument, RecordClickDocument, RecordImpressionDocument, RecordInteractionDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { loadSmallDataset } from '../support/small-dataset';
import { createTestContainer, type CommandCounter } from '../support/test-container';

const EVENTS_PER_MINUTE = 8;

/** Visitors without an account (AUTH_ALLOW_ANONYMOUS): events under a client-generated sessionId, session-based lists for it, kept apart and forgotten (in-process, dynalite, a test clock). */
describe('anonymous sessions', () => {
  let container: Container;
  let commands: CommandCounter;
  let server: ApolloServer<RequestContext>;
  let dataset: DemoDataset;
  let now = Date.now();
  let visits = 0;
  const newVisit = () => `visit-${process.pid}-${++visits}-0123456789abcdef`;

  beforeAll(async () => {
    ({ container, commands } = await createTestContainer({ auth: { allowAnonymous: true }, clock: () => now, env: { ANONYMOUS_SESSION_EVENTS_PER_MINUTE: String(EVENTS_PER_MINUTE) } }));
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
    dataset = await loadSmallDataset(container);
    // The serving path under test, not the selection: a hand-set mix that weighs the session.
    await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 1, knn: 0, popularity: 0, session: 1 }, newArrivals: 'NONE' } });
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  // No viewer: the request context of a request without a token when anonymous requests are allowed.
  const recommend = (input: Record<string, unknown>) => execute(server, container, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 10, ...input } });
  const view = (sessionId: string | undefined, itemId: string, eventId: string) =>
    execute(server, container, RecordInteractionDocument, { input: { eventId, itemId, type: 'VIEW', ...(sessionId !== undefined ? { sessionId } : {}) } });
  const codeOf = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => errors?.[0]?.extensions?.['code'];
  const genres = () => [...new Set(dataset.items.flatMap((item) => item.categories))];

  it('lifts what the visitor just viewed three of, saying "Because you just viewed", from one read of its session, and writes no history', async () => {
    const before = (await recommend({})).data?.recommendations.items ?? [];
    const inGenre = (items: typeof before, genre: string) => items.filter((entry) => entry.item.categories.includes(genre)).length;
    const genre = genres().filter((name) => dataset.items.filter((item) => item.categories.includes(name)).length >= 6).sort((a, b) => inGenre(before, a) - inGenre(before, b) || (a < b ? -1 : 1))[0] ?? '';
    const viewed = dataset.items.filter((item) => item.categories.includes(genre)).slice(0, 3).map((item) => item.id);
    const interactionsBefore = await container.interactions.count();

    const visit = newVisit();
    for (const [n, itemId] of viewed.entries()) {
      const { data, errors } = await view(visit, itemId, `view-${n}`);
      expect(errors).toBeUndefined();
      expect(data?.recordInteraction).toEqual(expect.objectContaining({ duplicate: false, forwarded: false }));
    }
    await recommend({ session: { sessionId: visit } }); // the model pointer is cached from here on, as for any list
    commands.reset();
    const after = (await recommend({ session: { sessionId: visit } })).data?.recommendations.items ?? [];
    // One GetItem of the session instead of the history Query; the artefacts and the stored list as for any list.
    expect(commands.count('GetItemCommand')).toBe(1);
    expect(commands.count('QueryCommand')).toBe(0);
    expect(commands.total()).toBeLessThanOrEqual(8);

    expect(inGenre(after, genre)).toBeGreaterThan(inGenre(before, genre));
    expect(after.map((entry) => entry.item.id).filter((id) => viewed.includes(id))).toEqual([]);
    const justViewed = after.flatMap((entry) => entry.explanations).filter((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED');
    expect(justViewed.length).toBeGreaterThan(0);
    for (const explanation of justViewed) expect(viewed).toContain(explanation.becauseOf?.id);
    // Never a user's history: no interaction row, no user; another visit's list is the cold-start one.
    expect(await container.interactions.count()).toBe(interactionsBefore);
    const other = (await recommend({ session: { sessionId: newVisit() } })).data?.recommendations.items ?? [];
    expect(other.map((entry) => entry.item.id)).toEqual(before.map((entry) => entry.item.id));
  });

  it('records each event once per session: a retry is a duplicate, the same id with another item a CONFLICT, concurrent events all kept', async () => {
    const visit = newVisit();
    const [first, second] = dataset.items;
    expect((await view(visit, first?.id ?? '', 'once')).data?.recordInteraction.duplicate).toBe(false);
    expect((await view(visit, first?.id ?? '', 'once')).data?.recordInteraction.duplicate).toBe(true);
    expect(codeOf((await view(visit, second?.id ?? '', 'once')).errors)).toBe('CONFLICT');

    const concurrent = newVisit();
    const answers = await Promise.all(dataset.items.slice(0, 6).map((item, n) => view(concurrent, item.id, `parallel-${n}`)));
    expect(answers.map((answer) => answer.errors)).toEqual(answers.map(() => undefined));
    const stored = await container.anonymousSessions.read(concurrent);
    expect(new Set(stored?.events.map((event) => event.eventId))).toEqual(new Set(dataset.items.slice(0, 6).map((_, n) => `parallel-${n}`)));
  });

  it('attributes a click to the anonymous list it names, and refuses a list served to a user', async () => {
    const visit = newVisit();
    const list = (await recommend({ session: { sessionId: visit } })).data?.recommendations;
    const clicked = list?.items[2];
    const click = await execute(server, container, RecordClickDocument, { input: { eventId: 'tap', recommendationId: list?.id ?? '', itemId: clicked?.item.id ?? '', sessionId: visit } });
    expect(click.errors).toBeUndefined();
    expect(click.data?.recordClick.attribution).toEqual(expect.objectContaining({ recommendationId: list?.id, rank: 3 }));
    expect((await container.anonymousSessions.read(visit))?.events.map((event) => [event.itemId, event.type])).toEqual([[clicked?.item.id, 'CLICK']]);

    const users = await execute(server, container, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 3 } }, { viewer: { userId: 'u0003' } });
    const theirs = users.data?.recommendations;
    const refused = await execute(server, container, RecordClickDocument, { input: { eventId: 'tap-2', recommendationId: theirs?.id ?? '', itemId: theirs?.items[0]?.item.id ?? '', sessionId: visit } });
    expect(codeOf(refused.errors)).toBe('FORBIDDEN');
  });

  it('refuses what an anonymous session cannot hold, naming the problem', async () => {
    const itemId = dataset.items[0]?.id ?? '';
    expect(codeOf((await view(undefined, itemId, 'no-session')).errors)).toBe('FORBIDDEN');
    for (const sessionId of ['short', 'x'.repeat(129), 'has spaces in it, sixteen+']) {
      expect((await view(sessionId, itemId, 'bad-session')).errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'sessionId' }));
    }
    expect((await recommend({ session: { sessionId: 'short' } })).errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'session.sessionId' }));
    expect((await view(newVisit(), 'no-such-item', 'unknown')).errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'itemId' }));
    const list = (await recommend({})).data?.recommendations;
    const impression = await execute(server, container, RecordImpressionDocument, { input: { eventId: 'seen', recommendationId: list?.id ?? '', itemIds: [list?.items[0]?.item.id ?? ''], sessionId: newVisit() } });
    expect(codeOf(impression.errors)).toBe('FORBIDDEN');
  });

  it('bounds the events of one session a minute, without slowing another session', async () => {
    const visit = newVisit();
    const items = dataset.items.slice(0, EVENTS_PER_MINUTE + 1);
    for (const [n, item] of items.slice(0, EVENTS_PER_MINUTE).entries()) expect((await view(visit, item.id, `burst-${n}`)).errors).toBeUndefined();
    const over = await view(visit, items[EVENTS_PER_MINUTE]?.id ?? '', 'burst-over');
    expect(over.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'RATE_LIMITED', retryable: true }));
    expect((await container.anonymousSessions.read(visit))?.events).toHaveLength(EVENTS_PER_MINUTE);
    expect((await view(newVisit(), items[0]?.id ?? '', 'elsewhere')).errors).toBeUndefined();
    now += 60_000;
    expect((await view(visit, items[EVENTS_PER_MINUTE]?.id ?? '', 'burst-over')).errors).toBeUndefined();
  });

  it('forgets a session its time to live after the last event: no longer read, deleted by the sweep, begun anew by the next event', async () => {
    const visit = newVisit();
    const itemId = dataset.items[5]?.id ?? '';
    expect((await view(visit, itemId, 'early')).errors).toBeUndefined();
    const followed = (await recommend({ session: { sessionId: visit } })).data?.recommendations.items ?? [];
    expect(followed.some((entry) => entry.explanations.some((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED'))).toBe(true);

    now += container.config.anonymousSessions.ttlMinutes * 60_000 + 1000;
    expect(await container.anonymousSessions.read(visit)).toBeUndefined();
    const forgotten = (await recommend({ session: { sessionId: visit } })).data?.recommendations.items ?? [];
    expect(forgotten.flatMap((entry) => entry.explanations).some((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED')).toBe(false);
    expect(await container.anonymousSessions.deleteExpired()).toBeGreaterThanOrEqual(1);

    expect((await view(visit, itemId, 'later')).errors).toBeUndefined();
    expect((await container.anonymousSessions.read(visit))?.events.map((event) => event.eventId)).toEqual(['later']);
  });
});
