import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Container } from '../container';
import { generateDemoDataset } from '../demo/demo-dataset.generator';
import { demoDatasetParts } from '../demo/demo-dataset.parts';
import type { ImportSummary } from '../services/dataset-import.service';

export interface DemoLoad {
  readonly summary: ImportSummary;
  /** True when an earlier load was interrupted (Ctrl-C, crash) and this one completed it. */
  readonly resumed: boolean;
}

/**
 * Loads the generated demo data when the catalogue is empty, or when an earlier load did
 * not finish: a marker file in the data directory lives for the length of a load. The
 * import is idempotent, so loading again completes a partial load without duplicates.
 */
export async function loadDemoDataWhenEmpty(container: Container, seed: number, dataDir: string): Promise<DemoLoad | undefined> {
  const marker = path.join(dataDir, 'demo-data.loading');
  const resumed = await access(marker).then(
    () => true,
    () => false,
  );
  if (!resumed && (await container.catalog.count()) > 0) return undefined;
  await mkdir(dataDir, { recursive: true });
  await writeFile(marker, `demo data (seed ${seed}) load started ${new Date().toISOString()}\n`);
  const summary = await container.importService.importParts(demoDatasetParts(generateDemoDataset(seed)), { skipBadRows: false });
  await rm(marker, { force: true });
  return { summary, resumed };
}
