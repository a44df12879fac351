import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import type { SandboxState } from '../../src/local/personalize/personalize-emulator.server';
import { RecommendationsDocument, RecordClickDocument, RecordEventsDocument, RecordImpressionDocument, RecordInteractionDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { testEnvironment, testPersonalizeEndpoint } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';

describe('recording impressions, clicks and interactions (GraphQL, dynalite, local Personalize)', () => {
  const endpoint = testPersonalizeEndpoint();
  let container: Container;
  let server: ApolloServer<RequestContext>;
  let counter = 0;
  const newId = (prefix: string) => `${prefix}-${Date.now()}-${counter++}`;

  beforeAll(async () => {
    const env = testEnvironment({ PERSONALIZE_TRACKING_ID: LOCAL_PERSONALIZE.trackingId, PERSONALIZE_ENDPOINT: endpoint, PERSONALIZE_BUDGET_MS: '500' });
    container = await trainedTestContainer(env);
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });
  afterEach(() => setFaults({}));

  const as = (userId: string | undefined) => ({ viewer: { userId } });
  const setFaults = async (faults: object) => fetch(`${endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
  const emulator = async (): Promise<SandboxState> => (await (await fetch(`${endpoint}/_emulator/status`)).json()) as SandboxState;
  const served = async (userId: string, limit = 5) => {
    const { data, errors } = await execute(server, container, RecommendationsDocument, { input: { strategy: 'BASELINE', limit } }, as(userId));
    if (!data) throw new Error(JSON.stringify(errors));
    return data.recommendations;
  };

  it('attributes an impression and a click to the served list (strategy, rank, source), and the click joins the history', async () => {
    const list = await served('u0005');
    const shown = list.items.map((entry) => entry.item.id);
    const impression = await execute(server, container, RecordImpressionDocument, { input: { eventId: newId('imp'), recommendationId: list.id, itemIds: shown } }, as('u0005'));
    expect(impression.data?.recordImpression).toEqual(
      expect.objectContaining({ kind: 'IMPRESSION', duplicate: false, forwarded: true, attribution: { recommendationId: list.id, strategy: 'BASELINE', rank: null, source: null } }),
    );
    const clicked = list.items[2];
    const clickId = newId('click');
    const click = await execute(server, container, RecordClickDocument, { input: { eventId: clickId, recommendationId: list.id, itemId: clicked?.item.id ?? '' } }, as('u0005'));
    expect(click.data?.recordClick.attribution).toEqual({ recommendationId: list.id, strategy: 'BASELINE', rank: 3, source: clicked?.source });
    const history = await container.interactions.recentInteractions('u0005', 1);
    expect(history[0]).toEqual(expect.objectContaining({ itemId: clicked?.item.id, type: 'CLICK' }));
    const stored = await container.events.eventsOf('u0005');
    expect(stored.map((event) => event.kind)).toEqual(['IMPRESSION', 'CLICK']);
  });

  it('stores a retried event once and answers it as a duplicate; the same id with other content is CONFLICT', async () => {
    const eventId = newId('like');
    const input = { eventId, itemId: 'i0042', type: 'LIKE' as const };
    const first = await execute(server, container, RecordInteractionDocument, { input }, as('u0006'));
    const again = await execute(server, container, RecordInteractionDocument, { input }, as('u0006'));
    expect(first.data?.recordInteraction.duplicate).toBe(false);
    expect(again.data?.recordInteraction).toEqual(expect.objectContaining({ eventId, duplicate: true }));
    const conflict = await execute(server, container, RecordInteractionDocument, { input: { ...input, itemId: 'i0043' } }, as('u0006'));
    expect(conflict.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT' });
    expect((await container.events.eventsOf('u0006')).filter((event) => event.eventId === eventId)).toHaveLength(1);
    const history = await container.interactions.listHistory('u0006', { first: 100, after: undefined });
    expect(history.nodes.filter((entry) => entry.node.eventId === eventId).map((entry) => entry.node.itemId)).toEqual(['i0042']);
  });

  it('stores 50 concurrent copies of one event once: one answer says stored, 49 say duplicate', async () => {
    const eventId = newId('burst');
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => execute(server, container, RecordInteractionDocument, { input: { eventId, itemId: 'i0007', type: 'WATCH', value: 1200 } }, as('u0007'))),
    );
    expect(answers.map((answer) => answer.errors)).toEqual(Array.from({ length: 50 }, () => undefined));
    expect(answers.filter((answer) => answer.data?.recordInteraction.duplicate === false)).toHaveLength(1);
    expect((await container.events.eventsOf('u0007')).filter((event) => event.eventId === eventId)).toHaveLength(1);
    expect((await emulator()).receivedEventIds.filter((id) => id === eventId)).toHaveLength(1);
  });

  it('refuses a click on an item the list did not hold, an unknown list, another user\'s list and an anonymous viewer, storing nothing', async () => {
    const list = await served('u0008', 3);
    const notInList = (await served('u0009', 20)).items.map((entry) => entry.item.id).find((id) => !list.items.some((entry) => entry.item.id === id)) ?? 'i0001';
    const click = (userId: string | undefined, recommendationId: string, itemId: string) =>
      execute(server, container, RecordClickDocument, { input: { eventId: newId('bad'), recommendationId, itemId } }, as(userId));
    expect((await click('u0008', list.id, notInList)).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'itemId' });
    expect((await click('u0008', 'no-such-list', list.items[0]?.item.id ?? '')).errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'recommendationId' });
    expect((await click('u0009', list.id, list.items[0]?.item.id ?? '')).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await click(undefined, list.id, list.items[0]?.item.id ?? '')).errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(await container.events.eventsOf('u0008')).toEqual([]);
  });

  it('answers each event of a batch on its own, in order', async () => {
    const list = await served('u0010', 3);
    const good = newId('batch');
    const { data } = await execute(
      server,
      container,
      RecordEventsDocument,
      {
        events: [
          { kind: 'IMPRESSION', eventId: good, recommendationId: list.id, itemIds: list.items.map((entry) => entry.item.id) },
          { kind: 'CLICK', eventId: newId('batch'), recommendationId: list.id, itemId: 'not-in-list' },
          { kind: 'INTERACTION', eventId: 'bad id with spaces', itemId: 'i0001', type: 'VIEW' },
          { kind: 'INTERACTION', eventId: good, itemId: 'i0001', type: 'VIEW' },
        ],
      },
      as('u0010'),
    );
    expect(data?.recordEvents.map((entry) => [entry.eventId, entry.result?.duplicate ?? null, entry.error?.code ?? null, entry.error?.argumentName ?? null])).toEqual([
      [good, false, null, null],
      [expect.any(String), null, 'BAD_USER_INPUT', 'itemId'],
      ['bad id with spaces', null, 'BAD_USER_INPUT', 'eventId'],
      [good, null, 'CONFLICT', null],
    ]);
    const tooMany = await execute(server, container, RecordEventsDocument, { events: Array.from({ length: 101 }, (_, n) => ({ kind: 'INTERACTION' as const, eventId: `e${n}`, itemId: 'i0001', type: 'VIEW' as const })) }, as('u0010'));
    expect(tooMany.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'events' });
  });

  it("changes the user's next baseline list without retraining", async () => {
    const before = await served('u0011', 5);
    const top = before.items[0]?.item.id ?? '';
    await execute(server, container, RecordInteractionDocument, { input: { eventId: newId('watch'), itemId: top, type: 'WATCH', value: 5400 } }, as('u0011'));
    const after = await served('u0011', 5);
    expect(after.items.map((entry) => entry.item.id)).not.toContain(top);
    expect(after.modelVersion).toBe(before.modelVersion);
  });

  it('keeps an event Personalize did not take, and the replay sends each such event exactly once', async () => {
    await setFaults({ serverError: true });
    const ids = [newId('offline'), newId('offline')];
    for (const eventId of ids) {
      const { data } = await execute(server, container, RecordInteractionDocument, { input: { eventId, itemId: 'i0003', type: 'VIEW' } }, as('u0012'));
      expect(data?.recordInteraction).toEqual(expect.objectContaining({ duplicate: false, forwarded: false }));
    }
    expect((await container.events.pendingForward(100)).map((event) => event.eventId)).toEqual(expect.arrayContaining(ids));
    expect(await container.eventService.replayPending()).toEqual(expect.objectContaining({ forwarded: 0 }));
    await setFaults({});
    expect(await container.eventService.replayPending()).toEqual({ forwarded: 2, failed: 0 });
    expect(await container.eventService.replayPending()).toEqual({ forwarded: 0, failed: 0 });
    const received = (await emulator()).receivedEventIds;
    for (const eventId of ids) expect(received.filter((id) => id === eventId)).toHaveLength(1);
    expect((await container.events.eventsOf('u0012')).map((event) => event.forward)).toEqual(['FORWARDED', 'FORWARDED']);
  });
});

describe('event recording while Personalize is down (local Personalize, a sandbox of its own)', () => {
  const endpoint = testPersonalizeEndpoint();
  let container: Container;
  let server: ApolloServer<RequestContext>;
  beforeAll(async () => {
    const env = testEnvironment({ PERSONALIZE_TRACKING_ID: LOCAL_PERSONALIZE.trackingId, PERSONALIZE_ENDPOINT: endpoint, PERSONALIZE_BUDGET_MS: '300', PERSONALIZE_BREAKER_FAILURES: '2', PERSONALIZE_BREAKER_COOLDOWN_MS: '600000' });
    container = await trainedTestContainer(env);
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
  });
  afterAll(async () => {
    await fetch(`${endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({}) });
    await server.stop();
    container.close();
  });

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Infinity;
  const interact = async (eventId: string) => {
    const started = performance.now();
    const { data } = await execute(server, container, RecordInteractionDocument, { input: { eventId, itemId: 'i0004', type: 'VIEW' } }, { viewer: { userId: 'u0020' } });
    return { ms: performance.now() - started, forwarded: data?.recordInteraction.forwarded };
  };

  it('answers clicks within a few ms of healthy once the breaker is open: they stay pending instead of waiting out the budget', async () => {
    // Prepare: healthy figures, then Personalize hanging past the 300 ms budget until the breaker opens (2 failures).
    const healthy: number[] = [];
    for (let n = 0; n < 7; n++) healthy.push((await interact(`healthy-${n}`)).ms);
    await fetch(`${endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 5000 }) });
    const opening = [await interact('opening-1'), await interact('opening-2')];
    // Act
    const down: { ms: number; forwarded: boolean | undefined }[] = [];
    for (let n = 0; n < 7; n++) down.push(await interact(`down-${n}`));
    // Assess
    expect(opening.map((answer) => answer.ms >= 290)).toEqual([true, true]);
    expect(down.every((answer) => answer.forwarded === false)).toBe(true);
    expect(median(down.map((answer) => answer.ms)) - median(healthy)).toBeLessThan(30);
    expect((await container.events.pendingForward(100)).filter((event) => event.eventId.startsWith('down-'))).toHaveLength(7);
  });
});
