import { randomUUID } from 'node:crypto';
import type { ExperimentExposure } from '../domain/experiment';
import type { Item, ItemId } from '../domain/item';
import type { ExplanationKind, FallbackReason, RankedItem, RecommendationList, RecommendationSource, Strategy } from '../domain/recommendation';
import type { User } from '../domain/user';
import type { RecommendationListStore } from '../ports/recommendation-list-store.port';
import type { ProfileAttributes } from '../ports/user-profile.port';
import { rethrowFirstError } from '../support/batch-results';
import { explanationOf } from './explanation.text';

/** Per-request readers, so items and users come through the request's DataLoaders. */
export interface RequestReaders {
  readonly items: (ids: readonly ItemId[]) => Promise<(Item | null | Error)[]>;
  readonly user: (id: string) => Promise<User | null>;
  /** The user's profile in the user pool (e.g. `custom:interests`), when one is configured; null when there is none. */
  readonly profile?: (id: string) => Promise<ProfileAttributes | null>;
}

export interface ServedExplanation {
  readonly kind: ExplanationKind;
  readonly text: string;
  readonly becauseOf: Item | undefined;
  readonly category: string | undefined;
}

export interface ServedItem {
  readonly item: Item;
  readonly rank: number;
  readonly score: number;
  readonly source: RecommendationSource;
  readonly explanations: readonly ServedExplanation[];
}

export interface ServedRecommendations {
  readonly list: RecommendationList;
  readonly items: readonly ServedItem[];
}

/** What a strategy decided for one request, before its items are read. */
export interface ServedOutcome {
  readonly userId: string | undefined;
  readonly request: { readonly strategy: Strategy; readonly context: Readonly<Record<string, string>>; readonly store?: boolean; readonly experiment?: ExperimentExposure };
  readonly strategyServed: Strategy;
  readonly fallbackReason: FallbackReason | undefined;
  readonly modelVersion: string;
  readonly ranked: readonly RankedItem[];
  readonly limit: number;
  readonly categories: readonly string[];
  readonly personalizeRecommendationId: string | undefined;
}

/** Turns a ranked list into the served one: its items read, filtered, explained and stored. */
export class ServedListAssembler {
  constructor(
    private readonly lists: RecommendationListStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Round 3 and the end of a request: reads the ranked items and the history items their
   * explanations name (one batch), keeps those the catalogue has and the filter wants, up to
   * the limit, explains each, and stores the list under the id clients echo back.
   */
  async assemble(
    outcome: ServedOutcome,
    readers: RequestReaders,
  ): Promise<ServedRecommendations> {
    const { userId, request, strategyServed, fallbackReason, ranked, limit, categories } = outcome;
    // Round 3: the items (candidates and the history items named in explanations), in one batch.
    const becauseIds = ranked.flatMap((entry) => entry.reasons.flatMap((reason) => (reason.becauseOf ? [reason.becauseOf] : [])));
    const ids = [...new Set([...ranked.map((entry) => entry.itemId), ...becauseIds])];
    const loaded = rethrowFirstError(await readers.items(ids));
    const items = new Map<ItemId, Item>();
    for (const item of loaded) if (item) items.set(item.id, item);

    const wanted = new Set(categories);
    const served = ranked
      .filter((entry) => items.has(entry.itemId))
      .filter((entry) => wanted.size === 0 || (items.get(entry.itemId)?.categories ?? []).some((category) => wanted.has(category)))
      .slice(0, limit)
      .map((entry, index) => servedItem(entry, index + 1, items));

    const list: RecommendationList = {
      id: randomUUID(),
      userId,
      strategyRequested: request.strategy,
      strategyServed,
      fallbackReason,
      modelVersion: outcome.modelVersion,
      generatedAt: this.clock(),
      items: served.map((entry) => ({ itemId: entry.item.id, rank: entry.rank, score: entry.score, source: entry.source })),
      context: request.context,
      personalizeRecommendationId: outcome.personalizeRecommendationId,
      ...(request.experiment ? { experiment: request.experiment } : {}),
    };
    if (request.store !== false) await this.lists.save(list);
    return { list, items: served };
  }
}

function servedItem(entry: RankedItem, rank: number, items: ReadonlyMap<ItemId, Item>): ServedItem {
  const item = items.get(entry.itemId) as Item;
  return {
    item,
    rank,
    score: Math.round(entry.score * 1e6) / 1e6,
    source: entry.source,
    explanations: entry.reasons.map((reason) => {
      const becauseOf = reason.becauseOf ? items.get(reason.becauseOf) : undefined;
      const { kind, text } = explanationOf(reason, becauseOf?.title);
      return { kind, text, becauseOf, category: reason.category };
    }),
  };
}
