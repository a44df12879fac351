import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Small MovieLens-shaped datasets, written by the tests where they need them: the project
 * commits no file that looks like a dataset, and every row here is invented.
 */
export const MOVIELENS_CSV = {
  movies: [
    'movieId,title,genres',
    '1,Harbor Lights (1995),Adventure|Animation|Children|Comedy|Fantasy',
    '2,The Long Orbit (1995),Adventure|Children|Fantasy',
    '50,"Usual Witnesses, The (1995)",Crime|Mystery|Thriller',
    '260,Star Pilots (1977),Action|Adventure|Sci-Fi',
    '1214,Cold Station (1979),Horror|Sci-Fi',
    '2571,"Mirror Code, The (1999)",Action|Sci-Fi|Thriller',
    '170705,Company of Friends (2001),Action|Drama|War',
    '176601,Glass Screens,(no genres listed)',
  ],
  ratings: [
    'userId,movieId,rating,timestamp',
    '1,1,4.0,964900001',
    '1,260,5.0,964900002',
    '1,1214,4.5,964900003',
    '1,2571,5.0,964900004',
    '2,1,3.5,1445700001',
    '2,2571,4.0,1445700002',
    '2,50,4.5,1445700003',
    '3,1214,5.0,1306400001',
    '3,260,4.0,1306400002',
    '3,2571,3.0,1306400003',
    '3,176601,4.0,1306400004',
  ],
};

export async function writeMovielensCsv(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  await writeFile(path.join(directory, 'movies.csv'), `${MOVIELENS_CSV.movies.join('\n')}\n`);
  await writeFile(path.join(directory, 'ratings.csv'), `${MOVIELENS_CSV.ratings.join('\n')}\n`);
  return directory;
}

const flags = (...genres: number[]): string => Array.from({ length: 19 }, (_, index) => (genres.includes(index) ? '1' : '0')).join('|');

/** MovieLens 100K's layout: u.item in Latin-1 with 19 genre flags, tab-separated u.data, u.user. */
export async function writeMovielens100k(directory: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const items = [
    `1|Harbor Lights (1995)|01-Jan-1995||http://example.org/harbor|${flags(3, 4, 5)}`,
    `2|The Long Orbit (1995)|01-Jan-1995||http://example.org/orbit|${flags(1, 2, 16)}`,
    `3|Misérables, Les (1995)|01-Jan-1995|||${flags(8, 12)}`,
    `4|"Nosferatu" (1922)|01-Jan-1922||http://example.org/nosferatu|${flags(11)}`,
  ];
  await writeFile(path.join(directory, 'u.item'), Buffer.from(`${items.join('\n')}\n`, 'latin1'));
  await writeFile(path.join(directory, 'u.data'), '196\t1\t3\t881250001\n186\t2\t3\t891710002\n196\t3\t1\t878880003\n22\t4\t2\t880600004\n186\t1\t5\t891710005\n');
  await writeFile(path.join(directory, 'u.user'), '196|49|M|writer|55105\n186|39|F|executive|00000\n22|25|M|writer|40206\n');
  return directory;
}

/** A fresh temporary directory holding both datasets: `<dir>/movielens-csv` and `<dir>/movielens-100k`. */
export async function writeMovielensFixtures(): Promise<{ root: string; csv: string; ml100k: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'recgate-fixtures-'));
  return { root, csv: await writeMovielensCsv(path.join(root, 'movielens-csv')), ml100k: await writeMovielens100k(path.join(root, 'movielens-100k')) };
}
