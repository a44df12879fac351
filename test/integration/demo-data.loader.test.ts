import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '../../src/container';
import { loadDemoDataWhenEmpty } from '../../src/local/demo-data.loader';
import { createTestContainer } from '../support/test-container';
import { tempDir, type TempDir } from '../support/temp-dir';

// A load imports 31,000 events and keeps 300 history rows: about 16 s alone, several times that beside a full suite on 2 cores.
describe('loadDemoDataWhenEmpty (dynalite)', () => {
  let container: Container;
  let dataDir: TempDir;
  beforeAll(async () => {
    ({ container } = await createTestContainer());
    dataDir = await tempDir();
  });
  afterAll(async () => {
    container.close();
    await dataDir.remove();
  });

  const counts = (): Promise<number[]> => Promise.all([container.catalog.count(), container.users.count(), container.interactions.count()]);

  it('loads the demo data into empty tables, then leaves the data alone', async () => {
    const loaded = await loadDemoDataWhenEmpty(container, 42, dataDir.path);
    expect(loaded?.resumed).toBe(false);
    const [items, users, interactions] = await counts();
    expect([items, users]).toEqual([400, 300]);
    expect(interactions).toBe(loaded?.summary.parts.find((part) => part.kind === 'interactions')?.rows);
    expect(await loadDemoDataWhenEmpty(container, 42, dataDir.path)).toBeUndefined();
    await expect(access(path.join(dataDir.path, 'demo-data.loading'))).rejects.toThrow();
  }, 180_000);

  it('completes a load that was interrupted, without duplicates', async () => {
    const before = await counts();
    // What a Ctrl-C in the middle of the first start leaves behind.
    await writeFile(path.join(dataDir.path, 'demo-data.loading'), 'interrupted');
    const loaded = await loadDemoDataWhenEmpty(container, 42, dataDir.path);
    expect(loaded?.resumed).toBe(true);
    expect(await counts()).toEqual(before);
  }, 180_000);
});
