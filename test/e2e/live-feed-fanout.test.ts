import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { Container } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { MAX_OPERATIONS_PER_CONNECTION } from '../../src/graphql/websocket-operation.guard';
import { RecordInteractionDocument } from '../__generated__/operations';
import { postGraphQL } from '../support/http-graphql';
import { Signal } from '../support/signal';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { trainedTestContainer } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const FEED = 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 5 }) { id items { item { id } } } }';
const SUBSCRIPTIONS = 300;

describe('live-feed fan-out: one user, many subscriptions (standalone server, dynalite, cognito-local)', () => {
  let container: Container;
  let server: RunningServer;
  let token: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    container = await trainedTestContainer(
      testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', FEED_DEBOUNCE_MS: '200', FEED_MAX_SUBSCRIPTIONS_PER_USER: String(SUBSCRIPTIONS), RATE_LIMIT_BURST: '100000', RATE_LIMIT_PER_SECOND: '100000' }),
    );
    server = await startServer({ config: container.config, container, log: () => undefined });
    token = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server.close();
  });

  const connect = (): Client => {
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    clients.push(client);
    return client;
  };

  it('computes one list for a burst and pushes it to all 300 subscriptions; the 301st is refused with a code and its socket stays', async () => {
    // Prepare: 30 sockets × 10 subscriptions, all of alice, all with the same input.
    const pushes: string[][] = Array.from({ length: SUBSCRIPTIONS }, () => []);
    const errors: unknown[] = [];
    const arrived = new Signal();
    for (let socket = 0; socket < SUBSCRIPTIONS / MAX_OPERATIONS_PER_CONNECTION; socket++) {
      const client = connect();
      for (let n = 0; n < MAX_OPERATIONS_PER_CONNECTION; n++) {
        const index = socket * MAX_OPERATIONS_PER_CONNECTION + n;
        client.subscribe<{ feedUpdated: { id: string } }>({ query: FEED }, {
          next: (result) => {
            if (result.data) pushes[index]?.push(result.data.feedUpdated.id);
            else errors.push(result.errors);
            arrived.notify();
          },
          error: (error) => errors.push(error),
          complete: () => undefined,
        });
      }
    }
    const listsComputed = () => container.metrics.lists.value({ requested: 'BASELINE', served: 'BASELINE' });
    // Act: events until the subscriptions, once all in place, are pushed to (each event after the first push is one more burst).
    const before = listsComputed();
    for (let n = 0; pushes.some((received) => received.length === 0); n++) {
      if (n > 20) throw new Error(`only ${pushes.filter((received) => received.length > 0).length} of ${SUBSCRIPTIONS} subscriptions were pushed to`);
      await postGraphQL(server.url, RecordInteractionDocument, { input: { eventId: `fanout-${Date.now()}-${n}`, itemId: 'i0050', type: 'VIEW' } }, { authorization: `Bearer ${token}` });
      await arrived.until(() => pushes.every((received) => received.length > n), 3000).catch(() => undefined);
    }
    const bursts = Math.max(...pushes.map((received) => received.length));
    // Assess: every subscription got each burst's list, and each burst was computed once.
    expect(errors).toEqual([]);
    expect(new Set(pushes.map((received) => received.at(-1))).size).toBe(1);
    expect(listsComputed() - before).toBe(bursts);

    // The 301st subscription is refused with a code; another operation on its socket still runs.
    const extra = connect();
    const refused = await new Promise<unknown>((resolve) => {
      let answered: unknown = [];
      // graphql-js answers a subscribe function that throws with a result holding the error, then completes.
      extra.subscribe({ query: FEED }, { next: (result) => (answered = result.errors), error: resolve, complete: () => resolve(answered) });
    });
    expect(refused).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "TOO_MANY_SUBSCRIPTIONS" }) })]);
    const stillServed = await new Promise<unknown>((resolve, reject) => {
      let value: unknown;
      extra.subscribe({ query: '{ item(id: "i0001") { id } }' }, { next: (result) => (value = result.data), error: reject, complete: () => resolve(value) });
    });
    expect(stillServed).toEqual({ item: { id: 'i0001' } });
  }, 60_000);
});
