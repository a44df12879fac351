import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { startServer } from '../../src/entry/server';
import { itemRecord } from '../support/items';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';
import { until } from '../support/wait-until';

describe('standalone server shutdown (DynamoDB slowed by an SDK middleware, to catch a request mid-flight)', () => {
  it('waits for a request whose client hung up before it closes storage', async () => {
    const dynamoDb = testClients();
    const container = createContainer({ config: loadConfig(testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1' })), dynamoDb });
    await container.ensureTables();
    await container.catalog.putItems([itemRecord('alien', { title: 'Alien' })]);
    const logged: Record<string, unknown>[] = [];
    const server = await startServer({ config: container.config, container, log: (line) => logged.push(line) });
    let started = 0;
    let finished = 0;
    dynamoDb.client.middlewareStack.add(
      (next) => async (args) => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 300));
        try {
          return await next(args);
        } finally {
          finished++;
        }
      },
      { step: 'initialize', name: 'slowDown' },
    );
    const { accessToken } = await signIn('alice');
    let closed = false;
    try {
      const hangUp = new AbortController();
      const request = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query: '{ item(id: "alien") { title } }' }),
        signal: hangUp.signal,
      });
      // The client hangs up once the gateway's read is in flight (however long it took to get there).
      await until(() => started > 0, 10_000);
      hangUp.abort();
      await expect(request).rejects.toThrow();
      expect(started).toBe(1);
      await server.close();
      closed = true;
      // close() resolved only after the read the abandoned request was waiting for.
      expect(finished).toBe(1);
      expect(logged.filter((line) => line['level'] === 'error')).toEqual([]);
    } finally {
      if (!closed) await server.close();
    }
  });
});
