import type { DatasetPart } from '../importers/dataset-format';
import { DependencyUnavailableError } from '../domain/errors';
import { ImportRowError } from '../importers/import-errors';
import { defaultTimestampPolicy, rowProblem, type TimestampPolicy } from '../importers/import-row.rules';
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
  /** The range interaction timestamps must fall in; by default from 1990 to an hour from now. */
  readonly timestamps?: TimestampPolicy;
}

interface Accepted {
  readonly line: number;
  readonly value: unknown;
}

/** The key a row is stored under: a second row with it replaces the first. */
function keyOf(kind: DatasetPart['kind'], value: unknown): string {
  if (kind === 'interactions') {
    const event = value as { userId: string; eventId: string };
    return `${event.userId}\u0000${event.eventId}`;
  }
  return (value as { id: string }).id;
}

function storeError(part: DatasetPart, entry: Accepted, error: unknown): ImportRowError {
  return new ImportRowError(part.file, entry.line, `could not be stored: ${error instanceof Error ? error.message : String(error)}`);
}

export interface PartSummary {
  readonly kind: DatasetPart['kind'];
  readonly file: string;
  /** Rows read and accepted. */
  readonly rows: number;
  /** Rows the store gained: the accepted rows less those already stored under the same key. */
  readonly added: number;
  /** Accepted rows whose key the store held before this import. */
  readonly alreadyStored: number;
  /** Accepted rows whose key came earlier in the same file: the later row replaced the earlier one. */
  readonly repeated: number;
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
    const timestamps = options.timestamps ?? defaultTimestampPolicy();
    // What the part added is what its table gained (rows are keyed, so a repeat overwrites).
    const before = await this.countStored(part.kind);
    const keys = new Set<string>();
    const counts = { rows: 0, skipped: 0, repeated: 0 };
    let block: Accepted[] = [];
    // One block is written while the next is parsed; at most one write is in flight.
    let inFlight: Promise<void> = Promise.resolve();
    const report = (): void =>
      options.onProgress?.({ kind: part.kind, file: part.file, rows: counts.rows, bytesRead: part.bytesRead(), totalBytes: part.totalBytes });
    const refuse = (error: ImportRowError): void => {
      if (!options.skipBadRows) throw error;
      counts.skipped++;
      options.onBadRow?.(error);
    };
    const flush = async (): Promise<void> => {
      const toWrite = block;
      block = [];
      await inFlight;
      inFlight = toWrite.length > 0 ? this.writeBlock(part, toWrite, counts, refuse) : Promise.resolve();
      // Marked handled now; the rejection is still raised where inFlight is awaited next.
      inFlight.catch(() => undefined);
    };
    try {
      for await (const row of part.rows()) {
        const problem = 'error' in row ? row.error : rowProblem(part.kind, row.value, timestamps);
        if (problem !== undefined || 'error' in row) {
          refuse(new ImportRowError(part.file, row.line, problem ?? 'unreadable'));
          continue;
        }
        const key = keyOf(part.kind, row.value);
        if (keys.has(key)) counts.repeated++;
        else keys.add(key);
        if (part.kind === 'interactions') userIds.add((row.value as { userId: string }).userId);
        block.push({ line: row.line, value: row.value });
        counts.rows++;
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
    const added = Math.max(0, Math.min(counts.rows - counts.repeated, (await this.countStored(part.kind)) - before));
    return { kind: part.kind, file: part.file, rows: counts.rows, added, repeated: counts.repeated, alreadyStored: counts.rows - counts.repeated - added, skipped: counts.skipped };
  }

  /**
   * Writes a block; when the block is refused as a whole, writes its rows one by one, so that
   * every row that can be stored is, and the one that cannot is named by its line.
   */
  private async writeBlock(part: DatasetPart, block: readonly Accepted[], counts: { rows: number; skipped: number }, refuse: (error: ImportRowError) => void): Promise<void> {
    try {
      await this.write(part.kind, block.map((entry) => entry.value));
      return;
    } catch (error) {
      // Storage itself down is no bad row: the import stops, keeping what was stored before.
      if (error instanceof DependencyUnavailableError) throw error;
    }
    for (const entry of block) {
      try {
        await this.write(part.kind, [entry.value]);
      } catch (error) {
        if (error instanceof DependencyUnavailableError) throw error;
        counts.rows--;
        refuse(storeError(part, entry, error));
      }
    }
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
