import { PersonalizeEventsClient } from '@aws-sdk/client-personalize-events';
import { AwsPersonalizeEventSink } from '../../src/adapters/personalize/personalize-event-sink';
import { startPersonalizeEmulator, type PersonalizeEmulator } from '../../src/local/personalize/personalize-emulator.server';
import { UserKnnModel } from '../../src/local/personalize/user-knn.model';
import { PersonalizeUnavailableError } from '../../src/ports/personalize.port';
import { CircuitBreaker } from '../../src/support/circuit-breaker';

describe('AwsPersonalizeEventSink against the local Personalize', () => {
  let emulator: PersonalizeEmulator;
  let client: PersonalizeEventsClient;
  let model: UserKnnModel;
  beforeAll(async () => {
    model = new UserKnnModel([], []);
    emulator = await startPersonalizeEmulator({ model, campaigns: {}, trackingIds: ['tracker'] });
    client = new PersonalizeEventsClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials: { accessKeyId: 'l', secretAccessKey: 'l' }, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  const closedBreaker = () => new CircuitBreaker({ failureThreshold: 5, cooldownMs: 10_000 });
  const calls = async (): Promise<number> => ((await (await fetch(`${emulator.endpoint}/_emulator/status`)).json()) as { calls: number }).calls;
  const watch = (n: number) => ({ eventId: `e${n}`, eventType: 'watch', itemId: `i${n}`, sentAt: new Date(1_700_000_000_000 + n * 1000) });

  it('sends 23 events in calls of 10, 10 and 3, and Personalize learns them', async () => {
    const before = await calls();
    const sent = await new AwsPersonalizeEventSink(client, 'tracker', 1000, closedBreaker()).putEvents('ann', 'session-1', Array.from({ length: 23 }, (_, n) => watch(n)));
    expect(sent).toEqual({ calls: 3, events: 23 });
    expect((await calls()) - before).toBe(3);
    expect(model.seen('ann').size).toBe(23);
  });

  it('splits an impression of 40 ids into events of 25 and 15', async () => {
    const impression = Array.from({ length: 40 }, (_, n) => `shown${n}`);
    const sent = await new AwsPersonalizeEventSink(client, 'tracker', 1000, closedBreaker()).putEvents('bob', 'session-2', [{ eventId: 'imp1', eventType: 'impression', sentAt: new Date(), recommendationId: 'RID-1', impression }]);
    expect(sent).toEqual({ calls: 1, events: 2 });
  });

  it('fails with a reason the caller can record (unknown tracker → MISCONFIGURED)', async () => {
    const error = await new AwsPersonalizeEventSink(client, 'no-such-tracker', 1000, closedBreaker()).putEvents('ann', 's', [watch(1)]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PersonalizeUnavailableError);
    expect((error as PersonalizeUnavailableError).reason).toBe('MISCONFIGURED');
  });

  it('goes through the circuit breaker: once Personalize has failed enough, events fail at once without a call', async () => {
    // Prepare: the emulator failing, a breaker that opens after 2 failures.
    await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverError: true }) });
    const sink = new AwsPersonalizeEventSink(client, 'tracker', 1000, new CircuitBreaker({ failureThreshold: 2, cooldownMs: 60_000 }));
    try {
      // Act
      const reasons: string[] = [];
      for (let n = 0; n < 2; n++) reasons.push(((await sink.putEvents('ann', 's', [watch(100 + n)]).catch((caught: unknown) => caught)) as PersonalizeUnavailableError).reason);
      const before = await calls();
      const open = (await sink.putEvents('ann', 's', [watch(200)]).catch((caught: unknown) => caught)) as PersonalizeUnavailableError;
      // Assess
      expect(reasons).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
      expect(open).toBeInstanceOf(PersonalizeUnavailableError);
      expect(open.reason).toBe('CIRCUIT_OPEN');
      expect((await calls()) - before).toBe(0);
    } finally {
      await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify({}) });
    }
  });
});
