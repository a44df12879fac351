import type { Viewer } from '../domain/viewer';
import { viewerOf } from '../services/authentication.service';

/** Claims as API Gateway's HTTP API JWT authorizer passes them (lists flattened to "[a b]"). */
type AuthorizerClaims = Readonly<Record<string, string | number | boolean | readonly string[]>>;

/**
 * The viewer from claims that API Gateway's Cognito JWT authorizer verified, when the event
 * carries them; undefined otherwise (a direct invocation), and the handler verifies the token itself.
 */
export function viewerFromAuthorizer(event: { requestContext?: { authorizer?: { jwt?: { claims?: AuthorizerClaims } } } }): Viewer | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  if (!claims || typeof sub !== 'string' || sub === '' || claims['token_use'] !== 'access') return undefined;
  const username = claims['username'];
  const exp = Number(claims['exp']);
  return viewerOf({ sub, username: typeof username === 'string' ? username : sub, groups: groupsOf(claims['cognito:groups']), expiresAt: Number.isFinite(exp) ? exp * 1000 : undefined });
}

function groupsOf(value: AuthorizerClaims[string] | undefined): string[] {
  if (Array.isArray(value)) return value.filter((group): group is string => typeof group === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}
