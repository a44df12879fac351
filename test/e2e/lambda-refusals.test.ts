import { loadConfig } from '../../src/config';
import { createContainer } from '../../src/container';
import { createLambdaHandler } from '../../src/entry/lambda-handler';
import { MAX_BODY_BYTES } from '../../src/entry/request-limits';
import { httpApiEvent, invoke, type V2Handler } from '../support/lambda-events';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testClients } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

/** What the standalone server refuses before Apollo, the Lambda handler refuses the same way (API Gateway v2 events). */
describe('Lambda handler refusals before GraphQL (v2 events, dynalite, cognito-local)', () => {
  const logged: Record<string, unknown>[] = [];
  let handler: V2Handler;
  let bearer: string;

  beforeAll(async () => {
    const container = createContainer({ config: loadConfig(testEnvironment(testAuthEnvironment())), dynamoDb: testClients() });
    handler = createLambdaHandler(container, (line) => logged.push(line)) as unknown as V2Handler;
    bearer = `Bearer ${(await signIn('alice')).accessToken}`;
  });

  it.each([
    ['text/plain', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('answers a POST of %s with %d', async (contentType, status, code) => {
    const event = httpApiEvent({ query: '{ __typename }' }, { authorization: bearer, 'content-type': contentType });
    const answer = await invoke(handler, event);
    expect(answer.status).toBe(status);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe(code);
    expect(logged.find((line) => line['requestId'] === event.requestContext.requestId)).toMatchObject({ status, errorCodes: [code], ServerErrors: 0 });
  });

  it('answers a body over 1 MiB with 413, base64-encoded or not', async () => {
    const big = JSON.stringify({ query: `{ __typename } #${'x'.repeat(MAX_BODY_BYTES)}` });
    const plain = await invoke(handler, httpApiEvent(big, { authorization: bearer }));
    const encoded = await invoke(handler, { ...httpApiEvent(Buffer.from(big).toString('base64'), { authorization: bearer }), isBase64Encoded: true });
    expect([plain.status, encoded.status]).toEqual([413, 413]);
    expect(plain.body.errors?.[0]?.extensions?.['code']).toBe('BAD_REQUEST');
  });

  it('refuses the query whose lists cost by their defaults with 400 QUERY_TOO_COSTLY, as the server does', async () => {
    const chain = 'items { edges { node { similar { item { similar { item { similar { item { similar { item { id } } } } } } } } } } }';
    const answer = await invoke(handler, httpApiEvent({ query: `{ ${chain} }` }, { authorization: bearer }));
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_COSTLY');
  });

  it('still answers a JSON POST with a charset', async () => {
    const answer = await invoke(handler, httpApiEvent({ query: '{ __typename }' }, { authorization: bearer, 'content-type': 'application/json; charset=utf-8' }));
    expect(answer).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
