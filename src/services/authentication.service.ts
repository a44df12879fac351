import { UnauthenticatedError } from '../domain/errors';
import { ANONYMOUS_VIEWER, type Viewer } from '../domain/viewer';
import type { TokenClaims, TokenVerifier } from '../ports/token-verifier.port';

/** Longer than any Cognito access token; anything bigger is refused unread. */
const MAX_TOKEN_LENGTH = 8192;

export interface AuthenticationOptions {
  /** Requests without an Authorization header are served as anonymous (cold-start lists, no mutations). */
  readonly allowAnonymous: boolean;
}

/**
 * From an Authorization header to the viewer. No header: anonymous when that is allowed,
 * else UnauthenticatedError; a header that is not `Bearer <token>`, or a token that fails
 * verification, is always UnauthenticatedError (a bad token is never taken as anonymous).
 */
export class AuthenticationService {
  constructor(
    private readonly verifier: TokenVerifier | undefined,
    private readonly options: AuthenticationOptions,
  ) {}

  async authenticate(authorization: string | undefined): Promise<Viewer> {
    if (authorization === undefined || authorization.trim() === '') {
      if (this.options.allowAnonymous) return ANONYMOUS_VIEWER;
      throw new UnauthenticatedError('no Authorization header');
    }
    // The scheme is case-insensitive (RFC 7235): "bearer" and "BEARER" are Bearer.
    const match = /^Bearer +([A-Za-z0-9_.+/=-]+)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (!token) throw new UnauthenticatedError('the Authorization header is not "Bearer <token>"');
    if (token.length > MAX_TOKEN_LENGTH) throw new UnauthenticatedError('the token is too long');
    if (!this.verifier) throw new UnauthenticatedError('no user pool is configured (COGNITO_USER_POOL_ID)');
    return viewerOf(await this.verifier.verify(token));
  }
}

/** The viewer from claims that someone already verified (API Gateway's JWT authorizer, or our verifier). */
export function viewerOf(claims: TokenClaims): Viewer {
  return { userId: claims.sub, username: claims.username, groups: claims.groups, expiresAt: claims.expiresAt };
}
