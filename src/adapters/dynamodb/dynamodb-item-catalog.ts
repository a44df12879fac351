import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Item, ItemId, ItemRecord } from '../../domain/item';
import type { Page, PageRequest } from '../../domain/page';
import type { ItemCatalog, ItemCatalogWriter, ItemFilter } from '../../ports/item-catalog.port';
import { batchGetRows, type Row } from './batch-get';
import { batchPutRows } from './batch-write';
import { dedupeByKey } from './dedupe-by-key';
import { CursorCodec } from './dynamodb-cursor';
import { countRows, scanAll } from './scan-all';
import { stringRecord } from './string-record';
import { CATALOG_PARTITION, ITEMS_BY_CREATED_INDEX } from './table-names';

const LISTING = 'items';
const CURSOR_FIELDS = { itemId: 'S', catalog: 'S', createdAt: 'N' } as const;
/** Rows read per Query while a filter is looking for matches. */
const FILTERED_READ_PAGE = 200;

export interface ItemCatalogOptions {
  /**
   * Most rows one filtered page may read. A filter that matches little would otherwise read
   * the whole catalogue in one request; at the budget the page returns what it found, with
   * hasNextPage and a cursor that continues where the reading stopped.
   */
  readonly filteredReadBudget: number;
  /** Signs and checks the page cursors (one per deployment, so any instance accepts another's). */
  readonly cursors?: CursorCodec;
}

export class DynamoDbItemCatalog implements ItemCatalog, ItemCatalogWriter {
  private readonly cursors: CursorCodec;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: ItemCatalogOptions = { filteredReadBudget: 2000 },
  ) {
    this.cursors = options.cursors ?? new CursorCodec();
  }

  async getItems(ids: readonly ItemId[]): Promise<(Item | null | Error)[]> {
    const rows = await batchGetRows(this.doc, this.tableName, 'itemId', ids);
    return ids.map((id) => {
      const row = rows.get(id);
      if (row instanceof Error) return row;
      return row ? itemFromRow(row) : null;
    });
  }

  async listItems(filter: ItemFilter, page: PageRequest): Promise<Page<Item>> {
    const startKey = page.after ? this.cursors.decode(LISTING, page.after, CURSOR_FIELDS) : undefined;
    const expression = filterExpression(filter);
    const matches: Row[] = [];
    let rowsRead = 0;
    let exclusiveStartKey: Row | undefined = startKey;
    do {
      const limit = expression ? Math.min(FILTERED_READ_PAGE, this.options.filteredReadBudget - rowsRead) : page.first + 1;
      const response = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: ITEMS_BY_CREATED_INDEX,
          KeyConditionExpression: '#catalog = :catalog',
          ScanIndexForward: false,
          Limit: limit,
          ExclusiveStartKey: exclusiveStartKey,
          ExpressionAttributeNames: { '#catalog': 'catalog', ...expression?.names },
          ExpressionAttributeValues: { ':catalog': CATALOG_PARTITION, ...expression?.values },
          ...(expression ? { FilterExpression: expression.text } : {}),
        }),
      );
      matches.push(...(response.Items ?? []));
      rowsRead += response.ScannedCount ?? 0;
      exclusiveStartKey = response.LastEvaluatedKey;
    } while (exclusiveStartKey && matches.length <= page.first && (!expression || rowsRead < this.options.filteredReadBudget));

    const returned = matches.slice(0, page.first);
    const nodes = returned.map((row) => ({ node: itemFromRow(row), cursor: this.cursorOf(row) }));
    if (matches.length <= page.first && exclusiveStartKey) {
      // Stopped at the read budget: more rows may match past the last one read.
      return { nodes, hasNextPage: true, endCursor: this.cursorOf(exclusiveStartKey) };
    }
    return { nodes, hasNextPage: matches.length > page.first };
  }

  async putItems(items: readonly ItemRecord[]): Promise<void> {
    const unique = dedupeByKey(items, (item) => item.id);
    const stored = await batchGetRows(this.doc, this.tableName, 'itemId', unique.map((item) => item.id));
    const rows = unique.map((item) => {
      const existing = stored.get(item.id);
      if (existing instanceof Error) throw existing;
      return itemToRow(item, existing ? Number(existing['popularity'] ?? 0) : 0);
    });
    await batchPutRows(this.doc, this.tableName, rows);
  }

  async setPopularity(counts: ReadonlyMap<ItemId, number>): Promise<number> {
    // Whole rows are rewritten with BatchWriteItem (25 a call): on a catalogue of thousands
    // that is an order of magnitude fewer calls than one UpdateItem per item. The rebuild
    // runs offline (imports, training), so nothing else writes these rows meanwhile.
    const changed: Row[] = [];
    await scanAll(this.doc, this.tableName, [], (row) => {
      const popularity = counts.get(String(row['itemId'])) ?? 0;
      if (Number(row['popularity'] ?? 0) !== popularity) changed.push({ ...row, popularity });
    });
    await batchPutRows(this.doc, this.tableName, changed);
    return changed.length;
  }

  scanItems(visit: (item: Item) => void): Promise<void> {
    return scanAll(this.doc, this.tableName, [], (row) => visit(itemFromRow(row)));
  }

  scanCatalogue(visit: (item: Pick<ItemRecord, 'id' | 'categories' | 'createdAt'>) => void): Promise<void> {
    return scanAll(this.doc, this.tableName, ['itemId', 'categories', 'createdAt'], (row) =>
      visit({
        id: String(row['itemId']),
        categories: Array.isArray(row['categories']) ? row['categories'].map(String) : [],
        createdAt: Number(row['createdAt'] ?? 0),
      }),
    );
  }

  count(): Promise<number> {
    return countRows(this.doc, this.tableName);
  }

  private cursorOf(row: Row): string {
    return this.cursors.encode(LISTING, { itemId: String(row['itemId']), catalog: CATALOG_PARTITION, createdAt: Number(row['createdAt']) });
  }
}

interface FilterExpression {
  readonly text: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, string>;
}

// Attribute names go through placeholders: DynamoDB reserves hundreds of words.
function filterExpression(filter: ItemFilter): FilterExpression | undefined {
  const clauses: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const categories = filter.categories ?? [];
  if (categories.length > 0) {
    names['#categories'] = 'categories';
    clauses.push(`(${categories.map((_, index) => `contains(#categories, :category${index})`).join(' OR ')})`);
    categories.forEach((category, index) => (values[`:category${index}`] = category));
  }
  if (filter.search) {
    names['#titleLower'] = 'titleLower';
    clauses.push('contains(#titleLower, :search)');
    values[':search'] = filter.search.toLowerCase();
  }
  return clauses.length > 0 ? { text: clauses.join(' AND '), names, values } : undefined;
}


function itemToRow(item: ItemRecord, popularity: number): Row {
  return {
    itemId: item.id,
    catalog: CATALOG_PARTITION,
    title: item.title,
    titleLower: item.title.toLowerCase(),
    categories: [...item.categories],
    attributes: { ...item.attributes },
    createdAt: item.createdAt,
    popularity,
  };
}

function itemFromRow(row: Row): Item {
  return {
    id: String(row['itemId']),
    title: String(row['title'] ?? ''),
    categories: Array.isArray(row['categories']) ? row['categories'].map(String) : [],
    attributes: stringRecord(row['attributes']),
    createdAt: Number(row['createdAt'] ?? 0),
    popularity: Number(row['popularity'] ?? 0),
  };
}
