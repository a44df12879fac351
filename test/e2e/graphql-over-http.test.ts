import { auditServer } from 'graphql-http';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

/**
 * The GraphQL-over-HTTP specification's audits (graphql-http's `auditServer`, the suite the
 * spec's working group maintains) against the running standalone server, signed in.
 */
describe('GraphQL over HTTP compliance (graphql-http audits against the standalone server)', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const container = createContainer({ config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_BURST: '1000' })), dynamoDb: testClients() });
    server = await startServer({ config: container.config, container, log: () => undefined });
    token = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    await server.close();
  });

  const signedFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };

  it('passes every MUST audit; the SHOULD and MAY it leaves are the documented choices', async () => {
    const results = await auditServer({ url: server.url, fetchFn: signedFetch });
    const failed = (status: string) =>
      results
        .filter((result) => result.status === status)
        .map((result) => result.id)
        .sort();
    expect(results.length).toBeGreaterThan(50);
    expect(failed('error')).toEqual([]);
    // SHOULD answer 200 to parse/validation/variable errors under application/json: refused with 400 instead (README, "GraphQL over HTTP").
    expect(failed('warn')).toEqual(['572B', '7B9B', 'FDE2']);
    // MAY accept GET without a preflight header: CSRF prevention refuses it.
    expect(failed('notice')).toEqual(['5A70', '6A70', 'D6D5']);
  });

  it.each([
    ['text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/xml', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/json; charset=utf-8', 200, undefined],
  ])('answers a POST of %s with %d', async (contentType, status, code) => {
    const response = await signedFetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(status);
    const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe(code);
    if (code === undefined) expect(body.data).toEqual({ __typename: 'Query' });
  });

  it('answers 406 when the client accepts no GraphQL response type', async () => {
    const response = await signedFetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/csv' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(406);
  });
});
