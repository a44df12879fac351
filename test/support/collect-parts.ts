import type { DatasetPart } from '../../src/importers/dataset-format';

export interface CollectedPart {
  readonly kind: DatasetPart['kind'];
  readonly values: unknown[];
  readonly errors: { line: number; error: string }[];
}

/** Reads every row of every part, as the import would, for assertions. */
export async function collectParts(parts: readonly DatasetPart[]): Promise<CollectedPart[]> {
  const collected: CollectedPart[] = [];
  for (const part of parts) {
    const values: unknown[] = [];
    const errors: { line: number; error: string }[] = [];
    for await (const row of part.rows()) {
      if ('error' in row) errors.push({ line: row.line, error: row.error });
      else values.push(row.value);
    }
    collected.push({ kind: part.kind, values, errors });
  }
  return collected;
}
