import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import { createLambdaHandler } from '../../src/entry/lambda-handler';
import { startServer, type RunningServer } from '../../src/entry/server';
import { LOCAL_PERSONALIZE } from '../../src/local/personalize/local-personalize';
import { httpApiEvent, invoke, type V2Handler } from '../support/lambda-events';
import { loadSmallDataset } from '../support/small-dataset';
import { accessClaims, forgedToken, signIn, testAuthEnvironment } from '../support/test-auth';
import { countCommands, testClients, type CommandCounter } from '../support/test-container';
import { testEnvironment, testPersonalizeEndpoint } from '../support/test-env';

interface Answer {
  readonly status: number;
  readonly header: (name: string) => string | undefined;
  readonly body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}
type Host = (query: string, headers: Record<string, string>) => Promise<Answer>;

const RECOMMEND = 'query($userId: ID) { recommendations(input: { userId: $userId, limit: 5, strategy: PERSONALIZE }) { strategyServed items { item { id } } } }';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The same HTTP behaviour from both hosts: the standalone server over HTTP, and the Lambda
 * handler invoked with API Gateway HTTP API v2 events — each on dynalite, cognito-local's
 * tokens and the local Personalize.
 */
describe.each(['standalone server', 'Lambda handler'] as const)('authentication and authorization (%s)', (hostName) => {
  const personalizeEndpoint = testPersonalizeEndpoint();
  const tablePrefix = testEnvironment()['TABLE_PREFIX'] ?? '';
  const logged: Record<string, unknown>[] = [];
  const closers: (() => Promise<void> | void)[] = [];
  let commands: CommandCounter;
  let tokens: Record<'alice' | 'bob' | 'admin', { accessToken: string; idToken: string }>;

  async function host(extraEnv: Record<string, string> = {}): Promise<{ call: Host; container: Container }> {
    const env = testEnvironment({
      ...testAuthEnvironment(),
      TABLE_PREFIX: tablePrefix,
      PORT: '0',
      HOST: '127.0.0.1',
      PERSONALIZE_ARN: LOCAL_PERSONALIZE.userPersonalization,
      PERSONALIZE_ENDPOINT: personalizeEndpoint,
      ...extraEnv,
    });
    const dynamoDb = testClients();
    const counter = countCommands(dynamoDb);
    commands = counter;
    const container = createContainer({ config: loadConfig(env), dynamoDb });
    await container.ensureTables();
    if (hostName === 'standalone server') {
      const server: RunningServer = await startServer({ config: container.config, container, log: (line) => logged.push(line) });
      closers.push(() => server.close());
      return {
        container,
        call: async (query, headers) => {
          const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables: JSON.parse(headers['x-variables'] ?? '{}') as unknown }) });
          return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body: (await response.json()) as Answer['body'] };
        },
      };
    }
    const handler = createLambdaHandler(container, (line) => logged.push(line)) as unknown as V2Handler;
    closers.push(() => container.close());
    return {
      container,
      call: async (query, headers) => {
        const { 'x-variables': variables, ...rest } = headers;
        const answer = await invoke(handler, httpApiEvent({ query, variables: JSON.parse(variables ?? '{}') as unknown }, rest));
        return { status: answer.status, header: (name) => answer.headers[name], body: answer.body as Answer['body'] };
      },
    };
  }

  let call: Host;
  beforeAll(async () => {
    const built = await host();
    call = built.call;
    await loadSmallDataset(built.container);
    await built.container.trainingService.train();
    tokens = { alice: await signIn('alice'), bob: await signIn('bob'), admin: await signIn('admin') };
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const personalizeCalls = async (): Promise<number> => ((await (await fetch(`${personalizeEndpoint}/_emulator/status`)).json()) as { calls: number }).calls;
  const withVariables = (headers: Record<string, string>, variables: Record<string, unknown>) => ({ ...headers, 'x-variables': JSON.stringify(variables) });

  it('serves the signed-in user their own list and profile (sub from the access token)', async () => {
    const list = await call(RECOMMEND, bearer(tokens.alice.accessToken));
    expect(list.status).toBe(200);
    expect(list.body.errors).toBeUndefined();
    expect((list.body.data?.['recommendations'] as { items: unknown[] }).items).toHaveLength(5);
    const me = await call('{ me { id } }', bearer(tokens.alice.accessToken));
    expect(me.body.data).toEqual({ me: { id: 'u0001' } });
  });

  const refusals: [string, () => Record<string, string>][] = [
    ['no Authorization header', () => ({})],
    ['a header that is not Bearer', () => ({ authorization: 'Basic YWxpY2U6c2VjcmV0' })],
    ['a malformed token', () => bearer('not.a.jwt')],
    ['an expired token', () => bearer(forgedToken(accessClaims({ exp: Math.floor(Date.now() / 1000) - 60 })))],
    ['a token of another app client', () => bearer(forgedToken(accessClaims({ client_id: 'someone-elses-client' })))],
    ['a token of another issuer', () => bearer(forgedToken(accessClaims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other' })))],
    ['an ID token instead of an access token', () => bearer(tokens.alice.idToken)],
    ['an unsigned token (alg: none)', () => bearer(forgedToken(accessClaims(), { alg: 'none', typ: 'JWT' }))],
    ['a token whose claims were changed after signing', () => bearer(tamper(tokens.alice.accessToken, { sub: 'u0002' }))],
  ];

  it.each(refusals)('refuses %s with 401 UNAUTHENTICATED, saying nothing about why', async (_name, headers) => {
    const answer = await call(RECOMMEND, headers());
    expect(answer.status).toBe(401);
    expect(answer.header('www-authenticate')).toBe('Bearer');
    expect(answer.body).toEqual({ errors: [{ message: 'A valid access token is required (Authorization: Bearer <Cognito access token>).', extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('logs the reason a token was refused, for the operator', async () => {
    logged.length = 0;
    await call(RECOMMEND, bearer(tokens.alice.idToken));
    expect(logged).toContainEqual(expect.objectContaining({ level: 'warn', message: 'unauthenticated request', reason: 'token_use is id, not access' }));
  });

  it("refuses another user's recommendations and profile with FORBIDDEN, before any storage or Personalize call", async () => {
    const before = await personalizeCalls();
    commands.reset();
    const list = await call(RECOMMEND, withVariables(bearer(tokens.alice.accessToken), { userId: 'u0002' }));
    expect(list.status).toBe(200);
    expect(list.body.data).toBeNull();
    expect(list.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    const profile = await call('{ user(id: "u0002") { id history(first: 1) { edges { node { id } } } } }', bearer(tokens.alice.accessToken));
    expect(profile.body.data).toEqual({ user: null });
    expect(profile.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(commands.count('BatchGetItemCommand') + commands.count('QueryCommand') + commands.count('GetItemCommand')).toBe(0);
    expect(await personalizeCalls()).toBe(before);
  });

  it("reads a cold-start user's interests from their Cognito profile (custom:interests)", async () => {
    const newcomer = await signIn('newcomer');
    const list = await call('{ recommendations(input: { limit: 5, strategy: BASELINE }) { items { explanations { kind category } } } }', bearer(newcomer.accessToken));
    const explanations = (list.body.data?.['recommendations'] as { items: { explanations: { kind: string; category: string | null }[] }[] }).items.flatMap((entry) => entry.explanations);
    const matched = explanations.filter((explanation) => explanation.kind === 'MATCHES_INTERESTS');
    expect(matched.length).toBeGreaterThan(0);
    for (const explanation of matched) expect(['Documentary', 'Drama']).toContain(explanation.category);
  });

  it('tells a polling client when its list went stale (feedState; what Lambda clients use instead of a subscription)', async () => {
    const list = await call('{ recommendations(input: { limit: 3, strategy: BASELINE }) { generatedAt } }', bearer(tokens.bob.accessToken));
    const generatedAt = Date.parse((list.body.data?.['recommendations'] as { generatedAt: string }).generatedAt);
    const state = async () => (await call('{ feedState { changedAt lastEventAt modelVersion } }', bearer(tokens.bob.accessToken))).body.data?.['feedState'] as { changedAt: string; lastEventAt: string | null };
    expect(Date.parse((await state()).changedAt)).toBeLessThanOrEqual(generatedAt);
    const recorded = await call(
      `mutation { recordInteraction(input: { eventId: "poll-${hostName === 'Lambda handler' ? 'lambda' : 'server'}-${Date.now()}", itemId: "i0009", type: LIKE }) { duplicate } }`,
      bearer(tokens.bob.accessToken),
    );
    expect(recorded.body.data).toEqual({ recordInteraction: { duplicate: false } });
    const after = await state();
    expect(Date.parse(after.changedAt)).toBeGreaterThan(generatedAt);
    expect(after.lastEventAt).toBe(after.changedAt);
  });

  it('keeps the strategy report to admins: FORBIDDEN for others, before any read', async () => {
    const query = '{ strategyReport(input: { k: 3, sample: 4 }) { users comparedUsers overlap { mean histogram } byStrategy { strategy } } }';
    commands.reset();
    const refused = await call(query, bearer(tokens.alice.accessToken));
    expect(refused.body.data).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect(commands.count('ScanCommand') + commands.count('QueryCommand') + commands.count('BatchGetItemCommand')).toBe(0);
    const report = await call(query, bearer(tokens.admin.accessToken));
    expect(report.body.errors).toBeUndefined();
    expect(report.body.data?.['strategyReport']).toEqual(expect.objectContaining({ users: 4, comparedUsers: 4 }));
  });

  it('lets an admin name any user', async () => {
    const asAdmin = await call(RECOMMEND, withVariables(bearer(tokens.admin.accessToken), { userId: 'u0002' }));
    expect(asAdmin.body.errors).toBeUndefined();
    const asBob = await call(RECOMMEND, bearer(tokens.bob.accessToken));
    const ids = (answer: Answer) => (answer.body.data?.['recommendations'] as { items: { item: { id: string } }[] }).items.map((entry) => entry.item.id);
    expect(ids(asAdmin)).toEqual(ids(asBob));
    const profile = await call('{ user(id: "u0002") { id } }', bearer(tokens.admin.accessToken));
    expect(profile.body.data).toEqual({ user: { id: 'u0002' } });
  });

  it('serves anonymous requests cold-start lists when that is switched on, and still refuses bad tokens', async () => {
    const open = await host({ AUTH_ALLOW_ANONYMOUS: 'on' });
    const anonymous = await open.call('{ me { id } recommendations(input: { limit: 3, strategy: BASELINE }) { strategyServed items { explanations { kind } } } }', {});
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data?.['me']).toBeNull();
    const kinds = (anonymous.body.data?.['recommendations'] as { items: { explanations: { kind: string }[] }[] }).items.flatMap((entry) => entry.explanations.map((explanation) => explanation.kind));
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((kind) => !kind.startsWith('BECAUSE_'))).toBe(true);
    const naming = await open.call(RECOMMEND, withVariables({}, { userId: 'u0001' }));
    expect(naming.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    expect((await open.call(RECOMMEND, bearer('not.a.jwt'))).status).toBe(401);
  });

  it('gives an anonymous visitor lists that follow the events it sends under its own sessionId', async () => {
    const open = await host({ AUTH_ALLOW_ANONYMOUS: 'on' });
    const listed = await open.call('{ items(first: 20) { edges { node { id } } } }', {});
    const viewed = (listed.body.data?.['items'] as { edges: { node: { id: string } }[] }).edges.slice(0, 3).map((edge) => edge.node.id);
    const sessionId = `visitor-${hostName.replace(/\W/g, '')}-${Date.now()}`;
    const VIEW = 'mutation($input: RecordInteractionInput!) { recordInteraction(input: $input) { duplicate forwarded } }';
    for (const [n, itemId] of viewed.entries()) {
      const answer = await open.call(VIEW, withVariables({}, { input: { eventId: `view-${n}`, itemId, type: 'VIEW', sessionId } }));
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { data: { recordInteraction: { duplicate: false, forwarded: false } } } });
    }
    const LIST = 'query($sessionId: String) { recommendations(input: { limit: 10, strategy: BASELINE, session: { sessionId: $sessionId } }) { items { item { id } explanations { kind becauseOf { id } } } } }';
    const items = (answer: Answer) => (answer.body.data?.['recommendations'] as { items: { item: { id: string }; explanations: { kind: string; becauseOf: { id: string } | null }[] }[] }).items;
    const followed = items(await open.call(LIST, withVariables({}, { sessionId })));
    expect(followed.map((entry) => entry.item.id).filter((id) => viewed.includes(id))).toEqual([]);
    const because = followed.flatMap((entry) => entry.explanations).filter((explanation) => explanation.kind.startsWith('BECAUSE_'));
    expect(because.length).toBeGreaterThan(0);
    for (const explanation of because) expect(viewed).toContain(explanation.becauseOf?.id);
    // Another visitor's list, and an event without a session, are not this session's.
    const stranger = items(await open.call(LIST, withVariables({}, { sessionId: `${sessionId}-other` })));
    expect(stranger.flatMap((entry) => entry.explanations).some((explanation) => explanation.kind.startsWith('BECAUSE_'))).toBe(false);
    const unsessioned = await open.call(VIEW, withVariables({}, { input: { eventId: 'view-x', itemId: viewed[0], type: 'VIEW' } }));
    expect(unsessioned.body.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

describe('Lambda handler behind the HTTP API JWT authorizer', () => {
  it('takes the viewer from the claims API Gateway verified', async () => {
    const container = createContainer({ config: loadConfig(testEnvironment(testAuthEnvironment())), dynamoDb: testClients() });
    await container.ensureTables();
    const handler = createLambdaHandler(container, () => undefined) as unknown as V2Handler;
    const claims = { sub: 'u0042', username: 'carol', token_use: 'access', client_id: container.config.auth.clientId ?? '', exp: Math.floor(Date.now() / 1000) + 600, 'cognito:groups': '[admin]' };
    const answer = await invoke(handler, httpApiEvent({ query: '{ me { id } user(id: "u0007") { id } }' }, {}, { authorizer: { jwt: { claims, scopes: null } } }));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { me: { id: 'u0042' }, user: null } });
    // Claims that do not hold up (expired, another client, groups in no form the authorizer gives) are not trusted: the token is checked, and there is none.
    for (const bad of [{ exp: Math.floor(Date.now() / 1000) - 1 }, { client_id: 'another-client' }, { 'cognito:groups': '[readers,admin]' }]) {
      const refused = await invoke(handler, httpApiEvent({ query: '{ me { id } }' }, {}, { authorizer: { jwt: { claims: { ...claims, ...bad }, scopes: null } } }));
      expect({ bad, status: refused.status }).toEqual({ bad, status: 401 });
    }
    container.close();
  });
});

/** The token with its claims changed but the old signature kept. */
function tamper(token: string, changes: Record<string, unknown>): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = { ...(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>), ...changes };
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}
