import type { Viewer } from './viewer';

/** What a request brings to be let in, whatever its transport. */
export interface Credentials {
  /** The Authorization header (HTTP), or `authorization` of graphql-ws's connection_init. */
  readonly authorization: string | undefined;
  /** A viewer the host already verified (API Gateway's JWT authorizer): no token is checked. */
  readonly verifiedViewer?: Viewer | undefined;
  /** The client's address: the rate-limit key of anonymous viewers and of failing tokens. */
  readonly clientAddress: string | undefined;
}

/** Why a request is not let in; each host maps it to its transport (401/429/503, close codes). */
export type Refusal =
  | { readonly kind: 'UNAUTHENTICATED'; readonly reason: string; readonly tokenSent: boolean }
  | { readonly kind: 'RATE_LIMITED'; readonly retryAfterSeconds: number }
  | { readonly kind: 'UNAVAILABLE'; readonly reason: string };

export type Admitted = { readonly viewer: Viewer; readonly refusal?: undefined } | { readonly viewer?: undefined; readonly refusal: Refusal };

/** A refusal raised where a host expects an exception (the pages): the host maps `refusal` to its status. */
export class RefusedError extends Error {
  constructor(readonly refusal: Refusal) {
    super(`refused: ${refusal.kind}`);
    this.name = 'RefusedError';
  }
}
