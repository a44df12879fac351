import type { Container } from '../../src/container';
import { generateDemoDataset, type DemoDataset } from '../../src/demo/demo-dataset.generator';
import { demoDatasetParts } from '../../src/demo/demo-dataset.parts';

/** A small demo dataset (120 items, 80 users, about 2,400 interactions): real structure, quick to load and train. */
export function smallDataset(seed = 7): DemoDataset {
  return generateDemoDataset(seed, { items: 120, users: 80, interactionsPerUser: 30 });
}

export async function loadSmallDataset(container: Container, seed = 7): Promise<DemoDataset> {
  const dataset = smallDataset(seed);
  await container.importService.importParts(demoDatasetParts(dataset), { skipBadRows: false });
  return dataset;
}
