import type { CsvSource } from './csv-records.reader';
import type { DatasetPart, ParsedRow } from './dataset-format';
import type { Parsed } from './field-parsers';

type Kind = DatasetPart['kind'];
type ValueOf<K extends Kind> = Extract<DatasetPart, { kind: K }> extends { rows(): AsyncGenerator<ParsedRow<infer T>> } ? T : never;

export interface CsvPartSpec<T> {
  readonly hasHeader: boolean;
  /** Fewest fields a row may have. */
  readonly minColumns: number;
  /** Most fields a row may have (a row with more is malformed); Infinity for free extra columns. */
  readonly maxColumns: number;
  readonly parse: (fields: readonly string[]) => Parsed<T>;
}

/** One file of a dataset as a part: each record parsed by the spec, malformed ones reported with their line. */
export function csvPart<K extends Kind>(kind: K, source: CsvSource, spec: CsvPartSpec<ValueOf<K>>): DatasetPart {
  return {
    kind,
    file: source.file,
    totalBytes: source.totalBytes,
    bytesRead: source.bytesRead,
    async *rows(): AsyncGenerator<ParsedRow<ValueOf<K>>> {
      let first = true;
      for await (const record of source.records()) {
        if (first && spec.hasHeader) {
          first = false;
          continue;
        }
        first = false;
        const count = record.fields.length;
        if (count < spec.minColumns || count > spec.maxColumns) {
          const wanted = spec.minColumns === spec.maxColumns ? `${spec.minColumns}` : spec.maxColumns === Infinity ? `at least ${spec.minColumns}` : `${spec.minColumns} to ${spec.maxColumns}`;
          yield { line: record.line, error: `expected ${wanted} fields, found ${count}` };
          continue;
        }
        const parsed = spec.parse(record.fields);
        yield parsed.ok ? { line: record.line, value: parsed.value } : { line: record.line, error: parsed.reason };
      }
    },
  } as DatasetPart;
}
