import { CognitoJwtVerifier, JwtRsaVerifier } from 'aws-jwt-verify';
import { FetchError, JwtBaseError } from 'aws-jwt-verify/error';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { SimpleFetcher, type Fetcher } from 'aws-jwt-verify/https';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { AuthConfig } from '../../config';
import { DependencyUnavailableError, UnauthenticatedError } from '../../domain/errors';
import type { TokenClaims, TokenVerifier } from '../../ports/token-verifier.port';

/**
 * Access tokens of a Cognito user pool, checked with aws-jwt-verify: RS256 signature against
 * the pool's JWKS (fetched once and cached, refetched for an unknown key id), issuer, expiry,
 * `token_use: access` and `client_id`. A token that fails any check is UnauthenticatedError;
 * keys that cannot be fetched are DependencyUnavailableError (the client may retry).
 *
 * With an issuer override (cognito-local: `http://host:port/<poolId>`), the same checks run
 * through JwtRsaVerifier, since CognitoJwtVerifier only accepts AWS pool ids and https keys.
 */
export class CognitoTokenVerifier implements TokenVerifier {
  private readonly verifier: { verify(token: string): Promise<JwtPayload> };

  constructor(config: AuthConfig) {
    const { userPoolId, clientId, issuer, timeoutMs } = config;
    if (!userPoolId || !clientId) throw new Error('CognitoTokenVerifier needs COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID');
    if (issuer) {
      const verifier = JwtRsaVerifier.create(
        {
          issuer,
          audience: null,
          jwksUri: `${issuer}/.well-known/jwks.json`,
          // What CognitoJwtVerifier checks for `tokenUse: 'access', clientId`.
          customJwtCheck: ({ payload }) => {
            if (payload['token_use'] !== 'access') throw new UnauthenticatedError(`token_use is ${String(payload['token_use'])}, not access`);
            if (payload['client_id'] !== clientId) throw new UnauthenticatedError('client_id is not this app client');
          },
        },
        { jwksCache: new SimpleJwksCache({ fetcher: new TimedFetcher(timeoutMs) }) },
      );
      this.verifier = { verify: (token) => verifier.verify(token) };
    } else {
      const verifier = CognitoJwtVerifier.create(
        { userPoolId, tokenUse: 'access', clientId },
        { jwksCache: new SimpleJwksCache({ fetcher: new SimpleFetcher({ defaultRequestOptions: { timeout: timeoutMs, responseTimeout: timeoutMs } }) }) },
      );
      this.verifier = { verify: (token) => verifier.verify(token) };
    }
  }

  async verify(token: string): Promise<TokenClaims> {
    let payload: JwtPayload;
    try {
      payload = await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof FetchError) throw new DependencyUnavailableError('cognito', `the user pool's keys could not be fetched: ${error.message}`, { cause: error });
      if (error instanceof JwtBaseError) throw new UnauthenticatedError(`${error.name}: ${error.message}`);
      throw error;
    }
    const sub = payload.sub;
    const username = payload['username'];
    if (typeof sub !== 'string' || sub === '') throw new UnauthenticatedError('the token has no sub');
    const groups = payload['cognito:groups'];
    return {
      sub,
      username: typeof username === 'string' ? username : sub,
      groups: Array.isArray(groups) ? groups.filter((group): group is string => typeof group === 'string') : [],
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
    };
  }
}

/** JWKS over http or https with a deadline (aws-jwt-verify's own fetcher takes https only). */
class TimedFetcher implements Fetcher {
  constructor(private readonly timeoutMs: number) {}

  async fetch(uri: string): Promise<ArrayBuffer> {
    let response: Response;
    try {
      response = await fetch(uri, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new FetchError(uri, (error as Error).message);
    }
    if (!response.ok) throw new FetchError(uri, `HTTP ${response.status}`);
    return response.arrayBuffer();
  }
}
