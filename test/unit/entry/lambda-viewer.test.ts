import { viewerFromAuthorizer } from '../../../src/entry/lambda-viewer';

const withClaims = (claims: Record<string, string | number | boolean | string[]>) => ({ requestContext: { authorizer: { jwt: { claims } } } });

describe('viewerFromAuthorizer (claims of the HTTP API JWT authorizer)', () => {
  it('reads sub, username and groups, flattened by API Gateway as "[a b]" or given as a list', () => {
    expect(viewerFromAuthorizer(withClaims({ sub: 's-1', username: 'ann', token_use: 'access', 'cognito:groups': '[admin editors]' }))).toEqual({ userId: 's-1', username: 'ann', groups: ['admin', 'editors'] });
    expect(viewerFromAuthorizer(withClaims({ sub: 's-2', token_use: 'access', 'cognito:groups': ['admin'] }))).toEqual({ userId: 's-2', username: 's-2', groups: ['admin'] });
    expect(viewerFromAuthorizer(withClaims({ sub: 's-3', token_use: 'access' }))?.groups).toEqual([]);
  });

  it('takes nothing from an event without verified access-token claims (the handler then checks the header itself)', () => {
    expect(viewerFromAuthorizer({})).toBeUndefined();
    expect(viewerFromAuthorizer(withClaims({ sub: 's-1', token_use: 'id' }))).toBeUndefined();
    expect(viewerFromAuthorizer(withClaims({ token_use: 'access' }))).toBeUndefined();
  });
});
