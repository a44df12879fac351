import type { Interaction } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';

/** A row of a file: its value, or the reason it is malformed. */
export type ParsedRow<T> =
  | { readonly line: number; readonly value: T }
  | { readonly line: number; readonly error: string };

interface PartOf<K extends string, T> {
  readonly kind: K;
  readonly file: string;
  readonly totalBytes: number;
  bytesRead(): number;
  rows(): AsyncGenerator<ParsedRow<T>>;
}

export type DatasetPart =
  | PartOf<'items', ItemRecord>
  | PartOf<'users', User>
  | PartOf<'interactions', Interaction>;

/**
 * A dataset format opens a path (a directory or a file) and returns its parts in the order
 * they must be written (items, users, then interactions). Opening checks that the files
 * exist and their headers are right, so a wrong format fails before anything is written.
 */
export interface DatasetFormat {
  readonly name: string;
  readonly description: string;
  open(path: string): Promise<DatasetPart[]>;
}
