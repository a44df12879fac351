import { DependencyUnavailableError, UnauthenticatedError } from '../domain/errors';
import type { Admitted, Credentials, Refusal } from '../domain/admission';
import type { Viewer } from '../domain/viewer';
import { clientBucket } from '../support/client-address';
import type { RateLimiter } from '../support/rate-limiter';
import type { AuthenticationService } from './authentication.service';

/**
 * The one place that turns credentials into a viewer, or a typed refusal, for HTTP, Lambda,
 * WebSocket and the pages. Requests with bad tokens spend a bucket of the client's address
 * (its /64 for IPv6): past it, an address that keeps failing is refused before any token is
 * checked. Each admitted request, and each WebSocket operation, takes a token of the viewer's
 * bucket (anonymous viewers share their address's).
 */
export class AdmissionService {
  constructor(
    private readonly authentication: Pick<AuthenticationService, 'authenticate'>,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** `request: false` for a connection that is not itself an operation (a WebSocket's connection_init): no token of the viewer's bucket is taken. */
  async admit(credentials: Credentials, options: { readonly request?: boolean } = {}): Promise<Admitted> {
    const failures = `unauthenticated:${clientBucket(credentials.clientAddress)}`;
    if (!credentials.verifiedViewer) {
      const wait = this.rateLimiter.peek(failures);
      if (wait > 0) return { refusal: { kind: 'RATE_LIMITED', retryAfterSeconds: wait } };
    }
    let viewer: Viewer;
    try {
      viewer = credentials.verifiedViewer ?? (await this.authentication.authenticate(credentials.authorization));
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        this.rateLimiter.take(failures);
        return { refusal: { kind: 'UNAUTHENTICATED', reason: error.reason, tokenSent: credentials.authorization !== undefined } };
      }
      if (error instanceof DependencyUnavailableError) return { refusal: { kind: 'UNAVAILABLE', reason: error.message } };
      throw error;
    }
    if (options.request === false) return { viewer };
    const refusal = this.operation(viewer, credentials.clientAddress);
    return refusal ? { refusal } : { viewer };
  }

  /** One more operation of an admitted viewer: undefined when its bucket has a token, else the refusal. */
  operation(viewer: Viewer, clientAddress: string | undefined): Refusal | undefined {
    const retryAfterSeconds = this.rateLimiter.take(viewerBucket(viewer, clientAddress));
    return retryAfterSeconds > 0 ? { kind: 'RATE_LIMITED', retryAfterSeconds } : undefined;
  }
}

/** Whose share a viewer spends (its rate-limit bucket, its sockets): a user by id, anonymous visitors by their address's bucket. */
export function viewerBucket(viewer: Viewer, clientAddress: string | undefined): string {
  return viewer.userId ?? `anonymous:${clientBucket(clientAddress)}`;
}
