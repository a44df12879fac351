import type { Viewer } from '../domain/viewer';
import { viewerOf } from '../services/authentication.service';

/** Claims as API Gateway's HTTP API JWT authorizer passes them (lists flattened to "[a b]"). */
type AuthorizerClaims = Readonly<Record<string, string | number | boolean | readonly string[]>>;

export interface ExpectedClaims {
  /** The app client the access token must be issued to (COGNITO_CLIENT_ID); undefined: not checked. */
  readonly clientId: string | undefined;
  readonly now: number;
}

/** A Cognito group name as the flattened list can carry it unambiguously: no spaces, brackets or commas. */
const GROUP = /^[^\s[\],]+$/;

/**
 * The viewer from claims that API Gateway's Cognito JWT authorizer verified, when the event
 * carries claims that hold up: an unexpired access token of our app client, with groups in
 * the authorizer's own form. Anything else gives undefined, and the handler verifies the
 * Authorization header itself — so a route wired to the wrong authorizer (or to none) cannot
 * hand out a viewer, let alone admin.
 */
export function viewerFromAuthorizer(event: { requestContext?: { authorizer?: { jwt?: { claims?: AuthorizerClaims } } } }, expected: ExpectedClaims): Viewer | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const sub = claims?.['sub'];
  if (!claims || typeof sub !== 'string' || sub === '' || claims['token_use'] !== 'access') return undefined;
  const exp = Number(claims['exp']);
  if (!Number.isFinite(exp) || exp * 1000 <= expected.now) return undefined;
  if (expected.clientId !== undefined && claims['client_id'] !== expected.clientId) return undefined;
  const groups = groupsOf(claims['cognito:groups']);
  if (!groups) return undefined;
  const username = claims['username'];
  return viewerOf({ sub, username: typeof username === 'string' ? username : sub, groups, expiresAt: exp * 1000 });
}

/** The groups, or undefined when the claim is not in a form the authorizer gives (then nothing is trusted). */
function groupsOf(value: AuthorizerClaims[string] | undefined): string[] | undefined {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.every((group) => typeof group === 'string' && GROUP.test(group)) ? [...value] : undefined;
  if (typeof value !== 'string') return undefined;
  const listed = /^\[(.*)\]$/.exec(value);
  const inner = listed ? listed[1] ?? '' : value;
  if (inner === '') return [];
  const groups = inner.split(' ');
  return groups.every((group) => GROUP.test(group)) ? groups : undefined;
}
