import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { MAX_BODY_BYTES } from '../../src/entry/request-limits';
import { MAX_SOCKETS_PER_VIEWER } from '../../src/entry/viewer-socket-count';
import { MAX_OPERATIONS_PER_CONNECTION } from '../../src/graphql/websocket-operation.guard';
import { MAX_VARIABLE_LIST_LENGTH } from '../../src/graphql/variables-size';
import { startServer, type RunningServer } from '../../src/entry/server';
import { loadSmallDataset } from '../support/small-dataset';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { countCommands, testClients, type CommandCounter } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

interface Outcome {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * graphql-ws runs queries and mutations as well as subscriptions: every operation that arrives
 * over the WebSocket must meet the same limits as over HTTP, before any resolver runs.
 */
describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production' }],
] as const)('operations over graphql-ws meet the HTTP limits (standalone server, %s)', (mode, extraEnv) => {
  let server: RunningServer;
  let commands: CommandCounter;
  let token: string;
  const clients: Client[] = [];
  /** Fails the next DynamoDB read with an internal-looking message (a fault no stand-in produces on demand). */
  let failNextRead = false;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const dynamoDb = testClients();
    commands = countCommands(dynamoDb);
    dynamoDb.client.middlewareStack.add(
      (next) => async (args) => {
        if (failNextRead) {
          failNextRead = false;
          throw new Error('table recgate-secret-items is corrupt at /var/lib/secret');
        }
        return next(args);
      },
      { step: 'initialize', name: 'failNextRead' },
    );
    const container = createContainer({ config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_BURST: '30', RATE_LIMIT_PER_SECOND: '1', ...extraEnv })), dynamoDb });
    await container.ensureTables();
    await loadSmallDataset(container);
    server = await startServer({ config: container.config, container, log: (line) => logged.push(line) });
    token = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await server.close();
  });

  function connect(): Client {
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    clients.push(client);
    return client;
  }
  /** Runs one operation to its end and answers what came back (a result, or the errors it ended with). */
  function run(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
    return new Promise((resolve) => {
      let last: Outcome = {};
      client.subscribe<unknown>(
        { query, variables },
        {
          next: (result) => (last = result as Outcome),
          error: (error) => resolve({ errors: Array.isArray(error) ? (error as Outcome['errors']) : [{ message: String(error) }] }),
          complete: () => resolve(last),
        },
      );
    });
  }
  const nested = (depth: number): string => {
    let selection = 'id';
    for (let level = 0; level < depth; level++) selection = `similar(first: 1) { item { ${selection} } }`;
    return `{ item(id: "i0001") { ${selection} } }`;
  };
  const readsSoFar = () => commands.count('BatchGetItemCommand') + commands.count('QueryCommand') + commands.count('GetItemCommand') + commands.count('ScanCommand');

  it('answers a well-formed query over the socket', async () => {
    const outcome = await run(connect(), '{ item(id: "i0001") { id } }');
    expect(outcome).toEqual({ data: { item: { id: 'i0001' } } });
  });

  it.each([
    ['too deep', nested(7), 'GRAPHQL_VALIDATION_FAILED'],
    ['too many aliases', `{ ${Array.from({ length: 16 }, (_, n) => `a${n}: item(id: "i0001") { id }`).join(' ')} }`, 'GRAPHQL_VALIDATION_FAILED'],
    ['too many tokens', `{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`, 'GRAPHQL_PARSE_FAILED'],
    ['too costly', '{ items(first: 100) { edges { node { similar(first: 100) { item { id title } } } } } }', 'QUERY_TOO_COSTLY'],
    ['too costly by its defaults', '{ items { edges { node { similar { item { similar { item { similar { item { similar { item { id } } } } } } } } } } } }', 'QUERY_TOO_COSTLY'],
    ['not GraphQL', '{ item(id: ', 'GRAPHQL_PARSE_FAILED'],
  ])('refuses an operation %s before any read, with the HTTP code', async (_name, query, code) => {
    commands.reset();
    const outcome = await run(connect(), query);
    expect(outcome.data).toBeUndefined();
    expect(outcome.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(readsSoFar()).toBe(0);
    if (mode === 'production') expect(outcome.errors?.[0]?.message).not.toMatch(/\d{2,}/);
  });

  it(mode === 'production' ? 'refuses introspection and gives no suggestions' : 'allows introspection and suggestions for developers', async () => {
    const client = connect();
    const introspection = await run(client, '{ __schema { queryType { name } } }');
    const typo = await run(client, '{ itme(id: "i0001") { id } }');
    if (mode === 'production') {
      expect(introspection.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(typo.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } else {
      expect(introspection.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect(typo.errors?.[0]?.message).toMatch(/Did you mean "item"/);
    }
  });

  it('masks an unexpected failure (injected at the SDK middleware): a request id, no internals', async () => {
    failNextRead = true;
    const outcome = await run(connect(), '{ item(id: "i0002") { id } }');
    expect(outcome.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(outcome.errors?.[0]?.message).toMatch(/^Internal server error \(request id [0-9a-f-]{36}\)$/);
    expect(JSON.stringify(outcome)).not.toMatch(/secret|corrupt/);
    // The details are in the log, under the request id the client was given.
    const requestId = /request id ([0-9a-f-]{36})/.exec(outcome.errors?.[0]?.message ?? '')?.[1];
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId, message: expect.stringMatching(/corrupt/) }));
  });

  it('refuses variables too large to read before any read, with the HTTP code', async () => {
    commands.reset();
    const events = Array.from({ length: MAX_VARIABLE_LIST_LENGTH + 1 }, (_, n) => ({ eventId: `e${n}`, kind: 'CLICK', itemId: 'i0001' }));
    const outcome = await run(connect(), 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { eventId } }', { events });
    expect(outcome.data).toBeUndefined();
    expect(outcome.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(outcome.errors?.[0]?.message).toBe(mode === 'production' ? 'Variable "$events" holds too long a list.' : `Variable "$events" holds a list of ${MAX_VARIABLE_LIST_LENGTH + 1} values; the limit is ${MAX_VARIABLE_LIST_LENGTH}.`);
    expect(readsSoFar()).toBe(0);
  });

  it(`closes a viewer's socket past ${MAX_SOCKETS_PER_VIEWER} open ones with 1013, and not another viewer's`, async () => {
    /** An eager client: 'connected' once acknowledged, else the code it was closed with. */
    const open = (accessToken: string): Promise<{ client: Client; outcome: 'connected' | number }> =>
      new Promise((resolve) => {
        const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, connectionParams: { authorization: `Bearer ${accessToken}` }, onNonLazyError: () => undefined });
        clients.push(client);
        client.on('connected', () => resolve({ client, outcome: 'connected' }));
        client.on('closed', (event) => resolve({ client, outcome: (event as { code: number }).code }));
      });
    const bob = (await signIn('bob')).accessToken;
    const held = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_VIEWER }, () => open(bob)));
    expect(held.map(({ outcome }) => outcome)).toEqual(Array(MAX_SOCKETS_PER_VIEWER).fill('connected'));
    expect((await open(bob)).outcome).toBe(1013);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn', message: 'too many sockets' }));
    // Another viewer is not held back by bob's sockets.
    expect((await open(token)).outcome).toBe('connected');
    // A closed socket frees its place.
    await held[0]?.client.dispose();
    // The server counts the close when its close event arrives: each try is one round trip.
    let reopened: 'connected' | number = 0;
    for (let attempt = 0; attempt < 50 && reopened !== 'connected'; attempt++) reopened = (await open(bob)).outcome;
    expect(reopened).toBe('connected');
    for (const { client } of held) await client.dispose();
  });

  it(`refuses more than ${MAX_OPERATIONS_PER_CONNECTION} live feeds on one connection`, async () => {
    const client = connect();
    const feeds: (() => void)[] = [];
    const refusals: unknown[] = [];
    for (let n = 0; n <= MAX_OPERATIONS_PER_CONNECTION; n++) {
      feeds.push(client.subscribe({ query: 'subscription { feedUpdated(input: { strategy: BASELINE, limit: 1 }) { id } }' }, { next: () => undefined, error: (error) => refusals.push(error), complete: () => undefined }));
    }
    const deadline = Date.now() + 3000;
    while (refusals.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const stop of feeds) stop();
    expect(refusals).toHaveLength(1);
    expect((refusals[0] as Outcome['errors'])?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('closes the socket on a message over the size limit', async () => {
    const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename } #${'x'.repeat(MAX_BODY_BYTES)}` } }));
    expect(await closed).toBe(1009);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn', message: 'websocket message over the size limit' }));
  });

  it("applies the viewer's rate limit to operations over the socket", async () => {
    // 40 operations over enough connections that none has more than the per-connection limit
    // at once, so that each one reaches the rate limiter. The viewer's bucket holds at most the
    // burst (30) and refills at 1 a second while they run.
    const started = Date.now();
    const connections = Math.ceil(40 / MAX_OPERATIONS_PER_CONNECTION);
    const outcomes = (await Promise.all(Array.from({ length: connections }, (_, c) => {
      const client = connect();
      const share = Math.min(MAX_OPERATIONS_PER_CONNECTION, 40 - c * MAX_OPERATIONS_PER_CONNECTION);
      return Promise.all(Array.from({ length: share }, () => run(client, '{ __typename }')));
    }))).flat();
    const refilled = Math.ceil((Date.now() - started) / 1000);
    const limited = outcomes.filter((outcome) => outcome.errors?.[0]?.extensions?.['code'] === 'RATE_LIMITED');
    const answered = outcomes.filter((outcome) => outcome.data !== undefined);
    expect(limited.length + answered.length).toBe(40);
    expect(answered.length).toBeLessThanOrEqual(30 + refilled);
    expect(limited.length).toBeGreaterThanOrEqual(10 - refilled);
    expect(limited.length).toBeGreaterThan(0);
  });
});
