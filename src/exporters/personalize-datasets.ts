import type { Interaction } from '../domain/interaction';
import type { Item } from '../domain/item';
import type { User } from '../domain/user';

/** One column of a Personalize dataset: its CSV header, Avro type, flags and how a row fills it. */
export interface DatasetColumn<T> {
  readonly name: string;
  readonly type: 'string' | 'long' | 'float';
  readonly nullable: boolean;
  readonly categorical?: boolean;
  readonly textual?: boolean;
  readonly value: (row: T) => string | number | undefined;
}

export interface PersonalizeDataset<T> {
  readonly name: 'Interactions' | 'Items' | 'Users';
  readonly columns: readonly DatasetColumn<T>[];
}

/** Personalize's limits that shape the export: metadata columns kept, categorical value length. */
const MAX_ITEM_ATTRIBUTE_COLUMNS = 20;
const MAX_USER_ATTRIBUTE_COLUMNS = 10;
const MAX_CATEGORICAL_LENGTH = 1000;
const RESERVED = new Set(['USER_ID', 'ITEM_ID', 'TIMESTAMP', 'EVENT_TYPE', 'EVENT_VALUE', 'EVENT_ID', 'IMPRESSION', 'RECOMMENDATION_ID', 'CREATION_TIMESTAMP', 'TITLE', 'GENRES']);

export const INTERACTIONS_DATASET: PersonalizeDataset<Interaction> = {
  name: 'Interactions',
  columns: [
    { name: 'USER_ID', type: 'string', nullable: false, value: (event) => event.userId },
    { name: 'ITEM_ID', type: 'string', nullable: false, value: (event) => event.itemId },
    { name: 'TIMESTAMP', type: 'long', nullable: false, value: (event) => Math.floor(event.occurredAt / 1000) },
    { name: 'EVENT_TYPE', type: 'string', nullable: false, value: (event) => event.eventType },
    { name: 'EVENT_VALUE', type: 'float', nullable: true, value: (event) => event.value },
    // The gateway's own event id, so that importing an export into the same store adds nothing.
    { name: 'EVENT_ID', type: 'string', nullable: true, value: (event) => event.eventId },
  ],
};

/** Items: title (textual), genres/categories (categorical, "|" between values), creation time, and the commonest attributes. */
export function itemsDataset(items: readonly Item[]): PersonalizeDataset<Item> {
  return {
    name: 'Items',
    columns: [
      { name: 'ITEM_ID', type: 'string', nullable: false, value: (item) => item.id },
      { name: 'TITLE', type: 'string', nullable: true, textual: true, value: (item) => item.title || undefined },
      { name: 'GENRES', type: 'string', nullable: true, categorical: true, value: (item) => categorical(item.categories.join('|')) },
      { name: 'CREATION_TIMESTAMP', type: 'long', nullable: false, value: (item) => Math.max(0, Math.floor(item.createdAt / 1000)) },
      ...attributeColumns(items, MAX_ITEM_ATTRIBUTE_COLUMNS),
    ],
  };
}

/** Users: their commonest attributes as categorical columns; undefined when no user has any (Personalize needs one metadata column). */
export function usersDataset(users: readonly User[]): PersonalizeDataset<User> | undefined {
  const columns = attributeColumns(users, MAX_USER_ATTRIBUTE_COLUMNS);
  if (columns.length === 0) return undefined;
  return { name: 'Users', columns: [{ name: 'USER_ID', type: 'string', nullable: false, value: (user) => user.id }, ...columns] };
}

/** The Avro schema Personalize's CreateSchema takes for a dataset. */
export function avroSchema<T>(dataset: PersonalizeDataset<T>): object {
  return {
    type: 'record',
    name: dataset.name,
    namespace: 'com.amazonaws.personalize.schema',
    fields: dataset.columns.map((column) => ({
      name: column.name,
      type: column.nullable ? ['null', column.type] : column.type,
      ...(column.categorical ? { categorical: true } : {}),
      ...(column.textual ? { textual: true } : {}),
    })),
    version: '1.0',
  };
}

function attributeColumns<T extends { attributes: Readonly<Record<string, string>> }>(rows: readonly T[], max: number): DatasetColumn<T>[] {
  const counts = new Map<string, number>();
  for (const row of rows) for (const key of Object.keys(row.attributes)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const used = new Set<string>();
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .flatMap(([key]) => {
      const name = columnName(key);
      if (!name || RESERVED.has(name.toUpperCase()) || used.has(name.toUpperCase())) return [];
      used.add(name.toUpperCase());
      return [{ name, type: 'string' as const, nullable: true, categorical: true, value: (row: T) => categorical(row.attributes[key]) }];
    })
    .slice(0, max);
}

/**
 * Avro field names: a letter or "_" first, then letters, digits and "_". The attribute's case
 * is kept (`country` stays `country`), so an import of the export gives back the same keys.
 */
function columnName(key: string): string | undefined {
  const name = key.trim().replace(/[^A-Za-z0-9_]+/g, '_').replace(/^([^A-Za-z_])/, '_$1');
  return name.replace(/_/g, '') === '' ? undefined : name;
}

function categorical(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  return value.length > MAX_CATEGORICAL_LENGTH ? value.slice(0, MAX_CATEGORICAL_LENGTH) : value;
}
