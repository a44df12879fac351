import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { loadSmallDataset } from '../support/small-dataset';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

interface Outcome {
  readonly data?: unknown;
  readonly errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
}

const BIG = '{ items(first: 100) { edges { node { id title categories createdAt } } } }';
const SMALL = '{ items(first: 2) { edges { node { id } } } }';

describe('the response size cap (RESPONSE_MAX_BYTES, standalone server over HTTP and graphql-ws)', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    const config = loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RESPONSE_MAX_BYTES: '4096' }));
    const container = createContainer({ config, dynamoDb: testClients() });
    await container.ensureTables();
    await loadSmallDataset(container);
    server = await startServer({ config: container.config, container, log: () => undefined });
    token = (await signIn('alice')).accessToken;
  });
  afterAll(() => server.close());

  const post = async (query: string): Promise<{ status: number; bytes: number; body: Outcome }> => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    const text = await response.text();
    return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) as Outcome };
  };

  it('answers what fits, and a response over the cap with RESPONSE_TOO_LARGE naming its size, not the response', async () => {
    const small = await post(SMALL);
    expect(small.body.errors).toBeUndefined();
    const big = await post(BIG);
    expect(big.bytes).toBeLessThan(4096);
    expect(big.body.data).toBeUndefined();
    expect(big.body.errors?.[0]?.extensions?.['code']).toBe('RESPONSE_TOO_LARGE');
    expect(big.body.errors?.[0]?.message).toMatch(/^The response would be \d+ bytes, over the limit of 4096/);
  });

  it('caps results sent over graphql-ws the same way', async () => {
    const client = createClient({ url: server.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: { authorization: `Bearer ${token}` } });
    try {
      const run = (query: string) =>
        new Promise<Outcome>((resolve, reject) => {
          let outcome: Outcome = {};
          client.subscribe({ query }, { next: (value) => (outcome = value as Outcome), error: reject, complete: () => resolve(outcome) });
        });
      expect((await run(SMALL)).errors).toBeUndefined();
      const big = await run(BIG);
      expect(big.data).toBeUndefined();
      expect(big.errors?.[0]?.extensions?.['code']).toBe('RESPONSE_TOO_LARGE');
    } finally {
      await client.dispose();
    }
  });
});
