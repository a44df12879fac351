import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { RankItemsDocument, RecommendationsDocument, SimilarItemsDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { loadSmallDataset } from '../support/small-dataset';
import { createTestContainer, type CommandCounter } from '../support/test-container';

describe('Query.recommendations and Item.similar (in-process, dynalite)', () => {
  let container: Container;
  let commands: CommandCounter;
  let server: ApolloServer<RequestContext>;
  let dataset: DemoDataset;
  const user = 'u0003';
  const historyOf = (userId: string): Set<string> => new Set(dataset.interactions.filter((event) => event.userId === userId).map((event) => event.itemId));

  beforeAll(async () => {
    ({ container, commands } = await createTestContainer());
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
    dataset = await loadSmallDataset(container);
    await container.trainingService.train();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  const recommend = (input: Record<string, unknown>, viewer: { userId: string | undefined } = { userId: user }) =>
    execute(server, container, RecommendationsDocument, { input }, { viewer });

  it('serves the baseline for a user, every item explained by something they really watched', async () => {
    const { data, errors } = await recommend({ limit: 10 });
    expect(errors).toBeUndefined();
    const list = data?.recommendations;
    expect(list).toEqual(expect.objectContaining({ strategyRequested: 'AUTO', strategyServed: 'BASELINE', fallbackReason: null }));
    expect(list?.items.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const seen = historyOf(user);
    for (const entry of list?.items ?? []) {
      expect(seen.has(entry.item.id)).toBe(false); // excludeSeen defaults to true
      expect(entry.explanations.length).toBeGreaterThan(0);
      for (const explanation of entry.explanations) {
        expect(explanation.text.length).toBeGreaterThan(5);
        if (explanation.kind.startsWith('BECAUSE_YOU_')) {
          expect(seen.has(explanation.becauseOf?.id ?? '')).toBe(true);
          // The kind says what the text says: BECAUSE_YOU_LIKED reads "Because you liked …".
          const verb = ({ BECAUSE_YOU_WATCHED: 'watched', BECAUSE_YOU_VIEWED: 'viewed', BECAUSE_YOU_LIKED: 'liked', BECAUSE_YOU_BOUGHT: 'bought', BECAUSE_YOU_RATED: 'rated' } as Record<string, string>)[explanation.kind];
          expect({ kind: explanation.kind, text: explanation.text }).toEqual({ kind: explanation.kind, text: `Because you ${verb ?? '?'} ${explanation.becauseOf?.title ?? ''}` });
        }
      }
    }
    expect(list?.items.filter((entry) => entry.explanations[0]?.kind.startsWith('BECAUSE_YOU_')).length).toBeGreaterThan(5);
  });

  it('answers a strategy it cannot serve yet with the baseline and the reason', async () => {
    const { data } = await recommend({ strategy: 'PERSONALIZE', limit: 3 });
    expect(data?.recommendations).toEqual(expect.objectContaining({ strategyRequested: 'PERSONALIZE', strategyServed: 'BASELINE', fallbackReason: 'NOT_CONFIGURED' }));
    expect(data?.recommendations.items).toHaveLength(3);
  });

  describe('profile interests from the identity provider (a counting profile reader stands in for the pool)', () => {
    const request = { strategy: 'BASELINE' as const, limit: 5, categories: [], excludeSeen: true, context: {} };
    const readersWith = (profile: (id: string) => Promise<Record<string, string> | null>) => {
      const context = container.createContext();
      return { items: (ids: readonly string[]) => context.loaders.items.loadMany(ids), user: (id: string) => context.loaders.users.load(id), profile };
    };

    it('reads the profile of a cold-start user only, and lets its custom:interests steer the list', async () => {
      const asked: string[] = [];
      const profile = async (id: string) => (asked.push(id), { 'custom:interests': 'Horror' });
      await container.recommendationService.recommend(user, request, readersWith(profile));
      expect(asked).toEqual([]);
      const served = await container.recommendationService.recommend('brand-new-user', request, readersWith(profile));
      expect(asked).toEqual(['brand-new-user']);
      const steered = served.items.flatMap((entry) => entry.explanations).filter((explanation) => explanation.kind === 'MATCHES_INTERESTS');
      expect(steered.length).toBeGreaterThan(0);
      expect(steered.every((explanation) => explanation.category === 'Horror')).toBe(true);
    });

    it('still serves the list when the profile cannot be read (fault injected in the reader)', async () => {
      const served = await container.recommendationService.recommend('brand-new-user', request, readersWith(() => Promise.reject(new Error('pool throttled'))));
      expect(served.items).toHaveLength(5);
    });
  });

  it.each([['an anonymous viewer', undefined], ['an unknown user', 'nobody-knows-me']])('gives %s a cold-start list of popular items', async (_, userId) => {
    const { data, errors } = await recommend({ limit: 5 }, { userId });
    expect(errors).toBeUndefined();
    expect(data?.recommendations.items).toHaveLength(5);
    for (const entry of data?.recommendations.items ?? []) {
      expect(entry.source).toBe('POPULARITY');
      expect(['POPULAR', 'TRENDING']).toContain(entry.explanations[0]?.kind);
    }
  });

  it('keeps to the categories asked for', async () => {
    const { data } = await recommend({ limit: 8, filter: { categories: ['Horror', 'Comedy'] } });
    expect(data?.recommendations.items.length).toBeGreaterThan(0);
    for (const entry of data?.recommendations.items ?? []) expect(entry.item.categories.some((category) => ['Horror', 'Comedy'].includes(category))).toBe(true);
  });

  it('may return seen items when excludeSeen is false', async () => {
    const { data } = await recommend({ limit: 40, filter: { excludeSeen: false } });
    const seen = historyOf(user);
    expect(data?.recommendations.items.some((entry) => seen.has(entry.item.id))).toBe(true);
  });

  it.each([
    [{ limit: 0 }, 'limit', 'Argument "limit" must be between 1 and 100, got 0'],
    [{ limit: 101 }, 'limit', 'Argument "limit" must be between 1 and 100, got 101'],
    [{ filter: { categories: ['Horror', 'Polka'] } }, 'filter.categories', 'Argument "filter.categories" names categories the catalogue does not have: "Polka"'],
  ])('refuses %o with BAD_USER_INPUT naming the argument', async (input, argumentName, message) => {
    const { data, errors } = await recommend(input);
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName } })]);
  });

  it('refuses an unknown strategy', async () => {
    const { errors } = await recommend({ strategy: 'MAGIC' });
    expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toContain('MAGIC');
  });

  it('stores every served list for later attribution', async () => {
    const { data } = await recommend({ limit: 4, context: { device: 'ios', placement: 'home-row-1' } });
    const id = data?.recommendations.id ?? '';
    const [stored] = await container.lists.getLists([id]);
    expect(stored).toEqual(
      expect.objectContaining({
        id,
        userId: user,
        strategyRequested: 'AUTO',
        strategyServed: 'BASELINE',
        context: { device: 'ios', placement: 'home-row-1' },
        items: data?.recommendations.items.map((entry) => ({ itemId: entry.item.id, rank: entry.rank, score: entry.score, source: entry.source })),
      }),
    );
  });

  it('reads a list in the same number of DynamoDB calls whatever the limit', async () => {
    await recommend({ limit: 1 }); // the model pointer is cached from here on
    commands.reset();
    await recommend({ limit: 5 });
    const small = { batchGets: commands.count('BatchGetItemCommand'), all: commands.total() };
    commands.reset();
    await recommend({ limit: 50 });
    const large = { batchGets: commands.count('BatchGetItemCommand'), all: commands.total() };
    expect(large).toEqual(small);
    // User and history row, artefacts and shared lists, items (BatchGetItem, no Query of the log); the stored list (PutItem).
    expect(commands.count('QueryCommand')).toBe(0);
    expect(commands.count('PutItemCommand')).toBe(1);
    expect(large.all).toBeLessThanOrEqual(8);
  });

  it.each([5, 100])('serves a list of %i in two DynamoDB calls once the model and the items are cached: the user with the history row, the stored list', async (limit) => {
    await recommend({ limit }); // the model's artefacts and the items are cached from here on
    commands.reset();
    const { data, errors } = await recommend({ limit });
    expect(errors).toBeUndefined();
    expect(data?.recommendations.items.length).toBeGreaterThan(0);
    expect({ batchGets: commands.count('BatchGetItemCommand'), gets: commands.count('GetItemCommand'), queries: commands.count('QueryCommand'), puts: commands.count('PutItemCommand'), all: commands.total() }).toEqual({ batchGets: 1, gets: 0, queries: 0, puts: 1, all: 2 });
  });

  it('serves the lists several users ask for at once in two DynamoDB calls in all, each user the list they get alone, each stored as theirs', async () => {
    const users = ['u0001', 'u0002', 'u0004', 'u0005', 'u0006', 'u0007'];
    const alone = new Map<string, string[]>();
    for (const userId of users) {
      // Each user's artefacts and items are cached from here on; this is also what each gets alone.
      const { data } = await recommend({ limit: 10 }, { userId });
      alone.set(userId, data?.recommendations.items.map((entry) => entry.item.id) ?? []);
    }
    commands.reset();
    const together = await Promise.all(users.map((userId) => recommend({ limit: 10 }, { userId })));
    expect({ batchGets: commands.count('BatchGetItemCommand'), batchWrites: commands.count('BatchWriteItemCommand'), puts: commands.count('PutItemCommand'), all: commands.total() }).toEqual({ batchGets: 1, batchWrites: 1, puts: 0, all: 2 });
    users.forEach((userId, index) => {
      expect(together[index]?.errors).toBeUndefined();
      expect(together[index]?.data?.recommendations.items.map((entry) => entry.item.id)).toEqual(alone.get(userId));
    });
    const stored = await container.lists.getLists(together.map((result) => result.data?.recommendations.id ?? ''));
    expect(stored.map((list) => (list && !(list instanceof Error) ? [list.userId, list.items.map((entry) => entry.itemId)] : list))).toEqual(users.map((userId) => [userId, alone.get(userId)]));
  });

  it('ranks a given list with the baseline: what it would recommend first comes first, each item once', async () => {
    const top = (await recommend({ limit: 1 })).data?.recommendations.items[0]?.item.id ?? '';
    const others = dataset.items.map((item) => item.id).filter((id) => id !== top && !historyOf(user).has(id)).slice(-4);
    const { data, errors } = await execute(server, container, RankItemsDocument, { input: { itemIds: [...others, top, others[0] ?? ''] } }, { viewer: { userId: user } });
    expect(errors).toBeUndefined();
    expect(data?.rankItems).toEqual(expect.objectContaining({ strategyRequested: 'AUTO', strategyServed: 'BASELINE', fallbackReason: null }));
    expect(data?.rankItems.items.map((entry) => entry.item.id)[0]).toBe(top);
    expect(data?.rankItems.items.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5]);
    const scores = data?.rankItems.items.map((entry) => entry.score) ?? [];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(data?.rankItems.items.map((entry) => entry.item.id))).toEqual(new Set([...others, top]));
  });

  it('refuses to rank unknown items or nothing, naming itemIds; PERSONALIZE ranking without a campaign says NOT_CONFIGURED', async () => {
    const unknown = await execute(server, container, RankItemsDocument, { input: { itemIds: ['i0001', 'nope'] } }, { viewer: { userId: user } });
    expect(unknown.errors?.[0]).toEqual(expect.objectContaining({ message: 'Argument "itemIds" names items the catalogue does not have: "nope"', extensions: { code: 'BAD_USER_INPUT', argumentName: 'itemIds' } }));
    const empty = await execute(server, container, RankItemsDocument, { input: { itemIds: [] } }, { viewer: { userId: user } });
    expect(empty.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'itemIds' });
    const personalize = await execute(server, container, RankItemsDocument, { input: { itemIds: ['i0001', 'i0002'], strategy: 'PERSONALIZE' } }, { viewer: { userId: user } });
    expect(personalize.data?.rankItems).toEqual(expect.objectContaining({ strategyServed: 'BASELINE', fallbackReason: 'NOT_CONFIGURED' }));
  });

  it('lists similar items by similarity', async () => {
    const { data } = await execute(server, container, SimilarItemsDocument, { id: 'i0001', first: 5 });
    const scores = data?.item?.similar.map((entry) => entry.score) ?? [];
    expect(scores).toHaveLength(5);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(scores.every((score) => score > 0 && score <= 1)).toBe(true);
    expect(data?.item?.similar.map((entry) => entry.item.id)).not.toContain('i0001');
    expect(data?.item?.similar.every((entry) => entry.source === 'ITEM_KNN')).toBe(true);
    const { errors } = await execute(server, container, SimilarItemsDocument, { id: 'i0001', first: 0 });
    expect(errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });

  it('reads the user-kNN row in the same round when the mix weighs it: one call more, still the same whatever the limit', async () => {
    await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 1, knn: 0, svd: 0, rp3: 0, userKnn: 1, popularity: 0 }, newArrivals: 'NONE' } });
    container.models.forgetCurrentModel();
    await recommend({ limit: 1 });
    commands.reset();
    const small = await recommend({ limit: 5 });
    const smallCalls = { batchGets: commands.count('BatchGetItemCommand'), all: commands.total() };
    commands.reset();
    await recommend({ limit: 50 });
    expect({ batchGets: commands.count('BatchGetItemCommand'), all: commands.total() }).toEqual(smallCalls);
    expect(smallCalls.all).toBeLessThanOrEqual(9);
    expect(small.data?.recommendations.items.some((entry) => entry.source === 'USER_KNN')).toBe(true);
    await container.trainingService.train();
    container.models.forgetCurrentModel();
  });
});

describe('Query.recommendations before any training', () => {
  it('answers SERVICE_UNAVAILABLE saying how to train', async () => {
    const { container } = await createTestContainer();
    const server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
    try {
      const { errors } = await execute(server, container, RecommendationsDocument, { input: { limit: 3 } });
      expect(errors).toEqual([
        expect.objectContaining({ message: expect.stringContaining('No recommendation model has been trained yet'), extensions: { code: 'SERVICE_UNAVAILABLE', retryable: false } }),
      ]);
    } finally {
      await server.stop();
      container.close();
    }
  });
});
