import type { ApolloServer } from '@apollo/server';
import { loadConfig } from '../../src/config';
import { createContainer, type Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { ItemDocument, ItemsDocument, TwoHistoryPagesDocument, UserHistoryDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { itemRecord, watchEvent } from '../support/items';
import { createTestContainer, type CommandCounter } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const DAY = 86_400_000;

/** Users' histories are their own; these tests read several users' as an admin may. */
const AS_ADMIN = { viewer: { userId: 'admin', groups: ['admin'] } };

describe('GraphQL API (in-process, dynalite)', () => {
  let container: Container;
  let commands: CommandCounter;
  let server: ApolloServer<RequestContext>;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    ({ container, commands } = await createTestContainer());
    server = createApolloServer({ schema: container.schema, log: (line) => logged.push(line) });
    await server.start();
    // 250 items; "binger" watched 150 of them, one a day, and item i0000 is the oldest.
    await container.catalog.putItems(
      Array.from({ length: 250 }, (_, n) =>
        itemRecord(`i${String(n).padStart(4, '0')}`, { title: `Film ${n}`, categories: n % 2 ? ['Drama'] : ['Comedy'], createdAt: n * DAY }),
      ),
    );
    await container.users.putUsers([{ id: 'binger', attributes: { country: 'FR' } }]);
    await container.interactions.putInteractions(
      Array.from({ length: 150 }, (_, n) => watchEvent('binger', `i${String(n).padStart(4, '0')}`, 1_700_000_000_000 + n * DAY)),
    );
    commands.reset();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  it('answers an item with its fields', async () => {
    const { data, errors } = await execute(server, container, ItemDocument, { id: 'i0007' });
    expect(errors).toBeUndefined();
    expect(data?.item).toEqual({
      id: 'i0007',
      title: 'Film 7',
      categories: ['Drama'],
      attributes: [],
      createdAt: new Date(7 * DAY).toISOString(),
      popularity: 0,
    });
  });

  it('answers null, not an error, for unknown ids', async () => {
    const item = await execute(server, container, ItemDocument, { id: 'no-such-item' });
    expect(item).toEqual({ data: { item: null }, errors: undefined });
    const user = await execute(server, container, UserHistoryDocument, { id: 'no-such-user' }, AS_ADMIN);
    expect(user).toEqual({ data: { user: null }, errors: undefined });
  });

  it('pages through the catalogue newest first with a filter', async () => {
    const first = await execute(server, container, ItemsDocument, { filter: { categories: ['Comedy'] }, first: 3 });
    expect(first.data?.items.edges.map((edge) => edge.node.id)).toEqual(['i0248', 'i0246', 'i0244']);
    expect(first.data?.items.pageInfo.hasNextPage).toBe(true);
    const next = await execute(server, container, ItemsDocument, { filter: { categories: ['Comedy'] }, first: 2, after: first.data?.items.pageInfo.endCursor });
    expect(next.data?.items.edges.map((edge) => edge.node.id)).toEqual(['i0242', 'i0240']);
    const search = await execute(server, container, ItemsDocument, { filter: { search: 'film 24' }, first: 20 });
    expect(search.data?.items.edges.map((edge) => edge.node.title)).toEqual([
      'Film 249', 'Film 248', 'Film 247', 'Film 246', 'Film 245', 'Film 244', 'Film 243', 'Film 242', 'Film 241', 'Film 240', 'Film 24',
    ]);
  });

  it("lists a user's history newest first, with the items", async () => {
    const { data } = await execute(server, container, UserHistoryDocument, { id: 'binger', first: 2 }, AS_ADMIN);
    expect(data?.user?.attributes).toEqual([{ key: 'country', value: 'FR' }]);
    expect(data?.user?.history.edges.map((edge) => [edge.node.itemId, edge.node.item?.title, edge.node.type])).toEqual([
      ['i0149', 'Film 149', 'WATCH'],
      ['i0148', 'Film 148', 'WATCH'],
    ]);
    expect(data?.user?.history.edges[0]?.node.timestamp).toBe(new Date(1_700_000_000_000 + 149 * DAY).toISOString());
  });

  it('loads the items of 50 history entries with one BatchGetItem call', async () => {
    commands.reset();
    const { data } = await execute(server, container, UserHistoryDocument, { id: 'binger', first: 50 }, AS_ADMIN);
    expect(data?.user?.history.edges).toHaveLength(50);
    expect(data?.user?.history.edges.every((edge) => edge.node.item !== null)).toBe(true);
    // One call for the user, one for the 50 items.
    expect(commands.count('BatchGetItemCommand')).toBe(2);
  });

  it('loads 150 distinct items of two history pages with one round of two BatchGetItem calls', async () => {
    const page = await execute(server, container, UserHistoryDocument, { id: 'binger', first: 50 }, AS_ADMIN);
    const after = page.data?.user?.history.pageInfo.endCursor ?? '';
    commands.reset();
    const { data } = await execute(server, container, TwoHistoryPagesDocument, { id: 'binger', after }, AS_ADMIN);
    const ids = new Set([...(data?.user?.first.edges ?? []), ...(data?.user?.second.edges ?? [])].map((edge) => edge.node.item?.id));
    expect(ids.size).toBe(150);
    // One call for the user; ceil(150 / 100) = 2 for the items.
    expect(commands.count('BatchGetItemCommand')).toBe(3);
  });

  it.each([
    [{ first: 101 }, 'first', 'Argument "first" must be between 1 and 100, got 101'],
    [{ first: 0 }, 'first', 'Argument "first" must be between 1 and 100, got 0'],
    [{ after: 'not-a-cursor!' }, 'after', 'Argument "after" is not a cursor this server issued'],
  ])('answers BAD_USER_INPUT naming the argument for items(%o)', async (variables, argumentName, message) => {
    const { data, errors } = await execute(server, container, ItemsDocument, variables);
    expect(data).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT', argumentName } })]);
  });

  it('refuses a history cursor as an items cursor', async () => {
    const page = await execute(server, container, UserHistoryDocument, { id: 'binger', first: 1 }, AS_ADMIN);
    const { errors } = await execute(server, container, ItemsDocument, { after: page.data?.user?.history.pageInfo.endCursor });
    expect(errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    expect(errors?.[0]?.message).toBe('Argument "after" belongs to another listing, not to items');
  });

  it('masks an unexpected failure and logs it with the request id', async () => {
    // A deployment whose tables do not exist: DynamoDB fails every read with ResourceNotFoundException.
    const misconfigured = createContainer({ config: loadConfig(testEnvironment()), dynamoDb: container.dynamoDb });
    const { errors } = await execute(server, misconfigured, ItemDocument, { id: 'i0001' }, { requestId: 'req-misconfigured-1' });
    expect(errors).toEqual([expect.objectContaining({ message: 'Internal server error (request id req-misconfigured-1)', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
    expect(JSON.stringify(errors)).not.toMatch(/resource|table/i);
    expect(logged).toContainEqual(expect.objectContaining({ level: 'error', requestId: 'req-misconfigured-1', message: expect.stringMatching(/resource/i) }));
  });
});
