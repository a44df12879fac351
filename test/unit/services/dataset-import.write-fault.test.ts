import { DependencyUnavailableError } from '../../../src/domain/errors';
import type { Interaction } from '../../../src/domain/interaction';
import type { DatasetPart, ParsedRow } from '../../../src/importers/dataset-format';
import { ImportRowError } from '../../../src/importers/import-errors';
import { DatasetImportService, type ImportWriters } from '../../../src/services/dataset-import.service';

/**
 * A fake interaction writer that refuses any write holding the item "poison", as DynamoDB
 * refuses a whole BatchWriteItem for one bad item: a fault the local stand-in cannot be made
 * to produce once rows are checked before they are written.
 */
function writersRefusingPoison(): { writers: ImportWriters; stored: Interaction[] } {
  const stored: Interaction[] = [];
  const interactions = {
    putInteractions: async (rows: readonly Interaction[]) => {
      if (rows.some((row) => row.itemId === 'poison')) throw new Error('ValidationException: Item size has exceeded the maximum allowed size');
      stored.push(...rows);
    },
    count: async () => stored.length,
    countByItem: async () => new Map<string, number>(),
  };
  const writers = {
    items: { count: async () => 0, setPopularity: async () => 0 },
    users: { count: async () => 0, ensureUsers: async () => 0 },
    interactions,
  } as unknown as ImportWriters;
  return { writers, stored };
}

function partOf(itemIds: readonly string[]): DatasetPart {
  return {
    kind: 'interactions',
    file: 'ratings.csv',
    totalBytes: 1,
    bytesRead: () => 1,
    async *rows(): AsyncGenerator<ParsedRow<Interaction>> {
      for (const [index, itemId] of itemIds.entries()) {
        yield { line: index + 2, value: { userId: 'u1', itemId, eventId: `e${index}`, type: 'RATE', eventType: 'rating', value: 4, occurredAt: 964_982_703_000 } };
      }
    },
  } as DatasetPart;
}

describe('DatasetImportService when a write is refused (fake writer: the fault the stand-in cannot produce)', () => {
  it('stores every other row of the refused block and stops at the one that cannot be stored, naming its line', async () => {
    const { writers, stored } = writersRefusingPoison();
    const run = new DatasetImportService(writers).importParts([partOf(['a', 'b', 'poison', 'c'])], { skipBadRows: false, blockSize: 10 });
    await expect(run).rejects.toThrow(new ImportRowError('ratings.csv', 4, 'could not be stored: ValidationException: Item size has exceeded the maximum allowed size'));
    expect(stored.map((row) => row.itemId)).toEqual(['a', 'b']);
  });

  it('with skipBadRows skips the row that cannot be stored and stores the rest', async () => {
    const { writers, stored } = writersRefusingPoison();
    const skipped: string[] = [];
    const summary = await new DatasetImportService(writers).importParts([partOf(['a', 'poison', 'b', 'c'])], { skipBadRows: true, blockSize: 10, onBadRow: (error) => skipped.push(error.message) });
    expect(stored.map((row) => row.itemId)).toEqual(['a', 'b', 'c']);
    expect(skipped).toEqual(['ratings.csv:3: could not be stored: ValidationException: Item size has exceeded the maximum allowed size']);
    expect(summary.parts[0]).toEqual(expect.objectContaining({ rows: 3, skipped: 1, added: 3 }));
  });
});

describe('DatasetImportService when storage is down (fake writer: an outage past the SDK retries)', () => {
  it('stops instead of skipping every row as bad, even with skipBadRows', async () => {
    const writers = {
      items: { count: async () => 0, setPopularity: async () => 0 },
      users: { count: async () => 0, ensureUsers: async () => 0 },
      interactions: {
        putInteractions: async () => {
          throw new DependencyUnavailableError('DynamoDB', 'connection refused');
        },
        count: async () => 0,
        countByItem: async () => new Map<string, number>(),
      },
    } as unknown as ImportWriters;
    const skipped: string[] = [];
    const run = new DatasetImportService(writers).importParts([partOf(['a', 'b'])], { skipBadRows: true, blockSize: 10, onBadRow: (error) => skipped.push(error.message) });
    await expect(run).rejects.toBeInstanceOf(DependencyUnavailableError);
    expect(skipped).toEqual([]);
  });
});
