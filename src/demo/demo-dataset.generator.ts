import type { Interaction, InteractionType } from '../domain/interaction';
import type { ItemRecord } from '../domain/item';
import type { User } from '../domain/user';
import { SeededRandom } from './seeded-random';

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
 * tastes and item appeal over time — real signal for collaborative filtering to find.
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
  const events: Interaction[] = [];
  for (let n = 0; n < count && total > 0; n++) {
    const itemIndex = random.weightedIndex(weights, total);
    const item = items[itemIndex];
    if (!item) break;
    total -= weights[itemIndex] ?? 0;
    weights[itemIndex] = 0; // each item once per user
    const from = Math.max(joined, item.createdAt);
    const occurredAt = from + Math.floor(random.next() * Math.max(DAY, END - from));
    const type = pickType(random);
    const liked = item.categories.some((genre) => tastes.has(genre));
    events.push({
      userId,
      itemId: item.id,
      eventId: `demo:${type.toLowerCase()}:${item.id}`,
      type,
      eventType: type.toLowerCase(),
      value: valueFor(random, type, liked),
      occurredAt,
    });
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
