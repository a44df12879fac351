export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive counted failures that open the circuit. */
  readonly failureThreshold: number;
  /** How long it stays open before one probe call is let through. */
  readonly cooldownMs: number;
}

export class CircuitOpenError extends Error {
  constructor(readonly retryInMs: number) {
    super(`circuit open; next probe in ${retryInMs} ms`);
    this.name = 'CircuitOpenError';
  }
}

/**
 * Closed: calls go through; `failureThreshold` counted failures in a row open it. Open: calls
 * fail at once with CircuitOpenError until the cool-down has passed. Half-open: one probe goes
 * through (others still fail fast); its success closes the circuit, its failure opens it again.
 * Failures the caller does not count (client errors) neither open nor close it.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.clock() - this.openedAt >= this.options.cooldownMs ? 'half-open' : 'open';
  }

  async run<T>(call: () => Promise<T>, counts: (error: unknown) => boolean): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) {
      throw new CircuitOpenError(Math.max(0, (this.openedAt ?? 0) + this.options.cooldownMs - this.clock()));
    }
    const probe = state === 'half-open';
    if (probe) this.probing = true;
    try {
      const result = await call();
      this.failures = 0;
      this.openedAt = undefined;
      return result;
    } catch (error) {
      if (counts(error)) {
        this.failures++;
        if (probe || this.failures >= this.options.failureThreshold) this.openedAt = this.clock();
      }
      throw error;
    } finally {
      if (probe) this.probing = false;
    }
  }
}
