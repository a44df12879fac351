import type { DatasetPart, ParsedRow } from '../importers/dataset-format';
import type { DemoDataset } from './demo-dataset.generator';

/** The generated demo data as dataset parts, so it is loaded by the same import path as files. */
export function demoDatasetParts(dataset: DemoDataset): DatasetPart[] {
  return [
    inMemoryPart('items', 'demo:items', dataset.items),
    inMemoryPart('users', 'demo:users', dataset.users),
    inMemoryPart('interactions', 'demo:interactions', dataset.interactions),
  ];
}

function inMemoryPart<T>(kind: DatasetPart['kind'], file: string, values: readonly T[]): DatasetPart {
  let read = 0;
  return {
    kind,
    file,
    totalBytes: values.length,
    bytesRead: () => read,
    async *rows(): AsyncGenerator<ParsedRow<T>> {
      for (const [index, value] of values.entries()) {
        read = index + 1;
        yield { line: index + 1, value };
      }
    },
  } as DatasetPart;
}
