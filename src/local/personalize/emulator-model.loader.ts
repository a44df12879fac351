import { readEvaluationDataset } from '../../evaluation/dataset-reader';
import { personalizeCsvFormat } from '../../importers/personalize-csv.format';
import { UserKnnModel } from './user-knn.model';

/** Trains the local Personalize's model from the datasets `npm run export-personalize` wrote (as the real service trains from its imports). */
export async function loadEmulatorModel(exportDirectory: string): Promise<UserKnnModel> {
  const { positives, catalogue } = await readEvaluationDataset(await personalizeCsvFormat.open(exportDirectory));
  return new UserKnnModel(positives, catalogue);
}
