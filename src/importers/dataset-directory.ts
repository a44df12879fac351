import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ImportFileError } from './import-errors';

/** Where MovieLens is published; its licence does not let the project ship it. */
const MOVIELENS_SOURCE = 'MovieLens is at https://grouplens.org/datasets/movielens/ (download and unzip it, then give its folder)';

/**
 * The folder of a dataset given as the folder itself or as one of its files. A path that does
 * not exist is refused naming that path (absolute), not a file the import would have looked for beside it.
 */
export async function datasetDirectory(target: string, holds: string): Promise<string> {
  const info = await stat(target).catch(() => undefined);
  if (!info) throw new ImportFileError(path.resolve(target), `no such file or directory: give the folder holding ${holds}. ${MOVIELENS_SOURCE}`);
  return info.isDirectory() ? target : path.dirname(target);
}
