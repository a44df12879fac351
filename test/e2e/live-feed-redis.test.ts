import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { RecordInteractionDocument } from '../__generated__/operations';
import { postGraphQL } from '../support/http-graphql';
import { startTestRedis, type TestRedis } from '../support/redis-server';
import { loadSmallDataset } from '../support/small-dataset';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';
import { until } from '../support/wait-until';

describe('live feeds across two server instances over Redis (a real redis-server)', () => {
  let redis: TestRedis;
  const servers: RunningServer[] = [];
  const clients: Client[] = [];
  let first: RunningServer;
  let second: RunningServer;
  let alice: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    const env = testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', REDIS_URL: redis.url, FEED_DEBOUNCE_MS: '100', DYNAMODB_TIMEOUT_MS: '3000' });
    const instance = async (): Promise<{ container: Container; server: RunningServer }> => {
      const container = createContainer({ config: loadConfig(env), dynamoDb: testClients() });
      await container.ensureTables();
      const server = await startServer({ config: container.config, container, log: () => undefined });
      servers.push(server);
      return { container, server };
    };
    const one = await instance();
    await loadSmallDataset(one.container);
    await one.container.trainingService.train();
    first = one.server;
    second = (await instance()).server;
    alice = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    for (const server of servers) await server.close();
    await redis.stop();
  });

  /** Subscribes on `server` and waits until its feed listens to the notifier. */
  const follow = async (server: RunningServer): Promise<number[]> => {
    const listening = server.container.feedActivity().listening;
    const pushes: number[] = [];
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${alice}` } });
    clients.push(client);
    client.subscribe({ query: 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 3 }) { id } }' }, { next: () => pushes.push(Date.now()), error: () => undefined, complete: () => undefined });
    await until(() => server.container.feedActivity().listening === listening + 1, 5000);
    return pushes;
  };
  const record = (server: RunningServer, eventId: string) =>
    postGraphQL(server.url, RecordInteractionDocument, { input: { eventId, itemId: 'i0011', type: 'VIEW' } }, { authorization: `Bearer ${alice}` });

  it('pushes to a subscriber of one instance an event recorded through the other, within a second', async () => {
    const pushes = await follow(second);
    const sent = Date.now();
    expect((await record(first, `redis-${sent}`)).body.errors).toBeUndefined();
    await until(() => pushes.length > 0, 1000);
    expect((pushes[0] ?? Infinity) - sent).toBeLessThan(1000);
  });

  it('keeps recording while Redis is gone, and pushes again once it is back, without a restart', async () => {
    const pushes = await follow(second);
    await redis.stop();
    const whileGone = await record(first, `gone-${Date.now()}`);
    expect(whileGone.status).toBe(200);
    expect(whileGone.body.data?.recordInteraction.duplicate).toBe(false);
    await redis.start();
    // Both connections reconnect on their own; then a new event reaches the other instance again.
    const deadline = Date.now() + 8000;
    let attempt = 0;
    while (pushes.length === 0 && Date.now() < deadline) {
      expect((await record(first, `back-${Date.now()}-${attempt++}`)).status).toBe(200);
      await until(() => pushes.length > 0, 500).catch(() => undefined);
    }
    expect(pushes.length).toBeGreaterThan(0);
  }, 20_000);
});
