import type { DatasetPart } from '../importers/dataset-format';
import { ImportRowError } from '../importers/import-errors';
import type { InteractionStoreWriter } from '../ports/interaction-store.port';
import type { ItemCatalogWriter } from '../ports/item-catalog.port';
import type { UserDirectoryWriter } from '../ports/user-directory.port';

export interface ImportWriters {
  readonly items: ItemCatalogWriter;
  readonly users: UserDirectoryWriter;
  readonly interactions: InteractionStoreWriter;
}

export interface ImportProgress {
  readonly kind: DatasetPart['kind'];
  readonly file: string;
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

export interface ImportOptions {
  /** Report malformed rows and go on, instead of stopping at the first. */
  readonly skipBadRows: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly onBadRow?: (error: ImportRowError) => void;
  /** Rows handed to a writer at once (each writer splits them into BatchWriteItem calls). */
  readonly blockSize?: number;
}

export interface PartSummary {
  readonly kind: DatasetPart['kind'];
  readonly file: string;
  /** Rows read and accepted. */
  readonly rows: number;
  /** Rows the store gained: the accepted rows less those already stored under the same key. */
  readonly added: number;
  /** Accepted rows whose key the store held already (an earlier import, or the same key twice in the file). */
  readonly alreadyStored: number;
  readonly skipped: number;
}

export interface ImportSummary {
  readonly parts: readonly PartSummary[];
  /** Users first seen in interactions and stored without attributes. */
  readonly usersCreated: number;
  /** Items whose popularity counter changed. */
  readonly popularityUpdated: number;
  readonly durationMs: number;
}

/**
 * Writes a dataset's parts in order through the storage ports. A malformed row stops the
 * import after every row before it is written (or is reported and skipped); in both cases
 * the derived data — users seen in interactions, item popularity — is brought up to date
 * with what was written. Rows are keyed so that importing the same file again adds nothing.
 */
export class DatasetImportService {
  constructor(private readonly writers: ImportWriters) {}

  async importParts(parts: readonly DatasetPart[], options: ImportOptions): Promise<ImportSummary> {
    const started = Date.now();
    const summaries: PartSummary[] = [];
    const userIds = new Set<string>();
    let failure: unknown;
    try {
      for (const part of parts) summaries.push(await this.importPart(part, options, userIds));
    } catch (error) {
      failure = error;
    }
    let usersCreated = 0;
    let popularityUpdated = 0;
    try {
      usersCreated = await this.writers.users.ensureUsers([...userIds]);
      popularityUpdated = await this.writers.items.setPopularity(await this.writers.interactions.countByItem());
    } catch (finalising) {
      if (failure === undefined) throw finalising;
      (failure as Error).message += ` (and updating users and popularity afterwards failed too: ${(finalising as Error).message})`;
    }
    if (failure !== undefined) throw failure;
    return { parts: summaries, usersCreated, popularityUpdated, durationMs: Date.now() - started };
  }

  private async importPart(part: DatasetPart, options: ImportOptions, userIds: Set<string>): Promise<PartSummary> {
    const blockSize = options.blockSize ?? 1000;
    // What the part added is what its table gained (rows are keyed, so a repeat overwrites).
    const before = await this.countStored(part.kind);
    let rows = 0;
    let skipped = 0;
    let block: unknown[] = [];
    // One block is written while the next is parsed; at most one write is in flight.
    let inFlight: Promise<void> = Promise.resolve();
    const report = (): void =>
      options.onProgress?.({ kind: part.kind, file: part.file, rows, bytesRead: part.bytesRead(), totalBytes: part.totalBytes });
    const flush = async (): Promise<void> => {
      const toWrite = block;
      block = [];
      await inFlight;
      inFlight = toWrite.length > 0 ? this.write(part.kind, toWrite) : Promise.resolve();
      // Marked handled now; the rejection is still raised where inFlight is awaited next.
      inFlight.catch(() => undefined);
    };
    try {
      for await (const row of part.rows()) {
        if ('error' in row) {
          const error = new ImportRowError(part.file, row.line, row.error);
          if (!options.skipBadRows) throw error;
          skipped++;
          options.onBadRow?.(error);
          continue;
        }
        if (part.kind === 'interactions') userIds.add((row.value as { userId: string }).userId);
        block.push(row.value);
        rows++;
        if (block.length >= blockSize) {
          await flush();
          report();
        }
      }
    } finally {
      // Whatever was accepted before a stop is written before the stop is reported.
      await flush();
      await inFlight;
    }
    report();
    const added = Math.max(0, Math.min(rows, (await this.countStored(part.kind)) - before));
    return { kind: part.kind, file: part.file, rows, added, alreadyStored: rows - added, skipped };
  }

  private countStored(kind: DatasetPart['kind']): Promise<number> {
    switch (kind) {
      case 'items':
        return this.writers.items.count();
      case 'users':
        return this.writers.users.count();
      case 'interactions':
        return this.writers.interactions.count();
    }
  }

  private write(kind: DatasetPart['kind'], values: unknown[]): Promise<void> {
    switch (kind) {
      case 'items':
        return this.writers.items.putItems(values as Parameters<ItemCatalogWriter['putItems']>[0]);
      case 'users':
        return this.writers.users.putUsers(values as Parameters<UserDirectoryWriter['putUsers']>[0]);
      case 'interactions':
        return this.writers.interactions.putInteractions(values as Parameters<InteractionStoreWriter['putInteractions']>[0]);
    }
  }
}
