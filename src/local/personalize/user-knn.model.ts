import type { CatalogueEntry } from '../../models/baseline.trainer';
import type { Positive } from '../../models/interaction-matrix';

export interface ScoredItem {
  readonly itemId: string;
  readonly score: number;
}

const NEIGHBOURS = 50;

/**
 * The local Personalize's model: user-based collaborative filtering (the users most like
 * you, by cosine of item sets, and what they watched) — on purpose not the baseline's
 * item-based models, so that comparing the two strategies means something. Events sent
 * with PutEvents join the user's history at once.
 */
export class UserKnnModel {
  private readonly itemsOfUser = new Map<string, Set<string>>();
  private readonly usersOfItem = new Map<string, Set<string>>();
  private readonly categories = new Map<string, readonly string[]>();

  constructor(positives: Iterable<Positive>, catalogue: Iterable<CatalogueEntry>) {
    for (const item of catalogue) this.categories.set(item.id, item.categories);
    for (const positive of positives) this.add(positive.userId, positive.itemId);
  }

  add(userId: string, itemId: string): void {
    let items = this.itemsOfUser.get(userId);
    if (!items) this.itemsOfUser.set(userId, (items = new Set()));
    items.add(itemId);
    let users = this.usersOfItem.get(itemId);
    if (!users) this.usersOfItem.set(itemId, (users = new Set()));
    users.add(userId);
  }

  knows(userId: string): boolean {
    return (this.itemsOfUser.get(userId)?.size ?? 0) > 0;
  }

  seen(userId: string): ReadonlySet<string> {
    return this.itemsOfUser.get(userId) ?? new Set();
  }

  categoriesOf(itemId: string): readonly string[] {
    return this.categories.get(itemId) ?? [];
  }

  /**
   * Every item the model can score for the user, best first. The user's own items are not
   * left out: as with the real service, that takes a filter (Interactions.EVENT_TYPE IN ("*")).
   */
  recommend(userId: string): ScoredItem[] {
    const mine = this.itemsOfUser.get(userId);
    if (!mine || mine.size === 0) return this.popular();
    const overlap = new Map<string, number>();
    for (const itemId of mine) {
      for (const other of this.usersOfItem.get(itemId) ?? []) if (other !== userId) overlap.set(other, (overlap.get(other) ?? 0) + 1);
    }
    const neighbours = [...overlap.entries()]
      .map(([other, shared]) => ({ other, similarity: shared / Math.sqrt(mine.size * (this.itemsOfUser.get(other)?.size ?? 1)) }))
      .sort((a, b) => b.similarity - a.similarity || (a.other < b.other ? -1 : 1))
      .slice(0, NEIGHBOURS);
    const scores = new Map<string, number>();
    for (const { other, similarity } of neighbours) {
      for (const itemId of this.itemsOfUser.get(other) ?? []) scores.set(itemId, (scores.get(itemId) ?? 0) + similarity);
    }
    return sortScores(scores);
  }

  /** Items most often watched with this one, lifted by the square root of their own popularity (SIMS). */
  similarTo(itemId: string): ScoredItem[] {
    const scores = new Map<string, number>();
    for (const userId of this.usersOfItem.get(itemId) ?? []) {
      for (const other of this.itemsOfUser.get(userId) ?? []) if (other !== itemId) scores.set(other, (scores.get(other) ?? 0) + 1);
    }
    for (const [other, together] of scores) scores.set(other, together / Math.sqrt(this.usersOfItem.get(other)?.size ?? 1));
    return sortScores(scores);
  }

  popular(): ScoredItem[] {
    const scores = new Map<string, number>();
    for (const [itemId, users] of this.usersOfItem) scores.set(itemId, users.size);
    return sortScores(scores);
  }
}

function sortScores(scores: Map<string, number>): ScoredItem[] {
  const list = [...scores.entries()].map(([itemId, score]) => ({ itemId, score }));
  list.sort((a, b) => b.score - a.score || (a.itemId < b.itemId ? -1 : 1));
  const top = list[0]?.score ?? 1;
  // Personalize's scores are in (0, 1]: normalised by the best.
  return list.map((entry) => ({ itemId: entry.itemId, score: Math.round((entry.score / top) * 1e4) / 1e4 }));
}
