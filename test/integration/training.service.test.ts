import { QueryCommand } from '@aws-sdk/lib-dynamodb';
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
    expect([...progress]).toEqual(['read', 'matrix', 'popularity', 'item-knn', 'ease', 'write']);
    expect(summary.model).toEqual(expect.objectContaining({ interactions: dataset.interactions.length, users: 80, items: 120 }));
    expect(summary.model.categories).toContain('Horror');
    expect(summary.model.artefactBytes).toBeGreaterThan(10_000);
    expect(await container.models.currentModel()).toEqual(summary.model);

    const [artefact, missing] = await container.models.itemArtefacts(summary.model.version, ['i0001', 'no-such-item']);
    expect(missing).toBeNull();
    expect(artefact).toEqual(expect.objectContaining({ itemId: 'i0001', categories: dataset.items[0]?.categories }));
    const ease = artefact && !(artefact instanceof Error) ? artefact.ease : undefined;
    expect(ease?.ids.length).toBeGreaterThan(0);
    expect(ease?.weights).toEqual([...(ease?.weights ?? [])].sort((a, b) => b - a));
    const shared = await container.models.sharedArtefacts(summary.model.version);
    expect(shared.popularity.overall.length).toBeGreaterThan(50);
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
