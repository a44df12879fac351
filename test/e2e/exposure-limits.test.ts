import { request } from 'node:http';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const METRICS_TOKEN = 'metrics-token-for-the-test-0123';

/** GET with a Host header of our choosing (fetch does not let one set it). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('what the standalone server gives away: page tokens, /metrics, bad tokens, the Bearer scheme', () => {
  let server: RunningServer;
  let alice: string;
  const pageToken = 'Bearer page-token-of-the-demo-user';

  beforeAll(async () => {
    const env = testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '5', METRICS_TOKEN });
    const container = createContainer({ config: loadConfig(env), dynamoDb: testClients() });
    await container.ensureTables();
    server = await startServer({ config: container.config, container, log: () => undefined, browser: { playgroundAuthorization: pageToken, dashboardAuthorization: pageToken } });
    alice = (await signIn('alice')).accessToken;
  });
  afterAll(() => server.close());

  it('embeds the demo token in a page only for a local client that asked by a local name', async () => {
    const port = new URL(server.url).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await get(server.url, { host, accept: 'text/html' })).body).toContain(pageToken);
      expect((await get(server.url.replace('/graphql', '/dashboard'), { host, accept: 'text/html' })).body).toContain(pageToken);
    }
    // A DNS-rebinding page reaches this port under a name of its own.
    for (const host of [`rebound.example:${port}`, 'evil.example']) {
      const playground = await get(server.url, { host, accept: 'text/html' });
      expect(playground.status).toBe(200);
      expect(playground.body).not.toContain(pageToken);
      expect((await get(server.url.replace('/graphql', '/dashboard'), { host, accept: 'text/html' })).body).not.toContain(pageToken);
    }
  });

  it('serves /metrics behind METRICS_TOKEN when one is set', async () => {
    const metrics = server.url.replace('/graphql', '/metrics');
    expect((await fetch(metrics)).status).toBe(403);
    expect((await fetch(metrics, { headers: { authorization: 'Bearer wrong-token-of-the-same-length' } })).status).toBe(403);
    const allowed = await fetch(metrics, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('recgate_requests_in_flight');
  });

  it('takes the Bearer scheme in any case, and limits the requests of an address that keeps sending bad tokens', async () => {
    const ask = (authorization: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect((await ask(`bearer ${alice}`)).status).toBe(200);
    expect((await ask(`BEARER ${alice}`)).status).toBe(200);
    const statuses: number[] = [];
    for (let n = 0; n < 8; n++) statuses.push((await ask('Bearer not.a.token')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await ask('Bearer not.a.token');
    expect(limited.headers.get('retry-after')).toBe('1');
  });
});
