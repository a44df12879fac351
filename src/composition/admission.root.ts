import { CognitoTokenVerifier } from '../adapters/cognito/cognito-token-verifier';
import type { AuthConfig, Config } from '../config';
import { AdmissionService } from '../services/admission.service';
import { AuthenticationService } from '../services/authentication.service';
import { RateLimiter } from '../support/rate-limiter';

/**
 * Token checks and rate limits for a user pool: the gateway's (with the pool an entry started
 * itself, and a test clock) and, alone, the WebSocket API's $connect authorizer's.
 */
export function createAdmission(auth: AuthConfig, rateLimit: Config['rateLimit'], clock?: () => number): AdmissionService {
  return new AdmissionService(
    new AuthenticationService(auth.userPoolId ? new CognitoTokenVerifier(auth) : undefined, { allowAnonymous: auth.allowAnonymous }),
    new RateLimiter(rateLimit.perSecond, rateLimit.burst, undefined, clock),
  );
}
