import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ImportFileError } from './import-errors';

export interface CsvRecord {
  /** 1-based line of the record in its file, header included. */
  readonly line: number;
  readonly fields: readonly string[];
}

export interface CsvReadOptions {
  readonly delimiter: string;
  /** false for formats such as MovieLens-100K whose titles hold bare quotes. */
  readonly quoted: boolean;
  readonly encoding: BufferEncoding;
}

export const PLAIN_CSV: CsvReadOptions = { delimiter: ',', quoted: true, encoding: 'utf8' };

/** A file opened for reading, with its size and how far the reader got, for progress bars. */
export interface CsvSource {
  readonly file: string;
  readonly totalBytes: number;
  bytesRead(): number;
  records(): AsyncGenerator<CsvRecord>;
}

export async function openCsv(file: string, options: CsvReadOptions = PLAIN_CSV): Promise<CsvSource> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new ImportFileError(file, 'file not found');
  if (!info.isFile()) throw new ImportFileError(file, 'is not a file');
  let bytesRead = 0;
  return {
    file,
    totalBytes: info.size,
    bytesRead: () => bytesRead,
    async *records() {
      bytesRead = 0; // a header check may have read the start already
      const stream = createReadStream(file);
      stream.on('data', (chunk) => (bytesRead += chunk.length));
      const parser = stream.pipe(
        parse({
          delimiter: options.delimiter,
          quote: options.quoted ? '"' : false,
          encoding: options.encoding,
          bom: true,
          info: true,
          relax_column_count: true,
          skip_empty_lines: true,
        }),
      );
      try {
        for await (const { record, info: recordInfo } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
          yield { line: recordInfo.lines, fields: record };
        }
      } catch (error) {
        const lines = (error as { lines?: number }).lines;
        throw new ImportFileError(file, `${lines ? `line ${lines}: ` : ''}${(error as Error).message}`);
      } finally {
        stream.destroy();
      }
    },
  };
}

/** Reads the first record (the header of a CSV with one) without reading the rest. */
export async function readFirstRecord(source: CsvSource): Promise<readonly string[] | undefined> {
  const records = source.records();
  try {
    const first = await records.next();
    return first.done ? undefined : first.value.fields;
  } finally {
    await records.return(undefined);
  }
}
