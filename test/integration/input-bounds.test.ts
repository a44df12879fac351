import type { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { ItemDocument, RankItemsDocument, RecommendationsDocument, RecordInteractionDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { trainedTestContainer } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

const ALICE = { viewer: { userId: 'u0001', groups: [] } };
const AS_ADMIN = { viewer: { userId: 'admin', groups: ['admin'] } };

describe('every input has a size and a range (in-process, dynalite)', () => {
  let container: Container;
  let server: ApolloServer<RequestContext>;
  const logged: Record<string, unknown>[] = [];

  beforeAll(async () => {
    container = await trainedTestContainer(testEnvironment());
    server = createApolloServer({ schema: container.schema, log: (line) => logged.push(line) });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  const codeAndArgument = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => ({ code: errors?.[0]?.extensions?.['code'], argumentName: errors?.[0]?.extensions?.['argumentName'] });

  it('refuses a context value that is too long, naming the key, and stores no list', async () => {
    const { data, errors } = await execute(server, container, RecommendationsDocument, { input: { limit: 3, context: { device: 'x'.repeat(390_000) } } }, ALICE);
    expect(data).toBeNull();
    expect(codeAndArgument(errors)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'context.device' });
    const fine = await execute(server, container, RecommendationsDocument, { input: { limit: 3, context: { device: 'ios' } } }, ALICE);
    expect(fine.errors).toBeUndefined();
  });

  it('answers null for an empty or over-long item id, without spoiling the other keys of the batch', async () => {
    expect((await execute(server, container, ItemDocument, { id: '' })).data?.item).toBeNull();
    expect((await execute(server, container, ItemDocument, { id: 'x'.repeat(3000) })).data?.item).toBeNull();
    const both = parse('{ a: item(id: "i0001") { id } b: item(id: "") { id } c: item(id: "' + 'y'.repeat(3000) + '") { id } }') as TypedDocumentNode<Record<string, { id: string } | null>, Record<string, never>>;
    const answer = await execute(server, container, both, {});
    expect(answer).toEqual({ data: { a: { id: 'i0001' }, b: null, c: null }, errors: undefined });
    expect(logged.filter((line) => line['level'] === 'error')).toEqual([]);
  });

  it('refuses a 10 KB id in rankItems and an over-long user id an admin names, before any read', async () => {
    const ranked = await execute(server, container, RankItemsDocument, { input: { itemIds: ['i0001', 'z'.repeat(10_000)] } }, ALICE);
    expect(codeAndArgument(ranked.errors)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'itemIds' });
    expect(ranked.errors?.[0]?.message).toContain('[1] is 10000 characters long, over the limit of 256');
    const named = await execute(server, container, RecommendationsDocument, { input: { limit: 3, userId: 'u'.repeat(3000) } }, AS_ADMIN);
    expect(codeAndArgument(named.errors)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'input.userId' });
  });

  it.each([
    ['a rating of 11', 'RATE', 11],
    ['a rating of 9e15', 'RATE', 9e15],
    ['a negative rating', 'RATE', -1],
    ['-9007199254740991 seconds watched', 'WATCH', -9007199254740991],
    ['two days watched', 'WATCH', 172_800],
    ['a value of 1e308', 'PURCHASE', 1e308],
  ] as const)('refuses %s', async (_, type, value) => {
    const { errors } = await execute(server, container, RecordInteractionDocument, { input: { eventId: `range-${type}-${String(value).replace(/[^A-Za-z0-9.-]/g, "_")}`, itemId: 'i0002', type, value } }, ALICE);
    expect(codeAndArgument(errors)).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'value' });
  });

  it('takes values within their range', async () => {
    const rated = await execute(server, container, RecordInteractionDocument, { input: { eventId: 'range-ok-rate', itemId: 'i0002', type: 'RATE', value: 4.5 } }, ALICE);
    const watched = await execute(server, container, RecordInteractionDocument, { input: { eventId: 'range-ok-watch', itemId: 'i0002', type: 'WATCH', value: 5400 } }, ALICE);
    expect([rated.errors, watched.errors]).toEqual([undefined, undefined]);
  });
});
