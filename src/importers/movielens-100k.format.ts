import path from 'node:path';
import type { Interaction } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';
import { csvPart } from './csv-part';
import { datasetDirectory } from './dataset-directory';
import { openCsv, readFirstRecord, type CsvReadOptions } from './csv-records.reader';
import type { DatasetFormat, DatasetPart } from './dataset-format';
import { epochSeconds, finiteNumber, requiredId, startOfYearMs, yearInTitle, type Parsed } from './field-parsers';
import { ImportFileError } from './import-errors';

/** The 19 genre flags at the end of each u.item row, in the order of u.genre. */
const GENRES = [
  'unknown', 'Action', 'Adventure', 'Animation', "Children's", 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy',
  'Film-Noir', 'Horror', 'Musical', 'Mystery', 'Romance', 'Sci-Fi', 'Thriller', 'War', 'Western',
];
const ITEM_FIELDS = 5 + GENRES.length;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

// No header, no quoting (titles hold bare quotes), Latin-1 text.
const PIPES: CsvReadOptions = { delimiter: '|', quoted: false, encoding: 'latin1' };
const TABS: CsvReadOptions = { delimiter: '\t', quoted: false, encoding: 'latin1' };

/** MovieLens 100K: u.item (items), u.user when present (users), u.data (RATE events). */
export const movielens100kFormat: DatasetFormat = {
  name: 'movielens-100k',
  description: 'MovieLens 100K u.data + u.item (+ u.user when present): a directory holding them, or the path of u.data',
  async open(target: string): Promise<DatasetPart[]> {
    const directory = await datasetDirectory(target, 'u.item and u.data');
    const items = await openCsv(path.join(directory, 'u.item'), PIPES);
    const ratings = await openCsv(path.basename(target) === 'u.data' ? target : path.join(directory, 'u.data'), TABS);
    const users = await openCsv(path.join(directory, 'u.user'), PIPES).catch(() => undefined);
    for (const [source, expected, separator] of [[items, ITEM_FIELDS, '|'], [ratings, 4, 'tab']] as const) {
      const first = await readFirstRecord(source);
      if (first && first.length !== expected) {
        throw new ImportFileError(source.file, `not MovieLens 100K: the first row has ${first.length} fields, expected ${expected} (${separator}-separated, no header)`);
      }
    }
    return [
      csvPart('items', items, { hasHeader: false, minColumns: ITEM_FIELDS, maxColumns: ITEM_FIELDS, parse: parseItem }),
      ...(users ? [csvPart('users', users, { hasHeader: false, minColumns: 5, maxColumns: 5, parse: parseUser })] : []),
      csvPart('interactions', ratings, { hasHeader: false, minColumns: 4, maxColumns: 4, parse: parseRating }),
    ];
  },
};

function parseItem(fields: readonly string[]): Parsed<ItemRecord> {
  const id = requiredId('movie id', fields[0]);
  if (!id.ok) return id;
  const title = (fields[1] ?? '').trim();
  if (title === '') return { ok: false, reason: 'movie title is empty' };
  const flags = fields.slice(5);
  if (flags.some((flag) => flag !== '0' && flag !== '1')) return { ok: false, reason: 'genre flags must be 0 or 1' };
  const released = releaseDateMs(fields[2] ?? '');
  const year = yearInTitle(title);
  const attributes: Record<string, string> = {};
  if (year) attributes['year'] = String(year);
  if (fields[4]) attributes['imdbUrl'] = fields[4];
  return {
    ok: true,
    value: {
      id: id.value,
      title,
      categories: GENRES.filter((_, index) => flags[index] === '1' && index > 0),
      attributes,
      createdAt: released ?? (year ? startOfYearMs(year) : 0),
    },
  };
}

/** "01-Jan-1995" → epoch ms; undefined when empty or not a date. */
function releaseDateMs(raw: string): number | undefined {
  const match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(raw.trim());
  if (!match) return undefined;
  const month = MONTHS.indexOf((match[2] ?? '').toLowerCase());
  return month < 0 ? undefined : Date.UTC(Number(match[3]), month, Number(match[1]));
}

function parseUser(fields: readonly string[]): Parsed<User> {
  const id = requiredId('user id', fields[0]);
  if (!id.ok) return id;
  const [, age = '', gender = '', occupation = '', zip = ''] = fields;
  const attributes = Object.fromEntries(
    Object.entries({ age, gender, occupation, zip }).filter(([, value]) => value.trim() !== ''),
  );
  return { ok: true, value: { id: id.value, attributes } };
}

function parseRating(fields: readonly string[]): Parsed<Interaction> {
  const userId = requiredId('user id', fields[0]);
  if (!userId.ok) return userId;
  const itemId = requiredId('item id', fields[1]);
  if (!itemId.ok) return itemId;
  const rating = finiteNumber('rating', fields[2]);
  if (!rating.ok) return rating;
  if (rating.value < 1 || rating.value > 5) return { ok: false, reason: `rating ${rating.value} is outside 1–5` };
  const occurredAt = epochSeconds('timestamp', fields[3]);
  if (!occurredAt.ok) return occurredAt;
  return {
    ok: true,
    value: {
      userId: userId.value,
      itemId: itemId.value,
      eventId: `rating:${itemId.value}:${occurredAt.value / 1000}`,
      type: 'RATE',
      eventType: 'rating',
      value: rating.value,
      occurredAt: occurredAt.value,
    },
  };
}
