import { CircuitBreaker, CircuitOpenError } from '../../../src/support/circuit-breaker';

describe('CircuitBreaker', () => {
  let now = 0;
  const breaker = (): CircuitBreaker => new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 }, () => now);
  const fail = (b: CircuitBreaker, counted = true) => b.run(() => Promise.reject(new Error('down')), () => counted).catch((error: unknown) => error);
  const succeed = (b: CircuitBreaker) => b.run(() => Promise.resolve('ok'), () => true);
  beforeEach(() => (now = 0));

  it('opens after the threshold of counted failures in a row, then fails fast without calling', async () => {
    const b = breaker();
    for (let n = 0; n < 3; n++) await fail(b);
    expect(b.state).toBe('open');
    let called = false;
    const error = await b.run(async () => (called = true), () => true).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
  });

  it('lets one probe through after the cool-down: success closes it, failure opens it again', async () => {
    const b = breaker();
    for (let n = 0; n < 3; n++) await fail(b);
    now = 1000;
    expect(b.state).toBe('half-open');
    await fail(b);
    expect(b.state).toBe('open');
    now = 2000;
    expect(await succeed(b)).toBe('ok');
    expect(b.state).toBe('closed');
  });

  it('does not count what the caller says not to (client errors), and a success resets the count', async () => {
    const b = breaker();
    for (let n = 0; n < 5; n++) await fail(b, false);
    expect(b.state).toBe('closed');
    await fail(b);
    await fail(b);
    await succeed(b);
    await fail(b);
    await fail(b);
    expect(b.state).toBe('closed');
  });
});
