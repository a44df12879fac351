/** One page of a cursor-paginated listing; cursors are opaque to everything but their adapter. */
export interface Page<T> {
  readonly nodes: readonly { readonly node: T; readonly cursor: string }[];
  readonly hasNextPage: boolean;
  /**
   * Where the next page starts when that is not the last node: a filtered listing that
   * stopped reading at its budget continues past rows it read but did not return.
   */
  readonly endCursor?: string;
}

export interface PageRequest {
  readonly first: number;
  readonly after: string | undefined;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
