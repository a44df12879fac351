import { CognitoTokenVerifier } from '../adapters/cognito/cognito-token-verifier';
import type { Config } from '../config';
import { AdmissionService } from '../services/admission.service';
import { AuthenticationService } from '../services/authentication.service';
import { RateLimiter } from '../support/rate-limiter';

/** The admission alone (the WebSocket API's $connect authorizer): token checks and rate limits, nothing of the gateway. */
export function createAdmission(config: Config): AdmissionService {
  const auth = config.auth;
  return new AdmissionService(
    new AuthenticationService(auth.userPoolId ? new CognitoTokenVerifier(auth) : undefined, { allowAnonymous: auth.allowAnonymous }),
    new RateLimiter(config.rateLimit.perSecond, config.rateLimit.burst),
  );
}
