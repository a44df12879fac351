import { buildSchema } from 'graphql';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestContext } from '../../../src/graphql/request-context';
import { createHttpApp } from '../../../src/entry/http-app';
import { createApolloServer } from '../../../src/graphql/apollo-server.factory';
import { GatewayMetrics } from '../../../src/observability/gateway-metrics';

/** The HTTP layer's own error path, with a dashboard port faked to throw (no real dependency fails that way on demand). */
describe('HTTP layer errors outside GraphQL (faked dashboard port that throws)', () => {
  let server: Server;
  let base: string;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const apollo = createApolloServer({ schema: buildSchema('type Query { ping: Int }'), log: () => undefined });
    await apollo.start();
    const app = createHttpApp({
      apollo,
      createContext: async (input) => createRequestContext({ catalog: {} as never, users: {} as never, similarLists: async () => [] }, { requestId: input.requestId }),
      pages: { dashboard: () => Promise.reject(new Error('report store exploded at /var/secret')) },
      metrics: new GatewayMetrics(),
      finish: () => undefined,
      log: (line) => logged.push(line),
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 500 in the GraphQL error shape without internals, and logs the details', async () => {
    const response = await fetch(`${base}/dashboard/content`, { headers: { 'x-request-id': 'dashboard-fault-0001' } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toMatch(/exploded|secret|at /);
    expect(JSON.parse(text)).toEqual({ errors: [{ message: 'Internal server error (request id dashboard-fault-0001)', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId: 'dashboard-fault-0001', message: 'report store exploded at /var/secret' }));
  });
});
