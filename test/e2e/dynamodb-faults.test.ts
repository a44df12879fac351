import { createDynamoDbClients, type DynamoDbClients } from '../../src/adapters/dynamodb/dynamodb-client.factory';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import { startServer, type RunningServer } from '../../src/entry/server';
import { startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../src/local/embedded-dynamodb';
import { RecommendationsDocument, RecordInteractionDocument } from '../__generated__/operations';
import { postGraphQL, type HttpResult } from '../support/http-graphql';
import { loadSmallDataset } from '../support/small-dataset';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { tempDir, type TempDir } from '../support/temp-dir';
import { testEnvironment } from '../support/test-env';
import { startThrottlingProxy, type ThrottlingProxy } from '../support/throttling-proxy';

/**
 * DynamoDB misbehaving under a running gateway: throttling answered on the wire by a proxy in
 * front of dynalite (dynalite never throttles), so that the SDK's client and the serving path's
 * JSON client both meet a real ProvisionedThroughputExceededException; and the stand-in itself
 * stopped and started again mid-run (an on-disk dynalite on a fixed port, so what was stored
 * survives).
 */
describe('DynamoDB faults (standalone server, on-disk dynalite stopped mid-run, throttling answered by a proxy)', () => {
  let directory: TempDir;
  let dynamo: EmbeddedDynamoDb;
  let port: number;
  let clients: DynamoDbClients;
  let container: Container;
  let server: RunningServer;
  let alice: string;
  let itemIds: string[];
  let proxy: ThrottlingProxy;
  const acknowledged: string[] = [];
  let sequence = 0;
  let dynamoRunning = true;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    directory = await tempDir();
    dynamo = await startEmbeddedDynamoDb({ directory: directory.path });
    port = Number(new URL(dynamo.endpoint).port);
    proxy = await startThrottlingProxy(() => dynamo.endpoint);
    clients = createDynamoDbClients({ region: 'us-east-1', endpoint: proxy.endpoint, requestTimeoutMs: 1000, connectTimeoutMs: 500, localCredentials: true });
    const environment = testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_BURST: '1000', MODEL_CACHE_SECONDS: '0' });
    container = createContainer({ config: loadConfig({ ...environment, DYNAMODB_ENDPOINT: proxy.endpoint }), dynamoDb: clients });
    await container.ensureTables();
    const dataset = await loadSmallDataset(container);
    itemIds = dataset.items.map((item) => item.id);
    await container.trainingService.train();
    server = await startServer({ config: container.config, container, log: (line) => logged.push(line) });
    alice = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    await server.close();
    if (dynamoRunning) await dynamo.close();
    await proxy.close();
    await directory.remove();
  });

  const recommend = () => postGraphQL(server.url, RecommendationsDocument, { input: { strategy: 'BASELINE', limit: 5 } }, { authorization: `Bearer ${alice}` });
  async function interact(): Promise<{ eventId: string; result: HttpResult<unknown> }> {
    const eventId = `fault-${++sequence}`;
    const result = await postGraphQL(
      server.url,
      RecordInteractionDocument,
      { input: { eventId, itemId: itemIds[sequence % itemIds.length] ?? 'missing', type: 'VIEW' } },
      { authorization: `Bearer ${alice}` },
    );
    if (result.body.errors === undefined) acknowledged.push(eventId);
    return { eventId, result };
  }
  async function storedFaultEvents(): Promise<Set<string>> {
    const ids = new Set<string>();
    await container.events.scanEvents((event) => {
      if (event.eventId.startsWith('fault-')) ids.add(event.eventId);
    });
    return ids;
  }
  const codesOf = (result: HttpResult<unknown>) => (result.body.errors ?? []).map((error) => [error.extensions?.['code'], error.extensions?.['retryable']]);

  it('absorbs short throttling in the retries of both clients: the client sees nothing', async () => {
    proxy.throttleNext = 1;
    proxy.throttled = 0;
    const listed = await recommend();
    expect(proxy.throttled).toBe(1);
    expect(listed.status).toBe(200);
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data?.recommendations.items).toHaveLength(5);
  });

  it('answers SERVICE_UNAVAILABLE (retryable, HTTP 200, no 5xx) while throttling outlasts the retries, stores nothing it refused, and recovers', async () => {
    expect((await interact()).result.body.errors).toBeUndefined();
    proxy.throttleNext = Infinity;
    proxy.throttled = 0;
    const during = await Promise.all([...Array.from({ length: 10 }, () => recommend()), ...Array.from({ length: 10 }, () => interact().then(({ result }) => result))]);
    expect(during.map((result) => result.status)).toEqual(Array.from({ length: 20 }, () => 200));
    for (const result of during) expect(codesOf(result)).toEqual([['SERVICE_UNAVAILABLE', true]]);
    // Logged as dependency failures (not masked internal errors), with the command that failed.
    expect(logged.some((line) => line['level'] === 'error' && String(line['message']).startsWith('DynamoDB ') && String(line['message']).includes('ProvisionedThroughputExceededException'))).toBe(true);
    // Each command was tried three times (the client's maxAttempts) before the gateway gave up.
    expect(proxy.throttled).toBeGreaterThanOrEqual(20 * 3);
    proxy.throttleNext = 0;
    const after = await recommend();
    expect(after.body.errors).toBeUndefined();
    expect((await interact()).result.body.errors).toBeUndefined();
    expect(await storedFaultEvents()).toEqual(new Set(acknowledged));
  });

  it('answers SERVICE_UNAVAILABLE quickly while DynamoDB is unreachable, and serves again once it is back, without a restart', async () => {
    const before = await interact();
    expect(before.result.body.errors).toBeUndefined();
    await dynamo.close();
    dynamoRunning = false;
    const started = Date.now();
    const down = await Promise.all([recommend(), recommend(), interact().then(({ result }) => result), interact().then(({ result }) => result)]);
    const elapsed = Date.now() - started;
    expect(down.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    for (const result of down) expect(codesOf(result)).toEqual([['SERVICE_UNAVAILABLE', true]]);
    // A refused connection is not waited out: well inside the 1 s request timeout × 3 attempts.
    expect(elapsed).toBeLessThan(3000);
    const health = await fetch(server.url.replace('/graphql', '/healthz'));
    expect(health.status).toBe(200);

    dynamo = await startEmbeddedDynamoDb({ directory: directory.path, port });
    dynamoRunning = true;
    const back = await recommend();
    expect(back.body.errors).toBeUndefined();
    expect(back.body.data?.recommendations.items).toHaveLength(5);
    expect((await interact()).result.body.errors).toBeUndefined();
    // Every acknowledged event is stored, the refused ones are not.
    expect(await storedFaultEvents()).toEqual(new Set(acknowledged));
    expect(acknowledged).toHaveLength(4);
  });
});
