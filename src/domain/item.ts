export type ItemId = string;

/** A catalogue entry. `attributes` keeps free metadata columns (year, imdb id, brand …) as text. */
export interface Item {
  readonly id: ItemId;
  readonly title: string;
  readonly categories: readonly string[];
  readonly attributes: Readonly<Record<string, string>>;
  /** When the item entered the catalogue, epoch milliseconds. */
  readonly createdAt: number;
  /** Number of interactions recorded for the item, rebuilt from the interaction log. */
  readonly popularity: number;
}

/** What an import writes: popularity is derived, never imported. */
export type ItemRecord = Omit<Item, 'popularity'>;
