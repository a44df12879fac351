import { viewerFromAuthorizer } from '../../../src/entry/lambda-viewer';

const NOW = 1_800_000_000_000;
const EXP = NOW / 1000 + 3600;
const EXPECTED = { clientId: 'web-client', now: NOW };
const withClaims = (claims: Record<string, string | number | boolean | string[]>) => ({ requestContext: { authorizer: { jwt: { claims: { token_use: 'access', client_id: 'web-client', exp: EXP, ...claims } } } } });

describe('viewerFromAuthorizer (claims of the HTTP API JWT authorizer)', () => {
  it('reads sub, username and groups, flattened by API Gateway as "[a b]" or given as a list', () => {
    expect(viewerFromAuthorizer(withClaims({ sub: 's-1', username: 'ann', 'cognito:groups': '[admin editors]' }), EXPECTED)).toEqual({ userId: 's-1', username: 'ann', groups: ['admin', 'editors'], expiresAt: EXP * 1000 });
    expect(viewerFromAuthorizer(withClaims({ sub: 's-2', 'cognito:groups': ['admin'] }), EXPECTED)).toEqual({ userId: 's-2', username: 's-2', groups: ['admin'], expiresAt: EXP * 1000 });
    expect(viewerFromAuthorizer(withClaims({ sub: 's-3' }), EXPECTED)?.groups).toEqual([]);
    expect(viewerFromAuthorizer(withClaims({ sub: 's-4', 'cognito:groups': '[]' }), EXPECTED)?.groups).toEqual([]);
  });

  it('takes nothing from an event without verified access-token claims (the handler then checks the header itself)', () => {
    expect(viewerFromAuthorizer({}, EXPECTED)).toBeUndefined();
    expect(viewerFromAuthorizer(withClaims({ sub: 's-1', token_use: 'id' }), EXPECTED)).toBeUndefined();
    expect(viewerFromAuthorizer(withClaims({}), EXPECTED)).toBeUndefined();
  });

  it.each([
    ['an expired token', { sub: 's-1', exp: NOW / 1000 - 1 }],
    ['a token without exp', { sub: 's-1', exp: 'soon' }],
    ['a token of another app client', { sub: 's-1', client_id: 'other-client' }],
    ['groups that are not the authorizer\'s "[a b]" form', { sub: 's-1', 'cognito:groups': '[readers,admin]' }],
    ['a group list holding a comma', { sub: 's-1', 'cognito:groups': ['readers,admin'] }],
  ])('trusts nothing of %s (a mis-wired route cannot hand out admin)', (_, claims) => {
    expect(viewerFromAuthorizer(withClaims(claims), EXPECTED)).toBeUndefined();
  });
});
