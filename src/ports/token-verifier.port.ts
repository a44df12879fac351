/** What a verified access token says about its bearer. */
export interface TokenClaims {
  readonly sub: string;
  readonly username: string;
  readonly groups: readonly string[];
  /** When the token expires, epoch milliseconds (a live subscription ends then). */
  readonly expiresAt: number | undefined;
}

/**
 * Verifies a Cognito access token: signature against the pool's keys, issuer, expiry,
 * `token_use: access` and the app client. Throws UnauthenticatedError naming why (for the log).
 */
export interface TokenVerifier {
  verify(token: string): Promise<TokenClaims>;
}
