import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '../../src/container';
import type { DemoDataset } from '../../src/demo/demo-dataset.generator';
import type { Item } from '../../src/domain/item';
import type { User } from '../../src/domain/user';
import { NothingToExportError, exportPersonalizeDatasets } from '../../src/exporters/personalize-export';
import { personalizeCsvFormat } from '../../src/importers/personalize-csv.format';
import { loadEmulatorModel } from '../../src/local/personalize/emulator-model.loader';
import { loadSmallDataset } from '../support/small-dataset';
import { createTestContainer } from '../support/test-container';
import { tempDir, type TempDir } from '../support/temp-dir';

describe('exportPersonalizeDatasets (dynalite)', () => {
  let source: Container;
  let dataset: DemoDataset;
  let dir: TempDir;
  beforeAll(async () => {
    ({ container: source } = await createTestContainer());
    dataset = await loadSmallDataset(source);
    dir = await tempDir();
  });
  afterAll(async () => {
    source.close();
    await dir.remove();
  });

  const sourcesOf = (container: Container) => ({ interactions: container.interactions, catalog: container.catalog, users: container.users });

  it('writes the three datasets in the form Personalize imports, with their Avro schemas and the CLI steps', async () => {
    const files = await exportPersonalizeDatasets(sourcesOf(source), dir.path);
    expect(files.map((file) => [file.dataset, path.basename(file.file), file.rows])).toEqual([
      ['Interactions', 'interactions.csv', dataset.interactions.length],
      ['Items', 'items.csv', 120],
      ['Users', 'users.csv', 80],
    ]);
    const interactions = (await readFile(path.join(dir.path, 'interactions.csv'), 'utf8')).split('\n');
    expect(interactions[0]).toBe('USER_ID,ITEM_ID,TIMESTAMP,EVENT_TYPE,EVENT_VALUE,EVENT_ID');
    expect(interactions[1]).toMatch(/^u\d{4},i\d{4},\d{10},(view|watch|like|rate),\d*,\S+$/);
    const items = (await readFile(path.join(dir.path, 'items.csv'), 'utf8')).split('\n');
    expect(items[0]).toBe('ITEM_ID,TITLE,GENRES,CREATION_TIMESTAMP,runtimeMinutes,year');
    const itemSchema = JSON.parse(await readFile(path.join(dir.path, 'items.schema.json'), 'utf8')) as { fields: unknown[] };
    expect(itemSchema.fields).toEqual([
      { name: 'ITEM_ID', type: 'string' },
      { name: 'TITLE', type: ['null', 'string'], textual: true },
      { name: 'GENRES', type: ['null', 'string'], categorical: true },
      { name: 'CREATION_TIMESTAMP', type: 'long' },
      { name: 'runtimeMinutes', type: ['null', 'string'], categorical: true },
      { name: 'year', type: ['null', 'string'], categorical: true },
    ]);
    const interactionSchema = JSON.parse(await readFile(path.join(dir.path, 'interactions.schema.json'), 'utf8')) as { fields: { name: string; type: unknown }[] };
    expect(interactionSchema.fields.find((field) => field.name === 'EVENT_VALUE')?.type).toEqual(['null', 'float']);
    expect(await readFile(path.join(dir.path, 'README.md'), 'utf8')).toContain('aws personalize create-dataset-import-job');
  });

  it('imports back into the same data with --format personalize', async () => {
    await exportPersonalizeDatasets(sourcesOf(source), dir.path);
    const { container: target } = await createTestContainer();
    try {
      await target.importService.importParts(await personalizeCsvFormat.open(dir.path), { skipBadRows: false });
      expect(await Promise.all([target.catalog.count(), target.users.count(), target.interactions.count()])).toEqual([120, 80, dataset.interactions.length]);
      const [before] = (await source.catalog.getItems(['i0007'])) as Item[];
      const [after] = await target.catalog.getItems(['i0007']);
      expect(after).toEqual(expect.objectContaining({ title: before?.title, categories: before?.categories }));
      const [user] = (await target.users.getUsers(['u0001'])) as User[];
      // Attribute names keep their case, so a segment such as country=DE still finds its users.
      expect(user?.attributes).toEqual(dataset.users[0]?.attributes);
    } finally {
      target.close();
    }
  });

  it('adds nothing when imported back into the store it came from, and says so', async () => {
    // Prepare
    await exportPersonalizeDatasets(sourcesOf(source), dir.path);
    const before = await Promise.all([source.catalog.count(), source.users.count(), source.interactions.count()]);
    // Act
    const summary = await source.importService.importParts(await personalizeCsvFormat.open(dir.path), { skipBadRows: false });
    // Assess
    expect(await Promise.all([source.catalog.count(), source.users.count(), source.interactions.count()])).toEqual(before);
    expect(summary.parts.map((part) => [part.kind, part.rows, part.added, part.alreadyStored])).toEqual([
      ['items', 120, 0, 120],
      ['users', 80, 0, 80],
      ['interactions', dataset.interactions.length, 0, dataset.interactions.length],
    ]);
  });

  it('is what the local Personalize trains from', async () => {
    await exportPersonalizeDatasets(sourcesOf(source), dir.path);
    const model = await loadEmulatorModel(dir.path);
    expect(model.knows('u0001')).toBe(true);
    expect(model.seen('u0001')).toEqual(new Set(dataset.interactions.filter((event) => event.userId === 'u0001').map((event) => event.itemId)));
    expect(model.categoriesOf('i0001')).toEqual(dataset.items[0]?.categories);
  });

  it('says there is nothing to export from an empty database', async () => {
    const { container: empty } = await createTestContainer();
    try {
      await expect(exportPersonalizeDatasets(sourcesOf(empty), dir.path)).rejects.toThrow(NothingToExportError);
    } finally {
      empty.close();
    }
  });
});
