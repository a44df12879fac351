import type { Container } from '../../src/container';
import { createLambdaHandler } from '../../src/entry/lambda-handler';
import { startServer, type RunningServer } from '../../src/entry/server';
import { LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import { httpApiEvent, invoke, type V2Handler } from '../support/lambda-events';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment, testPersonalizeEndpoint } from '../support/test-env';
import { trainedTestContainer } from '../support/test-container';

const RECOMMEND = '{ recommendations(input: { strategy: PERSONALIZE, limit: 5 }) { strategyServed fallbackReason items { item { id } } } }';

/** Request logs and metrics on both hosts, with the local Personalize failing so that lists fall back. */
describe('request logs and metrics (standalone server /metrics, Lambda embedded metric format; local Personalize failing)', () => {
  const personalizeEndpoint = testPersonalizeEndpoint();
  let container: Container;
  let server: RunningServer;
  let alice: string;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    await fetch(`${personalizeEndpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverError: true }) });
    const env = testEnvironment({
      ...testAuthEnvironment(),
      PORT: '0',
      HOST: '127.0.0.1',
      PERSONALIZE_ARN: LOCAL_PERSONALIZE.userPersonalization,
      PERSONALIZE_ENDPOINT: personalizeEndpoint,
      PERSONALIZE_BUDGET_MS: '1000',
    });
    container = await trainedTestContainer(env);
    server = await startServer({ config: container.config, container, log: (line) => logged.push(line) });
    alice = (await signIn('alice')).accessToken;
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (query: string, headers: Record<string, string>) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const requestLines = () => logged.filter((line) => line['message'] === 'graphql request');
  const metricValue = (text: string, series: string): number => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? 0 : Number(line.slice(series.length + 1));
  };

  it('logs one JSON line per request with request id, viewer, strategy served and fallback reason', async () => {
    const response = await post(RECOMMEND, { authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0001' });
    const body = (await response.json()) as { data: { recommendations: { strategyServed: string; fallbackReason: string } } };
    expect(body.data.recommendations).toMatchObject({ strategyServed: 'BASELINE', fallbackReason: 'UNAVAILABLE' });
    const line = requestLines().find((candidate) => candidate['requestId'] === 'observability-test-0001');
    expect(line).toMatchObject({
      level: 'info',
      viewer: 'u0001',
      operationType: 'query',
      status: 200,
      strategyRequested: 'PERSONALIZE',
      strategyServed: 'BASELINE',
      fallbackReason: 'UNAVAILABLE',
    });
    expect(typeof line?.['durationMs']).toBe('number');
  });

  it("carries the request's id and viewer into the services' own lines (an event Personalize would not take)", async () => {
    const serviceLines: Record<string, unknown>[] = [];
    const env = testEnvironment({ ...testAuthEnvironment(), PORT: '0', HOST: '127.0.0.1', PERSONALIZE_TRACKING_ID: LOCAL_PERSONALIZE.trackingId, PERSONALIZE_ENDPOINT: personalizeEndpoint, PERSONALIZE_BUDGET_MS: '1000' });
    const tracked = await trainedTestContainer(env, { log: (line) => serviceLines.push(line) });
    const trackedServer = await startServer({ config: tracked.config, container: tracked, log: () => undefined });
    try {
      const itemId = (await tracked.catalog.listItems({ categories: undefined, search: undefined }, { first: 1, after: undefined })).nodes[0]?.node.id ?? '';
      const response = await fetch(trackedServer.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0100' },
        body: JSON.stringify({ query: `mutation { recordInteraction(input: { eventId: "obs-1", itemId: "${itemId}", type: VIEW }) { forwarded } }` }),
      });
      expect(await response.json()).toEqual({ data: { recordInteraction: { forwarded: false } } });
      const forwarding = serviceLines.find((line) => String(line['message']).startsWith('forwarding to Personalize failed'));
      expect(forwarding).toMatchObject({ level: 'warn', requestId: 'observability-test-0100', viewer: 'u0001', userId: 'u0001' });
    } finally {
      await trackedServer.close();
    }
  });

  it('logs refusals with their code and no viewer, and a client that hung up as 499', async () => {
    await post('{ __typename }', { 'x-request-id': 'observability-test-0002' });
    expect(requestLines().find((line) => line['requestId'] === 'observability-test-0002')).toMatchObject({ status: 401, errorCodes: ['UNAUTHENTICATED'], viewer: undefined });
    await post('{ nope }', { authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0003' });
    expect(requestLines().find((line) => line['requestId'] === 'observability-test-0003')).toMatchObject({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'], viewer: 'u0001' });
    // Refused by the HTTP layer before Apollo: no viewer (the token is never read), the code still logged.
    await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain', authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0005' }, body: '{}' });
    await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0006' }, body: '{"query": ' });
    expect(requestLines().find((line) => line['requestId'] === 'observability-test-0005')).toMatchObject({ status: 415, errorCodes: ['UNSUPPORTED_MEDIA_TYPE'], viewer: undefined });
    expect(requestLines().find((line) => line['requestId'] === 'observability-test-0006')).toMatchObject({ status: 400, errorCodes: ['BAD_REQUEST'], viewer: undefined });
    // Personalize answers late (within the 1 s budget); the client gives up after 100 ms.
    await fetch(`${personalizeEndpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ latencyMs: 600 }) });
    try {
      const abandoned = fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}`, 'x-request-id': 'observability-test-0004' },
        body: JSON.stringify({ query: RECOMMEND }),
        signal: AbortSignal.timeout(100),
      });
      await expect(abandoned).rejects.toThrow();
      const deadline = Date.now() + 3000;
      while (!requestLines().some((line) => line['requestId'] === 'observability-test-0004') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(requestLines().find((line) => line['requestId'] === 'observability-test-0004')).toMatchObject({ status: 499, viewer: 'u0001' });
    } finally {
      await fetch(`${personalizeEndpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverError: true }) });
    }
  });

  it('counts requests, lists, fallbacks by reason and latency on /metrics', async () => {
    const before = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    for (let index = 0; index < 3; index++) await post(RECOMMEND, { authorization: `Bearer ${alice}` });
    await post('{ __typename }', { authorization: `Bearer ${alice}` });
    const after = await (await fetch(server.url.replace('/graphql', '/metrics'))).text();
    const delta = (series: string) => metricValue(after, series) - metricValue(before, series);
    expect(delta('recgate_recommendation_fallbacks_total{reason="UNAVAILABLE"}')).toBe(3);
    expect(delta('recgate_recommendation_lists_total{requested="PERSONALIZE",served="BASELINE"}')).toBe(3);
    expect(delta('recgate_graphql_requests_total{operation="query",status="200"}')).toBe(4);
    expect(delta('recgate_recommendation_request_duration_seconds_count{served="BASELINE"}')).toBe(3);
    expect(delta('recgate_graphql_request_duration_seconds_bucket{operation="query",le="+Inf"}')).toBe(4);
    expect(after).toContain('# TYPE recgate_graphql_request_duration_seconds histogram');
  });

  it('writes each Lambda request as a CloudWatch embedded-metric-format line', async () => {
    const lambdaLines: Record<string, unknown>[] = [];
    const handler = createLambdaHandler(container, (line) => lambdaLines.push(line)) as unknown as V2Handler;
    const event = httpApiEvent({ query: RECOMMEND }, { authorization: `Bearer ${alice}` });
    const answer = await invoke(handler, event);
    expect(answer.status).toBe(200);
    const line = lambdaLines.find((candidate) => candidate['message'] === 'graphql request');
    expect(line).toMatchObject({
      requestId: event.requestContext.requestId,
      viewer: 'u0001',
      strategyServed: 'BASELINE',
      fallbackReason: 'UNAVAILABLE',
      Service: 'graphql',
      StrategyServed: 'BASELINE',
      Requests: 1,
      Fallbacks: 1,
      ServerErrors: 0,
      _aws: { CloudWatchMetrics: [{ Namespace: 'recgate', Dimensions: [['Service'], ['Service', 'StrategyServed']] }] },
    });
    expect(line?.['Latency']).toBe(line?.['durationMs']);
  });
});
