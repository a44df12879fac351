import 'reflect-metadata';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readersOf } from '../../src/graphql/request-context';
import type { Container } from '../../src/container';
import { NothingToTrainError } from '../../src/services/training.service';
import { createTestContainer } from '../support/test-container';
import { loadSmallDataset } from '../support/small-dataset';

describe('TrainingService (dynalite)', () => {
  let container: Container;
  beforeEach(async () => ({ container } = await createTestContainer()));
  afterEach(() => container.close());

  const rowsOfVersion = async (version: string): Promise<number> => {
    const page = await container.dynamoDb.doc.send(
      new QueryCommand({ TableName: container.tables.models, KeyConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': version }, Select: 'COUNT' }),
    );
    return page.Count ?? 0;
  };

  it('says clearly that an empty database has nothing to train on, and publishes nothing', async () => {
    await expect(container.trainingService.train()).rejects.toThrow(NothingToTrainError);
    await expect(container.trainingService.train()).rejects.toThrow('there are no interactions to train on');
    expect(await container.models.currentModel()).toBeUndefined();
  });

  it('publishes a model whose artefacts serving can read', async () => {
    const dataset = await loadSmallDataset(container);
    const progress = new Set<string>();
    const summary = await container.trainingService.train(undefined, (step) => progress.add(step.stage));
    const stageOf: Record<string, string> = { ease: 'ease', knn: 'item-knn', svd: 'pure-svd', rp3: 'rp3beta', userKnn: 'user-knn', session: 'transitions' };
    const weighed = Object.entries(summary.model.selection?.mix.weights ?? {}).filter(([key, weight]) => key !== 'popularity' && key !== 'knn' && (weight ?? 0) > 0).map(([key]) => stageOf[key]);
    expect([...progress]).toEqual(['read', 'selection', 'matrix', 'popularity', 'item-knn', ...weighed, 'write']);
    expect(summary.model).toEqual(expect.objectContaining({ interactions: dataset.interactions.length, users: 80, items: 120 }));
    expect(summary.model.categories).toContain('Horror');
    expect(summary.model.artefactBytes).toBeGreaterThan(10_000);
    expect(await container.models.currentModel()).toEqual(summary.model);

    const [artefact, missing] = await container.models.itemArtefacts(summary.model.version, ['i0001', 'no-such-item']);
    expect(missing).toBeNull();
    expect(artefact).toEqual(expect.objectContaining({ itemId: 'i0001', categories: dataset.items[0]?.categories }));
    // Every list the mix weighs is stored, strongest weights first (EASE's by magnitude: negative ones are kept).
    const lists = artefact && !(artefact instanceof Error) ? Object.values(artefact.lists) : [];
    expect(lists.length).toBeGreaterThan(0);
    for (const list of lists) {
      expect(list.ids.length).toBeGreaterThan(0);
      expect(list.weights.map(Math.abs)).toEqual([...list.weights].map(Math.abs).sort((a, b) => b - a));
    }
    const shared = await container.models.sharedArtefacts(summary.model.version);
    expect(shared.popularity.overall.length).toBeGreaterThan(50);
  });

  it('chooses the served mix on validation and stores it with the model; a hand-set mix is stored as an override', async () => {
    // Prepare
    await loadSmallDataset(container);
    // Act
    const chosen = await container.trainingService.train();
    const override = await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 0, knn: 1, popularity: 0 }, newArrivals: 'NONE' } });
    const served = await container.recommendationService.recommend('u0003', { strategy: 'BASELINE', limit: 10, categories: undefined, excludeSeen: undefined, context: {} }, readersOf(container.createContext()));
    // Assess
    expect(chosen.model.selection).toEqual(expect.objectContaining({ chosenBy: 'VALIDATION', mix: chosen.selection?.chosen.mix, mixesTried: chosen.selection?.mixesTried }));
    expect(chosen.model.selection?.recall20).toBeCloseTo(chosen.selection?.chosen.recall20 ?? -1, 4);
    expect(override.model.selection).toEqual({ chosenBy: 'OVERRIDE', mix: { weights: { ease: 0, knn: 1, popularity: 0 }, newArrivals: 'NONE' } });
    // Serving reads the stored mix: with item-kNN alone, no item is there by EASE.
    expect(served.items.map((entry) => entry.source)).toEqual(Array.from({ length: 10 }, () => 'ITEM_KNN'));
    expect(override.selection).toBeUndefined();
    expect((await container.models.currentModel())?.selection).toEqual(override.model.selection);
  });

  it('trains, stores and serves the latent-factor and user-kNN models when the mix weighs them, each item explained', async () => {
    // Prepare
    await loadSmallDataset(container);
    // Act: PureSVD and user-kNN alone, by hand, so that every item is theirs.
    const trained = await container.trainingService.train(undefined, undefined, { mix: { weights: { ease: 0, knn: 0, svd: 1, rp3: 0, userKnn: 1, popularity: 0 }, newArrivals: 'NONE' } });
    const served = await container.recommendationService.recommend('u0003', { strategy: 'BASELINE', limit: 10, categories: undefined, excludeSeen: undefined, context: {} }, readersOf(container.createContext()));
    // Assess: the user's row and the PureSVD lists are stored; no EASE list is (the mix does not weigh it).
    const row = await container.models.userArtefact(trained.model.version, 'u0003');
    expect(row?.candidates.ids.length).toBeGreaterThan(0);
    const [artefact] = await container.models.itemArtefacts(trained.model.version, ['i0001']);
    expect(artefact && !(artefact instanceof Error) ? Object.keys(artefact.lists).sort() : []).toEqual(['PURE_SVD']);
    expect(served.items).toHaveLength(10);
    const sources = new Set(served.items.map((entry) => entry.source));
    expect([...sources].every((source) => source === 'LATENT_FACTORS' || source === 'USER_KNN')).toBe(true);
    expect(sources.has('USER_KNN')).toBe(true);
    for (const entry of served.items) {
      expect(entry.explanations.length).toBeGreaterThan(0);
      const explanation = entry.explanations[0];
      if (explanation?.kind === 'SIMILAR_USERS') expect(explanation.text).toBe('Liked by people whose history is like yours');
      else expect(explanation?.becauseOf).toBeDefined();
    }
  });

  it('keeps the previous version and deletes older ones', async () => {
    await loadSmallDataset(container);
    const first = await container.trainingService.train();
    const second = await container.trainingService.train();
    expect(await rowsOfVersion(first.model.version)).toBeGreaterThan(100);
    const third = await container.trainingService.train();
    expect((await container.models.currentModel())?.version).toBe(third.model.version);
    expect(await rowsOfVersion(first.model.version)).toBe(0);
    expect(await rowsOfVersion(second.model.version)).toBeGreaterThan(100);
  });
});
