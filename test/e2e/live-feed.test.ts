import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Container } from '../../src/container';
import { InProcessFeedNotifier } from '../../src/adapters/pubsub/in-process-feed-notifier';
import { startServer, type RunningServer } from '../../src/entry/server';
import { postGraphQL } from '../support/http-graphql';
import { RecommendationsDocument, RecordClickDocument, RecordInteractionDocument } from '../__generated__/operations';
import { accessClaims, forgedToken, signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';
import { until } from '../support/wait-until';

const FEED = 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 5 }) { id generatedAt modelVersion items { item { id } } } }';

interface Pushed {
  readonly id: string;
  readonly generatedAt: string;
  readonly modelVersion: string;
  readonly items: { item: { id: string } }[];
}

describe('Subscription.feedUpdated over graphql-ws (standalone server, dynalite, cognito-local)', () => {
  let container: Container;
  let server: RunningServer;
  let wsUrl: string;
  let alice: string;
  let idle = 0;
  const clients: Client[] = [];

  beforeAll(async () => {
    container = await trainedTestContainer(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', FEED_DEBOUNCE_MS: '200' }));
    server = await startServer({ config: container.config, container, log: () => undefined });
    wsUrl = server.url.replace(/^http/, 'ws');
    alice = (await signIn('alice')).accessToken;
    idle = listeners();
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server.close();
  });

  function connect(token: string | undefined): { client: Client; closed: Promise<{ code: number; reason: string }> } {
    let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
    const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
      on: { closed: (event) => onClosed(event as { code: number; reason: string }) },
      onNonLazyError: () => undefined,
    });
    clients.push(client);
    return { client, closed };
  }

  /** Subscribes and collects what is pushed, each with the time it arrived. */
  function follow(client: Client, query = FEED): { pushes: { list: Pushed; at: number }[]; errors: unknown[]; stop: () => void } {
    const pushes: { list: Pushed; at: number }[] = [];
    const errors: unknown[] = [];
    const stop = client.subscribe<{ feedUpdated: Pushed }>(
      { query },
      { next: (result) => (result.data ? pushes.push({ list: result.data.feedUpdated, at: Date.now() }) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => undefined },
    );
    return { pushes, errors, stop };
  }

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  /**
   * The server's notifier listeners: the container's own, plus one per open feed. A test waits
   * until the feeds of the tests before it are gone, opens its own, and waits until it listens.
   */
  const listeners = (): number => (container.notifier instanceof InProcessFeedNotifier ? container.notifier.listenerCount : 0);
  const openFeed = async (client: Client): Promise<ReturnType<typeof follow>> => {
    await until(() => listeners() === idle, 2000);
    const feed = follow(client);
    await until(() => listeners() === idle + 1, 2000);
    return feed;
  };

  it('pushes a fresh list within a second of a click, and the list reflects it', async () => {
    const { client } = connect(alice);
    const feed = await openFeed(client);
    const listsCounted = () => container.metrics.lists.value({ requested: 'BASELINE', served: 'BASELINE' });
    const countedBefore = listsCounted();
    const before = (await postGraphQL(server.url, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 5 } }, auth(alice))).body.data?.recommendations;
    const clicked = before?.items[0]?.item.id ?? '';
    const sent = Date.now();
    const click = await postGraphQL(server.url, RecordClickDocument, { input: { eventId: `live-click-${sent}`, recommendationId: before?.id ?? '', itemId: clicked } }, auth(alice));
    expect(click.body.errors).toBeUndefined();
    await until(() => feed.pushes.length > 0, 1000);
    const pushed = feed.pushes[0];
    expect((pushed?.at ?? Infinity) - sent).toBeLessThan(1000);
    expect(pushed?.list.items).toHaveLength(5);
    expect(pushed?.list.items.map((entry) => entry.item.id)).not.toContain(clicked);
    expect(pushed?.list.id).not.toBe(before?.id);
    // The list asked for over HTTP and the pushed one both count in /metrics.
    expect(listsCounted() - countedBefore).toBe(2);
    feed.stop();
  });

  it('gives a burst of events one push', async () => {
    const { client } = connect(alice);
    const feed = await openFeed(client);
    const before = container.feedActivity();
    const stamp = Date.now();
    for (let n = 0; n < 4; n++) {
      await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `burst-${stamp}-${n}`, itemId: `i00${20 + n}`, type: 'VIEW' } }, auth(alice));
    }
    // Settled: the feed has all four changes, no refresh waits out its window, and every refresh fired has been pushed.
    const fired = () => container.feedActivity().refreshes - before.refreshes;
    await until(() => container.feedActivity().changes - before.changes === 4 && container.feedActivity().pending === 0 && fired() > 0 && feed.pushes.length === fired(), 2000);
    expect(fired()).toBe(1);
    expect(feed.pushes).toHaveLength(1);
    expect(feed.errors).toEqual([]);
    feed.stop();
  });

  it("does not push to a user for someone else's events", async () => {
    const { client } = connect(alice);
    const feed = await openFeed(client);
    const bob = (await signIn('bob')).accessToken;
    await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `bob-${Date.now()}`, itemId: 'i0030', type: 'LIKE' } }, auth(bob));
    // Then alice's own event: the first push must be for it, so the feed was up and bob's event gave none.
    const ownSent = Date.now();
    await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `own-${ownSent}`, itemId: 'i0031', type: 'LIKE' } }, auth(alice));
    await until(() => feed.pushes.length > 0, 2000);
    expect(feed.pushes).toHaveLength(1);
    expect(Date.parse(feed.pushes[0]?.list.generatedAt ?? '')).toBeGreaterThanOrEqual(ownSent);
    feed.stop();
  });

  it('pushes after a model is trained, with the new model', async () => {
    const { client } = connect(alice);
    const feed = await openFeed(client);
    const summary = await container.trainingService.train();
    await until(() => feed.pushes.length > 0, 2000);
    expect(feed.pushes[0]?.list.modelVersion).toBe(summary.model.version);
    feed.stop();
  });

  it('pushes AUTO lists through the running experiment, as a fetched list is served', async () => {
    // Prepare: an experiment whose two arms both serve the baseline, so every list is assigned to one.
    const experiment = await container.experimentService.create({ name: 'pushed lists', kind: 'AB', variants: [{ name: 'left', strategy: 'BASELINE' }, { name: 'right', strategy: 'BASELINE' }] });
    await container.experimentService.start(experiment.id);
    try {
      const { client } = connect(alice);
      const feed = follow(client, 'subscription { feedUpdated(input: { limit: 5 }) { id generatedAt modelVersion items { item { id } } } }');
      // Act: events until the subscription, once in place, pushes.
      for (let n = 0; !feed.pushes.length; n++) {
        if (n > 30) throw new Error('no push within 30 events');
        await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `auto-${Date.now()}-${n}`, itemId: 'i0040', type: 'VIEW' } }, auth(alice));
        await until(() => feed.pushes.length > 0, 300).catch(() => undefined);
      }
      // Assess: the stored list names the experiment and the arm, so its impressions are credited.
      const [stored] = await container.lists.getLists([feed.pushes[0]?.list.id ?? '']);
      expect(stored instanceof Error ? stored : stored?.experiment).toEqual(expect.objectContaining({ experimentId: experiment.id, variant: expect.stringMatching(/^(left|right)$/) }));
      feed.stop();
    } finally {
      await container.experimentService.stop(experiment.id);
    }
  });

  it('closes a connection without a token with 4401, and one with a bad token with 4403', async () => {
    expect((await connect(undefined).closed).code).toBe(4401);
    expect((await connect('not.a.jwt').closed).code).toBe(4403);
    expect((await connect(forgedToken(accessClaims({ token_use: 'id' }))).closed).code).toBe(4403);
  });

  it('ends the stream when the token expires', async () => {
    const expiresSoon = forgedToken(accessClaims({ exp: Math.floor(Date.now() / 1000) + 2 }));
    const { client, closed } = connect(expiresSoon);
    follow(client);
    const started = Date.now();
    expect(await closed).toEqual(expect.objectContaining({ code: 4401, reason: 'Token expired' }));
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('pushes a list that follows the visit: after views under a session id, "Because you just viewed" one of them', async () => {
    // Last in this file: a model whose mix weighs the session strongly (what selection chose on this small catalogue weighs it 0.25).
    await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 0, knn: 1, popularity: 0, session: 2 }, newArrivals: 'NONE' } });
    const sessionId = `visit-${Date.now()}`;
    const { client } = connect(alice);
    await until(() => listeners() === idle, 2000);
    const query = `subscription { feedUpdated(input: { strategy: BASELINE, limit: 10, session: { sessionId: "${sessionId}" } }) { id generatedAt modelVersion items { item { id } explanations { kind becauseOf { id } } } } }`;
    const pushes: { kind: string; becauseOf: string | undefined }[][] = [];
    const stop = client.subscribe<{ feedUpdated: { items: { explanations: { kind: string; becauseOf: { id: string } | null }[] }[] } }>(
      { query },
      { next: (result) => void (result.data && pushes.push(result.data.feedUpdated.items.flatMap((entry) => entry.explanations.map((explanation) => ({ kind: explanation.kind, becauseOf: explanation.becauseOf?.id }))))), error: () => undefined, complete: () => undefined },
    );
    await until(() => listeners() === idle + 1, 2000);
    const viewed = ['i0031', 'i0032', 'i0033'];
    for (const [n, itemId] of viewed.entries()) {
      const recorded = await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `${sessionId}-${n}`, itemId, type: 'VIEW', sessionId } }, auth(alice));
      expect(recorded.body.errors).toBeUndefined();
    }
    // The push after the last of the views (one burst, or two): its list follows the visit.
    await until(() => pushes.some((explanations) => explanations.some((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED')), 3000);
    const justViewed = pushes.flat().filter((explanation) => explanation.kind === 'BECAUSE_YOU_JUST_VIEWED');
    for (const explanation of justViewed) expect(viewed).toContain(explanation.becauseOf);
    stop();
  });

});
