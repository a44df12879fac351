import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import type { Container } from '../../src/container';
import { InProcessFeedNotifier } from '../../src/adapters/pubsub/in-process-feed-notifier';
import { startServer } from '../../src/entry/server';
import { createWebSocketHandler } from '../../src/entry/websocket-handler';
import { startLambdaHosts } from '../../src/local/lambda-host/lambda-hosts';
import { MAX_OPERATIONS_PER_CONNECTION } from '../../src/graphql/websocket-operation.guard';
import { postGraphQL } from '../support/http-graphql';
import { RecommendationsDocument, RecordClickDocument, RecordInteractionDocument } from '../__generated__/operations';
import { accessClaims, forgedToken, signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment } from '../support/test-env';
import { testClients, trainedTestContainer } from '../support/test-container';
import { until } from '../support/wait-until';

const FEED = 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 5 }) { id generatedAt modelVersion items { item { id } } } }';

interface Pushed {
  readonly id: string;
  readonly modelVersion: string;
  readonly generatedAt: string;
  readonly items: { item: { id: string } }[];
}

/** What a test needs of a host: where to send HTTP, where to connect, how the token travels, and when a user's feed is up. */
interface Host {
  readonly httpUrl: string;
  /** Tells the host a model was trained, as its own deployment does (the standalone server: its notifier; Lambda: the training job's invocation of the WebSocket function). */
  modelTrained(): Promise<string>;
  connect(token: string | undefined): { client: Client; closed: Promise<{ code: number; reason: string }> };
  /** How many feeds of this user the host is keeping (the standalone server: its notifier's listeners; Lambda: stored subscriptions). */
  feedsOf(userId: string): Promise<number>;
  close(): Promise<void>;
}

const clients: Client[] = [];
function client(url: string, connectionParams: Record<string, unknown>): { client: Client; closed: Promise<{ code: number; reason: string }> } {
  let onClosed: (event: { code: number; reason: string }) => void = () => undefined;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const created = createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: false, connectionParams, on: { closed: (event) => onClosed(event as { code: number; reason: string }) }, onNonLazyError: () => undefined });
  clients.push(created);
  return { client: created, closed };
}

function fail(message: string): never {
  throw new Error(message);
}

/** The standalone server: graphql-ws on /graphql, the token in connection_init. */
async function standalone(container: Container): Promise<Host> {
  const server = await startServer({ config: container.config, container, log: () => undefined });
  const modelTrained = async () => (await container.trainingService.train()).model.version;
  const listeners = () => (container.notifier instanceof InProcessFeedNotifier ? container.notifier.listenerCount : 0);
  const idle = listeners();
  return {
    httpUrl: server.url,
    modelTrained,
    connect: (token) => client(server.url.replace(/^http/, 'ws'), token === undefined ? {} : { authorization: `Bearer ${token}` }),
    feedsOf: () => Promise.resolve(listeners() - idle),
    close: () => server.close(),
  };
}

/** `npm run start:lambda`'s hosts: the Lambda handlers behind the local HTTP API and WebSocket API, the token in the query string. */
async function lambda(container: Container): Promise<Host> {
  const hosts = await startLambdaHosts({ config: loadConfig({ ...testEnvironment(testAuthEnvironment()), TABLE_PREFIX: container.config.storage.tablePrefix }), dynamoDb: testClients(), httpPort: 0, wsPort: 0, log: () => undefined });
  const websocketFunction = createWebSocketHandler(hosts.gateway.sockets ?? fail('no WebSocket side'), () => undefined);
  return {
    httpUrl: hosts.httpUrl,
    modelTrained: async () => {
      const trained = await container.trainingService.train();
      // What the training Lambda's LambdaInvokeFeedNotifier sends the WebSocket function.
      await websocketFunction({ recgate: 'feed-change', change: { kind: 'MODEL_TRAINED', modelVersion: trained.model.version } });
      return trained.model.version;
    },
    connect: (token) => client(token === undefined ? hosts.wsUrl : `${hosts.wsUrl}?authorization=${encodeURIComponent(`Bearer ${token}`)}`, {}),
    feedsOf: async (userId) => (await hosts.gateway.sockets?.connections.subscriptionsFor(userId))?.length ?? 0,
    close: () => hosts.close(),
  };
}

