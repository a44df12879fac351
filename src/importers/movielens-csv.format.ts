import path from 'node:path';
import type { Interaction } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import { csvPart } from './csv-part';
import { datasetDirectory } from './dataset-directory';
import { openCsv, readFirstRecord } from './csv-records.reader';
import type { DatasetFormat, DatasetPart } from './dataset-format';
import { epochSeconds, finiteNumber, headerMismatch, requiredId, startOfYearMs, yearInTitle, type Parsed } from './field-parsers';
import { ImportFileError } from './import-errors';

const MOVIES_HEADER = ['movieId', 'title', 'genres'];
const RATINGS_HEADER = ['userId', 'movieId', 'rating', 'timestamp'];
const NO_GENRES = '(no genres listed)';

/**
 * MovieLens "latest" CSVs (ml-latest-small and ml-latest): movies.csv becomes items (genres
 * as categories, release year as attribute and createdAt), ratings.csv becomes RATE events.
 */
export const movielensCsvFormat: DatasetFormat = {
  name: 'movielens-csv',
  description: 'MovieLens ratings.csv + movies.csv (a directory holding both, or the path of ratings.csv)',
  async open(target: string): Promise<DatasetPart[]> {
    const directory = await datasetDirectory(target, 'movies.csv and ratings.csv');
    const movies = await openCsv(path.join(directory, 'movies.csv'));
    const ratings = await openCsv(path.basename(target) === 'ratings.csv' ? target : path.join(directory, 'ratings.csv'));
    for (const [source, header] of [[movies, MOVIES_HEADER], [ratings, RATINGS_HEADER]] as const) {
      const mismatch = headerMismatch(await readFirstRecord(source), header);
      if (mismatch) throw new ImportFileError(source.file, `not a MovieLens CSV: ${mismatch}`);
    }
    return [
      csvPart('items', movies, { hasHeader: true, minColumns: 3, maxColumns: 3, parse: parseMovie }),
      csvPart('interactions', ratings, { hasHeader: true, minColumns: 4, maxColumns: 4, parse: parseRating }),
    ];
  },
};

function parseMovie(fields: readonly string[]): Parsed<ItemRecord> {
  const [rawId, rawTitle = '', rawGenres = ''] = fields;
  const id = requiredId('movieId', rawId);
  if (!id.ok) return id;
  const title = rawTitle.trim();
  if (title === '') return { ok: false, reason: 'title is empty' };
  const year = yearInTitle(title);
  const categories = rawGenres === NO_GENRES ? [] : rawGenres.split('|').map((genre) => genre.trim()).filter(Boolean);
  return {
    ok: true,
    value: {
      id: id.value,
      title,
      categories,
      attributes: year ? { year: String(year) } : {},
      createdAt: year ? startOfYearMs(year) : 0,
    },
  };
}

function parseRating(fields: readonly string[]): Parsed<Interaction> {
  const [rawUser, rawMovie, rawRating, rawTimestamp] = fields;
  const userId = requiredId('userId', rawUser);
  if (!userId.ok) return userId;
  const itemId = requiredId('movieId', rawMovie);
  if (!itemId.ok) return itemId;
  const rating = finiteNumber('rating', rawRating);
  if (!rating.ok) return rating;
  if (rating.value < 0 || rating.value > 5) return { ok: false, reason: `rating ${rating.value} is outside 0–5` };
  const occurredAt = epochSeconds('timestamp', rawTimestamp);
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
