import { demoFormat } from '../demo/demo.format';
import type { DatasetFormat } from './dataset-format';
import { movielens100kFormat } from './movielens-100k.format';
import { movielensCsvFormat } from './movielens-csv.format';
import { personalizeCsvFormat } from './personalize-csv.format';

export const DATASET_FORMATS: readonly DatasetFormat[] = [movielensCsvFormat, movielens100kFormat, personalizeCsvFormat, demoFormat];

export function datasetFormat(name: string): DatasetFormat | undefined {
  return DATASET_FORMATS.find((format) => format.name === name);
}
