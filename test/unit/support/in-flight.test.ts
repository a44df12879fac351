import { InFlight } from '../../../src/support/in-flight';

describe('InFlight', () => {
  it('is idle at once when nothing runs, and once the last piece of work ends otherwise', async () => {
    const inFlight = new InFlight();
    await expect(inFlight.idle()).resolves.toBeUndefined();
    const first = inFlight.start();
    const second = inFlight.start();
    let idle = false;
    const waiting = inFlight.idle().then(() => (idle = true));
    first();
    first(); // ending twice counts once
    await Promise.resolve();
    expect(inFlight.size).toBe(1);
    expect(idle).toBe(false);
    second();
    await waiting;
    expect(idle).toBe(true);
    expect(inFlight.size).toBe(0);
  });
});
