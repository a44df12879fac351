import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Interaction } from '../domain/interaction';
import type { Item } from '../domain/item';
import type { User } from '../domain/user';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { ItemCatalogWriter } from '../ports/item-catalog.port';
import type { UserDirectoryWriter } from '../ports/user-directory.port';
import { csvLine } from './csv-line';
import { INTERACTIONS_DATASET, avroSchema, itemsDataset, usersDataset, type PersonalizeDataset } from './personalize-datasets';
import { personalizeReadme } from './personalize-readme';

export interface ExportSources {
  readonly interactions: Pick<InteractionStoreWriter, 'scanInteractions'>;
  readonly catalog: Pick<ItemCatalogWriter, 'scanItems'>;
  readonly users: Pick<UserDirectoryWriter, 'scanUsers'>;
}

export interface ExportedFile {
  readonly dataset: string;
  readonly file: string;
  readonly schemaFile: string;
  readonly rows: number;
  readonly columns: readonly string[];
}

export class NothingToExportError extends Error {
  constructor() {
    super('there are no interactions to export: import some first (npm run import)');
    this.name = 'NothingToExportError';
  }
}

/**
 * Writes storage as the three Amazon Personalize datasets: CSV files in the form its import
 * jobs read, each with its Avro schema, and a README with the AWS CLI steps. Rows are sorted
 * (interactions by time) so that the same data exports to the same files.
 */
export async function exportPersonalizeDatasets(sources: ExportSources, directory: string): Promise<ExportedFile[]> {
  const interactions: Interaction[] = [];
  const items: Item[] = [];
  const users: User[] = [];
  await Promise.all([
    sources.interactions.scanInteractions((event) => interactions.push(event)),
    sources.catalog.scanItems((item) => items.push(item)),
    sources.users.scanUsers((user) => users.push(user)),
  ]);
  if (interactions.length === 0) throw new NothingToExportError();
  interactions.sort((a, b) => a.occurredAt - b.occurredAt || compare(a.userId, b.userId) || compare(a.eventId, b.eventId));
  items.sort((a, b) => compare(a.id, b.id));
  users.sort((a, b) => compare(a.id, b.id));

  await mkdir(directory, { recursive: true });
  const files = [await writeDataset(directory, 'interactions', INTERACTIONS_DATASET, interactions)];
  if (items.length > 0) files.push(await writeDataset(directory, 'items', itemsDataset(items), items));
  const usersWithColumns = usersDataset(users);
  if (usersWithColumns) files.push(await writeDataset(directory, 'users', usersWithColumns, users));
  await writeFile(path.join(directory, 'README.md'), personalizeReadme(files));
  return files;
}

async function writeDataset<T>(directory: string, base: string, dataset: PersonalizeDataset<T>, rows: readonly T[]): Promise<ExportedFile> {
  const file = path.join(directory, `${base}.csv`);
  const schemaFile = path.join(directory, `${base}.schema.json`);
  const lines = [csvLine(dataset.columns.map((column) => column.name))];
  for (const row of rows) lines.push(csvLine(dataset.columns.map((column) => column.value(row))));
  await writeFile(file, `${lines.join('\n')}\n`);
  await writeFile(schemaFile, `${JSON.stringify(avroSchema(dataset), null, 2)}\n`);
  return { dataset: dataset.name, file, schemaFile, rows: rows.length, columns: dataset.columns.map((column) => column.name) };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
