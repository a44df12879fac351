import type { DatasetFormat, DatasetPart } from '../importers/dataset-format';
import { ImportFileError } from '../importers/import-errors';
import { DEFAULT_DEMO_SIZE, generateDemoDataset } from './demo-dataset.generator';
import { demoDatasetParts } from './demo-dataset.parts';

/**
 * The built-in demo data as a dataset "path": `SEED` (npm start's size: 400 items, 300 users)
 * or `SEED/ITEMS/USERS/PER_USER`, generated on the spot — so `evaluate` and `import` take it
 * like any file, and benchmarks can grow the catalogue.
 */
export const demoFormat: DatasetFormat = {
  name: 'demo',
  description: 'the built-in demo data, generated: SEED (as npm start loads it) or SEED/ITEMS/USERS/INTERACTIONS_PER_USER',
  async open(target: string): Promise<DatasetPart[]> {
    const match = /^(\d{1,10})(?:\/(\d{1,7})\/(\d{1,7})\/(\d{1,5}))?$/.exec(target.trim());
    if (!match) throw new ImportFileError(target, 'not a demo dataset: give SEED (e.g. 42) or SEED/ITEMS/USERS/INTERACTIONS_PER_USER (e.g. 42/10000/3000/30)');
    const [, seed = '42', items, users, perUser] = match;
    const size = items && users && perUser ? { items: Number(items), users: Number(users), interactionsPerUser: Number(perUser) } : DEFAULT_DEMO_SIZE;
    if (size.items < 1 || size.users < 1 || size.interactionsPerUser < 1) throw new ImportFileError(target, 'items, users and interactions per user must each be at least 1');
    return demoDatasetParts(generateDemoDataset(Number(seed), size));
  },
};
