import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

describe('rate limit per viewer (standalone server)', () => {
  let server: RunningServer;
  // The limiter's clock: the test moves it instead of waiting for a bucket to refill.
  let now = Date.now();
  beforeAll(async () => {
    const container = createContainer({
      config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '3' })),
      dynamoDb: testClients(),
      clock: () => now,
    });
    await container.ensureTables();
    server = await startServer({ config: container.config, container, log: () => undefined });
  });
  afterAll(() => server.close());

  const ask = (token: string) => fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ __typename }' }) });

  it("answers 429 with Retry-After once a viewer's bucket is empty, leaves other viewers alone, and lets them in again", async () => {
    const alice = (await signIn('alice')).accessToken;
    const bob = (await signIn('bob')).accessToken;
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) statuses.push((await ask(alice)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await ask(alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(await limited.json()).toEqual({ errors: [{ message: 'Too many requests; retry in 1 s.', extensions: { code: 'RATE_LIMITED', retryable: true } }] });
    expect((await ask(bob)).status).toBe(200);
    now += 400; // 0.8 of a token at 2 a second: still refused
    expect((await ask(alice)).status).toBe(429);
    now += 200; // a whole token
    expect((await ask(alice)).status).toBe(200);
  });
});
