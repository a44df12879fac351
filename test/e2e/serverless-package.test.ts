import type { Container } from '../../src/container';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { invokeBundle, packageLambda, type LambdaBundle } from '../../scripts/bench/support/lambda-bundle';
import { httpApiEvent } from '../support/lambda-events';
import { signIn, testAuthEnvironment } from '../support/test-auth';
import { testEnvironment } from '../support/test-env';
import { tempDir, type TempDir } from '../support/temp-dir';
import { trainedTestContainer } from '../support/test-container';

describe('npm run package (serverless package, no AWS credentials)', () => {
  let directory: TempDir;
  let bundle: LambdaBundle;
  let container: Container;
  const env = testEnvironment({ ...testAuthEnvironment(), LOCAL_PERSONALIZE: 'off', NODE_ENV: 'production' });

  beforeAll(async () => {
    directory = await tempDir();
    container = await trainedTestContainer(env);
    bundle = await packageLambda(directory.path);
  }, 180_000);
  afterAll(async () => {
    container.close();
    await directory.remove();
  });

  it('builds a bundle that, unzipped and invoked with an HTTP API v2 event, answers a query', async () => {
    const { accessToken } = await signIn('alice');
    const event = httpApiEvent({ query: '{ me { id } recommendations(input: { limit: 3, strategy: BASELINE }) { strategyServed items { item { id } } } }' }, { authorization: `Bearer ${accessToken}` });
    const { result } = await invokeBundle(bundle, event, env);
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '{}') as { data: { me: { id: string }; recommendations: { strategyServed: string; items: unknown[] } } };
    expect(body.data.me).toEqual({ id: 'u0001' });
    expect(body.data.recommendations.strategyServed).toBe('BASELINE');
    expect(body.data.recommendations.items).toHaveLength(3);
  }, 60_000);

  it('answers 401 from the bundle too when the token is missing', async () => {
    const { result } = await invokeBundle(bundle, httpApiEvent({ query: '{ me { id } }' }), env);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body ?? '{}')).toEqual({ errors: [{ message: 'A valid access token is required (Authorization: Bearer <Cognito access token>).', extensions: { code: 'UNAUTHENTICATED' } }] });
  }, 60_000);

  it('bundles everything into one file, without its source map: no node_modules to load at a cold start', async () => {
    const files = (await readdir(bundle.directory, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
    expect(files.sort()).toEqual(['lambda.js']);
    expect(bundle.handlerBytes).toBeGreaterThan(100_000);
  });

  it('packages the WebSocket API: its three routes, the $connect authorizer on the query string, ManageConnections on this API only, and a bundle for each function', async () => {
    const template = JSON.parse(await readFile(path.join(directory.path, 'package', 'cloudformation-template-update-stack.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const resources = Object.values(template.Resources);
    expect(resources.filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Api').map((resource) => resource.Properties['ProtocolType']).sort()).toEqual(['HTTP', 'WEBSOCKET']);
    const routes = resources.filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route' && typeof resource.Properties['RouteKey'] === 'string' && String(resource.Properties['RouteKey']).startsWith('$'));
    expect(routes.map((route) => route.Properties['RouteKey']).sort()).toEqual(['$connect', '$default', '$disconnect']);
    expect(routes.find((route) => route.Properties['RouteKey'] === '$connect')?.Properties['AuthorizationType']).toBe('CUSTOM');
    const authorizer = resources.find((resource) => resource.Type === 'AWS::ApiGatewayV2::Authorizer' && resource.Properties['AuthorizerType'] === 'REQUEST');
    expect(authorizer?.Properties['IdentitySource']).toEqual(['route.request.querystring.authorization']);
    const statements = JSON.stringify(resources.filter((resource) => resource.Type === 'AWS::IAM::Role'));
    expect(statements).toContain('execute-api:ManageConnections');
    expect(statements).toContain('@connections');
    expect(bundle.functions.map((fn) => fn.name).sort()).toEqual(['graphql', 'replay', 'train', 'websocket', 'websocketAuthorizer']);
  });
});
