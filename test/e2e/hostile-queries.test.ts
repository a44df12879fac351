import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { MAX_VARIABLE_LIST_LENGTH, MAX_VARIABLE_VALUES } from '../../src/graphql/variables-size';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { countCommands, testClients, type CommandCounter } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

interface Answer {
  readonly status: number;
  readonly body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe.each([
  ['development', {}],
  ['production', { NODE_ENV: 'production' }],
] as const)('hostile and malformed requests (standalone server, %s)', (mode, extraEnv) => {
  let server: RunningServer;
  let commands: CommandCounter;
  let authorization: string;

  beforeAll(async () => {
    const dynamoDb = testClients();
    commands = countCommands(dynamoDb);
    // The rate limit has tests of its own; here it would turn the refusal loop into 429s.
    const unlimited = { RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '1000000' };
    const container = createContainer({ config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', ...unlimited, ...extraEnv })), dynamoDb });
    await container.ensureTables();
    server = await startServer({ config: container.config, container, log: () => undefined });
    authorization = `Bearer ${(await signIn('admin')).accessToken}`;
  });
  afterAll(() => server.close());

  const post = async (body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  };
  const refused = async (query: string, code: string, variables: Record<string, unknown> = {}): Promise<string> => {
    commands.reset();
    const answer = await post({ query, variables });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(answer.body.data).toBeUndefined();
    expect(commands.count('BatchGetItemCommand') + commands.count('QueryCommand') + commands.count('GetItemCommand') + commands.count('ScanCommand')).toBe(0);
    return answer.body.errors?.[0]?.message ?? '';
  };
  const nested = (depth: number): string => {
    let selection = 'id';
    for (let level = 0; level < depth; level++) selection = `similar(first: 1) { item { ${selection} } }`;
    return `{ item(id: "i0001") { ${selection} } }`;
  };

  it('refuses a query nested too deep', async () => {
    const message = await refused(nested(7), 'GRAPHQL_VALIDATION_FAILED');
    // Developers are told which limit and how far; production says no more than that it was refused.
    if (mode === 'development') expect(message).toMatch(/depth.*\d/i);
    else expect(message).not.toMatch(/\d/);
  });

  it('refuses too many aliases and too many directives', async () => {
    await refused(`{ ${Array.from({ length: 16 }, (_, n) => `a${n}: item(id: "i0001") { id }`).join(' ')} }`, 'GRAPHQL_VALIDATION_FAILED');
    await refused(`{ item(id: "i0001") { ${Array.from({ length: 21 }, () => 'id @include(if: true)').join(' ')} } }`, 'GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses a document of too many tokens', async () => {
    const message = await refused(`{ ${Array.from({ length: 2100 }, () => '__typename').join(' ')} }`, 'GRAPHQL_PARSE_FAILED');
    if (mode === 'development') expect(message).toMatch(/2000 tokens/);
    else expect(message).toBe('Syntax Error: Document contains too many tokens. Parsing aborted.');
  });

  it('refuses a query whose lists multiply past the cost limit, with literals or variables', async () => {
    const costly = '{ items(first: 100) { edges { node { similar(first: 100) { item { id title } } } } } }';
    const message = await refused(costly, 'QUERY_TOO_COSTLY');
    expect(message).toBe(mode === 'development' ? 'Query is too costly: 30301, the limit is 20000.' : 'Query is too costly.');
    await refused('query ($n: Int) { items(first: $n) { edges { node { similar(first: $n) { item { id title } } } } } }', 'QUERY_TOO_COSTLY', { n: 100 });
  });

  it('counts absent size arguments as their defaults and lists given as their length: the review\'s queries are refused', async () => {
    const chain = 'items { edges { node { similar { item { similar { item { similar { item { similar { item { id } } } } } } } } } } }';
    const message = await refused(`{ ${chain} }`, 'QUERY_TOO_COSTLY');
    if (mode === 'development') expect(message).toBe('Query is too costly: 444461, the limit is 20000.');
    await refused(`{ a: ${chain} b: ${chain} c: ${chain} }`, 'QUERY_TOO_COSTLY');
    const ids = Array.from({ length: 400 }, (_, n) => `i${String(n).padStart(4, '0')}`);
    await refused('query ($ids: [ID!]!) { rankItems(input: { itemIds: $ids }) { items { item { similar(first: 100) { item { id } } } } } }', 'QUERY_TOO_COSTLY', { ids });
  });

  it('refuses variables too large to read before graphql-js coerces them, and leaves a batch the service refuses to the service', async () => {
    const recordEvents = 'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { eventId } }';
    const events = (count: number, itemIds?: string[]) => Array.from({ length: count }, (_, n) => ({ eventId: `e${n}`, kind: 'IMPRESSION', ...(itemIds ? { itemIds } : { itemId: 'i0001' }) }));
    const long = await refused(recordEvents, 'BAD_USER_INPUT', { events: events(10_000) });
    expect(long).toBe(mode === 'development' ? `Variable "$events" holds a list of 10000 values; the limit is ${MAX_VARIABLE_LIST_LENGTH}.` : 'Variable "$events" holds too long a list.');
    const shown = Array.from({ length: 300 }, (_, n) => `i${n}`);
    const many = await refused(recordEvents, 'BAD_USER_INPUT', { events: events(100, shown) });
    expect(many).toBe(mode === 'development' ? `The variables hold more than ${MAX_VARIABLE_VALUES} values.` : 'The variables hold too many values.');
    // Nesting is counted without recursion: a list 100,000 deep is refused, not a stack overflow.
    const depth = 100_000;
    const query = JSON.stringify('query ($ids: [ID!]!) { rankItems(input: { itemIds: $ids }) { id } }');
    const deep = await post(`{"query":${query},"variables":{"ids":${'['.repeat(depth)}"i0001"${']'.repeat(depth)}}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // Under these limits the field's own limit answers, with its own message.
    const answer = await post({ query: recordEvents, variables: { events: events(101) } });
    expect(answer.body.errors?.[0]?.message).toMatch(/events.*at most 100 events, got 101/);
  });

  it('keeps /healthz answering within 100 ms while costly queries are refused in a loop', async () => {
    // Prepare
    const chain = 'items { edges { node { similar { item { similar { item { similar { item { similar { item { id } } } } } } } } } } }';
    const query = `{ a: ${chain} b: ${chain} c: ${chain} }`;
    // A connection of its own, opened before the load starts: the figure is the server's answer, not a TCP handshake.
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    let stop = false;
    const loops = Array.from({ length: 4 }, async () => {
      let refusals = 0;
      while (!stop) {
        const answer = await post({ query });
        expect(answer.status).toBe(400);
        refusals++;
      }
      return refusals;
    });
    // Act
    const timings: number[] = [];
    for (let n = 0; n < 10; n++) {
      const started = performance.now();
      const health = await fetch(new URL('/healthz', server.url));
      expect(health.status).toBe(200);
      timings.push(performance.now() - started);
    }
    stop = true;
    const refusals = (await Promise.all(loops)).reduce((sum, count) => sum + count, 0);
    // Assess
    expect(refusals).toBeGreaterThan(0);
    // Nine of ten within 100 ms: one slow sample can be the test machine's other work, not the server.
    expect([...timings].sort((a, b) => a - b)[8]).toBeLessThan(100);
  });

  it('refuses fragment fan-out (each fragment spreading the next four times, 20 deep) by its expanded cost', async () => {
    const fragments = Array.from({ length: 20 }, (_, level) => `fragment F${level} on Item { ...F${level + 1} ...F${level + 1} ...F${level + 1} ...F${level + 1} }`).join(' ');
    await refused(`{ item(id: "i0001") { ...F0 } } ${fragments} fragment F20 on Item { id }`, 'QUERY_TOO_COSTLY');
  });

  it('refuses fragment cycles', async () => {
    await refused('{ item(id: "i0001") { ...A } } fragment A on Item { similar(first: 1) { item { ...B } } } fragment B on Item { similar(first: 1) { item { ...A } } }', 'GRAPHQL_VALIDATION_FAILED');
  });

  it('answers batches, mutations over GET and simple content types with 4xx, not 500', async () => {
    expect((await post([{ query: '{ __typename }' }, { query: '{ __typename }' }])).status).toBe(400);
    const mutationOverGet = await fetch(`${server.url}?query=${encodeURIComponent('mutation { recordInteraction(input: { eventId: "g", itemId: "i0001", type: VIEW }) { duplicate } }')}`, {
      headers: { authorization, 'apollo-require-preflight': 'true' },
    });
    expect(mutationOverGet.status).toBe(405);
    // A simple content type (what a cross-site form can send) is refused before the body is read.
    const plain = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain', authorization }, body: '{ __typename }' });
    expect(plain.status).toBe(415);
    // No content type at all: Apollo's CSRF prevention refuses it.
    const untyped = await fetch(server.url, { method: 'POST', headers: { authorization }, body: new Blob(['{"query":"{ __typename }"}']) });
    expect(untyped.status).toBe(400);
  });

  it(mode === 'production' ? 'hides the schema: no introspection, no field suggestions' : 'keeps introspection and suggestions for developers', async () => {
    const introspection = await post({ query: '{ __schema { queryType { name } } }' });
    const typo = await post({ query: '{ itme(id: "i0001") { id } }' });
    if (mode === 'production') {
      expect(introspection.status).toBe(400);
      expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    } else {
      expect(introspection.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect(typo.body.errors?.[0]?.message).toMatch(/Did you mean "item"/);
    }
  });
});
