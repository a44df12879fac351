import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/entry/server';
import { ItemDocument, ItemsDocument, UserHistoryDocument } from '../__generated__/operations';
import { postGraphQL } from '../support/http-graphql';
import { itemRecord, watchEvent } from '../support/items';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment } from '../support/test-env';

describe('standalone server over HTTP', () => {
  let server: RunningServer;
  const logged: Record<string, unknown>[] = [];
  let authorization = '';
  // An admin's token: these tests read another user's history.
  const auth = (headers: Record<string, string> = {}) => ({ authorization, ...headers });

  beforeAll(async () => {
    authorization = `Bearer ${(await signIn('admin')).accessToken}`;
    server = await startServer({ config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1' })), log: (line) => logged.push(line) });
    const { container } = server;
    await container.catalog.putItems([itemRecord('alien', { title: 'Alien', categories: ['Horror'] }), itemRecord('heat', { title: 'Heat' })]);
    await container.interactions.putInteractions([watchEvent('ann', 'alien', 2000), watchEvent('ann', 'heat', 1000)]);
    await container.users.putUsers([{ id: 'ann', attributes: {} }]);
  });
  afterAll(() => server.close());

  it('answers a POSTed query with the data and a request id', async () => {
    const result = await postGraphQL(server.url, UserHistoryDocument, { id: 'ann', first: 5 }, auth());
    expect(result.status).toBe(200);
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // A per-user answer: no cache (nor proxy) may keep it.
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(result.body.data?.user?.history.edges.map((edge) => edge.node.item?.title)).toEqual(['Alien', 'Heat']);
  });

  it("keeps the caller's request id", async () => {
    const result = await postGraphQL(server.url, ItemDocument, { id: 'alien' }, auth({ 'x-request-id': 'mobile-7f3a9c21' }));
    expect(result.headers.get('x-request-id')).toBe('mobile-7f3a9c21');
    expect(result.body.data?.item?.title).toBe('Alien');
  });

  it('answers a query sent with GET', async () => {
    const query = encodeURIComponent('{ item(id: "heat") { title } }');
    const response = await fetch(`${server.url}?query=${query}`, { headers: auth({ 'apollo-require-preflight': 'true' }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { item: { title: 'Heat' } } });
  });

  it('answers null for an unknown item and BAD_USER_INPUT for a page too large', async () => {
    expect((await postGraphQL(server.url, ItemDocument, { id: 'nothing' }, auth())).body).toEqual({ data: { item: null } });
    const tooMany = await postGraphQL(server.url, ItemsDocument, { first: 500 }, auth());
    expect(tooMany.body.errors?.[0]).toEqual(
      expect.objectContaining({ message: 'Argument "first" must be between 1 and 100, got 500', extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } }),
    );
  });

  it('answers 400 with a GraphQL-shaped error, not an HTML page, to a body that is not JSON', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('answers 413 to a body over 1 MB', async () => {
    const query = `{ item(id: "${'x'.repeat(1_100_000)}") { id } }`;
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: 'The request body is larger than the server accepts.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('serves process metrics in the Prometheus text format', async () => {
    const response = await fetch(server.url.replace('/graphql', '/metrics'));
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const heap = Number(/^recgate_process_heap_used_bytes (\d+)$/m.exec(await response.text())?.[1]);
    expect(heap).toBeGreaterThan(1_000_000);
  });

  it('answers a health check', async () => {
    const response = await fetch(server.url.replace('/graphql', '/healthz'));
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
