import type { Interaction, InteractionType } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';
import { SeededRandom } from '../support/seeded-random';

export interface DemoDatasetSize {
  readonly items: number;
  readonly users: number;
  /** Mean interactions per user. */
  readonly interactionsPerUser: number;
}

export const DEFAULT_DEMO_SIZE: DemoDatasetSize = { items: 400, users: 300, interactionsPerUser: 100 };

export interface DemoDataset {
  readonly items: ItemRecord[];
  readonly users: User[];
  readonly interactions: Interaction[];
}

const GENRES = ['Action', 'Adventure', 'Animation', 'Comedy', 'Crime', 'Documentary', 'Drama', 'Fantasy', 'Horror', 'Romance', 'Sci-Fi', 'Thriller'];
/** Taste clusters: users of a cluster mostly watch these genres. */
const CLUSTERS: readonly (readonly string[])[] = [
  ['Sci-Fi', 'Action'], ['Horror', 'Thriller'], ['Romance', 'Comedy'], ['Animation', 'Fantasy'],
  ['Documentary', 'Drama'], ['Crime', 'Thriller'], ['Adventure', 'Fantasy'], ['Drama', 'Romance'],
];
const ADJECTIVES = ['Silent', 'Crimson', 'Hidden', 'Last', 'Electric', 'Broken', 'Golden', 'Midnight', 'Frozen', 'Wild', 'Distant', 'Hollow', 'Burning', 'Secret', 'Iron', 'Paper'];
const NOUNS = ['Harbor', 'Signal', 'Garden', 'Empire', 'Orbit', 'Witness', 'Voyage', 'Lantern', 'Frontier', 'Echo', 'Kingdom', 'Machine', 'River', 'Mask', 'Summer', 'Tide'];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP', 'ES'];

const START = Date.UTC(2023, 0, 1);
const END = Date.UTC(2025, 11, 31);
const DAY = 86_400_000;

/**
 * Generates the built-in demo data: items with genres and release dates over three years,
 * users in taste clusters (stated interests included) and interactions that follow those
 * tastes and item appeal over time, in visits of a few items of one genre — real signal for
 * collaborative filtering and for session-based lists to find.
 * Deterministic: the same seed and size give the same rows.
 */
export function generateDemoDataset(seed: number, size: DemoDatasetSize = DEFAULT_DEMO_SIZE): DemoDataset {
  const random = new SeededRandom(seed);
  const items = generateItems(random, size.items);
  const appeal = items.map(() => Math.exp(random.next() * 3)); // long-tailed: a few items draw most views
  const users: User[] = [];
  const interactions: Interaction[] = [];
  for (let index = 0; index < size.users; index++) {
    const cluster = random.int(0, CLUSTERS.length - 1);
    const second = random.next() < 0.3 ? random.int(0, CLUSTERS.length - 1) : undefined;
    const tastes = new Set([...(CLUSTERS[cluster] ?? []), ...(second === undefined ? [] : CLUSTERS[second] ?? [])]);
    const userId = `u${String(index + 1).padStart(4, '0')}`;
    const joined = START + Math.floor(random.next() * (END - START) * 0.6);
    const interests = [...tastes].filter(() => random.next() < 0.8);
    users.push({
      id: userId,
      attributes: { country: random.pick(COUNTRIES), ...(interests.length > 0 ? { interests: interests.join('|') } : {}) },
    });
    const weights = items.map((item, itemIndex) => {
      const matches = item.categories.some((genre) => tastes.has(genre));
      return (appeal[itemIndex] ?? 1) * (matches ? 12 : 1) * (item.createdAt <= END ? 1 : 0);
    });
    interactions.push(...userInteractions(random, userId, joined, items, weights, size.interactionsPerUser, tastes));
  }
  return { items, users, interactions };
}

