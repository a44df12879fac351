import { GetPersonalizedRankingCommand, GetRecommendationsCommand, PersonalizeRuntimeClient } from '@aws-sdk/client-personalize-runtime';
import { PersonalizeEventsClient, PutEventsCommand } from '@aws-sdk/client-personalize-events';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startPersonalizeEmulator, type Faults, type PersonalizeEmulator } from '../../src/local/personalize/personalize-emulator.server';
import { UserKnnModel } from '../../src/local/personalize/user-knn.model';
import { smallDataset } from '../support/small-dataset';

const ARN = 'arn:aws:personalize:us-east-1:000000000000';
const USER_CAMPAIGN = `${ARN}:campaign/recgate-user`;
const SIMS_CAMPAIGN = `${ARN}:campaign/recgate-sims`;
const RANKING_CAMPAIGN = `${ARN}:campaign/recgate-ranking`;
const UNSEEN_IN_GENRES = `${ARN}:filter/unseen-in-genres`;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('local Personalize, through the AWS SDK clients', () => {
  const dataset = smallDataset();
  let emulator: PersonalizeEmulator;
  let runtime: PersonalizeRuntimeClient;
  let events: PersonalizeEventsClient;

  beforeAll(async () => {
    emulator = await startPersonalizeEmulator({
      model: new UserKnnModel(dataset.interactions, dataset.items),
      campaigns: { [USER_CAMPAIGN]: 'user-personalization', [SIMS_CAMPAIGN]: 'sims', [RANKING_CAMPAIGN]: 'personalized-ranking' },
      filters: { [UNSEEN_IN_GENRES]: { excludeSeen: true, categoryParameter: 'GENRES' } },
      trackingIds: ['tracking-1'],
    });
    runtime = new PersonalizeRuntimeClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
    events = new PersonalizeEventsClient({ region: 'us-east-1', endpoint: emulator.endpoint, credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    runtime.destroy();
    events.destroy();
    await emulator.close();
  });
  afterEach(() => setFaults({}));

  const setFaults = async (faults: Partial<Faults>): Promise<void> => {
    const response = await fetch(`${emulator.endpoint}/_emulator/faults`, { method: 'POST', body: JSON.stringify(faults) });
    expect(response.status).toBe(200);
  };
  const seenBy = (userId: string): Set<string> => new Set(dataset.interactions.filter((event) => event.userId === userId).map((event) => event.itemId));
  const errorOf = async (promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> => {
    try {
      await promise;
    } catch (error) {
      const failure = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
      return { name: failure.name, status: failure.$metadata?.httpStatusCode, message: failure.message };
    }
    throw new Error('expected the call to fail');
  };

  it('recommends 25 unseen items by default, best first, with a recommendationId', async () => {
    const answer = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' }));
    const items = answer.itemList ?? [];
    expect(items).toHaveLength(25);
    expect(answer.recommendationId).toMatch(/^RID-/);
    const scores = items.map((item) => item.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(1);
    const seen = seenBy('u0003');
    expect(items.some((item) => seen.has(item.itemId ?? ''))).toBe(false);
    expect(items[0]?.reason).toBeUndefined();
  });

  it('gives an unknown user popular items, saying so', async () => {
    const answer = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'stranger', numResults: 3 }));
    expect(answer.itemList?.map((item) => item.reason)).toEqual([['Popular item'], ['Popular item'], ['Popular item']]);
  });

  it('applies a filter with its values', async () => {
    const answer = await runtime.send(
      new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', filterArn: UNSEEN_IN_GENRES, filterValues: { GENRES: '"Horror","Comedy"' }, numResults: 10 }),
    );
    const categories = new Map(dataset.items.map((item) => [item.id, item.categories]));
    expect(answer.itemList?.length).toBeGreaterThan(0);
    for (const item of answer.itemList ?? []) expect(categories.get(item.itemId ?? '')?.some((genre) => genre === 'Horror' || genre === 'Comedy')).toBe(true);
  });

  it('answers related items (SIMS) and personalised ranking', async () => {
    const related = await runtime.send(new GetRecommendationsCommand({ campaignArn: SIMS_CAMPAIGN, itemId: 'i0001', numResults: 5 }));
    expect(related.itemList).toHaveLength(5);
    expect(related.itemList?.map((item) => item.itemId)).not.toContain('i0001');
    const recommended = (await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 2 }))).itemList?.map((item) => item.itemId ?? '') ?? [];
    const ranking = await runtime.send(new GetPersonalizedRankingCommand({ campaignArn: RANKING_CAMPAIGN, userId: 'u0003', inputList: ['zz-unknown', ...[...recommended].reverse()] }));
    expect(ranking.personalizedRanking?.map((item) => item.itemId)).toEqual([...recommended, 'zz-unknown']);
  });

  it.each([
    [{ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 0 }, 'InvalidInputException', 400, 'numResults must be between 1 and 500'],
    [{ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 501 }, 'InvalidInputException', 400, 'numResults must be between 1 and 500'],
    [{ campaignArn: 'not-an-arn', userId: 'u0003' }, 'InvalidInputException', 400, 'is not a valid ARN'],
    [{ campaignArn: `${ARN}:campaign/nope`, userId: 'u0003' }, 'ResourceNotFoundException', 404, 'Resource not found'],
    [{ campaignArn: USER_CAMPAIGN }, 'InvalidInputException', 400, 'userId is required'],
    [{ campaignArn: USER_CAMPAIGN, userId: 'u0003', filterArn: UNSEEN_IN_GENRES, filterValues: Object.fromEntries(Array.from({ length: 26 }, (_, n) => [`K${n}`, '"x"'])) }, 'InvalidInputException', 400, 'at most 25'],
    [{ campaignArn: USER_CAMPAIGN, userId: 'u0003', context: Object.fromEntries(Array.from({ length: 151 }, (_, n) => [`k${n}`, 'v'])) }, 'InvalidInputException', 400, 'at most 150'],
  ])('refuses %o as the service does', async (input, name, status, message) => {
    const failure = await errorOf(runtime.send(new GetRecommendationsCommand(input)));
    expect(failure).toEqual({ name, status, message: expect.stringContaining(message) });
  });

  it('takes events, at most 10 a call and 25 impressions an event, and the next list reflects them', async () => {
    const event = (itemId: string) => ({ eventType: 'watch', sentAt: new Date(), itemId });
    const tooMany = await errorOf(events.send(new PutEventsCommand({ trackingId: 'tracking-1', sessionId: 's1', userId: 'newcomer', eventList: Array.from({ length: 11 }, (_, n) => event(`i000${n % 9}`)) })));
    expect(tooMany).toEqual({ name: 'InvalidInputException', status: 400, message: 'eventList must hold 1 to 10 events' });
    const impressions = await errorOf(
      events.send(new PutEventsCommand({ trackingId: 'tracking-1', sessionId: 's1', eventList: [{ ...event('i0001'), impression: Array.from({ length: 26 }, (_, n) => `i${n}`) }] })),
    );
    expect(impressions.message).toBe('impression must hold 1 to 25 item ids');
    const unknownTracker = await errorOf(events.send(new PutEventsCommand({ trackingId: 'nope', sessionId: 's1', eventList: [event('i0001')] })));
    expect(unknownTracker.name).toBe('ResourceNotFoundException');

    const before = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'newcomer', numResults: 5 }));
    expect(before.itemList?.[0]?.reason).toEqual(['Popular item']);
    await events.send(new PutEventsCommand({ trackingId: 'tracking-1', sessionId: 's1', userId: 'newcomer', eventList: ['i0001', 'i0002', 'i0003'].map(event) }));
    const after = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'newcomer', numResults: 5 }));
    expect(after.itemList?.[0]?.reason).toBeUndefined();
    expect(after.itemList?.map((item) => item.itemId)).not.toContain('i0001');
  });

  it('throttles, fails, stalls and resets connections when told to, and recovers', async () => {
    await setFaults({ throttle: true });
    expect(await errorOf(runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' })))).toEqual(
      expect.objectContaining({ name: 'ThrottlingException', status: 400 }),
    );
    await setFaults({ serverError: true });
    expect((await errorOf(runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' })))).status).toBe(500);
    await setFaults({ resetConnection: true });
    expect((await errorOf(runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' })))).message).toMatch(/socket hang up|ECONNRESET/);

    await setFaults({ latencyMs: 400 });
    const impatient = new PersonalizeRuntimeClient({
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ requestTimeout: 100, throwOnRequestTimeout: true }),
    });
    const started = Date.now();
    const stalled = await errorOf(impatient.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' })));
    impatient.destroy();
    expect(stalled.name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(350);

    await setFaults({});
    const healthy = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 1 }));
    expect(healthy.itemList).toHaveLength(1);
  });
});
