import type { DatasetPart } from '../importers/dataset-format';
import { ImportRowError } from '../importers/import-errors';
import type { CatalogueEntry } from '../models/baseline.trainer';
import type { Positive } from '../models/interaction-matrix';

export interface EvaluationDataset {
  /** Every interaction as a positive, in file order. */
  readonly positives: Positive[];
  readonly catalogue: CatalogueEntry[];
}

/** Reads a dataset's files (not the database) for offline evaluation; a malformed row stops it with its line. */
export async function readEvaluationDataset(parts: readonly DatasetPart[]): Promise<EvaluationDataset> {
  const positives: Positive[] = [];
  const catalogue: CatalogueEntry[] = [];
  for (const part of parts) {
    if (part.kind === 'users') continue;
    for await (const row of part.rows()) {
      if ('error' in row) throw new ImportRowError(part.file, row.line, row.error);
      if (part.kind === 'items') {
        const { id, categories, createdAt } = row.value as CatalogueEntry;
        catalogue.push({ id, categories, createdAt });
      } else {
        const { userId, itemId, occurredAt } = row.value as Positive;
        positives.push({ userId, itemId, occurredAt });
      }
    }
  }
  return { positives, catalogue };
}