describe.each([
  ['the standalone server', standalone],
  ['npm run start:lambda (API Gateway HTTP + WebSocket APIs, local)', lambda],
] as const)('live feeds over graphql-ws: %s (dynalite, cognito-local)', (_name, start) => {
  let host: Host;
  let alice: string;
  let bob: string;
  beforeAll(async () => {
    const container = await trainedTestContainer(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', FEED_DEBOUNCE_MS: '100' }));
    host = await start(container);
    alice = (await signIn('alice')).accessToken;
    bob = (await signIn('bob')).accessToken;
  });
  afterAll(async () => {
    for (const each of clients.splice(0)) await each.dispose();
    await host.close();
  });

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  function follow(feedClient: Client, query = FEED): { pushes: { list: Pushed; at: number }[]; errors: unknown[]; stop: () => void } {
    const pushes: { list: Pushed; at: number }[] = [];
    const errors: unknown[] = [];
    const stop = feedClient.subscribe<{ feedUpdated: Pushed }>({ query }, { next: (result) => (result.data ? pushes.push({ list: result.data.feedUpdated, at: Date.now() }) : errors.push(result.errors)), error: (error) => errors.push(error), complete: () => undefined });
    return { pushes, errors, stop };
  }
  /** Waits until the host keeps exactly `count` feeds of the user. */
  const feedsAre = async (userId: string, count: number) => {
    let kept = -1;
    await until(() => {
      void host.feedsOf(userId).then((now) => (kept = now));
      return kept === count;
    }, 3000);
  };
  /** Opens a feed once the feeds of the tests before are gone, and waits until the host keeps it. */
  const openFeed = async (token: string, userId: string) => {
    await feedsAre(userId, 0);
    const feed = follow(host.connect(token).client);
    await feedsAre(userId, 1);
    return feed;
  };

  it('pushes a fresh list within a second of a click, and the list reflects it', async () => {
    const feed = await openFeed(alice, 'u0001');
    const before = (await postGraphQL(host.httpUrl, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 5 } }, auth(alice))).body.data?.recommendations;
    const clicked = before?.items[0]?.item.id ?? '';
    const sent = Date.now();
    const click = await postGraphQL(host.httpUrl, RecordClickDocument, { input: { eventId: `hosts-click-${sent}`, recommendationId: before?.id ?? '', itemId: clicked } }, auth(alice));
    expect(click.body.errors).toBeUndefined();
    await until(() => feed.pushes.length > 0, 2000);
    const pushed = feed.pushes[0];
    expect((pushed?.at ?? Infinity) - sent).toBeLessThan(1000);
    expect(pushed?.list.items).toHaveLength(5);
    expect(pushed?.list.items.map((entry) => entry.item.id)).not.toContain(clicked);
    expect(pushed?.list.id).not.toBe(before?.id);
    feed.stop();
  });

  it("does not push to a user for someone else's events", async () => {
    const feed = await openFeed(alice, 'u0001');
    await postGraphQL(host.httpUrl, RecordInteractionDocument, { input: { eventId: `hosts-bob-${Date.now()}`, itemId: 'i0030', type: 'LIKE' } }, auth(bob));
    // Then alice's own event: the first push must be for it, so the feed was up and bob's event gave none.
    const ownSent = Date.now();
    const own = await postGraphQL(host.httpUrl, RecordInteractionDocument, { input: { eventId: `hosts-own-${ownSent}`, itemId: 'i0031', type: 'LIKE' } }, auth(alice));
    expect(own.body.errors).toBeUndefined();
    await until(() => feed.pushes.length > 0, 2000);
    expect(feed.pushes).toHaveLength(1);
    expect(Date.parse(feed.pushes[0]?.list.generatedAt ?? '')).toBeGreaterThanOrEqual(ownSent - 5);
    feed.stop();
  });

  it('refuses a connection without a token, or with a bad or expired one', async () => {
    for (const token of [undefined, 'not.a.jwt', forgedToken(accessClaims({ exp: Math.floor(Date.now() / 1000) - 60 }))]) {
      const { closed } = host.connect(token);
      const event = await closed;
      // The standalone server closes with graphql-ws's 4401/4403; API Gateway refuses the handshake (401/403), which the client sees as an abnormal close.
      expect([4401, 4403, 1006]).toContain(event.code);
    }
  });

  it("ends the stream once the token expired (Lambda: at the user's next change, which API Gateway cannot time itself)", async () => {
    await feedsAre('u0001', 0);
    const exp = Math.floor(Date.now() / 1000) + 2;
    const { client: feedClient, closed } = host.connect(forgedToken(accessClaims({ exp })));
    follow(feedClient);
    await feedsAre('u0001', 1);
    await until(() => Date.now() > exp * 1000, 4000);
    await postGraphQL(host.httpUrl, RecordInteractionDocument, { input: { eventId: `hosts-expiry-${Date.now()}`, itemId: 'i0032', type: 'VIEW' } }, auth(alice));
    const event = await closed;
    expect([4401, 1000]).toContain(event.code);
  });

  it('pushes every feed after a model is trained, with the new model', async () => {
    const feed = await openFeed(alice, 'u0001');
    const version = await host.modelTrained();
    await until(() => feed.pushes.length > 0, 3000);
    expect(feed.pushes[0]?.list.modelVersion).toBe(version);
    feed.stop();
  });

  it(`refuses more than ${MAX_OPERATIONS_PER_CONNECTION} live feeds on one connection`, async () => {
    await feedsAre('u0001', 0);
    const { client: feedClient } = host.connect(alice);
    const feeds = Array.from({ length: MAX_OPERATIONS_PER_CONNECTION + 1 }, () => follow(feedClient, 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 1 }) { id } }'));
    await until(() => feeds.some((feed) => feed.errors.length > 0), 3000);
    const refused = feeds.filter((feed) => feed.errors.length > 0);
    expect(refused).toHaveLength(1);
    expect(JSON.stringify(refused[0]?.errors)).toContain('BAD_REQUEST');
    for (const feed of feeds) feed.stop();
  });

  it('holds subscriptions to the HTTP limits (cost), answering with the same code', async () => {
    const { client: feedClient } = host.connect(alice);
    const feed = follow(feedClient, 'subscription { feedUpdated(input: { limit: 100 }) { items { item { similar(first: 100) { item { similar(first: 100) { item { id } } } } } } } }');
    await until(() => feed.errors.length > 0, 3000);
    expect(JSON.stringify(feed.errors)).toContain('QUERY_TOO_COSTLY');
  });
});
