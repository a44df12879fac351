import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { interactionTypeOf, type Interaction } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';
import { csvPart } from './csv-part';
import { openCsv, readFirstRecord, type CsvSource } from './csv-records.reader';
import type { DatasetFormat, DatasetPart } from './dataset-format';
import { epochSeconds, finiteNumber, requiredId, type Parsed } from './field-parsers';
import { ImportFileError } from './import-errors';

/** Item columns that carry the title and the categories; the first present wins. */
const TITLE_COLUMNS = ['TITLE', 'ITEM_NAME', 'NAME', 'PRODUCT_NAME'];
const CATEGORY_COLUMNS = ['GENRES', 'GENRE', 'CATEGORIES', 'CATEGORY', 'CATEGORY_L1'];
const CREATED_COLUMN = 'CREATION_TIMESTAMP';

type DatasetType = 'interactions' | 'items' | 'users';
const ORDER: readonly DatasetType[] = ['items', 'users', 'interactions'];

/**
 * Amazon Personalize dataset CSVs, told apart by their header: interactions
 * (USER_ID, ITEM_ID, TIMESTAMP, EVENT_TYPE, [EVENT_VALUE], [EVENT_ID] …), items (ITEM_ID
 * first, metadata columns) and users (USER_ID first, metadata columns). Categorical values
 * use "|" between values, as Personalize does. Metadata columns become attributes.
 */
export const personalizeCsvFormat: DatasetFormat = {
  name: 'personalize',
  description: 'Amazon Personalize dataset CSVs: one file, or a directory of interactions/items/users CSVs told apart by their headers',
  async open(target: string): Promise<DatasetPart[]> {
    const info = await stat(target).catch(() => undefined);
    if (!info) throw new ImportFileError(target, 'file or directory not found');
    const files = info.isDirectory()
      ? (await readdir(target)).filter((name) => name.toLowerCase().endsWith('.csv')).sort().map((name) => path.join(target, name))
      : [target];
    if (files.length === 0) throw new ImportFileError(target, 'holds no .csv file');
    const parts = new Map<DatasetType, DatasetPart>();
    for (const file of files) {
      const source = await openCsv(file);
      const columns = ((await readFirstRecord(source)) ?? []).map((name) => name.trim());
      const header = columns.map((name) => name.toUpperCase());
      const type = datasetTypeOf(header);
      if (!type) {
        throw new ImportFileError(file, `not a Personalize dataset: the header "${header.join(',')}" is neither interactions (USER_ID,ITEM_ID,TIMESTAMP…), items (ITEM_ID,…) nor users (USER_ID,…)`);
      }
      if (parts.has(type)) throw new ImportFileError(file, `a second ${type} dataset in one import (${parts.get(type)?.file})`);
      parts.set(type, partOf(type, source, header, columns));
    }
    return ORDER.flatMap((type) => parts.get(type) ?? []);
  },
};

function datasetTypeOf(header: readonly string[]): DatasetType | undefined {
  if (['USER_ID', 'ITEM_ID', 'TIMESTAMP'].every((column) => header.includes(column))) return 'interactions';
  if (header[0] === 'ITEM_ID') return 'items';
  if (header[0] === 'USER_ID' && !header.includes('ITEM_ID')) return 'users';
  return undefined;
}

/**
 * Personalize's own columns are found whatever their case (`header`, upper case); metadata
 * columns become attributes under the name the file gives them (`columns`).
 */
function partOf(type: DatasetType, source: CsvSource, header: readonly string[], columns: readonly string[]): DatasetPart {
  const spec = { hasHeader: true, minColumns: header.length, maxColumns: header.length };
  const rowOf = (fields: readonly string[]): Row => ({
    known: Object.fromEntries(header.map((column, index) => [column, fields[index] ?? ''])),
    metadata: (reserved) => Object.fromEntries(columns.flatMap((column, index) => (reserved.has(header[index]) || (fields[index] ?? '').trim() === '' ? [] : [[column, fields[index] ?? '']]))),
  });
  switch (type) {
    case 'interactions':
      return csvPart('interactions', source, { ...spec, parse: (fields) => parseInteraction(rowOf(fields)) });
    case 'items': {
      const titleColumn = TITLE_COLUMNS.find((column) => header.includes(column));
      const categoryColumn = CATEGORY_COLUMNS.find((column) => header.includes(column));
      return csvPart('items', source, { ...spec, parse: (fields) => parseItem(rowOf(fields), titleColumn, categoryColumn) });
    }
    case 'users':
      return csvPart('users', source, { ...spec, parse: (fields) => parseUser(rowOf(fields)) });
  }
}

interface Row {
  /** Every column by its upper-case name. */
  readonly known: Record<string, string>;
  /** The non-empty columns outside `reserved` (upper-case names), under the file's own names. */
  metadata(reserved: ReadonlySet<string | undefined>): Record<string, string>;
}

function parseInteraction({ known: row }: Row): Parsed<Interaction> {
  const userId = requiredId('USER_ID', row['USER_ID']);
  if (!userId.ok) return userId;
  const itemId = requiredId('ITEM_ID', row['ITEM_ID']);
  if (!itemId.ok) return itemId;
  const occurredAt = epochSeconds('TIMESTAMP', row['TIMESTAMP']);
  if (!occurredAt.ok) return occurredAt;
  const eventType = (row['EVENT_TYPE'] ?? '').trim() || 'interaction';
  let value: number | undefined;
  if ((row['EVENT_VALUE'] ?? '').trim() !== '') {
    const parsed = finiteNumber('EVENT_VALUE', row['EVENT_VALUE']);
    if (!parsed.ok) return parsed;
    value = parsed.value;
  }
  const explicitId = (row['EVENT_ID'] ?? '').trim();
  return {
    ok: true,
    value: {
      userId: userId.value,
      itemId: itemId.value,
      // Without EVENT_ID the row's content is its identity, so a re-import adds nothing.
      eventId: explicitId || `${eventType}:${itemId.value}:${occurredAt.value / 1000}`,
      type: interactionTypeOf(eventType),
      eventType,
      value,
      occurredAt: occurredAt.value,
    },
  };
}

function parseItem({ known: row, metadata }: Row, titleColumn: string | undefined, categoryColumn: string | undefined): Parsed<ItemRecord> {
  const id = requiredId('ITEM_ID', row['ITEM_ID']);
  if (!id.ok) return id;
  let createdAt = 0;
  if ((row[CREATED_COLUMN] ?? '').trim() !== '') {
    const parsed = epochSeconds(CREATED_COLUMN, row[CREATED_COLUMN]);
    if (!parsed.ok) return parsed;
    createdAt = parsed.value;
  }
  const reserved = new Set(['ITEM_ID', CREATED_COLUMN, titleColumn, categoryColumn]);
  return {
    ok: true,
    value: {
      id: id.value,
      title: (titleColumn ? row[titleColumn] ?? '' : '').trim() || id.value,
      categories: categoryColumn ? splitCategorical(row[categoryColumn] ?? '') : [],
      attributes: metadata(reserved),
      createdAt,
    },
  };
}

function parseUser({ known: row, metadata }: Row): Parsed<User> {
  const id = requiredId('USER_ID', row['USER_ID']);
  if (!id.ok) return id;
  return { ok: true, value: { id: id.value, attributes: metadata(new Set(['USER_ID'])) } };
}

function splitCategorical(raw: string): string[] {
  return raw.split('|').map((value) => value.trim()).filter(Boolean);
}