function generateItems(random: SeededRandom, count: number): ItemRecord[] {
  const items: ItemRecord[] = [];
  const titles = new Set<string>();
  for (let index = 0; index < count; index++) {
    const primary = random.pick(GENRES);
    const categories = new Set([primary]);
    if (random.next() < 0.5) categories.add(random.pick(GENRES));
    let title = `The ${random.pick(ADJECTIVES)} ${random.pick(NOUNS)}`;
    for (let sequel = 2; titles.has(title); sequel++) title = `${title.replace(/ \d+$/, '')} ${sequel}`;
    titles.add(title);
    const createdAt = START + Math.floor(random.next() * (END - START - 30 * DAY));
    items.push({
      id: `i${String(index + 1).padStart(4, '0')}`,
      title,
      categories: [...categories],
      attributes: { year: String(new Date(createdAt).getUTCFullYear()), runtimeMinutes: String(random.int(80, 160)) },
      createdAt,
    });
  }
  return items;
}

const MINUTE = 60_000;

/**
 * A user's events as visits: each visit follows one genre (one of the user's tastes, now and
 * then another) for two to five items a few minutes apart — the session structure that
 * session-based lists follow — drawn by the user's weights among that genre's items.
 */
function userInteractions(
  random: SeededRandom,
  userId: string,
  joined: number,
  items: readonly ItemRecord[],
  weights: number[],
  meanCount: number,
  tastes: ReadonlySet<string>,
): Interaction[] {
  const count = random.int(Math.round(meanCount * 0.4), Math.round(meanCount * 1.6));
  let total = weights.reduce((sum, weight) => sum + weight, 0);
  const liked = [...tastes];
  // Each genre's items and their weights still to draw (an item leaves every genre it is in once drawn).
  const byGenre = new Map(GENRES.map((genre) => [genre, { items: [] as number[], total: 0 }]));
  items.forEach((item, itemIndex) => {
    for (const category of item.categories) {
      const entry = byGenre.get(category);
      if (!entry) continue;
      entry.items.push(itemIndex);
      entry.total += weights[itemIndex] ?? 0;
    }
  });
  const draw = (genre: string): number | undefined => {
    const entry = byGenre.get(genre);
    if (entry && entry.total > 1e-9) {
      let threshold = random.next() * entry.total;
      for (const itemIndex of entry.items) {
        threshold -= weights[itemIndex] ?? 0;
        if (threshold < 0 && (weights[itemIndex] ?? 0) > 0) return itemIndex;
      }
    }
    const itemIndex = random.weightedIndex(weights, total);
    return (weights[itemIndex] ?? 0) > 0 ? itemIndex : undefined;
  };
  const events: Interaction[] = [];
  for (let visits = 0; events.length < count && total > 1e-9 && visits < 2 * count; visits++) {
    const genre = liked.length > 0 && random.next() < 0.85 ? random.pick(liked) : random.pick(GENRES);
    const visitLength = Math.min(count - events.length, random.int(2, 5));
    let at = -1;
    for (let step = 0; step < visitLength; step++) {
      const itemIndex = draw(genre);
      const item = itemIndex === undefined ? undefined : items[itemIndex];
      if (itemIndex === undefined || !item) break;
      const weight = weights[itemIndex] ?? 0;
      total -= weight;
      for (const category of item.categories) {
        const entry = byGenre.get(category);
        if (entry) entry.total -= weight;
      }
      weights[itemIndex] = 0; // each item once per user
      const from = Math.max(joined, item.createdAt);
      // The visit starts when its first item can be seen; the next ones follow minutes apart.
      at = at < 0 ? from + Math.floor(random.next() * Math.max(DAY, END - from)) : Math.max(at, from) + random.int(1, 8) * MINUTE;
      const type = pickType(random);
      const likedItem = item.categories.some((category) => tastes.has(category));
      events.push({
        userId,
        itemId: item.id,
        eventId: `demo:${type.toLowerCase()}:${item.id}`,
        type,
        eventType: type.toLowerCase(),
        value: valueFor(random, type, likedItem),
        occurredAt: at,
      });
    }
  }
  return events;
}

function pickType(random: SeededRandom): InteractionType {
  const draw = random.next();
  if (draw < 0.4) return 'VIEW';
  if (draw < 0.75) return 'WATCH';
  if (draw < 0.85) return 'LIKE';
  return 'RATE';
}

function valueFor(random: SeededRandom, type: InteractionType, liked: boolean): number | undefined {
  if (type === 'WATCH') return random.int(liked ? 1800 : 300, 7200);
  if (type === 'RATE') return liked ? random.int(3, 5) : random.int(1, 4);
  return undefined;
}
