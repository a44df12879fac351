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
const UNSEEN = `${ARN}:filter/unseen`;
const IN_GENRES = `${ARN}:filter/in-genres`;
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
      filters: { [UNSEEN_IN_GENRES]: { excludeSeen: true, categoryParameter: 'GENRES' }, [UNSEEN]: { excludeSeen: true }, [IN_GENRES]: { excludeSeen: false, categoryParameter: 'GENRES' } },
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

  it('recommends 25 items by default, best first, with a recommendationId; seen items stay unless a filter leaves them out', async () => {
    const answer = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' }));
    const items = answer.itemList ?? [];
    expect(items).toHaveLength(25);
    expect(answer.recommendationId).toMatch(/^RID-/);
    const scores = items.map((item) => item.score ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores[0]).toBe(1);
    const seen = seenBy('u0003');
    expect(items.some((item) => seen.has(item.itemId ?? ''))).toBe(true);
    expect(items[0]?.reason).toBeUndefined();
    const unseen = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', filterArn: UNSEEN }));
    expect(unseen.itemList).toHaveLength(25);
    expect(unseen.itemList?.some((item) => seen.has(item.itemId ?? ''))).toBe(false);
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
    const after = await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'newcomer', numResults: 5, filterArn: UNSEEN }));
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

  it('promotes a share of the list from the promotion\'s filter, spread through it and marked "Promoted item"', async () => {
    const categories = new Map(dataset.items.map((item) => [item.id, item.categories]));
    const answer = await runtime.send(
      new GetRecommendationsCommand({
        campaignArn: USER_CAMPAIGN,
        userId: 'u0003',
        numResults: 10,
        filterArn: UNSEEN,
        promotions: [{ name: 'horror-week', percentPromotedItems: 30, filterArn: IN_GENRES, filterValues: { GENRES: '"Horror"' } }],
      }),
    );
    const items = answer.itemList ?? [];
    expect(items).toHaveLength(10);
    const promoted = items.flatMap((item, position) => (item.reason?.includes('Promoted item') ? [position] : []));
    expect(promoted).toHaveLength(3);
    // Spread, not bunched at the top: one in each third of the list.
    expect(promoted.map((position) => Math.floor(position / 3.34))).toEqual([0, 1, 2]);
    for (const position of promoted) expect(categories.get(items[position]?.itemId ?? '')).toContain('Horror');
    const seen = seenBy('u0003');
    expect(items.some((item) => seen.has(item.itemId ?? ''))).toBe(false);
    expect(new Set(items.map((item) => item.itemId)).size).toBe(10);

    const badPercent = await errorOf(
      runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', promotions: [{ name: 'p', percentPromotedItems: 0, filterArn: IN_GENRES }] })),
    );
    expect(badPercent).toEqual({ name: 'InvalidInputException', status: 400, message: 'percentPromotedItems must be between 1 and 100, got 0' });
    const onSims = await errorOf(runtime.send(new GetRecommendationsCommand({ campaignArn: SIMS_CAMPAIGN, itemId: 'i0001', promotions: [{ name: 'p', percentPromotedItems: 10, filterArn: IN_GENRES }] })));
    expect(onSims.message).toBe('Promotions are supported for user-personalization campaigns and recommenders only');
  });

  it('keeps each sandbox\'s faults and call count its own (an endpoint ending in /sandbox/<id>)', async () => {
    const sandboxed = (id: string) => new PersonalizeRuntimeClient({ region: 'us-east-1', endpoint: `${emulator.endpoint}/sandbox/${id}`, credentials, maxAttempts: 1 });
    const [a, b] = [sandboxed('a'), sandboxed('b')];
    await fetch(`${emulator.endpoint}/sandbox/a/_emulator/faults`, { method: 'POST', body: JSON.stringify({ serverError: true }) });
    expect((await errorOf(a.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003' })))).status).toBe(500);
    expect((await b.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 2 }))).itemList).toHaveLength(2);
    expect((await runtime.send(new GetRecommendationsCommand({ campaignArn: USER_CAMPAIGN, userId: 'u0003', numResults: 2 }))).itemList).toHaveLength(2);
    const status = async (id: string) => (await (await fetch(`${emulator.endpoint}/sandbox/${id}/_emulator/status`)).json()) as { calls: number; lastRequest: { path: string } };
    expect(await status('a')).toEqual(expect.objectContaining({ calls: 1, lastRequest: expect.objectContaining({ path: '/recommendations' }) }));
    expect((await status('b')).calls).toBe(1);
    a.destroy();
    b.destroy();
  });
});
