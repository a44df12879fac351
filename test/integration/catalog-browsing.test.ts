import type { ApolloServer } from '@apollo/server';
import type { Container } from '../../src/container';
import type { RequestContext } from '../../src/graphql/request-context';
import { createApolloServer } from '../../src/graphql/apollo-server.factory';
import { CategoriesDocument, CurrentModelDocument, ItemsDocument } from '../__generated__/operations';
import { execute } from '../support/graphql-client';
import { smallDataset } from '../support/small-dataset';
import { trainedTestContainer } from '../support/test-container';
import { testEnvironment } from '../support/test-env';

describe('browsing the catalogue: categories, category filters and cursors (in-process, dynalite)', () => {
  let container: Container;
  let server: ApolloServer<RequestContext>;
  const dataset = smallDataset();

  beforeAll(async () => {
    container = await trainedTestContainer(testEnvironment());
    server = createApolloServer({ schema: container.schema, log: () => undefined });
    await server.start();
  });
  afterAll(async () => {
    await server.stop();
    container.close();
  });

  it('lists every category with its item count, by name', async () => {
    // Prepare: what the catalogue holds, counted here from the data that was loaded.
    const expected = new Map<string, number>();
    for (const item of dataset.items) for (const category of item.categories) expected.set(category, (expected.get(category) ?? 0) + 1);
    // Act
    const { data, errors } = await execute(server, container, CategoriesDocument, {});
    // Assess
    expect(errors).toBeUndefined();
    expect(data?.categories).toEqual([...expected.keys()].sort().map((name) => ({ name, itemCount: expected.get(name) })));
  });

  it('refuses a category filter naming a category the catalogue lacks, as recommendations does', async () => {
    const { data, errors } = await execute(server, container, ItemsDocument, { filter: { categories: ['Western'] }, first: 5 });
    expect(data).toBeNull();
    expect(errors?.[0]).toEqual(
      expect.objectContaining({
        message: expect.stringContaining('names categories the catalogue does not have: "Western"'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'filter.categories' }),
      }),
    );
  });

  it('pages on with a cursor it issued and refuses one that was edited', async () => {
    // Prepare
    const first = await execute(server, container, ItemsDocument, { first: 2 });
    const cursor = first.data?.items.pageInfo.endCursor ?? '';
    const [payload = '', tag = ''] = cursor.split('.');
    const key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k: { createdAt: number } };
    key.k.createdAt += 1;
    const edited = `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${tag}`;
    // Act
    const next = await execute(server, container, ItemsDocument, { first: 2, after: cursor });
    const refused = await execute(server, container, ItemsDocument, { first: 2, after: edited });
    // Assess
    expect(next.data?.items.edges).toHaveLength(2);
    expect(refused.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', argumentName: 'after' }));
    expect(refused.errors?.[0]?.message).toContain('is not a cursor this server issued');
  });

  it("shows admins the current model and how its served mix was chosen, and refuses anyone else", async () => {
    const { data } = await execute(server, container, CurrentModelDocument, {}, { viewer: { userId: 'admin', groups: ['admin'] } });
    const stored = await container.models.currentModel();
    expect(data?.currentModel).toEqual({
      version: stored?.version,
      interactions: stored?.interactions,
      selection: {
        chosenBy: 'VALIDATION',
        validationRecall20: stored?.selection?.recall20,
        mixesTried: stored?.selection?.mixesTried,
        models: stored?.selection?.models?.map(({ model, parameters, recall20 }) => ({ model, parameters, recall20 })),
        mix: {
          ease: stored?.selection?.mix.weights.ease,
          itemKnn: stored?.selection?.mix.weights.knn,
          pureSvd: stored?.selection?.mix.weights.svd ?? 0,
          rp3Beta: stored?.selection?.mix.weights.rp3 ?? 0,
          userKnn: stored?.selection?.mix.weights.userKnn ?? 0,
          popularity: stored?.selection?.mix.weights.popularity,
          newArrivals: stored?.selection?.mix.newArrivals,
        },
      },
    });
    // Each model alone on validation, with the hyper-parameters chosen for it.
    expect(data?.currentModel?.selection?.models.map((score) => score.model).sort()).toEqual(['EASE', 'ITEM_KNN', 'PURE_SVD', 'USER_KNN']);
    const refused = await execute(server, container, CurrentModelDocument, {}, { viewer: { userId: 'u0001', groups: [] } });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});
